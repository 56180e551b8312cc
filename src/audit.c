/* audit: installed versions against the imported OSV advisories. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "index.h"
#include "pep440.h"
#include "query.h"
#include "str.h"
#include "utf8.h"
#include "util.h"

/*
 * PEP 440 order, fast for plain release numbers ("1.2.10"): compared
 * number by number with trailing zeros ignored, as PEP 440 does; anything
 * else goes to pep440_cmp().
 */
static int
vcmp(const char *a, const char *b)
{
	const char	*p, *q;
	size_t		 la, lb;

	for (p = a; *p != '\0' && ((*p >= '0' && *p <= '9') || *p == '.'); p++)
		;
	for (q = b; *q != '\0' && ((*q >= '0' && *q <= '9') || *q == '.'); q++)
		;
	if (*p != '\0' || *q != '\0' || *a == '.' || *b == '.' || *a == '\0' ||
	    *b == '\0' || p[-1] == '.' || q[-1] == '.' || strstr(a, "..") != NULL ||
	    strstr(b, "..") != NULL)
		return pep440_cmp(a, b);
	p = a;
	q = b;
	while (*p != '\0' || *q != '\0') {
		const char	*sp = p, *sq = q;

		la = strspn(p, "0123456789");
		lb = strspn(q, "0123456789");
		p += la;
		q += lb;
		/* Leading zeros, and a missing number, count for nothing. */
		while (la > 0 && *sp == '0') {
			sp++;
			la--;
		}
		while (lb > 0 && *sq == '0') {
			sq++;
			lb--;
		}
		if (la != lb)
			return la < lb ? -1 : 1;
		if (la > 0 && memcmp(sp, sq, la) != 0)
			return memcmp(sp, sq, la) < 0 ? -1 : 1;
		if (*p == '.')
			p++;
		if (*q == '.')
			q++;
	}
	return 0;
}

enum ev_kind { EV_INTRODUCED, EV_FIXED, EV_LAST_AFFECTED, EV_LIMIT };

struct ev {
	enum ev_kind	 kind;
	const char	*ver;	/* NUL-terminated in a private copy */
	size_t		 order;
};

static int
ev_cmp(const void *a, const void *b)
{
	const struct ev	*x = a, *y = b;
	int		 c;

	/* introduced "0" is before everything. */
	if (strcmp(x->ver, "0") == 0 && x->kind == EV_INTRODUCED)
		c = strcmp(y->ver, "0") == 0 && y->kind == EV_INTRODUCED ? 0 : -1;
	else if (strcmp(y->ver, "0") == 0 && y->kind == EV_INTRODUCED)
		c = 1;
	else
		c = vcmp(x->ver, y->ver);
	if (c == 0)
		c = x->order < y->order ? -1 : x->order > y->order;
	return c;
}

/* 1 when version is at or after an event's version (introduced "0": always). */
static int
at_or_after(const char *version, const struct ev *e)
{
	if (e->kind == EV_INTRODUCED && strcmp(e->ver, "0") == 0)
		return 1;
	return vcmp(version, e->ver) >= 0;
}

/*
 * An entry's ECOSYSTEM ranges, parsed once: the events of range i are
 * v[start[i]] .. v[start[i + 1]], sorted by version; strings point into buf.
 */
struct ranges {
	char		*buf;
	struct ev	*v;
	size_t		 n, cap;
	size_t		*start;
	size_t		 nr;
};

