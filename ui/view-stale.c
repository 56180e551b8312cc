/*
 * view-stale: the cleanup candidates (clean.h), the most reclaimable first,
 * each with its reasons and whether deleting it is refused. m marks, x
 * deletes the marked ones (or this one), X every one that may go.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "index.h"
#include "path.h"
#include "stale.h"
#include "util.h"
#include "views.h"

enum { C_MARK, C_NAME, C_RECLAIM, C_USED, C_REASONS, C_STATE, C_PATH, C_COUNT };

static const struct col stale_cols0[C_COUNT] = {
	{ "", 1, 0 }, { "NAME", 6, 0 }, { "RECLAIM", 7, 1 }, { "USED", 7, 1 },
	{ "REASONS", 7, 0 }, { "STATE", 5, 0 }, { "PATH", 0, 0 },
};
static const int stale_max[C_COUNT] = { 1, 24, 8, 8, 36, 8, 0 };

struct stale_row {
	char	*path;		/* as indexed */
	char	*cell[C_COUNT];
	char	*text;
	int64_t	 size, used;
	int	 ok;
};

struct stale {
	struct col	 cols[C_COUNT];
	struct stale_row *v;
	size_t		 n;
	size_t		 gone;		/* candidates gone from disk since the scan */
	int64_t		 total;		/* bytes the ones that may go free */
	size_t		 nok;
};

/* The columns s steps through; the first (reclaimable, largest first) is the order it opens in. */
static const struct list_sort_col stale_sort_cols[] = {
	{ C_RECLAIM, "RECLAIM" }, { C_NAME, "NAME" }, { C_USED, "USED" },
	{ C_REASONS, "REASONS" }, { C_PATH, "PATH" }, { 0, NULL }
};

