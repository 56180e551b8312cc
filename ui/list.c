/* list: order, filter and cursor for every view; no terminal needed. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "list.h"
#include "rx.h"
#include "util.h"

static struct view	*sort_view;	/* for list_cmp(): qsort has no argument */

static int
list_cmp(const void *pa, const void *pb)
{
	struct view	*v = sort_view;
	size_t		 a = *(const size_t *)pa, b = *(const size_t *)pb;
	int		 c;

	c = v->ops->compare(v, a, b, list_sort_col(v));
	if (c == 0)
		c = (a > b) - (a < b);
	return v->sort_reverse ? -c : c;
}

/* Rows in the order sorted by the current column. */
static void
list_sort(struct view *v)
{
	size_t	i;

	free(v->order);
	v->order = xcalloc(v->nrows + 1, sizeof *v->order);
	for (i = 0; i < v->nrows; i++)
		v->order[i] = i;
	v->norder = v->nrows;
	if (list_sort_col(v) != -1 && v->ops->compare != NULL && v->nrows > 1) {
		sort_view = v;
		xqsort(v->order, v->nrows, sizeof *v->order, list_cmp);
		sort_view = NULL;
	}
}

/*
 * Sorts and rebuilds vis from the filter, keeping the cursor on its row.
 * Returns the number of rows PCRE2 gave up on (a match or depth limit):
 * those are shown, never taken for "no match".
 */
static size_t
list_filter_rows(struct view *v)
{
	const char	*t;
	size_t		 i, row, cur = list_current(v), gave_up = 0;
	int		 m;

	if (v->order == NULL || v->norder != v->nrows)
		list_sort(v);
	free(v->vis);
	v->vis = xcalloc(v->nrows + 1, sizeof *v->vis);
	v->nvis = 0;
	for (i = 0; i < v->nrows; i++) {
		row = v->order[i];
		if (v->rx != NULL) {
			t = v->ops->text(v, row);
			if (t == NULL || (m = rx_match(v->rx, t, strlen(t))) == 0)
				continue;
			if (m == -1)
				gave_up++;
		}
		v->vis[v->nvis++] = row;
	}
	/* Keep the same row under the cursor if it is still shown. */
	v->cursor = 0;
	if (cur != LIST_NONE)
		list_goto_row(v, cur);
	if (v->top > v->cursor)
		v->top = v->cursor;
	return gave_up;
}

void
list_refilter(struct view *v)
{
	list_filter_rows(v);
}

int
list_set_filter(struct view *v, const char *pattern, char **err)
{
	struct rx	*rx = NULL, *old_rx = v->rx;
	char		*old = v->filter;

	*err = NULL;
	if (pattern != NULL && pattern[0] != '\0' &&
	    (rx = rx_compile(pattern, err)) == NULL)
		return -1;
	v->rx = rx;
	v->filter = rx != NULL ? xstrdup(pattern) : NULL;
	if (list_filter_rows(v) != 0) {
		/* PCRE2 gave up on a row: an error, not a short list. */
		*err = xstrdup(rx_error(rx));
		rx_free(rx);
		free(v->filter);
		v->rx = old_rx;
		v->filter = old;
		list_filter_rows(v);
		return -1;
	}
	rx_free(old_rx);
	free(old);
	return 0;
}

size_t
list_current(struct view *v)
{
	if (v->vis == NULL || v->nvis == 0 || v->cursor >= v->nvis)
		return LIST_NONE;
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

int
list_goto_row(struct view *v, size_t row)
{
	size_t	i;

	for (i = 0; i < v->nvis; i++) {
		if (v->vis[i] == row) {
			list_goto(v, i);
			return 1;
		}
	}
	return 0;
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
list_next_match(struct view *v, int delta)
{
	if (v->nvis == 0)
		return LIST_NONE;
	return delta > 0 ? (v->cursor + 1) % v->nvis :
	    (v->cursor + v->nvis - 1) % v->nvis;
}

int
list_sort_col(struct view *v)
{
	const struct list_sort_col	*s = v->ops->sort_cols;

	return s != NULL && s[v->sort_at].title != NULL ? s[v->sort_at].col : -1;
}

const char *
list_sort_title(struct view *v)
{
	const struct list_sort_col	*s = v->ops->sort_cols;

	return s != NULL && s[v->sort_at].title != NULL ? s[v->sort_at].title : NULL;
}

/* Sorts again; the cursor stays on its row. */
static void
list_resort(struct view *v)
{
	size_t	cur = list_current(v);

	list_sort(v);
	list_refilter(v);
	if (cur != LIST_NONE)
		list_goto_row(v, cur);
}

int
list_sort_next(struct view *v)
{
	const struct list_sort_col	*s = v->ops->sort_cols;

	if (s == NULL || s[0].title == NULL || v->ops->compare == NULL)
		return -1;
	v->sort_at++;
	if (s[v->sort_at].title == NULL)
		v->sort_at = 0;
	list_resort(v);
	return 0;
}

int
list_sort_reverse(struct view *v)
{
	const struct list_sort_col	*s = v->ops->sort_cols;

	if (s == NULL || s[0].title == NULL || v->ops->compare == NULL)
		return -1;
	v->sort_reverse = !v->sort_reverse;
	list_resort(v);
	return 0;
}

void
list_reopen(struct view *v)
{
	size_t		 cur = list_current(v), cursor = v->cursor, top = v->top, i;
	const char	*id;
	char		*keep = NULL;

	if (cur != LIST_NONE && v->ops->id != NULL &&
	    (id = v->ops->id(v, cur)) != NULL)
		keep = xstrdup(id);
	v->ops->done(v);
	v->nrows = 0;
	v->want = LIST_NONE;
	if (v->ops->open(v) == -1)
		v->nrows = 0;
	list_sort(v);
	free(v->vis);
	v->vis = NULL;		/* nothing to keep by position: cur is stale */
	v->nvis = 0;
	list_refilter(v);
	v->top = top;
	list_goto(v, cursor);
	for (i = 0; keep != NULL && i < v->nvis; i++) {
		if ((id = v->ops->id(v, v->vis[i])) != NULL && strcmp(id, keep) == 0) {
			list_goto(v, i);
			break;
		}
	}
	free(keep);
	if (v->want != LIST_NONE) {
		list_goto_row(v, v->want);
		v->want = LIST_NONE;
	}
}

void
list_free(struct view *v)
{
	rx_free(v->rx);
	free(v->filter);
	free(v->vis);
	free(v->order);
	v->rx = NULL;
	v->filter = NULL;
	v->vis = v->order = NULL;
	v->nvis = v->norder = 0;
}
