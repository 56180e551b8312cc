/* cli-list: venvdex list [--json] [--stale] [--gone] [--kind KIND] [-f REGEX] */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "cli.h"
#include "index.h"
#include "out.h"
#include "util.h"

static const char *kinds[] = { "venv", "virtualenv-legacy", "conda", "interpreter" };

static const char env_where[] =
    " WHERE (?1 IS NULL OR kind = ?1) AND (?2 = 0 OR stale != 0)"
    " AND (?3 IS NULL OR name REGEXP ?3 OR path REGEXP ?3)"
    " AND (?4 = 0 OR gone IS NOT NULL)";

static void
stale_words(int bits, int windows, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s%s%s%s",
	    bits & 1 ? " interpreter-missing" : "",
	    bits & 2 ? " project-missing" : "",
	    bits & 4 ? " unused" : "",
	    windows ? " windows" : "");
}

static int
list_exec(struct index *ix, struct cli_args *a)
{
	const char	*kind = cli_value(a, "kind"), *filter = cli_value(a, "filter");
	int		 json = cli_flag(a, "json"), stale = cli_flag(a, "stale");
	int		 gone = cli_flag(a, "gone");
	struct table	*t;
	sqlite3_stmt	*st;
	char		*sql, size[16], age[32], marks[96], *status, *path;
	int64_t		 now = (int64_t)time(NULL), total = 0, stale_size = 0;
	int64_t		 npkgs = 0;
	size_t		 i;
	int		 n = 0, nstale = 0, ok = 0, rc;

	for (i = 0; kind != NULL && i < nitems(kinds); i++)
		ok |= strcmp(kind, kinds[i]) == 0;
	if (kind != NULL && !ok)
		return cli_usage_error(a, "--kind takes venv, virtualenv-legacy, "
		    "conda or interpreter");
	if (cli_check_regex(a->entry->name, filter) == -1)
		return EXIT_USAGE;

	if (json)
		sql = xasprintf("SELECT json_group_array(json(json)) FROM"
		    " (SELECT json FROM %s %s ORDER BY path)", gone ? "envja" : "envj",
		    env_where);
	else
		sql = xasprintf("SELECT name, kind, manager, python, packages, size,"
		    " used, %s, stale, windows, path FROM %s %s ORDER BY path",
		    gone ? "'gone'" : "status", gone ? "envxa" : "envx", env_where);
	st = cli_prepare(ix, sql);
	free(sql);
	if (st == NULL)
		return 1;
	if (kind != NULL)
		sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, stale);
	sqlite3_bind_int(st, 4, gone);
	if (filter != NULL)
		sqlite3_bind_text(st, 3, filter, -1, SQLITE_STATIC);
	if (json)
		return cli_print_json(ix, st);

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
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int	 bits = gone ? 0 : sqlite3_column_int(st, 8);
		int64_t	 sz = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 5);

		n++;
		npkgs += sqlite3_column_int64(st, 4);
		if (sz > 0)
			total += sz;
		if (bits != 0) {
			nstale++;
			if (sz > 0)
				stale_size += sz;
		}
		out_table_row(t, strcmp(cli_col(st, 7), "broken") == 0 ? OUT_RED :
		    bits != 0 ? OUT_YELLOW : OUT_PLAIN);
		out_table_cell(t, cli_col(st, 0));
		out_table_cell(t, strcmp(cli_col(st, 1), "virtualenv-legacy") == 0 ?
		    "legacy" : cli_col(st, 1));
		out_table_cell(t, cli_col(st, 2));
		out_table_cell(t, cli_col(st, 3));
		out_table_cell(t, cli_col(st, 4));
		fmt_size(sz, size, sizeof size);
		out_table_cell(t, size);
		fmt_age(sqlite3_column_int64(st, 6), now, age, sizeof age);
		out_table_cell(t, age);
		stale_words(bits, sqlite3_column_int(st, 9), marks, sizeof marks);
		status = xasprintf("%s%s", cli_col(st, 7), marks);
		out_table_cell(t, status);
		free(status);
		path = path_tilde(cli_col(st, 10));
		out_table_cell(t, path);
		free(path);
	}
	rc = cli_step_end(ix, rc);
	sqlite3_finalize(st);
	if (rc != 0) {
		out_table_free(t);
		return 1;
	}
	if (n > 0)
		out_table_print(t, stdout);
	out_table_free(t);
	fmt_size(total, size, sizeof size);
	printf("%d environment%s, %lld packages, %s", n, n == 1 ? "" : "s",
	    (long long)npkgs, size);
	if (nstale > 0) {
		fmt_size(stale_size, size, sizeof size);
		printf("; %d stale (%s reclaimable)", nstale, size);
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
