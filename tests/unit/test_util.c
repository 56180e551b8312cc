/* Tests for util.c: text hygiene, names, paths, sizes and sbuf. */
#include "config.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "check.h"
#include "util.h"

#define S(lit) lit, sizeof(lit) - 1
#define FFFD "\xef\xbf\xbd"

static void
check_u8(const char *in, size_t len, const char *want, int line)
{
	char	*s = u8_valid(in, len);

	if (!CHECK_STR(s, want))
		fprintf(stderr, "  (u8_valid case at line %d)\n", line);
	free(s);
}
#define U8(in, want) check_u8(S(in), want, __LINE__)

static void
test_u8_valid(void)
{
	char	*s;

	U8("", "");
	U8("plain ascii", "plain ascii");
	U8("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80",
	    "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80");
	U8("latin1 caf\xe9!", "latin1 caf" FFFD "!");
	U8("\xff\xfe", FFFD FFFD);
	U8("overlong \xc0\xaf", "overlong " FFFD FFFD);
	U8("overlong3 \xe0\x80\xaf", "overlong3 " FFFD FFFD FFFD);
	U8("surrogate \xed\xa0\x80", "surrogate " FFFD FFFD FFFD);
	U8("too big \xf4\x90\x80\x80", "too big " FFFD FFFD FFFD FFFD);
	U8("cut \xe2\x82", "cut " FFFD FFFD);
	U8("lone cont \x80x", "lone cont " FFFD "x");
	U8("nul\0byte", "nul" FFFD "byte");
	U8("max \xf4\x8f\xbf\xbf", "max \xf4\x8f\xbf\xbf");

	/* len is authoritative. */
	s = u8_valid("abcdef", 3);
	CHECK_STR(s, "abc");
	free(s);
	s = u8_valid("\xc3\xa9", 1);
	CHECK_STR(s, FFFD);
	free(s);
}

/* u8_json(s) is what SQLite's json_quote() makes of u8_valid(s). */
static void
check_json(sqlite3 *db, const char *in, int line)
{
	struct sbuf	 sb = { 0 };
	sqlite3_stmt	*st;
	char		*valid = u8_valid(in, strlen(in));

	u8_json(&sb, in);
	if (sqlite3_prepare_v2(db, "SELECT json_quote(?1)", -1, &st, NULL) !=
	    SQLITE_OK) {
		CHECK(0);
		return;
	}
	sqlite3_bind_text(st, 1, valid, -1, SQLITE_STATIC);
	if (CHECK(sqlite3_step(st) == SQLITE_ROW) &&
	    !CHECK_STR(sb.s, (const char *)sqlite3_column_text(st, 0)))
		fprintf(stderr, "  (u8_json case at line %d)\n", line);
	sqlite3_finalize(st);
	sbuf_free(&sb);
	free(valid);
}

static void
test_u8_json(void)
{
	sqlite3		*db;
	struct sbuf	 sb = { 0 };
	char		 s[64];
	unsigned	 seed = 7;
	int		 c, i, k;

	if (!CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK))
		return;
	u8_json(&sb, NULL);
	CHECK_STR(sb.s, "null");
	sbuf_free(&sb);
	check_json(db, "", __LINE__);
	check_json(db, "plain", __LINE__);
	check_json(db, "q\"b\\s/ t\tn\nr\rf\fb\b e\x1b d\x7f", __LINE__);
	check_json(db, "caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80 \xe2\x80\xa8", __LINE__);
	check_json(db, "bad \xff\xfe, cut \xe2\x82, over \xc0\xaf, sur \xed\xa0\x80", __LINE__);
	for (c = 1; c < 256; c++) {
		s[0] = 'a';
		s[1] = (char)c;
		s[2] = 'z';
		s[3] = '\0';
		check_json(db, s, __LINE__);
	}
	/* Random bytes, weighted to the ones that need care. */
	for (k = 0; k < 2000; k++) {
		for (i = 0; i < (int)sizeof s - 1; i++) {
			seed = seed * 1103515245 + 12345;
			c = (int)((seed >> 16) % 6);
			s[i] = c == 0 ? (char)(1 + (seed >> 8) % 31) : c == 1 ?
			    (char)(0x80 + (seed >> 8) % 128) : c == 2 ? '"' :
			    c == 3 ? '\\' : (char)('a' + (seed >> 8) % 26);
		}
		s[sizeof s - 1] = '\0';
		check_json(db, s, __LINE__);
	}
	sqlite3_close(db);
}

static const char *
strix_words(void *arg, size_t pos)
{
	return ((const char **)arg)[pos];
}

