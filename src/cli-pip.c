/* cli-pip: venvdex pip ENV [--json] [--ensure-pip] -- PIP-ARGS... */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "cli.h"
#include "index.h"
#include "out.h"
#include "pip.h"
#include "probe.h"
#include "run.h"
#include "seed.h"
#include "util.h"

static const enum out_color change_colors[CHANGE_NKINDS] = {
	OUT_GREEN, OUT_PLAIN, OUT_YELLOW, OUT_RED
};

void
cli_print_changes(FILE *f, const struct changes *c)
{
	const struct change	*ch;
	struct table		*t;
	char			 size[24], line[256], *ver;
	size_t			 i;

	if (c->n == 0) {
		fprintf(f, "no packages changed (%zu installed)\n", c->packages);
		return;
	}
	t = out_table_new();
	out_table_col(t, "CHANGE", 0);
	out_table_col(t, "PACKAGE", 0);
	out_table_col(t, "SIZE", 1);
	out_table_col(t, "VERSION", 0);
	for (i = 0; i < c->n; i++) {
		ch = &c->v[i];
		out_table_row(t, change_colors[ch->kind]);
		out_table_cell(t, change_kind_name(ch->kind));
		out_table_cell(t, ch->name);
		changes_size(ch, size, sizeof size);
		out_table_cell(t, size);
		if (ch->old != NULL && ch->new != NULL) {
			ver = xasprintf("%s -> %s", ch->old, ch->new);
			out_table_cell(t, ver);
			free(ver);
		} else
			out_table_cell(t, ch->old != NULL ? ch->old : ch->new);
	}
	out_table_print(t, f);
	out_table_free(t);
	changes_summary(c, line, sizeof line);
	fprintf(f, "%s\n", line);
}

static int
pip_exec(struct index *ix, struct cli_args *a)
{
	struct changes_snap	*snap = NULL;
	struct changes		 c;
	struct env		 e;
	enum pip_state		 ps;
	const char		*name = a->entry->name;
	char			*path, *py = NULL, *err, *seeded = NULL, **argv = NULL, **envp = NULL;
	int			 asjson = cli_flag(a, "json"), status = 1;

	if (!a->dashdash || a->nrest == 0)
		return cli_usage_error(a, "pip's arguments go after --");
	if ((path = cli_probe(ix, name, a->argv[0], &e)) == NULL)
		return 1;
	switch ((ps = pip_check(&e, &py))) {
	case PIP_WINDOWS:
		warnx_("%s: %s: a Windows environment (Scripts\\python.exe): it "
		    "cannot run here", name, path);
		goto out;
	case PIP_NO_PYTHON:
		warnx_("%s: %s: its interpreter is missing (%s%s%s); recreate the "
		    "environment", name, path, py, e.base != NULL ? " -> " : "",
		    e.base != NULL ? e.base : "");
		goto out;
	default:
		break;
	}
	if (ps == PIP_NO_PIP) {
		if (!cli_flag(a, "ensure-pip")) {
			warnx_("%s: %s has no pip; --ensure-pip seeds it (as "
			    "'venvdex create' does)", name, path);
			goto out;
		}
		if ((snap = changes_snapshot(ix, path)) == NULL)
			goto out;
		if (seed_ensure_pip(path, &seeded, &err) == -1) {
			warnx_("%s: %s: cannot seed pip: %s", name, path, err);
			free(err);
			goto out;
		}
		free(seeded);
	} else if ((snap = changes_snapshot(ix, path)) == NULL)
		goto out;

	argv = pip_argv(py, a->rest, a->nrest);
	envp = pip_envp();
	fflush(stdout);
	status = run_wait(argv, envp, asjson ? RUN_STDOUT_TO_STDERR : 0, &err);
	if (status == -1) {
		warnx_("%s: %s", name, err);
		free(err);
		status = 1;
		goto out;
	}
	if (status > 128 && status < 128 + 65)
		warnx_("%s: pip ended by %s", name, run_signame(status - 128));

	if (changes_reindex(ix, snap, &c, &err) == -1) {
		warnx_("%s: %s", name, err);
		free(err);
		status = status == 0 ? 1 : status;
	} else if (asjson) {
		err = changes_json(ix, &c, status);
		puts(err);
		free(err);
	} else
		cli_print_changes(stdout, &c);
	changes_free(&c);
out:
	changes_snap_free(snap);
	free(argv);
	free(envp);
	free(py);
	env_free(&e);
	free(path);
	return status;
}

static const struct cli_opt pip_opts[] = {
	{ "json", 0, NULL, "the change list as a JSON object on stdout (pip's "
	    "output goes to stderr)" },
	{ "ensure-pip", 0, NULL, "seed pip first when the environment has none" },
	{ NULL }
};

const struct cli_entry cli_pip_entry = {
	"pip", "ENV [--json] [--ensure-pip] -- PIP-ARGS...",
	"run ENV's own pip (its interpreter's -m pip, no shell between) in the\n"
	"foreground, then re-index ENV and print what changed: added, upgraded,\n"
	"downgraded, removed, with sizes and totals (recorded for 'venvdex log').\n"
	"The exit status is pip's",
	pip_opts, 1, 1, "needs one ENV, then -- and pip's arguments",
	CLI_REST | CLI_WRITES, pip_exec
};
