/* query: reads of the index for the command line and the browser. */
#include "config.h"

#include <stdint.h>

#include <sqlite3.h>

#include "index.h"
#include "msg.h"
#include "query.h"
#include "util.h"

int
query_env_pkgs(struct index *ix, const char *path,
    void (*fn)(const char *, const char *, const char *, int64_t, void *),
    void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(index_db(ix), "SELECT p.norm, p.name, p.version,"
	    " coalesce(p.size, -1) FROM pkg p JOIN env e ON e.id = p.env_id"
	    " WHERE e.path = ?1 ORDER BY p.norm", -1, &st, NULL) != SQLITE_OK) {
		msg_error("index: %s", sqlite3_errmsg(index_db(ix)));
		return -1;
	}
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    sqlite3_column_int64(st, 3), arg);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		msg_error("index: %s", sqlite3_errmsg(index_db(ix)));
		return -1;
	}
	return 0;
}

int
query_env_fingerprint(struct index *ix, const char *path, int64_t *fp,
    int64_t *size)
{
	sqlite3_stmt	*st;
	int		 found = 0;

	if (sqlite3_prepare_v2(index_db(ix), "SELECT coalesce(fingerprint, 0),"
	    " coalesce(size, -1) FROM env WHERE path = ?1", -1, &st,
	    NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*fp = sqlite3_column_int64(st, 0);
		*size = sqlite3_column_int64(st, 1);
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}
