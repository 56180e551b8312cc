/*
 * clean: the environments `venvdex clean` proposes to delete, each with its
 * reasons (interpreter missing, project gone, unused for N days) and
 * checked as rmenv_check() checks any deletion. Never prints, never deletes:
 * the caller deletes the ones it chooses with rmenv_delete().
 */
#ifndef VENVDEX_CLEAN_H
#define VENVDEX_CLEAN_H

#include <stddef.h>
#include <stdint.h>

#include "rmenv.h"

struct index;

struct clean_cand {
	struct rmenv	 rm;		/* checked: rm.ok, rm.refused, rm.size ... */
	char		*indexed;	/* its path in the index */
	int		 bits;		/* STALE_* reasons */
	int64_t		 used;		/* last use, 0: unknown */
};

struct clean_list {
	struct clean_cand	*v;
	size_t			 n;
};

/*
 * Fills l with the indexed environments on disk that have a stale reason,
 * unused meaning no use for days days; with only_unused, only those unused.
 * System interpreters are never proposed. Returns 0, or -1 with *err
 * (allocated: the index failed).
 */
int	 clean_candidates(struct rmenv_ctx *, struct index *, int days,
	    int only_unused, struct clean_list *l, char **err);
void	 clean_list_free(struct clean_list *);

/* The reasons of bits as the JSON contract spells them, up to max into v; their number. */
size_t	 clean_reasons(int bits, const char **v, size_t max);

#endif
