/* cli-dupes: venvdex dupes [--json] [--min-size SIZE] */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dupes.h"
#include "out.h"
#include "util.h"

static int
dupes_exec(struct index *ix, struct cli_args *a)
{
	const struct dupes_group	*g;
	const struct query_copy		*c;
	const char			*v;
	struct dupes			 d;
	struct table			*t;
	char				*json, *err, *path, num[32], size[32];
	int64_t				 min = 0;
	size_t				 i, k, linked = 0;

	if ((v = cli_value(a, "min-size")) != NULL &&
	    dupes_parse_size(v, &min) == -1)
		return cli_usage_error(a, "--min-size wants a size: 4096, 300k, 10M, 1G");
	if (dupes_find(ix, min, cli_flag(a, "json"), &d, &err) == -1) {
		warnx_("%s", err);
		free(err);
		return 1;
	}
	if (cli_flag(a, "json")) {
		json = dupes_json(&d);
		puts(json);
		free(json);
		dupes_free(&d);
		return 0;
	}
	t = out_table_new();
	out_table_col(t, "NAME", 0);
	out_table_col(t, "VERSION", 0);
	out_table_col(t, "COPIES", 1);
	out_table_col(t, "SIZE", 1);
	out_table_col(t, "WASTED", 1);
	out_table_col(t, "LINKED", 0);
	out_table_col(t, "ENV", 0);
	for (i = 0; i < d.n; i++) {
		g = &d.v[i];
		for (k = 0; k < g->n; k++) {
			c = &g->copies[k];
			out_table_row(t, k == 0 ? (g->wasted > 0 ? OUT_BOLD :
			    OUT_PLAIN) : OUT_PLAIN);
			out_table_cell(t, k == 0 ? c->name : "");
			out_table_cell(t, k == 0 ? c->version : "");
			snprintf(num, sizeof num, "%zu", g->n);
			out_table_cell(t, k == 0 ? num : "");
			if (c->size >= 0)
				fmt_size(c->size, size, sizeof size);
			else
				snprintf(size, sizeof size, "?");
			out_table_cell(t, size);
			fmt_size(g->wasted, size, sizeof size);
			out_table_cell(t, k == 0 ? size : "");
			out_table_cell(t, g->linked[k] ? "linked" : "");
			linked += g->linked[k] != 0;
			path = path_tilde(c->env_path);
			out_table_cell(t, path);
			free(path);
		}
	}
	if (d.n > 0)
		out_table_print(t, stdout);
	out_table_free(t);
	fmt_size(d.wasted, size, sizeof size);
	printf("%zu distribution%s installed more than once, %zu copies (%zu "
	    "hard-linked): %s wasted\n", d.n, d.n == 1 ? "" : "s", d.copies,
	    linked, size);
	dupes_free(&d);
	return 0;
}

static const struct cli_opt dupes_opts[] = {
	{ "json", 0, NULL, "a JSON array (see venvdex(1))" },
	{ "min-size", 0, "SIZE", "only distributions of at least SIZE a copy (10M, 1G)" },
	{ NULL }
};

const struct cli_entry cli_dupes_entry = {
	"dupes", "[--json] [--min-size SIZE]",
	"the same distribution (name, version and content) installed in several\n"
	"environments: its copies, which share their files through hard links,\n"
	"and the bytes wasted by copies that share none; most wasted first",
	dupes_opts, 0, 0, "takes no arguments", 0, dupes_exec
};
