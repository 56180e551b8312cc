/* view-pkgs: the packages of one environment. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "util.h"
#include "views.h"

enum { P_NAME, P_VERSION, P_FLAGS, P_SIZE, P_INSTALLER, P_SUMMARY, P_COUNT };

static const struct col pkg_cols[P_COUNT] = {
	{ "NAME", 6, 0 }, { "VERSION", 7, 0 }, { "FL", 2, 0 }, { "SIZE", 5, 1 },
	{ "INSTALLER", 9, 0 }, { "SUMMARY", 0, 0 },
};
static const int pkg_max[P_COUNT] = { 32, 16, 2, 6, 9, 0 };

struct pkg_row {
	char	*norm;
	char	*cell[P_COUNT];
	int64_t	 size;
	int	 editable;
};

struct pkgs {
	struct col	 cols[P_COUNT];
	char		*env;		/* the environment's path */
	char		*title;
	struct pkg_row	*v;
	size_t		 n;
	int64_t		 total;
	size_t		 neditable;
};

static const struct list_sort_col pkgs_sort_cols[] = {
	{ P_NAME, "NAME" }, { P_SIZE, "SIZE" }, { 0, NULL }
};

static int
pkgs_compare(struct view *v, size_t ra, size_t rb, int col)
{
	struct pkgs		*p = v->data;
	const struct pkg_row	*a = &p->v[ra], *b = &p->v[rb];
	int			 c = 0;

	if (col == P_SIZE)
		c = (a->size > b->size) - (a->size < b->size);
	if (c == 0)
		c = strcmp(a->norm, b->norm);
	return c;
}

static int
pkgs_open(struct view *v)
{
	struct pkgs	*p = v->data;
	sqlite3_stmt	*st;
	char		 buf[32], *t;
	size_t		 cap = 0;

	if (sqlite3_prepare_v2(index_db(v->ui->ix), "SELECT p.norm, p.name, p.version,"
	    " p.editable, p.requested, p.size, p.installer, p.summary, e.name"
	    " FROM env e LEFT JOIN pkg p ON e.id = p.env_id WHERE e.path = ?1"
	    " ORDER BY p.norm", -1, &st, NULL) != SQLITE_OK) {
		ui_status(v->ui, 1, "index: %s", sqlite3_errmsg(index_db(v->ui->ix)));
		return -1;
	}
	sqlite3_bind_text(st, 1, p->env, -1, SQLITE_STATIC);
	memcpy(p->cols, pkg_cols, sizeof p->cols);
	p->total = 0;
	p->neditable = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct pkg_row	*r;
		const char	*inst = (const char *)sqlite3_column_text(st, 6);
		const char	*sum = (const char *)sqlite3_column_text(st, 7);

		if (p->title == NULL) {
			t = path_tilde(p->env);
			p->title = xasprintf("%s  %s", (const char *)sqlite3_column_text(st, 8),
			    t);
			free(t);
		}
		if (sqlite3_column_type(st, 0) == SQLITE_NULL)
			continue;	/* an environment without packages */
		if (p->n == cap) {
			cap = cap ? cap * 2 : 128;
			p->v = xrealloc(p->v, cap * sizeof *p->v);
		}
		r = &p->v[p->n++];
		memset(r, 0, sizeof *r);
		r->norm = xstrdup((const char *)sqlite3_column_text(st, 0));
		r->cell[P_NAME] = term_safe((const char *)sqlite3_column_text(st, 1));
		r->cell[P_VERSION] = term_safe((const char *)sqlite3_column_text(st, 2));
		r->editable = sqlite3_column_int(st, 3);
		snprintf(buf, sizeof buf, "%c%c", r->editable ? 'e' : ' ',
		    sqlite3_column_int(st, 4) ? 'r' : ' ');
		r->cell[P_FLAGS] = xstrdup(buf);
		r->size = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 5);
		fmt_size(r->size, buf, sizeof buf);
		r->cell[P_SIZE] = xstrdup(buf);
		r->cell[P_INSTALLER] = term_safe(inst != NULL ? inst : "");
		r->cell[P_SUMMARY] = term_safe(sum != NULL ? sum : "");
		ui_fit(&p->cols[P_NAME], r->cell[P_NAME], pkg_max[P_NAME]);
		ui_fit(&p->cols[P_VERSION], r->cell[P_VERSION], pkg_max[P_VERSION]);
		if (r->size > 0)
			p->total += r->size;
		p->neditable += (size_t)r->editable;
	}
	sqlite3_finalize(st);
	if (p->title == NULL) {
		t = path_tilde(p->env);
		p->title = term_safe(t);
		free(t);
	}
	v->nrows = p->n;
	return 0;
}

