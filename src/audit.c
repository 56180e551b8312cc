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
		c = pep440_cmp(x->ver, y->ver);
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
	return pep440_cmp(version, e->ver) >= 0;
}

/* One range's events (lines "kind version", in s..end): OSV's evaluation. */
static int
range_affects(char *s, const char *version, char **fixed)
{
	struct ev	*v = NULL, *limits = NULL;
	size_t		 n = 0, nl = 0, cap = 0, capl = 0, i;
	char		*line, *next, *sp;
	int		 affected = 0, under = 0;

	for (line = s; line != NULL && *line != '\0'; line = next) {
		struct ev	e;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((sp = strchr(line, ' ')) == NULL)
			continue;
		*sp = '\0';
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
		e.ver = sp + 1;
		e.order = n + nl;
		if (e.kind == EV_LIMIT) {
			if (nl == capl)
				limits = xrealloc(limits, (capl = capl * 2 + 4) *
				    sizeof *limits);
			limits[nl++] = e;
		} else {
			if (n == cap)
				v = xrealloc(v, (cap = cap * 2 + 8) * sizeof *v);
			v[n++] = e;
		}
	}
	qsort(v, n, sizeof *v, ev_cmp);
	for (i = 0; i < n; i++) {
		switch (v[i].kind) {
		case EV_INTRODUCED:
			if (at_or_after(version, &v[i]))
				affected = 1;
			break;
		case EV_FIXED:
			if (pep440_cmp(version, v[i].ver) >= 0)
				affected = 0;
			else if (fixed != NULL && (*fixed == NULL ||
			    pep440_cmp(v[i].ver, *fixed) < 0)) {
				free(*fixed);
				*fixed = xstrdup(v[i].ver);
			}
			break;
		case EV_LAST_AFFECTED:
			if (pep440_cmp(version, v[i].ver) > 0)
				affected = 0;
			break;
		case EV_LIMIT:
			break;
		}
	}
	/* With limits, only versions below one of them are in the range. */
	for (i = 0; i < nl; i++)
		if (strcmp(limits[i].ver, "*") == 0 ||
		    pep440_cmp(version, limits[i].ver) < 0)
			under = 1;
	if (nl > 0 && !under)
		affected = 0;
	free(v);
	free(limits);
	return affected;
}

int
audit_affects(const char *versions, const char *ranges, const char *version,
    char **fixed)
{
	char		*norm, *copy, *r, *next;
	const char	*p, *e;
	size_t		 len;
	int		 affected = 0;

	if (fixed != NULL)
		*fixed = NULL;
	if ((norm = pep440_normalize(version)) == NULL)
		norm = xstrdup(version);
	len = strlen(norm);
	for (p = versions; p != NULL && *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		if (((size_t)(e - p) == len && memcmp(p, norm, len) == 0) ||
		    ((size_t)(e - p) == strlen(version) &&
		    memcmp(p, version, strlen(version)) == 0))
			affected = 1;
	}
	if (ranges != NULL) {
		copy = xstrdup(ranges);
		for (r = copy; r != NULL && *r != '\0'; r = next) {
			if ((next = strstr(r, "\n\n")) != NULL) {
				*next = '\0';
				next += 2;
			}
			if (range_affects(r, version, fixed))
				affected = 1;
		}
		free(copy);
	}
	if (!affected && fixed != NULL) {
		free(*fixed);
		*fixed = NULL;
	}
	free(norm);
	return affected;
}

/* --- findings ---------------------------------------------------------------- */

/* One advisory that affects one installed version of the package. */
struct hit {
	size_t	 vuln;		/* in struct pkgrun's vulns */
	char	*version;	/* borrowed from the installed rows */
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
	char			**ids = NULL, *best = NULL;
	size_t			 nids = 0, i, j, k;

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
		for (j = 0; j < vr[i].nkeys; j++) {
			ids = xrealloc(ids, (nids + 1) * sizeof *ids);
			ids[nids++] = vr[i].keys[j];
		}
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
	qsort(ids, nids, sizeof *ids, str_pcmp);
	for (i = 0; i < nids; i++) {
		if (strcmp(ids[i], best) == 0 || (i > 0 && strcmp(ids[i],
		    ids[i - 1]) == 0))
			continue;
		f->aliases = xrealloc(f->aliases, (f->naliases + 1) *
		    sizeof *f->aliases);
		f->aliases[f->naliases++] = xstrdup(ids[i]);
	}
	free(ids);
	/* The environments whose version one of the group's advisories hits. */
	for (i = 0; i < nrows; i++) {
		const char	*fix = NULL;
		int		 hit = 0;

		for (k = 0; k < nhits; k++) {
			if (uf_find(vr, hits[k].vuln) != g ||
			    strcmp(hits[k].version, rows[i].version) != 0)
				continue;
			hit = 1;
			if (hits[k].fixed != NULL && (fix == NULL ||
			    pep440_cmp(hits[k].fixed, fix) < 0))
				fix = hits[k].fixed;
		}
		if (!hit)
			continue;
		f->envs = xrealloc(f->envs, (f->nenvs + 1) * sizeof *f->envs);
		f->envs[f->nenvs].path = xstrdup(rows[i].path);
		f->envs[f->nenvs++].version = xstrdup(rows[i].version);
		if (fix != NULL && (f->fixed == NULL || pep440_cmp(fix,
		    f->fixed) > 0)) {
			free(f->fixed);
			f->fixed = xstrdup(fix);
		}
	}
}