static int
stale_compare(struct view *v, size_t ra, size_t rb, int col)
{
	struct stale		*s = v->data;
	const struct stale_row	*a = &s->v[ra], *b = &s->v[rb];
	int			 c = 0;

	switch (col) {
	case C_RECLAIM:
		c = (a->size < b->size) - (a->size > b->size);	/* largest first */
		break;
	case C_USED:
		c = (a->used > b->used) - (a->used < b->used);
		break;
	case C_PATH:
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
stale_open(struct view *v)
{
	struct stale		*s = v->data;
	struct rmenv_ctx	*c;
	struct clean_list	 l;
	const struct clean_cand	*cd;
	char			 buf[128], keep[sizeof v->ui->status], *t, *why;
	size_t			 i;
	int			 k, err;

	if (v->ui->top != NULL && v->ui->top != v) {	/* not half reopened */
		memcpy(keep, v->ui->status, sizeof keep);
		err = v->ui->status_err;
		ui_status(v->ui, 0, "Measuring the cleanup candidates ...");
		ui_draw(v->ui);
		memcpy(v->ui->status, keep, sizeof keep);
		v->ui->status_err = err;
	}
	c = rmenv_ctx_new(v->ui->ix, 0);
	if (clean_candidates(c, v->ui->ix, index_stale_days(), 0, &l, &why) == -1) {
		clean_list_free(&l);
		rmenv_ctx_free(c);
		ui_status(v->ui, 1, "%s", why);
		free(why);
		return -1;
	}
	memcpy(s->cols, stale_cols0, sizeof s->cols);
	s->v = xcalloc(l.n + 1, sizeof *s->v);
	s->n = s->gone = s->nok = 0;
	s->total = 0;
	for (i = 0; i < l.n; i++) {
		struct stale_row	*r;

		cd = &l.v[i];
		if (cd->rm.missing) {
			s->gone++;
			continue;
		}
		r = &s->v[s->n++];
		r->path = xstrdup(cd->indexed);
		r->ok = cd->rm.ok;
		r->size = cd->rm.size;
		r->used = cd->used;
		if (r->ok) {
			s->nok++;
			s->total += r->size;
		}
		r->cell[C_MARK] = xstrdup("");
		r->cell[C_NAME] = term_safe(cd->rm.name != NULL ? cd->rm.name :
		    path_base(r->path));
		fmt_size(r->size, buf, sizeof buf);
		r->cell[C_RECLAIM] = xstrdup(buf);
		fmt_age(r->used, v->ui->now, buf, sizeof buf);
		r->cell[C_USED] = xstrdup(buf);
		stale_words(cd->bits, STALE_JSON, " ", buf, sizeof buf);
		r->cell[C_REASONS] = xstrdup(buf[0] == ' ' ? buf + 1 : buf);
		r->cell[C_STATE] = xstrdup(r->ok ? "ok" : "refused");
		t = path_tilde(r->path);
		r->cell[C_PATH] = term_safe(t);
		free(t);
		r->text = xasprintf("%s %s %s", r->cell[C_NAME], r->cell[C_REASONS],
		    r->cell[C_PATH]);
		for (k = C_NAME; k < C_PATH; k++)
			ui_fit(&s->cols[k], r->cell[k], stale_max[k]);
	}
	clean_list_free(&l);
	rmenv_ctx_free(c);
	v->nrows = s->n;
	return 0;
}

static void
stale_done(struct view *v)
{
	struct stale	*s = v->data;
	size_t		 i, k;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].path);
		free(s->v[i].text);
		for (k = 0; k < C_COUNT; k++)
			free(s->v[i].cell[k]);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static void
stale_title(struct view *v, char *buf, size_t sz)
{
	(void)v;
	snprintf(buf, sz, "Cleanup candidates: x deletes, X deletes all");
}

static void
stale_header(struct view *v, int y, int w)
{
	struct stale	*s = v->data;

	list_header(v, y, w, s->cols, C_COUNT);
}

static void
stale_draw(struct view *v, size_t row, int y, int w, int selected)
{
	struct stale		*s = v->data;
	struct stale_row	*r = &s->v[row];
	const char		*cells[C_COUNT];
	int			 attr, marked = ui_marked(v->ui, r->path);

	attr = theme_attr(marked ? ROLE_MARKED : r->ok ? ROLE_STALE : ROLE_BROKEN);
	if (selected)
		attr = theme_attr(ROLE_CURSOR);
	memcpy(cells, r->cell, sizeof cells);
	cells[C_MARK] = marked ? "*" : "";
	ui_cols(y, w, s->cols, C_COUNT, cells, attr, v->rx, C_PATH);
}

static const char *
stale_text(struct view *v, size_t row)
{
	return ((struct stale *)v->data)->v[row].text;
}

static void
stale_footer(struct view *v, char *buf, size_t sz)
{
	struct stale	*s = v->data;
	char		 total[16];

	fmt_size(s->total, total, sizeof total);
	snprintf(buf, sz, " %zu candidates, %zu may go, %s reclaimable%s", s->n,
	    s->nok, total, s->gone > 0 ? "; some are gone from disk already "
	    "(R rescans)" : "");
}

static int
stale_select(struct view *v, size_t row)
{
	view_pkgs_push(v->ui, ((struct stale *)v->data)->v[row].path);
	return REACT_REDRAW;
}

static const char *
stale_id(struct view *v, size_t row)
{
	return ((struct stale *)v->data)->v[row].path;
}

static int
stale_key(struct view *v, enum cmd c)
{
	struct stale	*s = v->data;
	char		**all;
	size_t		 cur, i, n = 0;
	int		 r;

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
			return ui_env_command(v->ui, c, s->v[cur].path);
		if (v->ui->nmarks > 0)
			return action_delete(v->ui, v->ui->marks, v->ui->nmarks);
		return action_delete(v->ui, &s->v[cur].path, 1);
	case CMD_CLEAN:
		all = xcalloc(s->n + 1, sizeof *all);
		for (i = 0; i < v->nvis; i++)	/* the ones shown, as sorted */
			if (s->v[v->vis[i]].ok)
				all[n++] = s->v[v->vis[i]].path;
		if (n == 0) {
			ui_status(v->ui, 0, "Nothing here may go");
			free(all);
			return REACT_REDRAW;
		}
		r = action_delete(v->ui, all, n);
		free(all);
		return r;
	case CMD_STALE:
		return REACT_REOPEN;
	default:
		return -1;
	}
}

static const struct view_ops stale_ops = {
	.name = "stale",
	.open = stale_open,
	.done = stale_done,
	.title = stale_title,
	.header = stale_header,
	.draw = stale_draw,
	.text = stale_text,
	.footer = stale_footer,
	.select = stale_select,
	.key = stale_key,
	.sort_cols = stale_sort_cols,
	.compare = stale_compare,
	.id = stale_id,
};

int
view_stale_push(struct ui *ui)
{
	return ui_push(ui, &stale_ops, xcalloc(1, sizeof(struct stale)));
}
