/* view-envs: every indexed environment, one line each, sortable. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "deps.h"
#include "draw.h"
#include "index.h"
#include "query.h"
#include "rx.h"
#include "stale.h"
#include "util.h"
#include "views.h"

enum { C_MARK, C_NAME, C_RUNS, C_KIND, C_PYTHON, C_PKGS, C_SIZE, C_USED, C_STATUS,
	C_PATH, C_COUNT };

/* Widths are the least; open() widens them to fit the data (RUNS fits "py+pip"). */
static const struct col env_cols[C_COUNT] = {
	{ "", 1, 0 }, { "NAME", 6, 0 }, { "RUNS", 6, 0 }, { "KIND", 6, 0 },
	{ "PYTHON", 6, 0 }, { "PKGS", 4, 1 }, { "SIZE", 5, 1 }, { "USED", 7, 1 },
	{ "STATUS", 6, 0 }, { "PATH", 0, 0 },
};
static const int env_max[C_COUNT] = { 1, 24, 10, 24, 10, 6, 6, 8, 24, 0 };

struct env_row {
	char	*path;		/* as indexed */
	char	*cell[C_COUNT];	/* terminal-safe display text */
	char	*status;	/* STATUS without the deps and vuln marks */
	char	*text;		/* what the filter matches: name and path */
	int64_t	 pkgs, size, used;
	int	 broken, stale;
	int	 bad_deps;	/* what venvdex check would report */
	int	 vulns;		/* findings of the last audit that name it */
};

/*
 * The marks that take a while (broken requirements, known vulnerabilities)
 * are found after the first paint (view_envs_marks()) and kept across
 * reopenings: both lists are sorted paths, vuln with one repeat per finding.
 */
struct envs_marks {
	char	**bad, **vuln;
	size_t	  nbad, nvuln;
};

struct envs {
	struct ui	*ui;
	struct col	 cols[C_COUNT];
	struct env_row	*v;		/* the rows as read; the list engine sorts */
	size_t		 n;
	struct query_totals totals;
	struct envs_marks marks;
};

/* The RUNS cell: whether python and pip run from this environment now. */
static const char *
envs_runs(const struct ui *ui, const char *path)
{
	int	bits;

	bits = (ui->python_env != NULL && strcmp(ui->python_env, path) == 0) |
	    (ui->pip_env != NULL && strcmp(ui->pip_env, path) == 0) << 1;
	return bits == 3 ? "py+pip" : bits == 1 ? "python" : bits == 2 ? "pip" : "";
}

/* The columns s steps through, in order. */
static const struct list_sort_col envs_sort_cols[] = {
	{ C_NAME, "NAME" }, { C_RUNS, "RUNS" }, { C_KIND, "KIND" },
	{ C_PYTHON, "PYTHON" }, { C_PKGS, "PKGS" }, { C_SIZE, "SIZE" },
	{ C_USED, "USED" }, { C_STATUS, "STATUS" }, { C_PATH, "PATH" },
	{ 0, NULL }
};

static int
envs_compare(struct view *v, size_t ra, size_t rb, int col)
{
	struct envs		*e = v->data;
	const struct env_row	*a = &e->v[ra], *b = &e->v[rb];
	int			 c = 0;

	switch (col) {
	case C_PKGS:
		c = (a->pkgs > b->pkgs) - (a->pkgs < b->pkgs);
		break;
	case C_SIZE:
		c = (a->size > b->size) - (a->size < b->size);
		break;
	case C_USED:
		c = (a->used > b->used) - (a->used < b->used);
		break;
	case C_PATH:
		break;
	case C_RUNS:
		c = strcmp(envs_runs(v->ui, a->path), envs_runs(v->ui, b->path));
		break;
	default:
		c = natcmp(a->cell[col], b->cell[col]);
		break;
	}
	if (c == 0)
		c = natcmp(a->path, b->path);
	return c;
}

