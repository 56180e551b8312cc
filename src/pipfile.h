/* pipfile: Pipfile.lock files. */
#ifndef VENVDEX_PIPFILE_H
#define VENVDEX_PIPFILE_H

#include <stddef.h>
#include <sqlite3.h>

struct req_list;

/*
 * Reads a Pipfile.lock's text (len bytes; "default" and "develop") into the
 * list with SQLite's JSON functions on db; path names it in messages.
 * Returns 0, or -1 with *err allocated.
 */
int	 pipfile_read_lock(sqlite3 *db, const char *path, const char *text,
	    size_t len, struct req_list *, char **err);

#endif
