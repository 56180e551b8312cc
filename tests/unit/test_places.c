/* Tests for places.c and roots.c: every manager's folders, the default and named roots. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "msg.h"
#include "places.h"
#include "roots.h"
#include "util.h"

static char	*tmp;

static const char *const vars[] = {
	"HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "PYENV_ROOT", "ASDF_DATA_DIR",
	"WORKON_HOME", "PIPX_HOME", "PIPX_LOCAL_VENVS", "PIPX_SHARED_LIBS",
	"PIPX_GLOBAL_HOME", "POETRY_VIRTUALENVS_PATH", "POETRY_CACHE_DIR",
	"HATCH_DATA_DIR", "UV_PYTHON_INSTALL_DIR", "UV_TOOL_DIR",
	"CONDA_ENVS_PATH", "CONDA_ENVS_DIRS", "CONDA_PREFIX", "PIP_CACHE_DIR",
	"UV_CACHE_DIR", "XDG_CONFIG_HOME", "POETRY_CONFIG_DIR", "PDM_CONFIG_FILE",
};

static void
clear_vars(void)
{
	size_t	i;

	for (i = 0; i < nitems(vars); i++)
		unsetenv(vars[i]);
}

/* Is s one of place p's folders? */
static int
has(const struct places *pl, enum place p, const char *s)
{
	size_t	i;

	for (i = 0; i < pl->n[p]; i++)
		if (strcmp(pl->dirs[p][i], s) == 0)
			return 1;
	return 0;
}

static void
test_defaults(void)
{
	struct places	pl;
	size_t		i;

	clear_vars();
	setenv("HOME", "/home/u", 1);
	places_read(&pl);
	CHECK_STR(pl.home, "/home/u");
	CHECK_STR(pl.data, "/home/u/.local/share");
	CHECK_STR(pl.cache, "/home/u/.cache");
	CHECK_STR(places_first(&pl, PLACE_PYENV), "/home/u/.pyenv");
	CHECK_STR(places_first(&pl, PLACE_PYENV_VERSIONS), "/home/u/.pyenv/versions");
	CHECK_STR(places_first(&pl, PLACE_ASDF), "/home/u/.asdf");
	CHECK_STR(places_first(&pl, PLACE_WORKON), "/home/u/.virtualenvs");
	CHECK_INT(pl.n[PLACE_WORKON], 1);
	CHECK_STR(places_first(&pl, PLACE_PIPENV), "/home/u/.local/share/virtualenvs");
	CHECK(has(&pl, PLACE_PIPX, "/home/u/.local/pipx"));
	CHECK(has(&pl, PLACE_PIPX, "/home/u/.local/share/pipx"));
	CHECK(has(&pl, PLACE_PIPX, "/opt/pipx"));
	CHECK_STR(places_first(&pl, PLACE_POETRY), "/home/u/.cache/pypoetry/virtualenvs");
	CHECK_STR(places_first(&pl, PLACE_HATCH_ENVS), "/home/u/.local/share/hatch/env");
	CHECK_STR(places_first(&pl, PLACE_PDM), "/home/u/.local/share/pdm/venvs");
	CHECK_STR(places_first(&pl, PLACE_UV_PYTHON), "/home/u/.local/share/uv/python");
	CHECK_STR(places_first(&pl, PLACE_UV_TOOLS), "/home/u/.local/share/uv/tools");
	CHECK_STR(places_first(&pl, PLACE_CONDA), "/home/u/.conda/envs");
	CHECK_INT(pl.n[PLACE_CONDA_ACTIVE], 0);
	CHECK_STR(places_first(&pl, PLACE_CONDA_ACTIVE), NULL);
	CHECK(pl.dirs[PLACE_CONDA_ACTIVE] != NULL &&
	    pl.dirs[PLACE_CONDA_ACTIVE][0] == NULL);
	CHECK(has(&pl, PLACE_CACHES, "/home/u/.cache/pip"));
	CHECK(has(&pl, PLACE_CACHES, "/home/u/.cache/uv"));
	/* Every list is NULL-terminated; every path absolute. */
	for (i = 0; i < PLACE_COUNT; i++) {
		CHECK(pl.dirs[i][pl.n[i]] == NULL);
		if (pl.n[i] > 0)
			CHECK(pl.dirs[i][0][0] == '/');
	}

	/* Inside, not the folder itself. */
	CHECK(places_under(&pl, PLACE_WORKON, "/home/u/.virtualenvs/tools"));
	CHECK(!places_under(&pl, PLACE_WORKON, "/home/u/.virtualenvs"));
	CHECK(!places_under(&pl, PLACE_WORKON, "/home/u/.virtualenvs2/x"));
	CHECK(places_under(&pl, PLACE_PIPX, "/home/u/.local/share/pipx/venvs/black"));
	places_free(&pl);
	CHECK(pl.home == NULL && pl.dirs[PLACE_PIPX] == NULL);

	/* No HOME, or a relative one: "/". */
	unsetenv("HOME");
	places_read(&pl);
	CHECK_STR(pl.home, "/");
	CHECK_STR(places_first(&pl, PLACE_PYENV), "/.pyenv");
	places_free(&pl);
	setenv("HOME", "relative/home", 1);
	places_read(&pl);
	CHECK_STR(pl.home, "/");
	places_free(&pl);
}

