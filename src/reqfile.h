/*
 * reqfile: requirements files read as pip reads them (comments,
 * continuations, ${VAR}, -r/-c includes, -e lines, URLs and paths, per-line
 * and global options). Nothing is fetched and nothing is run.
 */
#ifndef VENVDEX_REQFILE_H
#define VENVDEX_REQFILE_H

#include <stddef.h>

struct req_list;

/*
 * Reads the requirements file at path ("-": standard input) and the files it
 * includes into list. Lines that cannot be used are skipped with a warning
 * in list->warn. Returns 0, or -1 when path itself cannot be read (*err
 * allocated).
 */
int	 reqfile_read(const char *path, struct req_list *, char **err);
/* The same for text already in memory (len bytes); includes are relative to path's folder. */
int	 reqfile_read_text(const char *path, const char *text, size_t len,
	    struct req_list *);
/*
 * The text of a requirements or lock file: path, or standard input for "-"
 * (a pipe is read too), at most 16 MB, UTF-16 decoded by its byte order
 * mark, binary refused. Allocated (len bytes, NUL-terminated), or NULL
 * with *err allocated.
 */
char	*reqfile_load(const char *path, size_t *len, char **err);

#endif
