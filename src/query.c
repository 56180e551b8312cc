/* query: reads of the index for the command line and the browser. */
#include "config.h"

#include <stdlib.h>

#include <sqlite3.h>

#include "index.h"
#include "query.h"
#include "util.h"

/* --- rm, clean, freeze ------------------------------------------------------ */

static const char *
qcol(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

char *
query_json_str(struct index *ix, const char *s)
{
	sqlite3_stmt	*st;
	char		*r = NULL;

	if (s == NULL)
		return xstrdup("null");
	if (sqlite3_prepare_v3(index_db(ix), "SELECT json_quote(repair(?1))", -1,
	    0, &st, NULL) != SQLITE_OK)
		return xstrdup("null");
	sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && qcol(st, 0) != NULL)
		r = xstrdup(qcol(st, 0));
	sqlite3_finalize(st);
	return r != NULL ? r : xstrdup("null");
}

int
query_env_bases(struct index *ix, void (*fn)(const char *, const char *, void *),
    void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(index_db(ix), "SELECT path, base FROM env WHERE"
	    " gone IS NULL AND base IS NOT NULL ORDER BY path", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(qcol(st, 0), qcol(st, 1), arg);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
query_stale_envs(struct index *ix, int64_t cutoff,
    void (*fn)(const struct query_stale *, void *), void *arg)
{
	struct query_stale	 q;
	sqlite3_stmt		*st;
	int			 rc;

	if (sqlite3_prepare_v2(index_db(ix), "SELECT * FROM (SELECT path, name,"
	    " kind, manager, python, project, stale_bits | (CASE WHEN used"
	    " BETWEEN 1 AND ?1 THEN ?2 ELSE 0 END) AS bits, used, size FROM envx)"
	    " WHERE bits != 0 ORDER BY coalesce(size, 0) DESC, path", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, cutoff);
	sqlite3_bind_int(st, 2, STALE_UNUSED);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		q.path = qcol(st, 0);
		q.name = qcol(st, 1);
		q.kind = qcol(st, 2);
		q.manager = qcol(st, 3);
		q.python = qcol(st, 4);
		q.project = qcol(st, 5);
		q.bits = sqlite3_column_int(st, 6);
		q.used = sqlite3_column_int64(st, 7);
		q.size = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 8);
		fn(&q, arg);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
query_freeze(struct index *ix, const char *path, char **python,
    void (*fn)(const struct query_freeze_pkg *, void *), void *arg)
{
	struct query_freeze_pkg	 p;
	sqlite3_stmt		*st;
	int64_t			 id;
	int			 rc, n = 0;

	if (python != NULL)
		*python = NULL;
	if (sqlite3_prepare_v2(index_db(ix), "SELECT id, python FROM env WHERE"
	    " path = ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return -1;
	}
	id = sqlite3_column_int64(st, 0);
	if (python != NULL && qcol(st, 1) != NULL)
		*python = xstrdup(qcol(st, 1));
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(index_db(ix), "SELECT name, version, editable, url"
	    " FROM pkg WHERE env_id = ?1 ORDER BY lower(name), name", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p.name = qcol(st, 0);
		p.version = qcol(st, 1);
		p.editable = sqlite3_column_int(st, 2);
		p.url = qcol(st, 3);
		if (fn != NULL)
			fn(&p, arg);
		n++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? n : -1;
}
