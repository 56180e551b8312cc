/* Tests for ui/list.c, the list engine, without a terminal: order, filter, cursor. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "list.h"
#include "util.h"

/* A view of names and sizes; reopening it can drop or add rows. */
struct rows {
	const char	*name[8];
	int		 size[8];
	size_t		 n;
	int		 opens;
	void		(*change)(struct rows *);	/* what the next open reads anew */
};

static struct rows	 table = {
	{ "delta", "alpha", "charlie", "bravo", "echo" }, { 4, 1, 3, 5, 2 }, 5, 0
};

static int
t_open(struct view *v)
{
	struct rows	*r = v->data;

	r->opens++;
	if (r->change != NULL)
		r->change(r);
	r->change = NULL;
	v->nrows = r->n;
	return 0;
}

static void
t_done(struct view *v)
{
	(void)v;
}

static const char *
t_text(struct view *v, size_t row)
{
	return ((struct rows *)v->data)->name[row];
}

static int
t_compare(struct view *v, size_t a, size_t b, int col)
{
	struct rows	*r = v->data;

	if (col == 1)
		return (r->size[a] > r->size[b]) - (r->size[a] < r->size[b]);
	return strcmp(r->name[a], r->name[b]);
}

static const struct list_sort_col t_cols[] = {
	{ 0, "NAME" }, { 1, "SIZE" }, { 0, NULL }
};

static const struct view_ops t_ops = {
	.name = "test",
	.open = t_open,
	.done = t_done,
	.text = t_text,
	.sort_cols = t_cols,
	.compare = t_compare,
	.id = t_text,
};

static void
add_and_rename(struct rows *r)
{
	r->name[1] = "aardvark";
	r->name[5] = "able";
	r->size[5] = 9;
	r->n = 6;
}

static void
rename_delta(struct rows *r)
{
	r->name[0] = "zulu";
}

/* The names shown, joined with spaces. */
static const char *
shown(struct view *v)
{
	static char	buf[256];
	size_t		i;

	buf[0] = '\0';
	for (i = 0; i < v->nvis; i++)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s",
		    i > 0 ? " " : "", t_text(v, v->vis[i]));
	return buf;
}

static const char *
current(struct view *v)
{
	size_t	row = list_current(v);

	return row == LIST_NONE ? NULL : t_text(v, row);
}

