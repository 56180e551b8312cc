/* utf8: text from disk made valid UTF-8 and safe for a terminal. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "utf8.h"
#include "util.h"

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
size_t
u8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t	c;
	size_t		len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

char *
u8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct sbuf		 sb = { 0 };
	uint32_t		 cp;
	size_t			 i = 0, n, start = 0;

	while (i < len) {
		if (p[i] < 0x80 && p[i] != 0) {
			i++;
			continue;
		}
		n = p[i] == 0 ? 0 : u8_seq(p + i, len - i, &cp);
		if (n > 0) {
			i += n;
			continue;
		}
		sbuf_add(&sb, s + start, i - start);
		sbuf_adds(&sb, "\xef\xbf\xbd");
		start = ++i;
	}
	sbuf_add(&sb, s + start, i - start);
	return sbuf_steal(&sb);
}

void
u8_json(struct sbuf *sb, const char *s)
{
	static const char	 hex[] = "0123456789abcdef";
	static const char	 brief[0x20] = {
		['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n', ['\f'] = 'f', ['\r'] = 'r'
	};
	const unsigned char	*p = (const unsigned char *)s;
	char			 esc[6] = { '\\', 'u', '0', '0' };
	uint32_t		 cp;
	size_t			 i = 0, n, len, start = 0;

	if (s == NULL) {
		sbuf_add(sb, "null", 4);
		return;
	}
	len = strlen(s);
	sbuf_addc(sb, '"');
	while (i < len) {
		if (p[i] >= 0x20 && p[i] < 0x80 && p[i] != '"' && p[i] != '\\') {
			i++;
			continue;
		}
		if (p[i] >= 0x80 && (n = u8_seq(p + i, len - i, &cp)) > 0) {
			i += n;
			continue;
		}
		sbuf_add(sb, s + start, i - start);
		if (p[i] >= 0x80)
			sbuf_add(sb, "\xef\xbf\xbd", 3);
		else if (p[i] >= 0x20 || brief[p[i]] != 0) {
			esc[1] = p[i] >= 0x20 ? (char)p[i] : brief[p[i]];
			sbuf_add(sb, esc, 2);
		} else {
			esc[1] = 'u';
			esc[4] = hex[p[i] >> 4];
			esc[5] = hex[p[i] & 0xf];
			sbuf_add(sb, esc, 6);
		}
		start = ++i;
	}
	sbuf_add(sb, s + start, i - start);
	sbuf_addc(sb, '"');
}

/* C0 and C1 controls, DEL, and the line separators and bidi overrides. */
int
u8_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	    cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

char *
term_safe(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct sbuf		 sb = { 0 };
	size_t			 len, i = 0, n;
	uint32_t		 cp;

	for (len = 0; p[len] >= 0x20 && p[len] < 0x7f; len++)
		;
	if (p[len] == '\0')	/* printable ASCII, the common case */
		return xstrndup(s, len);
	len += strlen(s + len);
	sbuf_add(&sb, "", 0);
	while (i < len) {
		n = u8_seq(p + i, len - i, &cp);
		if (n == 0) {
			sbuf_adds(&sb, "\xef\xbf\xbd");
			i++;
			continue;
		}
		if (u8_control(cp))
			sbuf_addc(&sb, '?');
		else
			sbuf_add(&sb, s + i, n);
		i += n;
	}
	return sbuf_steal(&sb);
}

/* Columns one code point takes (East Asian wide: 2). */
static int
u8_cpwidth(uint32_t cp)
{
	int	cw = wcwidth((wchar_t)cp);

	if (cw >= 0)
		return cw;
	return (cp >= 0x1100 && cp <= 0x115f) ||
	    (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) ||
	    (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0x1f300 && cp <= 0x1faff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd) ? 2 : 1;
}

/*
 * Walks s a character at a time: its width, or with cols >= 0 the bytes of
 * its longest prefix no wider than cols (*fit). An invalid byte counts 1.
 */
static int
u8_walk(const char *s, int cols, size_t *fit)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0, n;
	uint32_t		 cp;
	int			 w = 0, cw;

	while (i < len) {
		if (p[i] < 0x80) {	/* ASCII: one column (a control counts 1) */
			n = 1;
			cw = 1;
		} else if ((n = u8_seq(p + i, len - i, &cp)) == 0) {
			n = 1;
			cw = 1;
		} else
			cw = u8_cpwidth(cp);
		if (cols >= 0 && w + cw > cols)
			break;
		w += cw;
		i += n;
	}
	if (fit != NULL)
		*fit = i;
	return w;
}

int
u8_width(const char *s)
{
	return u8_walk(s, -1, NULL);
}

size_t
u8_fit(const char *s, int cols)
{
	size_t	fit;

	u8_walk(s, cols < 0 ? 0 : cols, &fit);
	return fit;
}