/* strix: found after growing, and empty after strix_clear(), then usable again. */
static void
test_strix(void)
{
	struct strix	 x = { 0 };
	char		*w[500], buf[16];
	size_t		 i;

	for (i = 0; i < nitems(w); i++) {
		snprintf(buf, sizeof buf, "w%zu", i);
		w[i] = xstrdup(buf);
		strix_add(&x, i, strix_words, w);
	}
	for (i = 0; i < nitems(w); i++)
		CHECK(strix_find(&x, w[i], strix_words, w) == i);
	CHECK(strix_find(&x, "w500", strix_words, w) == STRIX_NONE);
	strix_clear(&x);
	CHECK(strix_find(&x, "w1", strix_words, w) == STRIX_NONE);
	strix_add(&x, 7, strix_words, w);
	CHECK(strix_find(&x, "w7", strix_words, w) == 7);
	CHECK(strix_find(&x, "w8", strix_words, w) == STRIX_NONE);
	strix_free(&x);
	for (i = 0; i < nitems(w); i++)
		free(w[i]);
}

static void
check_term(const char *in, const char *want, int line)
{
	char	*s = term_safe(in);

	if (!CHECK_STR(s, want))
		fprintf(stderr, "  (term_safe case at line %d)\n", line);
	free(s);
}
#define TERM(in, want) check_term(in, want, __LINE__)

static void
test_term_safe(void)
{
	TERM("", "");
	TERM("~/src/app/.venv 3.11.7", "~/src/app/.venv 3.11.7");
	TERM("ascii then esc\x1b", "ascii then esc?");
	TERM("ascii then \xc3\xa9", "ascii then \xc3\xa9");
	TERM("h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac", "h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac");
	TERM("\x1b[31mred\x1b[0m", "?[31mred?[0m");
	TERM("\x1b]0;title\x07", "?]0;title?");
	TERM("tab\there\nnl\rcr", "tab?here?nl?cr");
	TERM("del\x7f", "del?");
	TERM("c1 csi \xc2\x9b" "2J", "c1 csi ?2J");
	TERM("c1 \xc2\x80 \xc2\x9f \xc2\xa0", "c1 ? ? \xc2\xa0");
	TERM("raw csi \x9b" "2J", "raw csi " FFFD "2J");
	TERM("bidi \xe2\x80\xae" "txt", "bidi ?txt");
}

static void
test_u8_width(void)
{
	CHECK_INT(u8_width(""), 0);
	CHECK_INT(u8_width("abc"), 3);
	CHECK_INT(u8_width("h\xc3\xa9llo"), 5);
	CHECK_INT(u8_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);
	CHECK_INT(u8_width("a\xe6\x97\xa5" "b"), 4);
	CHECK_INT(u8_width(FFFD), 1);
}

/* Regression (issue 11): the scan's progress line cut a path mid-character. */
static void
test_u8_fit_progress_cut(void)
{
	const char	*jp = "\xe6\x97\xa5\xe6\x9c\xac";	/* 2 wide, 3 bytes each */

	CHECK_INT((int)u8_fit("abc", 2), 2);
	CHECK_INT((int)u8_fit("abc", 10), 3);
	CHECK_INT((int)u8_fit("h\xc3\xa9llo", 2), 3);	/* not half of the e-acute */
	CHECK_INT((int)u8_fit("h\xc3\xa9llo", 1), 1);
	CHECK_INT((int)u8_fit(jp, 3), 3);		/* one wide character, not 1.5 */
	CHECK_INT((int)u8_fit(jp, 1), 0);
	CHECK_INT((int)u8_fit(jp, 4), 6);
	CHECK_INT((int)u8_fit("a\xff" "b", 2), 2);	/* an invalid byte counts one */
	CHECK_INT((int)u8_fit("abc", 0), 0);
	CHECK_INT((int)u8_fit("abc", -5), 0);
}

static void
check_norm(const char *in, const char *want, int line)
{
	char	out[128];

	name_normalize(in, out, sizeof out);
	if (!CHECK_STR(out, want))
		fprintf(stderr, "  (name_normalize case at line %d)\n", line);
}
#define NORM(in, want) check_norm(in, want, __LINE__)

static void
test_name_normalize(void)
{
	char	out[8];

	NORM("Foo.Bar__baz", "foo-bar-baz");
	NORM("Django", "django");
	NORM("zope.interface", "zope-interface");
	NORM("typing_extensions", "typing-extensions");
	NORM("ruamel.yaml.clib", "ruamel-yaml-clib");
	NORM("A-_-.B", "a-b");
	NORM("PyYAML", "pyyaml");
	NORM("x", "x");
	NORM("", "");

	/* A short buffer truncates and terminates. */
	name_normalize("abcdefghij", out, 4);
	CHECK_STR(out, "abc");
	name_normalize("abcdefghij", out, 1);
	CHECK_STR(out, "");
	memset(out, 'z', sizeof out);
	name_normalize("Ab_Cdefgh", out, sizeof out);
	CHECK_STR(out, "ab-cdef");
	/* Truncated output is a prefix of the full name, never another name. */
	name_normalize("ab-cd", out, 4);
	CHECK_STR(out, "ab-");
}

