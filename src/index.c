/* index: the SQLite index: schema, migrations, writes and lookups. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "index.h"
#include "pep440.h"
#include "msg.h"
#include "rx.h"
#include "stale.h"
#include "str.h"
#include "util.h"

extern const char schema_sql[];

#define SCHEMA_VERSION	6
/*
 * PRAGMA application_id of a venvdex index ("vdex"): venvdex writes to no
 * other SQLite file. Indexes made before it was set (schemas 1 to 4) are
 * known by their tables, and get it when next opened for writing.
 */
#define INDEX_APP_ID	0x76646578
#define INDEX_BUSY_MS	5000	/* how long a write waits for another writer */

/* The statements the writes use, prepared on first use (index_stmt()). */
enum ix_stmt {
	IX_FIND, IX_INSERT, IX_UPDATE, IX_TOUCH, IX_OLD_PKGS, IX_DEL_PKGS,
	IX_ADD_PKG, IX_ADD_HIST, IX_SET_COUNT, IX_UNJUDGE, IX_NSTMT
};

struct index {
	sqlite3		*db;
	char		*path;
	char		*readonly;	/* why it was opened read-only, or NULL */
	int		 damage_told;	/* a message said it is damaged already */
	int		 views;		/* the temporary views are made */
	int		 bad_stmt;	/* a statement of index_stmt() failed */
	sqlite3_stmt	*st[IX_NSTMT];	/* index_stmt()'s, prepared when first used */
};

struct fp_entry {
	char	*path;
	int64_t	 fp, size;
};

struct index_fps {
	struct fp_entry	*v;
	size_t		 n;
};

/*
 * Corruption SQLite meets on any connection of the process, as its error
 * log reports it: a query that stops early on a damaged page must not pass
 * for a short answer.
 */
static int		index_corrupt;
static pthread_once_t	index_once = PTHREAD_ONCE_INIT;

static void
index_log(void *arg, int code, const char *msg)
{
	(void)arg;
	(void)msg;
	if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
		__atomic_store_n(&index_corrupt, 1, __ATOMIC_RELAXED);
}

static void
index_init_once(void)
{
	/* Fails harmlessly (SQLITE_MISUSE) once SQLite is initialised. */
	sqlite3_config(SQLITE_CONFIG_LOG, index_log, NULL);
	/*
	 * No bulk allocation of page cache lines when a connection first
	 * reads (by default room for 20 pages, each line touched to chain it:
	 * about 55 page faults, a tenth of `shell ENV -- true`'s CPU time, for
	 * commands that read a few pages). Pages are allocated one by one as
	 * they are read, as they are anyway past the first 20.
	 */
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
}

void
index_init(void)
{
	pthread_once(&index_once, index_init_once);
}

/* Schema migrations: migrations[i] takes version i+1 to i+2. */
static const char *migrations[] = {
	/* 1 -> 2: the walk's folder cache. */
	"CREATE TABLE IF NOT EXISTS walkdir (path TEXT PRIMARY KEY,"
	" mtime INTEGER NOT NULL, bits INTEGER NOT NULL, kids BLOB) WITHOUT ROWID;",
	/* 2 -> 3: environments deleted or found gone stay, marked. */
	"ALTER TABLE env ADD COLUMN gone INTEGER;",
	/* 3 -> 4: OSV advisories for audit. */
	"CREATE TABLE IF NOT EXISTS osv_source (id INTEGER PRIMARY KEY CHECK (id = 1),"
	" path TEXT NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL,"
	" hash TEXT NOT NULL, imported INTEGER NOT NULL, newest TEXT,"
	" records INTEGER NOT NULL);"
	" CREATE TABLE IF NOT EXISTS osv_vuln (id INTEGER PRIMARY KEY,"
	" osv TEXT NOT NULL, aliases TEXT, summary TEXT, severity TEXT,"
	" modified TEXT);"
	" CREATE TABLE IF NOT EXISTS osv_affected (vuln INTEGER NOT NULL"
	" REFERENCES osv_vuln(id) ON DELETE CASCADE, norm TEXT NOT NULL,"
	" versions TEXT, ranges TEXT);"
	" CREATE INDEX IF NOT EXISTS osv_affected_norm ON osv_affected(norm);",
	/*
	 * 4 -> 5: what finds a distribution's copies (dupes): its content
	 * digest and its largest file's inode. The next scan reads every
	 * environment again to fill them in.
	 */
	"ALTER TABLE pkg ADD COLUMN digest INTEGER;"
	" ALTER TABLE pkg ADD COLUMN inode INTEGER;"
	" CREATE INDEX IF NOT EXISTS pkg_digest ON pkg(digest, version, inode,"
	" size, name);"
	" UPDATE env SET fingerprint = NULL;",
	/*
	 * 5 -> 6: audit's verdicts kept between runs, the index by name that
	 * also covers the version (what audit's join reads) and the one of
	 * the environments on disk (their paths by id).
	 */
	"ALTER TABLE osv_source ADD COLUMN verdicts INTEGER NOT NULL DEFAULT 0;"
	" CREATE TABLE IF NOT EXISTS osv_verdict (norm TEXT NOT NULL,"
	" version TEXT NOT NULL, hits TEXT, PRIMARY KEY (norm, version))"
	" WITHOUT ROWID;"
	" DROP INDEX IF EXISTS pkg_norm;"
	" CREATE INDEX IF NOT EXISTS pkg_norm ON pkg(norm, version);"
	" CREATE INDEX IF NOT EXISTS env_ondisk ON env(id, path)"
	" WHERE gone IS NULL;",
};

char *
index_default_path(void)
{
	const char	*v = getenv("VENVDEX_DB");
	const char	*home = getenv("HOME");

	if (v != NULL && v[0] != '\0')
		return xstrdup(v);
	v = getenv("XDG_CACHE_HOME");
	if (v != NULL && v[0] == '/')
		return xasprintf("%s/venvdex/index.db", v);
	/* Never /.cache: main() takes HOME from the password file when unset. */
	if (home == NULL || home[0] != '/' || strcmp(home, "/") == 0)
		return NULL;
	return xasprintf("%s/.cache/venvdex/index.db", home);
}

/* repair(x): x as valid UTF-8, for JSON output of bytes read from disk. */
static void
sql_repair(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*s = (const char *)sqlite3_value_text(argv[0]);
	char		*r;

	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	r = u8_valid(s, (size_t)sqlite3_value_bytes(argv[0]));
	sqlite3_result_text(ctx, r, -1, free);
}

/* pep440_cmp(a, b): -1, 0, 1 (PEP 440 order), or NULL when either is NULL. */
static void
sql_pep440_cmp(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*a = (const char *)sqlite3_value_text(argv[0]);
	const char	*b = (const char *)sqlite3_value_text(argv[1]);

	(void)argc;
	if (a == NULL || b == NULL)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_int(ctx, pep440_cmp(a, b));
}

/* pep503(name): the PEP 503 normal form of a package name. */
static void
sql_pep503(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*s = (const char *)sqlite3_value_text(argv[0]);
	char		 norm[256];

	(void)argc;
	if (s == NULL || strlen(s) >= sizeof norm)
		sqlite3_result_null(ctx);
	else {
		name_normalize(s, norm, sizeof norm);
		sqlite3_result_text(ctx, norm, -1, SQLITE_TRANSIENT);
	}
}

/* pep440_norm(v): the normal form of a PEP 440 version, or v as it is. */
static void
sql_pep440_norm(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*s = (const char *)sqlite3_value_text(argv[0]);
	char		*n;

	(void)argc;
	if (s == NULL)
		sqlite3_result_null(ctx);
	else if ((n = pep440_normalize(s)) != NULL)
		sqlite3_result_text(ctx, n, -1, free);
	else
		sqlite3_result_text(ctx, s, -1, SQLITE_TRANSIENT);
}

