/* dupes: the same distribution installed in several environments. */
#ifndef VENVDEX_DUPES_H
#define VENVDEX_DUPES_H

#include <stddef.h>
#include <stdint.h>

#include "query.h"

struct index;

/*
 * A group: the copies of one distribution (one name, version and content)
 * in environments on disk. A copy is linked when its files are another
 * copy's (hard links: uv, conda, cp -al); wasted counts the bytes of every
 * copy that shares no inode with another, beyond the largest one kept.
 */
struct dupes_group {
	struct query_copy	*copies;	/* points into dupes.rows */
	size_t			 n;
	int			*linked;	/* by copy */
	int64_t			 size;		/* one copy's bytes (the largest known) */
	int64_t			 wasted;
};

struct dupes {
	struct query_copies	 rows;		/* owned */
	struct dupes_group	*v;		/* most wasted first, then by name */
	size_t			 n;
	size_t			 copies;	/* in all groups */
	int64_t			 wasted;	/* of all groups */
};

/*
 * Finds the groups of at least two copies whose copy is at least min_size
 * bytes. The caller frees with dupes_free(). 0, or -1 with *err allocated.
 */
int	 dupes_find(struct index *, int64_t min_size, int json, struct dupes *,
	    char **err);
void	 dupes_free(struct dupes *);
/* The groups as dupes --json's array (found with json set); allocated. */
char	*dupes_json(const struct dupes *);
/* "10M", "1.5G", "300k", "4096": bytes (1024-based suffixes). 0, or -1. */
int	 dupes_parse_size(const char *, int64_t *);

#endif
