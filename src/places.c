/* places: where each manager keeps its environments. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "places.h"
#include "util.h"

/* Adds path (allocated) to place p, unless it is there already. */
static void
add(struct places *pl, enum place p, char *path)
{
	size_t	i;

	for (i = 0; i < pl->n[p]; i++) {
		if (strcmp(pl->dirs[p][i], path) == 0) {
			free(path);
			return;
		}
	}
	pl->dirs[p] = xrealloc(pl->dirs[p], (pl->n[p] + 2) * sizeof *pl->dirs[p]);
	pl->dirs[p][pl->n[p]++] = path;
	pl->dirs[p][pl->n[p]] = NULL;
}

/* $var, when it is an absolute path, joined with rel (may be NULL). */
static void
add_var(struct places *pl, enum place p, const char *var, const char *rel)
{
	const char	*v = getenv(var);
	char		*abs;

	if (v == NULL || v[0] != '/')
		return;
	abs = path_absolute(v);
	if (rel == NULL)
		add(pl, p, abs);
	else {
		add(pl, p, path_join(abs, rel));
		free(abs);
	}
}

/* Each absolute entry of the ':'-separated list in $var. */
static void
add_list(struct places *pl, enum place p, const char *var)
{
	const char	*v = getenv(var);
	char		*copy, *s, *tok;

	if (v == NULL)
		return;
	copy = xstrdup(v);
	for (s = copy; (tok = strsep(&s, ":")) != NULL;)
		if (tok[0] == '/')
			add(pl, p, path_absolute(tok));
	free(copy);
}

/* $var when it is an absolute path, else base/rel. Allocated. */
static char *
var_or(const char *var, const char *base, const char *rel)
{
	const char	*v = getenv(var);

	if (v != NULL && v[0] == '/')
		return path_absolute(v);
	return path_join(base, rel);
}

/* Each folder of place from joined with rel, into place to. */
static void
add_each(struct places *pl, enum place to, enum place from, const char *rel)
{
	size_t	i;

	for (i = 0; i < pl->n[from]; i++)
		add(pl, to, path_join(pl->dirs[from][i], rel));
}

void
places_read(struct places *pl)
{
	const char	*h = getenv("HOME");
	size_t		 i;

	memset(pl, 0, sizeof *pl);
	pl->home = path_absolute(h != NULL && h[0] == '/' ? h : "/");
	pl->data = var_or("XDG_DATA_HOME", pl->home, ".local/share");
	pl->cache = var_or("XDG_CACHE_HOME", pl->home, ".cache");

	add(pl, PLACE_PYENV, var_or("PYENV_ROOT", pl->home, ".pyenv"));
	add_each(pl, PLACE_PYENV_VERSIONS, PLACE_PYENV, "versions");
	add(pl, PLACE_ASDF, var_or("ASDF_DATA_DIR", pl->home, ".asdf"));

	add_list(pl, PLACE_WORKON, "WORKON_HOME");
	add(pl, PLACE_WORKON, path_join(pl->home, ".virtualenvs"));
	add_list(pl, PLACE_PIPENV, "WORKON_HOME");
	add(pl, PLACE_PIPENV, path_join(pl->data, "virtualenvs"));

	add_var(pl, PLACE_PIPX, "PIPX_HOME", NULL);
	add_var(pl, PLACE_PIPX, "PIPX_LOCAL_VENVS", NULL);
	add_var(pl, PLACE_PIPX, "PIPX_SHARED_LIBS", NULL);
	add_var(pl, PLACE_PIPX, "PIPX_GLOBAL_HOME", NULL);
	add(pl, PLACE_PIPX, path_join(pl->home, ".local/pipx"));
	add(pl, PLACE_PIPX, path_join(pl->data, "pipx"));
	add(pl, PLACE_PIPX, xstrdup("/opt/pipx"));

	add_var(pl, PLACE_POETRY, "POETRY_VIRTUALENVS_PATH", NULL);
	add_var(pl, PLACE_POETRY, "POETRY_CACHE_DIR", "virtualenvs");
	add(pl, PLACE_POETRY, path_join(pl->cache, "pypoetry/virtualenvs"));

	add_var(pl, PLACE_HATCH, "HATCH_DATA_DIR", NULL);
	add(pl, PLACE_HATCH, path_join(pl->data, "hatch"));
	add_each(pl, PLACE_HATCH_ENVS, PLACE_HATCH, "env");

	add(pl, PLACE_PDM, path_join(pl->data, "pdm/venvs"));

	add(pl, PLACE_UV, path_join(pl->data, "uv"));
	add_var(pl, PLACE_UV_PYTHON, "UV_PYTHON_INSTALL_DIR", NULL);
	add(pl, PLACE_UV_PYTHON, path_join(pl->data, "uv/python"));
	add_var(pl, PLACE_UV_TOOLS, "UV_TOOL_DIR", NULL);
	add(pl, PLACE_UV_TOOLS, path_join(pl->data, "uv/tools"));

	add_list(pl, PLACE_CONDA, "CONDA_ENVS_PATH");
	add_list(pl, PLACE_CONDA, "CONDA_ENVS_DIRS");
	add(pl, PLACE_CONDA, path_join(pl->home, ".conda/envs"));
	add_var(pl, PLACE_CONDA_ACTIVE, "CONDA_PREFIX", NULL);

	add_var(pl, PLACE_CACHES, "PIP_CACHE_DIR", NULL);
	add(pl, PLACE_CACHES, path_join(pl->cache, "pip"));
	add_var(pl, PLACE_CACHES, "UV_CACHE_DIR", NULL);
	add(pl, PLACE_CACHES, path_join(pl->cache, "uv"));
	add_var(pl, PLACE_CACHES, "POETRY_CACHE_DIR", "cache");
	add_var(pl, PLACE_CACHES, "POETRY_CACHE_DIR", "artifacts");
	add(pl, PLACE_CACHES, path_join(pl->cache, "pypoetry/cache"));
	add(pl, PLACE_CACHES, path_join(pl->cache, "pypoetry/artifacts"));
	add(pl, PLACE_CACHES, path_join(pl->data, "Trash"));
	add(pl, PLACE_CACHES, path_join(pl->home, ".local/share/Trash"));

	/* Every list is an array, empty or not. */
	for (i = 0; i < PLACE_COUNT; i++)
		if (pl->dirs[i] == NULL)
			pl->dirs[i] = xcalloc(1, sizeof *pl->dirs[i]);
}

void
places_free(struct places *pl)
{
	size_t	i, j;

	for (i = 0; i < PLACE_COUNT; i++) {
		for (j = 0; j < pl->n[i]; j++)
			free(pl->dirs[i][j]);
		free(pl->dirs[i]);
	}
	free(pl->home);
	free(pl->data);
	free(pl->cache);
	memset(pl, 0, sizeof *pl);
}

int
places_under(const struct places *pl, enum place p, const char *path)
{
	size_t	i;

	for (i = 0; i < pl->n[p]; i++)
		if (path_is_under(path, pl->dirs[p][i]) &&
		    strcmp(path, pl->dirs[p][i]) != 0)
			return 1;
	return 0;
}

const char *
places_first(const struct places *pl, enum place p)
{
	return pl->n[p] > 0 ? pl->dirs[p][0] : NULL;
}

static struct places	places_once_v;
static pthread_once_t	places_once = PTHREAD_ONCE_INIT;

static void
places_init(void)
{
	places_read(&places_once_v);
}

const struct places *
places_now(void)
{
	pthread_once(&places_once, places_init);
	return &places_once_v;
}