/* The stale reasons as SQL rows (bit, JSON name), after a (0, NULL) row. */
#define STALE_SQL(name, bit, json, label, about) ", (" #bit ", '" json "')"

/*
 * The temporary views every query reads: stale reasons and the JSON object.
 * envx and envj hold the environments on disk; envxa and envja also those
 * gone (deleted, or found gone by a scan), which only `list --gone` shows.
 */
static int
index_views(struct index *ix)
{
	char	*sql;
	int	 rc;
	int64_t	 cutoff = (int64_t)time(NULL) - (int64_t)index_stale_days() * 86400;

	sql = xasprintf(
	    "CREATE TEMP VIEW IF NOT EXISTS envxa AS SELECT e.*,"
	    " max(coalesce(e.last_used, 0), coalesce(e.activated, 0)) AS used,"
	    " e.stale_bits | (CASE WHEN max(coalesce(e.last_used, 0),"
	    "   coalesce(e.activated, 0)) BETWEEN 1 AND %lld THEN %d ELSE 0 END) AS stale"
	    " FROM env e;"
	    "CREATE TEMP VIEW IF NOT EXISTS envx AS SELECT * FROM envxa"
	    " WHERE gone IS NULL;"
	    "CREATE TEMP VIEW IF NOT EXISTS envja AS SELECT x.*, json_object("
	    " 'path', repair(x.path), 'name', repair(x.name), 'kind', x.kind,"
	    " 'creator', repair(x.creator), 'manager', repair(x.manager),"
	    " 'python', repair(x.python),"
	    " 'base', repair(x.base), 'status', x.status,"
	    " 'stale', (SELECT json_group_array(column2) FROM (VALUES (0, NULL)"
	    STALE_REASONS(STALE_SQL) ") WHERE x.stale & column1),"
	    " 'packages', x.packages, 'size', x.size, 'project', repair(x.project),"
	    " 'last_used', nullif(x.used, 0), 'runnable', json(CASE WHEN x.windows"
	    "   THEN 'false' ELSE 'true' END), 'gone', x.gone) AS json FROM envxa x;"
	    "CREATE TEMP VIEW IF NOT EXISTS envj AS SELECT * FROM envja"
	    " WHERE gone IS NULL;",
	    (long long)cutoff, STALE_UNUSED);
	rc = sqlite3_exec(ix->db, sql, NULL, NULL, NULL);
	free(sql);
	return rc;
}

int
index_stale_days(void)
{
	const char	*v = getenv("VENVDEX_STALE_DAYS");
	long		 d;
	char		*end;

	if (v == NULL || *v == '\0')
		return 90;
	d = strtol(v, &end, 10);
	if (*end != '\0' || d < 1 || d > 100000)
		return 90;
	return (int)d;
}

static const char *const ix_stmt_sql[IX_NSTMT] = {
	[IX_FIND] = "SELECT id FROM env WHERE path = ?1",
	[IX_INSERT] = "INSERT INTO env (path, name, kind, creator, manager,"
	    " python, base, prompt, project, status, stale_bits, windows,"
	    " system_site, site, size, last_used, fingerprint, first_seen,"
	    " scanned) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,"
	    "?15,?16,?17,?18,?18)",
	[IX_UPDATE] = "UPDATE env SET name=?2, kind=?3, creator=?4, manager=?5,"
	    " python=?6, base=?7, prompt=?8, project=?9, status=?10,"
	    " stale_bits=?11, windows=?12, system_site=?13, site=?14,"
	    " size=coalesce(?15, size), last_used=?16, fingerprint=?17,"
	    " scanned=?18, gone=NULL WHERE path=?1",
	[IX_TOUCH] = "UPDATE env SET activated=?2 WHERE path=?1",
	[IX_OLD_PKGS] = "SELECT norm, name, version FROM pkg WHERE env_id=?1"
	    " ORDER BY norm",
	[IX_DEL_PKGS] = "DELETE FROM pkg WHERE env_id=?1",
	[IX_ADD_PKG] = "INSERT OR IGNORE INTO pkg (env_id, norm, name, version,"
	    " summary, installer, editable, requested, size, location, url,"
	    " format, requires, meta, digest, inode) VALUES (?1,?2,?3,?4,?5,?6,"
	    "?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)",
	[IX_ADD_HIST] = "INSERT INTO history (env_path, time, norm, name, old,"
	    " new) VALUES (?1,?2,?3,?4,?5,?6)",
	[IX_SET_COUNT] = "UPDATE env SET packages=?2 WHERE id=?1",
	[IX_UNJUDGE] = "UPDATE osv_source SET verdicts=0 WHERE verdicts<>0",
};

/*
 * Statement which, prepared the first time a write needs it (a command that
 * only reads prepares none). NULL if it cannot be: index_errmsg() then says
 * why (index_open() checked the columns they use, so that is rare).
 */
static int	exec(struct index *, const char *);

static sqlite3_stmt *
index_stmt(struct index *ix, enum ix_stmt which)
{
	if (ix->st[which] == NULL && sqlite3_prepare_v3(ix->db,
	    ix_stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT, &ix->st[which],
	    NULL) != SQLITE_OK) {
		ix->st[which] = NULL;
		ix->bad_stmt = 1;
		return NULL;
	}
	return ix->st[which];
}

/*
 * Whether the tables hold every column the writes and the views use: a
 * venvdex schema without them is damaged. Looked up in the schema SQLite
 * has read already, instead of preparing the statements to see them fail.
 */
static int
index_columns(struct index *ix)
{
	static const char *const env[] = { "id", "path", "name", "kind",
	    "creator", "manager", "python", "base", "prompt", "project",
	    "status", "stale_bits", "windows", "system_site", "site", "size",
	    "packages", "last_used", "fingerprint", "first_seen", "scanned",
	    "activated", "gone" };
	static const char *const pkg[] = { "env_id", "norm", "name", "version",
	    "summary", "installer", "editable", "requested", "size", "location",
	    "url", "format", "requires", "meta", "digest", "inode" };
	static const char *const history[] = { "env_path", "time", "norm",
	    "name", "old", "new" };
	static const struct {
		const char		*table;
		const char *const	*cols;
		size_t			 n;
	} t[] = {
		{ "env", env, nitems(env) },
		{ "pkg", pkg, nitems(pkg) },
		{ "history", history, nitems(history) },
	};
	size_t	i, j;
	int	rc = SQLITE_OK, again;

	for (again = 0; again < 2; again++) {
		for (i = 0; rc == SQLITE_OK && i < nitems(t); i++)
			for (j = 0; rc == SQLITE_OK && j < t[i].n; j++)
				rc = sqlite3_table_column_metadata(ix->db, "main",
				    t[i].table, t[i].cols[j], NULL, NULL, NULL,
				    NULL, NULL);
		if (rc == SQLITE_OK || again)
			break;
		/*
		 * The schema this connection read may be older than the file's:
		 * another venvdex made the tables while this one waited for the
		 * write lock. A statement that reads it notices (and reads it
		 * again); then look once more.
		 */
		if (exec(ix, "SELECT count(*) FROM sqlite_master") != SQLITE_OK)
			break;
		rc = SQLITE_OK;
	}
	return rc;
}

/*
 * The other processes that have the index (or its -wal) open, as "name
 * (pid N)", when /proc says; else NULL. Allocated.
 */