static void
test_variables(void)
{
	struct places	pl;

	clear_vars();
	setenv("HOME", "/home/u", 1);
	setenv("XDG_DATA_HOME", "/data/", 1);
	setenv("XDG_CACHE_HOME", "relative", 1);	/* ignored: not absolute */
	setenv("PYENV_ROOT", "/opt/pyenv/./", 1);
	/* Every entry, in order; relative and empty ones ignored. */
	setenv("WORKON_HOME", "/w/one::rel:/w/two/../three", 1);
	setenv("PIPX_HOME", "/p/home", 1);
	setenv("PIPX_LOCAL_VENVS", "/p/venvs", 1);
	setenv("POETRY_VIRTUALENVS_PATH", "/po/venvs", 1);
	setenv("POETRY_CACHE_DIR", "/po/cache", 1);
	setenv("HATCH_DATA_DIR", "/h", 1);
	setenv("UV_PYTHON_INSTALL_DIR", "/uvp", 1);
	setenv("UV_TOOL_DIR", "/uvt", 1);
	setenv("CONDA_ENVS_PATH", "/c/a:/c/b", 1);
	setenv("CONDA_ENVS_DIRS", "/c/b:/c/c", 1);
	setenv("CONDA_PREFIX", "/c/active", 1);
	setenv("PIP_CACHE_DIR", "/pipcache", 1);
	places_read(&pl);

	CHECK_STR(pl.data, "/data");
	CHECK_STR(pl.cache, "/home/u/.cache");
	CHECK_STR(places_first(&pl, PLACE_PYENV), "/opt/pyenv");
	CHECK_STR(places_first(&pl, PLACE_PYENV_VERSIONS), "/opt/pyenv/versions");
	/* The variable's folders first, the default after. */
	CHECK_INT(pl.n[PLACE_WORKON], 3);
	CHECK_STR(pl.dirs[PLACE_WORKON][0], "/w/one");
	CHECK_STR(pl.dirs[PLACE_WORKON][1], "/w/three");
	CHECK_STR(pl.dirs[PLACE_WORKON][2], "/home/u/.virtualenvs");
	/* pipenv reads WORKON_HOME too (all of it, like roots). */
	CHECK_STR(pl.dirs[PLACE_PIPENV][0], "/w/one");
	CHECK_STR(pl.dirs[PLACE_PIPENV][1], "/w/three");
	CHECK(has(&pl, PLACE_PIPENV, "/data/virtualenvs"));
	CHECK(places_under(&pl, PLACE_WORKON, "/w/three/env"));
	CHECK_STR(places_first(&pl, PLACE_PIPX), "/p/home");
	CHECK(has(&pl, PLACE_PIPX, "/p/venvs"));
	CHECK(has(&pl, PLACE_PIPX, "/data/pipx"));
	CHECK_STR(pl.dirs[PLACE_POETRY][0], "/po/venvs");
	CHECK_STR(pl.dirs[PLACE_POETRY][1], "/po/cache/virtualenvs");
	CHECK_STR(places_first(&pl, PLACE_HATCH), "/h");
	CHECK_STR(places_first(&pl, PLACE_HATCH_ENVS), "/h/env");
	CHECK(has(&pl, PLACE_HATCH_ENVS, "/data/hatch/env"));
	CHECK_STR(places_first(&pl, PLACE_PDM), "/data/pdm/venvs");
	CHECK_STR(places_first(&pl, PLACE_UV_PYTHON), "/uvp");
	CHECK_STR(places_first(&pl, PLACE_UV_TOOLS), "/uvt");
	/* Both conda lists, each folder once. */
	CHECK_INT(pl.n[PLACE_CONDA], 4);
	CHECK_STR(pl.dirs[PLACE_CONDA][0], "/c/a");
	CHECK_STR(pl.dirs[PLACE_CONDA][1], "/c/b");
	CHECK_STR(pl.dirs[PLACE_CONDA][2], "/c/c");
	CHECK_STR(pl.dirs[PLACE_CONDA][3], "/home/u/.conda/envs");
	CHECK_STR(places_first(&pl, PLACE_CONDA_ACTIVE), "/c/active");
	CHECK(has(&pl, PLACE_CACHES, "/pipcache"));
	CHECK(has(&pl, PLACE_CACHES, "/po/cache/cache"));
	places_free(&pl);
	clear_vars();
}

