/* jsonf: JSON files read with SQLite's JSON functions. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "jsonf.h"
#include "msg.h"
#include "util.h"

struct jsonf {
	sqlite3		*db;		/* opened on first use */
	sqlite3_stmt	*conda;
	sqlite3_stmt	*direct;
	int		 broken;	/* the connection could not be made */
};

/* ?1 becomes NULL unless it is valid JSON, so the functions below never fail. */
#define JSONF_FROM " FROM (SELECT CASE WHEN json_valid(?1) THEN ?1 END AS t)"
#define JSONF_TEXT(path) \
	"CASE json_type(t, '" path "') WHEN 'text' THEN json_extract(t, '" path "') END"

static const char jsonf_conda_sql[] =
	"SELECT json_type(t), "
	JSONF_TEXT("$.name") ", "
	JSONF_TEXT("$.version") ", "
	JSONF_TEXT("$.channel") ", "
	JSONF_TEXT("$.url") ", "
	JSONF_TEXT("$.requested_spec") ", "
	"CASE json_type(t, '$.size') WHEN 'integer' THEN json_extract(t, '$.size') END, "
	"CASE json_type(t, '$.depends') WHEN 'array' THEN "
	"(SELECT group_concat(value, char(10)) FROM "
	"(SELECT value FROM json_each(t, '$.depends') WHERE type = 'text' ORDER BY key)) END"
	JSONF_FROM;

static const char jsonf_direct_sql[] =
	"SELECT json_type(t), "
	JSONF_TEXT("$.url") ", "
	"json_type(t, '$.dir_info.editable') = 'true'"
	JSONF_FROM;

/*
 * The reader costs nothing until a JSON file is met: most environments hold
 * none (a venv without conda-meta or direct_url.json), and opening SQLite
 * and preparing the two statements was 2 to 4% of a create without pip.
 */
struct jsonf *
jsonf_open(void)
{
	return xcalloc(1, sizeof(struct jsonf));
}

/*
 * Makes the connection and statements on first use; 0 if they cannot be
 * (what was made then waits for jsonf_close()).
 */
static int
jsonf_ready(struct jsonf *j)
{
	if (j->broken)
		return 0;
	if (j->db != NULL)
		return 1;
	if (sqlite3_open_v2(":memory:", &j->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v3(j->db, jsonf_conda_sql, -1,
	    SQLITE_PREPARE_PERSISTENT, &j->conda, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v3(j->db, jsonf_direct_sql, -1,
	    SQLITE_PREPARE_PERSISTENT, &j->direct, NULL) == SQLITE_OK)
		return 1;
	msg_error("json: %s", j->db != NULL ? sqlite3_errmsg(j->db) :
	    "cannot open sqlite");
	j->broken = 1;
	return 0;
}

void
jsonf_close(struct jsonf *j)
{
	if (j == NULL)
		return;
	sqlite3_finalize(j->conda);
	sqlite3_finalize(j->direct);
	sqlite3_close(j->db);
	free(j);
}

/*
 * SQLite before 3.42 takes an object or array as an object key when its last
 * value is a string ({"a":1,{"b":""}:2}), then crashes on it: reject any
 * key that does not start with '"'. Only the structure is scanned.
 */
static int
jsonf_keys_ok(const char *s, size_t len)
{
	unsigned char	obj[2048];	/* per level: 1 in an object */
	size_t		i, depth = 0;
	int		key = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			continue;
		if (key && s[i] != '"' && s[i] != '}')
			return 0;
		key = 0;
		switch (s[i]) {
		case '"':
			for (i++; i < len && s[i] != '"'; i++) {
				if (s[i] == '\\')
					i++;
			}
			break;
		case '{':
		case '[':
			if (depth == sizeof obj)
				return 0;
			obj[depth++] = s[i] == '{';
			key = s[i] == '{';
			break;
		case '}':
		case ']':
			if (depth > 0)
				depth--;
			break;
		case ',':
			key = depth > 0 && obj[depth - 1];
			break;
		}
	}
	return 1;
}

/* Binds text and steps once; 1 if the row holds a JSON object. */
static int
jsonf_run(sqlite3_stmt *st, const char *text, size_t len)
{
	const unsigned char	*type;

	if (len > INT_MAX || memchr(text, '\0', len) != NULL ||
	    !jsonf_keys_ok(text, len))
		return 0;
	if (sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) != SQLITE_ROW)
		return 0;
	type = sqlite3_column_text(st, 0);
	return type != NULL && strcmp((const char *)type, "object") == 0;
}

static void
jsonf_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static char *
jsonf_col(sqlite3_stmt *st, int col)
{
	const unsigned char	*s;

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NULL;
	s = sqlite3_column_text(st, col);
	if (s == NULL)
		return NULL;
	return u8_valid((const char *)s, (size_t)sqlite3_column_bytes(st, col));
}