/* Parses text (lines "kind version", ranges apart by an empty line; may be NULL). */
static void
ranges_parse(const char *text, struct ranges *r)
{
	char	*line, *next, *sp;
	size_t	 first = 0;
	int	 blank;

	memset(r, 0, sizeof *r);
	r->start = xmalloc(sizeof *r->start);
	r->start[0] = 0;
	if (text == NULL)
		return;
	r->buf = xstrdup(text);
	for (line = r->buf; line != NULL; line = next) {
		struct ev	e;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		blank = *line == '\0';
		if (!blank && (sp = strchr(line, ' ')) != NULL) {
			*sp = '\0';
			e.ver = sp + 1;
			e.order = r->n;
			if (strcmp(line, "introduced") == 0)
				e.kind = EV_INTRODUCED;
			else if (strcmp(line, "fixed") == 0)
				e.kind = EV_FIXED;
			else if (strcmp(line, "last_affected") == 0)
				e.kind = EV_LAST_AFFECTED;
			else if (strcmp(line, "limit") == 0)
				e.kind = EV_LIMIT;
			else
				continue;
			if (r->n == r->cap)
				r->v = xrealloc(r->v, (r->cap = r->cap * 2 + 8) *
				    sizeof *r->v);
			r->v[r->n++] = e;
		}
		/* A range ends at an empty line, or at the end. */
		if ((blank || next == NULL) && r->n > first) {
			xqsort(r->v + first, r->n - first, sizeof *r->v, ev_cmp);
			r->start = xrealloc(r->start, (r->nr + 2) *
			    sizeof *r->start);
			r->start[++r->nr] = first = r->n;
		}
	}
}

static void
ranges_free(struct ranges *r)
{
	free(r->buf);
	free(r->v);
	free(r->start);
	memset(r, 0, sizeof *r);
}

/* One range (events sorted): OSV's evaluation. */
static int
range_eval(const struct ev *v, size_t n, const char *version, char **fixed)
{
	size_t	i;
	int	affected = 0, limits = 0, under = 0;

	for (i = 0; i < n; i++) {
		switch (v[i].kind) {
		case EV_INTRODUCED:
			if (at_or_after(version, &v[i]))
				affected = 1;
			break;
		case EV_FIXED:
			if (vcmp(version, v[i].ver) >= 0)
				affected = 0;
			else if (fixed != NULL && (*fixed == NULL ||
			    vcmp(v[i].ver, *fixed) < 0)) {
				free(*fixed);
				*fixed = xstrdup(v[i].ver);
			}
			break;
		case EV_LAST_AFFECTED:
			if (vcmp(version, v[i].ver) > 0)
				affected = 0;
			break;
		case EV_LIMIT:
			/* With limits, only versions below one of them are in. */
			limits = 1;
			if (strcmp(v[i].ver, "*") == 0 || vcmp(version,
			    v[i].ver) < 0)
				under = 1;
			break;
		}
	}
	if (limits && !under)
		affected = 0;
	return affected;
}

static int
affects(const char *versions, const struct ranges *r, const char *version,
    const char *norm, char **fixed)
{
	const char	*p, *e;
	size_t		 len = strlen(norm), vlen = strlen(version), i;
	int		 affected = 0;

	if (fixed != NULL)
		*fixed = NULL;
	for (p = versions; p != NULL && *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		if (((size_t)(e - p) == len && memcmp(p, norm, len) == 0) ||
		    ((size_t)(e - p) == vlen && memcmp(p, version, vlen) == 0))
			affected = 1;
	}
	for (i = 0; i < r->nr; i++)
		if (range_eval(r->v + r->start[i], r->start[i + 1] - r->start[i],
		    version, fixed))
			affected = 1;
	if (!affected && fixed != NULL) {
		free(*fixed);
		*fixed = NULL;
	}
	return affected;
}

int
audit_affects(const char *versions, const char *ranges, const char *version,
    char **fixed)
{
	struct ranges	 r;
	char		*norm;
	int		 a;

	if ((norm = pep440_normalize(version)) == NULL)
		norm = xstrdup(version);
	ranges_parse(ranges, &r);
	a = affects(versions, &r, version, norm, fixed);
	ranges_free(&r);
	free(norm);
	return a;
}

/* --- findings ---------------------------------------------------------------- */

/* One advisory that affects one installed version of the package. */
struct hit {
	size_t	 vuln;		/* in struct pkgrun's vulns */
	char	*version;	/* the installed rows' (kept once: one pointer each) */
	char	*fixed;		/* allocated, or NULL */
};