/* Is path one of the roots (walked, or probe_only as asked)? */
static int
root_has(const struct roots *r, const char *path, int probe_only)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].path, path) == 0)
			return r->v[i].probe_only == probe_only;
	return 0;
}

static char *
mk(const char *rel)
{
	char	*p = path_join(tmp, rel), *cmd;

	cmd = xasprintf("mkdir -p '%s'", p);
	if (system(cmd) != 0)
		CHECK(!"mkdir");
	free(cmd);
	return p;
}

/*
 * Regression: roots_tidy freed the roots it dropped, then stat'ed their
 * paths while it looked at the roots after them (valgrind: invalid read).
 */
static void
test_named(void)
{
	struct roots	 r;
	char		*x = mk("n/x"), *a = mk("n/a"), *ab = mk("n/a/b"),
			*ac = mk("n/a/c"), *d = mk("n/d"), *gone, *rel;
	char		*v[8];
	unsigned	 errors;

	gone = path_join(tmp, "n/gone");
	rel = xasprintf("%s/n/a/b/../../d", tmp);
	/* Two dropped in a row before a kept one, then more to compare. */
	v[0] = x; v[1] = ab; v[2] = ac; v[3] = a; v[4] = d; v[5] = x;
	CHECK_INT(roots_named(&r, v, 6), 0);
	CHECK_INT(r.n, 3);
	CHECK(root_has(&r, x, 0) && root_has(&r, a, 0) && root_has(&r, d, 0));
	CHECK_STR(r.v[0].path, x);
	CHECK_STR(r.v[1].path, a);
	CHECK_STR(r.v[2].path, d);
	CHECK_INT(r.nprune, 0);
	roots_free(&r);
	CHECK(r.n == 0 && r.v == NULL);

	/* A missing folder is an error, the others are still taken. */
	v[0] = gone; v[1] = rel; v[2] = ab;
	errors = msg_count(MSG_ERROR);
	CHECK_INT(roots_named(&r, v, 3), -1);
	CHECK_INT(msg_count(MSG_ERROR), errors + 1);	/* said why, once */
	CHECK_INT(r.n, 2);
	CHECK(root_has(&r, d, 0));	/* made absolute, ".." folded */
	CHECK(root_has(&r, ab, 0));
	roots_free(&r);

	/* /proc, /sys and /dev are never walked. */
	v[0] = (char *)"/proc"; v[1] = (char *)"/dev/"; v[2] = a;
	CHECK_INT(roots_named(&r, v, 3), -1);
	CHECK_INT(r.n, 1);
	CHECK(root_has(&r, a, 0));
	roots_free(&r);

	CHECK_INT(roots_named(&r, v, 0), 0);
	CHECK_INT(r.n, 0);
	roots_free(&r);

	free(gone);
	free(rel);
	free(x);
	free(a);
	free(ab);
	free(ac);
	free(d);
}

