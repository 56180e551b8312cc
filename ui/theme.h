/* theme: colour roles crossed with themes (colour, monochrome). */
#ifndef VENVDEX_UI_THEME_H
#define VENVDEX_UI_THEME_H

#define UI_ROLES(X) \
	X(TITLE, "title") X(HEADER, "header") X(CURSOR, "cursor") \
	X(NORMAL, "normal") X(DIM, "dim") X(BROKEN, "broken") X(STALE, "stale") \
	X(EDITABLE, "editable") X(MATCH, "match") X(STATUS, "status") \
	X(ERROR, "error") X(FOOTER, "footer") X(KEY, "key") X(MARKED, "marked") \
	X(ADDED, "added") X(REMOVED, "removed") X(CHANGED, "changed")

enum role {
#define X(id, name) ROLE_##id,
	UI_ROLES(X)
#undef X
	ROLE_COUNT
};

/*
 * Reads the "color" and "mono" lines of the defaults ("bind" lines are
 * cmd_defaults()'s). Call after initscr(); mono picks the monochrome theme.
 * Returns -1 and *line with the number of a bad line.
 */
int	 theme_load(const char *conf, int mono, int *line);
/* The curses attributes of a role. */
int	 theme_attr(enum role);

#endif
