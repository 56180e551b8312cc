/* Tests for req.c and marker.c: pip's requirements syntax, includes, markers, garbage. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "marker.h"
#include "req.h"
#include "reqfile.h"
#include "util.h"

static char	*tmp;

static void
put(const char *name, const char *text)
{
	char	*p = path_join(tmp, name);
	FILE	*f = fopen(p, "w");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	free(p);
}

static const struct req *
find(const struct req_list *l, const char *norm, int constraint)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].norm != NULL && strcmp(l->v[i].norm, norm) == 0 &&
		    l->v[i].constraint == constraint)
			return &l->v[i];
	return NULL;
}

static void
test_syntax(void)
{
	struct req_list		 l = { 0 };
	const struct req	*r;
	char			*path, *err, *pin;

	put("proj/pyproject.toml", "");	/* may fail: folder missing */
	path = path_join(tmp, "proj");
	mkdir(path, 0700);
	free(path);
	put("proj/pyproject.toml", "[build-system]\nrequires = []\n[project]\n"
	    "name = \"local-proj\"\nversion = \"1.0\"\n");
	put("base.txt", "# base\nsix==1.16.0\n-c cons.txt\n");
	put("cons.txt", "django<5\nsix>=1.0\nnotrequired==1.0\n");
	put("loop.txt", "-r loop.txt\nattrs\n");
	put("reqs.txt",
	    "# a comment\n"
	    "  # indented comment \\\n"
	    "requests[security, socks] >= 2.8.1, ==2.8.* ; python_version < \"2.7\"\n"
	    "Django>=4.2 \\\n"
	    "    ,<5.1  # trailing comment\n"
	    "-r base.txt\n"
	    "--requirement=loop.txt\n"
	    "-i https://example.org/simple --extra-index-url https://x/y\n"
	    "--find-links /tmp/wheels\n-f /x\n--no-binary :all:\n--only-binary=:none:\n"
	    "--pre\n--trusted-host h\n--prefer-binary\n--require-hashes\n"
	    "--use-feature=truststore\n--no-index\n"
	    "numpy==1.26.0 --hash=sha256:abc --hash sha256:def\n"
	    "-e git+https://github.com/x/y.git@v1#egg=Editable_Thing\n"
	    "--editable ./proj\n"
	    "pkg-at @ https://example.org/pkg-at-1.0.tar.gz#sha=1\n"
	    "https://example.org/files/Some_Wheel-2.0.1-py3-none-any.whl#frag\n"
	    "https://example.org/archive.zip#egg=from-egg\n"
	    "./proj\n"
	    "old (>=1.0)\n"
	    "mark==1.0; sys_platform == 'win32'\n"
	    "odd-name.x_y==1\n"
	    "-z unknown-option\n"
	    "not a requirement !!\n"
	    "bad>=>1\n"
	    "-r missing-file.txt\n");
	path = path_join(tmp, "reqs.txt");
	CHECK_INT(reqfile_read(path, &l, &err), 0);
	free(path);

	r = find(&l, "requests", 0);
	if (CHECK(r != NULL)) {
		CHECK_STR(r->extras, "security,socks");
		CHECK_STR(r->spec, ">=2.8.1,==2.8.*");
		CHECK_STR(r->marker, "python_version < \"2.7\"");
		CHECK_INT(r->line, 3);
	}
	r = find(&l, "django", 0);
	if (CHECK(r != NULL)) {
		CHECK_STR(r->spec, ">=4.2,<5.1");
		CHECK_INT(r->line, 4);
	}
	CHECK(find(&l, "django", 1) != NULL);	/* the constraint, included by base.txt */
	CHECK(find(&l, "notrequired", 1) != NULL);
	CHECK(find(&l, "notrequired", 0) == NULL);
	r = find(&l, "six", 0);
	CHECK(r != NULL && strstr(r->file, "base.txt") != NULL);
	CHECK(find(&l, "attrs", 0) != NULL);	/* loop.txt read once */
	r = find(&l, "numpy", 0);
	CHECK(r != NULL && strcmp(r->spec, "==1.26.0") == 0);
	r = find(&l, "editable-thing", 0);
	CHECK(r != NULL && r->editable && r->url != NULL);
	r = find(&l, "local-proj", 0);
	CHECK(r != NULL);
	r = find(&l, "pkg-at", 0);
	CHECK(r != NULL && strcmp(r->url, "https://example.org/pkg-at-1.0.tar.gz#sha=1") == 0);
	r = find(&l, "some-wheel", 0);
	if (CHECK(r != NULL)) {
		CHECK_STR(r->spec, "==2.0.1");
		pin = req_pinned(r);
		CHECK_STR(pin, "2.0.1");
		free(pin);
	}
	CHECK(find(&l, "from-egg", 0) != NULL);
	r = find(&l, "old", 0);
	CHECK(r != NULL && strcmp(r->spec, ">=1.0") == 0);
	r = find(&l, "mark", 0);
	CHECK(r != NULL && strcmp(r->marker, "sys_platform == 'win32'") == 0);
	CHECK(find(&l, "odd-name-x-y", 0) != NULL);
	/* unknown option, two bad lines, the missing include, the loop */
	CHECK(l.nwarn >= 5);
	req_list_free(&l);
}

