/*
 * view-audit: the known vulnerabilities of the installed packages (audit.h),
 * one line per advisory; Enter lists the environments it hits, each with
 * what to do: upgrade, or, for a stale one, delete it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "index.h"
#include "path.h"
#include "query.h"
#include "stale.h"
#include "util.h"
#include "views.h"

enum { A_ID, A_PACKAGE, A_INSTALLED, A_FIXED, A_SEVERITY, A_ENVS, A_ALIASES,
    A_COUNT };

static const struct col audit_cols0[A_COUNT] = {
	{ "ID", 2, 0 }, { "PACKAGE", 7, 0 }, { "INSTALLED", 9, 0 },
	{ "FIXED", 5, 0 }, { "SEVERITY", 8, 0 }, { "ENVS", 4, 1 },
	{ "ALIASES", 0, 0 },
};
static const int audit_max[A_COUNT] = { 20, 24, 16, 12, 10, 5, 0 };

static const struct list_sort_col audit_sort_cols[] = {
	{ A_PACKAGE, "PACKAGE" }, { A_ID, "ID" }, { A_SEVERITY, "SEVERITY" },
	{ A_ENVS, "ENVS" }, { 0, NULL }
};

struct audit_row {
	char	*cell[A_COUNT];
	char	*text;		/* what the filter matches: ids, package, summary */
	int	 rank;		/* of the severity: 4 critical .. 0 unknown */
};

struct audit_view {
	struct col	 cols[A_COUNT];
	struct audit	 a;		/* row i is finding a.v[i] */
	struct audit_row *v;
	size_t		 nenvs;		/* environments hit, counted once */
	int		 imported;	/* advisories were imported */
	char		 date[64];	/* of the advisories */
	long long	 records;	/* how many */
	char		 empty[160];
};

/* How severe a severity text is: 4 critical, 3 high, 2 moderate, 1 low, 0 other. */
static int
audit_rank(const char *s)
{
	if (s == NULL)
		return 0;
	if (strcasecmp(s, "critical") == 0)
		return 4;
	if (strcasecmp(s, "high") == 0)
		return 3;
	if (strcasecmp(s, "moderate") == 0 || strcasecmp(s, "medium") == 0)
		return 2;
	if (strcasecmp(s, "low") == 0)
		return 1;
	return 0;
}

static int
audit_pcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The installed versions of finding f, apart by ", ", added to sb. */
static void
audit_versions(const struct audit_finding *f, struct sbuf *sb)
{
	const char	**v;
	size_t		  i, n = 0;

	v = xcalloc(f->nenvs + 1, sizeof *v);
	for (i = 0; i < f->nenvs; i++)
		v[n++] = f->envs[i].version;
	xqsort(v, n, sizeof *v, audit_pcmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(v[i], v[i - 1]) == 0)
			continue;
		if (sb->len > 0)
			sbuf_adds(sb, ", ");
		sbuf_adds(sb, v[i]);
	}
	free(v);
}

/* The environments the findings hit, counted once. */
static size_t
audit_count_envs(const struct audit *a)
{
	const char	**p;
	size_t		  i, j, n = 0, k;

	for (i = 0; i < a->n; i++)
		n += a->v[i].nenvs;
	p = xcalloc(n + 1, sizeof *p);
	for (i = 0, n = 0; i < a->n; i++)
		for (j = 0; j < a->v[i].nenvs; j++)
			p[n++] = a->v[i].envs[j].path;
	xqsort(p, n, sizeof *p, audit_pcmp);
	for (i = 0, k = 0; i < n; i++)
		if (i == 0 || strcmp(p[i], p[i - 1]) != 0)
			k++;
	free(p);
	return k;
}

/* Whether advisories were imported, and their date (the newest record's day). */
static int
audit_source(struct audit_view *av, struct index *ix, char **err)
{
	struct index_osv_source	src;
	int			known;

	if ((known = query_osv_source(ix, &src, err)) != 1)
		return known;
	if (src.newest != NULL)
		snprintf(av->date, sizeof av->date, "%.10s", src.newest);
	else
		fmt_time(src.imported, av->date, sizeof av->date);
	av->records = (long long)src.records;
	query_osv_source_free(&src);
	return 1;
}

