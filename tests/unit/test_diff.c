/* Tests for diff.c on a temporary index: sets, verdicts, the past, dates. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "diff.h"
#include "index.h"
#include "util.h"

static char	*tmp;

static void
add(struct dist_list *l, const char *name, const char *version)
{
	struct dist	*d;
	char		 norm[128];

	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	d = &l->v[l->n++];
	memset(d, 0, sizeof *d);
	name_normalize(name, norm, sizeof norm);
	d->name = xstrdup(name);
	d->norm = xstrdup(norm);
	d->version = xstrdup(version);
	d->location = xstrdup("/site");
	d->format = "dist-info";
	d->size = 10;
}

static void
put_env(struct index *ix, const char *path, int64_t now, struct dist_list *l)
{
	struct env	e;

	memset(&e, 0, sizeof e);
	e.path = xstrdup(path);
	e.name = xstrdup(path_base(path));
	e.kind = KIND_VENV;
	e.python = xstrdup("3.11.7");
	e.fingerprint = now;
	CHECK_INT(index_put_env(ix, &e, 1, l, now, NULL), 0);
	env_free(&e);
	dist_list_free(l);
}

/* A JSON value of the result: json_extract(json, path) as text. */
static char *
jx(struct index *ix, const char *json, const char *path)
{
	sqlite3_stmt	*st;
	char		*r = NULL;

	if (json == NULL || sqlite3_prepare_v2(index_db(ix), "SELECT"
	    " json_extract(?1, ?2)", -1, &st, NULL) != SQLITE_OK)
		return xstrdup("(error)");
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		r = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return r != NULL ? r : xstrdup("(null)");
}

#define CHECK_JX(ix, json, path, want) do {			\
	char *v_ = jx((ix), (json), (path));			\
	CHECK_STR(v_, (want));					\
	free(v_);						\
} while (0)

static char *
write_file(const char *name, const char *text)
{
	char	*p = path_join(tmp, name);
	FILE	*f = fopen(p, "w");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	return p;
}

static char *
compare(struct index *ix, struct diff_side *a, struct diff_side *b,
    struct diff_result *r)
{
	char	*err = NULL, *j;

	if (!CHECK_INT(diff_compare(ix, a, b, r, &err), 0)) {
		fprintf(stderr, "diff_compare: %s\n", err);
		free(err);
		return NULL;
	}
	j = diff_json(ix, a, b, r, &err);
	if (!CHECK(j != NULL)) {
		fprintf(stderr, "diff_json: %s\n", err);
		free(err);
	}
	return j;
}

