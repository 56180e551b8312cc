/* view-envs: every indexed environment, one line each, sortable. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
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
	char	*text;		/* what the filter matches: name and path */
	int64_t	 pkgs, size, used;
	int	 broken, stale;
};

struct envs {
	struct ui	*ui;
	struct col	 cols[C_COUNT];
	struct env_row	*v;		/* the rows as read; the list engine sorts */
	size_t		 n;
	struct query_totals totals;
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
		r->broken = strcmp(q->status, "broken") == 0;
		r->stale = q->stale;
		snprintf(buf, sizeof buf, "%s%s%s", r->broken ? "broken" : "ok",
		    stale_words(r->stale, STALE_LABEL, " ", marks, sizeof marks),
		    q->windows ? " win" : "");
		r->cell[C_STATUS] = xstrdup(buf);
		t = path_tilde(r->path);
		r->cell[C_PATH] = term_safe(t);
		free(t);
		r->text = xasprintf("%s %s", r->cell[C_NAME], r->cell[C_PATH]);
		for (c = C_NAME; c < C_PATH; c++)
			if (c != C_RUNS)	/* drawn from ui's marks */
				ui_fit(&e->cols[c], r->cell[c], env_max[c]);
	}
	query_envs_free(&l);
	v->nrows = e->n;
	return 0;
}

static void
envs_done(struct view *v)
{
	struct envs	*e = v->data;
	size_t		 i, c;

	for (i = 0; i < e->n; i++) {
		free(e->v[i].path);
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
	const char	*cells[C_COUNT];
	char		 mark[32];
	int		 c;

	for (c = 0; c < C_COUNT; c++)
		cells[c] = ui_sort_title(env_cols[c].title, c == list_sort_col(v),
		    v->sort_reverse, mark, sizeof mark);
	/* ui_sort_title shares one buffer: only the sorted column uses it. */
	ui_cols(y, w, e->cols, C_COUNT, cells, theme_attr(ROLE_HEADER), NULL, 0);
}

static void
envs_draw(struct view *v, size_t row, int y, int w, int selected)
{
	struct envs	*e = v->data;
	struct env_row	*r = &e->v[row];
	const char	*cells[C_COUNT];
	int		 attr, marked;

	marked = v->ui->marked != NULL && strcmp(v->ui->marked, r->path) == 0;
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

	if (c == CMD_MARK || c == CMD_DIFF || c == CMD_DIFF_FILE || c == CMD_LOG) {
		if ((cur = list_current(v)) == LIST_NONE)
			return REACT_REDRAW;
		return ui_env_command(v->ui, c, e->v[cur].path);
	}
	return -1;
}

static const struct view_ops envs_ops = {
	.name = "environments",
	.open = envs_open,
	.done = envs_done,
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
