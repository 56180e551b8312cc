/* query: reads of the index for the command line and the browser. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "index.h"
#include "pep440.h"
#include "msg.h"
#include "query.h"
#include "stale.h"
#include "str.h"
#include "util.h"

/* The columns of envx that fill a struct query_env, in env_row()'s order. */
#define ENV_COLS "path, name, kind, iif(gone IS NULL, status, 'gone'), creator," \
	" manager, python, base, prompt, project, packages, size, used," \
	" first_seen, scanned, iif(gone IS NULL, stale, 0), windows, system_site"

/*
 * What query_envs() and query_envs_json() let through: ?1 kind, ?2 stale,
 * ?3 rx, ?4 gone (from envxa, envja: only those gone).
 */
#define ENV_WHERE " WHERE (?1 IS NULL OR kind = ?1) AND (?2 = 0 OR stale != 0)" \
	" AND (?3 IS NULL OR name REGEXP ?3 OR path REGEXP ?3)" \
	" AND (?4 = 0 OR gone IS NOT NULL)"

/* A package as JSON, from pkg p: pkgs --json, and find --json adds its env. */
#define PKG_JSON "json_object('name', repair(p.name), 'version', repair(p.version)," \
	" 'summary', repair(p.summary), 'installer', repair(p.installer)," \
	" 'editable', json(CASE WHEN p.editable THEN 'true' ELSE 'false' END)," \
	" 'requested', json(CASE WHEN p.requested THEN 'true' ELSE 'false' END)," \
	" 'size', p.size, 'location', repair(p.location)"

/* The columns of pkg p (and env e) that fill a struct query_pkg, in pkg_row()'s order. */
#define PKG_COLS "p.norm, p.name, p.version, p.summary, p.installer, p.location," \
	" p.url, p.format, p.requires, p.editable, p.requested, p.size"

static int
fail(struct index *ix, char **err)
{
	*err = index_errmsg(ix, NULL);
	return -1;
}

static sqlite3_stmt *
prep(struct index *ix, const char *sql, char **err)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(index_db(ix), sql, -1, &st, NULL) != SQLITE_OK) {
		fail(ix, err);
		return NULL;
	}
	return st;
}

/* Binds s to parameter i; NULL binds SQL NULL. */
static void
bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Column i as an allocated string, or NULL. */
static char *
col_str(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s != NULL ? xstrdup((const char *)s) : NULL;
}

/* Column i as a string never NULL ("" for NULL). */
static char *
col_str0(sqlite3_stmt *st, int i)
{
	char	*s = col_str(st, i);

	return s != NULL ? s : xstrdup("");
}

/* Column i as a size: -1 when NULL (unknown). */
static int64_t
size_col(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, i);
}

/* Grows an array of n elements of size sz so that one more fits. */
static void *
grow(void *v, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return v;
	*cap = *cap != 0 ? *cap * 2 : 64;
	return xrealloc(v, *cap * sz);
}

/* Filling a query_strs: its hash index and capacity, for one query. */
struct strs_fill {
	struct query_strs	*s;
	struct strix		 x;
	size_t			 cap;
	char			*last[8];	/* by column: rows in order repeat them */
};

static const char *
strs_key(void *arg, size_t pos)
{
	return ((struct query_strs *)arg)->v[pos];
}

static void
strs_begin(struct strs_fill *f, struct query_strs *s)
{
	size_t	i;

	memset(f, 0, sizeof *f);
	f->s = s;
	f->cap = s->n;
	for (i = 0; i < s->n; i++)
		strix_add(&f->x, i, strs_key, s);
}

/* t kept once in f; col (0 to 7, or -1) is the column it comes from. */
static char *
strs_add(struct strs_fill *f, const char *t, int col)
{
	struct query_strs	*s = f->s;
	size_t			 at;

	if (col >= 0 && col < 8 && f->last[col] != NULL &&
	    strcmp(f->last[col], t) == 0)
		return f->last[col];
	if ((at = strix_find(&f->x, t, strs_key, s)) == STRIX_NONE) {
		s->v = grow(s->v, s->n, &f->cap, sizeof *s->v);
		s->v[s->n] = xstrdup(t);
		strix_add(&f->x, s->n, strs_key, s);
		at = s->n++;
	}
	if (col >= 0 && col < 8)
		f->last[col] = s->v[at];
	return s->v[at];
}

/* Column col of st ("" for SQL NULL), kept once. */
static char *
strs_col(struct strs_fill *f, sqlite3_stmt *st, int col)
{
	const char	*t = (const char *)sqlite3_column_text(st, col);

	return strs_add(f, t != NULL ? t : "", col);
}

static void
strs_free(struct query_strs *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* The one-row, one-column JSON answer of st (finalized): 0, or -1. */
static int
json_answer(struct index *ix, sqlite3_stmt *st, const char *empty, char **json,
    char **err)
{
	int	rc;

	*json = NULL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		/* Every field is repair()ed; this repairs one a query forgot. */
		if ((*json = col_str(st, 0)) != NULL) {
			char *v = u8_valid(*json, strlen(*json));

			free(*json);
			*json = v;
		} else
			*json = xstrdup(empty);
		rc = 0;
	} else
		rc = fail(ix, err);
	sqlite3_finalize(st);
	return rc;
}

