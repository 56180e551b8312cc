/* view-find: every package in every environment, for a global search. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "query.h"
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
	struct find		*f = v->data;
	struct query_pkgs	 l;
	const struct query_pkg	*q;
	size_t			 i;
	char			*t, *err;

	if (query_find(v->ui->ix, NULL, NULL, &l, &err) == -1) {
		ui_status(v->ui, 1, "%s", err);
		free(err);
		return -1;
	}
	f->v = xcalloc(l.n ? l.n : 1, sizeof *f->v);
	for (i = 0; i < l.n; i++) {
		struct find_row	*r = &f->v[f->n++];

		q = &l.v[i];
		r->cell[F_NAME] = term_safe(q->name);
		r->cell[F_VERSION] = term_safe(q->version);
		r->cell[F_ENV] = term_safe(q->env_name);
		r->env = xstrdup(q->env_path);
		t = path_tilde(r->env);
		r->cell[F_PATH] = term_safe(t);
		free(t);
		r->norm = xstrdup(q->norm);
	}
	query_pkgs_free(&l);
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
