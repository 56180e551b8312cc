/* cli-deps: venvdex deps ENV [PKG...] [--reverse] [--json] */
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

#define DEPTH_MAX	64

struct depsout {
	struct index		*ix;
	struct cli_args		*a;
	int			 json, reverse, found;
	const struct deps_env	*de;
	char			*want;		/* 1 per package: named on the line */
	char			*onpath;	/* 1 per package: on the branch drawn */
	char			*shown;		/* 1 per package: drawn as a root or below */
	char			*expanded;	/* 1 per package: its branch drawn once already */
	int			 missing;	/* a PKG named is not installed */
	struct sbuf		 out;
};

/* The JSON name of a state: not-needed covers an extra nobody asked for. */
static const char *
depsout_state(enum deps_state s)
{
	return deps_state_name(s == DEPS_EXTRA ? DEPS_NOT_NEEDED : s);
}

/* The marker of q's line, or NULL; allocated. */
static char *
depsout_marker(const struct deps_req *q)
{
	const char	*m = strchr(q->line, ';');

	if (m == NULL)
		return NULL;
	for (m++; *m == ' ' || *m == '\t'; m++)
		;
	return *m != '\0' ? xstrdup(m) : NULL;
}

static void
depsout_json(struct depsout *o, size_t i, int first)
{
	const struct deps_env	*de = o->de;
	const struct deps	*d = de->deps;
	const struct deps_req	*q;
	size_t			 j, k = 0;
	char			*s;

	sbuf_adds(&o->out, first ? "{" : ", {");
	out_json_str(&o->out, "name", de->pkgs[i].name, 0);
	out_json_str(&o->out, "version", de->pkgs[i].version, 1);
	if (!o->reverse) {
		sbuf_adds(&o->out, ", \"requires\": [");
		for (j = d->first[i]; j < d->first[i + 1]; j++) {
			q = &d->v[j];
			sbuf_adds(&o->out, k++ > 0 ? ", {" : "{");
			s = deps_req_name(q);
			out_json_str(&o->out, "name", s, 0);
			free(s);
			out_json_str(&o->out, "wanted", q->spec != NULL && q->spec[0] != '\0' ?
			    q->spec : NULL, 1);
			s = depsout_marker(q);
			out_json_str(&o->out, "marker", s, 1);
			free(s);
			out_json_str(&o->out, "installed", q->to != DEPS_NONE ?
			    de->pkgs[q->to].version : NULL, 1);
			out_json_str(&o->out, "state", depsout_state(q->state), 1);
			sbuf_addc(&o->out, '}');
		}
	} else {
		sbuf_adds(&o->out, ", \"required_by\": [");
		for (j = 0; j < d->n; j++) {
			q = &d->v[j];
			if (q->to != i || !deps_applies(q))
				continue;
			sbuf_adds(&o->out, k++ > 0 ? ", {" : "{");
			out_json_str(&o->out, "name", de->pkgs[q->from].name, 0);
			out_json_str(&o->out, "version", de->pkgs[q->from].version, 1);
			out_json_str(&o->out, "wanted", q->spec[0] != '\0' ? q->spec : NULL, 1);
			sbuf_addc(&o->out, '}');
		}
	}
	sbuf_adds(&o->out, "]}");
}

static void
depsout_indent(int depth)
{
	printf("%*s- ", depth * 2, "");
}

/* What i requires, below it, depth levels in. */
static void
depsout_down(struct depsout *o, size_t i, int depth)
{
	const struct deps_env	*de = o->de;
	const struct deps	*d = de->deps;
	const struct deps_req	*q;
	size_t			 j;
	char			*name, *line;
	enum out_color		 c;

	if (depth > DEPTH_MAX)
		return;
	o->onpath[i] = 1;
	o->expanded[i] = 1;
	for (j = d->first[i]; j < d->first[i + 1]; j++) {
		q = &d->v[j];
		if (!deps_applies(q))
			continue;
		name = deps_req_name(q);
		line = xasprintf("%s [required: %s, installed: %s]%s", name,
		    q->spec[0] != '\0' ? q->spec : "any", q->to != DEPS_NONE ?
		    de->pkgs[q->to].version : "?", q->state == DEPS_MISSING ?
		    " missing" : q->state == DEPS_CONFLICT ? " conflict" : "");
		c = q->state == DEPS_OK ? OUT_PLAIN : OUT_RED;
		depsout_indent(depth);
		out_print(stdout, c, line);
		putchar('\n');
		free(line);
		free(name);
		if (q->to != DEPS_NONE) {
			o->shown[q->to] = 1;
			/* Each branch once: a graph's paths are exponentially many. */
			if (!o->onpath[q->to] && !o->expanded[q->to])
				depsout_down(o, q->to, depth + 1);
		}
	}
	o->onpath[i] = 0;
}

