/* Tests for dist.c and probe.c on layouts written into a temporary folder. */
#include "config.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "dist.h"
#include "du.h"
#include "jsonf.h"
#include "probe.h"
#include "util.h"

static char	*tmp;

static void	put(const char *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* Writes text to tmp/rel, creating folders. */
static void
put(const char *rel, const char *fmt, ...)
{
	char	*p = path_join(tmp, rel), *d, *cmd;
	FILE	*f;
	va_list	 ap;

	d = path_dir(p);
	cmd = xasprintf("mkdir -p '%s'", d);
	if (system(cmd) != 0)
		abort();
	free(cmd);
	free(d);
	if ((f = fopen(p, "w")) == NULL)
		abort();
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
	free(p);
}

static void
mkdirs(const char *rel)
{
	char	*cmd = xasprintf("mkdir -p '%s/%s'", tmp, rel);

	if (system(cmd) != 0)
		abort();
	free(cmd);
}

static void
dist_meta(const char *site, const char *name, const char *ver, const char *extra)
{
	char	*p;

	p = xasprintf("%s/%s-%s.dist-info/METADATA", site, name, ver);
	put(p, "Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: the %s\n%s\n"
	    "long description\nName: wrong\n", name, ver, name, extra);
	free(p);
}

static void
test_site(void)
{
	struct dist_list	 l = { 0 };
	struct jsonf		*jf = jsonf_open();
	struct dist		*d;
	char			*site = path_join(tmp, "site");

	mkdirs("site");
	dist_meta("site", "Foo_Bar", "1.0", "Requires-Dist: idna>=2\nRequires-Dist: six");
	put("site/Foo_Bar-1.0.dist-info/INSTALLER", "pip\n");
	put("site/Foo_Bar-1.0.dist-info/REQUESTED", "%s", "");
	put("site/Foo_Bar-1.0.dist-info/RECORD",
	    "foo_bar/__init__.py,sha256=x,100\n\"foo_bar/a,b.py\",sha256=y,23\n"
	    "Foo_Bar-1.0.dist-info/RECORD,,\n");
	dist_meta("site", "edit", "0.1", "");
	put("site/edit-0.1.dist-info/direct_url.json",
	    "{\"url\": \"file:///src/edit\", \"dir_info\": {\"editable\": true}}");
	put("site/old-2.0-py3.11.egg-info", "Metadata-Version: 1.0\nName: old\nVersion: 2.0\n");
	put("site/dir_egg-3.0.egg-info/PKG-INFO", "Metadata-Version: 1.1\nName: dir-egg\n"
	    "Version: 3.0\nRequires: os\n");
	/* A legacy editable install and a .pth naming a project folder. */
	put("proj/linked.egg-info/PKG-INFO", "Name: linked\nVersion: 0.9\n");
	put("site/linked.egg-link", "%s/proj\n.\n", tmp);
	put("proj2/viapth.egg-info/PKG-INFO", "Name: viapth\nVersion: 4\n");
	put("site/easy-install.pth", "import sys; sys.x = 1\n# comment\n%s/proj2\n"
	    "../missing\n", tmp);
	/* Garbage: no METADATA, and a binary one. */
	mkdirs("site/empty-1.dist-info");
	put("site/bin-1.dist-info/METADATA", "\x01\x02\xff\xfe\n\n");

	CHECK_INT(dist_read_site(jf, site, NULL, &l), 6);
	CHECK_INT(l.n, 6);
	d = dist_find(&l, "foo-bar");
	if (CHECK(d != NULL)) {
		CHECK_STR(d->name, "Foo_Bar");
		CHECK_STR(d->version, "1.0");
		CHECK_STR(d->summary, "the Foo_Bar");
		CHECK_STR(d->installer, "pip");
		CHECK_STR(d->requires, "idna>=2\nsix");
		CHECK_INT(d->requested, 1);
		CHECK_INT(d->editable, 0);
		CHECK_INT(d->size, 123);
		CHECK_STR(d->location, site);
		CHECK_STR(d->format, "dist-info");
	}
	d = dist_find(&l, "edit");
	if (CHECK(d != NULL)) {
		CHECK_INT(d->editable, 1);
		CHECK_STR(d->url, "file:///src/edit");
		CHECK_INT(d->requested, 0);
		CHECK_INT(d->size, -1);
	}
	CHECK(dist_find(&l, "old") != NULL);
	d = dist_find(&l, "dir-egg");
	if (CHECK(d != NULL))
		CHECK_STR(d->requires, "os");
	d = dist_find(&l, "linked");
	if (CHECK(d != NULL)) {
		CHECK_INT(d->editable, 1);
		CHECK_STR(d->format, "egg-link");
	}
	d = dist_find(&l, "viapth");
	if (CHECK(d != NULL))
		CHECK_INT(d->editable, 0);	/* pip: only .egg-link is editable */
	CHECK(dist_find(&l, "wrong") == NULL);

	/* Names already present are not added twice. */
	CHECK_INT(dist_read_site(jf, site, NULL, &l), 0);
	CHECK_INT(dist_read_site(jf, "/nonexistent/site", NULL, &l), -1);
	dist_list_free(&l);
	jsonf_close(jf);
	free(site);
}

static void
test_conda(void)
{
	struct dist_list	 l = { 0 };
	struct jsonf		*jf = jsonf_open();
	struct env		 e;
	struct dist		*d;
	char			*prefix = path_join(tmp, "conda");

	put("conda/conda-meta/python-3.11.5-h2755cc3_0_cpython.json",
	    "{\"name\": \"python\", \"version\": \"3.11.5\", \"channel\":"
	    " \"https://conda.anaconda.org/conda-forge/linux-64\", \"size\": 30000000,"
	    " \"depends\": [\"libffi >=3.4\", \"openssl >=3.1\"], \"requested_spec\": \"python=3.11\"}");
	put("conda/conda-meta/numpy-1.26.0-py311h64a7726_0.json",
	    "{\"name\": \"numpy\", \"version\": \"1.26.0\", \"url\":"
	    " \"https://repo.anaconda.com/pkgs/main/linux-64/numpy-1.26.0.conda\"}");
	put("conda/conda-meta/broken.json", "{not json");
	/* A record with an empty name is no package (issue 10). */
	put("conda/conda-meta/noname-1.0-0.json", "{\"name\": \"\", \"version\": \"1.0\"}");
	put("conda/conda-meta/history", "==> 2023-01-01 <==\n");
	mkdirs("conda/bin");
	put("conda/bin/python3.11", "%s", "");
	put("conda/lib/python3.11/os.py", "%s", "");
	dist_meta("conda/lib/python3.11/site-packages", "numpy", "1.26.0", "");
	put("conda/lib/python3.11/site-packages/numpy-1.26.0.dist-info/INSTALLER", "conda\n");
	dist_meta("conda/lib/python3.11/site-packages", "torch_x", "2.1", "");
	put("conda/lib/python3.11/site-packages/torch_x-2.1.dist-info/INSTALLER", "conda\n");
	dist_meta("conda/lib/python3.11/site-packages", "pipped", "1.0", "");
	put("conda/lib/python3.11/site-packages/pipped-1.0.dist-info/INSTALLER", "pip\n");
	mkdirs("conda/envs/sub/conda-meta");

	CHECK_INT(probe_env(prefix, &e), 1);
	CHECK_INT(e.kind, KIND_CONDA);
	CHECK_STR(e.python, "3.11.5");
	CHECK_STR(e.creator, "conda");
	CHECK_INT(e.broken, 0);
	CHECK_INT(e.nsite, 1);
	dist_read_conda(jf, prefix, e.nsite ? e.site[0] : NULL, &l);
	CHECK_INT(l.n, 3);	/* python, numpy, pipped; not the nameless one */
	CHECK(dist_find(&l, "") == NULL);
	d = dist_find(&l, "python");
	if (CHECK(d != NULL)) {
		CHECK_STR(d->installer, "conda");
		CHECK_STR(d->url, "conda-forge");
		CHECK_INT(d->requested, 1);
		CHECK_INT(d->size, 30000000);
		CHECK_STR(d->requires, "libffi >=3.4\nopenssl >=3.1");
	}
	d = dist_find(&l, "pipped");
	if (CHECK(d != NULL))
		CHECK_STR(d->installer, "pip");
	CHECK(dist_find(&l, "torch-x") == NULL);
	env_free(&e);
	dist_list_free(&l);
	jsonf_close(jf);
	free(prefix);
}

static void
test_probe(void)
{
	struct env	 e;
	char		*p, *q;

	/* A PEP 405 venv made by uv, in a project. */
	put("proj/pyproject.toml", "%s", "");
	put("proj/.venv/pyvenv.cfg", "home = /nonexistent/bin\r\nuv = 0.4.0\r\n"
	    "version_info = 3.12.1\r\n");
	put("proj/.venv/lib/python3.12/site-packages/x.py", "%s", "");
	mkdirs("proj/.venv/bin");
	p = path_join(tmp, "proj/.venv");
	q = path_join(tmp, "proj/.venv/bin/python");
	if (symlink("/nonexistent/bin/python3.12", q) != 0)
		abort();
	CHECK_INT(probe_env(p, &e), 1);
	CHECK_INT(e.kind, KIND_VENV);
	CHECK_STR(e.creator, "uv");
	CHECK_STR(e.python, "3.12.1");
	CHECK_INT(e.broken, 1);
	CHECK(e.stale & STALE_INTERPRETER);
	CHECK_STR(e.base, "/nonexistent/bin/python3.12");
	CHECK_STR(e.name, "proj");
	CHECK(e.project != NULL && strcmp(path_base(e.project), "proj") == 0);
	CHECK_INT(e.nsite, 1);
	env_free(&e);
	free(q);

	/* Anything inside finds the root. */
	q = path_join(tmp, "proj/.venv/lib/python3.12/site-packages");
	free(p);
	p = probe_find_root(q);
	CHECK(p != NULL && strcmp(path_base(p), ".venv") == 0);
	free(p);
	free(q);

	/* A Windows venv. */
	put("win/pyvenv.cfg", "home = C:\\Python311\nversion = 3.11.4\n");
	mkdirs("win/Scripts");
	mkdirs("win/Lib/site-packages");
	p = path_join(tmp, "win");
	CHECK_INT(probe_env(p, &e), 1);
	CHECK_INT(e.windows, 1);
	CHECK_STR(e.python, "3.11.4");
	CHECK_INT(e.broken, 0);
	env_free(&e);
	free(p);

	/* A legacy virtualenv whose base is gone. */
	put("legacy/lib/python2.7/orig-prefix.txt", "/nonexistent/py27");
	put("legacy/lib/python2.7/site-packages/x.py", "%s", "");
	put("legacy/bin/python", "%s", "");
	put("legacy/bin/activate", "%s", "");
	p = path_join(tmp, "legacy");
	CHECK_INT(probe_env(p, &e), 1);
	CHECK_INT(e.kind, KIND_LEGACY);
	CHECK_STR(e.python, "2.7");
	CHECK_INT(e.broken, 1);
	env_free(&e);
	free(p);

	/* An interpreter: version from patchlevel.h. */
	put("py/bin/python3.10", "%s", "");
	put("py/lib/python3.10/os.py", "%s", "");
	put("py/include/python3.10/patchlevel.h", "#define PY_VERSION \"3.10.13\"\n");
	p = path_join(tmp, "py");
	CHECK_INT(probe_env(p, &e), 1);
	CHECK_INT(e.kind, KIND_INTERPRETER);
	CHECK_STR(e.python, "3.10.13");
	env_free(&e);
	free(p);

	/* Not environments. */
	put("plain/bin/tool", "%s", "");
	mkdirs("plain/lib/node");
	p = path_join(tmp, "plain");
	CHECK_INT(probe_env(p, &e), 0);
	free(p);
	CHECK_INT(probe_env("/nonexistent", &e), 0);
}

static void
test_du(void)
{
	char	*p = path_join(tmp, "du"), *a, *b;
	int64_t	 files, one, two;

	put("du/a", "%4096s", "x");
	one = du_tree(p, NULL, &files);
	CHECK_INT(files, 1);
	a = path_join(tmp, "du/a");
	b = path_join(tmp, "du/b");
	if (link(a, b) != 0)
		abort();
	two = du_tree(p, NULL, &files);
	CHECK_INT(files, 2);
	CHECK_INT(two, one);	/* a hard link counts once */
	put("du/envs/big", "%8192s", "x");
	CHECK_INT(du_tree(p, "envs", NULL), one);
	CHECK(du_tree(p, NULL, NULL) > du_tree(p, "envs", NULL));
	free(a);
	free(b);
	free(p);
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * du_deep_chain_linear: a chain of folders inside an environment was sized in
 * O(depth^2) time and memory (30,000 levels: 478 s, 891 MB): each level rebuilt
 * its full path and reopened it from the root. Now linear: well under 20 s
 * even on a loaded machine, and every level is counted.
 */
static void
test_du_deep_chain(void)
{
	const int	 depth = 20000;
	char		 shm[] = "/dev/shm/venvdex-test-XXXXXX";
	char		*p;
	int64_t		 files;
	double		 t;
	int		 fd, next, i, inshm;

	/* In memory where it can be: a disk makes and removes folders slowly. */
	inshm = mkdtemp(shm) != NULL;
	p = path_join(inshm ? shm : tmp, "deep");
	if (mkdir(p, 0755) != 0 || (fd = open(p, O_RDONLY | O_DIRECTORY)) == -1)
		abort();
	for (i = 0; i < depth; i++) {
		if (mkdirat(fd, "d", 0755) != 0 ||
		    (next = openat(fd, "d", O_RDONLY | O_DIRECTORY)) == -1)
			abort();
		close(fd);
		fd = next;
	}
	/* A file at the bottom is counted too. */
	if ((next = openat(fd, "f", O_WRONLY | O_CREAT, 0644)) == -1)
		abort();
	close(next);
	t = now();
	du_tree(p, NULL, &files);
	t = now() - t;
	CHECK_INT(files, depth + 1);
	CHECK(t < 20.0);
	if (t >= 20.0)
		fprintf(stderr, "du of a %d-deep chain took %.1f s\n", depth, t);

	/* Removed from the bottom up in linear time (rm -rf takes minutes). */
	unlinkat(fd, "f", 0);
	for (i = 0; i < depth; i++) {
		next = openat(fd, "..", O_RDONLY | O_DIRECTORY);
		close(fd);
		if ((fd = next) == -1 || unlinkat(fd, "d", AT_REMOVEDIR) != 0)
			break;
	}
	if (fd != -1)
		close(fd);
	rmdir(p);
	if (inshm)
		rmdir(shm);
	free(p);
}

/*
 * dist_find_many_linear: the duplicate check of each package added walked
 * the list (50,000 dist-info folders: quadratic CPU). 200,000 names, each
 * added after a look-up as dist_add does, take well under 10 s.
 */
static void
test_dist_find_many(void)
{
	struct dist_list	 l = { 0 };
	char			 norm[32], *swap;
	double			 t = now();
	size_t			 i, n = 200000;
	int			 missing = 0, dups = 0;

	for (i = 0; i < n; i++) {
		snprintf(norm, sizeof norm, "pkg-%zu", i);
		if (dist_find(&l, norm) != NULL)
			dups++;
		if (l.n == l.cap) {	/* doubling: the test must not be quadratic itself */
			l.cap = l.cap ? l.cap * 2 : 64;
			l.v = xrealloc(l.v, l.cap * sizeof *l.v);
		}
		memset(&l.v[l.n], 0, sizeof *l.v);
		l.v[l.n++].norm = xstrdup(norm);
	}
	for (i = 0; i < n; i += 997) {
		snprintf(norm, sizeof norm, "pkg-%zu", i);
		if (dist_find(&l, norm) == NULL || strcmp(dist_find(&l, norm)->norm, norm) != 0)
			missing++;
	}
	/* Reordered (index.c sorts the list): found again after a reindex. */
	swap = l.v[0].norm;	/* pkg-0 last, pkg-199999 first */
	l.v[0].norm = l.v[l.n - 1].norm;
	l.v[l.n - 1].norm = swap;
	dist_list_reindex(&l);
	CHECK(dist_find(&l, "pkg-0") == &l.v[l.n - 1]);
	CHECK(dist_find(&l, "pkg-199999") == &l.v[0]);
	t = now() - t;
	CHECK_INT(dups, 0);
	CHECK_INT(missing, 0);
	CHECK(dist_find(&l, "pkg-x") == NULL);
	CHECK(t < 10.0);
	dist_list_free(&l);
}

/*
 * probe_name_short_version: naming /usr's interpreter read e->python + 2,
 * past the end of a PY_VERSION of "" or "3" (heap over-read).
 */
static void
test_probe_name_short_version(void)
{
	char	*v = xstrdup("3");

	CHECK_INT(probe_xy_len(""), 0);
	CHECK_INT(probe_xy_len(v), 1);
	CHECK_INT(probe_xy_len("3."), 2);
	CHECK_INT(probe_xy_len("3.11"), 4);
	CHECK_INT(probe_xy_len("3.11.4"), 4);
	CHECK_INT(probe_xy_len("3.12.0a1"), 4);
	free(v);
}

int
main(void)
{
	char	 tmpl[] = "/tmp/venvdex-test-XXXXXX";
	char	*cmd;
	int	 rc;

	setenv("HOME", "/nonexistent-home", 1);
	if ((tmp = mkdtemp(tmpl)) == NULL)
		return 77;
	test_site();
	test_conda();
	test_probe();
	test_du();
	test_du_deep_chain();
	test_probe_name_short_version();
	test_dist_find_many();
	rc = check_done();
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		rc = 1;
	free(cmd);
	return rc;
}
