/*
 * places: where each manager keeps its environments, from its variables and
 * its defaults. The one place that reads WORKON_HOME, PIPX_HOME, PYENV_ROOT,
 * CONDA_ENVS_PATH ...: roots walks these folders, probe names the manager
 * of what it finds in them, which follows pyenv's and asdf's shims.
 */
#ifndef VENVDEX_PLACES_H
#define VENVDEX_PLACES_H

#include <stddef.h>

enum place {
	PLACE_PYENV,		/* $PYENV_ROOT, else ~/.pyenv */
	PLACE_PYENV_VERSIONS,	/* its versions/: interpreters, and pyenv-virtualenv's envs */
	PLACE_ASDF,		/* $ASDF_DATA_DIR, else ~/.asdf */
	PLACE_WORKON,		/* virtualenvwrapper: each $WORKON_HOME entry, ~/.virtualenvs */
	PLACE_PIPENV,		/* pipenv: each $WORKON_HOME entry, $XDG_DATA_HOME/virtualenvs */
	PLACE_PIPX,		/* pipx homes: $PIPX_HOME, $PIPX_LOCAL_VENVS, $PIPX_SHARED_LIBS,
				   $PIPX_GLOBAL_HOME, ~/.local/pipx, $XDG_DATA_HOME/pipx, /opt/pipx */
	PLACE_POETRY,		/* $POETRY_VIRTUALENVS_PATH, virtualenvs.path of poetry's
				   config.toml, its cache-dir/virtualenvs,
				   $POETRY_CACHE_DIR/virtualenvs,
				   $XDG_CACHE_HOME/pypoetry/virtualenvs */
	PLACE_HATCH,		/* hatch's data: $HATCH_DATA_DIR, $XDG_DATA_HOME/hatch */
	PLACE_HATCH_ENVS,	/* its env/ folders */
	PLACE_PDM,		/* venv.location of pdm's config.toml, $XDG_DATA_HOME/pdm/venvs */
	PLACE_UV,		/* uv's data: $XDG_DATA_HOME/uv */
	PLACE_UV_PYTHON,	/* $UV_PYTHON_INSTALL_DIR, $XDG_DATA_HOME/uv/python */
	PLACE_UV_TOOLS,		/* $UV_TOOL_DIR, $XDG_DATA_HOME/uv/tools */
	PLACE_CONDA,		/* each $CONDA_ENVS_PATH and $CONDA_ENVS_DIRS entry, ~/.conda/envs */
	PLACE_CONDA_ACTIVE,	/* $CONDA_PREFIX: the active conda environment */
	PLACE_CACHES,		/* caches that hold no environments: pip's, uv's, poetry's */
	PLACE_COUNT
};

/*
 * The folders of every place, read from the environment variables when
 * places_read() is called. Every path is absolute and "." and ".." free; a
 * variable that is not an absolute path is ignored (the default stays). A
 * variable's folders come before the default's, which stay too (what was
 * made before the variable was set is still the manager's). Variables that
 * hold lists (WORKON_HOME, CONDA_ENVS_PATH, CONDA_ENVS_DIRS) are split at
 * ':'. Strings are owned by the struct until places_free().
 */
struct places {
	char	*home;		/* $HOME, else "/" */
	char	*data;		/* $XDG_DATA_HOME, else ~/.local/share */
	char	*cache;		/* $XDG_CACHE_HOME, else ~/.cache */
	char	*config;	/* $XDG_CONFIG_HOME, else ~/.config */
	char	*poetry_config;	/* $POETRY_CONFIG_DIR/config.toml, else
				   $XDG_CONFIG_HOME/pypoetry/config.toml */
	char	*pdm_config;	/* $PDM_CONFIG_FILE, else $XDG_CONFIG_HOME/pdm/config.toml */
	char	**dirs[PLACE_COUNT];	/* each NULL-terminated */
	size_t	 n[PLACE_COUNT];
};

void	 places_read(struct places *);
void	 places_free(struct places *);
/* Whether path is inside one of place's folders (not one of them). */
int	 places_under(const struct places *, enum place, const char *path);
/*
 * Where poetry keeps the environments of the project in dir (NULL: poetry's
 * global settings): $POETRY_VIRTUALENVS_PATH, the project's poetry.toml,
 * poetry's config.toml, then {cache-dir}/virtualenvs. Allocated.
 */
char	*places_poetry_venvs(const struct places *, const char *dir);
/* The first (the one the manager uses now) of place's folders. */
const char *places_first(const struct places *, enum place);

/*
 * The places as the variables were at the first call, read once for the
 * life of the process; safe to share across threads.
 */
const struct places *places_now(void);

#endif
