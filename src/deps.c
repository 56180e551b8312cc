/* deps: requirements with markers and extras evaluated, as pip check does. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "deps.h"
#include "marker.h"
#include "pep440.h"
#include "query.h"
#include "req.h"
#include "util.h"

#define MAX_EXTRAS	8	/* extra == "x" comparisons looked at per marker */

static const struct {
	const char	*name, *text;
} deps_states[] = {
#define X(id, name, text) [DEPS_##id] = { name, text },
	DEPS_STATES(X)
#undef X
};

/* Installed names, sorted, for lookups. */
struct byname {
	const char	*norm;
	size_t		 i;
};

static int
byname_cmp(const void *a, const void *b)
{
	return strcmp(((const struct byname *)a)->norm, ((const struct byname *)b)->norm);
}

static size_t
deps_lookup(const struct byname *ix, size_t n, const char *norm)
{
	struct byname	 key = { norm, 0 }, *f;

	if (norm == NULL || n == 0)
		return DEPS_NONE;
	f = bsearch(&key, ix, n, sizeof *ix, byname_cmp);
	return f != NULL ? f->i : DEPS_NONE;
}

/* One token of a marker: a name, a quoted string (without quotes) or an operator. */
static const char *
marker_token(const char *p, const char **start, size_t *len, int *quoted)
{
	char	q;

	while (*p == ' ' || *p == '\t')
		p++;
	*quoted = 0;
	*start = p;
	if (*p == '\0') {
		*len = 0;
		return p;
	}
	if (*p == '"' || *p == '\'') {
		q = *p++;
		*start = p;
		while (*p != '\0' && *p != q)
			p++;
		*len = (size_t)(p - *start);
		*quoted = 1;
		return *p == q ? p + 1 : p;
	}
	if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' ||
	    *p == '.' || (*p >= '0' && *p <= '9')) {
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    *p == '_' || *p == '.' || (*p >= '0' && *p <= '9'))
			p++;
	} else if (strchr("=!<>~", *p) != NULL) {
		while (*p != '\0' && strchr("=!<>~", *p) != NULL)
			p++;
	} else
		p++;
	*len = (size_t)(p - *start);
	return p;
}

/*
 * The literals compared with "extra ==" in marker (either way round), as
 * written, into lits (allocated each); returns how many.
 */
static size_t
marker_extras(const char *marker, char **lits, size_t max)
{
	const char	*s[3], *p = marker;
	size_t		 l[3], n = 0;
	int		 q[3], k;

	memset(s, 0, sizeof s);
	memset(l, 0, sizeof l);
	memset(q, 0, sizeof q);
	while (*p != '\0' && n < max) {
		s[0] = s[1]; l[0] = l[1]; q[0] = q[1];
		s[1] = s[2]; l[1] = l[2]; q[1] = q[2];
		p = marker_token(p, &s[2], &l[2], &q[2]);
		if (s[0] == NULL || l[1] != 2 || strncmp(s[1], "==", 2) != 0 || q[1])
			continue;
		for (k = 0; k <= 2; k += 2) {
			if (!q[k] && l[k] == 5 && strncmp(s[k], "extra", 5) == 0 &&
			    q[2 - k]) {
				lits[n++] = xstrndup(s[2 - k], l[2 - k]);
				break;
			}
		}
	}
	return n;
}

/* Is the normalised extra e among the comma-separated set (normalised)? */
static int
set_has(const char *set, const char *e)
{
	size_t	len = strlen(e);

	for (; set != NULL && *set != '\0'; set += strcspn(set, ","), set += *set == ',') {
		if (strncmp(set, e, len) == 0 && (set[len] == ',' || set[len] == '\0'))
			return 1;
	}
	return 0;
}

/* Adds the extras ("a,B_c") to *set, normalised; 1 when one was new. */
static int
set_add(char **set, const char *extras)
{
	char	 one[256], norm[256], *t;
	size_t	 len;
	int	 added = 0;

	while (extras != NULL && *extras != '\0') {
		len = strcspn(extras, ",");
		snprintf(one, sizeof one, "%.*s", (int)len, extras);
		extras += len + (extras[len] == ',');
		if (one[0] == '\0')
			continue;
		name_normalize(one, norm, sizeof norm);
		if (set_has(*set, norm))
			continue;
		t = xasprintf("%s%s%s", *set != NULL ? *set : "", *set != NULL ? "," : "",
		    norm);
		free(*set);
		*set = t;
		added = 1;
	}
	return added;
}

/* What a marker makes of one requirement, before the extras asked are known. */
struct gate {
	int	 always;		/* applies whatever was asked */
	char	*lit[MAX_EXTRAS];	/* else: applies with any of these extras */
	char	*norm[MAX_EXTRAS];
	size_t	 n;
};

