/* view-which: what python, pip and any command typed really run. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "views.h"
#include "which.h"

static const char *default_cmds[] = { "python", "python3", "pip", "pip3" };

static char *
tilde(const char *p)
{
	return p != NULL ? path_tilde(p) : xstrdup("?");
}

/* One match: the chain from the PATH entry to where pip install writes. */
static void
which_match_lines(struct text_page *t, const struct which_match *m)
{
	int	 role = m->wins ? ROLE_NORMAL : ROLE_DIM;
	char	*p = tilde(m->path), *r = tilde(m->resolved), *i = tilde(m->interpreter);
	char	*o = m->shim_origin != NULL ? tilde(m->shim_origin) : NULL;
	char	*s = tilde(m->site), *e = tilde(m->env);
	size_t	 first = text_count(t);

	text_add(t, m->wins ? ROLE_HEADER : ROLE_DIM, "  %s %s%s", m->wins ? ">" : " ",
	    p, m->wins ? "" : "  (shadowed)");
	if (m->via == WHICH_PYENV_SHIM || m->via == WHICH_ASDF_SHIM)
		text_add(t, role, "      %s, version %s%s%s", m->via == WHICH_PYENV_SHIM ?
		    "pyenv shim" : "asdf shim", m->shim_version != NULL ?
		    m->shim_version : "?", o != NULL ? " from " : "", o != NULL ? o : "");
	else if (m->via == WHICH_SYMLINK)
		text_add(t, role, "      symlink");
	if (m->resolved != NULL && strcmp(m->resolved, m->path) != 0)
		text_add(t, role, "      -> %s", r);
	if (m->interpreter != NULL && strcmp(m->interpreter, m->path) != 0 &&
	    (m->resolved == NULL || strcmp(m->interpreter, m->resolved) != 0))
		text_add(t, m->interp_missing ? ROLE_BROKEN : role, "      runs %s%s", i,
		    m->interp_missing ? "  (missing)" : "");
	if (m->loop != NULL)
		text_add(t, ROLE_BROKEN, "      never starts: #! or exec lines "
		    "that loop");
	if (m->env != NULL) {
		text_add(t, role, "      environment %s (%s, python %s): %s",
		    m->env_name != NULL ? m->env_name : "?",
		    m->env_label != NULL ? m->env_label : "?",
		    m->version != NULL ? m->version : "?", e);
		if (m->externally_managed)
			text_add(t, role, "      pip install refused: externally "
			    "managed (PEP 668); use a venv");
		else if (m->site != NULL)
			text_add(t, role, "      pip installs into %s%s", s,
			    m->user_site ? " (user site)" : "");
		text_target_from(t, first, m->env, NULL);	/* Enter opens it */
	}
	free(p);
	free(r);
	free(i);
	free(o);
	free(s);
	free(e);
}

static void
which_problem_lines(struct text_page *t, const struct which_problem *p, int width)
{
	int	role = p->level == WHICH_ERROR ? ROLE_BROKEN : ROLE_STALE;

	text_add_wrapped(t, role, "  ! ", p->text, width);
	if (p->fix != NULL)
		text_add_wrapped(t, ROLE_NORMAL, "    fix: ", p->fix, width);
}

/* Builds the page: each command, then what is wrong with PATH itself. */
static void
which_build(struct ui *ui, struct text_page *t)
{
	struct which_result	*r;
	char			 cwd[PATH_MAX];
	const char		*path = getenv("PATH");
	size_t			 i, j, ncmd = nitems(default_cmds) + ui->nwhich, general = 0;
	int			 shown_general = 0;

	if (getcwd(cwd, sizeof cwd) == NULL)
		snprintf(cwd, sizeof cwd, "/");
	for (i = 0; i < ncmd; i++) {
		const char *cmd = i < nitems(default_cmds) ? default_cmds[i] :
		    ui->which[i - nitems(default_cmds)];

		r = which_run(ui->ix, cmd, path, cwd);
		text_add(t, ROLE_TITLE, " %s ", cmd);
		if (r->nmatches == 0)
			text_add(t, ROLE_DIM, "  not found on PATH");
		for (j = 0; j < r->nmatches; j++)
			which_match_lines(t, &r->matches[j]);
		for (j = 0; j < r->nproblems; j++) {
			if (r->problems[j].general) {
				general++;
				continue;
			}
			which_problem_lines(t, &r->problems[j], ui->cols);
		}
		if (general > 0 && !shown_general) {
			text_add(t, ROLE_NORMAL, "%s", "");
			text_add(t, ROLE_TITLE, " %s ", "PATH and variables");
			for (j = 0; j < r->nproblems; j++)
				if (r->problems[j].general)
					which_problem_lines(t, &r->problems[j], ui->cols);
			shown_general = 1;
		}
		text_add(t, ROLE_NORMAL, "%s", "");
		which_free(r);
	}
	text_add(t, ROLE_DIM, "%s", "Enter on an environment line opens its packages;"
	    " w adds a command to explain.");
}

static int
which_key(struct view *v, enum cmd c)
{
	struct ui	*ui = v->ui;
	char		*cmd;

	if (c != CMD_WHICH)
		return -1;
	if ((cmd = ui_prompt(ui, "explain command: ")) == NULL)
		return REACT_REDRAW;
	if (cmd[0] == '\0' || strchr(cmd, '/') != NULL) {
		if (cmd[0] != '\0')
			ui_status(ui, 1, "A command name, not a path");
		free(cmd);
		return REACT_REDRAW;
	}
	ui->which = xrealloc(ui->which, (ui->nwhich + 1) * sizeof *ui->which);
	ui->which[ui->nwhich++] = cmd;
	text_clear(v->data);
	which_build(ui, v->data);
	text_goto_last(v->data);
	return REACT_REOPEN;
}

int
view_which_push(struct ui *ui)
{
	struct text_page	*t = text_new("Which python and pip really run");

	which_build(ui, t);
	text_set_key(t, which_key);
	return text_push(ui, t);
}

void
view_which_marks(char **python_env, char **pip_env)
{
	struct which_result	*r;
	char			 cwd[PATH_MAX];

	*python_env = *pip_env = NULL;
	if (getcwd(cwd, sizeof cwd) == NULL)
		return;
	/* Probe only: marking must not index (and size) anything. */
	if ((r = which_run(NULL, "python", getenv("PATH"), cwd)) != NULL) {
		if (r->nmatches > 0 && r->matches[0].env != NULL)
			*python_env = xstrdup(r->matches[0].env);
		which_free(r);
	}
	if ((r = which_run(NULL, "pip", getenv("PATH"), cwd)) != NULL) {
		if (r->nmatches > 0 && r->matches[0].env != NULL)
			*pip_env = xstrdup(r->matches[0].env);
		which_free(r);
	}
}
