/* Tests for scan.c: what a scan writes and counts, rescans, cancel, a locked index. */
#include "config.h"

#include <fcntl.h>
#include <stdarg.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "check.h"
#include "index.h"
#include "msg.h"
#include "roots.h"
#include "scan.h"
#include "util.h"

static char	*tmp;

static void
sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
sh(const char *fmt, ...)
{
	va_list	 ap;
	char	*cmd;

	va_start(ap, fmt);
	cmd = xvasprintf(fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		CHECK(!"shell command failed");
	free(cmd);
}

/* A venv with pyvenv.cfg and the distributions named (NAME-VERSION ...). */
static void
venv(const char *rel, const char *dists)
{
	char	*site = xasprintf("%s/%s/lib/python3.11/site-packages", tmp, rel);
	char	*copy = xstrdup(dists), *p = copy, *d, *v;

	sh("mkdir -p '%s/%s/bin' '%s' && printf 'home = /usr/bin\\n"
	    "version = 3.11.7\\n' >'%s/%s/pyvenv.cfg'", tmp, rel, site, tmp, rel);
	while ((d = strsep(&p, " ")) != NULL) {
		if (*d == '\0' || (v = strchr(d, '-')) == NULL)
			continue;
		*v++ = '\0';
		sh("mkdir -p '%s/%s-%s.dist-info' && printf 'Metadata-Version: 2.1\\n"
		    "Name: %s\\nVersion: %s\\n' >'%s/%s-%s.dist-info/METADATA'",
		    site, d, v, d, v, site, d, v);
	}
	free(copy);
	free(site);
}

/* What a scan reported through its callbacks. */
struct seen {
	unsigned	 envs;		/* on_env calls */
	unsigned	 progress;
	int		 cancel_after;	/* cancelled() once envs reaches it; 0: never */
};

static void
on_env(const struct env *e, void *arg)
{
	struct seen	*s = arg;

	CHECK(e->path != NULL && e->path[0] == '/');
	s->envs++;
}

static void
on_progress(const struct scan_stats *st, void *arg)
{
	(void)st;
	((struct seen *)arg)->progress++;
}

static int
cancelled(void *arg)
{
	struct seen	*s = arg;

	return s->cancel_after > 0 && s->envs >= (unsigned)s->cancel_after;
}

/* Messages reported while a sink is set, by level. */
static unsigned	said[2];
static char	last_said[512];

static void
sink(enum msg_level level, const char *text, void *arg)
{
	(void)arg;
	said[level == MSG_ERROR]++;
	snprintf(last_said, sizeof last_said, "%s", text);
}

static int
scan(struct index *ix, const char *root, int full, struct seen *s,
    struct scan_stats *st)
{
	struct scan_opts o = { 0 };
	struct roots	 r;
	char		*p = path_join(tmp, root);
	int		 rc;

	CHECK_INT(roots_named(&r, &p, 1), 0);
	o.full = full;
	o.nthreads = 2;
	o.on_env = on_env;
	o.on_progress = on_progress;
	o.cancelled = cancelled;
	o.arg = s;
	rc = scan_run(ix, &r, &o, st);
	roots_free(&r);
	free(p);
	return rc;
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
test_scans(void)
{
	struct scan_stats st;
	struct seen	 s;
	struct index	*ix;
	char		*db = path_join(tmp, "scan.db"), *err;

	venv("r/one", "attrs-23.1.0 six-1.16.0");
	venv("r/deep/er/two", "attrs-22.2.0");
	venv("r/three", "");
	sh("mkdir -p '%s/r/nothing/here'", tmp);
	if (!CHECK((ix = index_open(db, &err)) != NULL)) {
		fprintf(stderr, "  %s\n", err);
		free(err);
		free(db);
		return;
	}

	/* The first scan: everything new. */
	memset(&s, 0, sizeof s);
	CHECK_INT(scan(ix, "r", 0, &s, &st), 0);
	CHECK_INT(st.end, SCAN_DONE);
	CHECK_INT(st.envs, 3);
	CHECK_INT(st.added, 3);
	CHECK_INT(st.changed + st.unchanged + st.gone + st.errors, 0);
	CHECK_INT(st.packages, 3);
	CHECK_INT(st.changes, 0);	/* the first sight is not history */
	CHECK_INT(s.envs, 3);
	CHECK(st.dirs >= 5);
	CHECK_INT(st.denied, 0);
	CHECK(st.seconds >= 0);
	CHECK_INT(index_env_count(ix), 3);
	CHECK_INT(count(ix, "SELECT count(*) FROM pkg"), 3);

	/* Again: nothing changed, nothing re-read. */
	memset(&s, 0, sizeof s);
	CHECK_INT(scan(ix, "r", 0, &s, &st), 0);
	CHECK_INT(st.envs, 3);
	CHECK_INT(st.unchanged, 3);
	CHECK_INT(st.added + st.changed + st.gone, 0);
	CHECK_INT(st.packages, 0);

	/* --full re-reads all. */
	memset(&s, 0, sizeof s);
	CHECK_INT(scan(ix, "r", 1, &s, &st), 0);
	CHECK_INT(st.changed, 3);
	CHECK_INT(st.unchanged + st.added, 0);
	CHECK_INT(st.packages, 3);
	CHECK_INT(st.changes, 0);

	/* A package added, one gone: two history rows; an environment gone. */
	sh("rm -rf '%s/r/one/lib/python3.11/site-packages/six-1.16.0.dist-info'", tmp);
	venv("r/one", "pip-24.0");
	sh("rm -rf '%s/r/three'", tmp);
	memset(&s, 0, sizeof s);
	CHECK_INT(scan(ix, "r", 0, &s, &st), 0);
	CHECK_INT(st.envs, 2);
	CHECK_INT(st.changed, 1);
	CHECK_INT(st.unchanged, 1);
	CHECK_INT(st.gone, 1);
	CHECK_INT(st.changes, 2);
	CHECK_INT(index_env_count(ix), 2);
	CHECK_INT(count(ix, "SELECT count(*) FROM history"), 2);

	/* Cancelled after the first environment: -1, what was written stays. */
	venv("r/four", "");
	venv("r/five", "");
	memset(&s, 0, sizeof s);
	s.cancel_after = 1;
	CHECK_INT(scan(ix, "r", 1, &s, &st), -1);
	CHECK_INT(st.end, SCAN_CANCELLED);
	CHECK(st.envs >= 1);
	CHECK_INT(st.changed + st.added, s.envs);
	CHECK_INT(st.gone, 0);		/* nothing forgotten from a partial walk */

	/* scan_one: one environment now. */
	venv("six", "idna-3.6");
	{
		char *p = path_join(tmp, "six");

		CHECK_INT(scan_one(ix, p), 0);
		free(p);
		p = path_join(tmp, "r/nothing");
		CHECK_INT(scan_one(ix, p), -1);
		free(p);
	}
	CHECK(count(ix, "SELECT count(*) FROM pkg WHERE name = 'idna'") == 1);
	index_close(ix);
	free(db);
}

/*
 * An index another connection holds locked: the scan stops at the first
 * write that fails, says so once, and counts nothing as written.
 */
static void
test_locked(void)
{
	struct scan_stats st;
	struct seen	 s;
	struct index	*ix;
	sqlite3		*other;
	msg_fn		*old;
	void		*oldarg;
	char		*db = path_join(tmp, "locked.db"), *err;

	venv("l/a", "attrs-23.1.0");
	venv("l/b", "attrs-23.1.0");
	venv("l/c", "attrs-23.1.0");
	if (!CHECK((ix = index_open(db, &err)) != NULL)) {
		free(err);
		free(db);
		return;
	}
	if (!CHECK(sqlite3_open(db, &other) == SQLITE_OK) ||
	    !CHECK(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL) ==
	    SQLITE_OK)) {
		sqlite3_close(other);
		index_close(ix);
		free(db);
		return;
	}
	memset(&s, 0, sizeof s);
	memset(said, 0, sizeof said);
	old = msg_sink(sink, NULL, &oldarg);
	CHECK_INT(scan(ix, "l", 0, &s, &st), -1);
	msg_sink(old, oldarg, NULL);
	CHECK_INT(st.end, SCAN_FAILED);
	CHECK_INT(st.errors, 1);
	CHECK_INT(st.added + st.changed + st.unchanged + st.gone, 0);
	CHECK_INT(st.packages, 0);
	CHECK_INT(s.envs, 0);		/* on_env: only what was written */
	CHECK_INT(said[1], 1);
	CHECK(strstr(last_said, "locked") != NULL);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);

	/* Unlocked: the next scan writes them all. */
	memset(&s, 0, sizeof s);
	CHECK_INT(scan(ix, "l", 0, &s, &st), 0);
	CHECK_INT(st.added, 3);
	index_close(ix);
	free(db);
}

int
main(void)
{
	char	 tmpl[] = "/tmp/venvdex-test-XXXXXX", real[PATH_MAX];
	char	*cmd;
	int	 rc;

	if (mkdtemp(tmpl) == NULL || realpath(tmpl, real) == NULL)
		return 77;
	tmp = real;
	test_scans();
	test_locked();
	rc = check_done();
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		rc = 1;
	free(cmd);
	return rc;
}
