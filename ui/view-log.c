/* view-log: the history of an environment's packages, newest first. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query.h"
#include "util.h"
#include "views.h"

/* As venvdex log prints it: the versions before the change's name, so a
   narrow terminal still shows them. */
enum { L_TIME, L_NAME, L_VERSION, L_CHANGE, L_COUNT };

static const struct col log_cols[L_COUNT] = {
	{ "TIME", 16, 0 }, { "PACKAGE", 7, 0 }, { "VERSION", 7, 0 },
	{ "CHANGE", 0, 0 },
};

struct log_row {
	char	*cell[L_COUNT];
	char	*norm;
	int	 role;
};

struct logv {
	char		*env;
	char		*title;
	struct col	 cols[L_COUNT];
	struct log_row	*v;
	size_t		 n;
	int64_t		 first_seen;
};

static int
logv_open(struct view *v)
{
	struct logv		*l = v->data;
	struct query_env	 env;
	struct query_changes	 h;
	const struct query_change *q;
	size_t			 i;
	char			 when[32], *t, *err;
	int			 found;

	if ((found = query_env(v->ui->ix, l->env, &env, &err)) == -1) {
		ui_status(v->ui, 1, "%s", err);
		free(err);
		return -1;
	}
	free(l->title);
	t = path_tilde(l->env);
	if (found) {
		l->title = xasprintf("History of %s  %s", env.name, t);
		l->first_seen = env.first_seen;
	} else
		l->title = xasprintf("History of %s", t);
	free(t);
	query_env_free(&env);
	memcpy(l->cols, log_cols, sizeof l->cols);

	if (query_history(v->ui->ix, l->env, 0, &h, &err) == -1) {
		ui_status(v->ui, 1, "%s", err);
		free(err);
		return -1;
	}
	l->v = xcalloc(h.n ? h.n : 1, sizeof *l->v);
	for (i = 0; i < h.n; i++) {
		struct log_row	*r = &l->v[l->n++];
		time_t		 tm;

		q = &h.v[i];
		tm = (time_t)q->time;
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&tm));
		r->role = q->old == NULL ? ROLE_MATCH : q->new == NULL ? ROLE_BROKEN :
		    ROLE_STALE;
		r->cell[L_TIME] = xstrdup(when);
		r->cell[L_CHANGE] = xstrdup(query_change_word(q));
		r->cell[L_NAME] = term_safe(q->name);
		/* "1.0 -> 2.0"; one version when added or removed. */
		if (q->old != NULL && q->new != NULL)
			t = xasprintf("%s -> %s", q->old, q->new);
		else
			t = xstrdup(q->old != NULL ? q->old : q->new != NULL ? q->new : "");
		r->cell[L_VERSION] = term_safe(t);
		free(t);
		r->norm = xstrdup(q->norm);
		ui_fit(&l->cols[L_NAME], r->cell[L_NAME], 32);
		ui_fit(&l->cols[L_VERSION], r->cell[L_VERSION], 40);
	}
	query_changes_free(&h);
	v->nrows = l->n;
	return 0;
}

static void
logv_done(struct view *v)
{
	struct logv	*l = v->data;
	size_t		 i, c;

	for (i = 0; i < l->n; i++) {
		for (c = 0; c < L_COUNT; c++)
			free(l->v[i].cell[c]);
		free(l->v[i].norm);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void
logv_free(void *data)
{
	struct logv	*l = data;

	free(l->env);
	free(l->title);
	free(l);
}

static void
logv_title(struct view *v, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s", ((struct logv *)v->data)->title);
}

static void
logv_header(struct view *v, int y, int w)
{
	struct logv	*l = v->data;
	const char	*cells[L_COUNT];
	size_t		 c;

	for (c = 0; c < L_COUNT; c++)
		cells[c] = l->cols[c].title;
	ui_cols(y, w, l->cols, L_COUNT, cells, theme_attr(ROLE_HEADER), NULL, 0);
}

static void
logv_draw(struct view *v, size_t row, int y, int w, int selected)
{
	struct logv	*l = v->data;
	struct log_row	*r = &l->v[row];

	ui_cols(y, w, l->cols, L_COUNT, (const char *const *)r->cell,
	    theme_attr(selected ? ROLE_CURSOR : r->role), v->rx, L_NAME);
}

static const char *
logv_text(struct view *v, size_t row)
{
	return ((struct logv *)v->data)->v[row].cell[L_NAME];
}

static void
logv_footer(struct view *v, char *buf, size_t sz)
{
	struct logv	*l = v->data;
	char		 when[32];
	time_t		 t = (time_t)l->first_seen;

	strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&t));
	snprintf(buf, sz, " %zu changes seen since %s, when venvdex first indexed it",
	    l->n, when);
}

static int
logv_select(struct view *v, size_t row)
{
	struct logv	*l = v->data;

	view_pkg_push(v->ui, l->env, l->v[row].norm);
	return REACT_REDRAW;
}

static const struct view_ops log_ops = {
	.name = "log",
	.open = logv_open,
	.done = logv_done,
	.free = logv_free,
	.title = logv_title,
	.header = logv_header,
	.draw = logv_draw,
	.text = logv_text,
	.footer = logv_footer,
	.select = logv_select,
};

int
view_log_push(struct ui *ui, const char *env)
{
	struct logv	*l = xcalloc(1, sizeof *l);

	l->env = xstrdup(env);
	return ui_push(ui, &log_ops, l);
}
