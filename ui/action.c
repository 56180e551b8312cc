/*
 * action: the browser's actions on environments, each the same engine
 * calls as its command (cli-create.c, cli-shell.c, cli-pip.c, cli-rm.c):
 * create, a shell or pip with the terminal, delete after a dialog; and that
 * dialog, ui_confirm().
 */
#include "config.h"

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "changes.h"
#include "create.h"
#include "draw.h"
#include "index.h"
#include "keys.h"
#include "path.h"
#include "pip.h"
#include "probe.h"
#include "rmenv.h"
#include "scan.h"
#include "seed.h"
#include "shell.h"
#include "util.h"
#include "views.h"

/* --- the dialog ------------------------------------------------------------ */

struct confirm {
	const char	 *title;
	char *const	 *lines;
	const int	 *roles;
	size_t		  n;
	const char	 *question;
};

static struct confirm	*confirm_now;	/* for confirm_paint(), called from ui_getkey() */

static void
confirm_paint(struct ui *ui)
{
	struct confirm	*d = confirm_now;
	char		 more[64];
	size_t		 i, shown;
	int		 w, h, x0, y0, y, lw;

	ui_draw(ui);
	if (ui->cols < UI_MIN_COLS || ui->rows < UI_MIN_ROWS)
		return;
	w = draw_width(d->question) + 4;
	if ((lw = draw_width(d->title) + 6) > w)
		w = lw;
	for (i = 0; i < d->n; i++)
		if ((lw = draw_width(d->lines[i]) + 4) > w)
			w = lw;
	if (w > ui->cols - 2)
		w = ui->cols - 2;
	h = (int)d->n + 4;
	if (h > ui->rows - 2)
		h = ui->rows - 2;
	shown = (size_t)(h - 4);
	if (shown < d->n && shown > 0)
		shown--;			/* room for "... and N more" */
	x0 = (ui->cols - w) / 2;
	y0 = (ui->rows - h) / 2;
	for (y = y0; y < y0 + h; y++)
		draw_fill(y, x0, w, theme_attr(ROLE_NORMAL));
	attrset(theme_attr(ROLE_NORMAL));
	mvhline(y0, x0 + 1, ACS_HLINE, w - 2);
	mvhline(y0 + h - 1, x0 + 1, ACS_HLINE, w - 2);
	mvvline(y0 + 1, x0, ACS_VLINE, h - 2);
	mvvline(y0 + 1, x0 + w - 1, ACS_VLINE, h - 2);
	mvaddch(y0, x0, ACS_ULCORNER);
	mvaddch(y0, x0 + w - 1, ACS_URCORNER);
	mvaddch(y0 + h - 1, x0, ACS_LLCORNER);
	mvaddch(y0 + h - 1, x0 + w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
	draw_str(y0, x0 + 2, w - 4, d->title, theme_attr(ROLE_HEADER), 0, NULL, 0);
	for (i = 0; i < shown && i < d->n; i++)
		draw_str(y0 + 1 + (int)i, x0 + 2, w - 4, d->lines[i],
		    theme_attr(d->roles[i]), 0, NULL, 0);
	if (shown < d->n) {
		snprintf(more, sizeof more, "... and %zu more lines", d->n - shown);
		draw_str(y0 + 1 + (int)shown, x0 + 2, w - 4, more, theme_attr(ROLE_DIM),
		    0, NULL, 0);
	}
	draw_str(y0 + h - 2, x0 + 2, w - 4, d->question, theme_attr(ROLE_KEY), 0,
	    NULL, 0);
	refresh();
}

int
ui_confirm(struct ui *ui, const char *title, char *const *lines, const int *roles,
    size_t n, const char *question)
{
	struct confirm	 d = { title, lines, roles, n, question }, *outer = confirm_now;
	int		 key;

	confirm_now = &d;
	confirm_paint(ui);
	key = ui_getkey(ui, -1, confirm_paint);
	confirm_now = outer;
	return key == 'y' || key == 'Y';
}

/* --- helpers --------------------------------------------------------------- */

/* ~/ as a shell would read it; allocated. */
static char *
action_expand(const char *s)
{
	const char	*home = getenv("HOME");

	if (strncmp(s, "~/", 2) == 0 && home != NULL)
		return path_join(home, s + 2);
	return xstrdup(s);
}

/* Probes env for an action; 0, or -1 with the reason on the status line. */
static int
action_probe(struct ui *ui, const char *what, const char *env, struct env *e)
{
	char	*t = path_tilde(env);

	if (!probe_env(env, e)) {
		ui_status(ui, 1, "%s: %s is not an environment any more (R rescans)",
		    what, t);
		free(t);
		return -1;
	}
	if (e->windows) {
		ui_status(ui, 1, "%s: %s is a Windows environment: it cannot run here",
		    what, t);
		env_free(e);
		free(t);
		return -1;
	}
	free(t);
	return 0;
}

/*
 * After a shell or pip: re-indexes the environment and shows what changed,
 * as a page when something did, else on the status line.
 */
static void
action_changes(struct ui *ui, const char *what, const char *name,
    struct changes_snap *snap, int status)
{
	struct text_page	*t;
	struct changes		 c;
	const struct change	*ch;
	char			 line[256], size[24], norm[256], *title, *err, *ver;
	size_t			 i;
	static const int	 roles[CHANGE_NKINDS] = {
		ROLE_ADDED, ROLE_CHANGED, ROLE_CHANGED, ROLE_REMOVED
	};

	if (snap == NULL)
		return;		/* a message said why (msg.h) */
	if (changes_reindex(ui->ix, snap, &c, &err) == -1) {
		ui_status(ui, 1, "%s: %s", what, err);
		free(err);
		return;
	}
	changes_summary(&c, line, sizeof line);
	if (c.n == 0) {
		ui_status(ui, status != 0, "%s in %s: %s%s", what, name, line,
		    status > 0 ? "; it exited with an error" : "");
		changes_free(&c);
		return;
	}
	title = xasprintf("Changes in %s after %s", name, what);
	t = text_new(title);
	free(title);
	text_add(t, ROLE_HEADER, "%-11s %-30s %8s  %s", "CHANGE", "PACKAGE", "SIZE",
	    "VERSION");
	for (i = 0; i < c.n; i++) {
		ch = &c.v[i];
		changes_size(ch, size, sizeof size);
		if (ch->old != NULL && ch->new != NULL)
			ver = xasprintf("%s -> %s", ch->old, ch->new);
		else
			ver = xstrdup(ch->old != NULL ? ch->old : ch->new);
		text_add(t, roles[ch->kind], "%-11s %-30s %8s  %s",
		    change_kind_name(ch->kind), ch->name, size, ver);
		free(ver);
		if (ch->new != NULL) {
			name_normalize(ch->name, norm, sizeof norm);
			text_target(t, c.path, norm);
		}
	}
	text_add(t, ROLE_NORMAL, "%s", "");
	text_add(t, ROLE_DIM, "%s", line);
	text_push(ui, t);
	ui_status(ui, status != 0, "%s in %s: %s", what, name, line);
	changes_free(&c);
}

/* --- create ---------------------------------------------------------------- */

int
action_create(struct ui *ui)
{
	struct create_opts	 o;
	struct create_result	 r;
	struct view		*v;
	char			*dir, *typed, *py, *err, *t;

	if ((typed = ui_prompt(ui, "create an environment in folder: ")) == NULL)
		return REACT_REDRAW;
	if (typed[0] == '\0') {
		free(typed);
		return REACT_REDRAW;
	}
	dir = action_expand(typed);
	free(typed);
	py = ui_prompt(ui, "python (a path, 3.12, a pyenv version; Enter: python3): ");
	if (py == NULL) {
		free(dir);
		return REACT_REDRAW;
	}
	memset(&o, 0, sizeof o);
	o.python = py[0] != '\0' ? py : NULL;
	ui_status(ui, 0, "Creating %s ...", dir);
	ui_draw(ui);
	if (create_env(ui->ix, dir, &o, &r, &err) == -1) {
		ui_status(ui, 1, "create: %s", err);
		free(err);
		create_result_free(&r);
		free(dir);
		free(py);
		return REACT_REDRAW;
	}
	t = path_tilde(r.path);
	if (scan_one(ui->ix, r.path) == -1)
		ui_status(ui, 1, "create: %s: made, but it could not be indexed", t);
	else
		ui_status(ui, 0, "Created %s (Python %s%s%s)", t, r.py.version,
		    r.pip != NULL ? ", pip " : ", without pip",
		    r.pip != NULL ? r.pip : "");
	free(t);
	/* Back to the environments, the cursor on the new one. */
	while (ui->top->prev != NULL)
		ui_react(ui, REACT_BACK);
	v = ui->top;
	if (v->filter != NULL) {
		list_set_filter(v, NULL, &err);
		free(err);
	}
	free(ui->goto_env);
	ui->goto_env = xstrdup(r.path);
	create_result_free(&r);
	free(dir);
	free(py);
	return REACT_RELOAD;
}

/* --- shell and pip --------------------------------------------------------- */

int
action_shell(struct ui *ui, const char *env)
{
	struct changes_snap	*snap;
	struct shell_run	 r;
	struct env		 e;
	char			*note, *err, *name;
	int			 status;

	if (action_probe(ui, "shell", env, &e) == -1)
		return REACT_REDRAW;
	snap = changes_snapshot(ui->ix, env);
	if (shell_prepare(&e, NULL, 0, &r, &err) == -1) {
		ui_status(ui, 1, "shell: %s", err);
		free(err);
		changes_snap_free(snap);
		env_free(&e);
		return REACT_REDRAW;
	}
	name = xstrdup(e.name);
	note = xasprintf("venvdex: %s active in %s; 'exit' returns to venvdex%s%s%s%s",
	    r.name, path_base(r.shell), r.nested != NULL ? "\nvenvdex: note: " : "",
	    r.nested != NULL ? r.nested : "", r.nested != NULL ? "; this shell "
	    "starts inside that one" : "", e.broken ? "\nvenvdex: note: it is "
	    "broken (its interpreter is missing)" : "");
	status = ui_run_fg(ui, r.argv, r.envp, note, 0, &err);
	free(note);
	shell_done(&r);
	if (status == -1) {
		ui_status(ui, 1, "shell: %s", err);
		free(err);
	} else
		index_touch_activated(ui->ix, env, (int64_t)time(NULL));
	if (status != -1)
		action_changes(ui, "shell", name, snap, 0);
	changes_snap_free(snap);
	free(name);
	env_free(&e);
	return REACT_RELOAD;
}

int
action_pip(struct ui *ui, const char *env)
{
	struct changes_snap	*snap = NULL;
	struct env		 e;
	char			*label, *line, *py = NULL, *err, *note, *seeded, *t;
	char			**words = NULL, **argv, **envp;
	int			 n, i, status, react = REACT_REDRAW;

	if (action_probe(ui, "pip", env, &e) == -1)
		return REACT_REDRAW;
	label = xasprintf("%s: pip ", e.name);
	line = ui_prompt(ui, label);
	free(label);
	if (line == NULL || (n = keys_words(line, &words)) == 0) {
		free(line);
		env_free(&e);
		return REACT_REDRAW;
	}
	if (n == -1) {
		ui_status(ui, 1, "pip: a quote is not closed");
		goto out;
	}
	t = path_tilde(env);
	switch (pip_check(&e, &py)) {
	case PIP_WINDOWS:
		break;		/* action_probe() refused it */
	case PIP_NO_PYTHON:
		ui_status(ui, 1, "pip: %s: its interpreter is missing (%s); recreate "
		    "the environment", t, py);
		free(t);
		goto out;
	case PIP_NO_PIP: {
		char		*q = xasprintf("%s has no pip.", t);
		const int	 role = ROLE_NORMAL;

		if (!ui_confirm(ui, "pip", &q, &role, 1, "Seed pip into it, as "
		    "create does? [y/N]")) {
			free(q);
			free(t);
			ui_status(ui, 0, "pip: nothing run");
			goto out;
		}
		free(q);
		snap = changes_snapshot(ui->ix, env);
		if (seed_ensure_pip(env, &seeded, &err) == -1) {
			ui_status(ui, 1, "pip: %s: cannot seed pip: %s", t, err);
			free(err);
			free(t);
			goto out;
		}
		free(seeded);
		break;
	}
	case PIP_OK:
		snap = changes_snapshot(ui->ix, env);
		break;
	}
	free(t);
	argv = pip_argv(py, words, n);
	envp = pip_envp();
	note = xasprintf("venvdex: %s: python -m pip %s", e.name, line);
	status = ui_run_fg(ui, argv, envp, note, 1, &err);
	free(note);
	free(argv);
	free(envp);
	if (status == -1) {
		ui_status(ui, 1, "pip: %s", err);
		free(err);
	} else
		action_changes(ui, "pip", e.name, snap, status);
	react = REACT_RELOAD;
out:
	changes_snap_free(snap);
	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
	free(line);
	free(py);
	env_free(&e);
	return react;
}

/* --- delete ---------------------------------------------------------------- */

static void
action_progress(const struct rmenv_progress *p, void *arg)
{
	struct ui	*ui = arg;
	char		 size[16], *t = path_tilde(p->path);

	fmt_size(p->freed, size, sizeof size);
	if (p->total_files > 0)
		ui_status(ui, 0, "Removing %s: %lld%% (%s freed)", t,
		    (long long)(p->files * 100 / p->total_files), size);
	else
		ui_status(ui, 0, "Removing %s: %lld entries (%s freed)", t,
		    (long long)p->files, size);
	free(t);
	ui_draw(ui);
}

/* Adds a dialog line. */
static void
action_line(char ***lines, int **roles, size_t *n, int role, char *text)
{
	*lines = xrealloc(*lines, (*n + 1) * sizeof **lines);
	*roles = xrealloc(*roles, (*n + 1) * sizeof **roles);
	(*lines)[*n] = term_safe(text);
	(*roles)[*n] = role;
	(*n)++;
	free(text);
}

int
action_delete(struct ui *ui, char *const *envs, size_t n)
{
	struct rmenv_ctx	*c;
	struct rmenv		*v;
	char			**names, **lines = NULL, *t, *q, size[16], *first_err = NULL;
	int			*roles = NULL, nok = 0, removed = 0, failed = 0, yes;
	int64_t			 want = 0, freed = 0;
	size_t			 i, k, nl = 0;

	ui_status(ui, 0, "Checking %zu environment%s ...", n, n == 1 ? "" : "s");
	ui_draw(ui);
	names = xcalloc(n, sizeof *names);	/* envs may be ui->marks, changed below */
	for (i = 0; i < n; i++)
		names[i] = xstrdup(envs[i]);
	c = rmenv_ctx_new(ui->ix, 0);
	v = xcalloc(n, sizeof *v);
	for (i = 0; i < n; i++) {
		struct rmenv	*r = &v[i];

		if (rmenv_check(c, names[i], r)) {
			nok++;
			want += r->size;
		}
		fmt_size(r->size, size, sizeof size);
		t = path_tilde(r->path != NULL ? r->path : r->arg);
		action_line(&lines, &roles, &nl, r->ok ? ROLE_NORMAL : ROLE_ERROR,
		    xasprintf("%s %7s  %s%s%s%s", r->ok ? " " : "!", r->kind != NULL ?
		    size : "-", t, r->kind != NULL ? "  (" : "", r->kind != NULL ?
		    r->kind : "", r->kind != NULL ? ")" : ""));
		free(t);
		for (k = 0; k < r->refused.n; k++)
			action_line(&lines, &roles, &nl, ROLE_ERROR, xasprintf(
			    "           refused: %s%s", r->refused.v[k], r->forceable ?
			    " (venvdex rm --force overrides)" : ""));
		for (k = 0; r->ok && k < r->notes.n; k++)
			action_line(&lines, &roles, &nl, ROLE_DIM, xasprintf(
			    "           note: %s", r->notes.v[k]));
	}
	ui->status[0] = '\0';
	fmt_size(want, size, sizeof size);
	if (nok == 0)
		q = xasprintf("Nothing here can be deleted. Press a key");
	else
		q = xasprintf("Delete %d environment%s, freeing %s? [y/N]", nok,
		    nok == 1 ? "" : "s", size);
	t = xasprintf("Delete %zu environment%s", n, n == 1 ? "" : "s");
	yes = ui_confirm(ui, t, lines, roles, nl, q);
	free(t);
	free(q);
	for (i = 0; i < nl; i++)
		free(lines[i]);
	free(lines);
	free(roles);
	if (nok == 0 || !yes) {
		if (nok == 0)
			ui_status(ui, 1, "Nothing deleted: %s refused", n == 1 ?
			    "it is" : "they are all");
		else
			ui_status(ui, 0, "Nothing deleted");
		goto out;
	}
	for (i = 0; i < n; i++)		/* done with: the refused ones too */
		ui_unmark(ui, names[i]);
	for (i = 0; i < n; i++) {
		struct rmenv	*r = &v[i];

		if (!r->ok)
			continue;
		t = path_tilde(r->path);
		ui_status(ui, 0, "Removing %s ...", t);
		free(t);
		ui_draw(ui);
		if (rmenv_delete(c, r, action_progress, ui) == 0) {
			removed++;
			if (r->path != NULL)
				ui_unmark(ui, r->path);
		} else {
			failed++;
			if (first_err == NULL)
				first_err = xstrdup(r->error != NULL ? r->error :
				    "failed");
		}
		freed += r->freed;
	}
	fmt_size(freed, size, sizeof size);
	if (failed > 0)
		ui_status(ui, 1, "Deleted %d environment%s, %s freed; %d failed: %s",
		    removed, removed == 1 ? "" : "s", size, failed, first_err);
	else
		ui_status(ui, 0, "Deleted %d environment%s, %s freed%s", removed,
		    removed == 1 ? "" : "s", size, nok < (int)n ? "; the refused "
		    "ones stay" : "");
	free(first_err);
out:
	for (i = 0; i < n; i++) {
		rmenv_free(&v[i]);
		free(names[i]);
	}
	free(v);
	free(names);
	rmenv_ctx_free(c);
	return REACT_RELOAD;
}
