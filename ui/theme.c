/* theme: colour roles, the colour theme and the monochrome one. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "theme.h"
#include "util.h"

static const char *role_names[] = {
#define X(id, name) [ROLE_##id] = name,
	UI_ROLES(X)
#undef X
};

static int	attrs[ROLE_COUNT];

static int
role_find(const char *name)
{
	int	r;

	for (r = 0; r < ROLE_COUNT; r++)
		if (strcmp(role_names[r], name) == 0)
			return r;
	return -1;
}

static int
color_find(const char *name)
{
	static const char *names[] = { "black", "red", "green", "yellow", "blue",
	    "magenta", "cyan", "white" };
	size_t	i;

	if (strcmp(name, "default") == 0)
		return -1;
	for (i = 0; i < nitems(names); i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -2;
}

static int
attr_find(const char *name)
{
	if (strcmp(name, "bold") == 0)
		return A_BOLD;
	if (strcmp(name, "dim") == 0)
		return A_DIM;
	if (strcmp(name, "reverse") == 0)
		return A_REVERSE;
	if (strcmp(name, "underline") == 0)
		return A_UNDERLINE;
	return -1;
}

int
theme_load(const char *conf, int mono, int *lineno)
{
	char	*copy = xstrdup(conf), *line, *next, *w[8];
	int	 n, r, a, fg, bg, pair = 1, i, rc = 0;

	*lineno = 0;
	for (line = copy; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		(*lineno)++;
		for (n = 0; n < 8 && (w[n] = strtok(n == 0 ? line : NULL, " \t")) != NULL; n++)
			;
		if (n == 0 || w[0][0] == '#')
			continue;
		if (strcmp(w[0], "bind") == 0)
			continue;	/* cmd_defaults() reads those */
		if (strcmp(w[0], "color") == 0 && n >= 4) {
			if ((r = role_find(w[1])) == -1 ||
			    (fg = color_find(w[2])) == -2 || (bg = color_find(w[3])) == -2)
				goto bad;
			for (a = 0, i = 4; i < n; i++) {
				if (attr_find(w[i]) == -1)
					goto bad;
				a |= attr_find(w[i]);
			}
			if (!mono && pair < COLOR_PAIRS) {
				init_pair((short)pair, (short)fg, (short)bg);
				attrs[r] = (int)COLOR_PAIR(pair) | a;
				pair++;
			}
		} else if (strcmp(w[0], "mono") == 0 && n >= 2) {
			if ((r = role_find(w[1])) == -1)
				goto bad;
			for (a = 0, i = 2; i < n; i++) {
				if (attr_find(w[i]) == -1)
					goto bad;
				a |= attr_find(w[i]);
			}
			if (mono)
				attrs[r] = a;
		} else
			goto bad;
	}
	free(copy);
	return rc;
bad:
	free(copy);
	return -1;
}

int
theme_attr(enum role r)
{
	return r >= 0 && r < ROLE_COUNT ? attrs[r] : 0;
}