static void
test_text(void)
{
	static const char text[] =
	    "a==1\r\nb==2\rc==3\n\\\\\nd\\\n==4\\\n\n\xef\xbb\xbf" "e\x00==5\n"
	    "f==6 \\\n# comment ends the continuation\ng==7 \\";
	struct req_list	l = { 0 };
	char		*p;

	CHECK_INT(reqfile_read_text("mem.txt", text, sizeof text - 1, &l), 0);
	CHECK(find(&l, "a", 0) != NULL);
	CHECK(find(&l, "b", 0) != NULL);
	CHECK(find(&l, "c", 0) != NULL);
	CHECK(find(&l, "d", 0) != NULL && strcmp(find(&l, "d", 0)->spec, "==4") == 0);
	CHECK(find(&l, "f", 0) != NULL);
	CHECK(find(&l, "g", 0) != NULL);
	req_list_free(&l);

	setenv("VENVDEX_TEST_VER", "9.9", 1);
	CHECK_INT(reqfile_read_text("env.txt", "x==${VENVDEX_TEST_VER}\ny==${unset}\n",
	    33, &l), 0);
	CHECK(find(&l, "x", 0) != NULL && strcmp(find(&l, "x", 0)->spec, "==9.9") == 0);
	CHECK(find(&l, "y", 0) == NULL);	/* ==${unset} is no specifier */
	req_list_free(&l);

	/* pinned: == and ===, not wildcards or ranges */
	{
		struct req	r;
		char		*err;

		CHECK_INT(req_parse("x === 1.0-weird", &r, &err), 0);
		p = req_pinned(&r);
		CHECK_STR(p, "1.0-weird");
		free(p);
		req_free(&r);
		CHECK_INT(req_parse("x==1.*", &r, &err), 0);
		CHECK(req_pinned(&r) == NULL);
		req_free(&r);
		CHECK_INT(req_parse("x>=1,<2", &r, &err), 0);
		CHECK(req_pinned(&r) == NULL);
		req_free(&r);
		CHECK_INT(req_parse("x ; bad marker", &r, &err), -1);
		free(err);
		CHECK_INT(req_parse("-x", &r, &err), -1);
		free(err);
	}
}

