/* draw: width-aware, clipped, terminal-safe text. */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "draw.h"
#include "rx.h"
#include "util.h"

static int	utf8;

void
draw_init(void)
{
	const char	*cs = nl_langinfo(CODESET);

	utf8 = cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int
draw_utf8(void)
{
	return utf8;
}

/* Bytes and display width of the character at s. */
static size_t
draw_char(const char *s, int *cw)
{
	mbstate_t	 ps;
	wchar_t		 wc;
	size_t		 n;

	if ((unsigned char)*s < 0x80) {
		*cw = 1;
		return 1;
	}
	memset(&ps, 0, sizeof ps);
	n = mbrtowc(&wc, s, MB_CUR_MAX, &ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*cw = 1;
		return 1;
	}
	*cw = wcwidth(wc);
	if (*cw < 0)
		*cw = 1;
	return n;
}

int
draw_width(const char *s)
{
	int	w = 0, cw;

	if (!utf8)
		return (int)strlen(s);
	while (*s != '\0') {
		s += draw_char(s, &cw);
		w += cw;
	}
	return w;
}

/* Draws at most w columns of s[0..len) from the cursor; returns columns used. */
static int
draw_run(const char *s, size_t len, int w, int attr)
{
	const char	*p = s, *end = s + len;
	int		 used = 0, cw;
	size_t		 n;

	attrset(attr);
	while (p < end && *p != '\0') {
		if (!utf8) {
			if (used + 1 > w)
				break;
			addch((unsigned char)*p < 0x80 ? (chtype)(unsigned char)*p : '?');
			used++;
			p++;
			continue;
		}
		n = draw_char(p, &cw);
		if (used + cw > w)
			break;
		addnstr(p, (int)n);
		used += cw;
		p += n;
	}
	return used;
}

int
draw_str(int y, int x, int w, const char *s, int attr, int pad, struct rx *rx,
    int mattr)
{
	size_t	len = strlen(s), pos = 0, so, eo;
	int	used = 0;

	if (w <= 0)
		return 0;
	move(y, x);
	while (rx != NULL && used < w && rx_find(rx, s, len, pos, &so, &eo) &&
	    eo > so) {
		used += draw_run(s + pos, so - pos, w - used, attr);
		used += draw_run(s + so, eo - so, w - used, mattr);
		pos = eo;
	}
	if (pos < len && used < w)
		used += draw_run(s + pos, len - pos, w - used, attr);
	if (pad && used < w) {
		attrset(attr);
		hline(' ', w - used);
		used = w;
	}
	attrset(A_NORMAL);
	return used;
}

void
draw_right(int y, int x, int w, const char *s, int attr)
{
	int	sw = draw_width(s);

	if (sw < w) {
		move(y, x);
		attrset(attr);
		hline(' ', w - sw);
		draw_str(y, x + w - sw, sw, s, attr, 0, NULL, 0);
	} else
		draw_str(y, x, w, s, attr, 0, NULL, 0);
}

void
draw_fill(int y, int x, int w, int attr)
{
	if (w <= 0)
		return;
	move(y, x);
	attrset(attr);
	hline(' ', w);
	attrset(A_NORMAL);
}