/* --- environments -------------------------------------------------------- */

static void
env_row(sqlite3_stmt *st, struct query_env *e)
{
	e->path = col_str0(st, 0);
	e->name = col_str0(st, 1);
	e->kind = col_str0(st, 2);
	e->status = col_str0(st, 3);
	e->creator = col_str(st, 4);
	e->manager = col_str(st, 5);
	e->python = col_str(st, 6);
	e->base = col_str(st, 7);
	e->prompt = col_str(st, 8);
	e->project = col_str(st, 9);
	e->packages = sqlite3_column_int64(st, 10);
	e->size = size_col(st, 11);
	e->used = sqlite3_column_int64(st, 12);
	e->first_seen = sqlite3_column_int64(st, 13);
	e->scanned = sqlite3_column_int64(st, 14);
	e->stale = sqlite3_column_int(st, 15);
	e->windows = sqlite3_column_int(st, 16);
	e->system_site = sqlite3_column_int(st, 17);
}

static void
env_bind(sqlite3_stmt *st, const struct query_env_filter *f)
{
	static const struct query_env_filter	 all;

	if (f == NULL)
		f = &all;
	bind_str(st, 1, f->kind);
	sqlite3_bind_int(st, 2, f->stale);
	bind_str(st, 3, f->rx);
	sqlite3_bind_int(st, 4, f->gone);
}

int
query_envs(struct index *ix, const struct query_env_filter *f,
    struct query_envs *out, char **err)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	memset(out, 0, sizeof *out);
	if ((st = prep(ix, f != NULL && f->gone ?
	    "SELECT " ENV_COLS " FROM envxa" ENV_WHERE " ORDER BY path" :
	    "SELECT " ENV_COLS " FROM envx" ENV_WHERE " ORDER BY path",
	    err)) == NULL)
		return -1;
	env_bind(st, f);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = grow(out->v, out->n, &cap, sizeof *out->v);
		env_row(st, &out->v[out->n++]);
	}
	if (rc != SQLITE_DONE) {
		fail(ix, err);
		query_envs_free(out);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
query_env(struct index *ix, const char *path, struct query_env *e, char **err)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(e, 0, sizeof *e);
	if ((st = prep(ix, "SELECT " ENV_COLS " FROM envx WHERE path = ?1",
	    err)) == NULL)
		return -1;
	bind_str(st, 1, path);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		env_row(st, e);
		rc = 1;
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = fail(ix, err);
	sqlite3_finalize(st);
	return rc;
}

void
query_env_free(struct query_env *e)
{
	free(e->path);
	free(e->name);
	free(e->kind);
	free(e->status);
	free(e->creator);
	free(e->manager);
	free(e->python);
	free(e->base);
	free(e->prompt);
	free(e->project);
	memset(e, 0, sizeof *e);
}