/* One package's installed rows (one name, sorted by version). */
static int
audit_package(struct index *ix, struct audit *a, size_t *cap,
    const struct query_installed *rows, size_t nrows, char **err)
{
	struct query_osv_affs	 affs;
	struct hit		*hits = NULL;
	struct vulnrec		*vr = NULL;
	size_t			 nhits = 0, nvr = 0, i, j, k;
	char			*fixed, *line, *next;
	int			 rc = -1;

	if (query_osv_affected(ix, rows[0].norm, &affs, err) == -1)
		return -1;
	for (i = 0; i < nrows; i++) {
		if (i > 0 && strcmp(rows[i].version, rows[i - 1].version) == 0)
			continue;
		for (j = 0; j < affs.n; j++) {
			if (!audit_affects(affs.v[j].versions, affs.v[j].ranges,
			    rows[i].version, &fixed))
				continue;
			for (k = 0; k < nvr && vr[k].id != affs.v[j].vuln; k++)
				;
			if (k == nvr) {
				vr = xrealloc(vr, (nvr + 1) * sizeof *vr);
				memset(&vr[nvr], 0, sizeof *vr);
				vr[nvr].id = affs.v[j].vuln;
				vr[nvr].group = nvr;
				nvr++;
			}
			hits = xrealloc(hits, (nhits + 1) * sizeof *hits);
			hits[nhits].vuln = k;
			hits[nhits].version = rows[i].version;
			hits[nhits++].fixed = fixed;
		}
	}
	for (k = 0; k < nvr; k++) {
		if (query_osv_vuln(ix, vr[k].id, &vr[k].q, err) != 1) {
			if (*err == NULL)
				*err = xstrdup("index: an advisory went missing");
			goto out;
		}
		vr[k].keys = xmalloc(sizeof *vr[k].keys);
		vr[k].keys[vr[k].nkeys++] = xstrdup(vr[k].q.id);
		for (line = vr[k].q.aliases; line != NULL && *line != '\0';
		    line = next) {
			if ((next = strchr(line, '\n')) != NULL)
				next++;
			vr[k].keys = xrealloc(vr[k].keys, (vr[k].nkeys + 1) *
			    sizeof *vr[k].keys);
			vr[k].keys[vr[k].nkeys++] = next != NULL ?
			    xstrndup(line, (size_t)(next - 1 - line)) :
			    xstrdup(line);
		}
	}
	/* Aliases merge: advisories that share an id are one vulnerability. */
	for (i = 0; i < nvr; i++)
		for (j = i + 1; j < nvr; j++)
			if (uf_find(vr, i) != uf_find(vr, j) &&
			    share_key(&vr[i], &vr[j]))
				vr[uf_find(vr, j)].group = uf_find(vr, i);
	for (i = 0; i < nvr; i++)
		if (uf_find(vr, i) == i)
			add_finding(a, cap, vr, nvr, i, hits, nhits, rows, nrows);
	rc = 0;
out:
	for (k = 0; k < nvr; k++) {
		query_osv_vuln_free(&vr[k].q);
		for (j = 0; j < vr[k].nkeys; j++)
			free(vr[k].keys[j]);
		free(vr[k].keys);
	}
	for (k = 0; k < nhits; k++)
		free(hits[k].fixed);
	free(vr);
	free(hits);
	query_osv_affs_free(&affs);
	return rc;
}

static int
installed_cmp(const void *a, const void *b)
{
	const struct query_installed	*x = a, *y = b;
	int				 c;

	if ((c = strcmp(x->norm, y->norm)) != 0)
		return c;
	if ((c = strcmp(x->version, y->version)) != 0)
		return c;
	return strcmp(x->path, y->path);
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

int
audit_run(struct index *ix, char *const *envs, size_t nenvs, struct audit *a,
    char **err)
{
	struct query_installeds	 rows;
	size_t			 i, j, cap = 0;
	int			 rc = 0;

	*err = NULL;
	memset(a, 0, sizeof *a);
	memset(&rows, 0, sizeof rows);
	if (nenvs == 0)
		rc = query_osv_installed(ix, NULL, &rows, err);
	for (i = 0; rc == 0 && i < nenvs; i++)
		rc = query_osv_installed(ix, envs[i], &rows, err);
	if (rc == 0 && nenvs > 1)
		qsort(rows.v, rows.n, sizeof *rows.v, installed_cmp);
	for (i = 0; rc == 0 && i < rows.n; i = j) {
		for (j = i + 1; j < rows.n && strcmp(rows.v[j].norm,
		    rows.v[i].norm) == 0; j++)
			;
		rc = audit_package(ix, a, &cap, &rows.v[i], j - i, err);
	}
	query_installeds_free(&rows);
	if (rc != 0) {
		audit_free(a);
		return -1;
	}
	qsort(a->v, a->n, sizeof *a->v, finding_cmp);
	for (i = 0; i < a->n; i++)
		qsort(a->v[i].envs, a->v[i].nenvs, sizeof *a->v[i].envs, env_cmp);
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
		for (j = 0; j < f->nenvs; j++) {
			free(f->envs[j].path);
			free(f->envs[j].version);
		}
		free(f->envs);
	}
	free(a->v);
	memset(a, 0, sizeof *a);
}

/* s as a JSON string (null for NULL), made valid UTF-8 first. */
static void
json_str(struct sbuf *sb, const char *s)
{
	char		*u;
	const char	*p;

	if (s == NULL) {
		sbuf_adds(sb, "null");
		return;
	}
	u = u8_valid(s, strlen(s));
	sbuf_addc(sb, '"');
	for (p = u; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			sbuf_addc(sb, '\\');
			sbuf_addc(sb, *p);
		} else if ((unsigned char)*p < 0x20 || *p == 0x7f)
			sbuf_printf(sb, "\\u%04x", (unsigned char)*p);
		else
			sbuf_addc(sb, *p);
	}
	sbuf_addc(sb, '"');
	free(u);
}

char *
audit_json(const struct audit *a)
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
	}
	sbuf_addc(&sb, ']');
	return sbuf_steal(&sb);
}
