/* Tests for meta.c: METADATA and PKG-INFO header blocks. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "meta.h"
#include "util.h"

#define S(lit) lit, sizeof(lit) - 1

static void
test_wheel(void)
{
	struct meta	m;

	meta_parse(S(
	    "Metadata-Version: 2.1\n"
	    "Name: requests\n"
	    "Version: 2.31.0\n"
	    "Summary: Python HTTP for Humans.\n"
	    "Home-page: https://requests.readthedocs.io\n"
	    "Author: Kenneth Reitz\n"
	    "License: Apache 2.0\n"
	    "Classifier: Programming Language :: Python :: 3\n"
	    "Requires-Python: >=3.7\n"
	    "Description-Content-Type: text/markdown\n"
	    "License-File: LICENSE\n"
	    "Requires-Dist: charset-normalizer (<4,>=2)\n"
	    "Requires-Dist: idna (<4,>=2.5)\n"
	    "Requires-Dist: urllib3 (<3,>=1.21.1)\n"
	    "Requires-Dist: certifi (>=2017.4.17)\n"
	    "Provides-Extra: socks\n"
	    "Requires-Dist: PySocks (!=1.5.7,>=1.5.6) ; extra == 'socks'\n"
	    "\n"
	    "# Requests\n"
	    "Name: not-this\n"
	    "Requires-Dist: nor-this\n"
	    "\n"
	    "Version: 9\n"), &m);
	CHECK_STR(m.name, "requests");
	CHECK_STR(m.version, "2.31.0");
	CHECK_STR(m.summary, "Python HTTP for Humans.");
	CHECK_STR(m.requires,
	    "charset-normalizer (<4,>=2)\n"
	    "idna (<4,>=2.5)\n"
	    "urllib3 (<3,>=1.21.1)\n"
	    "certifi (>=2017.4.17)\n"
	    "PySocks (!=1.5.7,>=1.5.6) ; extra == 'socks'");
	CHECK(m.headers != NULL && strncmp(m.headers,
	    "Metadata-Version: 2.1\nName: requests\n", 37) == 0);
	CHECK(m.headers != NULL && strstr(m.headers, "# Requests") == NULL);
	CHECK(m.headers != NULL &&
	    m.headers[strlen(m.headers) - 1] != '\n');
	meta_free(&m);
	CHECK(m.name == NULL && m.headers == NULL);
}

static void
test_folded(void)
{
	struct meta	m;

	meta_parse(S(
	    "Metadata-Version: 2.1\n"
	    "Name: folded\n"
	    "Version: 1.0\n"
	    "Summary:   A summary that\n"
	    "        goes on\n"
	    "\tand on   \n"
	    "License: Apache License\n"
	    "        Version 2.0, January 2004\n"
	    "        \n"
	    "        http://www.apache.org/licenses/\n"
	    "Requires-Dist: a\n"
	    "  (>=1)\n"
	    "Requires-Dist:\n"
	    "Requires-Dist:    \n"
	    "Requires-Dist: b\n"
	    "Requires-Dist:\n"
	    "  c\n"
	    "Requires-Dist:   \n"), &m);
	CHECK_STR(m.summary, "A summary that goes on and on");
	CHECK_STR(m.requires, "a (>=1)\nb\nc");
	CHECK(m.headers != NULL &&
	    strstr(m.headers, "License: Apache License\n        Version 2.0") != NULL);
	meta_free(&m);

	/* Other fields are joined with a newline. */
	meta_parse(S("Name: one\n two\nVersion: 1\n"), &m);
	CHECK_STR(m.name, "one\ntwo");
	CHECK_STR(m.version, "1");
	meta_free(&m);

	/* A folded line before any field is ignored. */
	meta_parse(S("  stray\nName: x\n"), &m);
	CHECK_STR(m.name, "x");
	meta_free(&m);

	/* A summary with its text only on the folded line. */
	meta_parse(S("Summary:\n    late text\n"), &m);
	CHECK_STR(m.summary, "late text");
	meta_free(&m);
}

static void
test_many_requires(void)
{
	struct meta	m;
	struct sbuf	in = { 0 }, want = { 0 };
	int		i;

	sbuf_adds(&in, "Metadata-Version: 2.1\nName: big\nVersion: 0.1\n");
	for (i = 0; i < 60; i++) {
		sbuf_printf(&in, "Requires-Dist: dep%d>=%d.0 ; extra == 'x%d'\n",
		    i, i, i % 3);
		if (i > 0)
			sbuf_addc(&want, '\n');
		sbuf_printf(&want, "dep%d>=%d.0 ; extra == 'x%d'", i, i, i % 3);
	}
	sbuf_adds(&in, "\nbody\n");
	meta_parse(in.s, in.len, &m);
	CHECK_STR(m.requires, want.s);
	CHECK_STR(m.name, "big");
	meta_free(&m);
	sbuf_free(&in);
	sbuf_free(&want);
}

