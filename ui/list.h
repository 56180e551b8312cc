/*
 * list: the one list engine every view is drawn by. A view supplies rows
 * through its view_ops; the engine keeps the cursor, scrolling, the
 * regular-expression filter, and draws the header, rows and footer.
 */
#ifndef VENVDEX_UI_LIST_H
#define VENVDEX_UI_LIST_H

#include <stddef.h>

#include "cmd.h"

struct rx;
struct ui;
struct view;

/* What a handler asks of the main loop; one place (ui.c) acts on it. */
enum {
	REACT_NONE = 0,
	REACT_REDRAW = 0x1,	/* paint again */
	REACT_RELOAD = 0x2,	/* the data changed: reopen every view */
	REACT_BACK = 0x4,	/* close this view */
	REACT_QUIT = 0x8
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
	/* The totals line (NULL: none). */
	void	 (*footer)(struct view *, char *, size_t);
	/* Enter on row: returns REACT_* flags (may push a view). */
	int	 (*select)(struct view *, size_t row);
	/* Commands the view handles itself (sort ...); REACT_* or -1 when not handled. */
	int	 (*key)(struct view *, enum cmd);
};

struct view {
	const struct view_ops	*ops;
	struct ui		*ui;
	struct view		*prev;		/* the view below on the stack */
	void			*data;		/* the view's own */
	size_t			 nrows;		/* rows the view has */
	size_t			*vis;		/* the rows shown, after the filter */
	size_t			 nvis;
	size_t			 cursor;	/* index into vis */
	size_t			 top;		/* first index of vis on screen */
	char			*filter;	/* the pattern, or NULL */
	struct rx		*rx;
	int			 height;	/* rows on screen, set by list_draw */
};

/* Rebuilds vis from the filter (after open, or when the filter changes). */
void	 list_refilter(struct view *);
/*
 * Sets (or with NULL clears) the filter. Returns 0, or -1 with an allocated
 * message in *err when the pattern is invalid (the old filter stays).
 */
int	 list_set_filter(struct view *, const char *pattern, char **err);
/* Moves the cursor by delta rows (clamped). */
void	 list_move(struct view *, long delta);
void	 list_goto(struct view *, size_t visindex);
/* The row under the cursor, or (size_t)-1 when the list is empty. */
size_t	 list_current(struct view *);
/* Draws the view in rows y..y+h-1 of the screen, width w. */
void	 list_draw(struct view *, int y, int h, int w);
/* The vis index drawn at screen row y, or (size_t)-1. */
size_t	 list_at(struct view *, int y);
/* Keeps the row whose identity is same(view, row, arg) under the cursor after a reload. */
void	 list_keep(struct view *, int (*same)(struct view *, size_t, void *), void *);

#endif
