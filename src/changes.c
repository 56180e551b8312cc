/* changes: an environment's packages before and after an action, compared. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "index.h"
#include "pep440.h"
#include "probe.h"
#include "query.h"
#include "scan.h"
#include "util.h"

struct snap_pkg {
	char	*norm;
	char	*name;
	char	*version;
	int64_t	 size;
};

struct changes_snap {
	char		*path;
	struct snap_pkg	*v;	/* by norm, as the query gives them */
	size_t		 n, cap;
};

static const char *const change_names[CHANGE_NKINDS] = {
	"added", "upgraded", "downgraded", "removed"
};

const char *
change_kind_name(enum change_kind k)
{
	return change_names[k];
}

static void
snap_add(const char *norm, const char *name, const char *version, int64_t size,
    void *arg)
{
	struct changes_snap	*s = arg;
	struct snap_pkg		*p;

	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 32 : s->cap * 2;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	p = &s->v[s->n++];
	p->norm = xstrdup(norm != NULL ? norm : "");
	p->name = xstrdup(name != NULL ? name : "");
	p->version = xstrdup(version != NULL ? version : "");
	p->size = size;
}

/*
 * Whether the index holds the environment as it is on disk: its fingerprint
 * (the mtimes of its site folders, conda-meta ...) is the one indexed, as
 * an incremental scan decides. Reading it again is then not needed.
 */
static int
changes_indexed_as_is(struct index *ix, const char *path)
{
	struct env		 e;
	int64_t			 fp, size;
	int			 same;

	if (!probe_env(path, &e))
		return 0;
	same = !e.broken && !e.unreadable && e.fingerprint != 0 &&
	    index_env_fingerprint(ix, path, &fp, &size) == 1 &&
	    fp == e.fingerprint && size >= 0;
	env_free(&e);
	return same;
}

struct changes_snap *
changes_snapshot(struct index *ix, const char *path)
{
	struct changes_snap	*s = xcalloc(1, sizeof *s);

	/* What is on disk now, so that only the action's changes show after it. */
	if (!changes_indexed_as_is(ix, path))
		scan_one(ix, path);
	s->path = xstrdup(path);
	if (query_env_pkgs(ix, path, snap_add, s) == -1) {
		changes_snap_free(s);
		return NULL;
	}
	return s;
}

void
changes_snap_free(struct changes_snap *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		free(s->v[i].norm);
		free(s->v[i].name);
		free(s->v[i].version);
	}
	free(s->v);
	free(s->path);
	free(s);
}

static void
changes_add(struct changes *c, enum change_kind k, const struct snap_pkg *a,
    const struct snap_pkg *b)
{
	struct change	*ch;

	c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
	ch = &c->v[c->n++];
	ch->kind = k;
	ch->name = xstrdup(b != NULL ? b->name : a->name);
	ch->old = a != NULL ? xstrdup(a->version) : NULL;
	ch->new = b != NULL ? xstrdup(b->version) : NULL;
	ch->old_size = a != NULL ? a->size : -1;
	ch->new_size = b != NULL ? b->size : -1;
	c->count[k]++;
	c->size_delta += (ch->new_size > 0 ? ch->new_size : 0) -
	    (ch->old_size > 0 ? ch->old_size : 0);
}

static int
change_cmp(const void *x, const void *y)
{
	const struct change	*a = x, *b = y;

	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	return natcmp(a->name, b->name);
}

int
changes_reindex(struct index *ix, const struct changes_snap *before,
    struct changes *c, char **err)
{
	struct changes_snap	 after;
	const struct snap_pkg	*a, *b;
	size_t			 i = 0, j = 0;
	int			 cmp;

	memset(c, 0, sizeof *c);
	memset(&after, 0, sizeof after);
	*err = NULL;
	c->path = xstrdup(before->path);
	if (changes_indexed_as_is(ix, before->path)) {
		c->packages = before->n;
		return 0;
	}
	if (scan_one(ix, before->path) == -1) {
		*err = xasprintf("%s: cannot be read as an environment any more",
		    before->path);
		return -1;
	}
	if (query_env_pkgs(ix, before->path, snap_add, &after) == -1) {
		*err = xasprintf("%s: cannot read its packages from the index",
		    before->path);
		goto out;
	}
	c->packages = after.n;
	while (i < before->n || j < after.n) {
		a = i < before->n ? &before->v[i] : NULL;
		b = j < after.n ? &after.v[j] : NULL;
		cmp = a == NULL ? 1 : b == NULL ? -1 : strcmp(a->norm, b->norm);
		if (cmp < 0) {
			changes_add(c, CHANGE_REMOVED, a, NULL);
			i++;
		} else if (cmp > 0) {
			changes_add(c, CHANGE_ADDED, NULL, b);
			j++;
		} else {
			if (strcmp(a->version, b->version) != 0) {
				/* Versions equal to PEP 440 (1.0, 1.0.0) order as text. */
				if ((cmp = pep440_cmp(a->version, b->version)) == 0)
					cmp = natcmp(a->version, b->version);
				changes_add(c, cmp < 0 ? CHANGE_UPGRADED :
				    CHANGE_DOWNGRADED, a, b);
			}
			i++;
			j++;
		}
	}
	if (c->n > 1)
		xqsort(c->v, c->n, sizeof *c->v, change_cmp);
out:
	for (i = 0; i < after.n; i++) {
		free(after.v[i].norm);
		free(after.v[i].name);
		free(after.v[i].version);
	}
	free(after.v);
	return *err == NULL ? 0 : -1;
}

