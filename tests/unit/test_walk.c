/* Tests for walk.c: what is found, pruned, skipped; threads, the folder cache, cancel. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "util.h"
#include "walk.h"

static char	*tmp;

/* What one walk reported, in the order the callbacks came (sorted after). */
struct seen {
	pthread_mutex_t	 lock;
	char		**envs;
	size_t		 nenvs;
	char		**projects;
	size_t		 nprojects;
	int		 done;
};

static void
push(char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

static enum walk_verdict
on_env(const char *path, void *arg)
{
	struct seen	*s = arg;

	pthread_mutex_lock(&s->lock);
	push(&s->envs, &s->nenvs, path + strlen(tmp));
	pthread_mutex_unlock(&s->lock);
	/* A conda base holds environments in envs/. */
	return strcmp(path_base(path), "conda") == 0 ? WALK_ENVS : WALK_SKIP;
}

static void
on_project(const char *path, void *arg)
{
	struct seen	*s = arg;

	pthread_mutex_lock(&s->lock);
	push(&s->projects, &s->nprojects, path + strlen(tmp));
	pthread_mutex_unlock(&s->lock);
}

static void
on_done(void *arg)
{
	((struct seen *)arg)->done++;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
dir_cmp(const void *a, const void *b)
{
	return strcmp(((const struct walk_dir *)a)->path,
	    ((const struct walk_dir *)b)->path);
}

/* The envs found, sorted and joined with spaces, for one comparison. */
static char *
joined(char **v, size_t n)
{
	struct sbuf	sb = { 0 };
	size_t		i;

	if (n > 1)	/* v may be NULL when nothing was found */
		qsort(v, n, sizeof *v, str_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0)
			sbuf_addc(&sb, ' ');
		sbuf_adds(&sb, v[i]);
	}
	return sb.s != NULL ? sbuf_steal(&sb) : xstrdup("");
}

static void
seen_free(struct seen *s)
{
	size_t	i;

	for (i = 0; i < s->nenvs; i++)
		free(s->envs[i]);
	for (i = 0; i < s->nprojects; i++)
		free(s->projects[i]);
	free(s->envs);
	free(s->projects);
	pthread_mutex_destroy(&s->lock);
}

/*
 * Walks roots (relative to tmp; "+" before a name: probe_only) with
 * nthreads and the cache c (may be NULL); returns the envs found, joined,
 * and the projects in *projects. fresh (may be NULL) gets what was read.
 */
static char *
run(const char *const *roots, size_t nroots, const char *prune, int nthreads,
    struct walk_cache *c, char **projects, struct walk_dir **fresh,
    size_t *nfresh, struct walk_progress *wp)
{
	struct walk_root	 r[8];
	struct walk_progress	 p;
	struct walk_cb		 cb;
	struct seen		 s;
	struct walk		*w;
	char			*pr = NULL, *out;
	size_t			 i, n;

	memset(&s, 0, sizeof s);
	pthread_mutex_init(&s.lock, NULL);
	for (i = 0; i < nroots; i++) {
		r[i].probe_only = roots[i][0] == '+';
		r[i].path = path_join(tmp, roots[i] + r[i].probe_only);
	}
	if (prune != NULL)
		pr = path_join(tmp, prune);
	cb.env = on_env;
	cb.project = on_project;
	cb.done = on_done;
	cb.arg = &s;
	w = walk_start(r, nroots, &pr, pr != NULL, 0, nthreads, &cb, c);
	if (!CHECK(w != NULL))
		return xstrdup("");
	while (walk_poll(w, &p))
		usleep(1000);
	if (fresh != NULL)
		*fresh = walk_fresh(w, &n);
	else {
		struct walk_dir *f = walk_fresh(w, &n);

		walk_dir_free(f, n);
	}
	if (nfresh != NULL)
		*nfresh = n;
	walk_free(w);
	if (wp != NULL)
		*wp = p;
	CHECK_INT(s.done, 1);
	out = joined(s.envs, s.nenvs);
	if (projects != NULL)
		*projects = joined(s.projects, s.nprojects);
	seen_free(&s);
	for (i = 0; i < nroots; i++)
		free(r[i].path);
	free(pr);
	return out;
}

static void
mk(const char *rel)
{
	char	*p = path_join(tmp, rel), *cmd;

	cmd = xasprintf("mkdir -p '%s'", p);
	CHECK_INT(system(cmd), 0);
	free(cmd);
	free(p);
}

static void
touch(const char *rel)
{
	char	*p = path_join(tmp, rel);
	int	 fd;

	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd != -1);
	if (fd != -1)
		close(fd);
	free(p);
}

