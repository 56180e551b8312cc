/* view-dupes: the distributions installed in several environments, and the bytes wasted. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dupes.h"
#include "query.h"
#include "util.h"
#include "views.h"

enum { D_NAME, D_VERSION, D_COPIES, D_SIZE, D_WASTED, D_LINKED, D_PATH, D_COUNT };

static const struct col dupes_cols[D_COUNT] = {
	{ "PACKAGE", 24, 0 }, { "VERSION", 12, 0 }, { "COPIES", 6, 1 },
	{ "SIZE", 6, 1 }, { "WASTED", 6, 1 }, { "LINKED", 6, 0 }, { "PATH", 0, 0 },
};

/* One copy; the first copy of a group carries the group's cells. */
struct dupes_row {
	char	*cell[D_COUNT];
	char	*text;		/* what the filter matches: the name */
	char	*env, *norm;
};

struct dupes_view {
	struct dupes_row	*v;
	size_t			 n;
	size_t			 groups, copies;
	int64_t			 wasted;
};

static int
dupes_open(struct view *v)
{
	struct dupes_view		*dv = v->data;
	const struct dupes_group	*g;
	const struct query_copy		*c;
	struct dupes			 d;
	struct dupes_row		*r;
	char				 buf[32], *t, *err;
	size_t				 i, k;

	if (dupes_find(v->ui->ix, 0, 0, &d, &err) == -1) {
		ui_status(v->ui, 1, "%s", err);
		free(err);
		return -1;
	}
	dv->v = xcalloc(d.copies ? d.copies : 1, sizeof *dv->v);
	for (i = 0; i < d.n; i++) {
		g = &d.v[i];
		for (k = 0; k < g->n; k++) {
			c = &g->copies[k];
			r = &dv->v[dv->n++];
			r->cell[D_NAME] = term_safe(k == 0 ? c->name : "");
			r->cell[D_VERSION] = term_safe(k == 0 ? c->version : "");
			snprintf(buf, sizeof buf, "%zu", g->n);
			r->cell[D_COPIES] = xstrdup(k == 0 ? buf : "");
			if (c->size >= 0)
				fmt_size(c->size, buf, sizeof buf);
			else
				snprintf(buf, sizeof buf, "?");
			r->cell[D_SIZE] = xstrdup(buf);
			fmt_size(g->wasted, buf, sizeof buf);
			r->cell[D_WASTED] = xstrdup(k == 0 ? buf : "");
			r->cell[D_LINKED] = xstrdup(g->linked[k] ? "linked" : "");
			t = path_tilde(c->env_path);
			r->cell[D_PATH] = term_safe(t);
			free(t);
			r->text = term_safe(c->name);
			r->env = xstrdup(c->env_path);
			r->norm = xstrdup(c->norm);
		}
	}
	dv->groups = d.n;
	dv->copies = d.copies;
	dv->wasted = d.wasted;
	dupes_free(&d);
	v->nrows = dv->n;
	return 0;
}

static void
dupes_done(struct view *v)
{
	struct dupes_view	*dv = v->data;
	size_t			 i, c;

	for (i = 0; i < dv->n; i++) {
		for (c = 0; c < D_COUNT; c++)
			free(dv->v[i].cell[c]);
		free(dv->v[i].text);
		free(dv->v[i].env);
		free(dv->v[i].norm);
	}
	free(dv->v);
	memset(dv, 0, sizeof *dv);
}

static void
dupes_title(struct view *v, char *buf, size_t sz)
{
	snprintf(buf, sz, "Distributions installed more than once");
}

static void
dupes_header(struct view *v, int y, int w)
{
	const char	*cells[D_COUNT];
	int		 c;

	for (c = 0; c < D_COUNT; c++)
		cells[c] = dupes_cols[c].title;
	ui_cols(y, w, dupes_cols, D_COUNT, cells, theme_attr(ROLE_HEADER), NULL, 0);
}

static void
dupes_draw(struct view *v, size_t row, int y, int w, int selected)
{
	struct dupes_row	*r = &((struct dupes_view *)v->data)->v[row];
	int			 role = ROLE_NORMAL;

	if (selected)
		role = ROLE_CURSOR;
	else if (r->cell[D_LINKED][0] != '\0')
		role = ROLE_DIM;
	ui_cols(y, w, dupes_cols, D_COUNT, (const char *const *)r->cell,
	    theme_attr(role), v->rx, D_NAME);
}

static const char *
dupes_text(struct view *v, size_t row)
{
	return ((struct dupes_view *)v->data)->v[row].text;
}

static void
dupes_footer(struct view *v, char *buf, size_t sz)
{
	struct dupes_view	*dv = v->data;
	char			 wasted[16];

	fmt_size(dv->wasted, wasted, sizeof wasted);
	snprintf(buf, sz, " %s wasted by %zu cop%s of %zu package%s; Enter opens one",
	    wasted, dv->copies, dv->copies == 1 ? "y" : "ies", dv->groups,
	    dv->groups == 1 ? "" : "s");
}

static int
dupes_select(struct view *v, size_t row)
{
	struct dupes_row	*r = &((struct dupes_view *)v->data)->v[row];

	view_pkg_push(v->ui, r->env, r->norm);
	return REACT_REDRAW;
}

static const struct view_ops dupes_ops = {
	.name = "dupes",
	.open = dupes_open,
	.done = dupes_done,
	.title = dupes_title,
	.header = dupes_header,
	.draw = dupes_draw,
	.text = dupes_text,
	.footer = dupes_footer,
	.select = dupes_select,
};

int
view_dupes_push(struct ui *ui)
{
	return ui_push(ui, &dupes_ops, xcalloc(1, sizeof(struct dupes_view)));
}

int64_t
view_dupes_wasted(struct index *ix)
{
	struct dupes	 d;
	int64_t		 w;
	char		*err;

	if (dupes_find(ix, 0, 0, &d, &err) == -1) {
		free(err);
		return -1;
	}
	w = d.wasted;
	dupes_free(&d);
	return w;
}