static void
gate_eval(struct gate *g, const char *marker, const struct marker_env *env)
{
	struct marker_env	 e = *env;
	char			*lits[MAX_EXTRAS], norm[256];
	size_t			 n, i;
	int			 v;

	memset(g, 0, sizeof *g);
	if (marker == NULL) {
		g->always = 1;
		return;
	}
	e.extra = "";
	/* Undecided (platform_version ...): counted, as the safer answer. */
	if ((v = marker_eval(marker, &e, NULL)) != 0) {
		g->always = v != -1;
		return;
	}
	n = marker_extras(marker, lits, MAX_EXTRAS);
	for (i = 0; i < n; i++) {
		e.extra = lits[i];
		if (marker_eval(marker, &e, NULL) == 0) {
			free(lits[i]);
			continue;
		}
		name_normalize(lits[i], norm, sizeof norm);
		g->lit[g->n] = lits[i];
		g->norm[g->n++] = xstrdup(norm);
	}
}

static void
gate_free(struct gate *g)
{
	size_t	i;

	for (i = 0; i < g->n; i++) {
		free(g->lit[i]);
		free(g->norm[i]);
	}
}

/* The extra of from's asked set that turns g on, or NULL. */
static const char *
gate_open(const struct gate *g, const char *asked)
{
	size_t	i;

	for (i = 0; i < g->n; i++)
		if (set_has(asked, g->norm[i]))
			return g->norm[i];
	return NULL;
}

struct deps *
deps_compute(const struct deps_pkg *pkgs, size_t n, const struct marker_env *env)
{
	struct deps	*d = xcalloc(1, sizeof *d);
	struct byname	*ix = xcalloc(n + 1, sizeof *ix);
	struct gate	*gates = NULL;
	struct req	 r;
	size_t		 i, j, cap = 0;
	char		*line, *next, *err;
	const char	*x;
	int		 again, bad;

	d->npkgs = n;
	d->first = xcalloc(n + 1, sizeof *d->first);
	d->asked = xcalloc(n + 1, sizeof *d->asked);
	d->lines = xcalloc(n + 1, sizeof *d->lines);
	for (i = 0; i < n; i++) {
		ix[i].norm = pkgs[i].norm;
		ix[i].i = i;
	}
	xqsort(ix, n, sizeof *ix, byname_cmp);

	/* Every line, with what its marker says before extras are known. */
	for (i = 0; i < n; i++) {
		d->first[i] = d->n;
		if (pkgs[i].requires == NULL)
			continue;
		d->lines[i] = xstrdup(pkgs[i].requires);
		for (line = d->lines[i]; *line != '\0'; line = next) {
			struct deps_req	*q;

			next = line + strcspn(line, "\r\n");
			if (*next != '\0')
				*next++ = '\0';
			while (*line == ' ' || *line == '\t')
				line++;
			if (*line == '\0')
				continue;
			if (d->n == cap) {
				cap = cap ? cap * 2 : 64;
				d->v = xrealloc(d->v, cap * sizeof *d->v);
				gates = xrealloc(gates, cap * sizeof *gates);
			}
			q = &d->v[d->n];
			memset(q, 0, sizeof *q);
			memset(&gates[d->n], 0, sizeof *gates);
			d->n++;
			q->from = i;
			q->to = DEPS_NONE;
			q->line = line;
			bad = req_parse(line, &r, &err) == -1 || r.norm == NULL;
			free(err);
			if (bad) {
				req_free(&r);
				q->state = DEPS_INVALID;
				continue;
			}
			q->norm = xstrdup(r.norm);
			q->spec = xstrdup(r.spec != NULL ? r.spec : "");
			q->extras = r.extras != NULL && r.extras[0] != '\0' ?
			    xstrdup(r.extras) : NULL;
			q->to = deps_lookup(ix, n, q->norm);
			gate_eval(&gates[d->n - 1], r.marker, env);
			if (r.marker != NULL && marker_eval(r.marker, env, NULL) == -1)
				q->state = DEPS_INVALID;
			req_free(&r);
		}
	}
	d->first[n] = d->n;

	/* The extras asked: from what applies, until nothing new is asked. */
	do {
		again = 0;
		for (j = 0; j < d->n; j++) {
			struct deps_req	*q = &d->v[j];

			if (q->state == DEPS_INVALID || q->to == DEPS_NONE ||
			    q->extras == NULL)
				continue;
			if (!gates[j].always && gate_open(&gates[j],
			    d->asked[q->from]) == NULL)
				continue;
			again |= set_add(&d->asked[q->to], q->extras);
		}
	} while (again);

	for (j = 0; j < d->n; j++) {
		struct deps_req	*q = &d->v[j];
		const char	*have;

		if (q->state == DEPS_INVALID) {
			gate_free(&gates[j]);
			continue;
		}
		if (!gates[j].always) {
			x = gate_open(&gates[j], d->asked[q->from]);
			if (x == NULL) {
				q->state = gates[j].n > 0 ? DEPS_EXTRA : DEPS_NOT_NEEDED;
				if (gates[j].n > 0)
					q->extra = xstrdup(gates[j].norm[0]);
				gate_free(&gates[j]);
				continue;
			}
			q->extra = xstrdup(x);
		}
		gate_free(&gates[j]);
		if (q->to == DEPS_NONE) {
			q->state = DEPS_MISSING;
			continue;
		}
		have = pkgs[q->to].version;
		/* pip check: pre-releases allowed; conda's versions are not PEP 440. */
		if (pkgs[q->from].conda || q->spec[0] == '\0' || (have != NULL &&
		    pep440_contains(q->spec, have, 1) == 1))
			q->state = DEPS_OK;
		else
			q->state = DEPS_CONFLICT;
	}
	free(gates);
	free(ix);
	return d;
}

