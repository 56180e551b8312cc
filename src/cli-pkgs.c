/* cli-pkgs: venvdex pkgs ENV [--json] [-f REGEX] */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "out.h"
#include "query.h"
#include "util.h"

static int
pkgs_exec(struct index *ix, struct cli_args *a)
{
	const char		*filter = cli_value(a, "filter");
	const struct query_pkg	*p;
	struct query_pkgs	 l;
	struct table		*t;
	char			*path, *json, *err, size[16], flags[4];
	size_t			 i;

	if (cli_check_regex(a->entry->name, filter) == -1)
		return EXIT_USAGE;
	if ((path = cli_resolve(ix, a->entry->name, a->argv[0])) == NULL)
		return 1;
	if (cli_flag(a, "json")) {
		if (query_pkgs_json(ix, path, filter, &json, &err) == -1) {
			warnx_("%s", err);
			free(err);
			free(path);
			return 1;
		}
		puts(json);
		free(json);
		free(path);
		return 0;
	}
	if (query_pkgs(ix, path, filter, &l, &err) == -1) {
		warnx_("%s", err);
		free(err);
		free(path);
		return 1;
	}
	t = out_table_new();
	out_table_col(t, "NAME", 0);
	out_table_col(t, "VERSION", 0);
	out_table_col(t, "INSTALLER", 0);
	out_table_col(t, "FL", 0);
	out_table_col(t, "SIZE", 1);
	out_table_col(t, "SUMMARY", 0);
	for (i = 0; i < l.n; i++) {
		p = &l.v[i];
		out_table_row(t, p->editable ? OUT_CYAN : OUT_PLAIN);
		out_table_cell(t, p->name);
		out_table_cell(t, p->version);
		out_table_cell(t, p->installer);
		snprintf(flags, sizeof flags, "%c%c", p->editable ? 'e' : '-',
		    p->requested ? 'r' : '-');
		out_table_cell(t, flags);
		fmt_size(p->size, size, sizeof size);
		out_table_cell(t, size);
		out_table_cell(t, p->summary != NULL ? p->summary : "");
	}
	if (l.n > 0)
		out_table_print(t, stdout);
	out_table_free(t);
	query_pkgs_free(&l);
	free(path);
	return 0;
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
