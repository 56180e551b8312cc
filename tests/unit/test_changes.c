/* Tests for changes.c: the JSON of what an action changed. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changes.h"
#include "check.h"
#include "index.h"
#include "util.h"

/* Whether SQLite takes json as valid JSON. */
static int
json_ok(struct index *ix, const char *json)
{
	sqlite3_stmt	*st;
	int		 ok = 0;

	if (sqlite3_prepare_v2(index_db(ix), "SELECT json_valid(?1)", -1, &st,
	    NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		ok = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return ok;
}

/*
 * Names and versions with invalid UTF-8 and control characters (read from
 * a package's METADATA) come out repaired and escaped, like every other
 * JSON output: regression test for changes.c's own escaping.
 */
static void
test_odd_bytes(struct index *ix)
{
	struct change	*v = xcalloc(2, sizeof *v);
	struct changes	 c;
	char		*json;

	memset(&c, 0, sizeof c);
	c.path = xstrdup("/e/\xff\x1b[31mvenv");
	v[0].kind = CHANGE_ADDED;
	v[0].name = xstrdup("bad\xc3\x28name\"\\");
	v[0].new = xstrdup("1.0\x01\n");
	v[0].old_size = -1;
	v[0].new_size = 12;
	v[1].kind = CHANGE_UPGRADED;
	v[1].name = xstrdup("ok");
	v[1].old = xstrdup("1.0");
	v[1].new = xstrdup("2.0\x80");
	v[1].old_size = 5;
	v[1].new_size = -1;
	c.v = v;
	c.n = 2;
	c.count[CHANGE_ADDED] = 1;
	c.count[CHANGE_UPGRADED] = 1;
	c.packages = 2;

	json = changes_json(ix, &c, 3);
	CHECK(json_ok(ix, json));
	CHECK(strstr(json, "\"env\": \"/e/\xef\xbf\xbd\\u001b[31mvenv\"") != NULL);
	CHECK(strstr(json, "\"name\": \"bad\xef\xbf\xbd(name\\\"\\\\\"") != NULL);
	CHECK(strstr(json, "\"version\": \"1.0\\u0001\\n\"") != NULL);
	CHECK(strstr(json, "\"new\": \"2.0\xef\xbf\xbd\"") != NULL);
	CHECK(strstr(json, "\"exit_status\": 3") != NULL);
	CHECK(strstr(json, "\"old_size\": 5, \"size\": null") != NULL);
	free(json);
	changes_free(&c);
}

int
main(void)
{
	char		 dir[] = "/tmp/venvdex-test-changes.XXXXXX";
	struct index	*ix;
	char		*db, *err = NULL, *cmd;

	if (mkdtemp(dir) == NULL)
		return 77;
	db = xasprintf("%s/index.db", dir);
	if ((ix = index_open(db, &err)) == NULL) {
		fprintf(stderr, "index_open: %s\n", err);
		return 1;
	}
	test_odd_bytes(ix);
	index_close(ix);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	free(db);
	return check_done();
}
