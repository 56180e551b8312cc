/*
 * list: the one list engine every view is drawn by. A view supplies rows
 * through its view_ops; the engine keeps the order (tig's sort_state: the
 * column sorted by and the direction), the regular-expression filter, the
 * cursor and scrolling, and keeps the cursor on its row when the order, the
 * filter or the data change. list.c needs no terminal (tests link it);
 * list-draw.c draws the header, rows and footer with curses.
 */
#ifndef VENVDEX_UI_LIST_H
#define VENVDEX_UI_LIST_H

#include <stddef.h>

#include "cmd.h"

struct col;
struct rx;
struct ui;
struct view;

/* What a handler asks of the main loop; one place (ui_react() in ui.c) acts on it. */
enum {
	REACT_NONE = 0,
	REACT_REDRAW = 0x1,	/* paint again */
	REACT_RELOAD = 0x2,	/* the data changed: reopen every view */
	REACT_BACK = 0x4,	/* close this view */
	REACT_QUIT = 0x8,
	REACT_REOPEN = 0x10,	/* reopen this view only (its data changed) */
	REACT_RESCAN = 0x20,	/* scan the default roots, then reload */
	REACT_RESIZE = 0x40	/* the terminal's size may have changed */
};

#define LIST_NONE	((size_t)-1)

/* A column the rows can be sorted by: its id for compare(), its title. */
struct list_sort_col {
	int		 col;
	const char	*title;
};

struct view_ops {
	const char *name;
	/* Loads the rows; sets v->nrows. Returns 0, or -1 with a message in ui status. */
	int	 (*open)(struct view *);
	/* Frees what open made; the data stays for the next open. */
	void	 (*done)(struct view *);
	/* Frees the data when the view closes (NULL: free(data)). */
	void	 (*free)(void *);
	/* The title bar text. */
	void	 (*title)(struct view *, char *, size_t);
	/* Column titles at row y (NULL: the view has none). */
	void	 (*header)(struct view *, int y, int width);
	/* Draws row (an index below nrows) at y; selected is the cursor line. */
	void	 (*draw)(struct view *, size_t row, int y, int width, int selected);
	/* The text the filter matches for row. */
	const char *(*text)(struct view *, size_t row);
	/* What the list says when it has no rows (NULL: "(empty)"). */
	const char *(*empty)(struct view *);
	/* The totals line (NULL: none). */
	void	 (*footer)(struct view *, char *, size_t);
	/* Enter on row: returns REACT_* flags (may push a view). */
	int	 (*select)(struct view *, size_t row);
	/* Commands the view handles itself; REACT_* or -1 when not handled. */
	int	 (*key)(struct view *, enum cmd);
	/*
	 * Sorting: the columns sort-next steps through (the first is the
	 * order a view opens in), ending with a NULL title; and how two rows
	 * compare by one of them (ties broken by the view, then by row).
	 * NULL: the rows stay in the order open() made.
	 */
	const struct list_sort_col *sort_cols;
	int	 (*compare)(struct view *, size_t a, size_t b, int col);
	/* What names row across a reload, to keep the cursor on it (NULL: keep the position). */
	const char *(*id)(struct view *, size_t row);
};

struct view {
	const struct view_ops	*ops;
	struct ui		*ui;
	struct view		*prev;		/* the view below on the stack */
	void			*data;		/* the view's own */
	size_t			 nrows;		/* rows the view has */
	size_t			*order;		/* every row, sorted */
	size_t			 norder;
	size_t			 sort_at;	/* index into ops->sort_cols */
	int			 sort_reverse;
	size_t			*vis;		/* the rows shown: order, filtered */
	size_t			 nvis;
	size_t			 cursor;	/* index into vis */
	size_t			 top;		/* first index of vis on screen */
	size_t			 want;		/* a row open() wants the cursor on, or LIST_NONE */
	char			*filter;	/* the pattern, or NULL */
	struct rx		*rx;
	int			 height;	/* rows on screen, set by list_draw */
	int			 y0;		/* screen row of the first row, set by list_draw */
};

/*
 * Sorts the rows and rebuilds vis from the filter, keeping the cursor on its
 * row; a row the filter gave up on is shown.
 */
void	 list_refilter(struct view *);
/*
 * Sets (or with NULL clears) the filter. Returns 0, or -1 with an allocated
 * message in *err when the pattern is invalid or PCRE2 gave up on a row (a
 * match or depth limit): the old filter stays.
 */
int	 list_set_filter(struct view *, const char *pattern, char **err);
/* Moves the cursor by delta rows (clamped). */
void	 list_move(struct view *, long delta);
void	 list_goto(struct view *, size_t visindex);
/* The row under the cursor, or LIST_NONE when the list is empty. */
size_t	 list_current(struct view *);
/* Puts the cursor on row if it is shown; 1 if it is. */
int	 list_goto_row(struct view *, size_t row);
/* The next or previous (delta 1 or -1) filtered row, wrapping; its vis index. */
size_t	 list_next_match(struct view *, int delta);

/* The column sorted by (-1: none), and its title (NULL: none). */
int	 list_sort_col(struct view *);
const char *list_sort_title(struct view *);
/* Sorts by the next sortable column, or reverses; -1 if the view has none. */
int	 list_sort_next(struct view *);
int	 list_sort_reverse(struct view *);

/* Opens the view again (its data changed), keeping the cursor on its row. */
void	 list_reopen(struct view *);
/* Frees what the engine keeps for a view (not the view's data). */
void	 list_free(struct view *);

/* Draws the view in rows y..y+h-1 of the screen, width w (list-draw.c). */
void	 list_draw(struct view *, int y, int h, int w);
/*
 * A sortable view's header: the titles of cols (at most LIST_MAXCOLS), the
 * sorted one with its mark.
 */
#define LIST_MAXCOLS	16
void	 list_header(struct view *, int y, int w, const struct col *, size_t n);
/* The vis index drawn at screen row y, or LIST_NONE. */
size_t	 list_at(struct view *, int y);

#endif