static int
jsonf_subdir(const char *p, size_t n)
{
	static const char *const os[] = { "linux-", "osx-", "win-", "zos-",
	    "freebsd-", "emscripten-", "wasi-" };
	size_t	i, m;

	if (n == 6 && memcmp(p, "noarch", 6) == 0)
		return 1;
	for (i = 0; i < nitems(os); i++) {
		m = strlen(os[i]);
		if (n > m && memcmp(p, os[i], m) == 0)
			return 1;
	}
	return 0;
}

static int
jsonf_anaconda_host(const char *h, size_t n)
{
	static const char *const hosts[] = { "conda.anaconda.org",
	    "repo.anaconda.com", "repo.anaconda.cloud", "anaconda.org",
	    "repo.continuum.io" };
	size_t	i;

	for (i = 0; i < nitems(hosts); i++) {
		if (strlen(hosts[i]) == n && memcmp(h, hosts[i], n) == 0)
			return 1;
	}
	return 0;
}

/*
 * The channel of a channel name or URL: "conda-forge" for
 * https://conda.anaconda.org/conda-forge[/linux-64[/file]], "pkgs/main" for
 * repo.anaconda.com, else the URL without its subdir and file name.
 */
static char *
jsonf_channel(const char *s, int has_file)
{
	const char	*host = NULL, *hend = NULL, *path, *end, *q;

	if ((q = strstr(s, "://")) != NULL) {
		host = q + 3;
		hend = host + strcspn(host, "/:?#");
		path = host + strcspn(host, "/?#");
	} else
		path = s;
	end = path + strcspn(path, "?#");
	while (end > path && end[-1] == '/')
		end--;
	while (path < end && *path == '/')
		path++;
	if (has_file) {
		for (q = end; q > path && q[-1] != '/'; q--)
			;
		end = q;
		while (end > path && end[-1] == '/')
			end--;
	}
	for (q = end; q > path && q[-1] != '/'; q--)
		;
	if (q > path && jsonf_subdir(q, (size_t)(end - q))) {
		end = q;
		while (end > path && end[-1] == '/')
			end--;
	}
	if (host != NULL && !jsonf_anaconda_host(host, (size_t)(hend - host))) {
		while (end > host && end[-1] == '/')
			end--;
		return end > host ? xstrndup(s, (size_t)(end - s)) : NULL;
	}
	if (host != NULL && end - path > 2 && path[0] == 't' && path[1] == '/') {
		for (q = path + 2; q < end && *q != '/'; q++)
			;
		path = q < end ? q + 1 : end;
	}
	if (path == end)
		return NULL;
	return xstrndup(path, (size_t)(end - path));
}

int
jsonf_conda(struct jsonf *j, const char *text, size_t len,
    struct conda_pkg *pkg)
{
	sqlite3_stmt	*st;
	char		*url;

	memset(pkg, 0, sizeof *pkg);
	pkg->size = -1;
	if (!jsonf_ready(j))
		return -1;
	st = j->conda;
	if (!jsonf_run(st, text, len) || (pkg->name = jsonf_col(st, 1)) == NULL) {
		jsonf_done(st);
		return -1;
	}
	pkg->version = jsonf_col(st, 2);
	if ((url = jsonf_col(st, 3)) != NULL) {
		pkg->channel = jsonf_channel(url, 0);
		free(url);
	}
	if (pkg->channel == NULL && (url = jsonf_col(st, 4)) != NULL) {
		pkg->channel = jsonf_channel(url, 1);
		free(url);
	}
	pkg->requested = jsonf_col(st, 5);
	if (sqlite3_column_type(st, 6) == SQLITE_INTEGER &&
	    sqlite3_column_int64(st, 6) >= 0)
		pkg->size = sqlite3_column_int64(st, 6);
	pkg->depends = jsonf_col(st, 7);
	jsonf_done(st);
	return 0;
}

void
conda_pkg_free(struct conda_pkg *pkg)
{
	free(pkg->name);
	free(pkg->version);
	free(pkg->channel);
	free(pkg->requested);
	free(pkg->depends);
	memset(pkg, 0, sizeof *pkg);
	pkg->size = -1;
}

int
jsonf_direct_url(struct jsonf *j, const char *text, size_t len, char **url,
    int *editable)
{
	sqlite3_stmt	*st;

	*url = NULL;
	*editable = 0;
	if (!jsonf_ready(j))
		return -1;
	st = j->direct;
	if (!jsonf_run(st, text, len)) {
		jsonf_done(st);
		return -1;
	}
	*url = jsonf_col(st, 1);
	*editable = sqlite3_column_int(st, 2) == 1;
	jsonf_done(st);
	return 0;
}
