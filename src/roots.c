/* roots: the well-known places of every environment manager. */
#include "config.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "roots.h"
#include "util.h"

static int
is_dir(const char *p)
{
	struct stat	st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void
roots_add(struct roots *r, char *path, int probe_only)
{
	size_t	i;

	for (i = 0; i < r->n; i++) {
		if (strcmp(r->v[i].path, path) == 0) {
			free(path);
			return;
		}
	}
	r->v = xrealloc(r->v, (r->n + 1) * sizeof *r->v);
	r->v[r->n].path = path;
	r->v[r->n].probe_only = probe_only;
	r->n++;
}

static void
prune_add(struct roots *r, char *path)
{
	r->prune = xrealloc(r->prune, (r->nprune + 1) * sizeof *r->prune);
	r->prune[r->nprune++] = path;
}

static char *
xdg(const char *var, const char *home, const char *rel)
{
	const char	*v = getenv(var);

	if (v != NULL && v[0] == '/')
		return path_absolute(v);
	return path_join(home, rel);
}

/* Adds each existing folder of a colon-separated list. */
static void
add_list(struct roots *r, const char *list, const char *suffix)
{
	char	*copy, *p, *tok, *full;

	if (list == NULL)
		return;
	copy = xstrdup(list);
	for (p = copy; (tok = strsep(&p, ":")) != NULL;) {
		if (tok[0] != '/')
			continue;
		full = suffix != NULL ? path_join(tok, suffix) : path_absolute(tok);
		roots_add(r, full, 0);
	}
	free(copy);
}

/* conda's ~/.conda/environments.txt: one environment per line. */
static void
add_conda_txt(struct roots *r, const char *home)
{
	char	*p = path_join(home, ".conda/environments.txt");
	char	*buf, *line, *next;
	size_t	 len;

	buf = read_file_at(AT_FDCWD, p, 1 << 20, &len);
	free(p);
	if (buf == NULL)
		return;
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (line[0] == '/')
			roots_add(r, path_absolute(line), 1);
	}
	free(buf);
}

/* Drops missing roots and walked roots that another walked root contains. */
static void
roots_tidy(struct roots *r)
{
	size_t	i, j, k = 0;
	int	inside;

	for (i = 0; i < r->n; i++) {
		inside = !is_dir(r->v[i].path);
		for (j = 0; j < r->n && !inside; j++) {
			if (j == i || r->v[j].probe_only || !is_dir(r->v[j].path))
				continue;
			if (path_is_under(r->v[i].path, r->v[j].path) &&
			    (strcmp(r->v[i].path, r->v[j].path) != 0 || j < i))
				inside = 1;
		}
		if (inside)
			free(r->v[i].path);
		else
			r->v[k++] = r->v[i];
	}
	r->n = k;
}

void
roots_default(struct roots *r)
{
	const char	*h = getenv("HOME");
	char		*home, *data, *cache;

	memset(r, 0, sizeof *r);
	if (h == NULL || h[0] != '/')
		h = "/";
	home = path_absolute(h);
	data = xdg("XDG_DATA_HOME", home, ".local/share");
	cache = xdg("XDG_CACHE_HOME", home, ".cache");

	if (strcmp(home, "/") != 0)
		roots_add(r, xstrdup(home), 0);
	roots_add(r, xdg("PYENV_ROOT", home, ".pyenv"), 0);
	add_list(r, getenv("WORKON_HOME"), NULL);
	roots_add(r, path_join(home, ".virtualenvs"), 0);
	add_list(r, getenv("PIPX_HOME"), NULL);
	roots_add(r, path_join(data, "pipx"), 0);
	add_list(r, getenv("POETRY_VIRTUALENVS_PATH"), NULL);
	roots_add(r, path_join(cache, "pypoetry/virtualenvs"), 0);
	roots_add(r, path_join(data, "virtualenvs"), 0);
	add_list(r, getenv("HATCH_DATA_DIR"), NULL);
	roots_add(r, path_join(data, "hatch"), 0);
	roots_add(r, path_join(data, "pdm/venvs"), 0);
	add_list(r, getenv("UV_PYTHON_INSTALL_DIR"), NULL);
	roots_add(r, path_join(data, "uv"), 0);
	add_list(r, getenv("CONDA_ENVS_PATH"), NULL);
	add_list(r, getenv("CONDA_PREFIX"), NULL);
	roots_add(r, path_join(home, ".conda/envs"), 0);
	add_conda_txt(r, home);
	roots_add(r, xstrdup("/opt"), 0);
	roots_add(r, xstrdup("/usr"), 1);
	roots_add(r, xstrdup("/usr/local"), 1);
	roots_tidy(r);

	prune_add(r, path_join(cache, "pip"));
	prune_add(r, path_join(cache, "uv"));
	prune_add(r, path_join(cache, "pypoetry/cache"));
	prune_add(r, path_join(cache, "pypoetry/artifacts"));
	prune_add(r, path_join(home, ".local/share/Trash"));
	free(home);
	free(data);
	free(cache);
}

/* Is p (or what it resolves to) in /proc, /sys or /dev, which are never walked? */
static int
roots_virtual(const char *p)
{
	static const char *const skip[] = { "/proc", "/sys", "/dev" };
	char	 real[PATH_MAX];
	size_t	 i;

	for (i = 0; i < nitems(skip); i++)
		if (path_is_under(p, skip[i]) || (realpath(p, real) != NULL &&
		    path_is_under(real, skip[i])))
			return 1;
	return 0;
}

int
roots_named(struct roots *r, char *const *paths, size_t n)
{
	size_t	i;
	int	rc = 0;

	memset(r, 0, sizeof *r);
	for (i = 0; i < n; i++) {
		char *p = path_absolute(paths[i]);

		if (!is_dir(p)) {
			warnx_("%s: not a folder", paths[i]);
			free(p);
			rc = -1;
			continue;
		}
		if (roots_virtual(p)) {
			warnx_("%s: not scanned (/proc, /sys and /dev hold no "
			    "environments)", paths[i]);
			free(p);
			rc = -1;
			continue;
		}
		roots_add(r, p, 0);
	}
	roots_tidy(r);
	return rc;
}

void
roots_free(struct roots *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].path);
	for (i = 0; i < r->nprune; i++)
		free(r->prune[i]);
	free(r->v);
	free(r->prune);
	memset(r, 0, sizeof *r);
}