/* A package's advisories that hit, each with its ids. */
struct vulnrec {
	int64_t			 id;
	struct query_osv_vuln	 q;
	char			**keys;		/* its id and aliases */
	size_t			 nkeys;
	size_t			 group;		/* union-find parent */
};

static size_t
uf_find(struct vulnrec *v, size_t i)
{
	while (v[i].group != i)
		i = v[i].group = v[v[i].group].group;
	return i;
}

static int
share_key(const struct vulnrec *a, const struct vulnrec *b)
{
	size_t	i, j;

	for (i = 0; i < a->nkeys; i++)
		for (j = 0; j < b->nkeys; j++)
			if (strcmp(a->keys[i], b->keys[j]) == 0)
				return 1;
	return 0;
}

static int
str_pcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* How an id ranks as the one shown first: PYSEC, then GHSA, then others. */
static int
id_rank(const char *id)
{
	if (strncmp(id, "PYSEC-", 6) == 0)
		return 0;
	if (strncmp(id, "GHSA-", 5) == 0)
		return 1;
	return 2;
}

static void
add_finding(struct audit *a, size_t *cap, struct vulnrec *vr, size_t nvr,
    size_t g, const struct hit *hits, size_t nhits,
    const struct query_installed *rows, size_t nrows)
{
	struct audit_finding	*f;
	struct hit		*mine;
	const char		*from = NULL;
	char			**ids = NULL, *best = NULL;
	size_t			 nids = 0, nmine = 0, i, j, k;

	if (a->n == *cap)
		a->v = xrealloc(a->v, (*cap = *cap * 2 + 16) * sizeof *a->v);
	f = &a->v[a->n++];
	memset(f, 0, sizeof *f);
	f->package = xstrdup(rows[0].norm);
	for (i = 0; i < nvr; i++) {
		if (uf_find(vr, i) != g)
			continue;
		if (best == NULL || id_rank(vr[i].q.id) < id_rank(best) ||
		    (id_rank(vr[i].q.id) == id_rank(best) &&
		    strcmp(vr[i].q.id, best) < 0))
			best = vr[i].q.id;
		ids = xrealloc(ids, (nids + vr[i].nkeys) * sizeof *ids);
		for (j = 0; j < vr[i].nkeys; j++)
			ids[nids++] = vr[i].keys[j];
	}
	f->id = xstrdup(best);
	for (i = 0; i < nvr; i++) {
		if (uf_find(vr, i) != g)
			continue;
		if (strcmp(vr[i].q.id, best) == 0 || f->summary == NULL) {
			if (vr[i].q.summary != NULL && vr[i].q.summary[0] != '\0') {
				free(f->summary);
				f->summary = xstrdup(vr[i].q.summary);
			}
		}
		if (vr[i].q.severity != NULL && (f->severity == NULL ||
		    strcmp(vr[i].q.id, best) == 0)) {
			free(f->severity);
			f->severity = xstrdup(vr[i].q.severity);
		}
	}
	xqsort(ids, nids, sizeof *ids, str_pcmp);
	for (i = 0; i < nids; i++) {
		if (strcmp(ids[i], best) == 0 || (i > 0 && strcmp(ids[i],
		    ids[i - 1]) == 0))
			continue;
		f->aliases = xrealloc(f->aliases, (f->naliases + 1) *
		    sizeof *f->aliases);
		f->aliases[f->naliases++] = xstrdup(ids[i]);
	}
	free(ids);
	/* The group's hits: a version each, with the lowest fix above it. */
	mine = xcalloc(nhits + 1, sizeof *mine);
	for (k = 0; k < nhits; k++) {
		if (uf_find(vr, hits[k].vuln) != g)
			continue;
		for (j = 0; j < nmine && mine[j].version != hits[k].version;
		    j++)
			;
		if (j == nmine)
			mine[nmine++] = hits[k];
		else if (hits[k].fixed != NULL && (mine[j].fixed == NULL ||
		    pep440_cmp(hits[k].fixed, mine[j].fixed) < 0))
			mine[j].fixed = hits[k].fixed;
	}
	/*
	 * The environments whose version one of the group's advisories hits.
	 * from: the fix f->fixed was copied from (the same one again is not
	 * compared: PEP 440 comparisons were most of this).
	 */
	for (i = 0; i < nrows; i++) {
		const char	*fix;

		for (j = 0; j < nmine && mine[j].version != rows[i].version;
		    j++)
			;
		if (j == nmine)
			continue;
		fix = mine[j].fixed;
		if ((f->nenvs & (f->nenvs - 1)) == 0)
			f->envs = xrealloc(f->envs, (f->nenvs ? f->nenvs * 2 : 1) *
			    sizeof *f->envs);
		f->envs[f->nenvs].path = rows[i].path;
		f->envs[f->nenvs++].version = rows[i].version;
		if (fix != NULL && fix != from && (f->fixed == NULL ||
		    pep440_cmp(fix, f->fixed) > 0)) {
			free(f->fixed);
			f->fixed = xstrdup(fix);
			from = fix;
		}
	}
	free(mine);
}

