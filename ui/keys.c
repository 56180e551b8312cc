/* keys: key codes and line editing, with no terminal. */
#include "config.h"

#include <curses.h>
#include <limits.h>
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