static void
test_pkginfo(void)
{
	struct meta	m;

	meta_parse(S(
	    "Metadata-Version: 1.0\n"
	    "Name: oldpkg\n"
	    "Version: 0.1.dev0\n"
	    "Summary: An old package\n"
	    "Home-page: UNKNOWN\n"
	    "Author: A. Person\n"
	    "Author-email: a@example.com\n"
	    "License: UNKNOWN\n"
	    "Description: A long\n"
	    "        description.\n"
	    "        \n"
	    "        Name: in the description\n"
	    "Platform: UNKNOWN\n"), &m);
	CHECK_STR(m.name, "oldpkg");
	CHECK_STR(m.version, "0.1.dev0");
	CHECK_STR(m.summary, "An old package");
	CHECK_STR(m.requires, NULL);
	CHECK(m.headers != NULL && strstr(m.headers, "Platform: UNKNOWN") != NULL);
	meta_free(&m);

	/* Metadata 1.1 Requires. */
	meta_parse(S(
	    "Metadata-Version: 1.1\nName: p\nVersion: 1\n"
	    "Requires: foo\nRequires: bar (>1.0)\n"), &m);
	CHECK_STR(m.requires, "foo\nbar (>1.0)");
	meta_free(&m);

	/* With both, Requires-Dist is the one that counts. */
	meta_parse(S("Requires: old\nRequires-Dist: new\nRequires: older\n"), &m);
	CHECK_STR(m.requires, "new");
	meta_free(&m);
}

static void
test_encoding(void)
{
	struct meta	m;
	static const char	nul[] = "Name: a\0b\nVersion: 1\0\n\nName: z";

	/* CRLF line ends, and the empty line before the body. */
	meta_parse(S(
	    "Metadata-Version: 2.1\r\n"
	    "Name: crlf\r\n"
	    "Version: 3.0\r\n"
	    "Summary: Windows\r\n"
	    "  lines\r\n"
	    "Requires-Dist: x\r\n"
	    "Requires-Dist: y\r\n"
	    "\r\n"
	    "Name: body\r\n"), &m);
	CHECK_STR(m.name, "crlf");
	CHECK_STR(m.version, "3.0");
	CHECK_STR(m.summary, "Windows lines");
	CHECK_STR(m.requires, "x\ny");
	CHECK(m.headers != NULL && strchr(m.headers, '\r') == NULL);
	meta_free(&m);

	/* Latin-1 and stray bytes become U+FFFD; valid UTF-8 stays. */
	meta_parse(S(
	    "Name: caf\xe9\n"
	    "Summary: \xff\xfe na\xc3\xafve \xe2\x82\n"
	    "Version: 1\n"), &m);
	CHECK_STR(m.name, "caf\xef\xbf\xbd");
	CHECK_STR(m.summary,
	    "\xef\xbf\xbd\xef\xbf\xbd na\xc3\xafve \xef\xbf\xbd\xef\xbf\xbd");
	CHECK(m.headers != NULL && strstr(m.headers, "caf\xef\xbf\xbd") != NULL);
	meta_free(&m);

	/* NUL bytes are data, not the end: len is authoritative. */
	meta_parse(nul, sizeof nul - 1, &m);
	CHECK_STR(m.name, "a\xef\xbf\xbd" "b");
	CHECK_STR(m.version, "1\xef\xbf\xbd");
	meta_free(&m);

	/* Case-insensitive field names; the first Name wins. */
	meta_parse(S("NAME: Upper\nname: lower\nVERSION: 2\nrequires-DIST: r\n"
	    "summary: s\n"), &m);
	CHECK_STR(m.name, "Upper");
	CHECK_STR(m.version, "2");
	CHECK_STR(m.requires, "r");
	CHECK_STR(m.summary, "s");
	meta_free(&m);

	/* Field names are exact: no prefix matches. */
	meta_parse(S("Names: x\nVersion-Extra: 3\nRequires-Python: >=3\n"), &m);
	CHECK_STR(m.name, NULL);
	CHECK_STR(m.version, NULL);
	CHECK_STR(m.requires, NULL);
	meta_free(&m);
}

