/* Tests for index.c: writes, history, fingerprints, lookups, damage. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "index.h"
#include "util.h"

extern const char schema_sql[];

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

static int64_t
count(struct index *ix, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 n = -1;

	if (sqlite3_prepare_v2(index_db(ix), sql, -1, &st, NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
fake_env(struct env *e, const char *path, const char *name, int64_t fp)
{
	memset(e, 0, sizeof *e);
	e->path = xstrdup(path);
	e->name = xstrdup(name);
	e->kind = KIND_VENV;
	e->creator = "venv";
	e->python = xstrdup("3.11.7");
	e->fingerprint = fp;
	e->last_used = 1000;
}

static void
test_writes(void)
{
	struct dist_list	 l = { 0 };
	struct index_fps	*fps;
	struct index		*ix;
	struct env		 e, f;
	char			*db = path_join(tmp, "sub/dir/index.db"), *err, *r, *un;
	int64_t			 fp, size;
	int			 changes;

	ix = index_open(db, &err);
	if (!CHECK(ix != NULL))
		return;
	fake_env(&e, "/home/u/app/.venv", "app", 42);
	add(&l, "Django", "4.2.7");
	add(&l, "asgiref", "3.7.2");
	add(&l, "sqlparse", "0.4.4");
	CHECK_INT(index_put_env(ix, &e, 5000, &l, 100, &changes), 0);
	CHECK_INT(changes, 0);	/* the first sight is not history */
	CHECK_INT(count(ix, "SELECT count(*) FROM pkg"), 3);
	CHECK_INT(count(ix, "SELECT packages FROM env"), 3);
	CHECK_INT(count(ix, "SELECT count(*) FROM history"), 0);
	dist_list_free(&l);

	/* Django upgraded, sqlparse removed, requests added. */
	add(&l, "requests", "2.31.0");
	add(&l, "Django", "5.0");
	add(&l, "asgiref", "3.7.2");
	CHECK_INT(index_put_env(ix, &e, 6000, &l, 200, &changes), 0);
	CHECK_INT(changes, 3);
	CHECK_INT(count(ix, "SELECT count(*) FROM history WHERE norm = 'django'"
	    " AND old = '4.2.7' AND new = '5.0' AND time = 200"), 1);
	CHECK_INT(count(ix, "SELECT count(*) FROM history WHERE norm = 'sqlparse'"
	    " AND new IS NULL"), 1);
	CHECK_INT(count(ix, "SELECT count(*) FROM history WHERE norm = 'requests'"
	    " AND old IS NULL"), 1);
	CHECK_INT(count(ix, "SELECT size FROM env"), 6000);

	/* Unchanged packages: only the environment's fields. */
	e.last_used = 3000;
	CHECK_INT(index_put_env(ix, &e, -1, NULL, 300, NULL), 0);
	CHECK_INT(count(ix, "SELECT count(*) FROM pkg"), 3);
	CHECK_INT(count(ix, "SELECT size FROM env"), 6000);
	CHECK_INT(count(ix, "SELECT last_used FROM env"), 3000);

	fps = index_fingerprints(ix);
	CHECK_INT(index_fps_get(fps, "/home/u/app/.venv", &fp, &size), 1);
	CHECK_INT(fp, 42);
	CHECK_INT(size, 6000);
	CHECK_INT(index_fps_get(fps, "/home/u/other", &fp, &size), 0);
	index_fps_free(fps);

	/* Lookups by name and by a path inside; ambiguity is an error. */
	r = index_resolve(ix, "app", &un, &err);
	CHECK_STR(r, "/home/u/app/.venv");
	free(r);
	r = index_resolve(ix, "/home/u/app/.venv/lib/python3.11", &un, &err);
	CHECK_STR(r, "/home/u/app/.venv");
	free(r);
	r = index_resolve(ix, "/home/u/app/.venvx", &un, &err);
	CHECK(r == NULL);
	free(err);
	fake_env(&f, "/home/v/app/.venv", "app", 1);
	CHECK_INT(index_put_env(ix, &f, 1, &l, 100, NULL), 0);
	r = index_resolve(ix, "app", &un, &err);
	CHECK(r == NULL);
	CHECK(err != NULL && strstr(err, "2 environments") != NULL);
	free(err);
	r = index_resolve(ix, "nosuch", &un, &err);
	CHECK(r == NULL && err != NULL);
	free(err);

	/* The JSON view. */
	CHECK_INT(count(ix, "SELECT count(*) FROM envj WHERE json_extract(json,"
	    " '$.status') = 'ok' AND json_extract(json, '$.python') = '3.11.7'"), 2);
	CHECK_INT(count(ix, "SELECT count(*) FROM envj WHERE json_array_length("
	    "json_extract(json, '$.stale')) = 1"), 2);	/* unused: 1970 */

	/*
	 * Gone: kept with its packages and history, out of the views of
	 * what is on disk, and out of the fingerprints (a scan that finds it
	 * again reads it afresh). Its name still resolves, while no
	 * environment on disk has it.
	 */
	CHECK_INT(index_mark_gone(ix, "/home/u/app/.venv", 400), 0);
	CHECK_INT(index_mark_gone(ix, "/home/u/app/.venv", 500), -1);
	CHECK_INT(index_env_count(ix), 1);
	CHECK_INT(count(ix, "SELECT count(*) FROM pkg"), 6);
	CHECK_INT(count(ix, "SELECT count(*) FROM history"), 3);
	CHECK_INT(count(ix, "SELECT count(*) FROM envx WHERE 'Foo' REGEXP 'fo+'"), 1);
	CHECK_INT(count(ix, "SELECT count(*) FROM envj"), 1);
	CHECK_INT(count(ix, "SELECT json_extract(json, '$.gone') FROM envja WHERE"
	    " path = '/home/u/app/.venv'"), 400);
	fps = index_fingerprints(ix);
	CHECK_INT(index_fps_get(fps, "/home/u/app/.venv", &fp, &size), 0);
	index_fps_free(fps);
	r = index_resolve(ix, "app", &un, &err);
	CHECK_STR(r, "/home/v/app/.venv");
	free(r);
	r = index_resolve(ix, "/home/u/app/.venv", &un, &err);
	CHECK_STR(r, "/home/u/app/.venv");
	free(r);
	/* Found again: on disk once more. */
	CHECK_INT(index_put_env(ix, &e, -1, NULL, 600, NULL), 0);
	CHECK_INT(index_env_count(ix), 2);
	CHECK_INT(count(ix, "SELECT count(*) FROM env WHERE gone IS NOT NULL"), 0);
	CHECK_INT(index_mark_gone(ix, "/home/v/app/.venv", 700), 0);
	CHECK_INT(index_env_count(ix), 1);
	index_close(ix);

	/* Reopening keeps everything. */
	ix = index_open(db, &err);
	if (CHECK(ix != NULL)) {
		CHECK_INT(index_env_count(ix), 1);
		CHECK_INT(count(ix, "PRAGMA user_version"), 6);
		CHECK_INT(count(ix, "SELECT count(*) FROM pragma_journal_mode"
		    " WHERE journal_mode = 'wal'"), 1);
		index_close(ix);
	}
	dist_list_free(&l);
	env_free(&e);
	env_free(&f);
	free(db);
}

