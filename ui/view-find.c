/* view-find: every package in every environment, for a global search. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "util.h"
#include "views.h"

enum { F_NAME, F_VERSION, F_ENV, F_PATH, F_COUNT };

static const struct col find_cols[F_COUNT] = {
	{ "PACKAGE", 24, 0 }, { "VERSION", 12, 0 }, { "ENVIRONMENT", 16, 0 },
	{ "PATH", 0, 0 },
};

struct find_row {
	char	*cell[F_COUNT];
	char	*env, *norm;
};

struct find {
	struct find_row	*v;
	size_t		 n;
};

static int
find_open(struct view *v)
{
	struct find	*f = v->data;
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	char		*t;

	if (sqlite3_prepare_v2(index_db(v->ui->ix), "SELECT p.name, p.version, e.name,"
	    " e.path, p.norm FROM pkg p JOIN env e ON e.id = p.env_id"
	    " WHERE e.gone IS NULL ORDER BY p.norm, e.path", -1, &st, NULL) != SQLITE_OK) {
		ui_status(v->ui, 1, "index: %s", sqlite3_errmsg(index_db(v->ui->ix)));
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct find_row	*r;

		if (f->n == cap) {
			cap = cap ? cap * 2 : 1024;
			f->v = xrealloc(f->v, cap * sizeof *f->v);
		}
		r = &f->v[f->n++];
		r->cell[F_NAME] = term_safe((const char *)sqlite3_column_text(st, 0));
		r->cell[F_VERSION] = term_safe((const char *)sqlite3_column_text(st, 1));
		r->cell[F_ENV] = term_safe((const char *)sqlite3_column_text(st, 2));
		r->env = xstrdup((const char *)sqlite3_column_text(st, 3));
		t = path_tilde(r->env);
		r->cell[F_PATH] = term_safe(t);
		free(t);
		r->norm = xstrdup((const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_finalize(st);
	v->nrows = f->n;
	return 0;
}

static void
find_done(struct view *v)
{
	struct find	*f = v->data;
	size_t		 i, c;

	for (i = 0; i < f->n; i++) {
		for (c = 0; c < F_COUNT; c++)
			free(f->v[i].cell[c]);
		free(f->v[i].env);
		free(f->v[i].norm);
	}
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

static void
find_title(struct view *v, char *buf, size_t sz)
{
	snprintf(buf, sz, "Packages in every environment");
}

static void
find_header(struct view *v, int y, int w)
{
	const char	*cells[F_COUNT];
	int		 c;

	for (c = 0; c < F_COUNT; c++)
		cells[c] = find_cols[c].title;
	ui_cols(y, w, find_cols, F_COUNT, cells, theme_attr(ROLE_HEADER), NULL, 0);
}

static void
find_draw(struct view *v, size_t row, int y, int w, int selected)
{
	struct find_row	*r = &((struct find *)v->data)->v[row];

	ui_cols(y, w, find_cols, F_COUNT, (const char *const *)r->cell,
	    theme_attr(selected ? ROLE_CURSOR : ROLE_NORMAL), v->rx, F_NAME);
}

static const char *
find_text(struct view *v, size_t row)
{
	return ((struct find *)v->data)->v[row].cell[F_NAME];
}

static void
find_footer(struct view *v, char *buf, size_t sz)
{
	struct find	*f = v->data;

	snprintf(buf, sz, " %zu of %zu installed packages shown%s", v->nvis, f->n,
	    v->filter != NULL ? "; Enter opens one" : "; type / to search");
}

static int
find_select(struct view *v, size_t row)
{
	struct find_row	*r = &((struct find *)v->data)->v[row];

	view_pkg_push(v->ui, r->env, r->norm);
	return REACT_REDRAW;
}

static const struct view_ops find_ops = {
	.name = "find",
	.open = find_open,
	.done = find_done,
	.title = find_title,
	.header = find_header,
	.draw = find_draw,
	.text = find_text,
	.footer = find_footer,
	.select = find_select,
};

int
view_find_push(struct ui *ui)
{
	return ui_push(ui, &find_ops, xcalloc(1, sizeof(struct find)));
}
