/*
 * diff: package sets are loaded into the temporary table diff_pkgs (side 0
 * and 1) of the index connection; the comparison writes one row per package
 * into diff_out (kind: only_a, only_b, changed, same, or satisfied,
 * unsatisfied, missing, extra), which the JSON and the tables read.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diff.h"
#include "index.h"
#include "marker.h"
#include "pep440.h"
#include "pipfile.h"
#include "probe.h"
#include "req.h"
#include "reqfile.h"
#include "scan.h"
#include "util.h"

static int
sql_init(sqlite3 *db)
{
	/* pep440_cmp() is the index's (index_open()). */
	return sqlite3_exec(db,
	    "CREATE TEMP TABLE IF NOT EXISTS diff_pkgs (side INTEGER NOT NULL,"
	    " norm TEXT NOT NULL, name TEXT NOT NULL, version TEXT,"
	    " PRIMARY KEY (side, norm));"
	    "CREATE TEMP TABLE IF NOT EXISTS diff_out (kind TEXT NOT NULL,"
	    " norm TEXT NOT NULL, name TEXT NOT NULL, a TEXT, b TEXT,"
	    " direction TEXT, wanted TEXT);"
	    "CREATE INDEX IF NOT EXISTS temp.diff_out_norm ON diff_out (norm);"
	    "DELETE FROM diff_pkgs; DELETE FROM diff_out;", NULL, NULL, NULL);
}

static sqlite3_stmt *
prep(struct index *ix, const char *sql, char **err)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(index_db(ix), sql, -1, &st, NULL) != SQLITE_OK) {
		*err = index_errmsg(ix, NULL);
		return NULL;
	}
	return st;
}

/* Steps st to the end and finalizes it; 0, or -1 with *err. */
static int
run(struct index *ix, sqlite3_stmt *st, char **err)
{
	int	rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*err = index_errmsg(ix, NULL);
		return -1;
	}
	return 0;
}

/* --- sides ---------------------------------------------------------------- */

void
diff_side_free(struct diff_side *s)
{
	free(s->label);
	free(s->env);
	req_list_free(&s->reqs);
	memset(s, 0, sizeof *s);
}

void
diff_side_env(struct diff_side *s, const char *env)
{
	memset(s, 0, sizeof *s);
	s->kind = DIFF_ENV;
	s->env = xstrdup(env);
	s->label = xstrdup(env);
}