static void
check_abs(const char *in, const char *want, int line)
{
	char	*s = path_absolute(in);

	if (!CHECK_STR(s, want))
		fprintf(stderr, "  (path_absolute case at line %d)\n", line);
	free(s);
}
#define ABS(in, want) check_abs(in, want, __LINE__)

static void
test_paths(void)
{
	char	 cwd[PATH_MAX], *s, *want;

	ABS("/", "/");
	ABS("/a/b/c", "/a/b/c");
	ABS("/a/b/../c", "/a/c");
	ABS("/a/./b/./c/.", "/a/b/c");
	ABS("//a//b///", "/a/b");
	ABS("/..", "/");
	ABS("/a/b/../../..", "/");
	ABS("/a/../../b", "/b");
	ABS("/a/..b/.c", "/a/..b/.c");
	ABS("/a/b/..", "/a");

	if (getcwd(cwd, sizeof cwd) != NULL) {
		s = path_absolute("x/../y/./z");
		want = strcmp(cwd, "/") == 0 ? xstrdup("/y/z") :
		    xasprintf("%s/y/z", cwd);
		CHECK_STR(s, want);
		free(s);
		free(want);
		s = path_absolute(".");
		CHECK_STR(s, cwd);
		free(s);
	}

	CHECK_INT(path_is_under("/a/b/c", "/a/b"), 1);
	CHECK_INT(path_is_under("/a/b", "/a/b"), 1);
	CHECK_INT(path_is_under("/a/b/", "/a/b"), 1);
	CHECK_INT(path_is_under("/a/b/c", "/a/b/"), 1);
	CHECK_INT(path_is_under("/a/bc", "/a/b"), 0);
	CHECK_INT(path_is_under("/a/b", "/a/bc"), 0);
	CHECK_INT(path_is_under("/a", "/a/b"), 0);
	CHECK_INT(path_is_under("/x/y", "/"), 1);
	CHECK_INT(path_is_under("/", "/"), 1);

	s = path_join("/a", "b");
	CHECK_STR(s, "/a/b");
	free(s);
	s = path_join("/a/", "b");
	CHECK_STR(s, "/a/b");
	free(s);
	CHECK_STR(path_base("/a/b/c.txt"), "c.txt");
	CHECK_STR(path_base("name"), "name");
	s = path_dir("/a/b/c");
	CHECK_STR(s, "/a/b");
	free(s);
	s = path_dir("/a");
	CHECK_STR(s, "/");
	free(s);
	s = path_dir("a");
	CHECK_STR(s, ".");
	free(s);
}

static void
test_tilde(void)
{
	char	*old = getenv("HOME"), *save = old ? xstrdup(old) : NULL, *s;

	setenv("HOME", "/home/u", 1);
	s = path_tilde("/home/u/src/app");
	CHECK_STR(s, "~/src/app");
	free(s);
	s = path_tilde("/home/u");
	CHECK_STR(s, "~");
	free(s);
	s = path_tilde("/home/user/x");
	CHECK_STR(s, "/home/user/x");
	free(s);
	s = path_tilde("/srv/x");
	CHECK_STR(s, "/srv/x");
	free(s);
	setenv("HOME", "/home/u/", 1);
	s = path_tilde("/home/u/x");
	CHECK_STR(s, "~/x");
	free(s);
	setenv("HOME", "/", 1);
	s = path_tilde("/x");
	CHECK_STR(s, "/x");
	free(s);
	unsetenv("HOME");
	s = path_tilde("/home/u/x");
	CHECK_STR(s, "/home/u/x");
	free(s);
	if (save != NULL) {
		setenv("HOME", save, 1);
		free(save);
	}
}

