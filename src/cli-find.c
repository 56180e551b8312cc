/* cli-find: venvdex find REGEX [--json] */
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
find_exec(struct index *ix, struct cli_args *a)
{
	const char		*pattern = a->argv[0];
	const struct query_pkg	*p;
	struct query_pkgs	 l;
	struct table		*t;
	char			*path, *json, *err;
	size_t			 i;
	int			 rc;

	if (cli_check_regex(a->entry->name, pattern) == -1)
		return EXIT_USAGE;
	if (cli_flag(a, "json")) {
		if (query_find_json(ix, pattern, &json, &err) == -1) {
			warnx_("%s", err);
			free(err);
			return 1;
		}
		puts(json);
		rc = strcmp(json, "[]") == 0 ? 1 : 0;
		free(json);
		return rc;
	}
	if (query_find(ix, pattern, NULL, &l, &err) == -1) {
		warnx_("%s", err);
		free(err);
		return 1;
	}
	t = out_table_new();
	out_table_col(t, "NAME", 0);
	out_table_col(t, "VERSION", 0);
	out_table_col(t, "ENV", 0);
	out_table_col(t, "PATH", 0);
	for (i = 0; i < l.n; i++) {
		p = &l.v[i];
		out_table_row(t, OUT_PLAIN);
		out_table_cell(t, p->name);
		out_table_cell(t, p->version);
		out_table_cell(t, p->env_name);
		path = path_tilde(p->env_path);
		out_table_cell(t, path);
		free(path);
	}
	rc = l.n > 0 ? 0 : 1;
	if (l.n > 0)
		out_table_print(t, stdout);
	out_table_free(t);
	query_pkgs_free(&l);
	return rc;
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
