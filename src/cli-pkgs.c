/* cli-pkgs: venvdex pkgs ENV [--json] [-f REGEX] */
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

/* A package as JSON, from pkg p (shared with find until the query layer). */
const char cli_pkg_json[] =
    "json_object('name', repair(p.name), 'version', repair(p.version),"
    " 'summary', repair(p.summary), 'installer', repair(p.installer),"
    " 'editable', json(CASE WHEN p.editable THEN 'true' ELSE 'false' END),"
    " 'requested', json(CASE WHEN p.requested THEN 'true' ELSE 'false' END),"
    " 'size', p.size, 'location', repair(p.location)";

static int
pkgs_exec(struct index *ix, struct cli_args *a)
{
	const char	*filter = cli_value(a, "filter");
	struct table	*t;
	sqlite3_stmt	*st;
	char		*path, *sql, size[16], flags[4];
	int		 n = 0, rc;

	if (cli_check_regex(a->entry->name, filter) == -1)
		return EXIT_USAGE;
	if ((path = cli_resolve(ix, a->entry->name, a->argv[0])) == NULL)
		return 1;
	if (cli_flag(a, "json"))
		sql = xasprintf("SELECT json_group_array(json(j)) FROM (SELECT %s) AS j"
		    " FROM pkg p JOIN env e ON e.id = p.env_id WHERE e.path = ?1"
		    " AND (?2 IS NULL OR p.name REGEXP ?2) ORDER BY p.norm)", cli_pkg_json);
	else
		sql = xasprintf("SELECT p.name, p.version, p.installer, p.editable,"
		    " p.requested, p.size, p.summary FROM pkg p JOIN env e ON"
		    " e.id = p.env_id WHERE e.path = ?1 AND (?2 IS NULL OR"
		    " p.name REGEXP ?2) ORDER BY p.norm");
	st = cli_prepare(ix, sql);
	free(sql);
	if (st == NULL) {
		free(path);
		return 1;
	}
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if (filter != NULL)
		sqlite3_bind_text(st, 2, filter, -1, SQLITE_STATIC);
	if (cli_flag(a, "json")) {
		n = cli_print_json(ix, st);
		free(path);
		return n;
	}
	t = out_table_new();
	out_table_col(t, "NAME", 0);
	out_table_col(t, "VERSION", 0);
	out_table_col(t, "INSTALLER", 0);
	out_table_col(t, "FL", 0);
	out_table_col(t, "SIZE", 1);
	out_table_col(t, "SUMMARY", 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		out_table_row(t, sqlite3_column_int(st, 3) ? OUT_CYAN : OUT_PLAIN);
		out_table_cell(t, cli_col(st, 0));
		out_table_cell(t, cli_col(st, 1));
		out_table_cell(t, cli_col(st, 2));
		snprintf(flags, sizeof flags, "%c%c",
		    sqlite3_column_int(st, 3) ? 'e' : '-',
		    sqlite3_column_int(st, 4) ? 'r' : '-');
		out_table_cell(t, flags);
		fmt_size(sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 5), size, sizeof size);
		out_table_cell(t, size);
		out_table_cell(t, cli_col(st, 6) != NULL ? cli_col(st, 6) : "");
	}
	rc = cli_step_end(ix, rc);
	sqlite3_finalize(st);
	if (n > 0 && rc == 0)
		out_table_print(t, stdout);
	out_table_free(t);
	free(path);
	return rc;
}

static const struct cli_opt pkgs_opts[] = {
	{ "json", 0, NULL, "a JSON array (see venvdex(1))" },
	{ "filter", 'f', "REGEX", "only those whose name matches" },
	{ NULL }
};

const struct cli_entry cli_pkgs_entry = {
	"pkgs", "ENV [--json] [-f REGEX]",
	"the packages installed in ENV",
	pkgs_opts, 1, 1, "needs one ENV", 0, pkgs_exec
};