static void
test_edges(void)
{
	struct meta	 m;
	char		*junk;
	size_t		 i;

	/* Header only, no final newline. */
	meta_parse(S("Name: tail\nVersion: 1.2.3"), &m);
	CHECK_STR(m.name, "tail");
	CHECK_STR(m.version, "1.2.3");
	CHECK_STR(m.headers, "Name: tail\nVersion: 1.2.3");
	meta_free(&m);

	/* len cuts a field short, and nothing past it is read. */
	meta_parse("Name: truncated", 9, &m);
	CHECK_STR(m.name, "tru");
	meta_free(&m);

	/* Empty input, empty first line, a body only. */
	meta_parse("", 0, &m);
	CHECK(m.name == NULL && m.version == NULL && m.summary == NULL &&
	    m.requires == NULL && m.headers == NULL);
	meta_free(&m);
	meta_parse(S("\nName: x\n"), &m);
	CHECK_STR(m.name, NULL);
	CHECK_STR(m.headers, NULL);
	meta_free(&m);
	meta_parse(S("\r\n"), &m);
	CHECK_STR(m.headers, NULL);
	meta_free(&m);

	/* A line that is not a header ends the block, as in Python's email. */
	meta_parse(S("Name: a\nnot a header\nVersion: 1\n"), &m);
	CHECK_STR(m.name, "a");
	CHECK_STR(m.version, NULL);
	meta_free(&m);
	meta_parse(S("Name : spaced\n"), &m);
	CHECK_STR(m.name, NULL);
	meta_free(&m);

	/* Empty values are absent. */
	meta_parse(S("Name:\nVersion:   \nSummary:\n"), &m);
	CHECK_STR(m.name, NULL);
	CHECK_STR(m.version, NULL);
	CHECK_STR(m.summary, NULL);
	meta_free(&m);

	/* Value without a space after the colon; a UTF-8 BOM. */
	meta_parse(S("\xef\xbb\xbfName:tight\n"), &m);
	CHECK_STR(m.name, "tight");
	meta_free(&m);

	/* Binary garbage. */
	junk = malloc(4096);
	for (i = 0; i < 4096; i++)
		junk[i] = (char)((i * 2654435761u) >> 13);
	meta_parse(junk, 4096, &m);
	meta_free(&m);
	memcpy(junk, "Name: g\n", 8);
	meta_parse(junk, 4096, &m);
	CHECK_STR(m.name, "g");
	meta_free(&m);
	free(junk);
}

/* Large inputs must parse in linear time (quadratic would take minutes). */
static void
test_large(void)
{
	struct meta	 m;
	struct sbuf	 in = { 0 };
	size_t		 i;

	sbuf_adds(&in, "Name: big\nSummary: start\n");
	for (i = 0; i < 200000; i++)
		sbuf_adds(&in, " more words\n");
	for (i = 0; i < 200000; i++)
		sbuf_adds(&in, "Requires-Dist: x\n");
	meta_parse(in.s, in.len, &m);
	CHECK_STR(m.name, "big");
	CHECK(m.summary != NULL && strlen(m.summary) == 5 + 200000 * 11);
	CHECK(m.requires != NULL && strlen(m.requires) == 200000 * 2 - 1);
	meta_free(&m);
	sbuf_free(&in);

	/* One 8 MB line. */
	sbuf_adds(&in, "Summary: ");
	for (i = 0; i < 8 * 1024 * 1024; i++)
		sbuf_addc(&in, 'a' + (int)(i % 26));
	meta_parse(in.s, in.len, &m);
	CHECK(m.summary != NULL && strlen(m.summary) == 8 * 1024 * 1024);
	meta_free(&m);
	sbuf_free(&in);
}

/* requires.txt sections become markers, as importlib.metadata writes them. */
static void
test_requires_txt(void)
{
	const char	*t = "# comment\nrequests>=2\n\n[:python_version < \"3.5\"]\n"
	    "typing\n\n[fast]\nujson\n[socks:sys_platform == 'win32']\nPySocks\n";
	char		*r;

	r = meta_requires_txt(t, strlen(t));
	CHECK_STR(r, "requests>=2\ntyping; python_version < \"3.5\"\n"
	    "ujson; extra == \"fast\"\n"
	    "PySocks; (sys_platform == 'win32') and extra == \"socks\"");
	free(r);
	CHECK(meta_requires_txt("\n# none\n[x]\n", 12) == NULL);
	CHECK(meta_requires_txt("", 0) == NULL);
}

int
main(void)
{
	test_requires_txt();
	test_wheel();
	test_folded();
	test_many_requires();
	test_pkginfo();
	test_encoding();
	test_edges();
	test_large();
	return check_done();
}