static void
test_markers(void)
{
	struct marker_env	 e;
	struct marker_buf	 b;
	const char		*unknown;

	marker_env_init(&e, &b, "3.11.7", 0);
	CHECK_STR(e.python_version, "3.11");
	CHECK_INT(marker_eval("python_version >= '3.8'", &e, NULL), 1);
	CHECK_INT(marker_eval("python_version < \"3.8\"", &e, NULL), 0);
	CHECK_INT(marker_eval("python_full_version == '3.11.7'", &e, NULL), 1);
	CHECK_INT(marker_eval("'3.12' > python_version", &e, NULL), 1);
	CHECK_INT(marker_eval("python_version == '3.11.*'", &e, NULL), 1);
	CHECK_INT(marker_eval("os_name == 'nt' or (python_version > '3' and "
	    "implementation_name == 'cpython')", &e, NULL), 1);
	CHECK_INT(marker_eval("os_name == 'nt' and python_version > '3'", &e, NULL), 0);
	CHECK_INT(marker_eval("extra == 'socks'", &e, NULL), 0);
	CHECK_INT(marker_eval("'linux' in sys_platform or sys_platform not in 'x'",
	    &e, NULL), 1);
	CHECK_INT(marker_eval("platform_version == 'x'", &e, NULL), 2);	/* unknown */
	CHECK_INT(marker_eval("python_version >", &e, NULL), -1);
	CHECK_INT(marker_eval("(python_version > '3'", &e, NULL), -1);
	CHECK_INT(marker_eval("python_version > '3' garbage", &e, NULL), -1);
	CHECK_INT(marker_eval("nosuchvar == '1'", &e, NULL), -1);
	marker_env_init(&e, &b, NULL, 1);
	CHECK_INT(marker_eval("sys_platform == 'win32' and python_version < '3'",
	    &e, &unknown), 2);	/* python unknown */
	CHECK_STR(unknown, "python_version");
	/* and/or decide without the unknown when they can */
	CHECK_INT(marker_eval("sys_platform == 'linux' and python_version < '3'",
	    &e, NULL), 0);
	CHECK_INT(marker_eval("sys_platform == 'win32' or python_version < '3'",
	    &e, NULL), 1);
	CHECK_INT(marker_eval("platform_version == 'x' or python_version < '3'",
	    &e, &unknown), 2);
	CHECK_STR(unknown, "platform_version");
	{
		char	deep[200];

		memset(deep, '(', sizeof deep - 1);
		deep[sizeof deep - 1] = '\0';
		CHECK_INT(marker_eval(deep, &e, NULL), -1);
	}
}

static char *
put_bytes(const char *name, const void *data, size_t n)
{
	char	*p = path_join(tmp, name);
	FILE	*f = fopen(p, "wb");

	if (f != NULL) {
		if (n > 0)
			fwrite(data, 1, n, f);
		fclose(f);
	}
	return p;
}

static int
has_warning(const struct req_list *l, const char *text)
{
	size_t	i;

	for (i = 0; i < l->nwarn; i++)
		if (strstr(l->warn[i], text) != NULL)
			return 1;
	return 0;
}

static size_t
count(const struct req_list *l, const char *norm)
{
	size_t	i, n = 0;

	for (i = 0; i < l->n; i++)
		n += l->v[i].norm != NULL && strcmp(l->v[i].norm, norm) == 0;
	return n;
}