static char *
index_holders(const char *path)
{
	struct sbuf	 sb = { 0 };
	struct dirent	*p, *f;
	DIR		*proc, *fds;
	char		 real[PATH_MAX], link[PATH_MAX], buf[PATH_MAX + 64], comm[64];
	ssize_t		 n;
	size_t		 len, found = 0;
	FILE		*fp;

	if (realpath(path, real) == NULL || (proc = opendir("/proc")) == NULL)
		return NULL;
	len = strlen(real);
	while ((p = readdir(proc)) != NULL && found < 4) {
		if (p->d_name[0] < '1' || p->d_name[0] > '9' ||
		    atol(p->d_name) == (long)getpid())
			continue;
		snprintf(buf, sizeof buf, "/proc/%s/fd", p->d_name);
		if ((fds = opendir(buf)) == NULL)
			continue;
		while ((f = readdir(fds)) != NULL) {
			snprintf(buf, sizeof buf, "/proc/%s/fd/%s", p->d_name, f->d_name);
			if ((n = readlink(buf, link, sizeof link - 1)) <= 0)
				continue;
			link[n] = '\0';
			if (strncmp(link, real, len) != 0 || (link[len] != '\0' &&
			    strcmp(link + len, "-wal") != 0))
				continue;
			snprintf(buf, sizeof buf, "/proc/%s/comm", p->d_name);
			comm[0] = '\0';
			if ((fp = fopen(buf, "r")) != NULL) {
				if (fgets(comm, sizeof comm, fp) == NULL)
					comm[0] = '\0';
				fclose(fp);
			}
			comm[strcspn(comm, "\n")] = '\0';
			if (found++ > 0)
				sbuf_adds(&sb, ", ");
			if (found > 3)
				sbuf_adds(&sb, "...");
			else
				sbuf_printf(&sb, "%s pid %s", comm[0] != '\0' ?
				    comm : "?", p->d_name);
			break;
		}
		closedir(fds);
	}
	closedir(proc);
	return sb.s != NULL ? sbuf_steal(&sb) : NULL;
}

/* The file system holding path: its mount point and free space, as words. Allocated. */
static char *
index_fs(const char *path)
{
	struct statvfs	 vfs;
	struct stat	 st, up;
	char		 real[PATH_MAX], freebuf[32], *dir, *parent;

	dir = path_dir(path);
	if (realpath(dir, real) == NULL || stat(real, &st) == -1) {
		free(dir);
		return xasprintf("holding %s", path);
	}
	free(dir);
	dir = xstrdup(real);
	for (;;) {	/* up to the mount point: the last folder on the same device */
		parent = path_dir(dir);
		if (strcmp(parent, dir) == 0 || stat(parent, &up) == -1 ||
		    up.st_dev != st.st_dev) {
			free(parent);
			break;
		}
		free(dir);
		dir = parent;
	}
	freebuf[0] = '\0';
	if (statvfs(real, &vfs) == 0)
		fmt_size((int64_t)vfs.f_bavail * (int64_t)vfs.f_frsize, freebuf,
		    sizeof freebuf);
	parent = xasprintf("mounted on %s%s%s%s", dir, freebuf[0] != '\0' ? ", " :
	    "", freebuf, freebuf[0] != '\0' ? " free" : "");
	free(dir);
	return parent;
}

/* Is the failure rc (an extended code, and errno e) a full file system? */
static int
is_full(int rc, int e)
{
	return (rc & 0xff) == SQLITE_FULL || e == ENOSPC || e == EDQUOT;
}

static char *
full_message(const char *path)
{
	char	*fs = index_fs(path), *m;

	m = xasprintf("index %s: no space left on the file system %s; free some "
	    "space there (or give another index with --db) and scan again", path, fs);
	free(fs);
	return m;
}

static char *
damaged(const char *path, const char *why)
{
	return xasprintf("index %s cannot be used (%s); move it away (or delete "
	    "it) and run 'venvdex scan' to rebuild it", path, why);
}

char *
index_errmsg(struct index *ix, const char *what)
{
	int	 rc = sqlite3_extended_errcode(ix->db), e = sqlite3_system_errno(ix->db);
	char	*who, *m;

	if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB ||
	    (ix->bad_stmt && (rc & 0xff) == SQLITE_ERROR)) {
		/* A statement of ours that cannot be prepared: its schema. */
		ix->damage_told = 1;
		return damaged(ix->path, sqlite3_errmsg(ix->db));
	}
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
		who = index_holders(ix->path);
		m = xasprintf("the index is locked by another program%s%s%s, for "
		    "more than %d s: nothing more was written to %s; try again once "
		    "it is done", who != NULL ? " (" : "", who != NULL ? who : "",
		    who != NULL ? ")" : "", INDEX_BUSY_MS / 1000, ix->path);
		free(who);
		return m;
	}
	if (is_full(rc, e))
		return full_message(ix->path);
	if (what != NULL)
		return xasprintf("index: %s: %s", what, sqlite3_errmsg(ix->db));
	return xasprintf("index: %s", sqlite3_errmsg(ix->db));
}

void
index_msg_error(struct index *ix, const char *what)
{
	char	*m;

	if ((sqlite3_extended_errcode(ix->db) & 0xff) == SQLITE_CORRUPT ||
	    (sqlite3_extended_errcode(ix->db) & 0xff) == SQLITE_NOTADB) {
		if (ix->damage_told)
			return;
	}
	m = index_errmsg(ix, what);
	msg_error("%s", m);
	free(m);
}

/* Is rc (an extended code) damage to the file itself, rather than access to it? */
static int
is_damage(int rc)
{
	return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

/* Is rc a refusal to write, which a read-only connection may get around? */
static int
is_unwritable(int rc)
{
	return (rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN ||
	    (rc & 0xff) == SQLITE_PERM || (rc & 0xff) == SQLITE_AUTH;
}

/* The message for a failure rc on ix's connection: damage, or access. */
static char *
open_error(struct index *ix, int rc)
{
	const char	*msg = ix->db != NULL ? sqlite3_errmsg(ix->db) : "out of memory";
	int		 e = ix->db != NULL ? sqlite3_system_errno(ix->db) : 0;

	if (is_damage(rc))
		return damaged(ix->path, msg);
	if (is_full(rc, e))
		return full_message(ix->path);
	if (is_unwritable(rc) || (rc & 0xff) == SQLITE_IOERR)
		return xasprintf("cannot open index %s: %s%s%s%s; check the "
		    "permissions of the file and its folder, or give another "
		    "index with --db", ix->path, msg, e != 0 ? " (" : "",
		    e != 0 ? strerror(e) : "", e != 0 ? ")" : "");
	return xasprintf("cannot open index %s: %s", ix->path, msg);
}

static int
exec(struct index *ix, const char *sql)
{
	return sqlite3_exec(ix->db, sql, NULL, NULL, NULL);
}

/* The schema version the file holds now. */
static int
user_version(struct index *ix, int *ver)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = sqlite3_prepare_v2(ix->db, "PRAGMA user_version", -1, &st,
	    NULL)) != SQLITE_OK)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ver = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* path as an SQLite URI filename, with query parameters query ("" for none). */
static char *
index_uri(const char *path, const char *query)
{
	struct sbuf	 sb = { 0 };
	const char	*p;

	sbuf_adds(&sb, path[0] == '/' ? "file://" : "file:");
	for (p = path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			sbuf_printf(&sb, "%%%02X", (unsigned char)*p);
		else
			sbuf_addc(&sb, *p);
	}
	sbuf_adds(&sb, query);
	return sbuf_steal(&sb);
}

/*
 * Opens ix->path (with the URI query parameters query) and brings its schema
 * up to date. Read-only (flags without SQLITE_OPEN_READWRITE), an index that
 * would need writing is refused. Returns SQLITE_OK, or an error code with
 * *err set.
 */
