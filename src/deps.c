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
	struct sbuf	 sb = { 0 };
	char		 one[256], norm[256];
	size_t		 len;
	int		 added = 0;

	while (extras != NULL && *extras != '\0') {
		len = strcspn(extras, ",");
		memcpy(one, extras, len < sizeof one ? len : sizeof one - 1);
		one[len < sizeof one ? len : sizeof one - 1] = '\0';
		extras += len + (extras[len] == ',');
		if (one[0] == '\0')
			continue;
		name_normalize(one, norm, sizeof norm);
		if (set_has(*set, norm))
			continue;
		if (*set != NULL) {
			sbuf_adds(&sb, *set);
			sbuf_addc(&sb, ',');
		}
		sbuf_adds(&sb, norm);
		free(*set);
		*set = sbuf_steal(&sb);
		added = 1;
	}
	return added;
}

/* What a marker makes of one requirement, before the extras asked are known. */
struct gate {
	int	 always;		/* applies whatever was asked */
	int	 invalid;		/* the marker is not valid here */
	char	*norm[MAX_EXTRAS];	/* else: applies with any of these extras */
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
		g->invalid = v == -1;
		return;
	}
	n = marker_extras(marker, lits, MAX_EXTRAS);
	for (i = 0; i < n; i++) {
		e.extra = lits[i];
		if (marker_eval(marker, &e, NULL) != 0) {
			name_normalize(lits[i], norm, sizeof norm);
			g->norm[g->n++] = xstrdup(norm);
		}
		free(lits[i]);
	}
}

static void
gate_free(struct gate *g)
{
	size_t	i;

	for (i = 0; i < g->n; i++)
		free(g->norm[i]);
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

/*
 * One requirement line, parsed once for every environment that has it;
 * its marker's gate is kept for each marker environment it was asked of.
 */
struct line {
	char		*text;		/* as written, leading blanks removed: the key */
	char		*norm;		/* NULL: not a requirement venvdex can read */
	char		*spec, *extras, *marker;
	struct gate	*gates;		/* by environment (memo envs), with a marker */
	char		*done;		/* gates[k] computed */
	size_t		 ngates;
};

/*
 * The lines and marker environments met so far. The lines are dropped
 * when there are more than MEMO_MAX, between two environments.
 */
#define MEMO_MAX	16384
struct deps_memo {
	struct line	*v;
	size_t		 n, cap;
	struct strix	 ix;
	char		**envs;		/* each marker environment's key */
	size_t		 nenvs;
	struct sbuf	 tmp;
};

static const char *
memo_key(void *arg, size_t pos)
{
	return ((struct deps_memo *)arg)->v[pos].text;
}

static struct deps_memo *
memo_new(void)
{
	return xcalloc(1, sizeof (struct deps_memo));
}

static void
memo_clear(struct deps_memo *m)
{
	size_t	i, k;

	for (i = 0; i < m->n; i++) {
		struct line	*l = &m->v[i];

		for (k = 0; k < l->ngates; k++)
			if (l->done[k])
				gate_free(&l->gates[k]);
		free(l->text);
		free(l->norm);
		free(l->spec);
		free(l->extras);
		free(l->marker);
		free(l->gates);
		free(l->done);
	}
	m->n = 0;
	strix_clear(&m->ix);
}

static void
memo_free(struct deps_memo *m)
{
	size_t	i;

	if (m == NULL)
		return;
	memo_clear(m);
	strix_free(&m->ix);
	for (i = 0; i < m->nenvs; i++)
		free(m->envs[i]);
	free(m->envs);
	free(m->v);
	sbuf_free(&m->tmp);
	free(m);
}

/* The number of env among the marker environments met (a new one is added). */
static size_t
memo_env(struct deps_memo *m, const struct marker_env *env)
{
	const char	*f[] = { env->python_version, env->python_full_version,
			    env->sys_platform, env->platform_system,
			    env->platform_machine, env->platform_release,
			    env->os_name, env->implementation_name,
			    env->platform_python_implementation };
	size_t		 i;

	m->tmp.len = 0;
	for (i = 0; i < nitems(f); i++) {
		sbuf_adds(&m->tmp, f[i] != NULL ? f[i] : "\x01");
		sbuf_addc(&m->tmp, '\x02');
	}
	for (i = 0; i < m->nenvs; i++)
		if (strcmp(m->envs[i], m->tmp.s) == 0)
			return i;
	m->envs = xrealloc(m->envs, (m->nenvs + 1) * sizeof *m->envs);
	m->envs[m->nenvs] = xstrdup(m->tmp.s);
	return m->nenvs++;
}

/* The parsed line of len bytes at text. */
static struct line *
memo_line(struct deps_memo *m, const char *text, size_t len)
{
	struct line	*l;
	struct req	 r;
	size_t		 pos;
	char		*err;

	m->tmp.len = 0;
	sbuf_add(&m->tmp, text, len);
	if ((pos = strix_find(&m->ix, m->tmp.s, memo_key, m)) != STRIX_NONE)
		return &m->v[pos];
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->v = xrealloc(m->v, m->cap * sizeof *m->v);
	}
	l = &m->v[m->n];
	memset(l, 0, sizeof *l);
	l->text = xstrdup(m->tmp.s);
	if (req_parse(l->text, &r, &err) == 0 && r.norm != NULL) {
		l->norm = r.norm;
		l->spec = r.spec != NULL ? r.spec : xstrdup("");
		if (r.extras != NULL && r.extras[0] != '\0')
			l->extras = r.extras;
		l->marker = r.marker;
		r.norm = r.spec = r.marker = NULL;
		if (l->extras != NULL)
			r.extras = NULL;
	}
	free(err);
	req_free(&r);
	strix_add(&m->ix, m->n, memo_key, m);
	return &m->v[m->n++];
}

