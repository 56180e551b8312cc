/* roots: the folders a scan walks when it is given none. */
#include "config.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fs.h"
#include "msg.h"
#include "places.h"
#include "roots.h"
#include "util.h"

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

/* Adds each folder of place p (copied). */
static void
add_place(struct roots *r, const struct places *pl, enum place p)
{
	size_t	i;

	for (i = 0; i < pl->n[p]; i++)
		roots_add(r, xstrdup(pl->dirs[p][i]), 0);
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

/*
 * Drops missing roots and walked roots that another walked root contains
 * (of two equal ones, the later). Every verdict is taken on the list as it
 * came, before anything is freed or moved.
 */
static void
roots_tidy(struct roots *r)
{
	unsigned char	*drop, *dir;
	size_t		 i, j, k = 0;

	if (r->n == 0)
		return;
	drop = xcalloc(r->n, 1);
	dir = xcalloc(r->n, 1);
	for (i = 0; i < r->n; i++)
		dir[i] = fs_is_dir(r->v[i].path);
	for (i = 0; i < r->n; i++) {
		drop[i] = !dir[i];
		for (j = 0; j < r->n && !drop[i]; j++) {
			if (j == i || r->v[j].probe_only || !dir[j])
				continue;
			if (path_is_under(r->v[i].path, r->v[j].path) &&
			    (strcmp(r->v[i].path, r->v[j].path) != 0 || j < i))
				drop[i] = 1;
		}
	}
	for (i = 0; i < r->n; i++) {
		if (drop[i])
			free(r->v[i].path);
		else
			r->v[k++] = r->v[i];
	}
	r->n = k;
	free(dir);
	free(drop);
}

void
roots_default(struct roots *r)
{
	struct places	pl;
	size_t		i;

	memset(r, 0, sizeof *r);
	places_read(&pl);
	if (strcmp(pl.home, "/") != 0)
		roots_add(r, xstrdup(pl.home), 0);
	add_place(r, &pl, PLACE_PYENV);
	add_place(r, &pl, PLACE_WORKON);
	add_place(r, &pl, PLACE_PIPX);
	add_place(r, &pl, PLACE_POETRY);
	add_place(r, &pl, PLACE_PIPENV);
	add_place(r, &pl, PLACE_HATCH);
	add_place(r, &pl, PLACE_PDM);
	add_place(r, &pl, PLACE_UV_PYTHON);
	add_place(r, &pl, PLACE_UV_TOOLS);
	add_place(r, &pl, PLACE_UV);
	add_place(r, &pl, PLACE_CONDA);
	add_place(r, &pl, PLACE_CONDA_ACTIVE);
	add_conda_txt(r, pl.home);
	roots_add(r, xstrdup("/opt"), 0);
	roots_add(r, xstrdup("/usr"), 1);
	roots_add(r, xstrdup("/usr/local"), 1);
	roots_tidy(r);

	for (i = 0; i < pl.n[PLACE_CACHES]; i++)
		prune_add(r, xstrdup(pl.dirs[PLACE_CACHES][i]));
	places_free(&pl);
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

		if (!fs_is_dir(p)) {
			msg_error("%s: not a folder", paths[i]);
			free(p);
			rc = -1;
			continue;
		}
		if (roots_virtual(p)) {
			msg_error("%s: not scanned (/proc, /sys and /dev hold no "
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