void
query_envs_free(struct query_envs *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		query_env_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

void
query_totals(const struct query_envs *l, struct query_totals *t)
{
	const struct query_env	*e;
	size_t			 i;

	memset(t, 0, sizeof *t);
	for (i = 0; i < l->n; i++) {
		e = &l->v[i];
		t->envs++;
		t->packages += e->packages;
		if (e->size > 0)
			t->size += e->size;
		if (e->stale != 0) {
			t->stale++;
			if (e->size > 0)
				t->stale_size += e->size;
		}
	}
}

int
query_envs_json(struct index *ix, const struct query_env_filter *f, char **json,
    char **err)
{
	sqlite3_stmt	*st;

	*json = NULL;
	if ((st = prep(ix, f != NULL && f->gone ?
	    "SELECT json_group_array(json(json)) FROM"
	    " (SELECT json FROM envja" ENV_WHERE " ORDER BY path)" :
	    "SELECT json_group_array(json(json)) FROM"
	    " (SELECT json FROM envj" ENV_WHERE " ORDER BY path)", err)) == NULL)
		return -1;
	env_bind(st, f);
	return json_answer(ix, st, "[]", json, err);
}

/*
 * The one reader of env.site: sites(n, s), the site folders of the
 * environment at path ?1 in order. The column holds a JSON array (a
 * folder's name may hold a newline); indexes written before hold one
 * folder a line, split here.
 */
#define SITES_WITH "WITH RECURSIVE col(v) AS (SELECT coalesce(site, '')" \
	"  FROM env WHERE path = ?1)," \
	" lines(n, s, rest) AS (SELECT 0, NULL, v || char(10) FROM col" \
	"  WHERE substr(v, 1, 1) <> '['" \
	"  UNION ALL SELECT n + 1, substr(rest, 1, instr(rest, char(10)) - 1)," \
	"  substr(rest, instr(rest, char(10)) + 1) FROM lines WHERE rest <> '')," \
	" sites(n, s) AS (SELECT key, value FROM col, json_each(CASE WHEN" \
	"  substr(v, 1, 1) = '[' AND json_valid(v) THEN v ELSE '[]' END)" \
	"  UNION ALL SELECT n, s FROM lines WHERE s IS NOT NULL AND s <> '')"

int
query_env_sites(struct index *ix, const char *path, char ***v, size_t *n,
    char **err)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*v = NULL;
	*n = 0;
	if ((st = prep(ix, SITES_WITH " SELECT s FROM sites ORDER BY n",
	    err)) == NULL)
		return -1;
	bind_str(st, 1, path);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*v = grow(*v, *n, &cap, sizeof **v);
		(*v)[(*n)++] = col_str0(st, 0);
	}
	if (rc != SQLITE_DONE) {
		fail(ix, err);
		query_strs_free(*v, *n);
		*v = NULL;
		*n = 0;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
query_strs_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
query_env_json(struct index *ix, const char *path, char **json, char **err)
{
	sqlite3_stmt	*st;

	*json = NULL;
	if ((st = prep(ix, SITES_WITH
	    " SELECT json_set(json, '$.site', (SELECT json_group_array(repair(s))"
	    "  FROM (SELECT s FROM sites ORDER BY n)),"
	    "  '$.prompt', repair(prompt), '$.system_site_packages',"
	    "  json(CASE WHEN system_site THEN 'true' ELSE 'false' END),"
	    "  '$.first_seen', first_seen, '$.scanned', scanned)"
	    " FROM envj WHERE path = ?1", err)) == NULL)
		return -1;
	bind_str(st, 1, path);
	return json_answer(ix, st, "[]", json, err);
}

/* --- packages ------------------------------------------------------------ */

static void
pkg_row(sqlite3_stmt *st, struct query_pkg *p)
{
	p->norm = col_str0(st, 0);
	p->name = col_str0(st, 1);
	p->version = col_str0(st, 2);
	p->summary = col_str(st, 3);
	p->installer = col_str(st, 4);
	p->location = col_str(st, 5);
	p->url = col_str(st, 6);
	p->format = col_str(st, 7);
	p->requires = col_str(st, 8);
	p->editable = sqlite3_column_int(st, 9);
	p->requested = sqlite3_column_int(st, 10);
	p->size = size_col(st, 11);
}

/* Steps st to its end, one package a row, read by fill. 0, or -1. */
static int
pkg_rows(struct index *ix, sqlite3_stmt *st, void (*fill)(sqlite3_stmt *,
    struct query_pkg *), struct query_pkgs *out, char **err)
{
	size_t	cap = 0;
	int	rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = grow(out->v, out->n, &cap, sizeof *out->v);
		memset(&out->v[out->n], 0, sizeof out->v[out->n]);
		fill(st, &out->v[out->n++]);
	}
	if (rc != SQLITE_DONE) {
		fail(ix, err);
		query_pkgs_free(out);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
query_pkgs(struct index *ix, const char *env, const char *rx,
    struct query_pkgs *out, char **err)
{
	sqlite3_stmt	*st;

	memset(out, 0, sizeof *out);
	if ((st = prep(ix, "SELECT " PKG_COLS " FROM pkg p JOIN env e ON"
	    " e.id = p.env_id WHERE e.path = ?1 AND (?2 IS NULL OR"
	    " p.name REGEXP ?2) ORDER BY p.norm", err)) == NULL)
		return -1;
	bind_str(st, 1, env);
	bind_str(st, 2, rx);
	return pkg_rows(ix, st, pkg_row, out, err);
}

static void
find_row(sqlite3_stmt *st, struct query_pkg *p)
{
	p->norm = col_str0(st, 0);
	p->name = col_str0(st, 1);
	p->version = col_str0(st, 2);
	p->env_path = col_str0(st, 3);
	p->env_name = col_str0(st, 4);
	p->size = -1;
}

int
query_find(struct index *ix, const char *rx, const char *norm,
    struct query_pkgs *out, char **err)
{
	sqlite3_stmt	*st;

	memset(out, 0, sizeof *out);
	/* One name: the pkg_norm index finds it. */
	if ((st = prep(ix, norm != NULL ? "SELECT p.norm, p.name, p.version,"
	    " e.path, e.name FROM pkg p JOIN env e ON e.id = p.env_id WHERE"
	    " p.norm = ?2 AND (?1 IS NULL OR p.name REGEXP ?1) AND e.gone IS NULL"
	    " ORDER BY e.path" :
	    "SELECT p.norm, p.name, p.version, e.path, e.name FROM pkg p JOIN env e"
	    " ON e.id = p.env_id WHERE (?1 IS NULL OR p.name REGEXP ?1)"
	    " AND e.gone IS NULL ORDER BY p.norm, e.path", err)) == NULL)
		return -1;
	bind_str(st, 1, rx);
	if (norm != NULL)
		bind_str(st, 2, norm);
	return pkg_rows(ix, st, find_row, out, err);
}

int
query_pkg(struct index *ix, const char *env, const char *norm,
    struct query_pkg *p, char **err)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(p, 0, sizeof *p);
	if ((st = prep(ix, "SELECT " PKG_COLS ", p.meta, e.path, e.name FROM pkg p"
	    " JOIN env e ON e.id = p.env_id WHERE e.path = ?1 AND p.norm = ?2",
	    err)) == NULL)
		return -1;
	bind_str(st, 1, env);
	bind_str(st, 2, norm);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pkg_row(st, p);
		p->meta = col_str(st, 12);
		p->env_path = col_str0(st, 13);
		p->env_name = col_str0(st, 14);
		rc = 1;
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = fail(ix, err);
	sqlite3_finalize(st);
	return rc;
}

void
query_pkg_free(struct query_pkg *p)
{
	free(p->norm);
	free(p->name);
	free(p->version);
	free(p->summary);
	free(p->installer);
	free(p->location);
	free(p->url);
	free(p->format);
	free(p->requires);
	free(p->meta);
	free(p->env_path);
	free(p->env_name);
	memset(p, 0, sizeof *p);
}

void
query_pkgs_free(struct query_pkgs *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		query_pkg_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static int
pkg_norm_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct query_pkg *)elem)->norm);
}