/* l's gate in marker environment k (memo_env()). */
static const struct gate *
line_gate(struct line *l, size_t k, const struct marker_env *env)
{
	if (k >= l->ngates) {
		l->gates = xrealloc(l->gates, (k + 1) * sizeof *l->gates);
		l->done = xrealloc(l->done, k + 1);
		memset(l->done + l->ngates, 0, k + 1 - l->ngates);
		l->ngates = k + 1;
	}
	if (!l->done[k]) {
		gate_eval(&l->gates[k], l->marker, env);
		l->done[k] = 1;
	}
	return &l->gates[k];
}

static const struct gate	 gate_always = { 1, 0, { NULL }, 0 };

/* deps_compute() with the lines parsed (and kept) in m. */
static struct deps *
deps_run(struct deps_memo *m, const struct deps_pkg *pkgs, size_t n,
    const struct marker_env *env)
{
	struct deps		*d = xcalloc(1, sizeof *d);
	struct byname		*ix = xcalloc(n + 1, sizeof *ix);
	const struct gate	**gates = NULL;
	struct line		*l;
	size_t			 i, j, k, len, cap = 0;
	const char		*line, *x;
	int			 again;

	d->npkgs = n;
	d->first = xcalloc(n + 1, sizeof *d->first);
	d->asked = xcalloc(n + 1, sizeof *d->asked);
	for (i = 0; i < n; i++) {
		ix[i].norm = pkgs[i].norm;
		ix[i].i = i;
	}
	xqsort(ix, n, sizeof *ix, byname_cmp);
	k = memo_env(m, env);

	/* Every line, with what its marker says before extras are known. */
	for (i = 0; i < n; i++) {
		d->first[i] = d->n;
		for (line = pkgs[i].requires; line != NULL && *line != '\0';
		    line += len + (line[len] != '\0')) {
			struct deps_req	*q;

			while (*line == ' ' || *line == '\t')
				line++;
			len = strcspn(line, "\r\n");
			if (len == 0)
				continue;
			if (d->n == cap) {
				cap = cap ? cap * 2 : 64;
				d->v = xrealloc(d->v, cap * sizeof *d->v);
				gates = xrealloc(gates, cap * sizeof *gates);
			}
			l = memo_line(m, line, len);
			q = &d->v[d->n];
			memset(q, 0, sizeof *q);
			q->from = i;
			q->to = DEPS_NONE;
			q->line = l->text;
			gates[d->n++] = &gate_always;
			if (l->norm == NULL) {
				q->state = DEPS_INVALID;
				continue;
			}
			q->norm = l->norm;
			q->spec = l->spec;
			q->extras = l->extras;
			q->to = deps_lookup(ix, n, q->norm);
			if (l->marker != NULL)
				gates[d->n - 1] = line_gate(l, k, env);
			if (gates[d->n - 1]->invalid)
				q->state = DEPS_INVALID;
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
			if (!gates[j]->always && gate_open(gates[j],
			    d->asked[q->from]) == NULL)
				continue;
			again |= set_add(&d->asked[q->to], q->extras);
		}
	} while (again);

	for (j = 0; j < d->n; j++) {
		struct deps_req	*q = &d->v[j];
		const char	*have;

		if (q->state == DEPS_INVALID)
			continue;
		if (!gates[j]->always) {
			x = gate_open(gates[j], d->asked[q->from]);
			if (x == NULL) {
				q->state = gates[j]->n > 0 ? DEPS_EXTRA : DEPS_NOT_NEEDED;
				if (gates[j]->n > 0)
					q->extra = gates[j]->norm[0];
				continue;
			}
			q->extra = x;
		}
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

struct deps *
deps_compute(const struct deps_pkg *pkgs, size_t n, const struct marker_env *env)
{
	struct deps_memo	*m = memo_new();
	struct deps	*d = deps_run(m, pkgs, n, env);

	d->memo = m;
	return d;
}

void
deps_free(struct deps *d)
{
	size_t	i;

	if (d == NULL)
		return;
	for (i = 0; i < d->npkgs; i++)
		free(d->asked[i]);
	free(d->v);
	free(d->first);
	free(d->asked);
	memo_free(d->memo);
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
	struct deps_memo	*memo;
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
	if (a->memo->n > MEMO_MAX)
		memo_clear(a->memo);
	d = deps_run(a->memo, a->pkgs, qe->n, &me);
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
	struct deps_each_arg	a = { fn, arg, NULL, 0, memo_new() };
	int			rc;

	rc = query_deps(ix, path, deps_each_env, &a, err);
	memo_free(a.memo);
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
