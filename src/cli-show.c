/* cli-show: venvdex show ENV [--json] */
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

static void
stale_words(int bits, int windows, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s%s%s%s",
	    bits & 1 ? " interpreter-missing" : "",
	    bits & 2 ? " project-missing" : "",
	    bits & 4 ? " unused" : "",
	    windows ? " windows" : "");
}

static void
show_line(const char *key, const char *value)
{
	char	*tilde;

	printf("%-13s", key);
	if (value == NULL || value[0] == '\0') {
		out_print(stdout, OUT_DIM, "-");
	} else {
		tilde = value[0] == '/' ? path_tilde(value) : xstrdup(value);
		out_print(stdout, OUT_PLAIN, tilde);
		free(tilde);
	}
	putchar('\n');
}

static int
show_exec(struct index *ix, struct cli_args *a)
{
	sqlite3_stmt	*st;
	char		*path, buf[128], size[16], *p, *line, *next;
	int64_t		 now = (int64_t)time(NULL);
	int		 bits;

	if ((path = cli_resolve(ix, a->entry->name, a->argv[0])) == NULL)
		return 1;
	if (cli_flag(a, "json")) {
		st = cli_prepare(ix,
		    "WITH RECURSIVE split(s, rest) AS ("
		    "  SELECT NULL, coalesce(site, '') || char(10) FROM env WHERE path = ?1"
		    "  UNION ALL SELECT substr(rest, 1, instr(rest, char(10)) - 1),"
		    "  substr(rest, instr(rest, char(10)) + 1) FROM split WHERE rest <> '')"
		    " SELECT json_set(json, '$.site', (SELECT json_group_array(repair(s))"
		    "  FROM split WHERE s IS NOT NULL AND s <> ''),"
		    "  '$.prompt', prompt, '$.system_site_packages',"
		    "  json(CASE WHEN system_site THEN 'true' ELSE 'false' END),"
		    "  '$.first_seen', first_seen, '$.scanned', scanned)"
		    " FROM envj WHERE path = ?1");
		if (st == NULL) {
			free(path);
			return 1;
		}
		sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
		bits = cli_print_json(ix, st);
		free(path);
		return bits;
	}
	st = cli_prepare(ix, "SELECT path, name, kind, creator, manager, python, base,"
	    " project, status, stale, packages, size, used, site, windows, prompt,"
	    " system_site, first_seen, scanned FROM envx WHERE path = ?1");
	if (st == NULL) {
		free(path);
		return 1;
	}
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if ((bits = sqlite3_step(st)) != SQLITE_ROW) {
		if (bits == SQLITE_DONE)
			warnx_("show: %s: not in the index", path);
		else
			cli_step_end(ix, bits);
		sqlite3_finalize(st);
		free(path);
		return 1;
	}
	show_line("path", cli_col(st, 0));
	show_line("name", cli_col(st, 1));
	snprintf(buf, sizeof buf, "%s%s%s%s%s%s", cli_col(st, 2),
	    cli_col(st, 3) || cli_col(st, 4) ? " (" : "",
	    cli_col(st, 3) ? "created by " : "", cli_col(st, 3) ? cli_col(st, 3) : "",
	    cli_col(st, 4) ? (cli_col(st, 3) ? ", managed by " : "managed by ") : "",
	    cli_col(st, 4) ? cli_col(st, 4) : "");
	if (cli_col(st, 3) || cli_col(st, 4))
		strncat(buf, ")", sizeof buf - strlen(buf) - 1);
	if (sqlite3_column_int(st, 14))
		strncat(buf, ", Windows layout: not runnable here",
		    sizeof buf - strlen(buf) - 1);
	show_line("kind", buf);
	show_line("python", cli_col(st, 5));
	show_line("base", cli_col(st, 6));
	show_line("prompt", cli_col(st, 15));
	show_line("project", cli_col(st, 7));
	bits = sqlite3_column_int(st, 9);
	show_line("status", cli_col(st, 8));
	stale_words(bits, 0, buf, sizeof buf);
	show_line("stale", buf[0] == ' ' ? buf + 1 : buf);
	show_line("packages", cli_col(st, 10));
	fmt_size(sqlite3_column_type(st, 11) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 11), size, sizeof size);
	show_line("size", size);
	fmt_age(sqlite3_column_int64(st, 12), now, buf, sizeof buf);
	show_line("last used", buf);
	show_line("system site", sqlite3_column_int(st, 16) ? "included" : "not included");
	p = xstrdup(cli_col(st, 13) != NULL ? cli_col(st, 13) : "");
	for (line = p; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		show_line(line == p ? "site" : "", line);
	}
	free(p);
	fmt_age(sqlite3_column_int64(st, 18), now, buf, sizeof buf);
	show_line("scanned", buf);
	sqlite3_finalize(st);
	free(path);
	return 0;
}

static const struct cli_opt show_opts[] = {
	{ "json", 0, NULL, "a JSON object (see venvdex(1))" },
	{ NULL }
};

const struct cli_entry cli_show_entry = {
	"show", "ENV [--json]",
	"everything known about one environment",
	show_opts, 1, 1, "needs one ENV", 0, show_exec
};