static void
test_sets(struct index *ix)
{
	struct diff_side	a, b;
	struct diff_result	r;
	char			*j, *err = NULL, *p;

	diff_side_env(&a, "/e/a");
	diff_side_env(&b, "/e/b");
	j = compare(ix, &a, &b, &r);
	CHECK_INT(r.verdicts, 0);
	CHECK_INT(r.only_a, 1);
	CHECK_INT(r.only_b, 1);
	CHECK_INT(r.changed, 2);
	CHECK_INT(r.same, 2);	/* numpy 1.26 == 1.26.0, six 1.0 == 1.0.0 */
	CHECK_JX(ix, j, "$.a", "/e/a");
	CHECK_JX(ix, j, "$.only_a", "[{\"name\":\"sqlparse\",\"version\":\"0.4.4\"}]");
	CHECK_JX(ix, j, "$.only_b", "[{\"name\":\"requests\",\"version\":\"2.31.0\"}]");
	CHECK_JX(ix, j, "$.changed[1]",
	    "{\"name\":\"Django\",\"a\":\"4.2.7\",\"b\":\"5.0\",\"direction\":\"up\"}");
	CHECK_JX(ix, j, "$.changed[0].direction", "down");
	CHECK_JX(ix, j, "$.same", "2");
	free(j);

	/* A freeze file is a package set; constraints and false markers do not count. */
	p = write_file("freeze.txt", "django==5.0\nNumPy==1.26.0\n"
	    "requests==2.31.0\nsix===1.0.0\nasgiref==3.5\n"
	    "win==1.0 ; sys_platform == 'win32'\n-c cons.txt\n");
	free(write_file("cons.txt", "zzz==1\n"));
	diff_side_free(&a);
	CHECK_INT(diff_side_file(ix, &a, p, &err), 0);
	free(p);
	CHECK_INT(a.kind, DIFF_FREEZE);
	j = compare(ix, &a, &b, &r);
	CHECK_INT(r.only_a + r.only_b + r.changed, 0);
	CHECK_INT(r.same, 5);
	free(j);
	diff_side_free(&a);

	/* Requirements with ranges: verdicts. */
	p = write_file("reqs.txt", "Django>=4.2,<5\nnumpy\nmissing-one==2.0\n"
	    "requests[socks]\n-c cons2.txt\nonlywin ; os_name == 'nt'\n");
	free(write_file("cons2.txt", "numpy<1.0\nsix<0.1\n"));
	CHECK_INT(diff_side_file(ix, &a, p, &err), 0);
	free(p);
	CHECK_INT(a.kind, DIFF_REQS);
	j = compare(ix, &b, &a, &r);
	CHECK_INT(r.verdicts, 1);
	CHECK_INT(r.satisfied, 1);	/* requests */
	CHECK_INT(r.unsatisfied, 2);	/* django 5.0, numpy by its constraint */
	CHECK_INT(r.missing, 1);
	CHECK_INT(r.extra, 2);		/* asgiref, six: constraints do not require */
	CHECK_JX(ix, j, "$.b", a.label);
	CHECK_JX(ix, j, "$.unsatisfied[0]",
	    "{\"name\":\"django\",\"installed\":\"5.0\",\"wanted\":\">=4.2,<5\"}");
	CHECK_JX(ix, j, "$.unsatisfied[1].wanted", "<1.0");	/* the constraint */
	CHECK_JX(ix, j, "$.missing", "[{\"name\":\"missing-one\",\"wanted\":\"==2.0\"}]");
	CHECK_JX(ix, j, "$.extra[0].name", "asgiref");
	free(j);
	/* Two requirement files with ranges cannot be compared. */
	CHECK_INT(diff_compare(ix, &a, &a, &r, &err), -1);
	free(err);
	diff_side_free(&a);
	diff_side_free(&b);

	/*
	 * pip freeze of wheels installed from files: "name @ file:///...whl".
	 * The file name gives the version: django's differs.
	 */
	p = write_file("urls.txt", "Django @ file:///w/Django-4.2.7-py3-none-any.whl\n"
	    "numpy @ file:///w/numpy-1.26.0-cp311-cp311-linux_x86_64.whl#sha256=0\n"
	    "requests @ git+https://x/requests.git@v2.31.0\n"
	    "six==1.0\nasgiref==3.5\n");
	CHECK_INT(diff_side_file(ix, &a, p, &err), 0);
	free(p);
	CHECK_INT(a.kind, DIFF_FREEZE);
	diff_side_env(&b, "/e/b");
	j = compare(ix, &b, &a, &r);
	CHECK_INT(r.changed, 1);
	CHECK_INT(r.same, 4);	/* requests: a VCS URL gives no version */
	CHECK_JX(ix, j, "$.changed[0]",
	    "{\"name\":\"django\",\"a\":\"5.0\",\"b\":\"4.2.7\",\"direction\":\"down\"}");
	free(j);
	diff_side_free(&a);
	/* The same URLs among ranges: the version must match. */
	p = write_file("urlreqs.txt", "Django @ file:///w/Django-4.2.7-py3-none-any.whl\n"
	    "numpy @ file:///w/numpy-1.26-py3-none-any.whl\nsix>=1\n");
	CHECK_INT(diff_side_file(ix, &a, p, &err), 0);
	free(p);
	CHECK_INT(a.kind, DIFF_REQS);
	j = compare(ix, &b, &a, &r);
	CHECK_INT(r.satisfied, 2);
	CHECK_INT(r.unsatisfied, 1);
	CHECK_JX(ix, j, "$.unsatisfied[0].wanted",
	    "@ file:///w/Django-4.2.7-py3-none-any.whl");
	free(j);
	diff_side_free(&a);
	diff_side_free(&b);

	/*
	 * Markers: decided for the environment's python where they can be;
	 * what cannot be known without running it is said, and counts.
	 */
	p = write_file("markers.txt", "six ; python_version < '3.8'\n"
	    "numpy ; python_version >= '3.11' and sys_platform != 'win32'\n"
	    "django ; platform_version == 'x'\n");
	CHECK_INT(diff_side_file(ix, &a, p, &err), 0);
	free(p);
	diff_side_env(&b, "/e/b");
	j = compare(ix, &b, &a, &r);
	CHECK_INT(r.satisfied, 2);	/* numpy, and django counted */
	CHECK_JX(ix, j, "$.extra[2].name", "six");
	CHECK_INT(a.reqs.nwarn, 1);
	CHECK(a.reqs.nwarn == 1 && strstr(a.reqs.warn[0], "markers.txt:3: marker "
	    "'platform_version == 'x'' needs platform_version") != NULL);
	free(j);
	diff_side_free(&b);
	/* Against a freeze file there is no python: said too. */
	p = write_file("pins.txt", "six==1.0\nnumpy==1.26\n");
	CHECK_INT(diff_side_file(ix, &b, p, &err), 0);
	free(p);
	j = compare(ix, &b, &a, &r);
	CHECK_INT(r.satisfied, 2);
	CHECK_INT(r.missing, 1);
	CHECK(a.reqs.nwarn == 4 && strstr(a.reqs.warn[1], "needs python_version") != NULL);
	free(j);
	diff_side_free(&a);
	diff_side_free(&b);

	/* Many lines, the same projects again and again: merged in order. */
	{
		struct sbuf	sb = { 0 };
		int		i;

		for (i = 0; i < 30000; i++)
			sbuf_printf(&sb, "pkg%d>=%d\n", i % 1000, i / 1000);
		sbuf_adds(&sb, "-c cons3.txt\n");
		free(write_file("cons3.txt", "pkg7<100\nsix<0\n"));
		p = write_file("many.txt", sb.s);
		sbuf_free(&sb);
		CHECK_INT(diff_side_file(ix, &a, p, &err), 0);
		free(p);
		diff_side_env(&b, "/e/b");
		j = compare(ix, &b, &a, &r);
		CHECK_INT(r.missing, 1000);
		CHECK_JX(ix, j, "$.missing[999].name", "pkg999");
		CHECK_JX(ix, j, "$.missing[667].name", "pkg7");
		CHECK_JX(ix, j, "$.missing[667].wanted", ">=0,>=1,>=2,>=3,>=4,>=5,>=6,"
		    ">=7,>=8,>=9,>=10,>=11,>=12,>=13,>=14,>=15,>=16,>=17,>=18,>=19,"
		    ">=20,>=21,>=22,>=23,>=24,>=25,>=26,>=27,>=28,>=29,<100");
		free(j);
		diff_side_free(&a);
		diff_side_free(&b);
	}

	/* A Pipfile.lock, through SQLite's JSON functions. */
	p = write_file("Pipfile.lock", "{\"_meta\": {}, \"default\": {"
	    "\"django\": {\"version\": \"==5.0\", \"markers\": \"python_version >= '3.8'\"},"
	    "\"numpy\": {\"version\": \"==1.26.0\"}, \"requests\": {\"version\": \"==2.31.0\"}},"
	    "\"develop\": {\"six\": {\"version\": \"==1.0\"}, \"asgiref\": {\"version\": \"==3.5\"},"
	    "\"old\": {\"version\": \"==1.0\", \"markers\": \"python_version < '3'\"}}}");
	CHECK_INT(diff_side_file(ix, &a, p, &err), 0);
	free(p);
	CHECK_INT(a.kind, DIFF_FREEZE);
	CHECK_INT(a.reqs.n, 6);
	diff_side_env(&b, "/e/b");
	j = compare(ix, &a, &b, &r);
	CHECK_INT(r.only_a + r.only_b + r.changed, 0);
	free(j);
	diff_side_free(&a);
	diff_side_free(&b);
	p = write_file("bad.lock", "{\"default\": [1, 2");
	CHECK_INT(diff_side_file(ix, &a, p, &err), -1);
	free(err);
	free(p);
}

