/* view-diff: two package sets compared; and the package on both sides. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "index.h"
#include "util.h"
#include "views.h"

enum { D_MARK, D_NAME, D_A, D_B, D_NOTE, D_COUNT };

struct diff_row {
	char	*cell[D_COUNT];
	char	*norm;
	int	 role;
};

struct diffv {
	char		*a, *b;		/* environment paths; b a file when b_file */
	int		 b_file;
	char		*title;
	char		*summary;
	struct col	 cols[D_COUNT];
	struct diff_row	*v;
	size_t		 n;
};

static const struct col diff_cols[D_COUNT] = {
	{ "", 1, 0 }, { "PACKAGE", 7, 0 }, { "A", 1, 0 }, { "B", 1, 0 }, { "", 0, 0 },
};

static char *
env_label(struct index *ix, const char *path)
{
	sqlite3_stmt	*st;
	char		*t, *r = NULL;

	if (sqlite3_prepare_v2(index_db(ix), "SELECT name FROM env WHERE path = ?1",
	    -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			r = term_safe((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	if (r == NULL) {
		t = path_tilde(path);
		r = term_safe(t);
		free(t);
	}
	return r;
}

static int
diffv_open(struct view *v)
{
	struct diffv		*d = v->data;
	struct index		*ix = v->ui->ix;
	struct diff_side	 a = { 0 }, b = { 0 };
	struct diff_result	 res;
	sqlite3_stmt		*st;
	char			*err = NULL, *la, *lb;
	size_t			 cap = 0, c;

	diff_side_env(&a, d->a);
	if (d->b_file) {
		if (diff_side_file(ix, &b, d->b, &err) == -1) {
			ui_status(v->ui, 1, "%s", err != NULL ? err : "cannot read the file");
			free(err);
			diff_side_free(&a);
			return -1;
		}
	} else
		diff_side_env(&b, d->b);
	if (diff_compare(ix, &a, &b, &res, &err) == -1) {
		ui_status(v->ui, 1, "%s", err != NULL ? err : "cannot compare");
		free(err);
		diff_side_free(&a);
		diff_side_free(&b);
		return -1;
	}
	/* The file's problems (skipped lines, undecided markers): the first one. */
	if (b.reqs.nwarn > 0)
		ui_status(v->ui, 1, "%s%s", b.reqs.warn[0], b.reqs.nwarn > 1 ?
		    " (and more: venvdex diff shows them all)" : "");
	diff_side_free(&a);
	diff_side_free(&b);

	la = env_label(ix, d->a);
	lb = d->b_file ? term_safe(d->b) : env_label(ix, d->b);
	free(d->title);
	d->title = xasprintf("A: %s   B: %s", la, lb);
	free(d->summary);
	if (res.verdicts)
		d->summary = xasprintf(" %d satisfied, %d unsatisfied, %d missing, %d extra",
		    res.satisfied, res.unsatisfied, res.missing, res.extra);
	else
		d->summary = xasprintf(" %d only in A, %d only in B, %d changed, %d the same",
		    res.only_a, res.only_b, res.changed, res.same);
	memcpy(d->cols, diff_cols, sizeof d->cols);
	d->cols[D_A].title = "A";
	d->cols[D_B].title = res.verdicts ? "WANTED" : "B";
	free(la);
	free(lb);

	if (sqlite3_prepare_v2(index_db(ix), "SELECT kind, norm, name, a, b, direction,"
	    " wanted FROM diff_out WHERE kind != 'same' ORDER BY CASE kind"
	    " WHEN 'only_a' THEN 0 WHEN 'unsatisfied' THEN 0 WHEN 'only_b' THEN 1"
	    " WHEN 'missing' THEN 1 WHEN 'changed' THEN 2 WHEN 'extra' THEN 3"
	    " ELSE 4 END, norm", -1, &st, NULL) != SQLITE_OK) {
		ui_status(v->ui, 1, "index: %s", sqlite3_errmsg(index_db(ix)));
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char	*kind = (const char *)sqlite3_column_text(st, 0);
		const char	*ca = (const char *)sqlite3_column_text(st, 3);
		const char	*cb = (const char *)sqlite3_column_text(st, 4);
		const char	*dir = (const char *)sqlite3_column_text(st, 5);
		const char	*want = (const char *)sqlite3_column_text(st, 6);
		struct diff_row	*r;
		const char	*mark = "?", *note = kind;
		int		 role = ROLE_NORMAL;

		if (d->n == cap) {
			cap = cap ? cap * 2 : 64;
			d->v = xrealloc(d->v, cap * sizeof *d->v);
		}
		r = &d->v[d->n++];
		if (strcmp(kind, "only_a") == 0) {
			mark = "-"; note = "only in A"; role = ROLE_REMOVED;
		} else if (strcmp(kind, "only_b") == 0) {
			mark = "+"; note = "only in B"; role = ROLE_ADDED;
		} else if (strcmp(kind, "changed") == 0) {
			mark = "~"; role = ROLE_CHANGED;
			note = dir != NULL && strcmp(dir, "up") == 0 ? "newer in B" :
			    dir != NULL && strcmp(dir, "down") == 0 ? "older in B" : "changed";
		} else if (strcmp(kind, "unsatisfied") == 0) {
			mark = "!"; role = ROLE_BROKEN;
		} else if (strcmp(kind, "missing") == 0) {
			mark = "?"; role = ROLE_STALE;
		} else if (strcmp(kind, "extra") == 0) {
			mark = "+"; role = ROLE_DIM;
		} else if (strcmp(kind, "satisfied") == 0) {
			mark = "="; role = ROLE_DIM;
		}
		r->role = role;
		r->norm = xstrdup((const char *)sqlite3_column_text(st, 1));
		r->cell[D_MARK] = xstrdup(mark);
		r->cell[D_NAME] = term_safe((const char *)sqlite3_column_text(st, 2));
		r->cell[D_A] = term_safe(ca != NULL ? ca : "");
		r->cell[D_B] = term_safe(res.verdicts ? (want != NULL ? want : "") :
		    (cb != NULL ? cb : ""));
		r->cell[D_NOTE] = xstrdup(note);
		for (c = D_NAME; c < D_NOTE; c++)
			ui_fit(&d->cols[c], r->cell[c], 32);
	}
	sqlite3_finalize(st);
	v->nrows = d->n;
	return 0;
}

static void
diffv_done(struct view *v)
{
	struct diffv	*d = v->data;
	size_t		 i, c;

	for (i = 0; i < d->n; i++) {
		for (c = 0; c < D_COUNT; c++)
			free(d->v[i].cell[c]);
		free(d->v[i].norm);
	}
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

static void
diffv_free(void *data)
{
	struct diffv	*d = data;

	free(d->a);
	free(d->b);
	free(d->title);
	free(d->summary);
	free(d);
}

static void
diffv_title(struct view *v, char *buf, size_t sz)
{
	snprintf(buf, sz, "Diff  %s", ((struct diffv *)v->data)->title);
}

static void
diffv_header(struct view *v, int y, int w)
{
	struct diffv	*d = v->data;
	const char	*cells[D_COUNT];
	size_t		 c;

	for (c = 0; c < D_COUNT; c++)
		cells[c] = d->cols[c].title;
	ui_cols(y, w, d->cols, D_COUNT, cells, theme_attr(ROLE_HEADER), NULL, 0);
}

static void
diffv_draw(struct view *v, size_t row, int y, int w, int selected)
{
	struct diffv	*d = v->data;
	struct diff_row	*r = &d->v[row];

	ui_cols(y, w, d->cols, D_COUNT, (const char *const *)r->cell,
	    theme_attr(selected ? ROLE_CURSOR : r->role), v->rx, D_NAME);
}

static const char *
diffv_text(struct view *v, size_t row)
{
	return ((struct diffv *)v->data)->v[row].cell[D_NAME];
}

static void
diffv_footer(struct view *v, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s; Enter shows the package on both sides",
	    ((struct diffv *)v->data)->summary);
}

/* One side's facts about a package, for the both-sides page. */
static void
side_lines(struct ui *ui, struct text_page *t, const char *label, const char *env,
    const char *norm)
{
	sqlite3_stmt	*st;
	char		*name = env_label(ui->ix, env), *tl = path_tilde(env);

	text_add(t, ROLE_TITLE, " %s: %s  %s ", label, name, tl);
	free(name);
	free(tl);
	if (sqlite3_prepare_v2(index_db(ui->ix), "SELECT p.name, p.version, p.summary,"
	    " p.installer, p.editable, p.requested, p.location, p.requires FROM pkg p"
	    " JOIN env e ON e.id = p.env_id WHERE e.path = ?1 AND p.norm = ?2", -1,
	    &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, env, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, norm, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		text_add(t, ROLE_DIM, "  not installed");
	else {
#define COL(i) ((const char *)sqlite3_column_text(st, (i)))
		text_add(t, ROLE_HEADER, "  %s %s", COL(0), COL(1));
		text_target(t, env, norm);
		if (COL(2) != NULL)
			text_add_wrapped(t, ROLE_NORMAL, "  ", COL(2), ui->cols);
		text_add(t, ROLE_NORMAL, "  installer %s%s%s", COL(3) != NULL ? COL(3) :
		    "unknown", sqlite3_column_int(st, 4) ? ", editable" : "",
		    sqlite3_column_int(st, 5) ? ", requested" : "");
		text_add(t, ROLE_NORMAL, "  in %s", COL(6) != NULL ? COL(6) : "?");
		if (COL(7) != NULL)
			text_add_wrapped(t, ROLE_DIM, "  requires ", COL(7), ui->cols);
#undef COL
	}
	sqlite3_finalize(st);
	text_add(t, ROLE_NORMAL, "%s", "");
}

static int
diffv_select(struct view *v, size_t row)
{
	struct diffv		*d = v->data;
	struct text_page	*t;
	char			*title;

	title = xasprintf("%s on both sides", d->v[row].cell[D_NAME]);
	t = text_new(title);
	free(title);
	side_lines(v->ui, t, "A", d->a, d->v[row].norm);
	if (!d->b_file)
		side_lines(v->ui, t, "B", d->b, d->v[row].norm);
	else {
		char	*f = term_safe(d->b);

		if (strcmp(d->v[row].cell[D_NOTE], "extra") == 0)
			text_add(t, ROLE_NORMAL, " B: %s does not require it", f);
		else if (d->v[row].cell[D_B][0] == '\0')
			text_add(t, ROLE_NORMAL, " B: %s wants any version", f);
		else
			text_add(t, ROLE_NORMAL, " B: %s wants %s", f,
			    d->v[row].cell[D_B]);
		free(f);
	}
	text_add(t, ROLE_DIM, "%s", "Enter on a package line opens its detail.");
	text_push(v->ui, t);
	return REACT_REDRAW;
}

static const struct view_ops diff_ops = {
	.name = "diff",
	.open = diffv_open,
	.done = diffv_done,
	.free = diffv_free,
	.title = diffv_title,
	.header = diffv_header,
	.draw = diffv_draw,
	.text = diffv_text,
	.footer = diffv_footer,
	.select = diffv_select,
};

int
view_diff_push(struct ui *ui, const char *a, const char *b, int b_file)
{
	struct diffv	*d = xcalloc(1, sizeof *d);

	d->a = xstrdup(a);
	d->b = xstrdup(b);
	d->b_file = b_file;
	return ui_push(ui, &diff_ops, d);
}