static int
index_setup(struct index *ix, int flags, const char *query, char **err)
{
	static const char *const env_cols[] = { "path", "fingerprint", "scanned" };
	sqlite3_stmt	*st;
	int		 ver = -1, rc, i, tables = 0, ours = 0, appid = 0, known = 0;
	int		 rw = (flags & SQLITE_OPEN_READWRITE) != 0, persist = 1;
	char		*sql, *uri;

	uri = index_uri(ix->path, query);
	rc = sqlite3_open_v2(uri, &ix->db, flags | SQLITE_OPEN_NOMUTEX |
	    SQLITE_OPEN_URI, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_busy_timeout(ix->db, INDEX_BUSY_MS);
	sqlite3_extended_result_codes(ix->db, 1);
	/*
	 * Whose file is it? Ours by its application_id, or, made before that
	 * was set, by having venvdex's tables and no others.
	 */
	if ((rc = sqlite3_prepare_v2(ix->db, "SELECT (SELECT user_version FROM"
	    " pragma_user_version), (SELECT count(*) FROM sqlite_master),"
	    " (SELECT application_id FROM pragma_application_id),"
	    " (SELECT count(*) = 3 FROM sqlite_master WHERE type = 'table' AND"
	    "   name IN ('env', 'pkg', 'history')) AND (SELECT count(*) = 0 FROM"
	    "   sqlite_master WHERE type = 'table' AND name NOT IN ('env', 'pkg',"
	    "   'history', 'walkdir', 'osv_source', 'osv_vuln', 'osv_affected',"
	    "   'osv_verdict') AND name NOT LIKE 'sqlite%')", -1, &st, NULL)) !=
	    SQLITE_OK)
		goto fail;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ver = sqlite3_column_int(st, 0);
		tables = sqlite3_column_int(st, 1);
		appid = sqlite3_column_int(st, 2);
		known = sqlite3_column_int(st, 3);	/* venvdex's tables */
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		goto fail;
	/*
	 * And env has the columns every schema had. Looked up in the schema
	 * read already: pragma_table_info() cost more than the rest of the
	 * query (about 0.3 ms of every command's start).
	 */
	for (i = 0; known && i < (int)nitems(env_cols); i++)
		known = sqlite3_table_column_metadata(ix->db, "main", "env",
		    env_cols[i], NULL, NULL, NULL, NULL, NULL) == SQLITE_OK;
	ours = appid == INDEX_APP_ID || (appid == 0 && ver >= 1 && known);
	if ((tables > 0 || appid != 0 || ver != 0) && !ours) {
		/* Somebody else's database: not a file to add tables to. */
		*err = xasprintf("%s is an SQLite database, but not a venvdex "
		    "index; it was left untouched: give another file with --db",
		    ix->path);
		return SQLITE_ERROR;
	}
	if (ours && ver >= 1 && ver <= SCHEMA_VERSION && !known) {
		*err = damaged(ix->path, "its tables are missing");
		return SQLITE_CORRUPT;
	}
	if (ver > SCHEMA_VERSION) {
		*err = xasprintf("index %s was written by a newer venvdex (schema "
		    "%d, this one knows %d): use that venvdex, give this one another "
		    "index with --db, or move it away and run 'venvdex scan' to "
		    "rebuild it", ix->path, ver, SCHEMA_VERSION);
		return SQLITE_ERROR;
	}
	if (!rw) {
		if (ver != SCHEMA_VERSION) {
			*err = xasprintf("index %s is read-only and %s; it cannot be "
			    "used until it can be written", ix->path, ver == 0 ?
			    "empty" : "needs an upgrade");
			return SQLITE_READONLY;
		}
		return SQLITE_OK;
	}
	/*
	 * The -wal and -shm files stay when the last connection closes: the
	 * checkpoint at close runs as before and then empties the -wal
	 * (journal_size_limit 0) instead of deleting both, so a short command
	 * does not make two files and delete them again (two inodes and a
	 * change to the folder that its sync must then write: a millisecond
	 * of a create). A reader that may not write the folder finds them too.
	 */
	if ((rc = exec(ix, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	    " PRAGMA journal_size_limit=0; PRAGMA foreign_keys=ON;")) != SQLITE_OK)
		goto fail;
	sqlite3_file_control(ix->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	if (ver == SCHEMA_VERSION && appid == INDEX_APP_ID)
		return SQLITE_OK;
	/*
	 * Another venvdex may be making or upgrading this index at this very
	 * moment: decide under the write lock, from what the file holds then.
	 */
	if ((rc = exec(ix, "BEGIN IMMEDIATE")) != SQLITE_OK)
		goto fail;
	if ((rc = user_version(ix, &ver)) != SQLITE_OK)
		goto fail;
	if (ver == 0) {
		sql = xasprintf("%s PRAGMA user_version=%d;"
		    " PRAGMA application_id=%d;", schema_sql, SCHEMA_VERSION,
		    INDEX_APP_ID);
		rc = exec(ix, sql);
		free(sql);
		if (rc != SQLITE_OK)
			goto fail;
	}
	for (i = ver; i > 0 && i < SCHEMA_VERSION; i++) {
		sql = xasprintf("%s PRAGMA user_version=%d;", migrations[i - 1],
		    i + 1);
		rc = exec(ix, sql);
		free(sql);
		if (rc != SQLITE_OK)
			goto fail;
	}
	if (ver > 0 && appid == 0) {
		/* An index made before venvdex marked its own. */
		sql = xasprintf("PRAGMA application_id=%d;", INDEX_APP_ID);
		rc = exec(ix, sql);
		free(sql);
		if (rc != SQLITE_OK)
			goto fail;
	}
	if ((rc = exec(ix, "COMMIT")) != SQLITE_OK)
		goto fail;
	return SQLITE_OK;
fail:
	/* The code of the failure, not of what a rollback did since. */
	if (ix->db != NULL && sqlite3_extended_errcode(ix->db) != SQLITE_OK)
		rc = sqlite3_extended_errcode(ix->db);
	*err = open_error(ix, rc);
	return rc;
}

static void
index_disconnect(struct index *ix)
{
	sqlite3_stmt	*st;

	if (ix->db == NULL)
		return;
	while ((st = sqlite3_next_stmt(ix->db, NULL)) != NULL)
		sqlite3_finalize(st);
	sqlite3_close(ix->db);
	ix->db = NULL;
}

struct index *
index_open(const char *path, char **err)
{
	struct index	*ix = xcalloc(1, sizeof *ix);
	struct stat	 st;
	char		*dir, *wal, *rwerr = NULL;
	int		 rc;

	index_init();
	*err = NULL;
	if (path == NULL) {
		*err = xstrdup("no index: HOME is not set and this user has no home "
		    "folder; give one with --db FILE or VENVDEX_DB");
		free(ix);
		return NULL;
	}
	if (path[0] == '\0' || strcmp(path, ":memory:") == 0) {
		/* SQLite would keep it in memory (or a temporary file): lost at exit. */
		*err = xasprintf("%s is no index file: an index in memory is lost "
		    "when venvdex exits; give a file with --db FILE", path[0] ==
		    '\0' ? "an empty --db" : path);
		free(ix);
		return NULL;
	}
	ix->path = xstrdup(path);
	dir = path_dir(path);
	if (fs_mkdirs(dir, 0700) == -1 && stat(path, &st) == -1) {
		*err = xasprintf("cannot create %s: %s", dir, strerror(errno));
		free(dir);
		goto fail;
	}
	free(dir);
	rc = index_setup(ix, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "", &rwerr);
	if (rc != SQLITE_OK && is_unwritable(rc) && stat(path, &st) == 0) {
		/*
		 * A file or folder we may not write: reading may still do. In
		 * WAL mode, that needs the -shm file, or a folder where it can
		 * be made; else the file is read as it is (immutable: nobody
		 * can write it there either).
		 */
		index_disconnect(ix);
		rc = index_setup(ix, SQLITE_OPEN_READONLY, "", err);
		dir = path_dir(path);
		wal = xasprintf("%s-wal", path);
		if (rc != SQLITE_OK && access(dir, W_OK) == -1 &&
		    (stat(wal, &st) == -1 || st.st_size == 0)) {
			index_disconnect(ix);
			free(*err);
			*err = NULL;
			rc = index_setup(ix, SQLITE_OPEN_READONLY, "?immutable=1", err);
		}
		free(wal);
		free(dir);
		free(*err);
		*err = NULL;
	}
	if (rc != SQLITE_OK) {
		*err = rwerr;
		rwerr = NULL;
		goto fail;
	}
	if (rwerr != NULL || sqlite3_db_readonly(ix->db, "main") == 1)
		ix->readonly = xasprintf("index %s cannot be written (%s)", path,
		    access(path, W_OK) == -1 ? "the file is read-only" :
		    "its folder is read-only");
	free(rwerr);
	rwerr = NULL;
	sqlite3_create_function(ix->db, "repair", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_repair, NULL, NULL);
	sqlite3_create_function(ix->db, "pep440_cmp", 2, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_pep440_cmp, NULL, NULL);
	sqlite3_create_function(ix->db, "pep503", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_pep503, NULL, NULL);
	sqlite3_create_function(ix->db, "pep440_norm", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_pep440_norm, NULL, NULL);
	rx_sqlite_register(ix->db);
	if ((rc = index_columns(ix)) != SQLITE_OK) {
		/* A venvdex schema without its tables is damaged too. */
		rc = sqlite3_extended_errcode(ix->db);
		*err = rc == SQLITE_ERROR ? damaged(ix->path, sqlite3_errmsg(ix->db)) :
		    open_error(ix, rc);
		goto fail;
	}
	return ix;
fail:
	free(rwerr);
	index_close(ix);
	return NULL;
}

void
index_close(struct index *ix)
{
	if (ix == NULL)
		return;
	index_disconnect(ix);
	free(ix->readonly);
	free(ix->path);
	free(ix);
}

const char *
index_readonly(struct index *ix)
{
	return ix->readonly;
}

int
index_damaged(struct index *ix)
{
	(void)ix;
	return __atomic_load_n(&index_corrupt, __ATOMIC_RELAXED);
}

char *
index_damage(struct index *ix)
{
	if (!index_damaged(ix) || ix->damage_told)
		return NULL;
	return damaged(ix->path, "database disk image is malformed");
}

/*
 * The connection, for the queries of query.c and the other readers: the
 * temporary views they read are made on the first call, so that a command
 * which never asks (create, shell's writes) does not make them. Made inside
 * a transaction, they would go with its rollback: then made again next time.
 */
sqlite3 *
index_db(struct index *ix)
{
	if (!ix->views && index_views(ix) == SQLITE_OK)
		ix->views = sqlite3_get_autocommit(ix->db);
	return ix->db;
}

sqlite3 *
index_db_tables(struct index *ix)
{
	return ix->db;
}

static int
fp_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fp_entry *)a)->path,
	    ((const struct fp_entry *)b)->path);
}