static int
path_pcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* How many times path is in the sorted list v of n. */
static int
envs_count(char **v, size_t n, const char *path)
{
	char	**hit, **lo;
	int	  k = 0;

	if (n == 0 || (hit = bsearch(&path, v, n, sizeof *v, path_pcmp)) == NULL)
		return 0;
	for (lo = hit; lo > v && strcmp(lo[-1], path) == 0; lo--)
		;
	for (; lo < v + n && strcmp(*lo, path) == 0; lo++)
		k++;
	return k;
}

static void
envs_marks_free(struct envs_marks *m)
{
	size_t	i;

	for (i = 0; i < m->nbad; i++)
		free(m->bad[i]);
	for (i = 0; i < m->nvuln; i++)
		free(m->vuln[i]);
	free(m->bad);
	free(m->vuln);
	memset(m, 0, sizeof *m);
}

/* The environments whose requirements are broken (deps_each(), as check). */
static void
envs_bad_one(const struct deps_env *de, void *arg)
{
	struct envs_marks	*m = arg;

	if (de->problems == 0)
		return;
	m->bad = xrealloc(m->bad, (m->nbad + 1) * sizeof *m->bad);
	m->bad[m->nbad++] = xstrdup(de->path);
}

/*
 * The paths of the environments the imported advisories hit (audit), sorted
 * with repeats, into m. None when none imported.
 */
static void
envs_vulnerable(struct ui *ui, struct envs_marks *m)
{
	struct index_osv_source	 src;
	struct audit		 a;
	char			*err = NULL;
	size_t			 i, j, n = 0;

	if (query_osv_source(ui->ix, &src, &err) != 1) {
		free(err);
		return;
	}
	query_osv_source_free(&src);
	memset(&a, 0, sizeof a);
	if (audit_run(ui->ix, NULL, 0, &a, &err) == -1) {
		ui_status(ui, 1, "audit: %s", err);
		free(err);
		return;
	}
	for (i = 0; i < a.n; i++)
		n += a.v[i].nenvs;
	m->vuln = xcalloc(n + 1, sizeof *m->vuln);
	for (i = 0; i < a.n; i++)
		for (j = 0; j < a.v[i].nenvs; j++)
			m->vuln[m->nvuln++] = xstrdup(a.v[i].envs[j].path);
	xqsort(m->vuln, m->nvuln, sizeof *m->vuln, path_pcmp);
	audit_free(&a);
}

/* Puts the marks known into the rows' STATUS; how many stale rows are vulnerable. */
static size_t
envs_apply_marks(struct envs *e)
{
	struct env_row	*r;
	size_t		 i, stale_vuln = 0;

	for (i = 0; i < e->n; i++) {
		r = &e->v[i];
		r->bad_deps = envs_count(e->marks.bad, e->marks.nbad, r->path) > 0;
		r->vulns = envs_count(e->marks.vuln, e->marks.nvuln, r->path);
		stale_vuln += r->vulns > 0 && r->stale != 0;
		free(r->cell[C_STATUS]);
		r->cell[C_STATUS] = xasprintf("%s%s%s", r->status,
		    r->bad_deps ? " deps" : "", r->vulns > 0 ? " !vuln" : "");
		ui_fit(&e->cols[C_STATUS], r->cell[C_STATUS], env_max[C_STATUS]);
	}
	return stale_vuln;
}