const struct query_pkg *
query_pkgs_get(const struct query_pkgs *l, const char *norm)
{
	if (l->n == 0)
		return NULL;
	return bsearch(norm, l->v, l->n, sizeof *l->v, pkg_norm_cmp);
}

int
query_pkgs_json(struct index *ix, const char *env, const char *rx, char **json,
    char **err)
{
	sqlite3_stmt	*st;

	*json = NULL;
	if ((st = prep(ix, "SELECT json_group_array(json(j)) FROM (SELECT " PKG_JSON
	    ") AS j FROM pkg p JOIN env e ON e.id = p.env_id WHERE e.path = ?1"
	    " AND (?2 IS NULL OR p.name REGEXP ?2) ORDER BY p.norm)", err)) == NULL)
		return -1;
	bind_str(st, 1, env);
	bind_str(st, 2, rx);
	return json_answer(ix, st, "[]", json, err);
}

int
query_find_json(struct index *ix, const char *rx, char **json, char **err)
{
	sqlite3_stmt	*st;

	*json = NULL;
	if ((st = prep(ix, "SELECT json_group_array(json(j)) FROM (SELECT json_set("
	    PKG_JSON "), '$.env', repair(e.path), '$.env_name', repair(e.name)) AS j"
	    " FROM pkg p JOIN env e ON e.id = p.env_id"
	    " WHERE p.name REGEXP ?1 AND e.gone IS NULL ORDER BY p.norm, e.path)",
	    err)) == NULL)
		return -1;
	bind_str(st, 1, rx);
	return json_answer(ix, st, "[]", json, err);
}

/* --- history and diffs --------------------------------------------------- */

int
query_history(struct index *ix, const char *env, int oldest,
    struct query_changes *out, char **err)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	memset(out, 0, sizeof *out);
	if ((st = prep(ix, oldest ? "SELECT time, norm, name, old, new FROM history"
	    " WHERE env_path = ?1 ORDER BY time, rowid" : "SELECT time, norm, name,"
	    " old, new FROM history WHERE env_path = ?1 ORDER BY time DESC, norm",
	    err)) == NULL)
		return -1;
	bind_str(st, 1, env);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct query_change	*c;

		out->v = grow(out->v, out->n, &cap, sizeof *out->v);
		c = &out->v[out->n++];
		c->time = sqlite3_column_int64(st, 0);
		c->norm = col_str0(st, 1);
		c->name = col_str0(st, 2);
		c->old = col_str(st, 3);
		c->new = col_str(st, 4);
	}
	if (rc != SQLITE_DONE) {
		fail(ix, err);
		query_changes_free(out);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
query_changes_free(struct query_changes *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].norm);
		free(l->v[i].name);
		free(l->v[i].old);
		free(l->v[i].new);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

const char *
query_change_word(const struct query_change *c)
{
	int	cmp;

	if (c->old == NULL)
		return "added";
	if (c->new == NULL)
		return "removed";
	cmp = pep440_cmp(c->old, c->new);
	return cmp < 0 ? "upgraded" : cmp > 0 ? "downgraded" : "changed";
}

int
query_history_json(struct index *ix, const char *env, char **json, char **err)
{
	sqlite3_stmt	*st;

	*json = NULL;
	if ((st = prep(ix, "SELECT json_group_array(json_object('time', time,"
	    " 'name', repair(name), 'old', repair(old), 'new', repair(new),"
	    " 'change', CASE WHEN old IS NULL THEN 'added' WHEN new IS NULL"
	    " THEN 'removed' WHEN pep440_cmp(old, new) < 0 THEN 'upgraded'"
	    " WHEN pep440_cmp(old, new) > 0 THEN 'downgraded' ELSE 'changed' END))"
	    " FROM (SELECT rowid, * FROM history WHERE env_path = ?1"
	    " ORDER BY time, rowid)", err)) == NULL)
		return -1;
	bind_str(st, 1, env);
	return json_answer(ix, st, "[]", json, err);
}

