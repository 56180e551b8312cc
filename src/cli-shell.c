/* cli-shell: venvdex shell ENV [-- COMMAND ARGS...] */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "changes.h"
#include "cli.h"
#include "index.h"
#include "probe.h"
#include "run.h"
#include "shell.h"
#include "util.h"

static int
shell_exec(struct index *ix, struct cli_args *a)
{
	struct changes_snap	*snap;
	struct shell_run	 r;
	struct changes		 c;
	struct env		 e;
	const char		*name = a->entry->name;
	char			*path, *err;
	int			 status, interactive = a->nrest == 0;

	if ((path = cli_probe(ix, name, a->argv[0], &e)) == NULL)
		return 1;
	if (e.windows) {
		warnx_("%s: %s: a Windows environment (Scripts\\activate): it "
		    "cannot be activated here", name, path);
		env_free(&e);
		free(path);
		return 1;
	}
	if (e.broken)
		warnx_("%s: note: %s is broken (its interpreter is missing)", name,
		    path);
	snap = changes_snapshot(ix, path);
	if (shell_prepare(&e, a->rest, a->nrest, &r, &err) == -1) {
		warnx_("%s: %s", name, err);
		free(err);
		changes_snap_free(snap);
		env_free(&e);
		free(path);
		return 1;
	}
	if (r.nested != NULL)
		warnx_("%s: note: %s; this shell starts inside that one ('exit' "
		    "returns to it)", name, r.nested);
	if (interactive)
		warnx_("%s: %s active in %s; 'exit' to return", name, r.name,
		    path_base(r.shell));
	fflush(stdout);
	status = run_wait(r.argv, r.envp, 0, &err);
	shell_done(&r);
	if (status == -1) {
		warnx_("%s: %s", name, err);
		free(err);
		status = 1;
	} else
		index_touch_activated(ix, path, (int64_t)time(NULL));

	/* What changed while it ran: said always after a session, on stderr after a command. */
	if (snap != NULL && changes_reindex(ix, snap, &c, &err) == -1) {
		warnx_("%s: %s", name, err);
		free(err);
	} else if (snap != NULL) {
		if (interactive)
			cli_print_changes(stdout, &c);
		else if (c.n > 0)
			cli_print_changes(stderr, &c);
		changes_free(&c);
	}
	changes_snap_free(snap);
	env_free(&e);
	free(path);
	return status;
}

const struct cli_entry cli_shell_entry = {
	"shell", "ENV [-- COMMAND ARGS...]",
	"start your shell ($SHELL: bash, zsh, fish, sh/dash/ksh, csh/tcsh) with\n"
	"ENV active after the shell's own start-up files have run; 'exit' returns.\n"
	"With -- COMMAND, run COMMAND in that shell (after the same start-up\n"
	"files) instead, and exit with its status. Afterwards ENV is re-indexed\n"
	"and what changed in its packages is printed (after a COMMAND, on stderr\n"
	"and only when something did)",
	NULL, 1, 1, "needs one ENV",
	CLI_REST | CLI_WRITES, shell_exec
};
