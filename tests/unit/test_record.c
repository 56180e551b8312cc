/* Tests for record.c: RECORD files as pip and installer write them. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "record.h"
#include "util.h"

#define S(lit) lit, sizeof(lit) - 1

/* Collects the paths record_paths() reports, one per line. */
static void
collect(const char *path, size_t len, void *arg)
{
	struct sbuf	*sb = arg;

	CHECK_INT(strlen(path), len);	/* terminated, no NUL inside here */
	if (sb->len > 0)
		sbuf_addc(sb, '|');
	sbuf_add(sb, path, len);
}

static void
count(const char *path, size_t len, void *arg)
{
	size_t	*n = arg;

	*n += len + (path[len] == '\0');
}

static char *
paths(const char *buf, size_t len)
{
	struct sbuf	sb = { 0 };

	record_paths(buf, len, collect, &sb);
	return sbuf_steal(&sb);
}

static void
test_real(void)
{
	static const char	rec[] =
	    "six.py,sha256=1O5rsBDU0W9pjTjOYFcsvvvvumJnxIb7tS4ElPK6bs4,34549\n"
	    "six-1.16.0.dist-info/INSTALLER,sha256=zuuue4knoyJ-UwPPXg8fezS7VCrXJQrAP7zeNuwvFQg,4\n"
	    "six-1.16.0.dist-info/LICENSE,sha256=i7hQxWWqOJ_cFvOkaWWtI9gq3_YPI5P8J2K2MYXo5sk,1066\n"
	    "six-1.16.0.dist-info/METADATA,sha256=VQcGIFCAEmfZcl77E5riPCN4v2TIsc_qtacnjxKHJoI,1795\n"
	    "six-1.16.0.dist-info/RECORD,,\n"
	    "six-1.16.0.dist-info/WHEEL,sha256=Z-nGxY9j5l2bIQb8Vt2G6cs7EV4g4jT1CBx0bLo2xKo,110\n"
	    "__pycache__/six.cpython-311.pyc,,\n";
	int64_t			files = -1;
	char			*p;

	CHECK_INT(record_size(rec, sizeof rec - 1, &files),
	    34549 + 4 + 1066 + 1795 + 110);
	CHECK_INT(files, 7);
	p = paths(rec, sizeof rec - 1);
	CHECK_STR(p, "six.py|six-1.16.0.dist-info/INSTALLER|"
	    "six-1.16.0.dist-info/LICENSE|six-1.16.0.dist-info/METADATA|"
	    "six-1.16.0.dist-info/RECORD|six-1.16.0.dist-info/WHEEL|"
	    "__pycache__/six.cpython-311.pyc");
	free(p);
}

static void
test_quoting(void)
{
	int64_t	 files;
	char	*p;

	/* Commas, quotes and a newline inside quoted paths. */
	static const char	rec[] =
	    "\"a,b.py\",sha256=x,10\n"
	    "\"say \"\"hi\"\".txt\",sha256=y,20\n"
	    "\"multi\nline\",,30\n"
	    "plain,\"sha256=q,r\",\"40\"\n"
	    "\"\",,5\n";

	CHECK_INT(record_size(rec, sizeof rec - 1, &files), 105);
	CHECK_INT(files, 5);
	p = paths(rec, sizeof rec - 1);
	CHECK_STR(p, "a,b.py|say \"hi\".txt|multi\nline|plain");
	free(p);

	/* Text after a closing quote is kept, as Python's csv does. */
	p = paths(S("\"ab\"cd,,1\n"));
	CHECK_STR(p, "abcd");
	free(p);

	/* A quote inside an unquoted field is literal. */
	p = paths(S("a\"b,,1\n"));
	CHECK_STR(p, "a\"b");
	free(p);

	/* An unterminated quote runs to the end of the buffer. */
	CHECK_INT(record_size(S("x,,1\n\"open,,2\nmore,,3\n"), &files), 1);
	CHECK_INT(files, 2);
	p = paths(S("x,,1\n\"open,,2\nmore,,3\n"));
	CHECK_STR(p, "x|open,,2\nmore,,3\n");
	free(p);
}