/* Hostile files: too big, binary, UTF-16, diamonds and chains of includes. */
static void
test_files(void)
{
	static const char utf16le[] = "\xff\xfe" "a\0=\0=\0" "1\0\r\0\n\0"
	    "b\0\xe9\0=\0=\0" "2\0\n\0";
	static const char utf16be[] = "\xfe\xff" "\0c\0=\0=\0" "3\0\n"
	    "\xd8\x3d\xde\x00\0\n";	/* an emoji: not a requirement */
	struct req_list	 l = { 0 };
	char		*p, *err, *big, name[32];
	size_t		 n = (16 << 20) + 1, i;

	/* More than 16 MB: refused, not cut short. */
	big = xmalloc(n);
	memset(big, '#', n);
	p = put_bytes("big.txt", big, n);
	free(big);
	CHECK_INT(reqfile_read(p, &l, &err), -1);
	CHECK(err != NULL && strstr(err, "too big") != NULL);
	free(err);
	free(p);
	req_list_free(&l);

	p = put_bytes("bin.txt", "six==1\n\0\x01\x02garbage", 17);
	CHECK_INT(reqfile_read(p, &l, &err), -1);
	CHECK(err != NULL && strstr(err, "binary") != NULL);
	free(err);
	free(p);
	req_list_free(&l);

	/* UTF-16 with its byte order mark, as PowerShell writes pip freeze. */
	p = put_bytes("le.txt", utf16le, sizeof utf16le - 1);
	CHECK_INT(reqfile_read(p, &l, &err), 0);
	free(p);
	CHECK(find(&l, "a", 0) != NULL && strcmp(find(&l, "a", 0)->spec, "==1") == 0);
	CHECK(find(&l, "b\xc3\xa9", 0) == NULL);	/* not a PEP 508 name */
	CHECK_INT(l.nwarn, 1);
	req_list_free(&l);
	p = put_bytes("be.txt", utf16be, sizeof utf16be - 1);
	CHECK_INT(reqfile_read(p, &l, &err), 0);
	free(p);
	CHECK(find(&l, "c", 0) != NULL);
	CHECK(has_warning(&l, "\xf0\x9f\x98\x80"));	/* decoded, quoted */
	req_list_free(&l);

	/*
	 * A diamond 24 levels deep (d0 includes d1 twice, ...) is read once
	 * per file, not 2^24 times; the depth limit stops a long chain.
	 */
	for (i = 0; i < 24; i++) {
		char	text[128];

		snprintf(name, sizeof name, "d%zu.txt", i);
		snprintf(text, sizeof text, "-r d%zu.txt\n--requirement d%zu.txt\n"
		    "lvl%zu\n", i + 1, i + 1, i);
		put(name, text);
	}
	put("d24.txt", "leaf>=1\n");
	p = path_join(tmp, "d0.txt");
	CHECK_INT(reqfile_read(p, &l, &err), 0);
	free(p);
	CHECK_INT(count(&l, "lvl0"), 1);
	CHECK_INT(count(&l, "lvl15"), 1);
	CHECK_INT(count(&l, "lvl16"), 0);	/* 17 deep */
	CHECK(has_warning(&l, "nested deeper than 16"));
	req_list_free(&l);
	/* The same file as requirements and as constraints: read as each. */
	put("twice.txt", "-r d24.txt\n-c d24.txt\n-r d24.txt\n");
	p = path_join(tmp, "twice.txt");
	CHECK_INT(reqfile_read(p, &l, &err), 0);
	free(p);
	CHECK_INT(count(&l, "leaf"), 2);
	CHECK(find(&l, "leaf", 1) != NULL);
	CHECK_INT(l.nwarn, 0);
	req_list_free(&l);

	/* An include that names a pipe (or a device) is not waited for. */
	p = path_join(tmp, "pipe");
	CHECK_INT(mkfifo(p, 0600), 0);
	free(p);
	put("topipe.txt", "-r pipe\n-r /dev/zero\nsix\n");
	p = path_join(tmp, "topipe.txt");
	CHECK_INT(reqfile_read(p, &l, &err), 0);
	free(p);
	CHECK(find(&l, "six", 0) != NULL);
	CHECK_INT(l.nwarn, 2);
	CHECK(has_warning(&l, "pipe: not a regular file"));
	CHECK(has_warning(&l, "/dev/zero: not a regular file"));
	req_list_free(&l);

	/* Problems: each quoted briefly, and at most 200 of them. */
	big = xmalloc(300 * 12 + 20000);
	for (i = 0, n = 0; i < 300; i++)
		n += (size_t)sprintf(big + n, "!bad%zu ===\n", i);
	memset(big + n, 'x', 10000);
	memcpy(big + n + 10000, " !!\n", 5);
	n += 10004;
	CHECK_INT(reqfile_read_text("many.txt", big, n, &l), 0);
	free(big);
	CHECK_INT(l.nwarn, 201);
	CHECK(strstr(l.warn[200], "more problems, not shown") != NULL);
	req_list_free(&l);
	big = xmalloc(20000);
	memset(big, 'y', 20000);
	memcpy(big + 19990, " !!\n", 4);
	CHECK_INT(reqfile_read_text("long.txt", big, 19994, &l), 0);
	free(big);
	CHECK_INT(l.nwarn, 1);
	CHECK(strlen(l.warn[0]) < 200 && strstr(l.warn[0], "...") != NULL);
	req_list_free(&l);
}