int
query_diff_rows(struct index *ix, struct query_diff_rows *out, char **err)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	memset(out, 0, sizeof *out);
	if ((st = prep(ix, "SELECT kind, norm, name, a, b, direction,"
	    " wanted FROM diff_out WHERE kind != 'same' ORDER BY CASE kind"
	    " WHEN 'only_a' THEN 0 WHEN 'unsatisfied' THEN 0 WHEN 'only_b' THEN 1"
	    " WHEN 'missing' THEN 1 WHEN 'changed' THEN 2 WHEN 'extra' THEN 3"
	    " ELSE 4 END, norm", err)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct query_diff_row	*r;

		out->v = grow(out->v, out->n, &cap, sizeof *out->v);
		r = &out->v[out->n++];
		r->kind = col_str0(st, 0);
		r->norm = col_str0(st, 1);
		r->name = col_str0(st, 2);
		r->a = col_str(st, 3);
		r->b = col_str(st, 4);
		r->direction = col_str(st, 5);
		r->wanted = col_str(st, 6);
	}
	if (rc != SQLITE_DONE) {
		fail(ix, err);
		query_diff_rows_free(out);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
query_diff_rows_free(struct query_diff_rows *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].kind);
		free(l->v[i].norm);
		free(l->v[i].name);
		free(l->v[i].a);
		free(l->v[i].b);
		free(l->v[i].direction);
		free(l->v[i].wanted);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* --- interpreters (create) ---------------------------------------------- */

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
		xqsort(v, *n, sizeof *v, query_newest_first);
	for (i = 0; i < *n; i++) {
		nl = strchr(v[i], '\n');
		memmove(v[i], nl + 1, strlen(nl + 1) + 1);
	}
	return v;
}

/* --- rm, clean, freeze ------------------------------------------------------ */

static const char *
qcol(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Source strings and their JSON texts, for copies_json(). */
struct json_map {
	const char	**src;
	char		**js;
	size_t		  n, cap;
	struct strix	  x;
};

static const char *
json_map_key(void *arg, size_t pos)
{
	return ((struct json_map *)arg)->src[pos];
}

/* s's JSON text as SQLite's json_quote(repair(s)) gives it, once per string; NULL on an error. */
static char *
json_of(struct json_map *m, sqlite3_stmt *jq, struct strs_fill *f, const char *s)
{
	const char	*t;
	size_t		 at;

	if ((at = strix_find(&m->x, s, json_map_key, m)) != STRIX_NONE)
		return m->js[at];
	sqlite3_reset(jq);
	sqlite3_bind_text(jq, 1, s, -1, SQLITE_STATIC);
	if (sqlite3_step(jq) != SQLITE_ROW ||
	    (t = (const char *)sqlite3_column_text(jq, 0)) == NULL)
		return NULL;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->src = xrealloc(m->src, m->cap * sizeof *m->src);
		m->js = xrealloc(m->js, m->cap * sizeof *m->js);
	}
	m->src[m->n] = s;
	m->js[m->n] = strs_add(f, t, -1);
	strix_add(&m->x, m->n, json_map_key, m);
	return m->js[m->n++];
}

/*
 * The copies' names, versions and paths as JSON strings, each computed
 * once (in the query, json_quote() ran three times a row). SQLITE_DONE, or
 * an error code.
 */