static void
test_line_ends(void)
{
	int64_t	 files;
	char	*p;

	CHECK_INT(record_size(S("a,h,1\r\nb,h,2\r\nc,h,3\r\n"), &files), 6);
	CHECK_INT(files, 3);
	p = paths(S("a,h,1\r\nb,h,2\r\nc,h,3\r\n"));
	CHECK_STR(p, "a|b|c");
	free(p);

	/* Last row without a newline; blank lines are not rows. */
	CHECK_INT(record_size(S("\n\na,h,1\n\r\n\nb,h,2"), &files), 3);
	CHECK_INT(files, 2);

	/* A lone CR ends a row too (Python's csv). */
	CHECK_INT(record_size(S("a,h,1\rb,h,2\r"), &files), 3);
	CHECK_INT(files, 2);

	CHECK_INT(record_size("", 0, &files), 0);
	CHECK_INT(files, 0);
	CHECK_INT(record_size(S("\n\r\n\n"), &files), 0);
	CHECK_INT(files, 0);
	CHECK_INT(record_size(S("x,,1\n"), NULL), 1);
}

static void
test_sizes(void)
{
	int64_t	files;

	CHECK_INT(record_size(S(
	    "a,h,\n"			/* empty */
	    "b,h\n"			/* missing */
	    "c\n"			/* path only */
	    "d,h,12k\n"			/* not a number */
	    "e,h,-5\n"			/* negative */
	    "f,h,+5\n"			/* signed */
	    "g,h,0x10\n"		/* hex */
	    "h,h,1.5\n"			/* not an integer */
	    "i,h,99999999999999999999\n"	/* overflows int64 */
	    "j,h,9223372036854775808\n"	/* INT64_MAX + 1 */
	    "k,h, 7 \n"			/* spaces around */
	    "l,h,8,extra,fields\n"	/* more columns */
	    "m,h,\"9\"\n"), &files), 7 + 8 + 9);
	CHECK_INT(files, 13);

	/* The biggest valid size, and a sum that saturates. */
	CHECK_INT(record_size(S("a,,9223372036854775807\n"), &files),
	    INT64_MAX);
	CHECK_INT(record_size(S("a,,9223372036854775807\nb,,1\n"), &files),
	    INT64_MAX);
	CHECK_INT(record_size(S("a,,00000000000000000000000000000042\n"),
	    &files), 0);
	CHECK_INT(record_size(S("a,,0000000000000000042\n"), &files), 42);

	/* len is authoritative. */
	CHECK_INT(record_size("a,h,12345\n", 6, &files), 12);
	CHECK_INT(files, 1);
}

static void
test_garbage(void)
{
	static const char	 nul[] = "a\0b,h,3\n\0,,\0\n";
	struct sbuf		 big = { 0 };
	int64_t			 files;
	char			*junk;
	size_t			 i;

	CHECK_INT(record_size(nul, sizeof nul - 1, &files), 3);
	CHECK_INT(files, 2);

	junk = malloc(65536);
	for (i = 0; i < 65536; i++)
		junk[i] = (char)((i * 2654435761u) >> 11);
	CHECK(record_size(junk, 65536, &files) >= 0);
	i = 0;
	record_paths(junk, 65536, count, &i);
	CHECK(i > 0 && i <= 65536 * 2);
	free(junk);

	/* Many rows, and one 4 MB quoted field: linear time. */
	for (i = 0; i < 300000; i++)
		sbuf_printf(&big, "pkg/mod%zu.py,sha256=abc,%zu\r\n", i, i);
	CHECK_INT(record_size(big.s, big.len, &files),
	    (int64_t)299999 * 300000 / 2);
	CHECK_INT(files, 300000);
	sbuf_free(&big);
	sbuf_addc(&big, '"');
	for (i = 0; i < 4 * 1024 * 1024; i++)
		sbuf_adds(&big, i % 7 ? "x" : "\"\"");
	sbuf_adds(&big, "\",,11\n");
	CHECK_INT(record_size(big.s, big.len, &files), 11);
	CHECK_INT(files, 1);
	sbuf_free(&big);
}

/* Writes len bytes to a new temporary file; returns its path (allocated). */
static char *
tmp_file(const char *buf, size_t len)
{
	const char	*t = getenv("TMPDIR");
	char		*path;
	FILE		*f;
	int		 fd;

	path = xasprintf("%s/test_record.XXXXXX", t != NULL && *t == '/' ? t : "/tmp");
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "wb")) == NULL) {
		perror(path);
		exit(99);
	}
	fwrite(buf, 1, len, f);
	fclose(f);
	return path;
}

