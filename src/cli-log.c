/* cli-log: venvdex log ENV [--json] */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diff.h"
#include "out.h"
#include "util.h"

static int
log_exec(struct index *ix, struct cli_args *a)
{
	struct diff_change	*v;
	struct table		*t;
	char			*path, *err, *json, when[64], *ver;
	const char		*change;
	size_t			 n, i;

	if ((path = cli_resolve_project(ix, "log", a->argv[0])) == NULL)
		return 1;
	if (cli_flag(a, "json")) {
		json = diff_log_json(ix, path, &err);
		free(path);
		if (json == NULL) {
			warnx_("%s", err);
			free(err);
			return 1;
		}
		puts(json);
		free(json);
		return 0;
	}
	if (diff_log(ix, path, &v, &n, &err) == -1) {
		warnx_("%s", err);
		free(err);
		free(path);
		return 1;
	}
	free(path);
	t = out_table_new();
	out_table_col(t, "TIME", 0);
	out_table_col(t, "PACKAGE", 0);
	out_table_col(t, "VERSION", 0);
	out_table_col(t, "CHANGE", 0);
	for (i = 0; i < n; i++) {
		change = v[i].change;
		out_table_row(t, strcmp(change, "added") == 0 ? OUT_GREEN :
		    strcmp(change, "removed") == 0 ? OUT_RED :
		    strcmp(change, "downgraded") == 0 ? OUT_YELLOW : OUT_PLAIN);
		fmt_time(v[i].time, when, sizeof when);
		out_table_cell(t, when);
		out_table_cell(t, v[i].name);
		ver = xasprintf("%s -> %s", v[i].old != NULL ? v[i].old : "(none)",
		    v[i].new != NULL ? v[i].new : "(none)");
		out_table_cell(t, ver);
		free(ver);
		out_table_cell(t, change);
	}
	if (n > 0)
		out_table_print(t, stdout);
	else
		printf("no changes recorded\n");
	out_table_free(t);
	diff_log_free(v, n);
	return 0;
}

static const struct cli_opt log_opts[] = {
	{ "json", 0, NULL, "a JSON array (see venvdex(1))" },
	{ NULL }
};

const struct cli_entry cli_log_entry = {
	"log", "ENV [--json]",
	"every change venvdex has seen in ENV's packages (ENV may be a project\n"
	"folder, as for diff), oldest first: added, removed, upgraded, downgraded",
	log_opts, 1, 1, "needs one ENV", 0, log_exec
};
