/* str: growable strings, comparisons and formats. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "str.h"
#include "util.h"

static void
sbuf_grow(struct sbuf *sb, size_t more)
{
	if (sb->len + more + 1 <= sb->cap)
		return;
	if (sb->cap == 0)
		sb->cap = 64;
	while (sb->len + more + 1 > sb->cap)
		sb->cap *= 2;
	sb->s = xrealloc(sb->s, sb->cap);
}

void
sbuf_add(struct sbuf *sb, const char *p, size_t n)
{
	sbuf_grow(sb, n);
	memcpy(sb->s + sb->len, p, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void
sbuf_adds(struct sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}

void
sbuf_addc(struct sbuf *sb, int c)
{
	char	ch = (char)c;

	sbuf_add(sb, &ch, 1);
}

void
sbuf_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	sbuf_adds(sb, s);
	free(s);
}

char *
sbuf_steal(struct sbuf *sb)
{
	char	*s = sb->s != NULL ? sb->s : xstrdup("");

	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void
sbuf_free(struct sbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

int
str_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

int
str_isalnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

int
str_ends(const char *s, const char *suffix)
{
	size_t	n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

int
str_iends(const char *s, const char *suffix)
{
	size_t	n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

int
natcmp(const char *a, const char *b)
{
	const char	*ea, *eb;
	size_t		 la, lb;
	int		 c;

	while (*a != '\0' && *b != '\0') {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			while (*a == '0')
				a++;
			while (*b == '0')
				b++;
			for (ea = a; *ea >= '0' && *ea <= '9'; ea++)
				;
			for (eb = b; *eb >= '0' && *eb <= '9'; eb++)
				;
			la = (size_t)(ea - a);
			lb = (size_t)(eb - b);
			if (la != lb)
				return la < lb ? -1 : 1;
			if ((c = strncmp(a, b, la)) != 0)
				return c;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return (*a != '\0') - (*b != '\0');
}

void
name_normalize(const char *name, char *out, size_t outsz)
{
	size_t	o = 0;
	int	sep = 0;

	if (outsz == 0)
		return;
	for (; *name != '\0'; name++) {
		char	c = *name;

		if (c == '-' || c == '_' || c == '.') {
			sep = 1;
			continue;
		}
		/* Truncated output is a prefix of the name, never another name. */
		if (sep && o > 0 && o + 1 < outsz)
			out[o++] = '-';
		sep = 0;
		if (o + 1 >= outsz)
			break;
		out[o++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[o] = '\0';
}

void
fmt_size(int64_t bytes, char *buf, size_t bufsz)
{
	static const char	 units[] = "BKMGTPE";
	double			 v = (double)bytes;
	int			 u = 0;

	if (bytes < 0) {
		snprintf(buf, bufsz, "-");
		return;
	}
	while (v >= 1024 && units[u + 1] != '\0') {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, bufsz, "%dB", (int)bytes);
	else if (v < 10)
		snprintf(buf, bufsz, "%.1f%c", v, units[u]);
	else
		snprintf(buf, bufsz, "%.0f%c", v, units[u]);
}

void
fmt_age(int64_t t, int64_t now, char *buf, size_t bufsz)
{
	int64_t	d = now - t;

	if (t <= 0)
		snprintf(buf, bufsz, "-");
	else if (d < 60)
		snprintf(buf, bufsz, "now");
	else if (d < 3600)
		snprintf(buf, bufsz, "%dm ago", (int)(d / 60));
	else if (d < 86400)
		snprintf(buf, bufsz, "%dh ago", (int)(d / 3600));
	else if (d < 86400 * 60)
		snprintf(buf, bufsz, "%dd ago", (int)(d / 86400));
	else if (d < 86400 * 730)
		snprintf(buf, bufsz, "%dmo ago", (int)(d / (86400 * 30)));
	else
		snprintf(buf, bufsz, "%dy ago", (int)(d / (86400 * 365)));
}

void
fmt_time(int64_t t, char *buf, size_t bufsz)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, bufsz, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		snprintf(buf, bufsz, "@%lld", (long long)t);
}

/* FNV-1a. */
static size_t
strix_hash(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	/* FNV-1a's low bits mix poorly, and the table takes the low bits. */
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return (size_t)h;
}

size_t
strix_find(const struct strix *x, const char *s, strix_key key, void *arg)
{
	size_t	i, h;

	if (x->cap == 0)
		return STRIX_NONE;
	h = strix_hash(s);
	for (i = h & (x->cap - 1); x->slot[i] != 0; i = (i + 1) & (x->cap - 1))
		if (x->hash[i] == h && strcmp(key(arg, x->slot[i] - 1), s) == 0)
			return x->slot[i] - 1;
	return STRIX_NONE;
}

/* Puts pos (hash h) in the first free slot from h on. */
static void
strix_put(struct strix *x, size_t pos1, size_t h)
{
	size_t	i;

	for (i = h & (x->cap - 1); x->slot[i] != 0; i = (i + 1) & (x->cap - 1))
		;
	x->slot[i] = pos1;
	x->hash[i] = h;
}

void
strix_add(struct strix *x, size_t pos, strix_key key, void *arg)
{
	size_t	*old = x->slot, *oldh = x->hash, oldcap = x->cap, j;

	if ((x->n + 1) * 2 > x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->slot = xcalloc(x->cap, sizeof *x->slot);
		x->hash = xcalloc(x->cap, sizeof *x->hash);
		for (j = 0; j < oldcap; j++)
			if (old[j] != 0)
				strix_put(x, old[j], oldh[j]);
		free(old);
		free(oldh);
	}
	strix_put(x, pos + 1, strix_hash(key(arg, pos)));
	x->n++;
}

void
strix_clear(struct strix *x)
{
	if (x->cap > 0)
		memset(x->slot, 0, x->cap * sizeof *x->slot);
	x->n = 0;
}

void
strix_free(struct strix *x)
{
	free(x->slot);
	free(x->hash);
	memset(x, 0, sizeof *x);
}
