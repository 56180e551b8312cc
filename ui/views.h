/* views: the browser's state shared by ui.c and the views. */
#ifndef VENVDEX_UI_VIEWS_H
#define VENVDEX_UI_VIEWS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "list.h"
#include "theme.h"

struct index;

struct ui {
	struct index	*ix;
	struct view	*top;		/* the view on screen; ->prev below it */
	char		 status[512];	/* the message line */
	int		 status_err;
	char		**marks;	/* the marked environments, in the order marked */
	size_t		 nmarks;	/* (the last is diff's) */
	char		*goto_env;	/* the environments view's cursor goes there on open */
	char		**which;	/* the commands the which view explains */
	size_t		 nwhich;
	char		*python_env;	/* where python and pip run now (NULL: nowhere */
	char		*pip_env;	/* known), found after the first paint ... */
	int		 marks_due;	/* ... and again after a reload */
	int64_t		 dupes_wasted;	/* bytes, found with the marks; -1: not yet */
	int64_t		 now;
	int		 rows, cols;
	FILE		*timings;	/* VENVDEX_TIMINGS: for bench/ */
};

/* The loop's pieces, for ui.c, prompt.c and view-scan.c. */
#define UI_MIN_COLS	40
#define UI_MIN_ROWS	10
#define UI_KEY_NONE	(-1)
#define UI_KEY_FN	CMD_KEY_FN	/* marks curses function-key codes */
/*
 * The one place that reads keys: a resize (SIGWINCH or KEY_RESIZE) goes
 * through ui_react() and paint; a signal returns UI_KEY_FN|KEY_EXIT. Returns
 * a character, UI_KEY_FN|code for a function key, or UI_KEY_NONE when
 * timeout_ms passed (-1: wait).
 */
int	 ui_getkey(struct ui *, int timeout_ms, void (*paint)(struct ui *));
/* Paints the top view, its title bar and the status line. */
void	 ui_draw(struct ui *);
/* The one place that acts on REACT_* flags; returns REACT_QUIT when it is time to go. */
int	 ui_react(struct ui *, int flags);
/* Milliseconds on a monotonic clock (for timings). */
double	 ui_ms_now(void);
/* Moves the engine's messages waiting (msg.h) to the status line; 1 if any. */
int	 ui_messages(struct ui *);

/* Sets the message line. */
void	 ui_status(struct ui *, int error, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Opens a view over data (owned by the view from now on) and shows it; 0, or -1. */
int	 ui_push(struct ui *, const struct view_ops *, void *data);
/* Starts the filter prompt on the top view (prompt.c). */
void	 ui_filter_prompt(struct ui *);
/* Asks for a line at the bottom; allocated answer, or NULL when cancelled (prompt.c). */
char	*ui_prompt(struct ui *, const char *label);
/*
 * Scans the default roots on the scan screen (view-scan.c) and says on the
 * status line what was written. Returns 0, or -1 when it was refused (a
 * read-only index): nothing to reload.
 */
int	 view_scan_run(struct ui *);
/* The commands a view about one environment (env) shares: mark, diff, diff-file, log, shell, pip. */
int	 ui_env_command(struct ui *, enum cmd, const char *env);
/* Whether env is marked. */
int	 ui_marked(struct ui *, const char *env);
/* Unmarks env (it is gone). */
void	 ui_unmark(struct ui *, const char *env);

/*
 * The actions (action.c); each returns REACT_* flags. Create asks for a
 * folder and a python; shell and pip give the terminal to a child, then
 * show what changed in env's packages; delete asks first, listing each
 * environment with its size and any refusal.
 */
int	 action_create(struct ui *);
int	 action_shell(struct ui *, const char *env);
int	 action_pip(struct ui *, const char *env);
int	 action_delete(struct ui *, char *const *envs, size_t n);
/*
 * Gives the terminal to argv (endwin, run_wait in the foreground, then the
 * screen back and redrawn); note (if not NULL) is printed first. With
 * wait, asks for Enter before the screen comes back. Returns run_wait()'s.
 */
int	 ui_run_fg(struct ui *, char *const *argv, char *const *envp, const char *note,
	    int wait, char **err);
/*
 * A dialog over the screen: title, lines with their roles, then question;
 * returns 1 when y is pressed, 0 for anything else (the default is no).
 */
int	 ui_confirm(struct ui *, const char *title, char *const *lines, const int *roles,
	    size_t n, const char *question);
/* The cleanup candidates (view-stale.c). */
int	 view_stale_push(struct ui *);

/* A column of a table view; the last column takes the width that is left. */
struct col {
	const char	*title;
	int		 width;
	int		 right;
};
/*
 * Draws cells in columns at row y. Matches of rx are highlighted in column
 * rxcol. The header form passes the titles as cells with the header role.
 */
void	 ui_cols(int y, int w, const struct col *, size_t n, const char *const *cells,
	    int attr, struct rx *rx, size_t rxcol);
/* Widens cols[i] (up to max) to fit text. */
void	 ui_fit(struct col *, const char *text, int max);
/* The sort mark for a header title: "NAME^" style, into buf. */
const char *ui_sort_title(const char *title, int sorted, int reverse, char *buf,
	    size_t sz);

/* The views. Each push function opens one over the index. */
int	 view_envs_push(struct ui *);
/*
 * The environments view's slow marks (STATUS deps and !vuln), found and
 * drawn after the first paint, as ui's other marks.
 */
void	 view_envs_marks(struct ui *);
int	 view_pkgs_push(struct ui *, const char *env_path);
int	 view_pkg_push(struct ui *, const char *env_path, const char *norm);
int	 view_find_push(struct ui *);
int	 view_dupes_push(struct ui *);
/* The bytes duplicates waste in the index (view-dupes.c), or -1 when unknown. */
int64_t	 view_dupes_wasted(struct index *);
/* The known vulnerabilities by advisory; Enter lists the environments (view-audit.c). */
int	 view_audit_push(struct ui *);
int	 view_help_push(struct ui *);
int	 view_which_push(struct ui *);
/* Compares a with b (an environment path, or for b a file when b_file). */
int	 view_diff_push(struct ui *, const char *a, const char *b, int b_file);
int	 view_log_push(struct ui *, const char *env);
/* The environments python and pip run now, for the marks in the environments view. */
void	 view_which_marks(char **python_env, char **pip_env);

/* A scrollable page of text lines; Enter on a line with a target opens it. */
struct text_line {
	char	*text;		/* terminal-safe */
	int	 role;
	char	*env;		/* with norm: opens that package; alone: that environment */
	char	*norm;
};
struct text_page;
struct text_page *text_new(const char *title);
void	 text_add(struct text_page *, int role, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Adds text (from disk: made terminal-safe), wrapped at width, with prefix on every line. */
void	 text_add_wrapped(struct text_page *, int role, const char *prefix,
	    const char *text, int width);
void	 text_target(struct text_page *, const char *env, const char *norm);
/* The number of lines so far; text_target_from() sets the target of lines first.. */
size_t	 text_count(struct text_page *);
void	 text_target_from(struct text_page *, size_t first, const char *env,
	    const char *norm);
/* Drops every line (to build the page again in place; then return REACT_REOPEN). */
void	 text_clear(struct text_page *);
/* The next open of the page puts the cursor on its last line. */
void	 text_goto_last(struct text_page *);
/* Gives the page's view commands of its own (sort and such, or "which" in the which view). */
void	 text_set_key(struct text_page *, int (*key)(struct view *, enum cmd));
int	 text_push(struct ui *, struct text_page *);

#endif