static void
pkgs_done(struct view *v)
{
	struct pkgs	*p = v->data;
	size_t		 i, c;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].norm);
		for (c = 0; c < P_COUNT; c++)
			free(p->v[i].cell[c]);
	}
	free(p->v);
	p->v = NULL;
	p->n = 0;
	free(p->title);
	p->title = NULL;
}

static void
pkgs_free(void *data)
{
	struct pkgs	*p = data;

	free(p->env);
	free(p);
}

static void
pkgs_title(struct view *v, char *buf, size_t sz)
{
	char	*safe = term_safe(((struct pkgs *)v->data)->title);

	snprintf(buf, sz, "Packages of %s", safe);
	free(safe);
}

static void
pkgs_header(struct view *v, int y, int w)
{
	struct pkgs	*p = v->data;
	const char	*cells[P_COUNT];
	char		 mark[32];
	int		 c;

	for (c = 0; c < P_COUNT; c++)
		cells[c] = ui_sort_title(pkg_cols[c].title, c == list_sort_col(v),
		    v->sort_reverse, mark, sizeof mark);
	ui_cols(y, w, p->cols, P_COUNT, cells, theme_attr(ROLE_HEADER), NULL, 0);
}

static void
pkgs_draw(struct view *v, size_t row, int y, int w, int selected)
{
	struct pkgs	*p = v->data;
	struct pkg_row	*r = &p->v[row];
	int		 attr;

	attr = selected ? theme_attr(ROLE_CURSOR) :
	    theme_attr(r->editable ? ROLE_EDITABLE : ROLE_NORMAL);
	ui_cols(y, w, p->cols, P_COUNT, (const char *const *)r->cell, attr, v->rx,
	    P_NAME);
}

static const char *
pkgs_text(struct view *v, size_t row)
{
	return ((struct pkgs *)v->data)->v[row].cell[P_NAME];
}

static void
pkgs_footer(struct view *v, char *buf, size_t sz)
{
	struct pkgs	*p = v->data;
	char		 total[16];

	fmt_size(p->total, total, sizeof total);
	snprintf(buf, sz, " %zu packages, %s (from RECORD); %zu editable;"
	    " FL: e editable, r requested", p->n, total, p->neditable);
}

static int
pkgs_select(struct view *v, size_t row)
{
	struct pkgs	*p = v->data;

	view_pkg_push(v->ui, p->env, p->v[row].norm);
	return REACT_REDRAW;
}

static const char *
pkgs_id(struct view *v, size_t row)
{
	return ((struct pkgs *)v->data)->v[row].norm;
}

static int
pkgs_key(struct view *v, enum cmd c)
{
	struct pkgs	*p = v->data;

	if (c == CMD_MARK || c == CMD_DIFF || c == CMD_DIFF_FILE || c == CMD_LOG)
		return ui_env_command(v->ui, c, p->env);
	return -1;
}

static const struct view_ops pkgs_ops = {
	.name = "packages",
	.open = pkgs_open,
	.done = pkgs_done,
	.free = pkgs_free,
	.title = pkgs_title,
	.header = pkgs_header,
	.draw = pkgs_draw,
	.text = pkgs_text,
	.footer = pkgs_footer,
	.select = pkgs_select,
	.key = pkgs_key,
	.sort_cols = pkgs_sort_cols,
	.compare = pkgs_compare,
	.id = pkgs_id,
};

int
view_pkgs_push(struct ui *ui, const char *env)
{
	struct pkgs	*p = xcalloc(1, sizeof *p);

	p->env = xstrdup(env);
	return ui_push(ui, &pkgs_ops, p);
}
