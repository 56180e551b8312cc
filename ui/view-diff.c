/* view-diff: two package sets compared; and the package on both sides. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "query.h"
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
	struct query_env	 e;
	char			*t, *r = NULL, *err = NULL;

	switch (query_env(ix, path, &e, &err)) {
	case 1:
		r = term_safe(e.name);
		query_env_free(&e);
		break;
	case -1:
		free(err);
		break;
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
	struct query_diff_rows	 rows;
	char			*err = NULL, *la, *lb;
	size_t			 i, c;

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

	if (query_diff_rows(ix, &rows, &err) == -1) {
		ui_status(v->ui, 1, "%s", err);
		free(err);
		return -1;
	}
	d->v = xcalloc(rows.n ? rows.n : 1, sizeof *d->v);
	for (i = 0; i < rows.n; i++) {
		const struct query_diff_row *q = &rows.v[i];
		const char	*kind = q->kind, *dir = q->direction;
		struct diff_row	*r = &d->v[d->n++];
		const char	*mark = "?", *note = kind;
		int		 role = ROLE_NORMAL;

		if (strcmp(kind, "only_a") == 0) {
			mark = "-"; note = "only in A"; role = ROLE_BROKEN;
		} else if (strcmp(kind, "only_b") == 0) {
			mark = "+"; note = "only in B"; role = ROLE_MATCH;
		} else if (strcmp(kind, "changed") == 0) {
			mark = "~"; role = ROLE_STALE;
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
		r->norm = xstrdup(q->norm);
		r->cell[D_MARK] = xstrdup(mark);
		r->cell[D_NAME] = term_safe(q->name);
		r->cell[D_A] = term_safe(q->a != NULL ? q->a : "");
		r->cell[D_B] = term_safe(res.verdicts ? (q->wanted != NULL ? q->wanted :
		    "") : (q->b != NULL ? q->b : ""));
		r->cell[D_NOTE] = xstrdup(note);
		for (c = D_NAME; c < D_NOTE; c++)
			ui_fit(&d->cols[c], r->cell[c], 32);
	}
	query_diff_rows_free(&rows);
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
	struct query_pkg p;
	char		*name = env_label(ui->ix, env), *tl = path_tilde(env), *err;

	text_add(t, ROLE_TITLE, " %s: %s  %s ", label, name, tl);
	free(name);
	free(tl);
	switch (query_pkg(ui->ix, env, norm, &p, &err)) {
	case -1:
		free(err);
		return;
	case 0:
		text_add(t, ROLE_DIM, "  not installed");
		break;
	default:
		text_add(t, ROLE_HEADER, "  %s %s", p.name, p.version);
		text_target(t, env, norm);
		if (p.summary != NULL)
			text_add_wrapped(t, ROLE_NORMAL, "  ", p.summary, ui->cols);
		text_add(t, ROLE_NORMAL, "  installer %s%s%s", p.installer != NULL ?
		    p.installer : "unknown", p.editable ? ", editable" : "",
		    p.requested ? ", requested" : "");
		text_add(t, ROLE_NORMAL, "  in %s", p.location != NULL ? p.location :
		    "?");
		if (p.requires != NULL)
			text_add_wrapped(t, ROLE_DIM, "  requires ", p.requires, ui->cols);
		query_pkg_free(&p);
		break;
	}
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
