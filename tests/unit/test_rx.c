/* Tests for rx.c: smart case, errors, bytes that are not UTF-8, SQL REGEXP. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rx.h"
#include "util.h"

static int
m(const char *pattern, const char *s)
{
	struct rx	*rx;
	char		*err;
	int		 r;

	if ((rx = rx_compile(pattern, &err)) == NULL) {
		free(err);
		return -1;
	}
	r = rx_match(rx, s, strlen(s));
	rx_free(rx);
	return r;
}

#define HOG "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"

int
main(void)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	struct rx	*rx;
	char		*err;

	CHECK_INT(m("django", "Django"), 1);	/* lower case: caseless */
	CHECK_INT(m("Django", "django"), 0);	/* upper case: exact */
	CHECK_INT(m("Django", "Django"), 1);
	CHECK_INT(m("^num", "numpy"), 1);
	CHECK_INT(m("^py$", "numpy"), 0);
	CHECK_INT(m("\\Sx", "ax"), 1);		/* \S is not an upper-case letter */
	CHECK_INT(m("\\Sx", "AX"), 1);
	CHECK_INT(m("caf\xc3\xa9", "CAF\xc3\x89"), 1);
	CHECK_INT(m("a.c", "a\xff" "c"), 0);	/* bad UTF-8 never crashes */
	CHECK_INT(m("ok", "\xff\xfe ok"), 1);

	rx = rx_compile("(", &err);
	CHECK(rx == NULL);
	CHECK(err != NULL && strstr(err, "offset") != NULL);
	free(err);
	rx = rx_compile("[a-", &err);
	CHECK(rx == NULL);
	free(err);

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return 77;
	rx_sqlite_register(db);
	CHECK(sqlite3_prepare_v2(db, "SELECT count(*) FROM (SELECT 'requests' AS n"
	    " UNION ALL SELECT 'urllib3' UNION ALL SELECT 'Requests-OAuth')"
	    " WHERE n REGEXP ?1", -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, "^requests", -1, SQLITE_STATIC);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK_INT(sqlite3_column_int(st, 0), 2);
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, "(", -1, SQLITE_STATIC);
	CHECK(sqlite3_step(st) == SQLITE_ERROR);
	sqlite3_finalize(st);

	/*
	 * rx_limit_is_an_error: a pattern that backtracks without end hits
	 * PCRE2's match limit, which counted as "no match": a silent wrong
	 * answer. Now -1 with a reason, and an error in SQL.
	 */
	rx = rx_compile("(a+)+$", &err);
	CHECK(rx != NULL);
	CHECK_INT(rx_match(rx, HOG, strlen(HOG)), -1);
	CHECK(strstr(rx_error(rx), "limit") != NULL);
	CHECK_INT(rx_match(rx, "aaa", 3), 1);
	CHECK_INT(rx_match(rx, "b", 1), 0);
	rx_free(rx);
	CHECK(sqlite3_prepare_v2(db, "SELECT ?1 REGEXP '(a+)+$'", -1, &st,
	    NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, HOG, -1, SQLITE_STATIC);
	CHECK(sqlite3_step(st) == SQLITE_ERROR);
	CHECK(strstr(sqlite3_errmsg(db), "limit") != NULL);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return check_done();
}