/* One package: its installed rows (sorted by version), advisories and hits. */
struct pkgrun {
	const struct query_installed	*rows;
	size_t				 nrows;
	struct query_osv_affs		 affs;
	struct hit			*hits;
	size_t				 nhits;
	struct vulnrec			*vr;
	size_t				 nvr;
	char				**fixes;	/* pkg_hits_kept(): each once */
	size_t				 nfixes;
};

/* Which of the package's advisories hit which of its installed versions. */
static void
pkg_hits(struct pkgrun *r)
{
	const struct query_osv_affs	*affs = &r->affs;
	const char			*version;
	struct ranges			*rg;
	size_t				 i, j, k, caph = 0;
	char				*fixed, *norm;

	rg = xcalloc(affs->n + 1, sizeof *rg);
	for (j = 0; j < affs->n; j++)
		ranges_parse(affs->v[j].ranges, &rg[j]);
	for (i = 0; i < r->nrows; i++) {
		version = r->rows[i].version;
		if (i > 0 && version == r->rows[i - 1].version)
			continue;	/* one verdict per version */
		if ((norm = pep440_normalize(version)) == NULL)
			norm = xstrdup(version);
		for (j = 0; j < affs->n; j++) {
			if (!affects(affs->v[j].versions, &rg[j], version, norm,
			    &fixed))
				continue;
			for (k = 0; k < r->nvr && r->vr[k].id != affs->v[j].vuln;
			    k++)
				;
			if (k == r->nvr) {
				r->vr = xrealloc(r->vr, (r->nvr + 1) * sizeof *r->vr);
				memset(&r->vr[r->nvr], 0, sizeof *r->vr);
				r->vr[r->nvr].id = affs->v[j].vuln;
				r->vr[r->nvr].group = r->nvr;
				r->nvr++;
			}
			if (r->nhits == caph)
				r->hits = xrealloc(r->hits, (caph = caph * 2 + 16) *
				    sizeof *r->hits);
			r->hits[r->nhits].vuln = k;
			r->hits[r->nhits].version = r->rows[i].version;
			r->hits[r->nhits++].fixed = fixed;
		}
		free(norm);
	}
	for (j = 0; j < affs->n; j++)
		ranges_free(&rg[j]);
	free(rg);
}

/* Merges the package's advisories that alias each other into findings. */
static void
pkg_findings(struct audit *a, size_t *cap, struct pkgrun *r)
{
	struct vulnrec	*vr = r->vr;
	size_t		 i, j, k;
	char		*line, *next;

	/* The keys point into the advisory's id and aliases (split here). */
	for (k = 0; k < r->nvr; k++) {
		for (i = 1, line = vr[k].q.aliases; line != NULL &&
		    (line = strchr(line, '\n')) != NULL; line++)
			i++;
		vr[k].keys = xcalloc(i + 1, sizeof *vr[k].keys);
		vr[k].keys[vr[k].nkeys++] = vr[k].q.id;
		for (line = vr[k].q.aliases; line != NULL && *line != '\0';
		    line = next) {
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			vr[k].keys[vr[k].nkeys++] = line;
			if (next == NULL)
				break;
		}
	}
	for (i = 0; i < r->nvr; i++)
		for (j = i + 1; j < r->nvr; j++)
			if (uf_find(vr, i) != uf_find(vr, j) &&
			    share_key(&vr[i], &vr[j]))
				vr[uf_find(vr, j)].group = uf_find(vr, i);
	for (i = 0; i < r->nvr; i++)
		if (uf_find(vr, i) == i)
			add_finding(a, cap, vr, r->nvr, i, r->hits, r->nhits,
			    r->rows, r->nrows);
}