int
main(void)
{
	struct view	 v;
	char		*err;

	memset(&v, 0, sizeof v);
	v.ops = &t_ops;
	v.data = &table;
	v.want = LIST_NONE;
	v.height = 3;
	CHECK_INT(t_open(&v), 0);
	list_refilter(&v);

	/* Sorted by the first column on opening. */
	CHECK_STR(shown(&v), "alpha bravo charlie delta echo");
	CHECK_INT(list_sort_col(&v), 0);
	CHECK_STR(list_sort_title(&v), "NAME");
	CHECK_STR(current(&v), "alpha");

	/* Moving, clamped, with the window following the cursor. */
	list_move(&v, 3);
	CHECK_STR(current(&v), "delta");
	CHECK_INT(v.top, 1);
	list_move(&v, 10);
	CHECK_STR(current(&v), "echo");
	list_move(&v, -100);
	CHECK_STR(current(&v), "alpha");
	CHECK_INT(v.top, 0);
	list_goto(&v, 2);
	CHECK_STR(current(&v), "charlie");

	/* Sorting keeps the cursor on its row. */
	CHECK_INT(list_sort_next(&v), 0);
	CHECK_STR(list_sort_title(&v), "SIZE");
	CHECK_STR(shown(&v), "alpha echo charlie delta bravo");
	CHECK_STR(current(&v), "charlie");
	CHECK_INT(list_sort_reverse(&v), 0);
	CHECK_STR(shown(&v), "bravo delta charlie echo alpha");
	CHECK_STR(current(&v), "charlie");
	CHECK_INT(list_sort_next(&v), 0);	/* wraps to NAME, still reversed */
	CHECK_STR(shown(&v), "echo delta charlie bravo alpha");
	CHECK_INT(list_sort_reverse(&v), 0);

	/* The filter: the cursor stays on its row when it is still shown. */
	CHECK_INT(list_set_filter(&v, "a$", &err), 0);
	CHECK(err == NULL);
	CHECK_STR(shown(&v), "alpha delta");
	CHECK_STR(current(&v), "alpha");	/* charlie went: the first */
	list_goto(&v, 1);
	CHECK_INT(list_set_filter(&v, "[lt]", &err), 0);
	CHECK_STR(shown(&v), "alpha charlie delta");
	CHECK_STR(current(&v), "delta");
	CHECK_INT(list_next_match(&v, 1), 0);	/* wraps */
	CHECK_INT(list_next_match(&v, -1), 1);
	/* An invalid pattern is refused and the old filter stays. */
	CHECK_INT(list_set_filter(&v, "(", &err), -1);
	CHECK(err != NULL);
	free(err);
	CHECK_STR(v.filter, "[lt]");
	CHECK_STR(shown(&v), "alpha charlie delta");
	CHECK_INT(list_set_filter(&v, "zzz", &err), 0);
	CHECK_STR(shown(&v), "");
	CHECK(list_current(&v) == LIST_NONE);
	CHECK(list_next_match(&v, 1) == LIST_NONE);
	CHECK_INT(list_set_filter(&v, NULL, &err), 0);
	CHECK(v.filter == NULL);
	CHECK_STR(shown(&v), "alpha bravo charlie delta echo");

	/* A reopen keeps the cursor on the same row by its id, wherever it went. */
	list_goto(&v, 3);
	CHECK_STR(current(&v), "delta");
	table.change = add_and_rename;
	list_reopen(&v);
	CHECK_INT(table.opens, 2);
	CHECK_STR(shown(&v), "aardvark able bravo charlie delta echo");
	CHECK_STR(current(&v), "delta");
	/* ... and keeps its place when the row is gone. */
	table.change = rename_delta;
	list_reopen(&v);
	CHECK_STR(shown(&v), "aardvark able bravo charlie echo zulu");
	CHECK_STR(current(&v), "echo");
	list_free(&v);
	CHECK(v.vis == NULL && v.order == NULL);

	/* A view without sorting keeps open()'s order and refuses sort keys. */
	{
		static const struct view_ops plain = {
			.name = "plain", .open = t_open, .done = t_done,
			.text = t_text,
		};
		struct view	 w;

		memset(&w, 0, sizeof w);
		w.ops = &plain;
		w.data = &table;
		w.want = LIST_NONE;
		t_open(&w);
		list_refilter(&w);
		CHECK_STR(shown(&w), "zulu aardvark charlie bravo echo able");
		CHECK_INT(list_sort_next(&w), -1);
		CHECK_INT(list_sort_reverse(&w), -1);
		CHECK_INT(list_sort_col(&w), -1);
		CHECK(list_sort_title(&w) == NULL);
		list_free(&w);
	}

	/*
	 * filter_limit_is_error: PCRE2's match limit on a row counted as "no
	 * match": the list was silently short. Now the pattern is refused
	 * with PCRE2's reason and the old filter stays.
	 */
	{
		static const struct view_ops plain = {
			.name = "plain", .open = t_open, .done = t_done,
			.text = t_text,
		};
		static struct rows	 deep = {
			{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bravo" },
			{ 1, 2 }, 2, 0
		};
		struct view	 w;

		memset(&w, 0, sizeof w);
		w.ops = &plain;
		w.data = &deep;
		w.want = LIST_NONE;
		t_open(&w);
		list_refilter(&w);
		CHECK_INT(list_set_filter(&w, "o$", &err), 0);
		CHECK_STR(shown(&w), "bravo");
		CHECK_INT(list_set_filter(&w, "^(a|a)+[bc]$", &err), -1);
		CHECK(err != NULL && strstr(err, "limit") != NULL);
		free(err);
		CHECK_STR(w.filter, "o$");
		CHECK_STR(shown(&w), "bravo");
		list_free(&w);
	}
	return check_done();
}