static void
test_fmt(void)
{
	char	buf[32], tiny[3];

	fmt_size(0, buf, sizeof buf);
	CHECK_STR(buf, "0B");
	fmt_size(1023, buf, sizeof buf);
	CHECK_STR(buf, "1023B");
	fmt_size(1024, buf, sizeof buf);
	CHECK_STR(buf, "1.0K");
	fmt_size(1536, buf, sizeof buf);
	CHECK_STR(buf, "1.5K");
	fmt_size(1048576, buf, sizeof buf);
	CHECK_STR(buf, "1.0M");
	fmt_size((int64_t)3 << 30, buf, sizeof buf);
	CHECK_STR(buf, "3.0G");
	fmt_size((int64_t)(12.3 * 1048576), buf, sizeof buf);
	CHECK(buf[0] == '1' && buf[strlen(buf) - 1] == 'M');
	fmt_size(INT64_MAX, buf, sizeof buf);
	CHECK(buf[0] != '\0' && buf[strlen(buf) - 1] == 'E');
	fmt_size(-1, buf, sizeof buf);
	CHECK_STR(buf, "-");
	fmt_size(123456789, tiny, sizeof tiny);
	CHECK_INT(strlen(tiny), 2);

	fmt_age(0, 1000, buf, sizeof buf);
	CHECK_STR(buf, "-");
	fmt_age(-5, 1000, buf, sizeof buf);
	CHECK_STR(buf, "-");
	fmt_age(1000000 - 3 * 86400, 1000000, buf, sizeof buf);
	CHECK(buf[0] == '3');
}

static void
test_sbuf(void)
{
	struct sbuf	 sb = { 0 };
	char		*s;
	size_t		 i;

	s = sbuf_steal(&sb);
	CHECK_STR(s, "");
	free(s);

	sbuf_add(&sb, "ab", 2);
	sbuf_adds(&sb, "cd");
	sbuf_addc(&sb, 'e');
	sbuf_printf(&sb, "%d-%s", 42, "x");
	CHECK_STR(sb.s, "abcde42-x");
	CHECK_INT(sb.len, 9);
	s = sbuf_steal(&sb);
	CHECK_STR(s, "abcde42-x");
	CHECK(sb.s == NULL && sb.len == 0 && sb.cap == 0);
	free(s);

	/* Embedded NUL, growth, and a long printf. */
	sbuf_add(&sb, "a\0b", 3);
	CHECK_INT(sb.len, 3);
	CHECK(memcmp(sb.s, "a\0b", 4) == 0);
	sbuf_free(&sb);
	for (i = 0; i < 1000000; i++)
		sbuf_addc(&sb, 'a' + (int)(i % 26));
	CHECK_INT(sb.len, 1000000);
	CHECK(sb.s[sb.len] == '\0' && sb.s[999999] == 'a' + 999999 % 26);
	sbuf_free(&sb);
	sbuf_printf(&sb, "%0300d", 7);
	CHECK_INT(sb.len, 300);
	CHECK(sb.s[299] == '7' && sb.s[300] == '\0');
	sbuf_printf(&sb, "%s", "");
	CHECK_INT(sb.len, 300);
	sbuf_free(&sb);
	sbuf_free(&sb);

	s = xasprintf("%s=%d", "k", 5);
	CHECK_STR(s, "k=5");
	free(s);
	s = xstrndup("abcdef", 3);
	CHECK_STR(s, "abc");
	free(s);
}

static void
test_read_file(void)
{
	char	 dir[] = "/tmp/venvdex-test-util.XXXXXX", *path, *fifo, *s;
	size_t	 len;
	FILE	*f;

	if (mkdtemp(dir) == NULL)
		return;
	path = path_join(dir, "file");
	fifo = path_join(dir, "fifo");
	if ((f = fopen(path, "w")) != NULL) {
		fputs("hello world", f);
		fclose(f);
	}
	s = read_file_at(AT_FDCWD, path, 1024, &len);
	CHECK_STR(s, "hello world");
	CHECK_INT(len, 11);
	free(s);
	s = read_file_at(AT_FDCWD, path, 5, &len);
	CHECK_STR(s, "hello");
	CHECK_INT(len, 5);
	free(s);
	s = read_file_at(AT_FDCWD, dir, 1024, &len);
	CHECK(s == NULL);
	free(s);
	s = read_file_at(AT_FDCWD, "/nonexistent/venvdex", 1024, &len);
	CHECK(s == NULL);
	free(s);
	if (mkfifo(fifo, 0600) == 0) {
		/* Must not block waiting for a writer. */
		s = read_file_at(AT_FDCWD, fifo, 1024, &len);
		CHECK(s == NULL);
		free(s);
		unlink(fifo);
	}
	unlink(path);
	rmdir(dir);
	free(path);
	free(fifo);
}

int
main(void)
{
	test_u8_valid();
	test_u8_json();
	test_strix();
	test_term_safe();
	test_u8_width();
	test_u8_fit_progress_cut();
	test_name_normalize();
	test_paths();
	test_tilde();
	test_fmt();
	test_sbuf();
	test_read_file();
	return check_done();
}
