/*
 * query: what the command line and the browser ask of the index. The one
 * layer over the index's tables for reading: no SQL text lives in the
 * command front ends (src/cli-*.c) or in ui/. Writes are index.c's.
 */
#ifndef VENVDEX_QUERY_H
#define VENVDEX_QUERY_H

#include <stdint.h>

struct index;

/* --- rm, clean, freeze ------------------------------------------------------ */

#ifndef STALE_UNUSED
#define STALE_UNUSED	0x4	/* unused: the bit the envx view adds to stale_bits */
#endif

/* s as a JSON string (valid UTF-8, escaped by SQLite), or "null"; allocated. */
char	*query_json_str(struct index *, const char *s);

/* Calls fn for every environment on disk that names a base interpreter. 0, or -1. */
int	 query_env_bases(struct index *,
	    void (*fn)(const char *path, const char *base, void *), void *);

/* An environment clean may propose; strings valid only during the call. */
struct query_stale {
	const char	*path, *name, *kind, *manager, *python, *project;
	int		 bits;		/* STALE_* with unused counted from the cutoff */
	int64_t		 used;		/* last use, 0: unknown */
	int64_t		 size;		/* -1: unknown */
};
/*
 * Calls fn for each environment on disk with a stale reason, unused meaning
 * no use since cutoff (seconds since the epoch), largest first. 0, or -1.
 */
int	 query_stale_envs(struct index *, int64_t cutoff,
	    void (*fn)(const struct query_stale *, void *), void *);

/* An environment's package, for freeze; strings valid only during the call. */
struct query_freeze_pkg {
	const char	*name, *version, *url;
	int		 editable;
};
/*
 * Calls fn for each package indexed for the environment at path (on disk or
 * gone), sorted by name case-insensitively; *python (if not NULL) gets its
 * allocated Python version, or NULL. Returns the number of packages, or -1
 * when path is not indexed.
 */
int	 query_freeze(struct index *, const char *path, char **python,
	    void (*fn)(const struct query_freeze_pkg *, void *), void *);

#endif
