/* cli-which: venvdex which [COMMAND...] [--json] */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "out.h"
#include "util.h"
#include "which.h"

static void
add_path(struct sbuf *sb, const char *p)
{
	char	*t = path_tilde(p);

	sbuf_adds(sb, t);
	free(t);
}

/* The chain of one match: path -> shim target -> file -> runs -> environment -> site. */
static char *
chain(const struct which_match *m)
{
	struct sbuf	 sb = { 0 };
	const char	*last = m->path;

	add_path(&sb, m->path);
	if (m->via == WHICH_SYMLINK)
		sbuf_adds(&sb, " (symlink)");
	else if (m->via == WHICH_PYENV_SHIM || m->via == WHICH_ASDF_SHIM) {
		sbuf_printf(&sb, " (%s shim", m->via == WHICH_PYENV_SHIM ? "pyenv" : "asdf");
		if (m->shim_version != NULL) {
			sbuf_printf(&sb, ", version %s from ", m->shim_version);
			add_path(&sb, m->shim_origin);
		}
		sbuf_adds(&sb, ")");
		if (m->target == NULL) {
			sbuf_adds(&sb, " -> nothing runs");
			return sbuf_steal(&sb);
		}
		sbuf_adds(&sb, " -> ");
		add_path(&sb, m->target);
		last = m->target;
	}
	if (m->resolved != NULL && strcmp(m->resolved, last) != 0) {
		sbuf_adds(&sb, " -> ");
		add_path(&sb, m->resolved);
	}
	if (m->interpreter != NULL && strcmp(m->interpreter, last) != 0 &&
	    strcmp(m->interpreter, m->path) != 0) {
		sbuf_adds(&sb, " -> runs ");
		add_path(&sb, m->interpreter);
		if (m->interp_missing)
			sbuf_adds(&sb, " (missing)");
	}
	if (m->loop != NULL)
		sbuf_adds(&sb, " -> never starts");
	if (m->env != NULL) {
		sbuf_printf(&sb, " -> environment %s %s",
		    m->env_label != NULL ? m->env_label : "",
		    m->env_name != NULL ? m->env_name : path_base(m->env));
		if (m->env_name == NULL || strcmp(m->env_name, path_base(m->env)) != 0) {
			sbuf_adds(&sb, " (");
			add_path(&sb, m->env);
			sbuf_adds(&sb, ")");
		}
	}
	if (m->externally_managed)
		sbuf_adds(&sb, " -> pip install refused: externally managed (PEP 668)");
	else if (m->site != NULL) {
		sbuf_adds(&sb, " -> installs into ");
		add_path(&sb, m->site);
		if (m->user_site)
			sbuf_adds(&sb, " (user site)");
	}
	return sbuf_steal(&sb);
}

static void
print_problem(const struct which_problem *p, const char *indent)
{
	printf("%s", indent);
	out_print(stdout, p->level == WHICH_ERROR ? OUT_RED : OUT_YELLOW,
	    p->level == WHICH_ERROR ? "problem: " : "warning: ");
	out_print(stdout, OUT_PLAIN, p->text);
	printf("\n%s  fix: ", indent);
	out_print(stdout, OUT_PLAIN, p->fix);
	putchar('\n');
}

static void
which_print(const struct which_result *r)
{
	size_t	 i;
	char	*s;

	out_print(stdout, OUT_BOLD, r->command);
	if (r->nmatches == 0)
		out_print(stdout, OUT_DIM, ": not found on PATH");
	for (i = 0; i < r->nmatches; i++) {
		s = chain(&r->matches[i]);
		if (i == 0) {
			fputs(" -> ", stdout);
			out_print(stdout, OUT_PLAIN, s);
		} else {
			fputs("\n  ", stdout);
			out_print(stdout, OUT_DIM, "shadowed: ");
			out_print(stdout, OUT_DIM, s);
		}
		free(s);
	}
	putchar('\n');
	for (i = 0; i < r->nproblems; i++)
		if (!r->problems[i].general)
			print_problem(&r->problems[i], "  ");
}

static int
which_exec(struct index *ix, struct cli_args *a)
{
	static const char *defaults[] = { "python", "python3", "pip", "pip3" };
	struct which_result	**rs;
	const char		**cmds;
	char			 cwd[PATH_MAX], *json, **argv = a->argv;
	size_t			 n, i, j;
	int			 as_json = cli_flag(a, "json"), bad = 0, general = 0;
	int			 argc = a->argc;

	n = argc > 0 ? (size_t)argc : nitems(defaults);
	cmds = xcalloc(n, sizeof *cmds);
	for (i = 0; i < n; i++) {
		cmds[i] = argc > 0 ? argv[i] : defaults[i];
		if (cmds[i][0] == '\0') {
			free(cmds);
			return cli_usage_error(a, "empty command name");
		}
	}
	if (getcwd(cwd, sizeof cwd) == NULL)
		snprintf(cwd, sizeof cwd, "/");
	rs = xcalloc(n, sizeof *rs);
	for (i = 0; i < n; i++) {
		rs[i] = which_run(ix, cmds[i], getenv("PATH"), cwd);
		bad |= rs[i]->nproblems > 0;
		if (!as_json)
			which_print(rs[i]);
	}
	if (as_json) {
		json = which_json(ix, rs, n);
		puts(json);
		free(json);
	} else {
		/* Problems with PATH or the variables (the same for every command): once. */
		for (j = 0; j < rs[0]->nproblems; j++) {
			if (!rs[0]->problems[j].general)
				continue;
			if (!general++) {
				out_print(stdout, OUT_BOLD, "PATH and variables:");
				putchar('\n');
			}
			print_problem(&rs[0]->problems[j], "  ");
		}
	}
	for (i = 0; i < n; i++)
		which_free(rs[i]);
	free(rs);
	free(cmds);
	return bad ? 1 : 0;
}

static const struct cli_opt which_opts[] = {
	{ "json", 0, NULL, "a JSON array (see venvdex(1))" },
	{ NULL }
};

const struct cli_entry cli_which_entry = {
	"which", "[COMMAND...] [--json]",
	"what the shell really runs for each COMMAND (default: python python3\n"
	"pip pip3): every match on PATH, followed through symlinks, pyenv and\n"
	"asdf shims and shebangs to the Python that runs it, its environment and\n"
	"where `pip install` puts files; then what is wrong, with the fix.\n"
	"Nothing found on disk is run. Exit 1 when a problem was found",
	which_opts, 0, -1, NULL, 0, which_exec
};