static int
envs_open(struct view *v)
{
	struct envs		*e = v->data;
	struct query_envs	 l;
	const struct query_env	*q;
	char			 buf[64], marks[64], *t, *err;
	size_t			 i;
	int			 c;

	if (query_envs(v->ui->ix, NULL, &l, &err) == -1) {
		ui_status(v->ui, 1, "%s", err);
		free(err);
		return -1;
	}
	query_totals(&l, &e->totals);
	memcpy(e->cols, env_cols, sizeof e->cols);
	e->ui = v->ui;
	e->v = xcalloc(l.n ? l.n : 1, sizeof *e->v);
	for (i = 0; i < l.n; i++) {
		struct env_row	*r = &e->v[e->n++];
		const char	*kind;

		q = &l.v[i];
		r->path = xstrdup(q->path);
		r->cell[C_MARK] = xstrdup("");
		r->cell[C_NAME] = term_safe(q->name);
		kind = strcmp(q->kind, "virtualenv-legacy") == 0 ? "legacy" : q->kind;
		snprintf(buf, sizeof buf, "%s%s%s", kind, q->manager ? "/" : "",
		    q->manager ? q->manager : "");
		r->cell[C_KIND] = xstrdup(buf);
		r->cell[C_PYTHON] = term_safe(q->python != NULL ? q->python : "?");
		r->pkgs = q->packages;
		snprintf(buf, sizeof buf, "%lld", (long long)r->pkgs);
		r->cell[C_PKGS] = xstrdup(buf);
		r->size = q->size;
		fmt_size(r->size, buf, sizeof buf);
		r->cell[C_SIZE] = xstrdup(buf);
		r->used = q->used;
		fmt_age(r->used, v->ui->now, buf, sizeof buf);
		r->cell[C_USED] = xstrdup(buf);
		r->broken = strcmp(q->status, "ok") != 0;	/* or unreadable */
		r->stale = q->stale;
		r->status = xasprintf("%s%s%s", q->status,
		    stale_words(r->stale, STALE_LABEL, " ", marks, sizeof marks),
		    q->windows ? " win" : "");
		t = path_tilde(r->path);
		r->cell[C_PATH] = term_safe(t);
		free(t);
		r->text = xasprintf("%s %s", r->cell[C_NAME], r->cell[C_PATH]);
		for (c = C_NAME; c < C_PATH; c++)
			if (c != C_RUNS && c != C_STATUS)	/* RUNS: from ui's marks */
				ui_fit(&e->cols[c], r->cell[c], env_max[c]);
	}
	query_envs_free(&l);
	envs_apply_marks(e);
	v->nrows = e->n;
	for (i = 0; v->ui->goto_env != NULL && i < e->n; i++) {
		if (strcmp(e->v[i].path, v->ui->goto_env) == 0) {
			v->want = i;
			free(v->ui->goto_env);
			v->ui->goto_env = NULL;
		}
	}
	return 0;
}

static void
envs_done(struct view *v)
{
	struct envs	*e = v->data;
	size_t		 i, c;

	for (i = 0; i < e->n; i++) {
		free(e->v[i].path);
		free(e->v[i].status);
		free(e->v[i].text);
		for (c = 0; c < C_COUNT; c++)
			free(e->v[i].cell[c]);
	}
	free(e->v);
	e->v = NULL;
	e->n = 0;
}


static void
envs_title(struct view *v, char *buf, size_t sz)
{
	snprintf(buf, sz, "venvdex: Python environments");
}

static void
envs_header(struct view *v, int y, int w)
{
	struct envs	*e = v->data;

	list_header(v, y, w, e->cols, C_COUNT);
}

static void
envs_draw(struct view *v, size_t row, int y, int w, int selected)
{
	struct envs	*e = v->data;
	struct env_row	*r = &e->v[row];
	const char	*cells[C_COUNT];
	int		 attr, marked;

	marked = ui_marked(v->ui, r->path);
	attr = theme_attr(marked ? ROLE_MARKED : r->broken ? ROLE_BROKEN :
	    r->stale ? ROLE_STALE : ROLE_NORMAL);
	if (selected)
		attr = theme_attr(ROLE_CURSOR);
	memcpy(cells, r->cell, sizeof cells);
	cells[C_MARK] = marked ? "*" : "";
	cells[C_RUNS] = envs_runs(v->ui, r->path);
	ui_cols(y, w, e->cols, C_COUNT, cells, attr, v->rx, C_PATH);
	if (v->rx != NULL)	/* the name is matched too: highlight it as well */
		draw_str(y, e->cols[C_MARK].width + 1, e->cols[C_NAME].width,
		    r->cell[C_NAME], attr, 1, v->rx, attr | theme_attr(ROLE_MATCH));
}