static void
test_damaged(void)
{
	char	*db = path_join(tmp, "bad.db"), *err, *cmd;
	struct index *ix;
	FILE	*f;

	if ((f = fopen(db, "w")) == NULL)
		abort();
	fputs("this is not a database, not at all, it is just text........\n", f);
	for (int i = 0; i < 100; i++)
		fputs("garbage garbage garbage garbage garbage garbage garbage\n", f);
	fclose(f);
	ix = index_open(db, &err);
	CHECK(ix == NULL);
	CHECK(err != NULL && strstr(err, "venvdex scan") != NULL);
	free(err);
	cmd = xasprintf("test $(wc -l < '%s') = 101", db);
	CHECK(system(cmd) == 0);	/* left as it was */
	free(cmd);
	free(db);
}

/* An index made by schema 1 is migrated, keeping what it holds. */
static void
test_migrate(void)
{
	char		*db = path_join(tmp, "v1.db"), *err;
	struct index	*ix;
	sqlite3		*raw;

	if (sqlite3_open(db, &raw) != SQLITE_OK)
		abort();
	/*
	 * Schema 1 was today's without the walk's folder cache, env.gone, the
	 * OSV tables, pkg.digest and pkg.inode.
	 */
	CHECK(sqlite3_exec(raw, schema_sql, NULL, NULL, NULL) == SQLITE_OK);
	CHECK(sqlite3_exec(raw, "DROP INDEX env_ondisk; DROP TABLE walkdir;"
	    "ALTER TABLE env DROP COLUMN gone;"
	    "DROP TABLE osv_affected; DROP TABLE osv_vuln; DROP TABLE osv_source;"
	    "DROP TABLE osv_verdict; DROP INDEX pkg_norm;"
	    "CREATE INDEX pkg_norm ON pkg(norm);"
	    "DROP INDEX pkg_digest; ALTER TABLE pkg DROP COLUMN digest;"
	    "ALTER TABLE pkg DROP COLUMN inode;"
	    "INSERT INTO env (path, name, kind, status, first_seen, scanned) VALUES"
	    " ('/old/env', 'old', 'venv', 'ok', 1, 1);"
	    "PRAGMA user_version = 1;", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(raw);
	ix = index_open(db, &err);
	if (!CHECK(ix != NULL)) {
		fprintf(stderr, "index_open: %s\n", err);
		free(err);
		free(db);
		return;
	}
	CHECK_INT(count(ix, "PRAGMA user_version"), 6);
	CHECK_INT(count(ix, "SELECT count(*) FROM env WHERE name = 'old'"), 1);
	CHECK_INT(count(ix, "SELECT count(*) FROM env WHERE gone IS NULL"), 1);
	CHECK_INT(count(ix, "SELECT count(*) FROM envx"), 1);
	CHECK_INT(count(ix, "SELECT count(*) FROM walkdir"), 0);
	/* 4 -> 5: the columns dupes reads, and every environment read again. */
	CHECK_INT(count(ix, "SELECT count(*) FROM pkg WHERE digest IS NULL"
	    " AND inode IS NULL"), 0);
	CHECK_INT(count(ix, "SELECT count(*) FROM env WHERE fingerprint IS NULL"), 1);
	/* 5 -> 6: audit's verdicts, and pkg_norm covering the version. */
	CHECK_INT(count(ix, "SELECT count(*) FROM osv_verdict"), 0);
	CHECK_INT(count(ix, "SELECT count(*) FROM pragma_index_info('pkg_norm')"
	    " WHERE name IN ('norm', 'version')"), 2);
	index_close(ix);
	free(db);
}

/*
 * An index of schema 5 (advisories imported, no verdicts kept) gains the
 * verdicts' table, marked incomplete, and keeps its advisories.
 */
static void
test_migrate5(void)
{
	char		*db = path_join(tmp, "v5.db"), *err;
	struct index	*ix;
	sqlite3		*raw;

	if (sqlite3_open(db, &raw) != SQLITE_OK)
		abort();
	CHECK(sqlite3_exec(raw, schema_sql, NULL, NULL, NULL) == SQLITE_OK);
	CHECK(sqlite3_exec(raw, "DROP TABLE osv_verdict; DROP INDEX pkg_norm;"
	    "DROP INDEX env_ondisk; CREATE INDEX pkg_norm ON pkg(norm);"
	    "ALTER TABLE osv_source DROP COLUMN verdicts;"
	    "INSERT INTO osv_source (id, path, size, mtime, hash, imported,"
	    " records) VALUES (1, '/all.zip', 1, 1, 'h', 1, 1);"
	    "INSERT INTO osv_vuln (id, osv) VALUES (7, 'PYSEC-1');"
	    "PRAGMA user_version = 5; PRAGMA application_id = 1986291064;",
	    NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(raw);
	ix = index_open(db, &err);
	if (!CHECK(ix != NULL)) {
		fprintf(stderr, "index_open: %s\n", err);
		free(err);
		free(db);
		return;
	}
	CHECK_INT(count(ix, "PRAGMA user_version"), 6);
	CHECK_INT(count(ix, "SELECT verdicts FROM osv_source"), 0);
	CHECK_INT(count(ix, "SELECT count(*) FROM osv_vuln"), 1);
	CHECK_INT(count(ix, "SELECT count(*) FROM osv_verdict"), 0);
	CHECK_INT(count(ix, "SELECT count(*) FROM sqlite_master WHERE"
	    " name = 'env_ondisk'"), 1);
	CHECK_INT(count(ix, "SELECT count(*) FROM pragma_index_info('pkg_norm')"
	    " WHERE name IN ('norm', 'version')"), 2);
	index_close(ix);
	free(db);
}

/*
 * audit's verdicts: kept, marked complete; writing an environment's
 * packages anew marks them incomplete (new (name, version) may be there),
 * the same packages again do not; an import empties them.
 */
static void
test_verdicts(void)
{
	char			*db = path_join(tmp, "verdicts.db"), *err;
	struct index_verdicts	*iv;
	char			 zip[] = "/all.zip", hash[] = "h";
	struct index_osv_source	 src = { zip, 1, 1, hash, 1, NULL, 0 };
	struct index_osv	*o;
	struct dist_list	 l = { 0 };
	struct index		*ix;
	struct env		 e;
	int			 changes;

	ix = index_open(db, &err);
	if (!CHECK(ix != NULL))
		return;
	o = index_osv_begin(ix, &err);
	if (!CHECK(o != NULL))
		return;
	CHECK_INT(index_osv_end(o, &src, &err), 0);
	CHECK_INT(count(ix, "SELECT verdicts FROM osv_source"), 0);
	if (CHECK((iv = index_verdicts_begin(ix)) != NULL)) {
		CHECK_INT(index_verdicts_put(iv, "django", "4.2.7", "1 4.2.8"), 0);
		CHECK_INT(index_verdicts_put(iv, "asgiref", "3.7.2", NULL), 0);
		CHECK_INT(index_verdicts_end(iv, 1), 0);
	}
	CHECK_INT(count(ix, "SELECT verdicts FROM osv_source"), 1);
	CHECK_INT(count(ix, "SELECT count(*) FROM osv_verdict"), 2);
	/* Rolled back: nothing kept. */
	if (CHECK((iv = index_verdicts_begin(ix)) != NULL)) {
		CHECK_INT(index_verdicts_put(iv, "six", "1.0", NULL), 0);
		CHECK_INT(index_verdicts_end(iv, 0), 0);
	}
	CHECK_INT(count(ix, "SELECT count(*) FROM osv_verdict"), 2);

	fake_env(&e, "/home/u/app/.venv", "app", 42);
	add(&l, "Django", "4.2.7");
	add(&l, "asgiref", "3.7.2");
	CHECK_INT(index_put_env(ix, &e, 5000, &l, 100, &changes), 0);
	CHECK_INT(count(ix, "SELECT verdicts FROM osv_source"), 0);
	/* Complete again; the same packages written again keep it so. */
	if (CHECK((iv = index_verdicts_begin(ix)) != NULL))
		CHECK_INT(index_verdicts_end(iv, 1), 0);
	CHECK_INT(index_put_env(ix, &e, 5000, &l, 200, &changes), 0);
	CHECK_INT(changes, 0);
	CHECK_INT(count(ix, "SELECT verdicts FROM osv_source"), 1);
	/* A version changed: incomplete. */
	dist_list_free(&l);
	add(&l, "Django", "5.0");
	add(&l, "asgiref", "3.7.2");
	CHECK_INT(index_put_env(ix, &e, 5000, &l, 300, &changes), 0);
	CHECK_INT(changes, 1);
	CHECK_INT(count(ix, "SELECT verdicts FROM osv_source"), 0);
	/* An import empties them. */
	o = index_osv_begin(ix, &err);
	if (CHECK(o != NULL))
		CHECK_INT(index_osv_end(o, &src, &err), 0);
	CHECK_INT(count(ix, "SELECT count(*) FROM osv_verdict"), 0);
	CHECK_INT(count(ix, "SELECT verdicts FROM osv_source"), 0);
	index_close(ix);
	dist_list_free(&l);
	env_free(&e);
	free(db);
}

/*
 * An index of this schema version, venvdex's by its application_id, that
 * lacks a column the writes or the views use: damaged, said at open (the
 * statements are prepared only when first used, the views made only when
 * first read), and left as it was.
 */
static void
test_missing_column(void)
{
	static const char *const drops[] = {
		"DROP INDEX pkg_digest; ALTER TABLE pkg DROP COLUMN digest;",
		"ALTER TABLE env DROP COLUMN activated;",
		"ALTER TABLE history DROP COLUMN old;",
	};
	char		*db, *err, *sql;
	struct index	*ix;
	sqlite3		*raw;
	size_t		 i;

	for (i = 0; i < nitems(drops); i++) {
		db = xasprintf("%s/cols%zu.db", tmp, i);
		if (sqlite3_open(db, &raw) != SQLITE_OK)
			abort();
		sql = xasprintf("%s %s PRAGMA user_version = 6;"
		    " PRAGMA application_id = 1986291064;", schema_sql, drops[i]);
		CHECK(sqlite3_exec(raw, sql, NULL, NULL, NULL) == SQLITE_OK);
		free(sql);
		sqlite3_close(raw);
		err = NULL;
		ix = index_open(db, &err);
		CHECK(ix == NULL);
		CHECK(err != NULL && strstr(err, "cannot be used") != NULL &&
		    strstr(err, "venvdex scan") != NULL);
		free(err);
		index_close(ix);
		free(db);
	}
}

/* The walk's folder cache: saved, loaded sorted, and pruned under the roots walked. */
static void
test_walk_cache(void)
{
	char			 b[] = "/r/b", bk[] = "x", a[] = "/r/a";
	char			 ak[] = "bin\0lib", c3[] = "/other/c", r[] = "/r";
	struct walk_dir		 fresh[3] = {
		{ b, 5, 0x40, bk, 2 },
		{ a, 7, 0x3, ak, 8 },
		{ c3, 9, 0, NULL, 0 },
	};
	struct walk_root	 root = { r, 0 };
	struct walk_cache	 c;
	struct index		*ix;
	char			*db = path_join(tmp, "wc.db"), *err;

	if ((ix = index_open(db, &err)) == NULL) {
		CHECK(0);
		free(err);
		return;
	}
	CHECK_INT(index_walk_save(ix, NULL, fresh, 3, &root, 1), 0);
	index_walk_cache(ix, &c);
	CHECK_INT(c.n, 3);
	if (c.n == 3) {
		CHECK_STR(c.v[0].path, "/other/c");
		CHECK_STR(c.v[1].path, "/r/a");
		CHECK_INT(c.v[1].mtime, 7);
		CHECK_INT(c.v[1].bits, 3);
		CHECK_INT(c.v[1].kidslen, 8);
		CHECK(c.v[1].kids != NULL && strcmp(c.v[1].kids + 4, "lib") == 0);
		CHECK(c.v[0].kids == NULL);
		/* /r/a met again, /r/b not: /r/b goes; /other/c is outside the root. */
		c.seen[1] = 1;
		CHECK_INT(index_walk_save(ix, &c, NULL, 0, &root, 1), 0);
	}
	walk_dir_free(c.v, c.n);
	free(c.seen);
	CHECK_INT(count(ix, "SELECT count(*) FROM walkdir"), 2);
	CHECK_INT(count(ix, "SELECT count(*) FROM walkdir WHERE path = '/r/b'"), 0);
	index_close(ix);
	free(db);
}

int
main(void)
{
	char	 tmpl[] = "/tmp/venvdex-test-XXXXXX";
	char	*cmd;
	int	 rc;

	unsetenv("VENVDEX_STALE_DAYS");
	if ((tmp = mkdtemp(tmpl)) == NULL)
		return 77;
	test_writes();
	test_damaged();
	test_migrate();
	test_migrate5();
	test_verdicts();
	test_missing_column();
	test_walk_cache();
	rc = check_done();
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		rc = 1;
	free(cmd);
	return rc;
}