/* Problems inside an include: its name (from the including line) made safe. */
static void
test_warn_names(void)
{
	struct req_list	 l = { 0 };
	char		*p, *err;

	put("esc\033]0;title\007.txt", "bad!!\n");
	put("inc.txt", "-r \"esc\033]0;title\007.txt\"\n"
	    "https://x/Bad_Wheel-2.\xff.0-py3-none-any.whl\n");
	p = path_join(tmp, "inc.txt");
	CHECK_INT(reqfile_read(p, &l, &err), 0);
	free(p);
	CHECK_INT(l.nwarn, 2);
	CHECK(l.nwarn == 2 && strchr(l.warn[0], '\033') == NULL &&
	    strchr(l.warn[0], '\007') == NULL && strstr(l.warn[0], ".txt:1:") != NULL);
	/* A wheel whose version is no version names nothing (pip refuses it). */
	CHECK(l.nwarn == 2 && strstr(l.warn[1], "cannot tell which project") != NULL);
	CHECK(find(&l, "bad-wheel", 0) == NULL);
	req_list_free(&l);
}

/* pip freeze's comment before an editable line gives its name and version. */
static void
test_freeze_editable(void)
{
	static const char text[] =
	    "# Editable install with no version control (Foo_Bar==1.0)\n"
	    "-e /nonexistent/src/foo\n"
	    "# Editable Git install (baz==2.0rc1) with either a deleted local remote or invalid URI:\n"
	    "# 'file:///gone'\n"
	    "-e /nonexistent/src/baz\n"
	    "# Editable install with no version control (qux==1.0)\n"
	    "qux==3.0\n"
	    "-e /nonexistent/src/qux\n"
	    "# Editable install with no version control (far==1.0)\n\n\n\n"
	    "-e /nonexistent/src/far\n";
	struct req_list		 l = { 0 };
	const struct req	*r;
	char			*pin;

	CHECK_INT(reqfile_read_text("freeze.txt", text, sizeof text - 1, &l), 0);
	r = find(&l, "foo-bar", 0);
	if (CHECK(r != NULL)) {
		CHECK(r->editable);
		CHECK_STR(r->url, "/nonexistent/src/foo");
		pin = req_pinned(r);
		CHECK_STR(pin, "1.0");
		free(pin);
	}
	r = find(&l, "baz", 0);
	CHECK(r != NULL && r->url_version != NULL && strcmp(r->url_version, "2.0rc1") == 0);
	r = find(&l, "qux", 0);	/* the comment is for the next -e line only */
	CHECK(r != NULL && strcmp(r->spec, "==3.0") == 0 && r->url_version == NULL);
	CHECK_INT(count(&l, "qux"), 1);
	CHECK(find(&l, "far", 0) == NULL);	/* too far from its comment */
	CHECK_INT(l.nwarn, 2);	/* -e of qux and far: cannot tell which project */
	req_list_free(&l);
}

