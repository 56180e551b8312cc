/* roots: where to look for environments when no folder is named. */
#ifndef VENVDEX_ROOTS_H
#define VENVDEX_ROOTS_H

#include <stddef.h>

#include "walk.h"

/* Roots and pruned folders; every string is allocated and owned by the list. */
struct roots {
	struct walk_root *v;
	size_t		  n;
	char		**prune;	/* folders never entered (pip's cache ...) */
	size_t		  nprune;
};

/*
 * The default roots from $HOME and the environment variables of every
 * manager (PYENV_ROOT, WORKON_HOME, PIPX_HOME, CONDA_ENVS_PATH, XDG_*,
 * POETRY_VIRTUALENVS_PATH ...), conda's environments.txt and the system
 * interpreters. Roots that do not exist are left out, as are roots inside
 * another root's walk.
 */
void	 roots_default(struct roots *);
/*
 * The named folders (made absolute); returns -1 after a warning if one is
 * missing, or in /proc, /sys or /dev (then left out).
 */
int	 roots_named(struct roots *, char *const *paths, size_t n);
void	 roots_free(struct roots *);

#endif