static int
audit_open(struct view *v)
{
	struct audit_view		*av = v->data;
	const struct audit_finding	*f;
	struct audit_row		*r;
	struct sbuf			 sb = { 0 };
	char				 buf[32], *err = NULL;
	size_t				 i, j;
	int				 c;

	memcpy(av->cols, audit_cols0, sizeof av->cols);
	if ((av->imported = audit_source(av, v->ui->ix, &err)) == -1 ||
	    (av->imported == 1 && audit_run(v->ui->ix, NULL, 0, &av->a,
	    &err) == -1)) {
		ui_status(v->ui, 1, "audit: %s", err);
		free(err);
		return -1;
	}
	if (av->imported == 0)
		snprintf(av->empty, sizeof av->empty, "no advisories imported: "
		    "run venvdex audit --fetch or --advisories FILE");
	else
		snprintf(av->empty, sizeof av->empty, "no vulnerable versions "
		    "found, advisories of %s", av->date);
	av->v = xcalloc(av->a.n + 1, sizeof *av->v);
	for (i = 0; i < av->a.n; i++) {
		f = &av->a.v[i];
		r = &av->v[i];
		r->cell[A_ID] = term_safe(f->id);
		r->cell[A_PACKAGE] = term_safe(f->package);
		audit_versions(f, &sb);
		r->cell[A_INSTALLED] = term_safe(sb.s != NULL ? sb.s : "");
		sbuf_free(&sb);
		r->cell[A_FIXED] = term_safe(f->fixed != NULL ? f->fixed : "none");
		r->cell[A_SEVERITY] = term_safe(f->severity != NULL ?
		    f->severity : "");
		r->rank = audit_rank(f->severity);
		snprintf(buf, sizeof buf, "%zu", f->nenvs);
		r->cell[A_ENVS] = xstrdup(buf);
		for (j = 0; j < f->naliases; j++) {
			if (j > 0)
				sbuf_adds(&sb, " ");
			sbuf_adds(&sb, f->aliases[j]);
		}
		r->cell[A_ALIASES] = term_safe(sb.s != NULL ? sb.s : "");
		sbuf_free(&sb);
		r->text = xasprintf("%s %s %s %s", r->cell[A_ID],
		    r->cell[A_ALIASES], r->cell[A_PACKAGE], f->summary != NULL ?
		    f->summary : "");
		for (c = A_ID; c < A_ALIASES; c++)
			ui_fit(&av->cols[c], r->cell[c], audit_max[c]);
	}
	av->nenvs = audit_count_envs(&av->a);
	v->nrows = av->a.n;
	return 0;
}

static void
audit_done(struct view *v)
{
	struct audit_view	*av = v->data;
	size_t			 i, c;

	for (i = 0; i < av->a.n; i++) {
		for (c = 0; c < A_COUNT; c++)
			free(av->v[i].cell[c]);
		free(av->v[i].text);
	}
	free(av->v);
	av->v = NULL;
	audit_free(&av->a);
}

static int
audit_compare(struct view *v, size_t ra, size_t rb, int col)
{
	struct audit_view	*av = v->data;
	const struct audit_row	*a = &av->v[ra], *b = &av->v[rb];
	int			 c = 0;

	switch (col) {
	case A_SEVERITY:	/* most severe first */
		c = (a->rank < b->rank) - (a->rank > b->rank);
		break;
	case A_ENVS:		/* most environments first */
		c = (av->a.v[ra].nenvs < av->a.v[rb].nenvs) -
		    (av->a.v[ra].nenvs > av->a.v[rb].nenvs);
		break;
	default:
		c = natcmp(a->cell[col], b->cell[col]);
		break;
	}
	if (c == 0)
		c = natcmp(a->cell[A_PACKAGE], b->cell[A_PACKAGE]);
	if (c == 0)
		c = natcmp(a->cell[A_ID], b->cell[A_ID]);
	return c;
}

static void
audit_title(struct view *v, char *buf, size_t sz)
{
	struct audit_view	*av = v->data;

	if (av->imported == 1)
		snprintf(buf, sz, "Known vulnerabilities (advisories of %s)",
		    av->date);
	else
		snprintf(buf, sz, "Known vulnerabilities");
}

static void
audit_header(struct view *v, int y, int w)
{
	struct audit_view	*av = v->data;

	list_header(v, y, w, av->cols, A_COUNT);
}

static void
audit_draw(struct view *v, size_t row, int y, int w, int selected)
{
	struct audit_view	*av = v->data;
	struct audit_row	*r = &av->v[row];
	int			 role = ROLE_NORMAL;

	if (selected)
		role = ROLE_CURSOR;
	else if (r->rank >= 3)
		role = ROLE_BROKEN;
	ui_cols(y, w, av->cols, A_COUNT, (const char *const *)r->cell,
	    theme_attr(role), v->rx, A_PACKAGE);
}

static const char *
audit_text(struct view *v, size_t row)
{
	return ((struct audit_view *)v->data)->v[row].text;
}

static const char *
audit_empty(struct view *v)
{
	return ((struct audit_view *)v->data)->empty;
}

static void
audit_footer(struct view *v, char *buf, size_t sz)
{
	struct audit_view	*av = v->data;

	if (av->imported != 1)
		snprintf(buf, sz, " 0 advisories");
	else if (av->a.n == 0)
		snprintf(buf, sz, " %lld advisories, none hits an installed "
		    "version", av->records);
	else
		snprintf(buf, sz, " %zu advisor%s, %zu environment%s hit; Enter "
		    "lists them", av->a.n, av->a.n == 1 ? "y" : "ies", av->nenvs,
		    av->nenvs == 1 ? "" : "s");
}