int
diff_side_at(struct index *ix, struct diff_side *s, const char *env,
    int64_t at, char **err)
{
	sqlite3_stmt	*st;
	int64_t		 first;
	char		 when[64], asked[64];
	int		 rc;

	memset(s, 0, sizeof *s);
	if ((st = prep(ix, "SELECT first_seen FROM env WHERE path = ?1",
	    err)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, env, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	first = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		*err = xasprintf("%s: not in the index", env);
		return -1;
	}
	if (at < first) {
		fmt_time(first, when, sizeof when);
		fmt_time(at, asked, sizeof asked);
		*err = xasprintf("%s: no history before %s (asked for %s): the "
		    "history starts when venvdex first saw it", env, when, asked);
		return -1;
	}
	fmt_time(at, when, sizeof when);
	s->kind = DIFF_AT;
	s->env = xstrdup(env);
	s->at = at;
	s->label = xasprintf("%s@%s", env, when);
	return 0;
}

static int
is_toml_lock(const char *base)
{
	size_t	n = strlen(base);

	return strcmp(base, "poetry.lock") == 0 || strcmp(base, "uv.lock") == 0 ||
	    strcmp(base, "pdm.lock") == 0 || (strncmp(base, "pylock.", 7) == 0 &&
	    n > 5 && strcmp(base + n - 5, ".toml") == 0);
}

/* A file: Pipfile.lock (JSON), else requirements, pinned or not. */
int
diff_side_file(struct index *ix, struct diff_side *s, const char *path,
    char **err)
{
	size_t	 i, nreq = 0, npinned = 0, len;
	char	*pin, *text;
	int	 rc;

	memset(s, 0, sizeof *s);
	/* TOML lock files would read as requirements that name nothing. */
	if (is_toml_lock(path_base(path))) {
		*err = xasprintf("%s: a TOML lock file, which venvdex does not read; "
		    "export it as requirements (poetry export, uv export, pdm "
		    "export) and compare that", path);
		return -1;
	}
	s->label = xstrdup(path);
	if ((text = reqfile_load(path, &len, err)) == NULL) {
		diff_side_free(s);
		return -1;
	}
	for (i = 0; i < len && strchr(" \t\r\n", text[i]) != NULL; i++)
		;
	if ((i < len && text[i] == '{') ||
	    strcmp(path_base(path), "Pipfile.lock") == 0)
		rc = pipfile_read_lock(index_db(ix), path, text, len,
		    &s->reqs, err);
	else
		rc = reqfile_read_text(path, text, len, &s->reqs);
	free(text);
	if (rc == -1) {
		diff_side_free(s);
		return -1;
	}
	for (i = 0; i < s->reqs.n; i++) {
		const struct req	*r = &s->reqs.v[i];

		if (r->constraint)
			continue;
		nreq++;
		if ((pin = req_pinned(r)) != NULL || (r->url != NULL &&
		    r->spec[0] == '\0'))
			npinned++;
		free(pin);
	}
	s->kind = nreq > 0 && npinned == nreq ? DIFF_FREEZE : DIFF_REQS;
	return 0;
}

int
diff_is_reqs_name(const char *path)
{
	const char	*b = path_base(path);
	size_t		 n = strlen(b);

	return strcmp(b, "Pipfile.lock") == 0 || (n > 4 &&
	    (strcmp(b + n - 4, ".txt") == 0 || strcmp(b + n - 4, ".pip") == 0)) ||
	    (n > 3 && strcmp(b + n - 3, ".in") == 0) ||
	    (n > 5 && strcmp(b + n - 5, ".lock") == 0);
}

int
diff_is_env_root(struct index *ix, const char *dir)
{
	sqlite3_stmt	*st;
	struct env	 e;
	char		*err = NULL;
	int		 found = 0;

	if ((st = prep(ix, "SELECT 1 FROM env WHERE path = ?1",
	    &err)) != NULL) {
		sqlite3_bind_text(st, 1, dir, -1, SQLITE_STATIC);
		found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	free(err);
	if (!found && probe_env(dir, &e)) {
		found = 1;
		env_free(&e);
	}
	return found;
}

static void
add_unique(char ***v, size_t *n, const char *path)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], path) == 0)
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = xstrdup(path);
}