/* A venv's entry names: pyvenv.cfg, bin/, lib/. */
static void
venv(const char *rel)
{
	char	*p;

	p = xasprintf("%s/bin", rel);
	mk(p);
	free(p);
	p = xasprintf("%s/lib/python3.11/site-packages", rel);
	mk(p);
	free(p);
	p = xasprintf("%s/pyvenv.cfg", rel);
	touch(p);
	free(p);
}

static void
conda(const char *rel)
{
	char	*p = xasprintf("%s/conda-meta", rel);

	mk(p);
	free(p);
}

static void
tree(void)
{
	char	*p, *q;

	venv("r/a");
	venv("r/a/inner");		/* inside an environment: not looked at */
	venv("r/b/c/d");
	mk("r/legacy/bin");		/* bin/ and lib/: a legacy virtualenv */
	mk("r/legacy/lib/python2.7");
	mk("r/onlybin/bin");		/* bin/ alone: no */
	mk("r/win/Scripts");		/* Scripts/ and Lib/: a Windows venv */
	mk("r/win/Lib");
	venv("r/.git/x");		/* pruned names */
	venv("r/node_modules/y");
	venv("r/__pycache__/z");
	venv("r/skip/e");		/* the pruned path */
	conda("r/conda");
	conda("r/conda/envs/ml");
	venv("r/conda/pkgs/notwalked");	/* WALK_ENVS: only envs/ */
	mk("r/proj");
	touch("r/proj/pyproject.toml");
	venv("r/proj/.venv");
	touch("r/afile");
	/* A symlink to a folder is not followed, but as a root. */
	p = path_join(tmp, "r/b");
	q = path_join(tmp, "r/link");
	CHECK_INT(symlink(p, q), 0);
	free(p);
	free(q);
	venv("other/f");
	p = path_join(tmp, "other");
	q = path_join(tmp, "rootlink");
	CHECK_INT(symlink(p, q), 0);
	free(p);
	free(q);
}

#define EXPECT_R \
	"/r/a /r/b/c/d /r/conda /r/conda/envs/ml /r/legacy /r/proj/.venv /r/win"

static void
test_find(void)
{
	static const char *const r[] = { "r" };
	static const char *const two[] = { "r", "rootlink" };
	static const char *const probe[] = { "+r/a", "+r/proj", "+r/missing" };
	struct walk_progress	 wp;
	char			*got, *proj;
	int			 t;

	for (t = 1; t <= 4; t += 3) {
		got = run(r, 1, "r/skip", t, NULL, &proj, NULL, NULL, &wp);
		if (!CHECK_STR(got, EXPECT_R))
			fprintf(stderr, "  with %d threads\n", t);
		CHECK_STR(proj, "/r/proj");
		CHECK_INT(wp.denied, 0);
		CHECK(wp.dirs > 10);
		free(got);
		free(proj);
	}
	/* Without the pruned path, it is found. */
	got = run(r, 1, NULL, 2, NULL, NULL, NULL, NULL, NULL);
	CHECK(strstr(got, "/r/skip/e") != NULL);
	free(got);
	/* A root that is a symlink is followed. */
	got = run(two, 2, "r/skip", 2, NULL, NULL, NULL, NULL, NULL);
	CHECK_STR(got, EXPECT_R " /rootlink/f");
	free(got);
	/* probe_only roots: asked about, never walked; missing ones too. */
	got = run(probe, 3, NULL, 1, NULL, &proj, NULL, NULL, &wp);
	CHECK_STR(got, "/r/a /r/missing /r/proj");
	CHECK_STR(proj, "");
	CHECK_INT(wp.dirs, 0);
	free(got);
	free(proj);
	/* No roots: done at once. */
	got = run(r, 0, NULL, 3, NULL, NULL, NULL, NULL, NULL);
	CHECK_STR(got, "");
	free(got);
}

