/* keys: key codes and line editing, with no terminal. */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "cmd.h"
#include "keys.h"
#include "util.h"

int
keys_code(int rc, unsigned int wc)
{
	if (rc == KEY_CODE_YES)
		return CMD_KEY_FN | (int)wc;
	return (int)wc;
}

enum keys_edit
keys_edit(struct sbuf *sb, int key)
{
	mbstate_t	ps;
	char		mb[MB_LEN_MAX > 8 ? MB_LEN_MAX : 8];
	size_t		n;

	switch (key) {
	case '\n':
	case '\r':
	case CMD_KEY_FN | KEY_ENTER:
		return KEYS_ENTER;
	case 27:
	case 3:
	case CMD_KEY_FN | KEY_EXIT:
		return KEYS_CANCEL;
	case CMD_KEY_FN | KEY_BACKSPACE:
	case 127:
	case 8:
		if (sb->len == 0)
			return KEYS_IGNORED;
		while (sb->len > 0 && ((unsigned char)sb->s[sb->len - 1] & 0xc0) == 0x80)
			sb->len--;
		if (sb->len > 0)
			sb->len--;
		sb->s[sb->len] = '\0';
		return KEYS_CHANGED;
	case 21:				/* C-u */
		if (sb->len == 0)
			return KEYS_IGNORED;
		sb->len = 0;
		sb->s[0] = '\0';
		return KEYS_CHANGED;
	default:
		if ((key & CMD_KEY_FN) || key < ' ' || key == 127)
			return KEYS_IGNORED;
		memset(&ps, 0, sizeof ps);
		n = wcrtomb(mb, (wchar_t)key, &ps);
		if (n == (size_t)-1 || n == 0)
			return KEYS_IGNORED;
		sbuf_add(sb, mb, n);
		return KEYS_CHANGED;
	}
}

int
keys_words(const char *s, char ***words)
{
	struct sbuf	 w = { 0 };
	char		**v = NULL, q = 0;
	int		 n = 0, in = 0;

	for (;; s++) {
		if (*s == '\0' || (q == 0 && (*s == ' ' || *s == '\t'))) {
			if (in) {
				v = xrealloc(v, ((size_t)n + 2) * sizeof *v);
				v[n++] = w.s != NULL ? sbuf_steal(&w) : xstrdup("");
				in = 0;
			}
			if (*s == '\0')
				break;
			continue;
		}
		in = 1;
		if (q != 0 && *s == q)
			q = 0;
		else if (q == 0 && (*s == '\'' || *s == '"'))
			q = *s;
		else if (*s == '\\' && q != '\'' && s[1] != '\0')
			sbuf_addc(&w, *++s);
		else
			sbuf_addc(&w, *s);
	}
	sbuf_free(&w);
	if (v != NULL)
		v[n] = NULL;
	*words = v;
	if (q != 0) {
		while (n > 0)
			free(v[--n]);
		free(v);
		*words = NULL;
		return -1;
	}
	return n;
}