static void
pkgrun_free(struct pkgrun *r)
{
	size_t	k;

	for (k = 0; k < r->nvr; k++) {
		query_osv_vuln_free(&r->vr[k].q);
		free(r->vr[k].keys);
	}
	if (r->fixes != NULL) {		/* the hits' fixed are these */
		for (k = 0; k < r->nfixes; k++)
			free(r->fixes[k]);
		free(r->fixes);
	} else
		for (k = 0; k < r->nhits; k++)
			free(r->hits[k].fixed);
	free(r->vr);
	free(r->hits);
	query_osv_affs_free(&r->affs);
	memset(r, 0, sizeof *r);
}

/*
 * By name, then version, then path. The strings are kept once
 * (query_installeds), so equal ones are the same pointer: the names are
 * grouped by pointer, which is all the runs need (findings are sorted by
 * name at the end).
 */
static int
installed_cmp(const void *a, const void *b)
{
	const struct query_installed	*x = a, *y = b;
	int				 c;

	if (x->norm != y->norm)
		return (uintptr_t)x->norm < (uintptr_t)y->norm ? -1 : 1;
	if (x->version != y->version && (c = strcmp(x->version,
	    y->version)) != 0)
		return c;
	if (x->path != y->path)
		return strcmp(x->path, y->path);
	return 0;
}

static int
finding_cmp(const void *a, const void *b)
{
	const struct audit_finding	*x = a, *y = b;
	int				 c;

	if ((c = strcmp(x->package, y->package)) != 0)
		return c;
	return strcmp(x->id, y->id);
}

static int
env_cmp(const void *a, const void *b)
{
	return strcmp(((const struct audit_env *)a)->path,
	    ((const struct audit_env *)b)->path);
}

/* The rows (sorted) as runs, one per package name: *n of them, allocated. */
static struct pkgrun *
pkg_runs(const struct query_installeds *rows, size_t *n)
{
	struct pkgrun	*pr = NULL;
	size_t		 i, j, cap = 0;

	*n = 0;
	for (i = 0; i < rows->n; i = j) {
		for (j = i + 1; j < rows->n && rows->v[j].norm ==
		    rows->v[i].norm; j++)
			;
		if (*n == cap)
			pr = xrealloc(pr, (cap = cap * 2 + 64) * sizeof *pr);
		memset(&pr[*n], 0, sizeof *pr);
		pr[*n].rows = &rows->v[i];
		pr[(*n)++].nrows = j - i;
	}
	return pr;
}

/* Evaluates the advisories' entries for every run: pkg_hits(). 0, or -1. */
static int
pkg_judge(struct index *ix, struct pkgrun *pr, size_t n, char **err)
{
	struct query_osv_affs	*affs;
	char			**norms;
	size_t			 i;
	int			 rc;

	if (n == 0)
		return 0;
	norms = xcalloc(n, sizeof *norms);
	affs = xcalloc(n, sizeof *affs);
	for (i = 0; i < n; i++)
		norms[i] = pr[i].rows[0].norm;
	rc = query_osv_affected(ix, norms, n, affs, err);
	for (i = 0; rc == 0 && i < n; i++) {
		pr[i].affs = affs[i];
		pkg_hits(&pr[i]);
	}
	free(norms);
	free(affs);
	return rc;
}