/* record_size_at: the file read in 64 kB pieces gives record_size()'s answer. */
static void
test_file(void)
{
	struct sbuf	 sb = { 0 };
	int64_t		 files, want, wantfiles;
	size_t		 pad, i;
	char		*path;

	/* A row cut at the 64 kB boundary inside a quoted field, a CRLF, a size. */
	for (pad = 65536 - 40; pad < 65536 + 8; pad++) {
		sb.len = 0;
		for (i = 0; sb.len < pad; i++)
			sbuf_printf(&sb, "m%zu.py,h,%zu\r\n", i, i % 10);
		sb.len = pad;
		sbuf_adds(&sb, "\r\n\"q,\"\"x\n\",sha256=y,1234\r\nlast,,5");
		want = record_size(sb.s, sb.len, &wantfiles);
		path = tmp_file(sb.s, sb.len);
		CHECK_INT(record_size_at(AT_FDCWD, path, 1 << 20, &files), want);
		CHECK_INT(files, wantfiles);
		/* Longer than allowed: unknown, not a partial sum. */
		CHECK_INT(record_size_at(AT_FDCWD, path, sb.len - 1, &files), -1);
		unlink(path);
		free(path);
	}
	CHECK(want > 1234 + 5);
	sbuf_free(&sb);

	path = tmp_file("", 0);
	CHECK_INT(record_size_at(AT_FDCWD, path, 100, &files), 0);
	CHECK_INT(files, 0);
	unlink(path);
	free(path);
	/* Missing, or not a regular file. */
	CHECK_INT(record_size_at(AT_FDCWD, "/nonexistent/RECORD", 100, NULL), -1);
	CHECK_INT(record_size_at(AT_FDCWD, "/", 100, NULL), -1);
	CHECK_INT(record_size_at(AT_FDCWD, "/dev/null", 100, NULL), -1);
}

/* record_digest: the content of a copy, whatever wrote it and in any order. */
static void
test_digest(void)
{
	struct record_info	 a, b, c;
	static const char	 pip[] =
	    "x/__init__.py,sha256=AAA,10\n"
	    "x/big.bin,sha256=BBB,5000\n"
	    "x-1.0.dist-info/METADATA,sha256=CCC,40\n"
	    "x-1.0.dist-info/INSTALLER,sha256=pip,4\n"
	    "x-1.0.dist-info/direct_url.json,sha256=DDD,70\n"
	    "x-1.0.dist-info/RECORD,,\n"
	    "x/__pycache__/__init__.cpython-311.pyc,,\n"
	    "../../../bin/x,sha256=SHEBANG1,200\n";
	/* Another installer, another order, another environment's script. */
	static const char	 uv[] =
	    "x-1.0.dist-info/METADATA,sha256=CCC,40\n"
	    "x-1.0.dist-info/INSTALLER,sha256=uv,3\n"
	    "../../../bin/x,sha256=SHEBANG2,210\n"
	    "x/big.bin,sha256=BBB,5000\n"
	    "x/__init__.py,sha256=AAA,10\n"
	    "x-1.0.dist-info/RECORD,,\n";
	static const char	 patched[] =
	    "x/__init__.py,sha256=AAB,10\n"
	    "x/big.bin,sha256=BBB,5000\n"
	    "x-1.0.dist-info/METADATA,sha256=CCC,40\n";

	record_digest(S(pip), &a);
	record_digest(S(uv), &b);
	record_digest(S(patched), &c);
	CHECK(a.digest != 0);
	CHECK(a.digest == b.digest);
	CHECK(a.digest != c.digest);
	CHECK_STR(a.big, "x/big.bin");
	CHECK_INT(a.bigsize, 5000);
	CHECK_STR(b.big, "x/big.bin");
	CHECK_INT(a.size, 5324);
	free(a.big);
	free(b.big);
	free(c.big);
	/* Nothing with a hash: no digest, no file. */
	record_digest(S("a,,1\nb,,2\n"), &a);
	CHECK(a.digest == 0);
	CHECK(a.big == NULL);
	record_digest(S("/etc/passwd,sha256=X,1\n../x,sha256=Y,2\na/../../b,sha256=Z,3\n"), &a);
	CHECK(a.digest == 0);
	CHECK(a.big == NULL);
}

int
main(void)
{
	test_real();
	test_quoting();
	test_line_ends();
	test_sizes();
	test_garbage();
	test_file();
	test_digest();
	return check_done();
}
