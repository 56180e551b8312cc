/* list: cursor, scrolling, filtering and drawing for every view. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "list.h"
#include "rx.h"
#include "theme.h"
#include "util.h"

static int	list_y0;	/* screen row of the first list row, from the last draw */

void
list_refilter(struct view *v)
{
	const char	*t;
	size_t		 i, cur = list_current(v);

	free(v->vis);
	v->vis = xcalloc(v->nrows + 1, sizeof *v->vis);
	v->nvis = 0;
	for (i = 0; i < v->nrows; i++) {
		if (v->rx != NULL) {
			t = v->ops->text(v, i);
			if (t == NULL || !rx_match(v->rx, t, strlen(t)))
				continue;
		}
		v->vis[v->nvis++] = i;
	}
	/* Keep the same row under the cursor if it is still shown. */
	v->cursor = 0;
	for (i = 0; cur != (size_t)-1 && i < v->nvis; i++) {
		if (v->vis[i] == cur) {
			v->cursor = i;
			break;
		}
	}
	if (v->top > v->cursor)
		v->top = v->cursor;
}

int
list_set_filter(struct view *v, const char *pattern, char **err)
{
	struct rx	*rx = NULL;

	*err = NULL;
	if (pattern != NULL && pattern[0] != '\0' &&
	    (rx = rx_compile(pattern, err)) == NULL)
		return -1;
	rx_free(v->rx);
	free(v->filter);
	v->rx = rx;
	v->filter = rx != NULL ? xstrdup(pattern) : NULL;
	list_refilter(v);
	return 0;
}

size_t
list_current(struct view *v)
{
	if (v->vis == NULL || v->nvis == 0 || v->cursor >= v->nvis)
		return (size_t)-1;
	return v->vis[v->cursor];
}

void
list_goto(struct view *v, size_t i)
{
	if (v->nvis == 0) {
		v->cursor = v->top = 0;
		return;
	}
	if (i >= v->nvis)
		i = v->nvis - 1;
	v->cursor = i;
	if (v->cursor < v->top)
		v->top = v->cursor;
	if (v->height > 0 && v->cursor >= v->top + (size_t)v->height)
		v->top = v->cursor - (size_t)v->height + 1;
}

void
list_move(struct view *v, long delta)
{
	long	c = (long)v->cursor + delta;

	if (c < 0)
		c = 0;
	list_goto(v, (size_t)c);
}

size_t
list_at(struct view *v, int y)
{
	size_t	i;

	if (y < list_y0)
		return (size_t)-1;
	i = v->top + (size_t)(y - list_y0);
	return i < v->nvis && y - list_y0 < v->height ? i : (size_t)-1;
}

void
list_keep(struct view *v, int (*same)(struct view *, size_t, void *), void *arg)
{
	size_t	i;

	for (i = 0; i < v->nvis; i++) {
		if (same(v, v->vis[i], arg)) {
			list_goto(v, i);
			return;
		}
	}
}

void
list_draw(struct view *v, int y, int h, int w)
{
	char	 buf[512];
	int	 i, rows;

	if (v->ops->header != NULL && h > 1) {
		v->ops->header(v, y, w);
		y++;
		h--;
	}
	if (v->ops->footer != NULL && h > 1) {
		buf[0] = '\0';
		v->ops->footer(v, buf, sizeof buf);
		draw_str(y + h - 1, 0, w, buf, theme_attr(ROLE_FOOTER), 1, NULL, 0);
		h--;
	}
	rows = h;
	v->height = rows;
	list_y0 = y;
	/* Keep the cursor on screen, and the screen full when it can be. */
	if (v->cursor >= v->nvis)
		v->cursor = v->nvis > 0 ? v->nvis - 1 : 0;
	if (v->cursor < v->top)
		v->top = v->cursor;
	if (rows > 0 && v->cursor >= v->top + (size_t)rows)
		v->top = v->cursor - (size_t)rows + 1;
	if (rows > 0 && v->top > 0 && v->top + (size_t)rows > v->nvis)
		v->top = v->nvis > (size_t)rows ? v->nvis - (size_t)rows : 0;
	for (i = 0; i < rows; i++) {
		size_t vi = v->top + (size_t)i;

		if (vi >= v->nvis) {
			draw_fill(y + i, 0, w, theme_attr(ROLE_NORMAL));
			continue;
		}
		v->ops->draw(v, v->vis[vi], y + i, w, vi == v->cursor);
	}
	if (v->nvis == 0 && rows > 0)
		draw_str(y, 1, w - 1, v->filter != NULL ? "(no line matches the filter)" :
		    "(empty)", theme_attr(ROLE_DIM), 0, NULL, 0);
}
