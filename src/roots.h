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
 * The default roots: $HOME, every manager's places (places.h, read from the
 * variables now), conda's environments.txt, /opt and the system
 * interpreters; the caches of places.h are pruned. Roots that do not exist
 * are left out, as are roots inside another root's walk.
 */
void	 roots_default(struct roots *);
/*
 * The named folders (made absolute); returns -1 after an error message
 * (msg.h) if one is missing, or in /proc, /sys or /dev (then left out).
 */
int	 roots_named(struct roots *, char *const *paths, size_t n);
void	 roots_free(struct roots *);

#endif
