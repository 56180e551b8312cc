/* cli-list: venvdex list [--json] [--stale] [--gone] [--kind KIND] [-f REGEX] */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "out.h"
#include "query.h"
#include "stale.h"
#include "util.h"

static const char *kinds[] = { "venv", "virtualenv-legacy", "conda", "interpreter" };

static int
list_exec(struct index *ix, struct cli_args *a)
{
	struct query_env_filter	 f = { cli_value(a, "kind"), cli_flag(a, "stale"),
				    cli_value(a, "filter"), cli_flag(a, "gone") };
	struct query_envs	 l;
	struct query_totals	 tot;
	const struct query_env	*e;
	struct table		*t;
	char			 size[16], age[32], marks[96], *status, *path, *json, *err;
	int64_t			 now = (int64_t)time(NULL);
	size_t			 i;
	int			 ok = 0;

	for (i = 0; f.kind != NULL && i < nitems(kinds); i++)
		ok |= strcmp(f.kind, kinds[i]) == 0;
	if (f.kind != NULL && !ok)
		return cli_usage_error(a, "--kind takes venv, virtualenv-legacy, "
		    "conda or interpreter");
	if (cli_check_regex(a->entry->name, f.rx) == -1)
		return EXIT_USAGE;

	if (cli_flag(a, "json")) {
		if (query_envs_json(ix, &f, &json, &err) == -1) {
			warnx_("%s", err);
			free(err);
			return 1;
		}
		puts(json);
		free(json);
		return 0;
	}
	if (query_envs(ix, &f, &l, &err) == -1) {
		warnx_("%s", err);
		free(err);
		return 1;
	}
	t = out_table_new();
	out_table_col(t, "NAME", 0);
	out_table_col(t, "KIND", 0);
	out_table_col(t, "MANAGER", 0);
	out_table_col(t, "PYTHON", 0);
	out_table_col(t, "PKGS", 1);
	out_table_col(t, "SIZE", 1);
	out_table_col(t, "USED", 1);
	out_table_col(t, "STATUS", 0);
	out_table_col(t, "PATH", 0);
	for (i = 0; i < l.n; i++) {
		e = &l.v[i];
		out_table_row(t, strcmp(e->status, "ok") != 0 ? OUT_RED :
		    e->stale != 0 ? OUT_YELLOW : OUT_PLAIN);
		out_table_cell(t, e->name);
		out_table_cell(t, strcmp(e->kind, "virtualenv-legacy") == 0 ?
		    "legacy" : e->kind);
		out_table_cell(t, e->manager);
		out_table_cell(t, e->python);
		snprintf(size, sizeof size, "%lld", (long long)e->packages);
		out_table_cell(t, size);
		fmt_size(e->size, size, sizeof size);
		out_table_cell(t, size);
		fmt_age(e->used, now, age, sizeof age);
		out_table_cell(t, age);
		stale_words(e->stale, STALE_JSON, " ", marks, sizeof marks);
		status = xasprintf("%s%s%s", e->status, marks,
		    e->windows ? " windows" : "");
		out_table_cell(t, status);
		free(status);
		path = path_tilde(e->path);
		out_table_cell(t, path);
		free(path);
	}
	if (l.n > 0)
		out_table_print(t, stdout);
	out_table_free(t);
	query_totals(&l, &tot);
	query_envs_free(&l);
	fmt_size(tot.size, size, sizeof size);
	printf("%zu environment%s, %lld packages, %s", tot.envs,
	    tot.envs == 1 ? "" : "s", (long long)tot.packages, size);
	if (tot.stale > 0) {
		fmt_size(tot.stale_size, size, sizeof size);
		printf("; %zu stale (%s reclaimable)", tot.stale, size);
	}
	putchar('\n');
	return 0;
}

static const struct cli_opt list_opts[] = {
	{ "json", 0, NULL, "a JSON array (see venvdex(1))" },
	{ "stale", 0, NULL, "only the stale ones" },
	{ "gone", 0, NULL, "only those deleted or gone from disk (still indexed)" },
	{ "kind", 0, "KIND", "only venv, virtualenv-legacy, conda or interpreter" },
	{ "filter", 'f', "REGEX", "only those whose name or path matches" },
	{ NULL }
};

const struct cli_entry cli_list_entry = {
	"list", "[--json] [--stale] [--gone] [--kind KIND] [-f REGEX]",
	"the indexed environments",
	list_opts, 0, 0, "unexpected argument", 0, list_exec
};