/* The second walk from the first's cache finds the same, reading only what changed. */
static void
test_cache(void)
{
	static const char *const r[] = { "r" };
	struct walk_cache	 c = { 0 };
	struct walk_progress	 wp;
	struct walk_dir		*fresh, *again;
	size_t			 nfresh, nagain, i;
	char			*got;

	got = run(r, 1, "r/skip", 2, &c, NULL, &fresh, &nfresh, NULL);
	CHECK_STR(got, EXPECT_R);
	free(got);
	CHECK(nfresh > 5);
	for (i = 0; i < nfresh; i++)
		CHECK(fresh[i].path[0] == '/');
	/* Sorted, as a cache must be; mtime 0: never trusted, read again. */
	c.v = fresh;
	c.n = nfresh;
	qsort(c.v, c.n, sizeof *c.v, dir_cmp);
	c.seen = xcalloc(c.n + 1, 1);
	for (i = 0; i < c.n; i++)
		c.v[i].mtime = 0;
	got = run(r, 1, "r/skip", 2, &c, NULL, &again, &nagain, &wp);
	CHECK_STR(got, EXPECT_R);
	free(got);
	for (i = 0; i < c.n; i++)
		CHECK_INT(c.seen[i], 1);
	CHECK_INT(nagain, nfresh);
	walk_dir_free(again, nagain);

	/* A trusted cache entry is served without reading the folder. */
	for (i = 0; i < c.n; i++) {
		struct stat st;

		if (stat(c.v[i].path, &st) == 0)
			c.v[i].mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 +
			    st.st_mtim.tv_nsec;
	}
	memset(c.seen, 0, c.n);
	got = run(r, 1, "r/skip", 2, &c, NULL, &again, &nagain, &wp);
	CHECK_STR(got, EXPECT_R);
	free(got);
	CHECK_INT(nagain, 0);
	walk_dir_free(again, nagain);
	walk_dir_free(c.v, c.n);
	free(c.seen);
}

static void
test_cancel(void)
{
	struct walk_root	 r = { NULL, 0 };
	struct walk_cb		 cb;
	struct seen		 s;
	struct walk		*w;
	struct walk_dir		*f;
	size_t			 n;

	memset(&s, 0, sizeof s);
	pthread_mutex_init(&s.lock, NULL);
	r.path = path_join(tmp, "r");
	cb.env = on_env;
	cb.project = NULL;
	cb.done = on_done;
	cb.arg = &s;
	w = walk_start(&r, 1, NULL, 0, 0, 3, &cb, NULL);
	if (CHECK(w != NULL)) {
		walk_cancel(w);
		while (walk_poll(w, NULL))
			usleep(1000);
		f = walk_fresh(w, &n);
		walk_dir_free(f, n);
		walk_free(w);
	}
	CHECK_INT(s.done, 1);
	seen_free(&s);
	free(r.path);
}

/* A tree deeper than PATH_MAX: walked, and its environment found. */
static void
test_deep(void)
{
	static const char *const r[] = { "deep" };
	char	 name[] = "0123456789abcdefghijklmnopqrstu";
	char	*p, *got;
	int	 fd, next, i, depth = (PATH_MAX / (int)sizeof name) + 20;

	mk("deep");
	p = path_join(tmp, "deep");
	fd = open(p, O_RDONLY | O_DIRECTORY);
	free(p);
	if (!CHECK(fd != -1))
		return;
	for (i = 0; i < depth; i++) {
		if (mkdirat(fd, name, 0755) == -1 ||
		    (next = openat(fd, name, O_RDONLY | O_DIRECTORY)) == -1) {
			CHECK(!"mkdirat");
			close(fd);
			return;
		}
		close(fd);
		fd = next;
	}
	mkdirat(fd, "bin", 0755);
	mkdirat(fd, "lib", 0755);
	close(openat(fd, "pyvenv.cfg", O_WRONLY | O_CREAT, 0644));
	close(fd);
	got = run(r, 1, NULL, 2, NULL, NULL, NULL, NULL, NULL);
	CHECK(strlen(got) > PATH_MAX);
	CHECK(strstr(got, "/deep/0123") == got);
	free(got);
}

static void
test_pruned_names(void)
{
	CHECK(walk_pruned_name(".git"));
	CHECK(walk_pruned_name("node_modules"));
	CHECK(walk_pruned_name("__pycache__"));
	CHECK(!walk_pruned_name(".venv"));
	CHECK(!walk_pruned_name("git"));
	CHECK(!walk_pruned_name(""));
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
	tree();
	test_find();
	test_cache();
	test_cancel();
	test_deep();
	test_pruned_names();
	rc = check_done();
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		rc = 1;
	free(cmd);
	return rc;
}