static const char *
envs_text(struct view *v, size_t row)
{
	return ((struct envs *)v->data)->v[row].text;
}

static void
envs_footer(struct view *v, char *buf, size_t sz)
{
	struct envs	*e = v->data;
	char		 total[16], stale[16], dupes[16];

	fmt_size(e->totals.size, total, sizeof total);
	fmt_size(e->totals.stale_size, stale, sizeof stale);
	if (e->ui->dupes_wasted >= 0)
		fmt_size(e->ui->dupes_wasted, dupes, sizeof dupes);
	else
		snprintf(dupes, sizeof dupes, "?");
	snprintf(buf, sz, " %zu environments, %lld packages, %s on disk;"
	    " reclaimable: %s in %zu stale, %s in duplicates", e->totals.envs,
	    (long long)e->totals.packages, total, stale, e->totals.stale, dupes);
}

static int
envs_select(struct view *v, size_t row)
{
	view_pkgs_push(v->ui, ((struct envs *)v->data)->v[row].path);
	return REACT_REDRAW;
}

static const char *
envs_id(struct view *v, size_t row)
{
	return ((struct envs *)v->data)->v[row].path;
}

static int
envs_key(struct view *v, enum cmd c)
{
	struct envs	*e = v->data;
	size_t		 cur;

	if (c == CMD_MARK || c == CMD_DIFF || c == CMD_DIFF_FILE || c == CMD_LOG ||
	    c == CMD_SHELL || c == CMD_PIP || c == CMD_DELETE) {
		if ((cur = list_current(v)) == LIST_NONE)
			return REACT_REDRAW;
		if (c != CMD_DELETE)
			return ui_env_command(v->ui, c, e->v[cur].path);
		if (v->ui->nmarks > 0)
			return action_delete(v->ui, v->ui->marks, v->ui->nmarks);
		return action_delete(v->ui, &e->v[cur].path, 1);
	}
	return -1;
}

static void
envs_free(void *data)
{
	struct envs	*e = data;

	envs_marks_free(&e->marks);
	free(e);
}

static const struct view_ops envs_ops = {
	.name = "environments",
	.open = envs_open,
	.done = envs_done,
	.free = envs_free,
	.title = envs_title,
	.header = envs_header,
	.draw = envs_draw,
	.text = envs_text,
	.footer = envs_footer,
	.select = envs_select,
	.key = envs_key,
	.sort_cols = envs_sort_cols,
	.compare = envs_compare,
	.id = envs_id,
};

int
view_envs_push(struct ui *ui)
{
	return ui_push(ui, &envs_ops, xcalloc(1, sizeof(struct envs)));
}

void
view_envs_marks(struct ui *ui)
{
	struct view	*v;
	struct envs	*e;
	char		*err;
	size_t		 stale_vuln;

	for (v = ui->top; v != NULL && v->ops != &envs_ops; v = v->prev)
		;
	if (v == NULL)
		return;
	e = v->data;
	envs_marks_free(&e->marks);
	if (deps_each(ui->ix, NULL, envs_bad_one, &e->marks, &err) == -1) {
		ui_status(ui, 1, "%s", err);
		free(err);
	}
	envs_vulnerable(ui, &e->marks);
	/* Stale and vulnerable: not worth upgrading. */
	if ((stale_vuln = envs_apply_marks(e)) > 0)
		ui_status(ui, 0, "%zu stale environment%s hold%s known "
		    "vulnerabilities: delete %s (venvdex clean) rather than "
		    "upgrade", stale_vuln, stale_vuln == 1 ? "" : "s",
		    stale_vuln == 1 ? "s" : "", stale_vuln == 1 ? "it" : "them");
	list_refilter(v);	/* STATUS may be the order */
}
