/* Tests for ui/cmd.c and ui/keys.c without a terminal: key names, bindings, line editing. */
#include "config.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "keys.h"
#include "util.h"

int
main(void)
{
	struct sbuf	 sb = { 0 };
	char		 buf[128];
	int		 codes[3], n;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");

	/* Key names, as data/defaults.conf and a user's config write them. */
	CHECK_INT(cmd_key_parse("q", codes, 3), 1);
	CHECK_INT(codes[0], 'q');
	CHECK_INT(cmd_key_parse("C-c", codes, 3), 1);
	CHECK_INT(codes[0], 3);
	CHECK_INT(cmd_key_parse("C-l", codes, 3), 1);
	CHECK_INT(codes[0], 12);
	CHECK_INT(cmd_key_parse("Enter", codes, 3), 3);
	CHECK_INT(codes[0], '\n');
	CHECK_INT(codes[1], '\r');
	CHECK_INT(codes[2], CMD_KEY_FN | KEY_ENTER);
	CHECK_INT(cmd_key_parse("Enter", codes, 1), 1);	/* bounded by max */
	CHECK_INT(cmd_key_parse("PageDown", codes, 3), 1);
	CHECK_INT(codes[0], CMD_KEY_FN | KEY_NPAGE);
	CHECK_INT(cmd_key_parse("F1", codes, 3), 1);
	CHECK_INT(codes[0], CMD_KEY_FN | KEY_F(1));
	CHECK_INT(cmd_key_parse("F12", codes, 3), 1);
	CHECK_INT(codes[0], CMD_KEY_FN | KEY_F(12));
	CHECK_INT(cmd_key_parse("Backspace", codes, 3), 3);
	CHECK_INT(cmd_key_parse("Space", codes, 3), 1);
	CHECK_INT(codes[0], ' ');
	CHECK_INT(cmd_key_parse("F13", codes, 3), -1);
	CHECK_INT(cmd_key_parse("F0", codes, 3), -1);
	CHECK_INT(cmd_key_parse("", codes, 3), -1);
	CHECK_INT(cmd_key_parse(" ", codes, 3), -1);
	CHECK_INT(cmd_key_parse("qq", codes, 3), -1);
	CHECK_INT(cmd_key_parse("C-", codes, 3), -1);
	CHECK_INT(cmd_key_parse("C-ab", codes, 3), -1);
	CHECK_INT(cmd_key_parse("q", codes, 0), -1);

	/* The command table. */
	CHECK_INT(cmd_find("quit"), CMD_QUIT);
	CHECK_INT(cmd_find("sort-next"), CMD_SORT_NEXT);
	CHECK_INT(cmd_find("no-such"), CMD_NONE);
	CHECK_STR(cmd_name(CMD_RESCAN), "rescan");
	CHECK_STR(cmd_name(CMD_NONE), "none");
	CHECK_STR(cmd_name(CMD_COUNT), "none");
	CHECK_STR(cmd_help(CMD_QUIT), "Quit venvdex");

	/* The built-in bindings. */
	cmd_defaults();
	CHECK_INT(cmd_for_key('q'), CMD_QUIT);
	CHECK_INT(cmd_for_key(3), CMD_QUIT);
	CHECK_INT(cmd_for_key('R'), CMD_RESCAN);
	CHECK_INT(cmd_for_key('\r'), CMD_OPEN);
	CHECK_INT(cmd_for_key(CMD_KEY_FN | KEY_ENTER), CMD_OPEN);
	CHECK_INT(cmd_for_key(CMD_KEY_FN | KEY_UP), CMD_UP);
	CHECK_INT(cmd_for_key(27), CMD_BACK);
	CHECK_INT(cmd_for_key('Z'), CMD_NONE);
	cmd_keys(CMD_QUIT, buf, sizeof buf);
	CHECK_STR(buf, "q, C-c");
	cmd_keys(CMD_OPEN, buf, sizeof buf);
	CHECK_STR(buf, "Enter, Right, l");	/* Enter's three codes named once */
	cmd_keys(CMD_QUIT, buf, 4);		/* cut, terminated */
	CHECK(strlen(buf) < 4);

	/* Binding again moves a key; unknown names are refused. */
	CHECK_INT(cmd_bind("q", "help"), 0);
	CHECK_INT(cmd_for_key('q'), CMD_HELP);
	cmd_keys(CMD_QUIT, buf, sizeof buf);
	CHECK_STR(buf, "C-c");
	CHECK_INT(cmd_bind("q", "no-such"), -1);
	CHECK_INT(cmd_bind("Nope", "quit"), -1);
	cmd_defaults();
	CHECK_INT(cmd_for_key('q'), CMD_QUIT);

	/* What get_wch() returned, as a key code. */
	CHECK_INT(keys_code(OK, 'a'), 'a');
	CHECK_INT(keys_code(KEY_CODE_YES, KEY_UP), CMD_KEY_FN | KEY_UP);
	CHECK_INT(keys_code(OK, 0xe9), 0xe9);
	CHECK(keys_code(KEY_CODE_YES, KEY_RESIZE) != KEY_RESIZE);

	/* Editing a prompt's line. */
	CHECK_INT(keys_edit(&sb, CMD_KEY_FN | KEY_BACKSPACE), KEYS_IGNORED);
	CHECK_INT(keys_edit(&sb, 'a'), KEYS_CHANGED);
	CHECK_INT(keys_edit(&sb, 0xe9), KEYS_CHANGED);		/* é: two bytes */
	CHECK_INT(keys_edit(&sb, 0x20ac), KEYS_CHANGED);	/* €: three */
	CHECK_STR(sb.s, "a\xc3\xa9\xe2\x82\xac");
	CHECK_INT(keys_edit(&sb, 127), KEYS_CHANGED);		/* a character, not a byte */
	CHECK_STR(sb.s, "a\xc3\xa9");
	CHECK_INT(keys_edit(&sb, 8), KEYS_CHANGED);
	CHECK_STR(sb.s, "a");
	CHECK_INT(keys_edit(&sb, CMD_KEY_FN | KEY_LEFT), KEYS_IGNORED);
	CHECK_INT(keys_edit(&sb, '\t'), KEYS_IGNORED);
	CHECK_STR(sb.s, "a");
	n = keys_edit(&sb, 'b');
	CHECK_INT(n, KEYS_CHANGED);
	CHECK_INT(keys_edit(&sb, 21), KEYS_CHANGED);		/* C-u */
	CHECK_STR(sb.s, "");
	CHECK_INT(keys_edit(&sb, 21), KEYS_IGNORED);
	CHECK_INT(keys_edit(&sb, '\r'), KEYS_ENTER);
	CHECK_INT(keys_edit(&sb, '\n'), KEYS_ENTER);
	CHECK_INT(keys_edit(&sb, CMD_KEY_FN | KEY_ENTER), KEYS_ENTER);
	CHECK_INT(keys_edit(&sb, 27), KEYS_CANCEL);
	CHECK_INT(keys_edit(&sb, 3), KEYS_CANCEL);
	CHECK_INT(keys_edit(&sb, CMD_KEY_FN | KEY_EXIT), KEYS_CANCEL);
	sbuf_free(&sb);
	/* A typed line as words (the pip prompt). */
	{
		char	**w;

		CHECK_INT(keys_words("", &w), 0);
		CHECK(w == NULL);
		CHECK_INT(keys_words("  install  -U 'a b' \"c\\\"d\" e\\ f ''", &w), 6);
		CHECK_STR(w[0], "install");
		CHECK_STR(w[1], "-U");
		CHECK_STR(w[2], "a b");
		CHECK_STR(w[3], "c\"d");
		CHECK_STR(w[4], "e f");
		CHECK_STR(w[5], "");
		CHECK(w[6] == NULL);
		for (n = 0; w[n] != NULL; n++)
			free(w[n]);
		free(w);
		CHECK_INT(keys_words("x ''", &w), 2);
		CHECK_STR(w[1], "");
		free(w[0]);
		free(w[1]);
		free(w);
		CHECK_INT(keys_words("install 'unclosed", &w), -1);
		CHECK(w == NULL);
	}

	return check_done();
}
