/* cli-find: venvdex find REGEX [--json] */
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

extern const char cli_pkg_json[];

static int
find_exec(struct index *ix, struct cli_args *a)
{
	const char	*pattern = a->argv[0];
	struct table	*t;
	sqlite3_stmt	*st;
	char		*sql, *path;
	int		 n = 0, rc;

	if (cli_check_regex(a->entry->name, pattern) == -1)
		return EXIT_USAGE;
	if (cli_flag(a, "json"))
		sql = xasprintf("SELECT json_group_array(json(j)) FROM (SELECT json_set(%s),"
		    " '$.env', repair(e.path), '$.env_name', repair(e.name)) AS j"
		    " FROM pkg p JOIN env e ON e.id = p.env_id"
		    " WHERE p.name REGEXP ?1 AND e.gone IS NULL ORDER BY p.norm, e.path)",
		    cli_pkg_json);
	else
		sql = xasprintf("SELECT p.name, p.version, e.name, e.path FROM pkg p"
		    " JOIN env e ON e.id = p.env_id WHERE p.name REGEXP ?1"
		    " AND e.gone IS NULL ORDER BY p.norm, e.path");
	st = cli_prepare(ix, sql);
	free(sql);
	if (st == NULL)
		return 1;
	sqlite3_bind_text(st, 1, pattern, -1, SQLITE_STATIC);
	if (cli_flag(a, "json")) {
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			puts(cli_col(st, 0));
			rc = strcmp(cli_col(st, 0), "[]") == 0 ? 1 : 0;
		} else
			rc = cli_step_end(ix, rc);
		sqlite3_finalize(st);
		return rc;
	}
	t = out_table_new();
	out_table_col(t, "NAME", 0);
	out_table_col(t, "VERSION", 0);
	out_table_col(t, "ENV", 0);
	out_table_col(t, "PATH", 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		out_table_row(t, OUT_PLAIN);
		out_table_cell(t, cli_col(st, 0));
		out_table_cell(t, cli_col(st, 1));
		out_table_cell(t, cli_col(st, 2));
		path = path_tilde(cli_col(st, 3));
		out_table_cell(t, path);
		free(path);
	}
	rc = cli_step_end(ix, rc);
	sqlite3_finalize(st);
	if (n > 0 && rc == 0)
		out_table_print(t, stdout);
	out_table_free(t);
	return n > 0 && rc == 0 ? 0 : 1;
}

static const struct cli_opt find_opts[] = {
	{ "json", 0, NULL, "a JSON array (see venvdex(1))" },
	{ NULL }
};

const struct cli_entry cli_find_entry = {
	"find", "REGEX [--json]",
	"every installed package whose name matches, in every environment;\n"
	"exit 1 when there is none",
	find_opts, 1, 1, "needs one REGEX", 0, find_exec
};