/* name @ URL of an archive pins the version its file name gives. */
static void
test_url_version(void)
{
	struct req	 r;
	char		*err, *pin;

	CHECK_INT(req_parse("foo @ file:///w/foo-1.0-py3-none-any.whl", &r, &err), 0);
	CHECK_STR(r.url_version, "1.0");
	pin = req_pinned(&r);
	CHECK_STR(pin, "1.0");
	free(pin);
	req_free(&r);
	CHECK_INT(req_parse("Zed_Pkg @ file:///w/Zed_Pkg-3.0%2Blocal.1-py3-none-any"
	    ".whl#sha256=00", &r, &err), 0);
	CHECK_STR(r.url_version, "3.0+local.1");
	req_free(&r);
	CHECK_INT(req_parse("bar @ https://x/bar-2.1.tar.gz", &r, &err), 0);
	CHECK_STR(r.url_version, "2.1");
	req_free(&r);
	/* Another project's file, a VCS URL, a folder: no version. */
	CHECK_INT(req_parse("foo @ https://x/other-1.0.tar.gz", &r, &err), 0);
	CHECK(r.url_version == NULL);
	req_free(&r);
	CHECK_INT(req_parse("foo @ git+https://x/foo.git@v1.0", &r, &err), 0);
	CHECK(r.url_version == NULL && req_pinned(&r) == NULL);
	req_free(&r);
	CHECK_INT(req_parse("foo @ file:///src/foo", &r, &err), 0);
	CHECK(r.url_version == NULL);
	req_free(&r);
}

/*
 * Problems in what garbage left in l: a requirement without its file, line
 * or specifier, a name without its PEP 503 form (or not matching it), a
 * specifier with blanks; a warning that is not terminal-safe text or too
 * many warnings.
 */
static int
garbage_bad(const struct req_list *l)
{
	const struct req	*r;
	char			 norm[512], *safe;
	size_t			 i;
	int			 bad = 0;

	for (i = 0; i < l->n; i++) {
		r = &l->v[i];
		if (r->file == NULL || r->line < 1 || r->spec == NULL ||
		    strpbrk(r->spec, " \t\r\n") != NULL ||
		    (r->name == NULL) != (r->norm == NULL)) {
			bad++;
			continue;
		}
		if (r->name != NULL) {
			name_normalize(r->name, norm, sizeof norm);
			bad += strcmp(norm, r->norm) != 0;
		}
	}
	bad += l->nwarn > 201;	/* REQ_MAX_WARN, then "more problems" */
	for (i = 0; i < l->nwarn; i++) {
		safe = term_safe(l->warn[i]);
		bad += strcmp(safe, l->warn[i]) != 0;
		free(safe);
	}
	return bad;
}

/* Random garbage: no crash, no over-read (run under ASan), and sane results. */
static void
test_garbage(void)
{
	static const char alphabet[] = "ab=<>!~;[],@#\\ \n\r-./:${}()'\"*+e=r0123c";
	struct req_list	 l = { 0 };
	char		 buf[256];
	unsigned	 seed = 440;
	int		 i, bad = 0;
	size_t		 j, n, nreq = 0, nwarn = 0;

	for (i = 0; i < 3000; i++) {
		n = (size_t)(i % (int)sizeof buf);
		for (j = 0; j < n; j++) {
			seed = seed * 1103515245 + 12345;
			buf[j] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
		}
		reqfile_read_text("/nonexistent/g.txt", buf, n, &l);
		bad += garbage_bad(&l);
		nreq += l.n;
		nwarn += l.nwarn;
		req_list_free(&l);
	}
	/* Whatever the text, every requirement kept is whole and every warning is safe. */
	CHECK_INT(bad, 0);
	CHECK(nreq > 0 && nwarn > 0);	/* the garbage did reach both paths */
}

int
main(void)
{
	char	tmpl[] = "/tmp/venvdex-test-req.XXXXXX";

	if ((tmp = mkdtemp(tmpl)) == NULL)
		return 77;
	test_syntax();
	test_text();
	test_markers();
	test_files();
	test_warn_names();
	test_freeze_editable();
	test_url_version();
	test_garbage();
	{
		char	*cmd = xasprintf("rm -rf '%s'", tmp);

		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmp);
		free(cmd);
	}
	return check_done();
}
