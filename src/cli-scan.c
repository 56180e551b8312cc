/* cli-scan: venvdex scan [-x] [--full] [-q] [ROOT...] */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "index.h"
#include "roots.h"
#include "scan.h"
#include "util.h"

static int	progress_shown;

static void
scan_progress(const struct scan_stats *st, void *arg)
{
	char	*cur, *tilde;
	int	 w = *(int *)arg, n;

	tilde = path_tilde(st->current);
	cur = term_safe(tilde);
	n = fprintf(stderr, "\r\033[K%llu folder%s, %u environment%s  ",
	    (unsigned long long)st->dirs, st->dirs == 1 ? "" : "s", st->envs,
	    st->envs == 1 ? "" : "s");
	if (w > n + 4)		/* cut by columns, at a character's end */
		fprintf(stderr, "%.*s", (int)u8_fit(cur, w - n - 1), cur);
	fflush(stderr);
	progress_shown = 1;
	free(cur);
	free(tilde);
}

static void
scan_report(const struct scan_stats *st)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		progress_shown = 0;
	}
	printf("%u environment%s (%u new, %u re-read, %u unchanged, %u gone), "
	    "%llu packages read, %llu changes, %llu folders in %.2fs\n",
	    st->envs, st->envs == 1 ? "" : "s", st->added, st->changed, st->unchanged, st->gone,
	    (unsigned long long)st->packages, (unsigned long long)st->changes,
	    (unsigned long long)st->dirs, st->seconds);
	if (st->denied > 1)
		warnx_("%llu folders could not be read (permission denied), the "
		    "first: %s", (unsigned long long)st->denied, st->denied_path);
	else if (st->denied == 1)
		warnx_("1 folder could not be read (permission denied): %s",
		    st->denied_path);
}

static int
run_scan(struct index *ix, char **paths, int npaths, int one_fs, int full,
    int quiet)
{
	struct scan_opts	 o = { 0 };
	struct scan_stats	 st;
	struct roots		 r;
	int			 rc = 0, width;

	if (index_readonly(ix) != NULL) {
		warnx_("scan: %s", index_readonly(ix));
		return 1;
	}
	if (npaths > 0)
		rc = roots_named(&r, paths, (size_t)npaths) == -1 ? 1 : 0;
	else
		roots_default(&r);
	o.one_fs = one_fs;
	o.full = full;
	width = 0;
	if (isatty(STDERR_FILENO)) {
		struct winsize	ws;

		width = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ?
		    ws.ws_col : 80;
	}
	if (width > 0 && !quiet) {
		o.on_progress = scan_progress;
		o.arg = &width;
	}
	memset(&st, 0, sizeof st);
	if ((r.n > 0 || npaths == 0) && scan_run(ix, &r, &o, &st) == -1)
		rc = 1;
	if (!quiet)
		scan_report(&st);
	roots_free(&r);
	return rc;
}

static int
scan_exec(struct index *ix, struct cli_args *a)
{
	return run_scan(ix, a->argv, a->argc, cli_flag(a, "one-file-system"),
	    cli_flag(a, "full"), cli_flag(a, "quiet"));
}

static const struct cli_opt scan_opts[] = {
	{ "one-file-system", 'x', NULL, "stay on the file system of each ROOT" },
	{ "full", 0, NULL, "read every folder and environment again" },
	{ "quiet", 'q', NULL, "no progress, summary or warnings: only errors" },
	{ NULL }
};

const struct cli_entry cli_scan_entry = {
	"scan", "[-x] [--full] [-q] [ROOT...]",
	"find and index the environments under ROOTs (default: $HOME and\n"
	"the well-known places of every manager, and the system interpreters)",
	scan_opts, 0, -1, NULL, 0, scan_exec
};
