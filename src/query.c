/* query: reads of the index for the command line and the browser. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "index.h"
#include "query.h"
#include "util.h"

static int
query_newest_first(const void *a, const void *b)
{
	const char *const	*x = a, *const *y = b;

	/* Each string is "VERSION\nBASE": compare the versions as numbers. */
	return natcmp(*y, *x);
}

char **
query_interpreters(struct index *ix, const char *version, size_t *n)
{
	sqlite3_stmt	*st;
	char		**v = NULL, *nl;
	size_t		 i, cap = 0;

	*n = 0;
	if (sqlite3_prepare_v2(index_db(ix),
	    "SELECT python, base FROM env WHERE kind = 'interpreter'"
	    " AND status = 'ok' AND windows = 0 AND base IS NOT NULL"
	    " AND python IS NOT NULL AND (python = ?1 OR"
	    " substr(python, 1, length(?1) + 1) = ?1 || '.')",
	    -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, version, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap)
			v = xrealloc(v, (cap = cap ? cap * 2 : 8) * sizeof *v);
		v[(*n)++] = xasprintf("%s\n%s", sqlite3_column_text(st, 0),
		    sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (*n > 1)
		qsort(v, *n, sizeof *v, query_newest_first);
	for (i = 0; i < *n; i++) {
		nl = strchr(v[i], '\n');
		memmove(v[i], nl + 1, strlen(nl + 1) + 1);
	}
	return v;
}

char *
query_env_json(struct index *ix, const char *path)
{
	sqlite3_stmt	*st;
	char		*json = NULL;

	if (sqlite3_prepare_v2(index_db(ix),
	    "SELECT json FROM envj WHERE path = ?1", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		json = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return json;
}
