/* cli-clean: venvdex clean [--stale] [--older-than DAYS] [--dry-run] [--yes] [--json] */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clean.h"
#include "cli.h"
#include "index.h"
#include "rmenv.h"
#include "util.h"

static int
clean_exec(struct index *ix, struct cli_args *a)
{
	struct cli_rm_how	 how;
	struct clean_list	 l;
	struct rmenv_ctx	*c;
	struct rmenv		**v;
	const char		*older = cli_value(a, "older-than");
	char			*end, *err;
	int			*bits, days = index_stale_days(), rc, gone = 0;
	long			 d;
	size_t			 i, n = 0;

	if (older != NULL) {
		d = strtol(older, &end, 10);
		if (*older == '\0' || *end != '\0' || d < 0 || d > 100000)
			return cli_usage_error(a, "--older-than takes a number of days");
		days = (int)d;
	}
	memset(&how, 0, sizeof how);
	how.cmd = a->entry->name;
	how.yes = cli_flag(a, "yes");
	how.json = cli_flag(a, "json");
	how.dry_run = cli_flag(a, "dry-run");
	c = rmenv_ctx_new(ix, 0);
	if (clean_candidates(c, ix, days, older != NULL && !cli_flag(a, "stale"),
	    &l, &err) == -1) {
		warnx_("clean: %s", err);
		free(err);
		clean_list_free(&l);
		rmenv_ctx_free(c);
		return 1;
	}
	v = xcalloc(l.n + 1, sizeof *v);
	bits = xcalloc(l.n + 1, sizeof *bits);
	for (i = 0; i < l.n; i++) {
		/* Gone from disk since the last scan: the index says so now. */
		if (l.v[i].rm.missing) {
			if (!how.dry_run && index_mark_gone(ix, l.v[i].indexed,
			    (int64_t)time(NULL)) == 0)
				gone++;
			continue;
		}
		v[n] = &l.v[i].rm;
		bits[n++] = l.v[i].bits;
	}
	if (gone > 0 && !how.json)
		printf("%d environment%s already gone from disk: marked gone in "
		    "the index\n", gone, gone == 1 ? "" : "s");
	if (n == 0 && !how.json) {
		printf("nothing to clean\n");
		rc = 0;
	} else
		rc = cli_rm_act(ix, c, v, bits, n, &how);
	free(v);
	free(bits);
	clean_list_free(&l);
	rmenv_ctx_free(c);
	return rc;
}

static const struct cli_opt clean_opts[] = {
	{ "stale", 0, NULL, "every stale environment (the default)" },
	{ "older-than", 0, "DAYS", "unused for DAYS days (alone: only those)" },
	{ "dry-run", 'n', NULL, "list what would go; change nothing" },
	{ "yes", 'y', NULL, "delete without asking" },
	{ "json", 0, NULL, "a JSON object (see venvdex(1))" },
	{ NULL }
};

const struct cli_entry cli_clean_entry = {
	"clean", "[--stale] [--older-than DAYS] [--dry-run] [--yes] [--json]",
	"delete stale environments: their interpreter is missing, their project\n"
	"is gone, or they were not used for VENVDEX_STALE_DAYS days (90;\n"
	"--older-than DAYS). Each is checked as rm checks; the space each frees\n"
	"counts hard links once. On a terminal it asks first (default no);\n"
	"elsewhere it only lists, unless --yes",
	clean_opts, 0, 0, "takes no arguments", CLI_WRITES, clean_exec
};
