/*
 * pep440: versions and specifiers, following packaging 22 and later (the
 * copy pip 24.1 and later vendor; its ordering is 21.3's, its prefix
 * matching pads the release as PEP 440 says). The parser mirrors packaging's
 * VERSION_PATTERN; each optional part is
 * matched greedily, which gives the regular expression's answer because no
 * later part needs what an earlier one may consume. Numbers are kept as digit
 * strings, so they have no size limit.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pep440.h"
#include "util.h"

/* A number: its digits without leading zeros (n == 0 is zero). */
struct num {
	const char	*p;
	size_t		 n;
};

#define SMALL_REL	6

struct ver {
	const char	*s, *e;		/* the trimmed text */
	int		 valid;
	struct num	 epoch;
	struct num	*rel, small[SMALL_REL];
	size_t		 nrel;
	int		 pre;		/* 0, or 1 a, 2 b, 3 rc */
	struct num	 pre_n;
	int		 post, dev;
	struct num	 post_n, dev_n;
	const char	*local, *local_e;	/* after '+'; NULL when none */
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
is_alnum(int c)
{
	c = lower(c);
	return is_digit(c) || (c >= 'a' && c <= 'z');
}

static int
is_sep(int c)
{
	return c == '-' || c == '_' || c == '.';
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static int
num_cmp(struct num a, struct num b)
{
	int	c;

	if (a.n != b.n)
		return a.n < b.n ? -1 : 1;
	c = a.n > 0 ? memcmp(a.p, b.p, a.n) : 0;
	return (c > 0) - (c < 0);
}

/* Reads the digits at p (there is at least one); returns the end. */
static const char *
digits(const char *p, const char *e, struct num *out)
{
	const char	*q = p;

	while (q < e && is_digit(*q))
		q++;
	while (p < q && *p == '0')
		p++;
	out->p = p;
	out->n = (size_t)(q - p);
	return q;
}

/* Length of word (lower case) at p, case-insensitively, or 0. */
static size_t
word(const char *p, const char *e, const char *w)
{
	size_t	n = strlen(w), i;

	if ((size_t)(e - p) < n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower(p[i]) != w[i])
			return 0;
	return n;
}

/* The longest of words (longest first in the list) at p: its index, or -1. */
static int
label(const char *p, const char *e, const char *const *words, size_t *len)
{
	int	i;

	for (i = 0; words[i] != NULL; i++)
		if ((*len = word(p, e, words[i])) > 0)
			return i;
	return -1;
}

static void
trim(const char **s, const char **e)
{
	while (*s < *e && is_space(**s))
		(*s)++;
	while (*e > *s && is_space((*e)[-1]))
		(*e)--;
}

static void
ver_free(struct ver *v)
{
	if (v->rel != v->small)
		free(v->rel);
	v->rel = NULL;
}

/* Parses [s, e). v->valid says whether it is a version; free with ver_free(). */
static void
ver_parse(const char *s, const char *e, struct ver *v)
{
	static const char *const pre_words[] = { "alpha", "beta", "preview",
	    "pre", "rc", "a", "b", "c", NULL };
	static const int pre_codes[] = { 1, 2, 3, 3, 3, 1, 2, 3 };
	static const char *const post_words[] = { "post", "rev", "r", NULL };
	const char	*p, *q;
	size_t		 n, len;
	int		 i;

	memset(v, 0, sizeof *v);
	v->rel = v->small;
	trim(&s, &e);
	v->s = s;
	v->e = e;
	p = s;
	if (p < e && lower(*p) == 'v')
		p++;
	for (q = p; q < e && is_digit(*q); q++)
		;
	if (q > p && q < e && *q == '!') {
		digits(p, q, &v->epoch);
		p = q + 1;
	}
	if (p >= e || !is_digit(*p))
		return;
	/* Release: count the parts, then read them. */
	n = 1;
	for (q = p; q < e; q++) {
		if (is_digit(*q))
			continue;
		if (*q == '.' && q + 1 < e && is_digit(q[1]))
			n++;
		else
			break;
	}
	if (n > SMALL_REL)
		v->rel = xcalloc(n, sizeof *v->rel);
	for (v->nrel = 0; v->nrel < n; v->nrel++) {
		p = digits(p, e, &v->rel[v->nrel]);
		if (v->nrel + 1 < n)
			p++;	/* the dot */
	}
	/* Pre-release: [-_.]? label [-_.]? digits? */
	q = p;
	if (q < e && is_sep(*q))
		q++;
	if ((i = label(q, e, pre_words, &len)) >= 0) {
		v->pre = pre_codes[i];
		q += len;
		if (q < e && is_sep(*q))
			q++;
		if (q < e && is_digit(*q))
			q = digits(q, e, &v->pre_n);
		p = q;
	}
	/* Post-release: -N, or [-_.]? label [-_.]? digits? */
	q = p;
	if (q + 1 < e && *q == '-' && is_digit(q[1])) {
		v->post = 1;
		p = digits(q + 1, e, &v->post_n);
	} else {
		if (q < e && is_sep(*q))
			q++;
		if (label(q, e, post_words, &len) >= 0) {
			v->post = 1;
			q += len;
			if (q < e && is_sep(*q))
				q++;
			if (q < e && is_digit(*q))
				q = digits(q, e, &v->post_n);
			p = q;
		}
	}
	/* Development release. */
	q = p;
	if (q < e && is_sep(*q))
		q++;
	if ((len = word(q, e, "dev")) > 0) {
		v->dev = 1;
		q += len;
		if (q < e && is_sep(*q))
			q++;
		if (q < e && is_digit(*q))
			q = digits(q, e, &v->dev_n);
		p = q;
	}
	/* Local version: + alnum+ ([-_.] alnum+)* */
	if (p < e && *p == '+') {
		q = ++p;
		if (q >= e || !is_alnum(*q))
			return;
		for (;;) {
			while (q < e && is_alnum(*q))
				q++;
			if (q + 1 < e && is_sep(*q) && is_alnum(q[1]))
				q++;
			else
				break;
		}
		v->local = p;
		v->local_e = q;
		p = q;
	}
	v->valid = p == e;
}

static void
ver_parse_str(const char *s, struct ver *v)
{
	ver_parse(s, s + strlen(s), v);
}

static int
is_pre(const struct ver *v)
{
	return v->pre != 0 || v->dev;
}

/* Release tuples with trailing zeros dropped. */
static int
rel_cmp(const struct ver *a, const struct ver *b)
{
	size_t	na = a->nrel, nb = b->nrel, i;
	int	c;

	while (na > 0 && a->rel[na - 1].n == 0)
		na--;
	while (nb > 0 && b->rel[nb - 1].n == 0)
		nb--;
	for (i = 0; i < na && i < nb; i++)
		if ((c = num_cmp(a->rel[i], b->rel[i])) != 0)
			return c;
	return na == nb ? 0 : na < nb ? -1 : 1;
}

/* The next segment of a local version at *p: numeric (1) or not (0). */
static int
local_seg(const char **p, const char *e, struct num *seg)
{
	const char	*q = *p;
	int		 numeric = 1;

	while (q < e && !is_sep(*q)) {
		if (!is_digit(*q))
			numeric = 0;
		q++;
	}
	if (numeric)
		digits(*p, q, seg);
	else {
		seg->p = *p;
		seg->n = (size_t)(q - *p);
	}
	*p = q < e ? q + 1 : q;
	return numeric;
}

static int
local_cmp(const struct ver *a, const struct ver *b)
{
	const char	*pa = a->local, *pb = b->local;
	struct num	 sa, sb;
	size_t		 i;
	int		 na, nb, c;

	if (pa == NULL || pb == NULL)
		return pa == pb ? 0 : pa == NULL ? -1 : 1;
	while (pa < a->local_e && pb < b->local_e) {
		na = local_seg(&pa, a->local_e, &sa);
		nb = local_seg(&pb, b->local_e, &sb);
		if (na != nb)
			return na ? 1 : -1;	/* numbers sort after words */
		if (na) {
			if ((c = num_cmp(sa, sb)) != 0)
				return c;
			continue;
		}
		for (i = 0; i < sa.n && i < sb.n; i++)
			if (lower(sa.p[i]) != lower(sb.p[i]))
				return lower(sa.p[i]) < lower(sb.p[i]) ? -1 : 1;
		if (sa.n != sb.n)
			return sa.n < sb.n ? -1 : 1;
	}
	if (pa < a->local_e || pb < b->local_e)
		return pa < a->local_e ? 1 : -1;
	return 0;
}

/* packaging's _cmpkey order; with public set, locals are ignored. */
static int
ver_cmp(const struct ver *a, const struct ver *b, int public)
{
	int	c, ka, kb;

	if ((c = num_cmp(a->epoch, b->epoch)) != 0)
		return c;
	if ((c = rel_cmp(a, b)) != 0)
		return c;
	/* pre: dev-only releases first, then a, b, rc, then no pre-release. */
	ka = a->pre == 0 && !a->post && a->dev ? -1 : a->pre == 0 ? 4 : a->pre;
	kb = b->pre == 0 && !b->post && b->dev ? -1 : b->pre == 0 ? 4 : b->pre;
	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (a->pre != 0 && (c = num_cmp(a->pre_n, b->pre_n)) != 0)
		return c;
	if (a->post != b->post)
		return a->post ? 1 : -1;
	if (a->post && (c = num_cmp(a->post_n, b->post_n)) != 0)
		return c;
	if (a->dev != b->dev)
		return a->dev ? -1 : 1;
	if (a->dev && (c = num_cmp(a->dev_n, b->dev_n)) != 0)
		return c;
	return public ? 0 : local_cmp(a, b);
}

/* Epoch and release only (Version(x.base_version)). */
static int
base_eq(const struct ver *a, const struct ver *b)
{
	return num_cmp(a->epoch, b->epoch) == 0 && rel_cmp(a, b) == 0;
}

static void
add_num(struct sbuf *sb, struct num n)
{
	if (n.n == 0)
		sbuf_addc(sb, '0');
	else
		sbuf_add(sb, n.p, n.n);
}

/* str(Version), without the local part when public is set. */
static void
ver_format(const struct ver *v, struct sbuf *sb, int public)
{
	static const char *const pre[] = { "", "a", "b", "rc" };
	const char	*p;
	struct num	 seg;
	size_t		 i, start;

	if (v->epoch.n > 0) {
		add_num(sb, v->epoch);
		sbuf_addc(sb, '!');
	}
	for (i = 0; i < v->nrel; i++) {
		if (i > 0)
			sbuf_addc(sb, '.');
		add_num(sb, v->rel[i]);
	}
	if (v->pre) {
		sbuf_adds(sb, pre[v->pre]);
		add_num(sb, v->pre_n);
	}
	if (v->post) {
		sbuf_adds(sb, ".post");
		add_num(sb, v->post_n);
	}
	if (v->dev) {
		sbuf_adds(sb, ".dev");
		add_num(sb, v->dev_n);
	}
	if (v->local == NULL || public)
		return;
	sbuf_addc(sb, '+');
	for (p = v->local; p < v->local_e; ) {
		if (p != v->local)
			sbuf_addc(sb, '.');
		if (local_seg(&p, v->local_e, &seg))
			add_num(sb, seg);
		else {
			start = sb->len;
			sbuf_add(sb, seg.p, seg.n);
			for (i = start; i < sb->len; i++)
				sb->s[i] = (char)lower(sb->s[i]);
		}
	}
}

int
pep440_valid(const char *s)
{
	struct ver	v;
	int		ok;

	ver_parse_str(s, &v);
	ok = v.valid;
	ver_free(&v);
	return ok;
}

char *
pep440_normalize(const char *s)
{
	struct sbuf	sb = { 0 };
	struct ver	v;

	ver_parse_str(s, &v);
	if (v.valid) {
		ver_format(&v, &sb, 0);
		if (sb.s == NULL)
			sbuf_adds(&sb, "");
	}
	ver_free(&v);
	return sb.s;
}

int
pep440_is_prerelease(const char *s)
{
	struct ver	v;
	int		r;

	ver_parse_str(s, &v);
	r = v.valid && is_pre(&v);
	ver_free(&v);
	return r;
}

int
pep440_cmp(const char *a, const char *b)
{
	struct ver	va, vb;
	int		c;

	if (a == NULL || b == NULL)
		return a == b ? 0 : a == NULL ? -1 : 1;
	ver_parse_str(a, &va);
	ver_parse_str(b, &vb);
	if (va.valid && vb.valid)
		c = ver_cmp(&va, &vb, 0);
	else if (va.valid != vb.valid)
		c = va.valid ? 1 : -1;
	else {
		c = strcmp(a, b);
		c = (c > 0) - (c < 0);
	}
	ver_free(&va);
	ver_free(&vb);
	return c;
}

/* --- specifiers ---------------------------------------------------------- */

enum op { OP_COMPAT, OP_EQ, OP_NE, OP_LE, OP_GE, OP_LT, OP_GT, OP_ARB };

struct spec {
	enum op		 op;
	const char	*v, *ve;	/* the version text, trimmed */
	int		 wildcard;	/* ==X.* or !=X.* (v..ve excludes ".*") */
	struct ver	 ver;		/* v..ve parsed (never for ===); ver_free() it */
};

/* A token of _version_split(). */
struct tok {
	const char	*p;
	size_t		 n;
};

/* Parses one specifier in [s, e); 0, or -1 when packaging would reject it. */
static int
spec_parse(const char *s, const char *e, struct spec *sp)
{
	static const struct {
		const char	*text;
		enum op		 op;
	} ops[] = {
		{ "===", OP_ARB }, { "~=", OP_COMPAT }, { "==", OP_EQ },
		{ "!=", OP_NE }, { "<=", OP_LE }, { ">=", OP_GE }, { "<", OP_LT },
		{ ">", OP_GT }
	};
	struct ver	*v = &sp->ver;
	const char	*q;
	size_t		 i, n;
	int		 ok;

	trim(&s, &e);
	for (i = 0; i < nitems(ops); i++) {
		n = strlen(ops[i].text);
		if ((size_t)(e - s) >= n && memcmp(s, ops[i].text, n) == 0)
			break;
	}
	if (i == nitems(ops))
		return -1;
	memset(sp, 0, sizeof *sp);
	sp->op = ops[i].op;
	s += n;
	trim(&s, &e);
	sp->v = s;
	sp->ve = e;
	if (sp->op == OP_ARB) {
		for (q = s; q < e; q++)
			if (is_space(*q) || *q == ';' || *q == ')')
				return -1;
		return 0;
	}
	if ((sp->op == OP_EQ || sp->op == OP_NE) && e - s >= 2 &&
	    e[-1] == '*' && e[-2] == '.') {
		sp->wildcard = 1;
		sp->ve = e - 2;
	}
	ver_parse(sp->v, sp->ve, v);
	ok = v->valid && v->s == sp->v && v->e == sp->ve;	/* no inner blanks */
	if (sp->wildcard)	/* a release only: ==1.0.*, not ==1.0rc1.* */
		ok = ok && v->pre == 0 && !v->post && !v->dev && v->local == NULL;
	else if (sp->op != OP_EQ && sp->op != OP_NE)
		ok = ok && v->local == NULL;
	if (sp->op == OP_COMPAT)
		ok = ok && v->nrel >= 2;
	if (!ok)
		ver_free(v);
	return ok ? 0 : -1;
}

/* packaging's Specifier.prereleases. */
static int
spec_prereleases(const struct spec *sp)
{
	struct ver	v;
	int		r;

	if (sp->op != OP_EQ && sp->op != OP_GE && sp->op != OP_LE &&
	    sp->op != OP_COMPAT && sp->op != OP_ARB)
		return 0;
	if (sp->op != OP_ARB)
		return sp->ver.valid && is_pre(&sp->ver);
	ver_parse(sp->v, sp->ve, &v);
	r = v.valid && is_pre(&v);
	ver_free(&v);
	return r;
}

/*
 * _version_split(): the epoch ("0" when none), then the parts between dots,
 * "1rc2" cut into "1", "rc2".
 */
static size_t
vsplit(const char *s, const char *e, struct tok **out)
{
	static const char	 zero[] = "0";
	const char		*p, *q, *d, *bang = NULL;
	size_t			 n = 2, i = 0;
	struct tok		*t;

	for (p = s; p < e; p++) {
		n += *p == '.';
		if (*p == '!')
			bang = p;
	}
	t = xcalloc(2 * n, sizeof *t);
	if (bang != NULL && bang > s) {
		t[i].p = s;
		t[i++].n = (size_t)(bang - s);
	} else {
		t[i].p = zero;
		t[i++].n = 1;
	}
	if (bang != NULL)
		s = bang + 1;
	for (p = s; ; p = q + 1) {
		for (q = p; q < e && *q != '.'; q++)
			;
		for (d = p; d < q && is_digit(*d); d++)
			;
		if (d > p && d < q) {
			/* ^([0-9]+)((?:a|b|c|rc)[0-9]+)$ */
			const char	*l = d;

			if (q - l >= 2 && l[0] == 'r' && l[1] == 'c')
				l += 2;
			else if (*l == 'a' || *l == 'b' || *l == 'c')
				l++;
			else
				l = NULL;
			if (l != NULL && l < q) {
				const char	*m = l;

				while (m < q && is_digit(*m))
					m++;
				if (m == q) {
					t[i].p = p;
					t[i++].n = (size_t)(d - p);
					t[i].p = d;
					t[i++].n = (size_t)(q - d);
					if (q >= e)
						break;
					continue;
				}
			}
		}
		t[i].p = p;
		t[i++].n = (size_t)(q - p);
		if (q >= e)
			break;
	}
	*out = t;
	return i;
}

static int
tok_isdigit(struct tok t)
{
	size_t	i;

	if (t.n == 0)
		return 0;
	for (i = 0; i < t.n; i++)
		if (!is_digit(t.p[i]))
			return 0;
	return 1;
}

static size_t
tok_release(const struct tok *t, size_t n)
{
	size_t	i = 0;

	while (i < n && tok_isdigit(t[i]))
		i++;
	return i;
}

/* Token i of a list padded (after its release part) with pad zeros. */
static struct tok
tok_at(const struct tok *t, size_t rel, size_t pad, size_t i)
{
	static const struct tok	zero = { "0", 1 };

	if (i < rel)
		return t[i];
	if (i < rel + pad)
		return zero;
	return t[i - pad];
}

/*
 * _compare_equal() with a prefix (spec is a version without ".*"): both in
 * normal form and split, the version's release padded with zeros to the
 * spec's length, then cut to the spec's length, and compared.
 */
static int
prefix_match(const struct ver *v, const char *spec, const char *spec_e)
{
	struct sbuf	 vs = { 0 }, ss = { 0 };
	struct ver	 sv;
	struct tok	*vt, *st, a;
	size_t		 nv, ns, rv, rs, pad, i;
	int		 eq;

	ver_format(v, &vs, 1);
	sbuf_add(&vs, "", 0);
	ver_parse(spec, spec_e, &sv);
	if (sv.valid)
		ver_format(&sv, &ss, 0);
	else
		sbuf_add(&ss, spec, (size_t)(spec_e - spec));
	sbuf_add(&ss, "", 0);
	ver_free(&sv);
	nv = vsplit(vs.s, vs.s + vs.len, &vt);
	ns = vsplit(ss.s, ss.s + ss.len, &st);
	rv = tok_release(vt, nv);
	rs = tok_release(st, ns);
	pad = rs > rv ? rs - rv : 0;
	eq = nv + pad >= ns;
	for (i = 0; eq && i < ns; i++) {
		a = tok_at(vt, rv, pad, i);
		eq = a.n == st[i].n && memcmp(a.p, st[i].p, a.n) == 0;
	}
	free(vt);
	free(st);
	sbuf_free(&vs);
	sbuf_free(&ss);
	return eq;
}

static int
starts(struct tok t, const char *w)
{
	size_t	n = strlen(w);

	return t.n >= n && memcmp(t.p, w, n) == 0;
}

/* Specifier.contains() for one specifier, after the pre-release check. */
static int
spec_match(const struct spec *sp, const struct ver *v)
{
	struct sbuf	 sb = { 0 };
	const struct ver	*s = &sp->ver;
	struct tok	*t;
	size_t		 n, k, i;
	int		 r = 0;

	if (sp->op == OP_ARB) {
		size_t	len = (size_t)(sp->ve - sp->v);

		if (v->valid)
			ver_format(v, &sb, 0);
		else
			sbuf_add(&sb, v->s, (size_t)(v->e - v->s));
		if (sb.s == NULL)
			sbuf_adds(&sb, "");
		r = sb.len == len;
		for (i = 0; r && i < len; i++)
			r = lower(sb.s[i]) == lower(sp->v[i]);
		sbuf_free(&sb);
		return r;
	}
	if (!v->valid)
		return 0;
	if (sp->wildcard) {
		r = prefix_match(v, sp->v, sp->ve);
		return sp->op == OP_EQ ? r : !r;
	}
	switch (sp->op) {
	case OP_EQ:
	case OP_NE:
		r = ver_cmp(v, s, s->local == NULL) == 0;
		if (sp->op == OP_NE)
			r = !r;
		break;
	case OP_LE:
		r = ver_cmp(v, s, 1) <= 0;
		break;
	case OP_GE:
		r = ver_cmp(v, s, 1) >= 0;
		break;
	case OP_LT:
		r = ver_cmp(v, s, 0) < 0;
		if (r && !is_pre(s) && is_pre(v) && base_eq(v, s))
			r = 0;
		break;
	case OP_GT:
		r = ver_cmp(v, s, 0) > 0;
		if (r && !s->post && v->post && base_eq(v, s))
			r = 0;
		if (r && v->local != NULL && base_eq(v, s))
			r = 0;
		break;
	case OP_COMPAT:
		/* >= spec, and == the spec's release without its last part .* */
		if (ver_cmp(v, s, 1) < 0)
			break;
		n = vsplit(sp->v, sp->ve, &t);
		for (k = 0; k < n; k++)
			if (starts(t[k], "dev") || starts(t[k], "a") ||
			    starts(t[k], "b") || starts(t[k], "rc") ||
			    starts(t[k], "post"))
				break;
		sbuf_add(&sb, t[0].p, t[0].n);
		sbuf_addc(&sb, '!');
		for (i = 1; i + 1 < k; i++) {
			if (i > 1)
				sbuf_addc(&sb, '.');
			sbuf_add(&sb, t[i].p, t[i].n);
		}
		r = prefix_match(v, sb.s, sb.s + sb.len);
		sbuf_free(&sb);
		free(t);
		break;
	default:
		break;
	}
	return r;
}

/* Calls fn on each specifier of a set; -1 when one is invalid. */
static int
spec_each(const char *set, int (*fn)(const struct spec *, void *), void *arg)
{
	struct spec	 sp;
	const char	*p, *q, *e;
	int		 r;

	for (p = set; ; p = q + 1) {
		q = strchr(p, ',');
		e = q != NULL ? q : p + strlen(p);
		while (p < e && is_space(*p))
			p++;
		if (p < e) {
			if (spec_parse(p, e, &sp) == -1)
				return -1;
			r = fn(&sp, arg);
			ver_free(&sp.ver);
			if (r != 0)
				return r;
		}
		if (q == NULL)
			return 0;
	}
}

static int
cb_valid(const struct spec *sp, void *arg)
{
	(void)sp;
	(void)arg;
	return 0;
}

int
pep440_spec_valid(const char *spec)
{
	return spec_each(spec, cb_valid, NULL) == 0;
}

static int
cb_pre(const struct spec *sp, void *arg)
{
	if (spec_prereleases(sp))
		*(int *)arg = 1;
	return 0;
}

struct match_arg {
	const struct ver	*v;
	int			 miss;	/* a specifier does not match v, or v is excluded */
};

/* Notes the first specifier that does not match; goes on, to validate the rest. */
static int
cb_match(const struct spec *sp, void *arg)
{
	struct match_arg	*m = arg;

	if (!m->miss && !spec_match(sp, m->v))
		m->miss = 1;
	return 0;
}

int
pep440_contains(const char *spec, const char *version, int prereleases)
{
	struct match_arg	 m;
	struct ver		 v;
	int			 r, pre = prereleases > 0;

	if (prereleases < 0 && spec_each(spec, cb_pre, &pre) == -1)
		return -1;
	ver_parse_str(version, &v);
	m.v = &v;
	m.miss = v.valid && is_pre(&v) && !pre;
	r = spec_each(spec, cb_match, &m);
	ver_free(&v);
	return r == -1 ? -1 : !m.miss;
}