/* The run's copy of a fixed version (a package has few): kept once. */
static char *
run_fix(struct pkgrun *r, const char *p, size_t len)
{
	size_t	i;

	for (i = r->nfixes; i > 0; i--)
		if (strncmp(r->fixes[i - 1], p, len) == 0 &&
		    r->fixes[i - 1][len] == '\0')
			return r->fixes[i - 1];
	r->fixes = xrealloc(r->fixes, (r->nfixes + 1) * sizeof *r->fixes);
	return r->fixes[r->nfixes++] = xstrndup(p, len);
}

/*
 * The verdicts kept in the index (osv_verdict), as the hits pkg_hits()
 * would make for the run's versions: each row's hits text, lines "vuln" or
 * "vuln fixed", in the order the entries were evaluated. With hits 0, only
 * the advisories (vr, in the order they first hit); then with hits 1 the
 * hits, when the run's findings are made (one run's at a time in memory).
 */
static void
pkg_hits_kept(struct pkgrun *r, int hits)
{
	const char	*p, *e, *end, *sp;
	size_t		 i, k, caph = 0;
	int64_t		 id;

	for (i = 0; i < r->nrows; i++) {
		if (i > 0 && r->rows[i].version == r->rows[i - 1].version)
			continue;
		for (p = r->rows[i].hits; p != NULL && *p != '\0'; p = e) {
			if ((e = strchr(p, '\n')) == NULL)
				e = p + strlen(p);
			id = strtoll(p, NULL, 10);
			sp = memchr(p, ' ', (size_t)(e - p));
			end = e;
			if (*e == '\n')
				e++;
			for (k = 0; k < r->nvr && r->vr[k].id != id; k++)
				;
			if (k == r->nvr) {
				r->vr = xrealloc(r->vr, (r->nvr + 1) * sizeof *r->vr);
				memset(&r->vr[r->nvr], 0, sizeof *r->vr);
				r->vr[r->nvr].id = id;
				r->vr[r->nvr].group = r->nvr;
				r->nvr++;
			}
			if (!hits)
				continue;
			if (r->nhits == caph)
				r->hits = xrealloc(r->hits, (caph = caph * 2 + 16) *
				    sizeof *r->hits);
			r->hits[r->nhits].vuln = k;
			r->hits[r->nhits].version = r->rows[i].version;
			r->hits[r->nhits++].fixed = sp == NULL ? NULL :
			    run_fix(r, sp + 1, (size_t)(end - sp - 1));
		}
	}
}

/*
 * Judges the (name, version) the index holds that have no verdict kept
 * and keeps theirs, when the index can be written at once; else nothing
 * (audit_run() then computes the verdicts itself). The write lock is held
 * from the reading on, so that no scan adds packages unseen between.
 */
static void
verdicts_fill(struct index *ix)
{
	struct index_verdicts	*iv;
	struct query_installeds	 pairs;
	struct pkgrun		*pr = NULL;
	struct sbuf		 sb = { 0 };
	char			*err = NULL, *text;
	size_t			 n = 0, i, j, k;
	int			 rc;

	if ((iv = index_verdicts_begin(ix)) == NULL)
		return;
	memset(&pairs, 0, sizeof pairs);
	if ((rc = query_osv_verdicts_ok(ix, &err)) != 0) {
		index_verdicts_end(iv, 0);	/* kept whole already, or an error */
		free(err);
		return;
	}
	rc = query_osv_unjudged(ix, &pairs, &err);
	if (rc == 0) {
		xqsort(pairs.v, pairs.n, sizeof *pairs.v, installed_cmp);
		pr = pkg_runs(&pairs, &n);
		rc = pkg_judge(ix, pr, n, &err);
	}
	for (i = 0; rc == 0 && i < n; i++) {
		/* One version a row; its hits are together, in order. */
		for (j = 0, k = 0; rc == 0 && j < pr[i].nrows; j++) {
			const char *version = pr[i].rows[j].version;

			for (; k < pr[i].nhits && pr[i].hits[k].version == version;
			    k++) {
				const struct hit *h = &pr[i].hits[k];

				sbuf_printf(&sb, "%s%lld", sb.len > 0 ? "\n" : "",
				    (long long)pr[i].vr[h->vuln].id);
				if (h->fixed != NULL)
					sbuf_printf(&sb, " %s", h->fixed);
			}
			text = sb.len > 0 ? sbuf_steal(&sb) : NULL;
			rc = index_verdicts_put(iv, pr[i].rows[0].norm, version,
			    text);
			free(text);
		}
	}
	index_verdicts_end(iv, rc == 0);
	for (i = 0; i < n; i++)
		pkgrun_free(&pr[i]);
	free(pr);
	query_installeds_free(&pairs);
	free(err);
}

