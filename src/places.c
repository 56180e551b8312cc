/* places: where each manager keeps its environments. */
#include "config.h"

#include <ctype.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "places.h"
#include "str.h"
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

/* Drops trailing white space. */
static void
trim(char *s)
{
	size_t	n = strlen(s);

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

/*
 * The string value of key in table (NULL: the top level) of a small TOML
 * file: `[table]` then `key = "v"`, or `table.key = "v"` at the top; basic
 * and literal strings, quoted keys. What else TOML allows is not needed for
 * the managers' settings read here. Allocated; NULL when absent.
 */
static char *
toml_string(const char *path, const char *table, const char *key)
{
	char		*buf, *line, *next, *val = NULL, *cur = NULL, *k, *e;
	size_t		 len;
	struct sbuf	 sb;

	if ((buf = read_file_at(AT_FDCWD, path, 1 << 20, &len)) == NULL)
		return NULL;
	for (line = buf; line != NULL && val == NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		while (isspace((unsigned char)*line))
			line++;
		if (*line == '[') {
			free(cur);
			e = strchr(line, ']');
			cur = e != NULL ? xstrndup(line + 1, (size_t)(e - line - 1)) : NULL;
			if (cur != NULL)
				trim(cur);
			continue;
		}
		if ((e = strchr(line, '=')) == NULL)
			continue;
		*e++ = '\0';
		k = line;
		trim(k);
		if (table != NULL && cur == NULL) {
			/* table.key at the top level */
			size_t tl = strlen(table);

			if (strncmp(k, table, tl) != 0 || k[tl] != '.')
				continue;
			k += tl + 1;
		} else if (!(table == NULL ? cur == NULL : strcmp(cur, table) == 0))
			continue;
		if ((k[0] == '"' || k[0] == '\'') && strlen(k) >= 2) {
			k[strlen(k) - 1] = '\0';
			k++;
		}
		if (strcmp(k, key) != 0)
			continue;
		while (isspace((unsigned char)*e))
			e++;
		memset(&sb, 0, sizeof sb);
		if (*e == '\'') {
			char *q = strchr(e + 1, '\'');

			if (q != NULL)
				val = xstrndup(e + 1, (size_t)(q - e - 1));
		} else if (*e == '"') {
			for (e++; *e != '\0' && *e != '"'; e++) {
				if (*e == '\\' && e[1] != '\0')
					e++;
				sbuf_addc(&sb, *e);
			}
			if (*e == '"')
				val = sbuf_steal(&sb);
			else
				sbuf_free(&sb);
		}
	}
	free(cur);
	free(buf);
	return val;
}

/* A path from a manager's settings: "~" expanded; NULL unless absolute. */
static char *
setting_path(const struct places *pl, char *v)
{
	char	*p = NULL;

	if (v == NULL)
		return NULL;
	if (v[0] == '~' && (v[1] == '/' || v[1] == '\0'))
		p = path_join(pl->home, v[1] != '\0' ? v + 2 : ".");
	else if (v[0] == '/')
		p = xstrdup(v);
	free(v);
	if (p == NULL)
		return NULL;
	v = path_absolute(p);
	free(p);
	return v;
}

/* "{cache-dir}" in poetry's setting v replaced by cache (v is freed). */
static char *
poetry_subst(char *v, const char *cache)
{
	char	*at, *r;

	if (v == NULL || (at = strstr(v, "{cache-dir}")) == NULL)
		return v;
	r = xasprintf("%.*s%s%s", (int)(at - v), v, cache, at + 11);
	free(v);
	return r;
}

/*
 * Where poetry keeps the environments of the project in dir (NULL: the
 * global setting), as poetry reads it: $POETRY_VIRTUALENVS_PATH, else
 * virtualenvs.path of the project's poetry.toml, else of poetry's
 * config.toml, else {cache-dir}/virtualenvs; cache-dir likewise from
 * $POETRY_CACHE_DIR, poetry.toml, config.toml, ~/.cache/pypoetry.
 */
char *
places_poetry_venvs(const struct places *pl, const char *dir)
{
	char	*cache = NULL, *v = NULL, *local = NULL, *r;

	if (dir != NULL)
		local = path_join(dir, "poetry.toml");
	if (getenv("POETRY_CACHE_DIR") != NULL)
		cache = setting_path(pl, xstrdup(getenv("POETRY_CACHE_DIR")));
	if (cache == NULL && local != NULL)
		cache = setting_path(pl, toml_string(local, NULL, "cache-dir"));
	if (cache == NULL)
		cache = setting_path(pl, toml_string(pl->poetry_config, NULL, "cache-dir"));
	if (cache == NULL)
		cache = path_join(pl->cache, "pypoetry");

	if (getenv("POETRY_VIRTUALENVS_PATH") != NULL)
		v = setting_path(pl, poetry_subst(xstrdup(getenv("POETRY_VIRTUALENVS_PATH")),
		    cache));
	if (v == NULL && local != NULL)
		v = setting_path(pl, poetry_subst(toml_string(local, "virtualenvs", "path"),
		    cache));
	if (v == NULL)
		v = setting_path(pl, poetry_subst(toml_string(pl->poetry_config,
		    "virtualenvs", "path"), cache));
	r = v != NULL ? v : path_join(cache, "virtualenvs");
	free(cache);
	free(local);
	return r;
}

void
places_read(struct places *pl)
{
	const char	*h = getenv("HOME"), *v;
	char		*p;
	size_t		 i;

	memset(pl, 0, sizeof *pl);
	pl->home = path_absolute(h != NULL && h[0] == '/' ? h : "/");
	pl->data = var_or("XDG_DATA_HOME", pl->home, ".local/share");
	pl->cache = var_or("XDG_CACHE_HOME", pl->home, ".cache");
	pl->config = var_or("XDG_CONFIG_HOME", pl->home, ".config");
	if ((v = getenv("POETRY_CONFIG_DIR")) != NULL && v[0] == '/') {
		p = path_absolute(v);
		pl->poetry_config = path_join(p, "config.toml");
		free(p);
	} else
		pl->poetry_config = path_join(pl->config, "pypoetry/config.toml");
	if ((v = getenv("PDM_CONFIG_FILE")) != NULL && v[0] == '/')
		pl->pdm_config = path_absolute(v);
	else
		pl->pdm_config = path_join(pl->config, "pdm/config.toml");

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
	add(pl, PLACE_POETRY, places_poetry_venvs(pl, NULL));
	add_var(pl, PLACE_POETRY, "POETRY_CACHE_DIR", "virtualenvs");
	add(pl, PLACE_POETRY, path_join(pl->cache, "pypoetry/virtualenvs"));

	add_var(pl, PLACE_HATCH, "HATCH_DATA_DIR", NULL);
	add(pl, PLACE_HATCH, path_join(pl->data, "hatch"));
	add_each(pl, PLACE_HATCH_ENVS, PLACE_HATCH, "env");

	if ((p = setting_path(pl, toml_string(pl->pdm_config, "venv", "location"))) != NULL)
		add(pl, PLACE_PDM, p);
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
	free(pl->config);
	free(pl->poetry_config);
	free(pl->pdm_config);
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