struct index_fps *
index_fingerprints(struct index *ix)
{
	struct index_fps	*f = xcalloc(1, sizeof *f);
	sqlite3_stmt		*st;
	size_t			 cap = 0;

	if (sqlite3_prepare_v2(ix->db, "SELECT path, fingerprint, size FROM env"
	    " WHERE gone IS NULL",
	    -1, &st, NULL) != SQLITE_OK)
		return f;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (f->n == cap) {
			cap = cap ? cap * 2 : 64;
			f->v = xrealloc(f->v, cap * sizeof *f->v);
		}
		f->v[f->n].path = xstrdup((const char *)sqlite3_column_text(st, 0));
		f->v[f->n].fp = sqlite3_column_int64(st, 1);
		f->v[f->n].size = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 2);
		f->n++;
	}
	sqlite3_finalize(st);
	if (f->n > 1)
		xqsort(f->v, f->n, sizeof *f->v, fp_cmp);
	return f;
}

int
index_fps_get(const struct index_fps *f, const char *path, int64_t *fp,
    int64_t *size)
{
	struct fp_entry	 key, *e;

	if (f->n == 0)
		return 0;
	key.path = (char *)(uintptr_t)path;
	if ((e = bsearch(&key, f->v, f->n, sizeof *f->v, fp_cmp)) == NULL)
		return 0;
	if (fp != NULL)
		*fp = e->fp;
	if (size != NULL)
		*size = e->size;
	return 1;
}

void
index_fps_free(struct index_fps *f)
{
	size_t	i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++)
		free(f->v[i].path);
	free(f->v);
	free(f);
}

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static int
step_done(sqlite3_stmt *st)
{
	int	rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static int
dist_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dist *)a)->norm, ((const struct dist *)b)->norm);
}

static int
hist(struct index *ix, const char *env, int64_t now, const char *norm,
    const char *name, const char *old, const char *new)
{
	sqlite3_stmt	*st = index_stmt(ix, IX_ADD_HIST);

	if (st == NULL)
		return -1;
	bind_text(st, 1, env);
	sqlite3_bind_int64(st, 2, now);
	bind_text(st, 3, norm);
	bind_text(st, 4, name);
	bind_text(st, 5, old);
	bind_text(st, 6, new);
	return step_done(st);
}

/* Replaces env_id's packages with l, recording differences when record is set. */
static int
put_pkgs(struct index *ix, int64_t id, const char *path, struct dist_list *l,
    int64_t now, int record, int *changes)
{
	sqlite3_stmt	*o, *a = NULL, *del, *count, *unjudge;
	size_t		 i = 0;
	int		 rc, c, n = 0;

	if ((o = index_stmt(ix, IX_OLD_PKGS)) == NULL ||
	    (del = index_stmt(ix, IX_DEL_PKGS)) == NULL ||
	    (count = index_stmt(ix, IX_SET_COUNT)) == NULL ||
	    (l->n > 0 && (a = index_stmt(ix, IX_ADD_PKG)) == NULL))
		return -1;
	if (l->n > 1) {
		xqsort(l->v, l->n, sizeof *l->v, dist_cmp);
		dist_list_reindex(l);
	}
	sqlite3_bind_int64(o, 1, id);
	rc = sqlite3_step(o);
	while (record && (rc == SQLITE_ROW || i < l->n)) {
		const char *norm = rc == SQLITE_ROW ?
		    (const char *)sqlite3_column_text(o, 0) : NULL;

		c = norm == NULL ? 1 : i == l->n ? -1 : strcmp(norm, l->v[i].norm);
		if (c < 0) {		/* removed */
			hist(ix, path, now, norm, (const char *)sqlite3_column_text(o, 1),
			    (const char *)sqlite3_column_text(o, 2), NULL);
			n++;
			rc = sqlite3_step(o);
		} else if (c > 0) {	/* added */
			hist(ix, path, now, l->v[i].norm, l->v[i].name, NULL,
			    l->v[i].version);
			n++;
			i++;
		} else {
			const char *ov = (const char *)sqlite3_column_text(o, 2);

			if (strcmp(ov, l->v[i].version) != 0) {
				hist(ix, path, now, norm, l->v[i].name, ov,
				    l->v[i].version);
				n++;
			}
			i++;
			rc = sqlite3_step(o);
		}
	}
	sqlite3_reset(o);
	if (changes != NULL)
		*changes = n;

	sqlite3_bind_int64(del, 1, id);
	if (step_done(del) == -1)
		return -1;
	for (i = 0; i < l->n; i++) {
		const struct dist *d = &l->v[i];

		sqlite3_bind_int64(a, 1, id);
		bind_text(a, 2, d->norm);
		bind_text(a, 3, d->name);
		bind_text(a, 4, d->version);
		bind_text(a, 5, d->summary);
		bind_text(a, 6, d->installer);
		sqlite3_bind_int(a, 7, d->editable);
		sqlite3_bind_int(a, 8, d->requested);
		if (d->size >= 0)
			sqlite3_bind_int64(a, 9, d->size);
		bind_text(a, 10, d->location);
		bind_text(a, 11, d->url);
		bind_text(a, 12, d->format);
		bind_text(a, 13, d->requires);
		bind_text(a, 14, d->meta);
		if (d->digest != 0)
			sqlite3_bind_int64(a, 15, (int64_t)d->digest);
		if (d->inode != 0)
			sqlite3_bind_int64(a, 16, (int64_t)d->inode);
		if (step_done(a) == -1)
			return -1;
	}
	/*
	 * A (name, version) audit has no verdict on may be here now: it
	 * judges the new ones at its next run (audit.c). Unchanged packages
	 * (a re-scan, the history recording nothing) keep the verdicts whole.
	 */
	if ((!record || n > 0) && ((unjudge = index_stmt(ix, IX_UNJUDGE)) ==
	    NULL || step_done(unjudge) == -1))
		return -1;
	sqlite3_bind_int64(count, 1, id);
	sqlite3_bind_int64(count, 2, (int64_t)l->n);
	return step_done(count);
}