static const char *
audit_id(struct view *v, size_t row)
{
	struct audit_view	*av = v->data;

	return av->v[row].text;
}

static int	view_audit_envs_push(struct ui *, const struct audit_finding *);

static int
audit_select(struct view *v, size_t row)
{
	view_audit_envs_push(v->ui, &((struct audit_view *)v->data)->a.v[row]);
	return REACT_REDRAW;
}

static int
audit_key(struct view *v, enum cmd c)
{
	(void)v;
	if (c == CMD_AUDIT)
		return REACT_REOPEN;
	return -1;
}

static const struct view_ops audit_ops = {
	.name = "audit",
	.open = audit_open,
	.done = audit_done,
	.title = audit_title,
	.header = audit_header,
	.draw = audit_draw,
	.text = audit_text,
	.empty = audit_empty,
	.footer = audit_footer,
	.select = audit_select,
	.key = audit_key,
	.sort_cols = audit_sort_cols,
	.compare = audit_compare,
	.id = audit_id,
};

int
view_audit_push(struct ui *ui)
{
	return ui_push(ui, &audit_ops, xcalloc(1, sizeof(struct audit_view)));
}

/* --- the environments one advisory hits ------------------------------------- */

enum { E_MARK, E_NAME, E_VERSION, E_ACTION, E_PATH, E_COUNT };

static const struct col hit_cols0[E_COUNT] = {
	{ "", 1, 0 }, { "NAME", 4, 0 }, { "VERSION", 7, 0 }, { "DO", 2, 0 },
	{ "PATH", 0, 0 },
};
static const int hit_max[E_COUNT] = { 1, 24, 16, 40, 0 };

static const struct list_sort_col hit_sort_cols[] = {
	{ E_PATH, "PATH" }, { E_NAME, "NAME" }, { E_VERSION, "VERSION" },
	{ E_ACTION, "DO" }, { 0, NULL }
};

struct hit_row {
	char	*path;		/* as indexed */
	char	*cell[E_COUNT];
	char	*text;
	int	 stale;
};

struct hit_view {
	struct col	 cols[E_COUNT];
	char		*id, *package, *fixed;
	struct audit_env *envs;		/* the finding's, copied */
	size_t		 nenvs;
	struct hit_row	*v;
	size_t		 n, nstale;
};

/* The indexed environment at path in l, or NULL. */
static const struct query_env *
hit_env(const struct query_envs *l, const char *path)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].path, path) == 0)
			return &l->v[i];
	return NULL;
}

static int
hit_open(struct view *v)
{
	struct hit_view		*h = v->data;
	const struct query_env	*q;
	struct query_envs	 l;
	struct hit_row		*r;
	char			 why[64], *t, *err;
	size_t			 i;
	int			 c;

	if (query_envs(v->ui->ix, NULL, &l, &err) == -1) {
		ui_status(v->ui, 1, "%s", err);
		free(err);
		return -1;
	}
	memcpy(h->cols, hit_cols0, sizeof h->cols);
	h->v = xcalloc(h->nenvs + 1, sizeof *h->v);
	h->n = h->nstale = 0;
	for (i = 0; i < h->nenvs; i++) {
		if ((q = hit_env(&l, h->envs[i].path)) == NULL)
			continue;	/* deleted since */
		r = &h->v[h->n++];
		r->path = xstrdup(q->path);
		r->stale = q->stale;
		r->cell[E_MARK] = xstrdup("");
		r->cell[E_NAME] = term_safe(q->name);
		r->cell[E_VERSION] = term_safe(h->envs[i].version);
		/* Stale: not worth upgrading; delete it. */
		if (r->stale != 0) {
			h->nstale++;
			stale_words(r->stale, STALE_LABEL, " ", why, sizeof why);
			r->cell[E_ACTION] = xasprintf("delete (stale:%s)", why);
		} else if (h->fixed != NULL)
			r->cell[E_ACTION] = xasprintf("upgrade to %s", h->fixed);
		else
			r->cell[E_ACTION] = xstrdup("no fix known");
		t = path_tilde(r->path);
		r->cell[E_PATH] = term_safe(t);
		free(t);
		r->text = xasprintf("%s %s", r->cell[E_NAME], r->cell[E_PATH]);
		for (c = E_NAME; c < E_PATH; c++)
			ui_fit(&h->cols[c], r->cell[c], hit_max[c]);
	}
	query_envs_free(&l);
	v->nrows = h->n;
	return 0;
}