static void
test_history(struct index *ix)
{
	struct diff_side	a, b;
	struct diff_result	r;
	char			*j, *err = NULL;

	/* /e/a: first seen at 100, changed at 200 and 300. */
	CHECK_INT(diff_side_at(ix, &a, "/e/a", 150, &err), 0);
	diff_side_env(&b, "/e/a");
	j = compare(ix, &a, &b, &r);
	CHECK_INT(r.only_a, 1);		/* pytest, removed at 200 */
	CHECK_INT(r.only_b, 3);		/* sqlparse, numpy, six: added at 300 */
	CHECK_INT(r.changed, 1);	/* django 4.1 -> 4.2.7 at 200 */
	CHECK_JX(ix, j, "$.changed[0].a", "4.1");
	CHECK_JX(ix, j, "$.only_a[0].name", "pytest");
	free(j);
	diff_side_free(&a);
	/* Between two dates. */
	CHECK_INT(diff_side_at(ix, &a, "/e/a", 250, &err), 0);
	diff_side_free(&b);
	CHECK_INT(diff_side_at(ix, &b, "/e/a", 100, &err), 0);
	j = compare(ix, &a, &b, &r);
	CHECK_INT(r.only_a, 0);
	CHECK_INT(r.only_b, 1);
	CHECK_INT(r.changed, 1);
	CHECK_JX(ix, j, "$.changed[0].direction", "down");
	free(j);
	diff_side_free(&a);
	diff_side_free(&b);
	/* Before the history starts. */
	CHECK_INT(diff_side_at(ix, &a, "/e/a", 99, &err), -1);
	CHECK(err != NULL && strstr(err, "history starts") != NULL);
	free(err);
	err = NULL;
	CHECK_INT(diff_side_at(ix, &a, "/e/none", 500, &err), -1);
	free(err);
}