/*
 * The site column: e's site folders as a JSON array, made by SQLite (a
 * folder's name may hold a newline; query_env_sites() reads it, and the
 * one folder a line of indexes written before). Allocated; NULL for none.
 */
static char *
site_json(struct index *ix, const struct env *e)
{
	sqlite3_stmt	*st;
	char		*json = NULL, *next;
	size_t		 i;

	if (e->nsite == 0 || sqlite3_prepare_v2(ix->db, "SELECT json_insert("
	    "coalesce(?1, '[]'), '$[#]', ?2)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	for (i = 0; i < e->nsite; i++) {
		bind_text(st, 1, json);
		bind_text(st, 2, e->site[i]);
		next = NULL;
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_text(st, 0) != NULL)
			next = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		free(json);
		if ((json = next) == NULL)
			break;
	}
	sqlite3_finalize(st);
	return json;
}

int
index_put_env(struct index *ix, const struct env *e, int64_t size,
    struct dist_list *dists, int64_t now, int *changes)
{
	sqlite3_stmt	*st, *find;
	char		*site;
	int64_t		 id = -1;
	int		 existed;

	if (changes != NULL)
		*changes = 0;
	site = site_json(ix, e);
	if (sqlite3_exec(ix->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	if ((find = index_stmt(ix, IX_FIND)) == NULL)
		goto rollback;
	bind_text(find, 1, e->path);
	existed = sqlite3_step(find) == SQLITE_ROW;
	if (existed)
		id = sqlite3_column_int64(find, 0);
	sqlite3_reset(find);

	if ((st = index_stmt(ix, existed ? IX_UPDATE : IX_INSERT)) == NULL)
		goto rollback;
	bind_text(st, 1, e->path);
	bind_text(st, 2, e->name);
	bind_text(st, 3, env_kind_name(e->kind));
	bind_text(st, 4, e->creator);
	bind_text(st, 5, e->manager);
	bind_text(st, 6, e->python);
	bind_text(st, 7, e->base);
	bind_text(st, 8, e->prompt);
	bind_text(st, 9, e->project);
	bind_text(st, 10, e->unreadable ? "unreadable" : e->broken ? "broken" : "ok");
	sqlite3_bind_int(st, 11, e->stale);
	sqlite3_bind_int(st, 12, e->windows);
	sqlite3_bind_int(st, 13, e->system_site);
	bind_text(st, 14, site);
	if (size >= 0)
		sqlite3_bind_int64(st, 15, size);
	if (e->last_used > 0)
		sqlite3_bind_int64(st, 16, e->last_used);
	sqlite3_bind_int64(st, 17, dists != NULL || existed ? e->fingerprint : 0);
	sqlite3_bind_int64(st, 18, now);
	if (step_done(st) == -1)
		goto rollback;
	if (!existed)
		id = sqlite3_last_insert_rowid(ix->db);
	if (dists != NULL &&
	    put_pkgs(ix, id, e->path, dists, now, existed, changes) == -1)
		goto rollback;
	if (sqlite3_exec(ix->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto rollback;
	free(site);
	return 0;
rollback:
	index_msg_error(ix, e->path);
	sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
	free(site);
	return -1;
fail:
	index_msg_error(ix, NULL);
	free(site);
	return -1;
}

int
index_mark_gone(struct index *ix, const char *path, int64_t now)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(ix->db, "UPDATE env SET gone = ?2 WHERE path = ?1"
	    " AND gone IS NULL", -1, &st, NULL) != SQLITE_OK) {
		index_msg_error(ix, path);
		return -1;
	}
	bind_text(st, 1, path);
	sqlite3_bind_int64(st, 2, now);
	if (sqlite3_step(st) != SQLITE_DONE) {
		index_msg_error(ix, path);
		rc = -1;
	} else
		rc = sqlite3_changes(ix->db) > 0 ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

int
index_keep_unreadable(struct index *ix, const char *path, int64_t now)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(ix->db, "UPDATE env SET status = 'unreadable',"
	    " fingerprint = 0, scanned = ?2, gone = NULL WHERE path = ?1", -1, &st,
	    NULL) != SQLITE_OK) {
		index_msg_error(ix, path);
		return -1;
	}
	bind_text(st, 1, path);
	sqlite3_bind_int64(st, 2, now);
	if (sqlite3_step(st) != SQLITE_DONE) {
		index_msg_error(ix, path);
		rc = -1;
	} else
		rc = sqlite3_changes(ix->db) > 0 ? 1 : 0;
	sqlite3_finalize(st);
	return rc;
}

char **
index_env_paths(struct index *ix, size_t *n)
{
	sqlite3_stmt	*st;
	char		**v = NULL;
	size_t		 cap = 0;

	*n = 0;
	if (sqlite3_prepare_v2(ix->db, "SELECT path FROM env WHERE gone IS NULL",
	    -1, &st, NULL) != SQLITE_OK)
		return NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return v;
}

int64_t
index_env_count(struct index *ix)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;