static void
test_default(void)
{
	struct roots	 r;
	char		*home = mk("home"), *out = mk("out");
	char		*workon2 = mk("out/workon2"), *pipx = mk("out/pipx"),
			*inside = mk("home/.virtualenvs"), *conda = mk("out/conda"),
			*listed = mk("out/listed"), *txt, *cmd, *p;
	size_t		 i;

	clear_vars();
	setenv("HOME", home, 1);
	p = xasprintf("%s/missing:%s", out, workon2);
	setenv("WORKON_HOME", p, 1);
	free(p);
	setenv("PIPX_HOME", pipx, 1);
	setenv("CONDA_ENVS_PATH", conda, 1);
	/* Folders named in ~/.conda/environments.txt are probed, not walked. */
	free(mk("home/.conda"));
	txt = xasprintf("%s/home/.conda/environments.txt", tmp);
	cmd = xasprintf("printf '%%s\\n' '%s' 'relative/x' >'%s'", listed, txt);
	CHECK_INT(system(cmd), 0);
	free(cmd);
	free(txt);

	roots_default(&r);
	CHECK(root_has(&r, home, 0));
	CHECK(root_has(&r, workon2, 0));	/* the second WORKON_HOME entry */
	CHECK(root_has(&r, pipx, 0));
	CHECK(root_has(&r, conda, 0));
	CHECK(root_has(&r, listed, 1));
	CHECK(root_has(&r, "/usr", 1));
	/* Under $HOME: walked as part of it. Missing: left out. */
	CHECK(!root_has(&r, inside, 0));
	p = xasprintf("%s/missing", out);
	CHECK(!root_has(&r, p, 0));
	free(p);
	for (i = 0; i < r.n; i++) {
		struct stat st;

		CHECK(stat(r.v[i].path, &st) == 0 && S_ISDIR(st.st_mode));
	}
	/* The caches are pruned. */
	p = xasprintf("%s/.cache/pip", home);
	for (i = 0; i < r.nprune && strcmp(r.prune[i], p) != 0; i++)
		;
	CHECK(i < r.nprune);
	free(p);
	roots_free(&r);

	/* HOME=/ is not walked whole. */
	setenv("HOME", "/", 1);
	roots_default(&r);
	CHECK(!root_has(&r, "/", 0));
	roots_free(&r);

	clear_vars();
	free(home);
	free(out);
	free(workon2);
	free(pipx);
	free(inside);
	free(conda);
	free(listed);
}

/* Writes text to tmp/rel, making its folders. */
static void
put(const char *rel, const char *text)
{
	char	*p = xasprintf("%s/%s", tmp, rel), *cmd;
	FILE	*f;

	cmd = xasprintf("mkdir -p \"$(dirname '%s')\"", p);
	CHECK(system(cmd) == 0);
	free(cmd);
	if ((f = fopen(p, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
	free(p);
}

/* poetry's and pdm's own settings: config.toml, a project's poetry.toml. */
static void
test_settings(void)
{
	struct places	 pl;
	char		*want, *got, *proj;

	clear_vars();
	setenv("HOME", "/home/u", 1);
	want = xasprintf("%s/cfg", tmp);
	setenv("XDG_CONFIG_HOME", want, 1);
	free(want);
	put("cfg/pypoetry/config.toml", "cache-dir = \"/pc\"\n"
	    "[virtualenvs]\nin-project = false\npath = \"{cache-dir}/envs\"  # here\n");
	put("cfg/pdm/config.toml", "[venv]\nlocation = '/pdm/where'\n");
	places_read(&pl);
	CHECK_STR(places_first(&pl, PLACE_POETRY), "/pc/envs");
	CHECK(has(&pl, PLACE_POETRY, "/home/u/.cache/pypoetry/virtualenvs"));
	CHECK_STR(places_first(&pl, PLACE_PDM), "/pdm/where");
	CHECK(has(&pl, PLACE_PDM, "/home/u/.local/share/pdm/venvs"));

	/* The project's poetry.toml comes after the variable, before config.toml. */
	put("proj/poetry.toml", "virtualenvs.path = \"~/local-envs\"\n");
	proj = xasprintf("%s/proj", tmp);
	got = places_poetry_venvs(&pl, proj);
	CHECK_STR(got, "/home/u/local-envs");
	free(got);
	setenv("POETRY_VIRTUALENVS_PATH", "/from/var", 1);
	got = places_poetry_venvs(&pl, proj);
	CHECK_STR(got, "/from/var");
	free(got);
	places_free(&pl);

	/* Dotted keys at the top level; garbage is no setting. */
	unsetenv("POETRY_VIRTUALENVS_PATH");
	put("cfg/pypoetry/config.toml", "virtualenvs.path = \"/dotted\"\n");
	put("cfg/pdm/config.toml", "[venv\nlocation = \"unterminated\n\x01\xff=\n");
	places_read(&pl);
	CHECK_STR(places_first(&pl, PLACE_POETRY), "/dotted");
	CHECK_STR(places_first(&pl, PLACE_PDM), "/home/u/.local/share/pdm/venvs");
	places_free(&pl);
	free(proj);
	clear_vars();
}

int
main(void)
{
	char	 tmpl[] = "/tmp/venvdex-test-XXXXXX", real[4096];
	char	*cmd;
	int	 rc;

	if ((tmp = mkdtemp(tmpl)) == NULL || realpath(tmp, real) == NULL)
		return 77;
	tmp = real;
	test_defaults();
	test_variables();
	test_named();
	test_default();
	test_settings();
	rc = check_done();
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		rc = 1;
	free(cmd);
	return rc;
}