static void
test_dates(void)
{
	struct tm	tm;
	int64_t		t, now;

	CHECK_INT(diff_parse_date("1700000000", &t), 0);
	CHECK_INT(t, 1700000000);
	CHECK_INT(diff_parse_date("@1700000000", &t), 0);
	CHECK_INT(t, 1700000000);
	CHECK_INT(diff_parse_date("2023-11-14T22:13:20Z", &t), 0);
	CHECK_INT(t, 1700000000);
	CHECK_INT(diff_parse_date("2023-11-14T22:13Z", &t), 0);
	CHECK_INT(t, 1700000000 - 20);
	CHECK_INT(diff_parse_date("2024-02-03", &t), 0);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = 124;
	tm.tm_mon = 1;
	tm.tm_mday = 3;
	tm.tm_isdst = -1;
	CHECK_INT(t, (int64_t)mktime(&tm));
	CHECK_INT(diff_parse_date("20240203", &t), 0);	/* the basic form */
	CHECK_INT(t, (int64_t)mktime(&tm));
	CHECK_INT(diff_parse_date("2024-02-03T10:11:12", &t), 0);
	/* What date -Iseconds prints: an offset from UTC. */
	CHECK_INT(diff_parse_date("2023-11-15T00:13:20+02:00", &t), 0);
	CHECK_INT(t, 1700000000);
	CHECK_INT(diff_parse_date("2023-11-14T17:13:20-0500", &t), 0);
	CHECK_INT(t, 1700000000);
	CHECK_INT(diff_parse_date("2023-11-14T23:13+01", &t), 0);
	CHECK_INT(t, 1700000000 - 20);
	CHECK_INT(diff_parse_date("2023-11-14T22:13:20+24:00", &t), -1);
	CHECK_INT(diff_parse_date("2023-11-14T22:13:20+1", &t), -1);
	CHECK_INT(diff_parse_date("2023-11-14+01:00", &t), -1);
	/* Relative: a time ago, today and yesterday at midnight. */
	now = (int64_t)time(NULL);
	CHECK_INT(diff_parse_date("3d", &t), 0);
	CHECK(t <= now - 3 * 86400 && t >= now - 3 * 86400 - 5);
	CHECK_INT(diff_parse_date("90min", &t), 0);
	CHECK(t <= now - 5400 && t >= now - 5400 - 5);
	CHECK_INT(diff_parse_date("2h", &t), 0);
	CHECK(t <= now - 7200 && t >= now - 7200 - 5);
	CHECK_INT(diff_parse_date("1w", &t), 0);
	CHECK(t <= now - 7 * 86400 && t >= now - 7 * 86400 - 5);
	CHECK_INT(diff_parse_date("30s", &t), 0);
	CHECK_INT(diff_parse_date("now", &t), 0);
	CHECK(t >= now && t <= now + 5);
	CHECK_INT(diff_parse_date("today", &t), 0);
	CHECK(t <= now && t > now - 86400 - 3600);
	CHECK_INT(diff_parse_date("yesterday", &t), 0);
	CHECK(t <= now - 86400 + 3600 && t > now - 2 * 86400 - 3600);
	CHECK_INT(diff_parse_date("3y", &t), -1);
	CHECK_INT(diff_parse_date("d", &t), -1);
	CHECK_INT(diff_parse_date("3 days", &t), -1);
	CHECK_INT(diff_parse_date("99999999999d", &t), -1);
	CHECK_INT(diff_parse_date("2024-13-01", &t), -1);
	CHECK_INT(diff_parse_date("20241301", &t), -1);
	CHECK_INT(diff_parse_date("2024-1-01", &t), -1);
	CHECK_INT(diff_parse_date("tomorrow", &t), -1);
	CHECK_INT(diff_parse_date("2024-02-03T10", &t), -1);
	CHECK_INT(diff_parse_date("", &t), -1);
	CHECK_INT(diff_parse_date("99999999999999999999999", &t), -1);
}