	if (sqlite3_prepare_v2(ix->db, "SELECT count(*) FROM env WHERE gone IS NULL",
	    -1, &st, NULL) !=
	    SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int
index_env_fingerprint(struct index *ix, const char *path, int64_t *fp,
    int64_t *size)
{
	sqlite3_stmt	*st;
	int		 rc;

	*fp = 0;
	if (size != NULL)
		*size = -1;
	if (sqlite3_prepare_v2(ix->db, "SELECT coalesce(fingerprint, 0),"
	    " coalesce(size, -1) FROM env WHERE path = ?1", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	bind_text(st, 1, path);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*fp = sqlite3_column_int64(st, 0);
		if (size != NULL)
			*size = sqlite3_column_int64(st, 1);
		rc = 1;
	} else
		rc = rc == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

void
index_link_projects(struct index *ix, const char *(*project)(void *,
    const char *, const char *), void *arg)
{
	sqlite3_stmt	*q, *u;
	const char	*path, *proj;

	if (sqlite3_prepare_v2(ix->db, "SELECT path, manager FROM env"
	    " WHERE project IS NULL AND (manager IN ('poetry', 'hatch', 'pdm')"
	    " OR (manager IS NULL AND kind IN ('venv', 'virtualenv-legacy')))",
	    -1, &q, NULL) != SQLITE_OK)
		return;
	/* A venv without a manager that matches is one a poetry.toml moved. */
	if (sqlite3_prepare_v2(ix->db, "UPDATE env SET project = ?2,"
	    " manager = coalesce(manager, 'poetry'),"
	    " stale_bits = stale_bits & ~?3 WHERE path = ?1", -1, &u,
	    NULL) != SQLITE_OK) {
		sqlite3_finalize(q);
		return;
	}
	sqlite3_bind_int(u, 3, STALE_PROJECT);
	while (sqlite3_step(q) == SQLITE_ROW) {
		path = (const char *)sqlite3_column_text(q, 0);
		proj = project(arg, path, (const char *)sqlite3_column_text(q, 1));
		if (proj == NULL)
			continue;
		sqlite3_bind_text(u, 1, path, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(u, 2, proj, -1, SQLITE_TRANSIENT);
		sqlite3_step(u);
		sqlite3_reset(u);
	}
	sqlite3_finalize(u);
	sqlite3_finalize(q);
}

/* The indexed environment holding path (the longest indexed prefix), or NULL. */
static char *
lookup_path(struct index *ix, const char *path)
{
	sqlite3_stmt	*st;
	char		*r = NULL;

	if (sqlite3_prepare_v2(ix->db, "SELECT path FROM env WHERE path = ?1 OR"
	    " (substr(?1, 1, length(path) + 1) = path || '/')"
	    " ORDER BY length(path) DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	bind_text(st, 1, path);
	if (sqlite3_step(st) == SQLITE_ROW)
		r = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return r;
}

char *
index_resolve(struct index *ix, const char *arg, char **unindexed, char **err)
{
	struct sbuf	 sb = { 0 };
	struct stat	 sbuf;
	sqlite3_stmt	*st;
	char		*abs, *r = NULL, real[PATH_MAX];
	int		 n = 0;

	*err = NULL;
	*unindexed = NULL;
	if (strchr(arg, '/') != NULL || strcmp(arg, ".") == 0 ||
	    strcmp(arg, "..") == 0 || stat(arg, &sbuf) == 0) {
		abs = path_absolute(arg);
		if ((r = lookup_path(ix, abs)) == NULL &&
		    realpath(abs, real) != NULL)
			r = lookup_path(ix, real);
		if (r == NULL) {
			if ((*unindexed = probe_find_root(abs)) == NULL) {
				if (stat(abs, &sbuf) == -1)
					*err = xasprintf("%s: %s", arg, strerror(errno));
				else
					*err = xasprintf("%s: not inside a Python "
					    "environment", arg);
			}
		}
		free(abs);
		return r;
	}
	/* Those on disk answer; a gone one only when none on disk has the name. */
	if (sqlite3_prepare_v2(ix->db, "SELECT path FROM env WHERE name = ?1 AND"
	    " (gone IS NULL OR NOT EXISTS (SELECT 1 FROM env WHERE name = ?1 AND"
	    " gone IS NULL)) ORDER BY path", -1, &st, NULL) != SQLITE_OK) {
		*err = index_errmsg(ix, NULL);
		return NULL;
	}
	bind_text(st, 1, arg);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);

		if (n++ == 0)
			r = xstrdup(p);
		sbuf_printf(&sb, "\n  %s", p);
	}
	sqlite3_finalize(st);
	if (n == 0)
		*err = xasprintf("%s: no environment of that name in the index "
		    "(give a path, or run 'venvdex scan')", arg);
	else if (n > 1) {
		*err = xasprintf("%s: %d environments have that name; give a "
		    "path:%s", arg, n, sb.s);
		free(r);
		r = NULL;
	}
	sbuf_free(&sb);
	return r;
}

void
index_walk_cache(struct index *ix, struct walk_cache *c)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;

	memset(c, 0, sizeof *c);
	if (sqlite3_prepare_v2(ix->db, "SELECT path, mtime, bits, kids FROM walkdir"
	    " ORDER BY path", -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct walk_dir	*d;
		const void	*k = sqlite3_column_blob(st, 3);
		size_t		 kl = (size_t)sqlite3_column_bytes(st, 3);

		if (c->n == cap) {
			cap = cap ? cap * 2 : 1024;
			c->v = xrealloc(c->v, cap * sizeof *c->v);
		}
		d = &c->v[c->n++];
		d->path = xstrdup((const char *)sqlite3_column_text(st, 0));
		d->mtime = sqlite3_column_int64(st, 1);
		d->bits = (unsigned)sqlite3_column_int(st, 2);
		/* Names are NUL-terminated: a blob that is not is not trusted. */
		if (k != NULL && kl > 0 && ((const char *)k)[kl - 1] == '\0') {
			d->kids = xmalloc(kl);
			memcpy(d->kids, k, kl);
			d->kidslen = kl;
		} else {
			d->kids = NULL;
			d->kidslen = 0;
			if (k != NULL && kl > 0)
				d->mtime = 0;
		}
	}
	sqlite3_finalize(st);
	c->seen = xcalloc(c->n + 1, 1);
}

int
index_walk_save(struct index *ix, const struct walk_cache *c,
    const struct walk_dir *fresh, size_t nfresh, const struct walk_root *roots,
    size_t nroots)
{
	sqlite3_stmt	*put = NULL, *del = NULL;
	size_t		 i, r;
	int		 rc = -1;

	if (sqlite3_exec(ix->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(ix->db, "INSERT OR REPLACE INTO walkdir (path, mtime,"
	    " bits, kids) VALUES (?1, ?2, ?3, ?4)", -1, &put, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ix->db, "DELETE FROM walkdir WHERE path = ?1", -1, &del,
	    NULL) != SQLITE_OK)
		goto out;
	for (i = 0; i < nfresh; i++) {
		bind_text(put, 1, fresh[i].path);
		sqlite3_bind_int64(put, 2, fresh[i].mtime);
		sqlite3_bind_int(put, 3, (int)fresh[i].bits);
		if (fresh[i].kidslen > 0)
			sqlite3_bind_blob(put, 4, fresh[i].kids, (int)fresh[i].kidslen,
			    SQLITE_STATIC);
		if (step_done(put) == -1)
			goto out;
	}
	/* Folders under a walked root that the walk did not meet are gone. */
	for (i = 0; c != NULL && i < c->n; i++) {
		if (c->seen[i])
			continue;
		for (r = 0; r < nroots; r++) {
			if (!roots[r].probe_only && path_is_under(c->v[i].path,
			    roots[r].path)) {
				bind_text(del, 1, c->v[i].path);
				if (step_done(del) == -1)
					goto out;
				break;
			}
		}
	}
	rc = 0;
out:
	sqlite3_finalize(put);
	sqlite3_finalize(del);
	sqlite3_exec(ix->db, rc == 0 ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int
index_touch_activated(struct index *ix, const char *path, int64_t now)
{
	sqlite3_stmt	*st;

	if ((st = index_stmt(ix, IX_TOUCH)) == NULL)
		return -1;
	bind_text(st, 1, path);
	sqlite3_bind_int64(st, 2, now);
	return step_done(st);
}

/* --- OSV advisories -------------------------------------------------------- */

/*
 * One OSV record, ?1 (its JSON text): its own fields, when it is a record
 * of a PyPI package and not withdrawn. The record is parsed once here
 * (json_each of its top level) and once for its entries, not once a field.
 */
#define OSV_VULN_SQL "INSERT INTO osv_vuln (osv, aliases, summary, severity," \
	" modified) SELECT id, (SELECT group_concat(value, char(10)) FROM" \
	" json_each(aliases) WHERE type = 'text'), coalesce(nullif(summary, '')," \
	" substr(details, 1, instr(details || char(10), char(10)) - 1))," \
	" coalesce(dbsev, (SELECT value->>'$.type' || ' ' || (value->>'$.score')" \
	" FROM json_each(sev) LIMIT 1)), modified FROM (SELECT" \
	" max(iif(key = 'id' AND type = 'text', value, NULL)) AS id," \
	" max(iif(key = 'aliases' AND type = 'array', value, NULL)) AS aliases," \
	" max(iif(key = 'summary' AND type = 'text', value, NULL)) AS summary," \
	" max(iif(key = 'details' AND type = 'text', value, NULL)) AS details," \
	" max(iif(key = 'database_specific' AND type = 'object'," \
	" value->>'$.severity', NULL)) AS dbsev," \
	" max(iif(key = 'severity' AND type = 'array', value, NULL)) AS sev," \
	" max(iif(key = 'modified' AND type = 'text', value, NULL)) AS modified," \
	" max(key = 'withdrawn' AND type != 'null') AS withdrawn" \
	" FROM json_each(iif(json_valid(?1), ?1, '[]')))" \
	" WHERE id IS NOT NULL AND NOT withdrawn"

/* Its PyPI entries, for vuln ?2: versions normalised, ECOSYSTEM ranges' events. */
#define OSV_AFFECTED_SQL "INSERT INTO osv_affected (vuln, norm, versions, ranges)" \
	" SELECT ?2, pep503(a.value->>'$.package.name'), (SELECT" \
	" group_concat(pep440_norm(v.value), char(10)) FROM json_each(a.value," \
	" '$.versions') v WHERE v.type = 'text'), (SELECT group_concat(evs," \
	" char(10) || char(10)) FROM (SELECT (SELECT group_concat(k.key || ' ' ||" \
	" k.value, char(10)) FROM json_each(r.value, '$.events') ev," \
	" json_each(ev.value) k WHERE k.type = 'text' AND k.key IN ('introduced'," \
	" 'fixed', 'last_affected', 'limit')) AS evs FROM json_each(a.value," \
	" '$.ranges') r WHERE r.value->>'$.type' = 'ECOSYSTEM'))" \
	" FROM json_each(iif(json_valid(?1), ?1, '[]'), '$.affected') a" \
	" WHERE a.value->>'$.package.ecosystem' = 'PyPI'" \
	" AND typeof(a.value->>'$.package.name') = 'text'"

struct index_osv {
	struct index	*ix;
	sqlite3_stmt	*vuln, *aff, *del;
};

struct index_osv *
index_osv_begin(struct index *ix, char **err)
{
	struct index_osv	*o;

	if (exec(ix, "BEGIN IMMEDIATE; DELETE FROM osv_affected;"
	    " DELETE FROM osv_vuln; DELETE FROM osv_source;"
	    " DELETE FROM osv_verdict;") != SQLITE_OK) {
		*err = index_errmsg(ix, NULL);
		exec(ix, "ROLLBACK");
		return NULL;
	}
	o = xcalloc(1, sizeof *o);
	o->ix = ix;
	if (sqlite3_prepare_v2(ix->db, OSV_VULN_SQL, -1, &o->vuln, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(ix->db, OSV_AFFECTED_SQL, -1,
	    &o->aff, NULL) != SQLITE_OK || sqlite3_prepare_v2(ix->db,
	    "DELETE FROM osv_vuln WHERE id = ?1", -1, &o->del, NULL) != SQLITE_OK) {
		*err = index_errmsg(ix, NULL);
		index_osv_end(o, NULL, NULL);
		return NULL;
	}
	return o;
}

int
index_osv_add(struct index_osv *o, const char *json, size_t len, char **err)
{
	sqlite3		*db = o->ix->db;
	sqlite3_int64	 id;
	int		 rc;

	sqlite3_bind_text(o->vuln, 1, json, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(o->vuln);
	sqlite3_reset(o->vuln);
	sqlite3_clear_bindings(o->vuln);
	if (rc != SQLITE_DONE)
		goto fail;
	if (sqlite3_changes(db) == 0)
		return 0;
	id = sqlite3_last_insert_rowid(db);
	sqlite3_bind_text(o->aff, 1, json, (int)len, SQLITE_STATIC);
	sqlite3_bind_int64(o->aff, 2, id);
	rc = sqlite3_step(o->aff);
	sqlite3_reset(o->aff);
	sqlite3_clear_bindings(o->aff);
	if (rc != SQLITE_DONE)
		goto fail;
	if (sqlite3_changes(db) > 0)
		return 1;
	/* No entry of a PyPI package: not one of ours. */
	sqlite3_bind_int64(o->del, 1, id);
	rc = sqlite3_step(o->del);
	sqlite3_reset(o->del);
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	*err = index_errmsg(o->ix, NULL);
	return -1;
}

int
index_osv_end(struct index_osv *o, const struct index_osv_source *src,
    char **err)
{
	sqlite3_stmt	*st = NULL;
	int		 rc = -1;

	sqlite3_finalize(o->vuln);
	sqlite3_finalize(o->aff);
	sqlite3_finalize(o->del);
	if (src == NULL)
		goto out;
	if (sqlite3_prepare_v2(o->ix->db, "INSERT INTO osv_source (id, path, size,"
	    " mtime, hash, imported, newest, records) VALUES (1, ?1, ?2, ?3, ?4,"
	    " ?5, (SELECT max(modified) FROM osv_vuln), (SELECT count(*) FROM"
	    " osv_vuln))", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	bind_text(st, 1, src->path);
	sqlite3_bind_int64(st, 2, src->size);
	sqlite3_bind_int64(st, 3, src->mtime);
	bind_text(st, 4, src->hash);
	sqlite3_bind_int64(st, 5, src->imported);
	if (sqlite3_step(st) != SQLITE_DONE || exec(o->ix, "COMMIT") != SQLITE_OK)
		goto fail;
	rc = 0;
	goto out;
fail:
	if (err != NULL)
		*err = index_errmsg(o->ix, NULL);
out:
	sqlite3_finalize(st);
	if (rc != 0)
		exec(o->ix, "ROLLBACK");
	free(o);
	return rc;
}

int
index_osv_touch(struct index *ix, int64_t mtime)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(ix->db, "UPDATE osv_source SET mtime = ?1", -1,
	    &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, mtime);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

/* --- audit's verdicts --------------------------------------------------------- */

struct index_verdicts {
	struct index	*ix;
	sqlite3_stmt	*put;
};

struct index_verdicts *
index_verdicts_begin(struct index *ix)
{
	struct index_verdicts	*v;
	int			 rc;

	if (ix->readonly != NULL)
		return NULL;
	/* Not worth waiting for: without the lock, audit computes them. */
	sqlite3_busy_timeout(ix->db, 0);
	rc = exec(ix, "BEGIN IMMEDIATE");
	sqlite3_busy_timeout(ix->db, INDEX_BUSY_MS);
	if (rc != SQLITE_OK)
		return NULL;
	v = xcalloc(1, sizeof *v);
	v->ix = ix;
	if (sqlite3_prepare_v2(ix->db, "INSERT OR REPLACE INTO osv_verdict"
	    " (norm, version, hits) VALUES (?1, ?2, ?3)", -1, &v->put, NULL) !=
	    SQLITE_OK) {
		index_verdicts_end(v, 0);
		return NULL;
	}
	return v;
}

int
index_verdicts_put(struct index_verdicts *v, const char *norm,
    const char *version, const char *hits)
{
	bind_text(v->put, 1, norm);
	bind_text(v->put, 2, version);
	bind_text(v->put, 3, hits);
	return step_done(v->put);
}

int
index_verdicts_end(struct index_verdicts *v, int commit)
{
	struct index	*ix = v->ix;
	int		 rc = -1;

	sqlite3_finalize(v->put);
	free(v);
	if (!commit)
		rc = 0;
	else if (exec(ix, "UPDATE osv_source SET verdicts = 1") == SQLITE_OK &&
	    exec(ix, "COMMIT") == SQLITE_OK)
		return 0;
	exec(ix, "ROLLBACK");
	return rc;
}
