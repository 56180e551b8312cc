/*
 * seed: pip put into an environment from a local wheel, as create does.
 * (A stub header on the wt-shell branch: the declaration agreed with
 * create's src/seed.c, which defines it.)
 */
#ifndef VENVDEX_SEED_H
#define VENVDEX_SEED_H

/* Seeds pip into the environment at envdir. 0, or -1 with *err set (allocated). */
int	 seed_pip(const char *envdir, char **err);

#endif
