/*
 * query: what the command line and the browser ask of the index. The one
 * layer over the index's tables for reading: no SQL text lives in the
 * command front ends (src/cli-*.c) or in ui/. Writes are index.c's.
 */
#ifndef VENVDEX_QUERY_H
#define VENVDEX_QUERY_H

#include <stddef.h>

struct index;

/*
 * The base programs of the indexed, runnable interpreters whose version is
 * version or starts with "version.", newest first. The caller frees each
 * string and the array; NULL with *n 0 when there are none.
 */
char	**query_interpreters(struct index *, const char *version, size_t *n);
/* An indexed environment as `list --json` shows it (allocated), or NULL. */
char	*query_env_json(struct index *, const char *path);

#endif