static int
copies_json(struct index *ix, struct query_copies *out, struct strs_fill *f)
{
	struct json_map	 m;
	sqlite3_stmt	*jq;
	size_t		 i;
	int		 rc = SQLITE_DONE;

	memset(&m, 0, sizeof m);
	if (sqlite3_prepare_v2(index_db(ix), "SELECT json_quote(repair(?1))", -1,
	    &jq, NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	for (i = 0; i < out->n; i++) {
		struct query_copy	*c = &out->v[i];

		if ((c->jname = json_of(&m, jq, f, c->name)) == NULL ||
		    (c->jversion = json_of(&m, jq, f, c->version)) == NULL ||
		    (c->jpath = json_of(&m, jq, f, c->env_path)) == NULL) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	sqlite3_finalize(jq);
	free(m.src);
	free(m.js);
	strix_free(&m.x);
	return rc;
}

int
query_copies(struct index *ix, int json, struct query_copies *out, char **err)
{
	struct query_copy	*c;
	struct strs_fill	 f;
	sqlite3_stmt		*st;
	size_t			 cap = 0;
	int			 rc;

	memset(out, 0, sizeof *out);
	/* The covering pkg_digest index gives the rows in digest order. */
	if ((st = prep(ix, "SELECT p.norm, p.name, p.version, e.path,"
	    " p.digest, p.inode, p.size"
	    " FROM pkg p JOIN env e ON e.id = p.env_id"
	    " WHERE e.gone IS NULL AND p.digest IN (SELECT q.digest FROM pkg q"
	    " JOIN env f ON f.id = q.env_id WHERE f.gone IS NULL"
	    " AND q.digest IS NOT NULL GROUP BY q.digest HAVING count(*) > 1)"
	    " ORDER BY p.digest", err)) == NULL)
		return -1;
	strs_begin(&f, &out->strs);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = grow(out->v, out->n, &cap, sizeof *out->v);
		c = &out->v[out->n++];
		c->norm = strs_col(&f, st, 0);
		c->name = strs_col(&f, st, 1);
		c->version = strs_col(&f, st, 2);
		c->env_path = strs_col(&f, st, 3);
		c->jname = c->jversion = c->jpath = NULL;
		c->digest = (uint64_t)sqlite3_column_int64(st, 4);
		c->inode = (uint64_t)sqlite3_column_int64(st, 5);
		c->size = size_col(st, 6);
	}
	if (rc != SQLITE_DONE)
		fail(ix, err);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE && json && (rc = copies_json(ix, out, &f)) !=
	    SQLITE_DONE)
		fail(ix, err);
	strix_free(&f.x);
	if (rc != SQLITE_DONE) {
		query_copies_free(out);
		return -1;
	}
	return 0;
}

void
query_copies_free(struct query_copies *l)
{
	strs_free(&l->strs);
	free(l->v);
	memset(l, 0, sizeof *l);
}

char *
query_json_str(struct index *ix, const char *s)
{
	struct sbuf	sb = { 0 };

	(void)ix;
	u8_json(&sb, s);
	return sbuf_steal(&sb);
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
    void (*fn)(const struct query_stale *, void *), void *arg, char **err)
{
	struct query_stale	 q;
	sqlite3_stmt		*st;
	int			 rc;

	if (sqlite3_prepare_v2(index_db(ix), "SELECT * FROM (SELECT path, name,"
	    " kind, manager, python, project, stale_bits | (CASE WHEN used"
	    " BETWEEN 1 AND ?1 THEN ?2 ELSE 0 END) AS bits, used, size FROM envx)"
	    " WHERE bits != 0 ORDER BY coalesce(size, 0) DESC, path", -1, &st,
	    NULL) != SQLITE_OK)
		return fail(ix, err);
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
	if (rc != SQLITE_DONE)
		fail(ix, err);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
query_freeze(struct index *ix, const char *path, char **python,
    void (*fn)(const struct query_freeze_pkg *, void *), void *arg, char **err)
{
	struct query_freeze_pkg	 p;
	sqlite3_stmt		*st;
	int64_t			 id;
	int			 rc, n = 0;

	if (python != NULL)
		*python = NULL;
	if (sqlite3_prepare_v2(index_db(ix), "SELECT id, python FROM env WHERE"
	    " path = ?1", -1, &st, NULL) != SQLITE_OK)
		return fail(ix, err);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			*err = xasprintf("%s: not in the index", path);
		else
			fail(ix, err);
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
		return fail(ix, err);
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
	if (rc != SQLITE_DONE)
		fail(ix, err);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? n : -1;
}

/* --- shell and pip: the packages before and after -------------------------- */

int
query_env_pkgs(struct index *ix, const char *path,
    void (*fn)(const char *, const char *, const char *, int64_t, void *),
    void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(index_db_tables(ix), "SELECT p.norm, p.name, p.version,"
	    " coalesce(p.size, -1) FROM pkg p JOIN env e ON e.id = p.env_id"
	    " WHERE e.path = ?1 ORDER BY p.norm", -1, &st, NULL) != SQLITE_OK) {
		index_msg_error(ix, NULL);
		return -1;
	}
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    sqlite3_column_int64(st, 3), arg);
	if (rc != SQLITE_DONE)
		index_msg_error(ix, NULL);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* --- OSV advisories ---------------------------------------------------------- */

int
query_osv_source(struct index *ix, struct index_osv_source *src, char **err)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(src, 0, sizeof *src);
	if ((st = prep(ix, "SELECT path, size, mtime, hash, imported, newest,"
	    " records FROM osv_source WHERE id = 1", err)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		src->path = col_str0(st, 0);
		src->size = sqlite3_column_int64(st, 1);
		src->mtime = sqlite3_column_int64(st, 2);
		src->hash = col_str0(st, 3);
		src->imported = sqlite3_column_int64(st, 4);
		src->newest = col_str(st, 5);
		src->records = sqlite3_column_int64(st, 6);
		rc = 1;
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = fail(ix, err);
	sqlite3_finalize(st);
	return rc;
}

void
query_osv_source_free(struct index_osv_source *src)
{
	free(src->path);
	free(src->hash);
	free(src->newest);
	memset(src, 0, sizeof *src);
}

int
query_read_begin(struct index *ix, char **err)
{
	if (!sqlite3_get_autocommit(index_db(ix)))
		return 0;
	if (sqlite3_exec(index_db(ix), "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return fail(ix, err);
	return 1;
}

void
query_read_end(struct index *ix, int began)
{
	if (began == 1)
		sqlite3_exec(index_db(ix), "COMMIT", NULL, NULL, NULL);
}


int
query_osv_installed(struct index *ix, const char *env,
    struct query_installeds *out, char **err)
{
	sqlite3_stmt	*st;
	struct strs_fill f;
	size_t		 cap = out->n;
	int64_t		 last = -1;
	char		*path = NULL;
	int		 rc;

	/*
	 * Environment by environment, each one's packages in the table's own
	 * order (CROSS JOIN, and + keeps the name's index out): through the
	 * pkg_norm index, every row was a lookup into the table, 3 times the
	 * time on 1,500 environments (bench/audit.sh).
	 */
	if ((st = prep(ix, "SELECT p.norm, p.version, e.path, e.id FROM env e"
	    " CROSS JOIN pkg p ON p.env_id = e.id WHERE e.gone IS NULL"
	    " AND (?1 IS NULL OR e.path = ?1)"
	    " AND +p.norm IN (SELECT norm FROM osv_affected)", err)) == NULL)
		return -1;
	bind_str(st, 1, env);
	strs_begin(&f, &out->strs);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct query_installed	*q;

		if (sqlite3_column_int64(st, 3) != last) {
			last = sqlite3_column_int64(st, 3);
			path = strs_col(&f, st, 2);
		}
		out->v = grow(out->v, out->n, &cap, sizeof *out->v);
		q = &out->v[out->n++];
		q->norm = strs_col(&f, st, 0);
		q->version = strs_col(&f, st, 1);
		q->path = path;
		q->hits = NULL;
	}
	if (rc != SQLITE_DONE)
		fail(ix, err);
	sqlite3_finalize(st);
	strix_free(&f.x);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
query_osv_verdicts_ok(struct index *ix, char **err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = prep(ix, "SELECT verdicts FROM osv_source WHERE id = 1",
	    err)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = sqlite3_column_int(st, 0) == 1;
	else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = fail(ix, err);
	sqlite3_finalize(st);
	return rc;
}

int
query_osv_unjudged(struct index *ix, struct query_installeds *out,
    char **err)
{
	sqlite3_stmt	*st;
	struct strs_fill f;
	size_t		 cap = out->n;
	int		 rc;

	/* Every environment's, gone or not: a verdict outlives them. */
	if ((st = prep(ix, "SELECT DISTINCT p.norm, p.version FROM pkg p"
	    " WHERE p.norm IN (SELECT norm FROM osv_affected) AND NOT EXISTS"
	    " (SELECT 1 FROM osv_verdict v WHERE v.norm = p.norm AND"
	    " v.version = p.version)", err)) == NULL)
		return -1;
	strs_begin(&f, &out->strs);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct query_installed	*q;

		out->v = grow(out->v, out->n, &cap, sizeof *out->v);
		q = &out->v[out->n++];
		q->norm = strs_col(&f, st, 0);
		q->version = strs_col(&f, st, 1);
		q->path = q->hits = NULL;
	}
	if (rc != SQLITE_DONE)
		fail(ix, err);
	sqlite3_finalize(st);
	strix_free(&f.x);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* An environment's id and path (kept in strs), for query_osv_hits(). */
struct envid {
	int64_t	 id;
	char	*path;
};

static int
envid_cmp(const void *key, const void *elem)
{
	int64_t	id = *(const int64_t *)key;

	return id < ((const struct envid *)elem)->id ? -1 :
	    id > ((const struct envid *)elem)->id;
}

int
query_osv_hits(struct index *ix, const char *env,
    struct query_installeds *out, char **err)
{
	sqlite3_stmt	*st;
	struct strs_fill f;
	struct envid	*ev = NULL, *e;
	size_t		 cap = out->n, nev = 0, evcap = 0;
	int64_t		 id;
	int		 rc;

	/*
	 * The environments on disk first, by id (env_ondisk): looking each
	 * row's up in SQLite (env's table) was a third of the query.
	 */
	if ((st = prep(ix, "SELECT id, path FROM env WHERE gone IS NULL AND"
	    " (?1 IS NULL OR path = ?1) ORDER BY id", err)) == NULL)
		return -1;
	bind_str(st, 1, env);
	strs_begin(&f, &out->strs);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ev = grow(ev, nev, &evcap, sizeof *ev);
		ev[nev].id = sqlite3_column_int64(st, 0);
		ev[nev++].path = strs_col(&f, st, 1);
	}
	if (rc != SQLITE_DONE)
		fail(ix, err);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || nev == 0)
		goto out;
	/*
	 * From the verdicts that hit (a few thousand of the (name, version)
	 * installed) to the environments holding them, through pkg_norm
	 * (name, version; with the key, the environment's id), by name and
	 * version as the verdicts' table is: the rows of packages nothing
	 * hits are never read. One environment: from its packages.
	 */
	if (env == NULL)
		st = prep(ix, "SELECT v.norm, v.version, v.hits, p.env_id FROM"
		    " osv_verdict v CROSS JOIN pkg p INDEXED BY pkg_norm"
		    " ON p.norm = v.norm AND p.version = v.version"
		    " WHERE v.hits IS NOT NULL ORDER BY v.norm, v.version", err);
	else
		st = prep(ix, "SELECT v.norm, v.version, v.hits, p.env_id FROM"
		    " pkg p CROSS JOIN osv_verdict v ON v.norm = p.norm AND"
		    " v.version = p.version WHERE p.env_id = ?1 AND"
		    " v.hits IS NOT NULL", err);
	if (st == NULL) {
		rc = SQLITE_ERROR;
		goto out;
	}
	if (env != NULL)
		sqlite3_bind_int64(st, 1, ev[0].id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct query_installed	*q;

		id = sqlite3_column_int64(st, 3);
		if ((e = bsearch(&id, ev, nev, sizeof *ev, envid_cmp)) == NULL)
			continue;	/* gone */
		out->v = grow(out->v, out->n, &cap, sizeof *out->v);
		q = &out->v[out->n++];
		q->norm = strs_col(&f, st, 0);
		q->version = strs_col(&f, st, 1);
		q->hits = strs_col(&f, st, 2);
		q->path = e->path;
	}
	if (rc != SQLITE_DONE)
		fail(ix, err);
	sqlite3_finalize(st);
out:
	strix_free(&f.x);
	free(ev);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
query_installeds_free(struct query_installeds *l)
{
	strs_free(&l->strs);
	free(l->v);
	memset(l, 0, sizeof *l);
}

int
query_osv_affected(struct index *ix, char *const *norms, size_t n,
    struct query_osv_affs *out, char **err)
{
	sqlite3_stmt	*st;
	size_t		 cap, i;
	int		 rc = SQLITE_DONE;

	memset(out, 0, n * sizeof *out);
	if ((st = prep(ix, "SELECT vuln, versions, ranges FROM osv_affected"
	    " WHERE norm = ?1 ORDER BY vuln", err)) == NULL)
		return -1;
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		cap = 0;
		sqlite3_reset(st);
		bind_str(st, 1, norms[i]);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct query_osv_aff	*a;

			out[i].v = grow(out[i].v, out[i].n, &cap, sizeof *out[i].v);
			a = &out[i].v[out[i].n++];
			a->vuln = sqlite3_column_int64(st, 0);
			a->versions = col_str(st, 1);
			a->ranges = col_str(st, 2);
		}
	}
	if (rc != SQLITE_DONE) {
		fail(ix, err);
		for (i = 0; i < n; i++)
			query_osv_affs_free(&out[i]);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
query_osv_affs_free(struct query_osv_affs *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].versions);
		free(l->v[i].ranges);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int
query_osv_vulns(struct index *ix, const int64_t *ids, size_t n,
    struct query_osv_vuln *out, char **err)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc = SQLITE_ROW;

	memset(out, 0, n * sizeof *out);
	if ((st = prep(ix, "SELECT osv, aliases, summary, severity, modified"
	    " FROM osv_vuln WHERE id = ?1", err)) == NULL)
		return -1;
	for (i = 0; i < n && rc == SQLITE_ROW; i++) {
		struct query_osv_vuln	*v = &out[i];

		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			v->id = col_str0(st, 0);
			v->aliases = col_str(st, 1);
			v->summary = col_str(st, 2);
			v->severity = col_str(st, 3);
			v->modified = col_str(st, 4);
		}
	}
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			*err = xstrdup("index: an advisory went missing");
		else
			fail(ix, err);
		for (i = 0; i < n; i++)
			query_osv_vuln_free(&out[i]);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

void
query_osv_vuln_free(struct query_osv_vuln *v)
{
	free(v->id);
	free(v->aliases);
	free(v->summary);
	free(v->severity);
	free(v->modified);
	memset(v, 0, sizeof *v);
}

/* --- deps and check: every package's requirements, env by env ---------------- */

static void
query_deps_clear(struct query_deps_env *e)
{
	size_t	i;

	for (i = 0; i < e->n; i++) {
		free(e->v[i].name);
		free(e->v[i].norm);
		free(e->v[i].version);
		free(e->v[i].requires);
	}
	free(e->path);
	free(e->name);
	free(e->python);
	e->path = e->name = e->python = NULL;
	e->n = 0;
}

int
query_deps(struct index *ix, const char *path,
    void (*fn)(const struct query_deps_env *, void *), void *arg, char **err)
{
	struct query_deps_env	 e;
	struct query_deps_pkg	*p;
	sqlite3_stmt		*st;
	size_t			 cap = 0;
	int			 rc;

	/* Environments on disk by path, each with its packages by name. */
	if ((st = prep(ix, "SELECT e.path, e.name, e.python, e.windows, p.norm,"
	    " p.name, p.version, p.requires, p.format = 'conda' FROM env e"
	    " LEFT JOIN pkg p ON p.env_id = e.id WHERE e.gone IS NULL AND"
	    " (?1 IS NULL OR e.path = ?1) ORDER BY e.path, p.norm", err)) == NULL)
		return -1;
	bind_str(st, 1, path);
	memset(&e, 0, sizeof e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *ep = (const char *)sqlite3_column_text(st, 0);

		if (e.path != NULL && strcmp(e.path, ep) != 0) {
			fn(&e, arg);
			query_deps_clear(&e);
		}
		if (e.path == NULL) {
			e.path = xstrdup(ep);
			e.name = col_str(st, 1);
			e.python = col_str(st, 2);
			e.windows = sqlite3_column_int(st, 3);
		}
		if (sqlite3_column_type(st, 4) == SQLITE_NULL)
			continue;
		if (e.n == cap) {
			cap = cap ? cap * 2 : 64;
			e.v = xrealloc(e.v, cap * sizeof *e.v);
		}
		p = &e.v[e.n++];
		p->norm = col_str(st, 4);
		p->name = col_str(st, 5);
		p->version = col_str(st, 6);
		p->requires = col_str(st, 7);
		p->conda = sqlite3_column_int(st, 8);
	}
	if (rc == SQLITE_DONE && e.path != NULL)
		fn(&e, arg);
	query_deps_clear(&e);
	free(e.v);
	if (rc != SQLITE_DONE) {
		fail(ix, err);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}
