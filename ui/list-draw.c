/* list-draw: the list engine's drawing: header, rows, footer. */
#include "config.h"

#include <curses.h>

#include "draw.h"
#include "list.h"
#include "theme.h"
#include "views.h"

size_t
list_at(struct view *v, int y)
{
	size_t	i;

	if (y < v->y0)
		return LIST_NONE;
	i = v->top + (size_t)(y - v->y0);
	return i < v->nvis && y - v->y0 < v->height ? i : LIST_NONE;
}

void
list_header(struct view *v, int y, int w, const struct col *cols, size_t n)
{
	const char	*cells[LIST_MAXCOLS];
	char		 mark[64];
	size_t		 c;

	if (n > LIST_MAXCOLS)
		n = LIST_MAXCOLS;
	/* Only the sorted column is marked: one buffer does. */
	for (c = 0; c < n; c++)
		cells[c] = ui_sort_title(cols[c].title, (int)c == list_sort_col(v),
		    v->sort_reverse, mark, sizeof mark);
	ui_cols(y, w, cols, n, cells, theme_attr(ROLE_HEADER), NULL, 0);
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
	v->y0 = y;
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
		    v->ops->empty != NULL && v->nrows == 0 ? v->ops->empty(v) :
		    "(empty)", theme_attr(ROLE_DIM), 0, NULL, 0);
}