static void
hit_done(struct view *v)
{
	struct hit_view	*h = v->data;
	size_t		 i, c;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].path);
		free(h->v[i].text);
		for (c = 0; c < E_COUNT; c++)
			free(h->v[i].cell[c]);
	}
	free(h->v);
	h->v = NULL;
	h->n = 0;
}

static void
hit_free(void *data)
{
	struct hit_view	*h = data;
	size_t		 i;

	for (i = 0; i < h->nenvs; i++) {
		free(h->envs[i].path);
		free(h->envs[i].version);
	}
	free(h->envs);
	free(h->id);
	free(h->package);
	free(h->fixed);
	free(h);
}

static int
hit_compare(struct view *v, size_t ra, size_t rb, int col)
{
	struct hit_view		*h = v->data;
	const struct hit_row	*a = &h->v[ra], *b = &h->v[rb];
	int			 c = natcmp(a->cell[col], b->cell[col]);

	if (c == 0)
		c = strcmp(a->path, b->path);
	return c;
}

static void
hit_title(struct view *v, char *buf, size_t sz)
{
	struct hit_view	*h = v->data;

	snprintf(buf, sz, "%s: %s in %zu environment%s", h->id, h->package, h->n,
	    h->n == 1 ? "" : "s");
}

static void
hit_header(struct view *v, int y, int w)
{
	struct hit_view	*h = v->data;

	list_header(v, y, w, h->cols, E_COUNT);
}

static void
hit_draw(struct view *v, size_t row, int y, int w, int selected)
{
	struct hit_view	*h = v->data;
	struct hit_row	*r = &h->v[row];
	const char	*cells[E_COUNT];
	int		 attr, marked = ui_marked(v->ui, r->path);

	attr = theme_attr(marked ? ROLE_MARKED : r->stale ? ROLE_STALE :
	    ROLE_NORMAL);
	if (selected)
		attr = theme_attr(ROLE_CURSOR);
	memcpy(cells, r->cell, sizeof cells);
	cells[E_MARK] = marked ? "*" : "";
	ui_cols(y, w, h->cols, E_COUNT, cells, attr, v->rx, E_PATH);
}

static const char *
hit_text(struct view *v, size_t row)
{
	return ((struct hit_view *)v->data)->v[row].text;
}

static void
hit_footer(struct view *v, char *buf, size_t sz)
{
	struct hit_view	*h = v->data;

	if (h->nstale > 0)
		snprintf(buf, sz, " %zu stale: x deletes %s rather than upgrading;"
		    " Enter opens one", h->nstale, h->nstale == 1 ? "it" : "them");
	else
		snprintf(buf, sz, " Enter opens one");
}

static int
hit_select(struct view *v, size_t row)
{
	view_pkgs_push(v->ui, ((struct hit_view *)v->data)->v[row].path);
	return REACT_REDRAW;
}

static const char *
hit_id(struct view *v, size_t row)
{
	return ((struct hit_view *)v->data)->v[row].path;
}

static int
hit_key(struct view *v, enum cmd c)
{
	struct hit_view	*h = v->data;
	size_t		 cur;

	switch (c) {
	case CMD_MARK:
	case CMD_DIFF:
	case CMD_DIFF_FILE:
	case CMD_LOG:
	case CMD_SHELL:
	case CMD_PIP:
	case CMD_DELETE:
		if ((cur = list_current(v)) == LIST_NONE)
			return REACT_REDRAW;
		if (c != CMD_DELETE)
			return ui_env_command(v->ui, c, h->v[cur].path);
		if (v->ui->nmarks > 0)
			return action_delete(v->ui, v->ui->marks, v->ui->nmarks);
		return action_delete(v->ui, &h->v[cur].path, 1);
	default:
		return -1;
	}
}

static const struct view_ops hit_ops = {
	.name = "audit-envs",
	.open = hit_open,
	.done = hit_done,
	.free = hit_free,
	.title = hit_title,
	.header = hit_header,
	.draw = hit_draw,
	.text = hit_text,
	.footer = hit_footer,
	.select = hit_select,
	.key = hit_key,
	.sort_cols = hit_sort_cols,
	.compare = hit_compare,
	.id = hit_id,
};

static int
view_audit_envs_push(struct ui *ui, const struct audit_finding *f)
{
	struct hit_view	*h = xcalloc(1, sizeof *h);
	size_t		 i;

	h->id = xstrdup(f->id);
	h->package = xstrdup(f->package);
	h->fixed = f->fixed != NULL ? xstrdup(f->fixed) : NULL;
	h->envs = xcalloc(f->nenvs + 1, sizeof *h->envs);
	for (i = 0; i < f->nenvs; i++) {
		h->envs[i].path = xstrdup(f->envs[i].path);
		h->envs[i].version = xstrdup(f->envs[i].version);
	}
	h->nenvs = f->nenvs;
	return ui_push(ui, &hit_ops, h);
}