int
main(void)
{
	char			 tmpl[] = "/tmp/venvdex-test-diff.XXXXXX";
	struct dist_list	 l = { 0 };
	struct index		*ix;
	char			*db, *err, *cmd;

	if ((tmp = mkdtemp(tmpl)) == NULL)
		return 77;
	db = path_join(tmp, "index.db");
	if ((ix = index_open(db, &err)) == NULL) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	add(&l, "Django", "4.1");
	add(&l, "pytest", "7.0");
	add(&l, "asgiref", "3.6.0");
	put_env(ix, "/e/a", 100, &l);
	add(&l, "Django", "4.2.7");
	add(&l, "asgiref", "3.6.0");
	put_env(ix, "/e/a", 200, &l);
	add(&l, "Django", "4.2.7");
	add(&l, "asgiref", "3.6.0");
	add(&l, "sqlparse", "0.4.4");
	add(&l, "numpy", "1.26");
	add(&l, "six", "1.0");
	put_env(ix, "/e/a", 300, &l);
	add(&l, "django", "5.0");
	add(&l, "asgiref", "3.5");
	add(&l, "requests", "2.31.0");
	add(&l, "numpy", "1.26.0");
	add(&l, "six", "1.0.0");
	put_env(ix, "/e/b", 300, &l);
	test_sets(ix);
	test_history(ix);
	test_dates();
	index_close(ix);
	free(db);
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmp);
	free(cmd);
	return check_done();
}
