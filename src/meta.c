/* meta: core metadata (METADATA, PKG-INFO): RFC 822 style headers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "meta.h"
#include "util.h"

enum meta_field {
	META_NONE,	/* before the first header, or a field we do not keep */
	META_NAME,
	META_VERSION,
	META_SUMMARY,
	META_REQDIST,
	META_REQ,
	META_NFIELDS
};

struct meta_state {
	struct sbuf	 val[META_NFIELDS];
	int		 seen[META_NFIELDS];
	size_t		 entry;		/* where the current requirement starts */
};

static int
meta_blank(int c)
{
	return c == ' ' || c == '\t';
}

static int
meta_name_is(const char *p, size_t n, const char *want)
{
	size_t	i;
	int	c;

	if (strlen(want) != n)
		return 0;
	for (i = 0; i < n; i++) {
		c = (unsigned char)p[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != want[i])
			return 0;
	}
	return 1;
}

static enum meta_field
meta_field(const char *p, size_t n)
{
	if (meta_name_is(p, n, "name"))
		return META_NAME;
	if (meta_name_is(p, n, "version"))
		return META_VERSION;
	if (meta_name_is(p, n, "summary"))
		return META_SUMMARY;
	if (meta_name_is(p, n, "requires-dist"))
		return META_REQDIST;
	if (meta_name_is(p, n, "requires"))
		return META_REQ;
	return META_NONE;
}

/* Drops an empty requirement so that requires never holds blank lines. */
static void
meta_end_entry(struct meta_state *st, enum meta_field f)
{
	struct sbuf	*sb = &st->val[f];

	if ((f != META_REQDIST && f != META_REQ) || sb->len != st->entry)
		return;
	if (sb->len > 0) {
		sb->len--;	/* the '\n' added before the empty entry */
		sb->s[sb->len] = '\0';
	}
}

/* Appends the segment [p, e) trimmed, after sep if the value is not empty. */
static void
meta_append(struct sbuf *sb, size_t start, const char *p, const char *e,
    const char *sep)
{
	while (p < e && meta_blank((unsigned char)*p))
		p++;
	while (e > p && meta_blank((unsigned char)e[-1]))
		e--;
	if (p == e)
		return;
	if (sb->len > start)
		sbuf_adds(sb, sep);
	sbuf_add(sb, p, (size_t)(e - p));
}

static char *
meta_take(struct meta_state *st, enum meta_field f)
{
	struct sbuf	*sb = &st->val[f];
	char		*s;

	if (sb->len == 0)
		return NULL;
	s = u8_valid(sb->s, sb->len);
	sbuf_free(sb);
	return s;
}

void
meta_parse(const char *buf, size_t len, struct meta *m)
{
	struct meta_state	 st;
	struct sbuf		 hdr = { 0 };
	enum meta_field		 cur = META_NONE, f;
	const char		*p = buf, *end = buf + len, *eol, *le, *c;
	size_t			 i;

	memset(m, 0, sizeof *m);
	memset(&st, 0, sizeof st);
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; p < end; p = eol < end ? eol + 1 : end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		le = eol;
		if (le > p && le[-1] == '\r')
			le--;
		if (le == p)
			break;	/* the empty line before the body */

		if (meta_blank((unsigned char)*p)) {
			/* a folded line continues the current field */
			if (cur == META_SUMMARY || cur == META_REQDIST ||
			    cur == META_REQ)
				meta_append(&st.val[cur], st.entry, p, le, " ");
			else if (cur != META_NONE)
				meta_append(&st.val[cur], st.entry, p, le, "\n");
		} else {
			for (c = p; c < le && *c != ':'; c++) {
				if ((unsigned char)*c <= 0x20 ||
				    (unsigned char)*c >= 0x7f)
					break;
			}
			if (c == le || *c != ':')
				break;	/* not a header: the body starts */
			meta_end_entry(&st, cur);
			f = meta_field(p, (size_t)(c - p));
			cur = META_NONE;
			if (f == META_REQDIST || f == META_REQ) {
				if (st.val[f].len > 0)
					sbuf_addc(&st.val[f], '\n');
				cur = f;
			} else if (f != META_NONE && !st.seen[f])
				cur = f;
			st.seen[f] = 1;
			st.entry = st.val[cur].len;
			if (cur != META_NONE)
				meta_append(&st.val[cur], st.entry, c + 1, le,
				    "");
		}
		if (hdr.len > 0)
			sbuf_addc(&hdr, '\n');
		sbuf_add(&hdr, p, (size_t)(le - p));
	}
	meta_end_entry(&st, cur);

	m->name = meta_take(&st, META_NAME);
	m->version = meta_take(&st, META_VERSION);
	m->summary = meta_take(&st, META_SUMMARY);
	if (st.val[META_REQDIST].len > 0)
		m->requires = meta_take(&st, META_REQDIST);
	else
		m->requires = meta_take(&st, META_REQ);
	if (hdr.len > 0)
		m->headers = u8_valid(hdr.s, hdr.len);
	sbuf_free(&hdr);
	for (i = 0; i < META_NFIELDS; i++)
		sbuf_free(&st.val[i]);
}

/* Trims blanks at both ends of [*p, *e). */
static void
meta_trim(const char **p, const char **e)
{
	while (*p < *e && (meta_blank((unsigned char)**p) || **p == '\r'))
		(*p)++;
	while (*e > *p && (meta_blank((unsigned char)(*e)[-1]) || (*e)[-1] == '\r'))
		(*e)--;
}

char *
meta_requires_txt(const char *buf, size_t len)
{
	struct sbuf	 out = { 0 }, cond = { 0 };
	const char	*p = buf, *end = buf + len, *eol, *le, *colon;
	char		*s;

	for (; p < end; p = eol < end ? eol + 1 : end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		le = eol;
		meta_trim(&p, &le);
		if (p == le || *p == '#')
			continue;
		if (*p == '[') {
			/* [extra], [:marker] or [extra:marker] */
			if (le[-1] == ']')
				le--;
			p++;
			meta_trim(&p, &le);
			sbuf_free(&cond);
			if ((colon = memchr(p, ':', (size_t)(le - p))) == NULL)
				colon = le;
			if (colon < le) {
				const char *m = colon + 1, *me = le;

				meta_trim(&m, &me);
				if (m < me) {
					if (colon > p)
						sbuf_printf(&cond, "(%.*s)", (int)(me - m), m);
					else
						sbuf_add(&cond, m, (size_t)(me - m));
				}
			}
			meta_trim(&p, &colon);
			if (colon > p) {
				if (cond.len > 0)
					sbuf_adds(&cond, " and ");
				sbuf_printf(&cond, "extra == \"%.*s\"", (int)(colon - p), p);
			}
			continue;
		}
		if (out.len > 0)
			sbuf_addc(&out, '\n');
		sbuf_add(&out, p, (size_t)(le - p));
		if (cond.len > 0) {
			/* PEP 508 wants a space between a URL and the marker. */
			sbuf_adds(&out, memchr(p, '@', (size_t)(le - p)) != NULL ?
			    " ; " : "; ");
			sbuf_add(&out, cond.s, cond.len);
		}
	}
	sbuf_free(&cond);
	if (out.len == 0) {
		sbuf_free(&out);
		return NULL;
	}
	s = u8_valid(out.s, out.len);
	sbuf_free(&out);
	return s;
}

void
meta_free(struct meta *m)
{
	free(m->name);
	free(m->version);
	free(m->summary);
	free(m->requires);
	free(m->headers);
	memset(m, 0, sizeof *m);
}
