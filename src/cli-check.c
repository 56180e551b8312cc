/* cli-check: venvdex check [ENV...] [--json] */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "deps.h"
#include "out.h"
#include "query.h"
#include "util.h"

struct check {
	struct index	*ix;
	int		 json, single;
	size_t		 envs, broken;	/* checked, with problems */
	struct sbuf	 out;		/* --json: the array's objects */
	struct sbuf	 line;		/* one line of text, reused */
};

/* One problem as pip check words it (names PEP 503 normalised, as pip's). */
static void
check_line(struct check *c, const struct deps_env *de, const struct deps_req *q)
{
	const struct deps_pkg	*from = &de->pkgs[q->from];
	struct sbuf		*sb = &c->line;
	char			*text;

	sb->len = 0;
	sbuf_adds(sb, c->single ? "" : "  ");
	sbuf_adds(sb, from->norm);
	sbuf_addc(sb, ' ');
	sbuf_adds(sb, from->version);
	if (q->state == DEPS_MISSING) {
		sbuf_adds(sb, " requires ");
		sbuf_adds(sb, q->norm);
		sbuf_adds(sb, ", which is not installed.");
	} else {
		text = deps_req_text(q);
		sbuf_adds(sb, " has requirement ");
		sbuf_adds(sb, text);
		sbuf_adds(sb, ", but you have ");
		sbuf_adds(sb, de->pkgs[q->to].norm);
		sbuf_addc(sb, ' ');
		sbuf_adds(sb, de->pkgs[q->to].version);
		sbuf_addc(sb, '.');
		free(text);
	}
	out_print(stdout, OUT_PLAIN, sb->s);
	putchar('\n');
}

static void
check_env(const struct deps_env *de, void *arg)
{
	struct check		*c = arg;
	const struct deps_req	*q;
	size_t			 j, k = 0;
	char			*name;

	c->envs++;
	if (de->problems > 0)
		c->broken++;
	if (c->json) {
		sbuf_adds(&c->out, c->envs > 1 ? ", {" : "{");
		out_json_str(&c->out, "env", de->path, 0);
		sbuf_adds(&c->out, ", \"problems\": [");
		for (j = 0; j < de->deps->n; j++) {
			q = &de->deps->v[j];
			if (!deps_problem(q))
				continue;
			sbuf_adds(&c->out, k++ > 0 ? ", {" : "{");
			out_json_str(&c->out, "package", de->pkgs[q->from].name, 0);
			out_json_str(&c->out, "version", de->pkgs[q->from].version, 1);
			name = deps_req_name(q);
			out_json_str(&c->out, "requires", name, 1);
			free(name);
			out_json_str(&c->out, "wanted", q->spec[0] != '\0' ? q->spec : NULL, 1);
			out_json_str(&c->out, "installed", q->to != DEPS_NONE ?
			    de->pkgs[q->to].version : NULL, 1);
			sbuf_addc(&c->out, '}');
		}
		sbuf_adds(&c->out, "]}");
		return;
	}
	if (de->problems == 0)
		return;
	if (!c->single) {
		out_print(stdout, OUT_BOLD, de->path);
		fputs(":\n", stdout);
	}
	/* pip check's order: every missing one, then every conflict. */
	for (k = 0; k < 2; k++)
		for (j = 0; j < de->deps->n; j++) {
			q = &de->deps->v[j];
			if (deps_problem(q) && (q->state == DEPS_MISSING) == (k == 0))
				check_line(c, de, q);
		}
}

static int
check_exec(struct index *ix, struct cli_args *a)
{
	struct check	 c;
	char		*path, *err;
	int		 i, rc = 0;

	memset(&c, 0, sizeof c);
	c.ix = ix;
	c.json = cli_flag(a, "json") > 0;
	c.single = a->argc == 1;
	for (i = 0; i < a->argc && rc == 0; i++) {
		if ((path = cli_resolve(ix, a->entry->name, a->argv[i])) == NULL)
			rc = 1;
		else if (deps_each(ix, path, check_env, &c, &err) == -1) {
			warnx_("%s", err);
			free(err);
			rc = 1;
		}
		free(path);
	}
	if (a->argc == 0 && deps_each(ix, NULL, check_env, &c, &err) == -1) {
		warnx_("%s", err);
		free(err);
		rc = 1;
	}
	sbuf_free(&c.line);
	if (rc != 0) {
		sbuf_free(&c.out);
		return rc;
	}
	if (c.json)
		printf("[%s]\n", c.out.len > 0 ? c.out.s : "");
	else if (c.broken == 0 && c.single)
		puts("No broken requirements found.");
	else if (c.broken == 0)
		printf("No broken requirements found in %zu environment%s.\n", c.envs,
		    c.envs == 1 ? "" : "s");
	else if (!c.single)
		printf("%zu of %zu environment%s with broken requirements.\n", c.broken,
		    c.envs, c.envs == 1 ? "" : "s");
	sbuf_free(&c.out);
	return c.broken > 0 ? 1 : 0;
}

static const struct cli_opt check_opts[] = {
	{ "json", 0, NULL, "a JSON array, one object per environment (see venvdex(1))" },
	{ NULL }
};

const struct cli_entry cli_check_entry = {
	"check", "[ENV...] [--json]",
	"what pip check says of each ENV's requirements (every indexed environment"
	" when none is named): requirements missing or installed at a version they"
	" do not accept, markers evaluated for the environment; exits 1 when any",
	check_opts, 0, -1, NULL, 0, check_exec
};