void
changes_free(struct changes *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].name);
		free(c->v[i].old);
		free(c->v[i].new);
	}
	free(c->v);
	free(c->path);
	memset(c, 0, sizeof *c);
}

/* s as a JSON string (or null), through the one repair all JSON output takes. */
static void
json_str(struct sbuf *sb, struct index *ix, const char *s)
{
	char	*q = query_json_str(ix, s);

	sbuf_adds(sb, q);
	free(q);
}

static void
json_size(struct sbuf *sb, int64_t n)
{
	if (n < 0)
		sbuf_adds(sb, "null");
	else
		sbuf_printf(sb, "%lld", (long long)n);
}

char *
changes_json(struct index *ix, const struct changes *c, int exit_status)
{
	struct sbuf		 sb = { 0 };
	const struct change	*ch;
	size_t			 i;
	int			 k, first;

	sbuf_adds(&sb, "{\"env\": ");
	json_str(&sb, ix, c->path);
	if (exit_status >= 0)
		sbuf_printf(&sb, ", \"exit_status\": %d", exit_status);
	for (k = 0; k < CHANGE_NKINDS; k++) {
		sbuf_printf(&sb, ", \"%s\": [", change_names[k]);
		first = 1;
		for (i = 0; i < c->n; i++) {
			ch = &c->v[i];
			if ((int)ch->kind != k)
				continue;
			sbuf_adds(&sb, first ? "{\"name\": " : ", {\"name\": ");
			first = 0;
			json_str(&sb, ix, ch->name);
			if (ch->old == NULL || ch->new == NULL) {
				sbuf_adds(&sb, ", \"version\": ");
				json_str(&sb, ix, ch->old != NULL ? ch->old : ch->new);
				sbuf_adds(&sb, ", \"size\": ");
				json_size(&sb, ch->old != NULL ? ch->old_size :
				    ch->new_size);
			} else {
				sbuf_adds(&sb, ", \"old\": ");
				json_str(&sb, ix, ch->old);
				sbuf_adds(&sb, ", \"new\": ");
				json_str(&sb, ix, ch->new);
				sbuf_adds(&sb, ", \"old_size\": ");
				json_size(&sb, ch->old_size);
				sbuf_adds(&sb, ", \"size\": ");
				json_size(&sb, ch->new_size);
			}
			sbuf_addc(&sb, '}');
		}
		sbuf_addc(&sb, ']');
	}
	sbuf_printf(&sb, ", \"totals\": {\"added\": %u, \"upgraded\": %u,"
	    " \"downgraded\": %u, \"removed\": %u, \"size_change\": %lld,"
	    " \"packages\": %zu}}", c->count[CHANGE_ADDED],
	    c->count[CHANGE_UPGRADED], c->count[CHANGE_DOWNGRADED],
	    c->count[CHANGE_REMOVED], (long long)c->size_delta, c->packages);
	return sbuf_steal(&sb);
}

/* "+1.2K", "-300B", "0B"; "-" when unknown. */
static void
changes_delta(int64_t d, int known, char *buf, size_t sz)
{
	char	n[16];

	if (!known) {
		snprintf(buf, sz, "-");
		return;
	}
	fmt_size(d < 0 ? -d : d, n, sizeof n);
	snprintf(buf, sz, "%s%s", d > 0 ? "+" : d < 0 ? "-" : "", n);
}

void
changes_size(const struct change *ch, char *buf, size_t sz)
{
	if (ch->old == NULL)
		changes_delta(ch->new_size, ch->new_size >= 0, buf, sz);
	else if (ch->new == NULL)
		changes_delta(-ch->old_size, ch->old_size >= 0, buf, sz);
	else
		changes_delta(ch->new_size - ch->old_size, ch->old_size >= 0 &&
		    ch->new_size >= 0, buf, sz);
}

void
changes_summary(const struct changes *c, char *buf, size_t sz)
{
	char	size[24];
	size_t	len;
	int	k;

	if (c->n == 0) {
		snprintf(buf, sz, "no packages changed (%zu installed)", c->packages);
		return;
	}
	changes_delta(c->size_delta, 1, size, sizeof size);
	len = (size_t)snprintf(buf, sz, "%zu changed:", c->n);
	for (k = 0; k < CHANGE_NKINDS && len < sz; k++)
		len += (size_t)snprintf(buf + len, sz - len, "%s %u %s", k == 0 ? "" :
		    ",", c->count[k], change_kind_name((enum change_kind)k));
	if (len < sz)
		snprintf(buf + len, sz - len, "; %s; %zu installed", size, c->packages);
}