size_t
diff_project_envs(struct index *ix, const char *dir, char ***out)
{
	static const char *const names[] = { ".venv", "venv", "env" };
	sqlite3_stmt	*st;
	char		*p, *err = NULL, real[PATH_MAX];
	char		**v = NULL;
	size_t		 n = 0, i;

	for (i = 0; i < nitems(names); i++) {
		p = path_join(dir, names[i]);
		if (diff_is_env_root(ix, p))
			add_unique(&v, &n, p);
		free(p);
	}
	if (realpath(dir, real) == NULL)
		snprintf(real, sizeof real, "%s", dir);
	if ((st = prep(ix, "SELECT path FROM env WHERE project IN"
	    " (?1, ?2) ORDER BY path", &err)) != NULL) {
		sqlite3_bind_text(st, 1, dir, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, real, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW)
			add_unique(&v, &n, (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	free(err);
	*out = v;
	return n;
}

/* "30m", "2h", "3d", "1w": seconds ago; -1 when s is not one. */
static int64_t
ago(const char *s)
{
	static const struct {
		const char	*unit;
		int64_t		 secs;
	} units[] = {
		{ "s", 1 }, { "m", 60 }, { "min", 60 }, { "h", 3600 },
		{ "d", 86400 }, { "w", 7 * 86400 }
	};
	const char	*p;
	int64_t		 n = 0;
	size_t		 i;

	for (p = s; *p >= '0' && *p <= '9'; p++) {
		if (n > 100000000)
			return -1;
		n = n * 10 + (*p - '0');
	}
	if (p == s)
		return -1;
	for (i = 0; i < nitems(units); i++)
		if (strcmp(p, units[i].unit) == 0)
			return n * units[i].secs;
	return -1;
}

/* Local midnight days before now; -1 on error. */
static int
midnight(int days, int64_t *out)
{
	time_t		now = time(NULL);
	struct tm	tm;
	time_t		t;

	if (localtime_r(&now, &tm) == NULL)
		return -1;
	tm.tm_mday -= days;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return -1;
	*out = (int64_t)t;
	return 0;
}

int
diff_parse_date(const char *s, int64_t *out)
{
	struct tm	 tm;
	const char	*p;
	long long	 v = 0;
	int64_t		 secs;
	int		 y, mo, d, h = 0, mi = 0, sec = 0, n = 0, utc = 0;
	int		 oh = 0, om = 0, off = 0;
	time_t		 t;

	if (strcmp(s, "now") == 0) {
		*out = (int64_t)time(NULL);
		return 0;
	}
	if (strcmp(s, "today") == 0)
		return midnight(0, out);
	if (strcmp(s, "yesterday") == 0)
		return midnight(1, out);
	if ((secs = ago(s)) >= 0) {
		*out = (int64_t)time(NULL) - secs;
		return 0;
	}
	if (*s == '@')
		s++;
	for (p = s; *p >= '0' && *p <= '9'; p++) {
		if (v > (LLONG_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (p > s && *p == '\0' && p - s != 8) {
		*out = v;
		return 0;
	}
	if (p - s == 8 && *p == '\0') {	/* YYYYMMDD, ISO 8601's basic form */
		y = (int)(v / 10000);
		mo = (int)(v / 100 % 100);
		d = (int)(v % 100);
	} else if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	else
		p = s + n;
	if (*p == 'T' || *p == ' ') {
		if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5)
			return -1;
		p += 1 + n;
		if (*p == ':') {
			if (sscanf(p + 1, "%2d%n", &sec, &n) != 1 || n != 2)
				return -1;
			p += 1 + n;
		}
		/* As date -Iseconds writes it: Z, or +HH:MM, +HHMM, +HH. */
		if (*p == 'Z') {
			utc = 1;
			p++;
		} else if ((*p == '+' || *p == '-') && sscanf(p + 1,
		    "%2d%n", &oh, &n) == 1 && n == 2) {
			off = *p == '-' ? -1 : 1;
			p += 1 + n;
			if (*p == ':')
				p++;
			if (*p >= '0' && *p <= '9') {
				if (sscanf(p, "%2d%n", &om, &n) != 1 || n != 2)
					return -1;
				p += n;
			}
			if (oh > 23 || om > 59)
				return -1;
			utc = 1;
		}
	}
	if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60 || h < 0 || mi < 0 || sec < 0 || y < 1970)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	t = utc ? timegm(&tm) : mktime(&tm);
	if (t == (time_t)-1)
		return -1;
	*out = (int64_t)t - off * (oh * 3600 + om * 60);
	return 0;
}

/* --- loading package sets ----------------------------------------------------- */

/* The marker environment of a side's interpreter (when it has one). */
static void
side_marker_env(struct index *ix, const struct diff_side *s,
    struct marker_env *me, struct marker_buf *mb)
{
	sqlite3_stmt	*st;
	char		*err = NULL;

	marker_env_init(me, mb, NULL, 0);
	if (s->env == NULL)
		return;
	if ((st = prep(ix, "SELECT python, windows FROM env WHERE"
	    " path = ?1", &err)) == NULL) {
		free(err);
		return;
	}
	sqlite3_bind_text(st, 1, s->env, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		marker_env_init(me, mb, (const char *)sqlite3_column_text(st, 0),
		    sqlite3_column_int(st, 1));
	sqlite3_finalize(st);
}

/* Whether r applies where me says; an undecided marker does, with a note on s. */
static int
applies(struct diff_side *s, const struct req *r, const struct marker_env *me)
{
	const char	*unknown;
	int		 v;

	if (r->marker == NULL)
		return 1;
	if ((v = marker_eval(r->marker, me, &unknown)) == 2)
		req_warn(&s->reqs, r->file, r->line, "marker '%s' %s%s: counted "
		    "as applying", r->marker, unknown != NULL ? "needs " :
		    "cannot be decided", unknown != NULL ? unknown : "");
	return v != 0;
}

/* Loads a package set (environment, past state or freeze file) as side. */
static int
load_side(struct index *ix, struct diff_side *s, int side,
    const struct marker_env *me, char **err)
{
	sqlite3_stmt	*st;
	size_t		 i;
	char		*pin;

	switch (s->kind) {
	case DIFF_ENV:
		st = prep(ix, "INSERT OR REPLACE INTO diff_pkgs SELECT ?1, p.norm,"
		    " p.name, p.version FROM pkg p JOIN env e ON e.id = p.env_id"
		    " WHERE e.path = ?2", err);
		break;
	case DIFF_AT:
		/*
		 * Undoing every change newer than ?3 leaves, for each package,
		 * the old side of its first change after ?3.
		 */
		st = prep(ix, "INSERT OR REPLACE INTO diff_pkgs"
		    " WITH cur AS (SELECT p.norm, p.name, p.version FROM pkg p"
		    "  JOIN env e ON e.id = p.env_id WHERE e.path = ?2),"
		    " h AS (SELECT norm, name, old, row_number() OVER (PARTITION BY"
		    "  norm ORDER BY time, rowid) AS n FROM history"
		    "  WHERE env_path = ?2 AND time > ?3),"
		    " undo AS (SELECT norm, name, old FROM h WHERE n = 1)"
		    " SELECT ?1, norm, name, version FROM cur"
		    "  WHERE norm NOT IN (SELECT norm FROM undo)"
		    " UNION ALL SELECT ?1, norm, name, old FROM undo"
		    "  WHERE old IS NOT NULL", err);
		break;
	case DIFF_FREEZE:
		if ((st = prep(ix, "INSERT OR REPLACE INTO diff_pkgs VALUES"
		    " (?1, ?2, ?3, ?4)", err)) == NULL)
			return -1;
		for (i = 0; i < s->reqs.n; i++) {
			const struct req	*r = &s->reqs.v[i];

			if (r->constraint || r->norm == NULL || !applies(s, r, me))
				continue;
			pin = req_pinned(r);
			sqlite3_bind_int(st, 1, side);
			sqlite3_bind_text(st, 2, r->norm, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, r->name, -1, SQLITE_STATIC);
			if (pin != NULL)
				sqlite3_bind_text(st, 4, pin, -1, free);
			else
				sqlite3_bind_null(st, 4);
			if (sqlite3_step(st) != SQLITE_DONE) {
				*err = index_errmsg(ix, NULL);
				sqlite3_finalize(st);
				return -1;
			}
			sqlite3_reset(st);
		}
		sqlite3_finalize(st);
		return 0;
	default:
		*err = xstrdup("not a package set");
		return -1;
	}
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, side);
	sqlite3_bind_text(st, 2, s->env, -1, SQLITE_STATIC);
	if (s->kind == DIFF_AT)
		sqlite3_bind_int64(st, 3, s->at);
	return run(ix, st, err);
}

/* --- comparing ------------------------------------------------------------ */

static int
count_kind(sqlite3 *db, const char *kind)
{
	sqlite3_stmt	*st;
	int		 n = 0;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM diff_out WHERE kind = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int
compare_sets(struct index *ix, struct diff_result *res, char **err)
{
	sqlite3		*db = index_db(ix);
	sqlite3_stmt	*st;

	st = prep(ix, "INSERT INTO diff_out (kind, norm, name, a, b, direction)"
	    " SELECT 'only_a', a.norm, a.name, a.version, NULL, NULL"
	    "  FROM diff_pkgs a WHERE a.side = 0 AND NOT EXISTS"
	    "  (SELECT 1 FROM diff_pkgs b WHERE b.side = 1 AND b.norm = a.norm)"
	    " UNION ALL SELECT 'only_b', b.norm, b.name, NULL, b.version, NULL"
	    "  FROM diff_pkgs b WHERE b.side = 1 AND NOT EXISTS"
	    "  (SELECT 1 FROM diff_pkgs a WHERE a.side = 0 AND a.norm = b.norm)"
	    " UNION ALL SELECT CASE WHEN c IS NULL OR c = 0 THEN 'same'"
	    "  ELSE 'changed' END, norm, name, av, bv,"
	    "  CASE WHEN c < 0 THEN 'up' WHEN c > 0 THEN 'down' END"
	    "  FROM (SELECT a.norm, a.name, a.version AS av, b.version AS bv,"
	    "  pep440_cmp(a.version, b.version) AS c FROM diff_pkgs a"
	    "  JOIN diff_pkgs b ON b.side = 1 AND b.norm = a.norm WHERE a.side = 0)",
	    err);
	if (st == NULL || run(ix, st, err) == -1)
		return -1;
	res->only_a = count_kind(db, "only_a");
	res->only_b = count_kind(db, "only_b");
	res->changed = count_kind(db, "changed");
	res->same = count_kind(db, "same");
	return 0;
}

/* What a requirement wants, merged over every line that names the project. */
struct want {
	const char	*norm, *name;
	struct sbuf	 spec;		/* requirements' and constraints' specifiers */
	const char	*url;
	const char	*url_version;	/* the version url's file name gives */
	int		 required;
};

/* Project, then requirements before constraints, then file order. */
static int
req_ptr_cmp(const void *a, const void *b)
{
	const struct req	*ra = *(const struct req *const *)a;
	const struct req	*rb = *(const struct req *const *)b;
	int			 c;

	if ((c = strcmp(ra->norm, rb->norm)) != 0)
		return c;
	if (ra->constraint != rb->constraint)
		return ra->constraint - rb->constraint;
	return ra < rb ? -1 : ra > rb;
}

static void
spec_append(struct sbuf *sb, const char *spec)
{
	if (spec == NULL || *spec == '\0')
		return;
	if (sb->len > 0)
		sbuf_addc(sb, ',');
	sbuf_adds(sb, spec);
}

static int
compare_reqs(struct index *ix, struct diff_side *reqs, int pkgs_side,
    const struct marker_env *me, struct diff_result *res, char **err)
{
	sqlite3		*db = index_db(ix);
	sqlite3_stmt	*get = NULL, *put = NULL, *st;
	const struct req **rs;
	struct want	*w = NULL;
	size_t		 nw = 0, nr = 0, i, j;
	const char	*kind, *inst;
	int		 rc = -1, ok, found;

	/* Merge the lines by project, constraints after requirements. */
	rs = xcalloc(reqs->reqs.n + 1, sizeof *rs);
	for (i = 0; i < reqs->reqs.n; i++) {
		const struct req	*r = &reqs->reqs.v[i];

		if (r->norm != NULL && applies(reqs, r, me))
			rs[nr++] = r;
	}
	xqsort(rs, nr, sizeof *rs, req_ptr_cmp);
	w = xcalloc(nr + 1, sizeof *w);
	for (i = 0; i < nr; i++) {
		const struct req	*r = rs[i];

		if (nw == 0 || strcmp(w[nw - 1].norm, r->norm) != 0) {
			w[nw].norm = r->norm;
			w[nw++].name = r->name;
		}
		j = nw - 1;
		spec_append(&w[j].spec, r->spec);
		if (!r->constraint) {
			if (!w[j].required)
				w[j].name = r->name;
			w[j].required = 1;
			if (r->url != NULL && w[j].url == NULL) {
				w[j].url = r->url;
				w[j].url_version = r->url_version;
			}
		}
	}
	free(rs);
	if ((get = prep(ix, "SELECT name, version FROM diff_pkgs WHERE side = ?1"
	    " AND norm = ?2", err)) == NULL ||
	    (put = prep(ix, "INSERT INTO diff_out (kind, norm, name, a, wanted)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)", err)) == NULL)
		goto out;
	for (i = 0; i < nw; i++) {
		char	*wanted;

		if (!w[i].required)
			continue;
		sqlite3_bind_int(get, 1, pkgs_side);
		sqlite3_bind_text(get, 2, w[i].norm, -1, SQLITE_STATIC);
		inst = NULL;
		found = sqlite3_step(get) == SQLITE_ROW;
		if (found)
			inst = (const char *)sqlite3_column_text(get, 1);
		if (w[i].spec.len > 0 || w[i].url == NULL)
			wanted = xstrdup(w[i].spec.s != NULL ? w[i].spec.s : "");
		else
			wanted = xasprintf("@ %s", w[i].url);
		if (!found)
			kind = "missing";
		else {
			/* As pip checks what is installed: pre-releases allowed. */
			if (inst == NULL)
				ok = w[i].spec.len == 0 && w[i].url_version == NULL;
			else
				ok = pep440_contains(w[i].spec.s != NULL ?
				    w[i].spec.s : "", inst, 1) == 1 &&
				    (w[i].url_version == NULL ||
				    pep440_cmp(inst, w[i].url_version) == 0);
			kind = ok ? "satisfied" : "unsatisfied";
		}
		sqlite3_bind_text(put, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(put, 2, w[i].norm, -1, SQLITE_STATIC);
		sqlite3_bind_text(put, 3, found ? (const char *)
		    sqlite3_column_text(get, 0) : w[i].name, -1, SQLITE_TRANSIENT);
		if (inst != NULL)
			sqlite3_bind_text(put, 4, inst, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(put, 4);
		sqlite3_bind_text(put, 5, wanted, -1, free);
		if (sqlite3_step(put) != SQLITE_DONE) {
			*err = index_errmsg(ix, NULL);
			goto out;
		}
		sqlite3_reset(put);
		sqlite3_reset(get);
	}
	/* Installed, not required. */
	if ((st = prep(ix, "INSERT INTO diff_out (kind, norm, name, a)"
	    " SELECT 'extra', norm, name, version FROM diff_pkgs p WHERE side = ?1"
	    " AND NOT EXISTS (SELECT 1 FROM diff_out o WHERE o.norm = p.norm)",
	    err)) == NULL)
		goto out;
	sqlite3_bind_int(st, 1, pkgs_side);
	if (run(ix, st, err) == -1)
		goto out;
	res->verdicts = 1;
	res->satisfied = count_kind(db, "satisfied");
	res->unsatisfied = count_kind(db, "unsatisfied");
	res->missing = count_kind(db, "missing");
	res->extra = count_kind(db, "extra");
	rc = 0;
out:
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	for (i = 0; i < nw; i++) {
		sbuf_free(&w[i].spec);
	}
	free(w);
	return rc;
}

int
diff_compare(struct index *ix, struct diff_side *a, struct diff_side *b,
    struct diff_result *res, char **err)
{
	const struct diff_side	*envside;
	struct marker_env	 me;
	struct marker_buf	 mb;
	sqlite3			*db = index_db(ix);
	int			 rc;

	*err = NULL;
	memset(res, 0, sizeof *res);
	if (a->kind == DIFF_REQS && b->kind == DIFF_REQS) {
		*err = xstrdup("two requirement files with version ranges cannot be "
		    "compared: one side must be an environment or a pinned "
		    "(pip freeze) file");
		return -1;
	}
	if (sql_init(db) != SQLITE_OK) {
		*err = index_errmsg(ix, NULL);
		return -1;
	}
	/* Markers are evaluated for the interpreter of the other side. */
	envside = a->env != NULL ? a : b;
	side_marker_env(ix, envside, &me, &mb);
	/* One transaction: a row per statement would be one each. */
	if (sqlite3_exec(db, "SAVEPOINT diff", NULL, NULL, NULL) != SQLITE_OK) {
		*err = index_errmsg(ix, NULL);
		return -1;
	}
	if (a->kind == DIFF_REQS)
		rc = load_side(ix, b, 1, &me, err) == -1 ? -1 :
		    compare_reqs(ix, a, 1, &me, res, err);
	else if (load_side(ix, a, 0, &me, err) == -1)
		rc = -1;
	else if (b->kind == DIFF_REQS)
		rc = compare_reqs(ix, b, 0, &me, res, err);
	else
		rc = load_side(ix, b, 1, &me, err) == -1 ? -1 :
		    compare_sets(ix, res, err);
	sqlite3_exec(db, "RELEASE diff", NULL, NULL, NULL);
	return rc;
}

char *
diff_json(struct index *ix, const struct diff_side *a,
    const struct diff_side *b, const struct diff_result *res, char **err)
{
	static const char sets[] =
	    "SELECT json_object('a', repair(?1), 'b', repair(?2),"
	    " 'only_a', json((SELECT json_group_array(json_object('name', repair(name),"
	    "  'version', repair(a))) FROM (SELECT * FROM diff_out"
	    "  WHERE kind = 'only_a' ORDER BY norm))),"
	    " 'only_b', json((SELECT json_group_array(json_object('name', repair(name),"
	    "  'version', repair(b))) FROM (SELECT * FROM diff_out"
	    "  WHERE kind = 'only_b' ORDER BY norm))),"
	    " 'changed', json((SELECT json_group_array(json_object('name',"
	    "  repair(name), 'a', repair(a), 'b', repair(b), 'direction', direction))"
	    "  FROM (SELECT * FROM diff_out WHERE kind = 'changed' ORDER BY norm))),"
	    " 'same', (SELECT count(*) FROM diff_out WHERE kind = 'same'))";
#define VERDICT(k, obj) " '" k "', json((SELECT json_group_array(json_object(" obj \
	    ")) FROM (SELECT * FROM diff_out WHERE kind = '" k "' ORDER BY norm)))"
	static const char verdicts[] =
	    "SELECT json_object('a', repair(?1), 'b', repair(?2),"
	    VERDICT("satisfied", "'name', repair(name), 'installed', repair(a),"
		" 'wanted', repair(wanted)") ","
	    VERDICT("unsatisfied", "'name', repair(name), 'installed', repair(a),"
		" 'wanted', repair(wanted)") ","
	    VERDICT("missing", "'name', repair(name), 'wanted', repair(wanted)") ","
	    VERDICT("extra", "'name', repair(name), 'installed', repair(a)") ")";
#undef VERDICT
	sqlite3_stmt	*st;
	char		*r = NULL;

	if (sqlite3_prepare_v2(index_db(ix), res->verdicts ? verdicts : sets, -1,
	    &st, NULL) != SQLITE_OK) {
		*err = index_errmsg(ix, NULL);
		return NULL;
	}
	sqlite3_bind_text(st, 1, a->label, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b->label, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		r = xstrdup((const char *)sqlite3_column_text(st, 0));
	else
		*err = index_errmsg(ix, NULL);
	sqlite3_finalize(st);
	return r;
}


/* --- the rows of the last comparison, and the history -------------------- */

/* Column i's text, allocated; else dflt's copy (NULL: NULL). */
static char *
text_dup(sqlite3_stmt *st, int i, const char *dflt)
{
	const char	*s = (const char *)sqlite3_column_text(st, i);

	if (s == NULL)
		s = dflt;
	return s != NULL ? xstrdup(s) : NULL;
}

int
diff_items(struct index *ix, const char *kind, struct diff_item **out,
    size_t *n)
{
	sqlite3_stmt	*st;
	struct diff_item *v = NULL, *it;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(index_db(ix), "SELECT name, a, b, direction, wanted"
	    " FROM diff_out WHERE kind = ?1 ORDER BY norm", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		v = xrealloc(v, (*n + 1) * sizeof *v);
		it = &v[(*n)++];
		it->name = text_dup(st, 0, "");
		it->a = text_dup(st, 1, "");
		it->b = text_dup(st, 2, "");
		it->direction = text_dup(st, 3, "");
		it->wanted = text_dup(st, 4, "");
	}
	sqlite3_finalize(st);
	*out = v;
	return 0;
}

void
diff_items_free(struct diff_item *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].a);
		free(v[i].b);
		free(v[i].direction);
		free(v[i].wanted);
	}
	free(v);
}

static const char change_sql[] =
    "CASE WHEN old IS NULL THEN 'added' WHEN new IS NULL THEN 'removed'"
    " WHEN pep440_cmp(old, new) < 0 THEN 'upgraded'"
    " WHEN pep440_cmp(old, new) > 0 THEN 'downgraded' ELSE 'changed' END";

/* The history of env as a prepared statement (JSON: one row, one value). */
static sqlite3_stmt *
log_prepare(struct index *ix, const char *env, int json, char **err)
{
	sqlite3_stmt	*st;
	char		*sql;
	int		 rc;

	if (sql_init(index_db(ix)) != SQLITE_OK) {
		*err = index_errmsg(ix, NULL);
		return NULL;
	}
	if (json)
		sql = xasprintf("SELECT json_group_array(json_object('time', time,"
		    " 'name', repair(name), 'old', repair(old), 'new', repair(new),"
		    " 'change', %s)) FROM (SELECT rowid, * FROM history"
		    " WHERE env_path = ?1 ORDER BY time, rowid)", change_sql);
	else
		sql = xasprintf("SELECT time, name, old, new, %s FROM history"
		    " WHERE env_path = ?1 ORDER BY time, rowid", change_sql);
	rc = sqlite3_prepare_v2(index_db(ix), sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		*err = index_errmsg(ix, NULL);
		return NULL;
	}
	sqlite3_bind_text(st, 1, env, -1, SQLITE_TRANSIENT);
	return st;
}

int
diff_log(struct index *ix, const char *env, struct diff_change **out,
    size_t *n, char **err)
{
	sqlite3_stmt		*st;
	struct diff_change	*v = NULL, *c;

	*out = NULL;
	*n = 0;
	if ((st = log_prepare(ix, env, 0, err)) == NULL)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		v = xrealloc(v, (*n + 1) * sizeof *v);
		c = &v[(*n)++];
		c->time = sqlite3_column_int64(st, 0);
		c->name = text_dup(st, 1, "");
		c->old = text_dup(st, 2, NULL);
		c->new = text_dup(st, 3, NULL);
		c->change = text_dup(st, 4, "");
	}
	sqlite3_finalize(st);
	*out = v;
	return 0;
}

void
diff_log_free(struct diff_change *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].old);
		free(v[i].new);
		free(v[i].change);
	}
	free(v);
}

char *
diff_log_json(struct index *ix, const char *env, char **err)
{
	sqlite3_stmt	*st;
	char		*r = NULL;

	if ((st = log_prepare(ix, env, 1, err)) == NULL)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		r = text_dup(st, 0, "[]");
	else
		*err = index_errmsg(ix, NULL);
	sqlite3_finalize(st);
	return r;
}