/* What requires i, below it. */
static void
depsout_up(struct depsout *o, size_t i, int depth)
{
	const struct deps_env	*de = o->de;
	const struct deps	*d = de->deps;
	const struct deps_req	*q;
	size_t			 j;
	char			*line, *text;

	if (depth > DEPTH_MAX)
		return;
	o->onpath[i] = 1;
	o->expanded[i] = 1;
	for (j = 0; j < d->n; j++) {
		q = &d->v[j];
		if (q->to != i || !deps_applies(q))
			continue;
		text = deps_req_text(q);
		line = xasprintf("%s==%s [requires: %s]", de->pkgs[q->from].name,
		    de->pkgs[q->from].version, text);
		depsout_indent(depth);
		out_print(stdout, q->state == DEPS_OK ? OUT_PLAIN : OUT_RED, line);
		putchar('\n');
		free(line);
		free(text);
		o->shown[q->from] = 1;
		if (!o->onpath[q->from] && !o->expanded[q->from])
			depsout_up(o, q->from, depth + 1);
	}
	o->onpath[i] = 0;
}

static void
depsout_root(struct depsout *o, size_t i)
{
	char	*line;

	line = xasprintf("%s==%s", o->de->pkgs[i].name, o->de->pkgs[i].version);
	out_print(stdout, OUT_BOLD, line);
	putchar('\n');
	free(line);
	o->shown[i] = 1;
	if (o->reverse)
		depsout_up(o, i, 1);
	else
		depsout_down(o, i, 1);
}

/* Is i a root of the tree: nothing installed requires it (reverse: it requires nothing installed)? */
static int
depsout_is_root(const struct depsout *o, size_t i)
{
	const struct deps	*d = o->de->deps;
	size_t			 j;

	if (o->reverse) {
		for (j = d->first[i]; j < d->first[i + 1]; j++)
			if (deps_applies(&d->v[j]) && d->v[j].to != DEPS_NONE)
				return 0;
		return 1;
	}
	for (j = 0; j < d->n; j++)
		if (d->v[j].to == i && d->v[j].from != i && deps_applies(&d->v[j]))
			return 0;
	return 1;
}

static void
depsout_env(const struct deps_env *de, void *arg)
{
	struct depsout	*o = arg;
	char		 norm[256];
	size_t		 i, k = 0;
	int		 w, hit;

	o->found = 1;
	o->de = de;
	o->want = xcalloc(de->n + 1, 1);
	o->onpath = xcalloc(de->n + 1, 1);
	o->shown = xcalloc(de->n + 1, 1);
	o->expanded = xcalloc(de->n + 1, 1);
	for (w = 1; w < o->a->argc; w++) {
		name_normalize(o->a->argv[w], norm, sizeof norm);
		for (hit = 0, i = 0; i < de->n; i++)
			if (strcmp(de->pkgs[i].norm, norm) == 0)
				o->want[i] = hit = 1;
		if (!hit) {
			warnx_("%s: no package %s in %s", o->a->entry->name,
			    o->a->argv[w], de->path);
			o->missing = 1;
		}
	}
	for (i = 0; i < de->n; i++) {
		if (o->a->argc > 1 && !o->want[i])
			continue;
		if (o->json)
			depsout_json(o, i, k++ == 0);
		else if (o->a->argc > 1 || depsout_is_root(o, i))
			depsout_root(o, i);
	}
	/* Packages only in cycles have no root: each still appears. */
	for (i = 0; !o->json && o->a->argc == 1 && i < de->n; i++)
		if (!o->shown[i])
			depsout_root(o, i);
	free(o->want);
	free(o->onpath);
	free(o->shown);
	free(o->expanded);
}

static int
deps_exec(struct index *ix, struct cli_args *a)
{
	struct depsout	 o;
	char		*path, *err;
	int		 rc = 0;

	memset(&o, 0, sizeof o);
	o.ix = ix;
	o.a = a;
	o.json = cli_flag(a, "json") > 0;
	o.reverse = cli_flag(a, "reverse") > 0;
	if ((path = cli_resolve(ix, a->entry->name, a->argv[0])) == NULL)
		return 1;
	if (deps_each(ix, path, depsout_env, &o, &err) == -1) {
		warnx_("%s", err);
		free(err);
		rc = 1;
	} else if (!o.found) {
		warnx_("%s: %s is not indexed", a->entry->name, path);
		rc = 1;
	}
	if (rc == 0 && o.json)
		printf("[%s]\n", o.out.len > 0 ? o.out.s : "");
	if (o.missing)
		rc = 1;
	sbuf_free(&o.out);
	free(path);
	return rc;
}

static const struct cli_opt deps_opts[] = {
	{ "reverse", 'r', NULL, "what requires each package, instead of what it requires" },
	{ "json", 0, NULL, "a JSON array, one object per package (see venvdex(1))" },
	{ NULL }
};

const struct cli_entry cli_deps_entry = {
	"deps", "ENV [PKG...] [--reverse] [--json]",
	"the requirements between ENV's packages as a tree (of the PKGs named, or of"
	" every package nothing else requires), with markers evaluated for ENV's"
	" python and platform and extras counted where a requirer asks for them",
	deps_opts, 1, -1, "needs one ENV, then package names", 0, deps_exec
};
