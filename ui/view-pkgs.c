/* view-pkgs: the packages of one environment. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "index.h"
#include "query.h"
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
	size_t		 nvuln;		/* packages an imported advisory names */
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
	struct pkgs		*p = v->data;
	struct query_pkgs	 l;
	struct query_env	 env;
	const struct query_pkg	*q;
	struct index_osv_source	 src;
	struct audit		 au;
	char			 buf[32], *t, *err, *envs[1];
	size_t			 i, k;
	int			 found;

	if ((found = query_env(v->ui->ix, p->env, &env, &err)) == -1 ||
	    query_pkgs(v->ui->ix, p->env, NULL, &l, &err) == -1) {
		ui_status(v->ui, 1, "%s", err);
		free(err);
		query_env_free(&env);
		return -1;
	}
	memcpy(p->cols, pkg_cols, sizeof p->cols);
	p->total = 0;
	p->neditable = 0;
	t = path_tilde(p->env);
	free(p->title);
	p->title = found ? xasprintf("%s  %s", env.name, t) : term_safe(t);
	free(t);
	query_env_free(&env);
	p->v = xcalloc(l.n ? l.n : 1, sizeof *p->v);
	/* Known vulnerabilities (audit), when advisories were imported. */
	memset(&au, 0, sizeof au);
	p->nvuln = 0;
	err = NULL;
	if (query_osv_source(v->ui->ix, &src, &err) == 1) {
		query_osv_source_free(&src);
		envs[0] = p->env;
		if (audit_run(v->ui->ix, envs, 1, &au, &err) == -1)
			ui_status(v->ui, 1, "audit: %s", err);
	}
	free(err);
	for (i = 0; i < l.n; i++) {
		struct pkg_row	*r = &p->v[p->n++];

		q = &l.v[i];
		r->norm = xstrdup(q->norm);
		r->cell[P_NAME] = term_safe(q->name);
		for (k = 0; k < au.n && strcmp(au.v[k].package, q->norm) != 0; k++)
			;
		if (k < au.n) {
			t = xasprintf("%s !vuln", q->version);
			r->cell[P_VERSION] = term_safe(t);
			free(t);
			p->nvuln++;
		} else
			r->cell[P_VERSION] = term_safe(q->version);
		r->editable = q->editable;
		snprintf(buf, sizeof buf, "%c%c", r->editable ? 'e' : ' ',
		    q->requested ? 'r' : ' ');
		r->cell[P_FLAGS] = xstrdup(buf);
		r->size = q->size;
		fmt_size(r->size, buf, sizeof buf);
		r->cell[P_SIZE] = xstrdup(buf);
		r->cell[P_INSTALLER] = term_safe(q->installer != NULL ? q->installer : "");
		r->cell[P_SUMMARY] = term_safe(q->summary != NULL ? q->summary : "");
		ui_fit(&p->cols[P_NAME], r->cell[P_NAME], pkg_max[P_NAME]);
		ui_fit(&p->cols[P_VERSION], r->cell[P_VERSION], pkg_max[P_VERSION]);
		if (r->size > 0)
			p->total += r->size;
		p->neditable += (size_t)r->editable;
	}
	query_pkgs_free(&l);
	audit_free(&au);
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

	list_header(v, y, w, p->cols, P_COUNT);
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
	if (p->nvuln > 0)
		snprintf(buf, sz, " %zu packages, %s; %zu with known "
		    "vulnerabilities (!vuln; venvdex audit)", p->n, total, p->nvuln);
	else
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

	if (c == CMD_MARK || c == CMD_DIFF || c == CMD_DIFF_FILE || c == CMD_LOG ||
	    c == CMD_SHELL || c == CMD_PIP)
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
