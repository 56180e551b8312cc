/*
 * diff: package sets are loaded into the temporary table diff_pkgs (side 0
 * and 1) of the index connection; the comparison writes one row per package
 * into diff_out (kind: only_a, only_b, changed, same, or satisfied,
 * unsatisfied, missing, extra), which the JSON and the tables read.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "diff.h"
#include "index.h"
#include "marker.h"
#include "out.h"
#include "pep440.h"
#include "probe.h"
#include "req.h"
#include "scan.h"
#include "util.h"

/* pep440_cmp(a, b): -1, 0, 1, or NULL when either is NULL. */
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

static int
sql_init(sqlite3 *db)
{
	sqlite3_create_function(db, "pep440_cmp", 2, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_pep440_cmp, NULL, NULL);
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
prep(sqlite3 *db, const char *sql, char **err)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		*err = xasprintf("index: %s", sqlite3_errmsg(db));
		return NULL;
	}
	return st;
}

/* Steps st to the end and finalizes it; 0, or -1 with *err. */
static int
run(sqlite3 *db, sqlite3_stmt *st, char **err)
{
	int	rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*err = xasprintf("index: %s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

static void
iso_time(int64_t t, char *buf, size_t sz)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sz, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		snprintf(buf, sz, "@%lld", (long long)t);
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
	if ((st = prep(index_db(ix), "SELECT first_seen FROM env WHERE path = ?1",
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
		iso_time(first, when, sizeof when);
		iso_time(at, asked, sizeof asked);
		*err = xasprintf("%s: no history before %s (asked for %s): the "
		    "history starts when venvdex first saw it", env, when, asked);
		return -1;
	}
	iso_time(at, when, sizeof when);
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
	if ((text = req_load(path, &len, err)) == NULL) {
		diff_side_free(s);
		return -1;
	}
	for (i = 0; i < len && strchr(" \t\r\n", text[i]) != NULL; i++)
		;
	if ((i < len && text[i] == '{') ||
	    strcmp(path_base(path), "Pipfile.lock") == 0)
		rc = req_read_pipfile_lock(index_db(ix), path, text, len,
		    &s->reqs, err);
	else
		rc = req_read_text(path, text, len, &s->reqs);
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

static int
is_reqs_name(const char *path)
{
	const char	*b = path_base(path);
	size_t		 n = strlen(b);

	return strcmp(b, "Pipfile.lock") == 0 || (n > 4 &&
	    (strcmp(b + n - 4, ".txt") == 0 || strcmp(b + n - 4, ".pip") == 0)) ||
	    (n > 3 && strcmp(b + n - 3, ".in") == 0) ||
	    (n > 5 && strcmp(b + n - 5, ".lock") == 0);
}

/* An environment in the index or on disk whose root is exactly dir. */
static int
is_env_root(struct index *ix, const char *dir)
{
	sqlite3_stmt	*st;
	struct env	 e;
	char		*err = NULL;
	int		 found = 0;

	if ((st = prep(index_db(ix), "SELECT 1 FROM env WHERE path = ?1",
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

/*
 * The environments of a project folder: .venv, venv or env inside it, and
 * indexed environments whose project is the folder.
 */
static size_t
project_envs(struct index *ix, const char *dir, char ***out)
{
	static const char *const names[] = { ".venv", "venv", "env" };
	sqlite3_stmt	*st;
	char		*p, *err = NULL, real[PATH_MAX];
	char		**v = NULL;
	size_t		 n = 0, i;

	for (i = 0; i < nitems(names); i++) {
		p = path_join(dir, names[i]);
		if (is_env_root(ix, p))
			add_unique(&v, &n, p);
		free(p);
	}
	if (realpath(dir, real) == NULL)
		snprintf(real, sizeof real, "%s", dir);
	if ((st = prep(index_db(ix), "SELECT path FROM env WHERE project IN"
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

/* Re-reads an environment whose fingerprint on disk moved since it was indexed. */
static void
refresh(struct index *ix, const char *path)
{
	sqlite3_stmt	*st;
	struct env	 e;
	char		*err = NULL;
	int64_t		 fp = 0;
	int		 known = 0;

	if (!probe_env(path, &e))
		return;
	if ((st = prep(index_db(ix), "SELECT fingerprint FROM env WHERE"
	    " path = ?1", &err)) != NULL) {
		sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_type(st, 0) != SQLITE_NULL) {
			fp = sqlite3_column_int64(st, 0);
			known = 1;
		}
		sqlite3_finalize(st);
	}
	free(err);
	if (!known || fp != e.fingerprint)
		scan_one(ix, path);
	env_free(&e);
}

/*
 * An environment from a word: a project folder, a path in one, or a name;
 * NULL after a warning (a folder with several environments lists them).
 */
static char *
resolve_env(struct index *ix, const char *cmd, const char *arg)
{
	struct stat	  sb;
	char		**v = NULL, *abs, *r = NULL;
	size_t		  n = 0, i;

	if (stat(arg, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		abs = path_absolute(arg);
		if (!is_env_root(ix, abs) && (n = project_envs(ix, abs, &v)) > 1) {
			warnx_("%s: %s holds %zu environments; name one of them:",
			    cmd, arg, n);
			for (i = 0; i < n; i++) {
				char	*safe = term_safe(v[i]);

				fprintf(stderr, "  %s\n", safe);
				free(safe);
			}
		} else if (n == 1)
			r = cli_resolve(ix, cmd, v[0]);
		else
			r = cli_resolve(ix, cmd, abs);
		for (i = 0; i < n; i++)
			free(v[i]);
		free(v);
		free(abs);
	} else
		r = cli_resolve(ix, cmd, arg);
	if (r != NULL)
		refresh(ix, r);
	return r;
}

/* Whether word names an environment or a project folder with one (quietly). */
static int
is_env_word(struct index *ix, const char *word)
{
	struct stat	  sb;
	char		 *path, *unindexed, *err, **v = NULL, *abs;
	size_t		  n = 0, i;
	int		  found;

	path = index_resolve(ix, word, &unindexed, &err);
	found = path != NULL || unindexed != NULL;
	free(path);
	free(unindexed);
	free(err);
	if (!found && stat(word, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		abs = path_absolute(word);
		n = project_envs(ix, abs, &v);
		for (i = 0; i < n; i++)
			free(v[i]);
		free(v);
		free(abs);
		found = n > 0;
	}
	return found;
}

int
diff_side_open(struct index *ix, const char *arg, struct diff_side *s)
{
	struct stat	 sb;
	const char	*at;
	char		*env, *err = NULL, *root, *left;
	int64_t		 t;
	int		 rc;

	memset(s, 0, sizeof *s);
	/* Standard input or a pipe: pip freeze | venvdex diff - ENV. */
	if (strcmp(arg, "-") == 0 || (stat(arg, &sb) == 0 && S_ISFIFO(sb.st_mode))) {
		if (diff_side_file(ix, s, arg, &err) == -1) {
			warnx_("diff: %s", err);
			free(err);
			return -1;
		}
		return 0;
	}
	if (stat(arg, &sb) == 0 && S_ISREG(sb.st_mode)) {
		root = is_reqs_name(arg) ? NULL : probe_find_root(arg);
		if (root == NULL) {
			if (diff_side_file(ix, s, arg, &err) == -1) {
				warnx_("diff: %s", err);
				free(err);
				return -1;
			}
			return 0;
		}
		free(root);
	} else if (stat(arg, &sb) == -1 && (at = strrchr(arg, '@')) != NULL &&
	    at > arg) {
		if (at - arg > 1 && at[-1] == '@')	/* ENV@@SECONDS */
			at--;
		left = xstrndup(arg, (size_t)(at - arg));
		if (diff_parse_date(at + 1, &t) == -1) {
			/* ENV@ with no date after it: say so, if ENV is one. */
			rc = is_env_word(ix, left);
			free(left);
			if (!rc)
				goto env;
			warnx_("diff: %s: '%s' is not a date: give YYYY-MM-DD, "
			    "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], SECONDS since the "
			    "epoch, a time ago (30m, 2h, 3d, 1w), today or "
			    "yesterday", arg, strrchr(arg, '@') + 1);
			return -1;
		}
		env = resolve_env(ix, "diff", left);
		free(left);
		if (env == NULL)
			return -1;
		rc = diff_side_at(ix, s, env, t, &err);
		free(env);
		if (rc == -1) {
			warnx_("diff: %s", err);
			free(err);
		}
		return rc;
	}
env:
	if ((env = resolve_env(ix, "diff", arg)) == NULL)
		return -1;
	diff_side_env(s, env);
	free(env);
	return 0;
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
	if ((st = prep(index_db(ix), "SELECT python, windows FROM env WHERE"
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
	sqlite3		*db = index_db(ix);
	sqlite3_stmt	*st;
	size_t		 i;
	char		*pin;

	switch (s->kind) {
	case DIFF_ENV:
		st = prep(db, "INSERT OR REPLACE INTO diff_pkgs SELECT ?1, p.norm,"
		    " p.name, p.version FROM pkg p JOIN env e ON e.id = p.env_id"
		    " WHERE e.path = ?2", err);
		break;
	case DIFF_AT:
		/*
		 * Undoing every change newer than ?3 leaves, for each package,
		 * the old side of its first change after ?3.
		 */
		st = prep(db, "INSERT OR REPLACE INTO diff_pkgs"
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
		if ((st = prep(db, "INSERT OR REPLACE INTO diff_pkgs VALUES"
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
				*err = xasprintf("index: %s", sqlite3_errmsg(db));
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
	return run(db, st, err);
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

	st = prep(db, "INSERT INTO diff_out (kind, norm, name, a, b, direction)"
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
	if (st == NULL || run(db, st, err) == -1)
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
	qsort(rs, nr, sizeof *rs, req_ptr_cmp);
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
	if ((get = prep(db, "SELECT name, version FROM diff_pkgs WHERE side = ?1"
	    " AND norm = ?2", err)) == NULL ||
	    (put = prep(db, "INSERT INTO diff_out (kind, norm, name, a, wanted)"
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
			*err = xasprintf("index: %s", sqlite3_errmsg(db));
			goto out;
		}
		sqlite3_reset(put);
		sqlite3_reset(get);
	}
	/* Installed, not required. */
	if ((st = prep(db, "INSERT INTO diff_out (kind, norm, name, a)"
	    " SELECT 'extra', norm, name, version FROM diff_pkgs p WHERE side = ?1"
	    " AND NOT EXISTS (SELECT 1 FROM diff_out o WHERE o.norm = p.norm)",
	    err)) == NULL)
		goto out;
	sqlite3_bind_int(st, 1, pkgs_side);
	if (run(db, st, err) == -1)
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
		*err = xasprintf("index: %s", sqlite3_errmsg(db));
		return -1;
	}
	/* Markers are evaluated for the interpreter of the other side. */
	envside = a->env != NULL ? a : b;
	side_marker_env(ix, envside, &me, &mb);
	/* One transaction: a row per statement would be one each. */
	if (sqlite3_exec(db, "SAVEPOINT diff", NULL, NULL, NULL) != SQLITE_OK) {
		*err = xasprintf("index: %s", sqlite3_errmsg(db));
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
    const struct diff_side *b, const struct diff_result *res)
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
		warnx_("index: %s", sqlite3_errmsg(index_db(ix)));
		return NULL;
	}
	sqlite3_bind_text(st, 1, a->label, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b->label, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		r = xstrdup((const char *)sqlite3_column_text(st, 0));
	else
		warnx_("index: %s", sqlite3_errmsg(index_db(ix)));
	sqlite3_finalize(st);
	return r;
}

/* --- the diff command ---------------------------------------------------------- */

static const char *
col(sqlite3_stmt *st, int i)
{
	const char	*s = (const char *)sqlite3_column_text(st, i);

	return s != NULL ? s : "";
}

static int
utf8_terminal(void)
{
	const char	*cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Prints the rows of one kind as a table under a heading. */
static void
section(struct index *ix, const char *kind, const char *heading, int n,
    enum out_color color)
{
	static const char *const arrows[2][2] = { { "up", "down" },
	    { "\xe2\x86\x91", "\xe2\x86\x93" } };
	struct table	*t;
	sqlite3_stmt	*st;
	char		*h;
	int		 changed = strcmp(kind, "changed") == 0, u8 = utf8_terminal();
	int		 verdict = strcmp(kind, "unsatisfied") == 0;
	int		 missing = strcmp(kind, "missing") == 0;

	if (n == 0)
		return;
	if (sqlite3_prepare_v2(index_db(ix), "SELECT name, a, b, direction, wanted"
	    " FROM diff_out WHERE kind = ?1 ORDER BY norm", -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	h = xasprintf("%s (%d):", heading, n);
	out_print(stdout, OUT_BOLD, h);
	putchar('\n');
	free(h);
	t = out_table_new();
	out_table_col(t, "  NAME", 0);
	if (changed) {
		out_table_col(t, "A", 0);
		out_table_col(t, "", 0);
		out_table_col(t, "B", 0);
	} else if (verdict) {
		out_table_col(t, "INSTALLED", 0);
		out_table_col(t, "WANTED", 0);
	} else
		out_table_col(t, missing ? "WANTED" : "VERSION", 0);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int	up = strcmp(col(st, 3), "up") == 0;

		out_table_row(t, changed ? (up ? OUT_GREEN : OUT_YELLOW) : color);
		h = xasprintf("  %s", col(st, 0));
		out_table_cell(t, h);
		free(h);
		if (changed) {
			out_table_cell(t, col(st, 1));
			out_table_cell(t, arrows[u8][up ? 0 : 1]);
			out_table_cell(t, col(st, 2));
		} else if (verdict) {
			out_table_cell(t, col(st, 1));
			out_table_cell(t, col(st, 4));
		} else if (missing)
			out_table_cell(t, *col(st, 4) != '\0' ? col(st, 4) : "(any)");
		else
			out_table_cell(t, col(st, 1)[0] || col(st, 2)[0] ?
			    (strcmp(kind, "only_b") == 0 ? col(st, 2) : col(st, 1)) :
			    "?");
	}
	sqlite3_finalize(st);
	out_table_print(t, stdout);
	out_table_free(t);
}

static void
print_label(const char *which, const char *label)
{
	char	*tilde = label[0] == '/' ? path_tilde(label) : xstrdup(label);

	printf("%s ", which);
	out_print(stdout, OUT_PLAIN, tilde);
	putchar('\n');
	free(tilde);
}

static void
print_human(struct index *ix, const struct diff_side *a,
    const struct diff_side *b, const struct diff_result *r)
{
	print_label("A:", a->label);
	print_label("B:", b->label);
	if (r->verdicts) {
		section(ix, "unsatisfied", "unsatisfied", r->unsatisfied, OUT_RED);
		section(ix, "missing", "missing", r->missing, OUT_RED);
		section(ix, "extra", "installed, not required", r->extra, OUT_DIM);
		printf("%d satisfied, %d unsatisfied, %d missing, %d extra\n",
		    r->satisfied, r->unsatisfied, r->missing, r->extra);
		return;
	}
	section(ix, "only_a", "only in A", r->only_a, OUT_RED);
	section(ix, "only_b", "only in B", r->only_b, OUT_GREEN);
	section(ix, "changed", "changed", r->changed, OUT_PLAIN);
	if (r->only_a + r->only_b + r->changed == 0)
		printf("identical: %d package%s the same\n", r->same,
		    r->same == 1 ? "" : "s");
	else
		printf("%d the same, %d only in A, %d only in B, %d changed\n",
		    r->same, r->only_a, r->only_b, r->changed);
}

static void
print_warnings(const struct diff_side *s)
{
	size_t	i;

	for (i = 0; i < s->reqs.nwarn; i++)
		warnx_("diff: %s", s->reqs.warn[i]);
}

static int
diff_exec(struct index *ix, struct cli_args *args)
{
	struct diff_side	 a, b;
	struct diff_result	 res;
	char			*err, *json, **argv = args->argv;
	int			 asjson = cli_flag(args, "json"), rc;

	if (strcmp(argv[0], "-") == 0 && strcmp(argv[1], "-") == 0)
		return cli_usage_error(args, "only one side can be standard input");
	if (diff_side_open(ix, argv[0], &a) == -1)
		return 1;
	if (diff_side_open(ix, argv[1], &b) == -1) {
		diff_side_free(&a);
		return 1;
	}
	rc = diff_compare(ix, &a, &b, &res, &err);
	print_warnings(&a);
	print_warnings(&b);
	if (rc == -1) {
		warnx_("diff: %s", err);
		rc = a.kind == DIFF_REQS && b.kind == DIFF_REQS ? EXIT_USAGE : 1;
		free(err);
	} else {
		if (asjson) {
			if ((json = diff_json(ix, &a, &b, &res)) != NULL)
				puts(json);
			free(json);
		} else
			print_human(ix, &a, &b, &res);
		if (res.verdicts)
			rc = res.unsatisfied + res.missing > 0 ? 1 : 0;
		else
			rc = res.only_a + res.only_b + res.changed > 0 ? 1 : 0;
	}
	diff_side_free(&a);
	diff_side_free(&b);
	return rc;
}

/* --- the log command ------------------------------------------------------------ */

static const char change_sql[] =
    "CASE WHEN old IS NULL THEN 'added' WHEN new IS NULL THEN 'removed'"
    " WHEN pep440_cmp(old, new) < 0 THEN 'upgraded'"
    " WHEN pep440_cmp(old, new) > 0 THEN 'downgraded' ELSE 'changed' END";

static int
log_exec(struct index *ix, struct cli_args *a)
{
	struct table	*t;
	sqlite3_stmt	*st;
	char		*path, *sql, when[64], *ver;
	const char	*change;
	int		 asjson = cli_flag(a, "json"), n = 0, rc;

	if ((path = resolve_env(ix, "log", a->argv[0])) == NULL)
		return 1;
	if (sql_init(index_db(ix)) != SQLITE_OK) {
		warnx_("index: %s", sqlite3_errmsg(index_db(ix)));
		free(path);
		return 1;
	}
	if (asjson)
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
		warnx_("index: %s", sqlite3_errmsg(index_db(ix)));
		free(path);
		return 1;
	}
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	free(path);
	if (asjson)
		return cli_print_json(ix, st);
	t = out_table_new();
	out_table_col(t, "TIME", 0);
	out_table_col(t, "PACKAGE", 0);
	out_table_col(t, "VERSION", 0);
	out_table_col(t, "CHANGE", 0);
	while (sqlite3_step(st) == SQLITE_ROW) {
		n++;
		change = col(st, 4);
		out_table_row(t, strcmp(change, "added") == 0 ? OUT_GREEN :
		    strcmp(change, "removed") == 0 ? OUT_RED :
		    strcmp(change, "downgraded") == 0 ? OUT_YELLOW : OUT_PLAIN);
		iso_time(sqlite3_column_int64(st, 0), when, sizeof when);
		out_table_cell(t, when);
		out_table_cell(t, col(st, 1));
		ver = xasprintf("%s -> %s",
		    sqlite3_column_type(st, 2) == SQLITE_NULL ? "(none)" : col(st, 2),
		    sqlite3_column_type(st, 3) == SQLITE_NULL ? "(none)" : col(st, 3));
		out_table_cell(t, ver);
		free(ver);
		out_table_cell(t, change);
	}
	sqlite3_finalize(st);
	if (n > 0)
		out_table_print(t, stdout);
	else
		printf("no changes recorded\n");
	out_table_free(t);
	return 0;
}

static const struct cli_opt diff_opts[] = {
	{ "json", 0, NULL, "a JSON object (see venvdex(1))" },
	{ NULL }
};

const struct cli_entry cli_diff_entry = {
	"diff", "A B [--json]",
	"compare two package sets. A and B: environments (a path to or inside\n"
	"one, or a name), project folders (their environment), ENV@DATE (what\n"
	"ENV held then: YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM], @SECONDS, or a time\n"
	"ago: 30m, 2h, 3d, 1w, today, yesterday), pip freeze or requirements\n"
	"files (- for standard input), or a Pipfile.lock. A requirements file\n"
	"with ranges gets verdicts: satisfied, unsatisfied, missing, extra.\n"
	"Exit 0 when identical or all satisfied, 1 when different",
	diff_opts, 2, 2, "needs two things to compare", 0, diff_exec
};

static const struct cli_opt log_opts[] = {
	{ "json", 0, NULL, "a JSON array (see venvdex(1))" },
	{ NULL }
};

const struct cli_entry cli_log_entry = {
	"log", "ENV [--json]",
	"every change venvdex has seen in ENV's packages (ENV may be a project\n"
	"folder, as for diff), oldest first: added, removed, upgraded, downgraded",
	log_opts, 1, 1, "needs one ENV", 0, log_exec
};