int
audit_run(struct index *ix, char *const *envs, size_t nenvs, struct audit *a,
    char **err)
{
	struct query_installeds	 rows, *keep;
	struct query_osv_vuln	*qv = NULL;
	struct pkgrun		*pr = NULL;
	int64_t			*ids = NULL;
	size_t			 i, j, k, n = 0, nids = 0, cap = 0;
	int			 rc = 0, began, kept;

	*err = NULL;
	memset(a, 0, sizeof *a);
	memset(&rows, 0, sizeof rows);
	verdicts_fill(ix);
	if ((began = query_read_begin(ix, err)) == -1)
		return -1;
	/*
	 * The verdicts kept (most runs): only the rows some advisory hits
	 * are read. Else (a read-only index, a scan writing): every row
	 * that an advisory names, each version judged here.
	 */
	if ((kept = query_osv_verdicts_ok(ix, err)) == -1)
		rc = -1;
	if (rc == 0 && nenvs == 0)
		rc = kept ? query_osv_hits(ix, NULL, &rows, err) :
		    query_osv_installed(ix, NULL, &rows, err);
	for (i = 0; rc == 0 && i < nenvs; i++)
		rc = kept ? query_osv_hits(ix, envs[i], &rows, err) :
		    query_osv_installed(ix, envs[i], &rows, err);
	if (rc == 0) {
		/* Every verdict kept that hits comes by name and version. */
		if (!kept || nenvs > 0)
			xqsort(rows.v, rows.n, sizeof *rows.v, installed_cmp);
		pr = pkg_runs(&rows, &n);
		if (kept)
			for (i = 0; i < n; i++)
				pkg_hits_kept(&pr[i], 0);
		else
			rc = pkg_judge(ix, pr, n, err);
	}
	for (i = 0; rc == 0 && i < n; i++)
		nids += pr[i].nvr;
	/* The advisories that hit, read at once. */
	if (rc == 0 && nids > 0) {
		ids = xcalloc(nids, sizeof *ids);
		qv = xcalloc(nids, sizeof *qv);
		for (i = 0, k = 0; i < n; i++)
			for (j = 0; j < pr[i].nvr; j++)
				ids[k++] = pr[i].vr[j].id;
		rc = query_osv_vulns(ix, ids, nids, qv, err);
		for (i = 0, k = 0; rc == 0 && i < n; i++)
			for (j = 0; j < pr[i].nvr; j++)
				pr[i].vr[j].q = qv[k++];
		/* Each run freed at once: its memory serves the next ones. */
		for (i = 0; rc == 0 && i < n; i++) {
			if (kept)
				pkg_hits_kept(&pr[i], 1);
			pkg_findings(a, &cap, &pr[i]);
			pkgrun_free(&pr[i]);
		}
	}
	query_read_end(ix, began);
	for (i = 0; i < n; i++)
		pkgrun_free(&pr[i]);
	free(pr);
	free(ids);
	free(qv);
	/* The findings' environments point into the rows' strings. */
	keep = xmalloc(sizeof *keep);
	*keep = rows;
	a->rows = keep;
	if (rc != 0) {
		audit_free(a);
		return -1;
	}
	xqsort(a->v, a->n, sizeof *a->v, finding_cmp);
	for (i = 0; i < a->n; i++)
		xqsort(a->v[i].envs, a->v[i].nenvs, sizeof *a->v[i].envs, env_cmp);
	return 0;
}

