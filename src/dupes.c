/* dupes: the copies of one distribution in several environments, and their cost. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dupes.h"
#include "util.h"

/* Whether two copies are one: same content digest, name and version. */
static int
dupes_same(const struct query_copy *a, const struct query_copy *b)
{
	return a->digest == b->digest && strcmp(a->norm, b->norm) == 0 &&
	    strcmp(a->version, b->version) == 0;
}

/* Fills in g's links, size and bytes wasted. */
static void
dupes_measure(struct dupes_group *g)
{
	int64_t	 sum = 0, keep = 0, sz;
	size_t	 i, j;
	int	 first;

	g->linked = xcalloc(g->n, sizeof *g->linked);
	g->size = 0;
	for (i = 0; i < g->n; i++) {
		sz = g->copies[i].size > 0 ? g->copies[i].size : 0;
		if (sz > g->size)
			g->size = sz;
		/* The first copy of each set of copies sharing an inode pays. */
		first = 1;
		for (j = 0; j < g->n; j++) {
			if (j == i || g->copies[i].inode == 0 ||
			    g->copies[j].inode != g->copies[i].inode)
				continue;
			g->linked[i] = 1;
			if (j < i)
				first = 0;
		}
		if (first) {
			sum += sz;
			if (sz > keep)
				keep = sz;
		}
	}
	g->wasted = sum - keep;
}

/* Copies of one digest: by name, version, then environment path. */
static int
dupes_copy_cmp(const void *a, const void *b)
{
	const struct query_copy	*ca = a, *cb = b;
	int			 c;

	if ((c = strcmp(ca->norm, cb->norm)) != 0)
		return c;
	if ((c = strcmp(ca->version, cb->version)) != 0)
		return c;
	return strcmp(ca->env_path, cb->env_path);
}

static int
dupes_cmp(const void *a, const void *b)
{
	const struct dupes_group	*ga = a, *gb = b;
	int				 c;

	if (ga->wasted != gb->wasted)
		return ga->wasted > gb->wasted ? -1 : 1;
	if (ga->size != gb->size)
		return ga->size > gb->size ? -1 : 1;
	if ((c = strcmp(ga->copies[0].norm, gb->copies[0].norm)) != 0)
		return c;
	return strcmp(ga->copies[0].version, gb->copies[0].version);
}

int
dupes_find(struct index *ix, int64_t min_size, int json, struct dupes *d,
    char **err)
{
	struct dupes_group	*g;
	struct query_copy	*c;
	size_t			 i, j, cap = 0;

	memset(d, 0, sizeof *d);
	if (query_copies(ix, json, &d->rows, err) == -1)
		return -1;
	c = d->rows.v;
	for (i = 0; i < d->rows.n; i = j) {
		for (j = i + 1; j < d->rows.n && c[j].digest == c[i].digest; j++)
			;
		if (j - i > 1)
			xqsort(&c[i], j - i, sizeof *c, dupes_copy_cmp);
	}
	for (i = 0; i < d->rows.n; i = j) {
		for (j = i + 1; j < d->rows.n && dupes_same(&c[i], &c[j]); j++)
			;
		if (j - i < 2)
			continue;
		if (d->n == cap) {
			cap = cap != 0 ? cap * 2 : 64;
			d->v = xrealloc(d->v, cap * sizeof *d->v);
		}
		g = &d->v[d->n];
		memset(g, 0, sizeof *g);
		g->copies = &c[i];
		g->n = j - i;
		dupes_measure(g);
		if (g->size < min_size) {
			free(g->linked);
			continue;
		}
		d->n++;
		d->copies += g->n;
		d->wasted += g->wasted;
	}
	if (d->n > 1)
		xqsort(d->v, d->n, sizeof *d->v, dupes_cmp);
	return 0;
}

void
dupes_free(struct dupes *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].linked);
	free(d->v);
	query_copies_free(&d->rows);
	memset(d, 0, sizeof *d);
}

char *
dupes_json(const struct dupes *d)
{
	const struct dupes_group	*g;
	const struct query_copy		*c;
	struct sbuf			 sb = { 0 };
	size_t				 i, k;
	char				 num[32];

	sbuf_addc(&sb, '[');
	for (i = 0; i < d->n; i++) {
		g = &d->v[i];
		sbuf_printf(&sb, "%s{\"name\":%s,\"version\":%s,\"copies\":[",
		    i > 0 ? "," : "", g->copies[0].jname, g->copies[0].jversion);
		/* 40,000 copies: no printf (an allocation each). */
		for (k = 0; k < g->n; k++) {
			c = &g->copies[k];
			sbuf_adds(&sb, k > 0 ? ",{\"env\":" : "{\"env\":");
			sbuf_adds(&sb, c->jpath);
			sbuf_adds(&sb, ",\"size\":");
			if (c->size >= 0) {
				snprintf(num, sizeof num, "%lld", (long long)c->size);
				sbuf_adds(&sb, num);
			} else
				sbuf_adds(&sb, "null");
			sbuf_adds(&sb, g->linked[k] ? ",\"linked\":true}" :
			    ",\"linked\":false}");
		}
		sbuf_printf(&sb, "],\"wasted\":%lld}", (long long)g->wasted);
	}
	sbuf_addc(&sb, ']');
	return sbuf_steal(&sb);
}

int
dupes_parse_size(const char *s, int64_t *out)
{
	char		*end;
	double		 v;
	int64_t		 unit = 1;

	if (s == NULL || *s == '\0' || *s == '-' || *s == ' ')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || !(v >= 0))
		return -1;
	switch (*end) {
	case '\0':
		break;
	case 'k': case 'K':
		unit = (int64_t)1 << 10;
		break;
	case 'm': case 'M':
		unit = (int64_t)1 << 20;
		break;
	case 'g': case 'G':
		unit = (int64_t)1 << 30;
		break;
	case 't': case 'T':
		unit = (int64_t)1 << 40;
		break;
	default:
		return -1;
	}
	if (*end != '\0') {
		end++;
		if ((*end == 'i' && end[1] == 'B') || *end == 'B')
			end += *end == 'i' ? 2 : 1;
		if (*end != '\0')
			return -1;
	}
	if (v * (double)unit >= 9.2e18)
		return -1;
	*out = (int64_t)(v * (double)unit);
	return 0;
}
