/*
 * query: what the command line and the browser ask of the index. The one
 * layer over the index's tables for reading: no SQL text lives in the
 * command front ends (src/cli-*.c) or in ui/. Writes are index.c's.
 */
#ifndef VENVDEX_QUERY_H
#define VENVDEX_QUERY_H

#include <stdint.h>

struct index;

/*
 * Calls fn for each package indexed for the environment at path, in order
 * of normalised name (size -1: unknown). The strings are valid during the
 * call only. Returns 0, or -1 after a warning.
 */
int	 query_env_pkgs(struct index *, const char *path,
	    void (*fn)(const char *norm, const char *name, const char *version,
	    int64_t size, void *), void *arg);
/*
 * The fingerprint and size indexed for the environment at path (see
 * index_put_env()): 1 and both set when it is indexed, else 0.
 */
int	 query_env_fingerprint(struct index *, const char *path, int64_t *fp,
	    int64_t *size);

#endif
