/*
 * util: memory that never runs out.
 * The other helpers every module shares are str.h (growable strings,
 * comparisons, formats), path.h (lexical paths), utf8.h (text made valid
 * and terminal-safe) and fs.h (files and folders read safely); util.h
 * includes them for the files that use several.
 */
#ifndef VENVDEX_UTIL_H
#define VENVDEX_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>	/* for files that relied on it before the split */

#include "fs.h"
#include "msg.h"	/* warnx_, fatalx */
#include "path.h"
#include "str.h"
#include "utf8.h"

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that never returns NULL: it reports and exits on failure. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));
/* qsort() that takes an empty array as it is (NULL included: UB for qsort). */
void	 xqsort(void *, size_t, size_t, int (*)(const void *, const void *));

#endif