void
audit_free(struct audit *a)
{
	size_t	i, j;

	for (i = 0; i < a->n; i++) {
		struct audit_finding	*f = &a->v[i];

		free(f->id);
		for (j = 0; j < f->naliases; j++)
			free(f->aliases[j]);
		free(f->aliases);
		free(f->summary);
		free(f->severity);
		free(f->package);
		free(f->fixed);
		free(f->envs);
	}
	free(a->v);
	if (a->rows != NULL) {
		query_installeds_free(a->rows);
		free(a->rows);
	}
	memset(a, 0, sizeof *a);
}

/* s as a JSON string (null for NULL), made valid UTF-8 first. */
static void
json_str(struct sbuf *sb, const char *s)
{
	char		*u = NULL;
	const char	*p, *run;

	if (s == NULL) {
		sbuf_add(sb, "null", 4);
		return;
	}
	/* Most are printable ASCII with nothing to escape: copied at once. */
	for (p = s; (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f &&
	    *p != '"' && *p != '\\'; p++)
		;
	if (*p == '\0') {
		sbuf_add(sb, "\"", 1);
		sbuf_add(sb, s, (size_t)(p - s));
		sbuf_add(sb, "\"", 1);
		return;
	}
	for (; *p != '\0' && (unsigned char)*p < 0x80; p++)
		;
	if (*p != '\0')	/* not plain ASCII */
		s = u = u8_valid(s, strlen(s));
	sbuf_addc(sb, '"');
	for (p = run = s; *p != '\0'; p++) {
		if (*p != '"' && *p != '\\' && (unsigned char)*p >= 0x20 &&
		    *p != 0x7f)
			continue;
		sbuf_add(sb, run, (size_t)(p - run));
		run = p + 1;
		if (*p == '"' || *p == '\\') {
			sbuf_addc(sb, '\\');
			sbuf_addc(sb, *p);
		} else
			sbuf_printf(sb, "\\u%04x", (unsigned char)*p);
	}
	sbuf_add(sb, run, (size_t)(p - run));
	sbuf_addc(sb, '"');
	free(u);
}

void
audit_json(const struct audit *a, void (*put)(const char *, size_t, void *),
    void *arg)
{
	struct sbuf	 sb = { 0 };
	size_t		 i, j;

	sbuf_addc(&sb, '[');
	for (i = 0; i < a->n; i++) {
		const struct audit_finding	*f = &a->v[i];

		sbuf_adds(&sb, i > 0 ? ",{\"id\":" : "{\"id\":");
		json_str(&sb, f->id);
		sbuf_adds(&sb, ",\"aliases\":[");
		for (j = 0; j < f->naliases; j++) {
			if (j > 0)
				sbuf_addc(&sb, ',');
			json_str(&sb, f->aliases[j]);
		}
		sbuf_adds(&sb, "],\"summary\":");
		json_str(&sb, f->summary);
		sbuf_adds(&sb, ",\"severity\":");
		json_str(&sb, f->severity);
		sbuf_adds(&sb, ",\"package\":");
		json_str(&sb, f->package);
		sbuf_adds(&sb, ",\"fixed\":");
		json_str(&sb, f->fixed);
		sbuf_adds(&sb, ",\"envs\":[");
		for (j = 0; j < f->nenvs; j++) {
			sbuf_adds(&sb, j > 0 ? ",{\"path\":" : "{\"path\":");
			json_str(&sb, f->envs[j].path);
			sbuf_adds(&sb, ",\"version\":");
			json_str(&sb, f->envs[j].version);
			sbuf_addc(&sb, '}');
		}
		sbuf_adds(&sb, "]}");
		/* Handed on in pieces: the whole is megabytes. */
		if (sb.len >= 32768) {
			put(sb.s, sb.len, arg);
			sb.len = 0;
		}
	}
	sbuf_addc(&sb, ']');
	put(sb.s, sb.len, arg);
	sbuf_free(&sb);
}