void
deps_free(struct deps *d)
{
	size_t	i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->v[i].norm);
		free(d->v[i].spec);
		free(d->v[i].extras);
		free(d->v[i].extra);
	}
	for (i = 0; i < d->npkgs; i++) {
		free(d->asked[i]);
		free(d->lines[i]);
	}
	free(d->v);
	free(d->first);
	free(d->asked);
	free(d->lines);
	free(d);
}

int
deps_applies(const struct deps_req *q)
{
	return q->state == DEPS_OK || q->state == DEPS_MISSING ||
	    q->state == DEPS_CONFLICT;
}

const char *
deps_state_name(enum deps_state s)
{
	return (size_t)s < nitems(deps_states) ? deps_states[s].name : "?";
}

const char *
deps_state_text(enum deps_state s)
{
	return (size_t)s < nitems(deps_states) ? deps_states[s].text : "?";
}

int
deps_problem(const struct deps_req *q)
{
	return (q->state == DEPS_MISSING || q->state == DEPS_CONFLICT) &&
	    q->extra == NULL;
}

struct deps_each_arg {
	void		(*fn)(const struct deps_env *, void *);
	void		*arg;
	struct deps_pkg	*pkgs;
	size_t		 cap;
};

static void
deps_each_env(const struct query_deps_env *qe, void *arg)
{
	struct deps_each_arg	*a = arg;
	struct deps_env		 de;
	struct marker_env	 me;
	struct marker_buf	 mb;
	struct deps		*d;
	size_t			 i;

	if (qe->n > a->cap) {
		a->cap = qe->n;
		a->pkgs = xrealloc(a->pkgs, a->cap * sizeof *a->pkgs);
	}
	for (i = 0; i < qe->n; i++) {
		a->pkgs[i].name = qe->v[i].name;
		a->pkgs[i].norm = qe->v[i].norm;
		a->pkgs[i].version = qe->v[i].version;
		a->pkgs[i].requires = qe->v[i].requires;
		a->pkgs[i].conda = qe->v[i].conda;
	}
	marker_env_init(&me, &mb, qe->python, qe->windows);
	d = deps_compute(a->pkgs, qe->n, &me);
	memset(&de, 0, sizeof de);
	de.path = qe->path;
	de.name = qe->name;
	de.python = qe->python;
	de.pkgs = a->pkgs;
	de.n = qe->n;
	de.deps = d;
	for (i = 0; i < d->n; i++)
		de.problems += deps_problem(&d->v[i]);
	a->fn(&de, a->arg);
	deps_free(d);
}

int
deps_each(struct index *ix, const char *path,
    void (*fn)(const struct deps_env *, void *), void *arg, char **err)
{
	struct deps_each_arg	a = { fn, arg, NULL, 0 };
	int			rc;

	rc = query_deps(ix, path, deps_each_env, &a, err);
	free(a.pkgs);
	return rc;
}

char *
deps_req_name(const struct deps_req *q)
{
	const char	*p = q->line;
	size_t		 n;

	while (*p == ' ' || *p == '\t')
		p++;
	for (n = 0; str_isalnum((unsigned char)p[n]) || p[n] == '.' || p[n] == '_' ||
	    p[n] == '-'; n++)
		;
	return n > 0 ? xstrndup(p, n) : xstrdup(q->norm != NULL ? q->norm : "?");
}

static int
deps_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "a,b" sorted into sb; sep between the parts. */
static void
deps_sorted(struct sbuf *sb, const char *list)
{
	char	*copy = xstrdup(list), *part[64], *p, *save = NULL;
	size_t	 n = 0, i;

	for (p = strtok_r(copy, ",", &save); p != NULL && n < nitems(part);
	    p = strtok_r(NULL, ",", &save))
		part[n++] = p;
	xqsort(part, n, sizeof *part, deps_strcmp);
	for (i = 0; i < n; i++) {
		if (i > 0)
			sbuf_addc(sb, ',');
		sbuf_adds(sb, part[i]);
	}
	free(copy);
}

char *
deps_req_text(const struct deps_req *q)
{
	struct sbuf	 sb = { 0 };
	const char	*m;
	char		*name = deps_req_name(q);

	sbuf_adds(&sb, name);
	free(name);
	if (q->extras != NULL) {
		sbuf_addc(&sb, '[');
		deps_sorted(&sb, q->extras);
		sbuf_addc(&sb, ']');
	}
	if (q->spec != NULL)
		deps_sorted(&sb, q->spec);
	if ((m = strchr(q->line, ';')) != NULL) {
		for (m++; *m == ' ' || *m == '\t'; m++)
			;
		if (*m != '\0')
			sbuf_printf(&sb, "; %s", m);
	}
	return sbuf_steal(&sb);
}
