/* test_out: tables aligned by display width, terminal-safe, plain off a tty. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "out.h"
#include "util.h"

/* What t prints (into a file that is not stdout: no width limit); allocated. */
static char *
printed(struct table *t)
{
	FILE	*f = tmpfile();
	char	*s;
	long	 n;

	if (f == NULL)
		return xstrdup("(no tmpfile)");
	out_table_print(t, f);
	n = ftell(f);
	rewind(f);
	s = xcalloc(1, (size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = '\0';
	fclose(f);
	return s;
}

static void
test_align(void)
{
	struct table	*t = out_table_new();
	char		*s;

	out_table_col(t, "NAME", 0);
	out_table_col(t, "SIZE", 1);
	out_table_col(t, "SUMMARY", 0);
	out_table_row(t, OUT_PLAIN);
	out_table_cell(t, "pip");
	out_table_cell(t, "12K");
	out_table_cell(t, "installer");
	out_table_row(t, OUT_RED);	/* no colour: stdout is not a terminal */
	out_table_cell(t, "setuptools");
	out_table_cell(t, "1.2M");
	out_table_cell(t, "");
	s = printed(t);
	CHECK_STR(s,
	    "NAME        SIZE  SUMMARY\n"
	    "pip          12K  installer\n"
	    "setuptools  1.2M  \n");
	free(s);
	out_table_free(t);
}

/*
 * A table keeps each distinct cell once: repeated cells, a cell made safe
 * that equals another, wide characters, and more cells than its first
 * allocation holds all print as given.
 */
static void
test_repeats(void)
{
	struct table	*t = out_table_new();
	struct sbuf	 want = { 0 };
	char		*s, num[16];
	int		 i;

	out_table_col(t, "N", 1);
	out_table_col(t, "NAME", 0);
	out_table_col(t, "E", 0);
	sbuf_adds(&want, " N  NAME  E\n");
	for (i = 0; i < 100; i++) {
		out_table_row(t, OUT_PLAIN);
		snprintf(num, sizeof num, "%d", i);
		out_table_cell(t, num);
		out_table_cell(t, i % 3 == 0 ? "a\tb" : i % 3 == 1 ? "a?b" :
		    "\xe6\x97\xa5\xe6\x9c\xac");
		out_table_cell(t, "e");
		sbuf_printf(&want, "%2d  %s  e\n", i, i % 3 == 2 ?
		    "\xe6\x97\xa5\xe6\x9c\xac" : "a?b ");
	}
	s = printed(t);
	CHECK_STR(s, want.s);
	free(s);
	sbuf_free(&want);
	out_table_free(t);
}

/* Missing and NULL cells print "-"; escapes and controls become '?'. */
static void
test_safe(void)
{
	struct table	*t = out_table_new();
	char		*s;

	out_table_col(t, "A", 0);
	out_table_col(t, "B", 0);
	out_table_row(t, OUT_PLAIN);
	out_table_cell(t, "\033[31mred\tx");
	out_table_cell(t, NULL);
	out_table_row(t, OUT_PLAIN);
	out_table_cell(t, "short");
	out_table_cell(t, "one\ntwo");
	out_table_cell(t, "ignored: no third column");
	out_table_row(t, OUT_PLAIN);
	s = printed(t);
	CHECK_STR(s,
	    "A           B\n"
	    "?[31mred?x  -\n"
	    "short       one?two\n"
	    "-           -\n");
	free(s);
	out_table_free(t);
}

/* Wide characters count two columns; bad UTF-8 becomes U+FFFD. */
static void
test_width(void)
{
	struct table	*t = out_table_new();
	char		*s;

	out_table_col(t, "N", 0);
	out_table_col(t, "V", 0);
	out_table_row(t, OUT_PLAIN);
	out_table_cell(t, "\xe6\x97\xa5\xe6\x9c\xac");	/* 2 wide characters */
	out_table_cell(t, "1");
	out_table_row(t, OUT_PLAIN);
	out_table_cell(t, "ab\xff");
	out_table_cell(t, "2");
	s = printed(t);
	CHECK_STR(s,
	    "N     V\n"
	    "\xe6\x97\xa5\xe6\x9c\xac  1\n"
	    "ab\xef\xbf\xbd   2\n");
	free(s);
	out_table_free(t);
}

static void
test_print(void)
{
	FILE	*f = tmpfile();
	char	 buf[64] = "";
	size_t	 n;

	if (!CHECK(f != NULL))
		return;
	CHECK_INT(out_color_enabled(), 0);
	out_print(f, OUT_RED, "x\033]0;title\007y");
	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	CHECK_STR(buf, "x?]0;title?y");
	fclose(f);
	CHECK_INT(out_width(), 0);
}

int
main(void)
{
	setenv("TERM", "xterm", 1);
	unsetenv("NO_COLOR");
	out_init();
	test_align();
	test_safe();
	test_repeats();
	test_width();
	test_print();
	return check_done();
}
