/* pipfile: Pipfile.lock's "default" and "develop", read with SQLite's JSON. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "pep440.h"
#include "pipfile.h"
#include "req.h"
#include "util.h"

int
pipfile_read_lock(sqlite3 *db, const char *path, const char *text,
    size_t len, struct req_list *l, char **err)
{
	static const char sql[] =
	    "SELECT j.key, json_extract(j.value, '$.version'),"
	    " json_extract(j.value, '$.markers'),"
	    " json_extract(j.value, '$.editable'),"
	    " coalesce(json_extract(j.value, '$.git'), json_extract(j.value, '$.path'),"
	    "  json_extract(j.value, '$.file')), s.section"
	    " FROM (SELECT 'default' AS section UNION ALL SELECT 'develop') s,"
	    " json_each(?1, '$.' || s.section) j"
	    " WHERE json_valid(?1) AND json_type(?1, '$.' || s.section) = 'object'"
	    " AND j.type = 'object' ORDER BY s.section, j.key";
	struct sbuf	 sb = { 0 };
	sqlite3_stmt	*st;
	struct req	 r;
	const char	*name, *ver, *mk, *src, *e;
	int		 rc;

	*err = NULL;
	if (len > INT_MAX) {
		*err = xasprintf("%s: too big for a lock file", path);
		return -1;
	}
	if (sqlite3_prepare_v2(db, "SELECT json_valid(?1)", -1, &st, NULL) !=
	    SQLITE_OK) {
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!rc) {
		*err = xasprintf("%s: not valid JSON", path);
		return -1;
	}
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		ver = (const char *)sqlite3_column_text(st, 1);
		mk = (const char *)sqlite3_column_text(st, 2);
		src = (const char *)sqlite3_column_text(st, 4);
		memset(&r, 0, sizeof r);
		if (name == NULL || *name == '\0')
			continue;
		req_set_name(&r, name, strlen(name));
		if (ver != NULL && strcmp(ver, "*") != 0) {
			sbuf_adds(&sb, "");
			for (e = ver; *e != '\0'; e++)
				if (!str_isspace((unsigned char)*e))
					sbuf_addc(&sb, *e);
			r.spec = sbuf_steal(&sb);
			if (!pep440_spec_valid(r.spec)) {
				req_warn(l, path, 0, "%s: bad version '%s'; skipped", name, ver);
				req_free(&r);
				continue;
			}
		} else
			r.spec = xstrdup("");
		if (mk != NULL && *mk != '\0')
			r.marker = xstrdup(mk);
		if (src != NULL)
			r.url = xstrdup(src);
		r.editable = sqlite3_column_int(st, 3);
		r.file = xstrdup(path);
		req_list_add(l, &r);
	}
	if (rc != SQLITE_DONE)
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return *err != NULL ? -1 : 0;
}
