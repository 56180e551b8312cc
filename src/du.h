/* du: disk usage of a folder tree, as du(1) counts it. */
#ifndef VENVDEX_DU_H
#define VENVDEX_DU_H

#include <stdint.h>

/*
 * Bytes in allocated blocks under path, not following symlinks, counting
 * each hard-linked inode once and staying on path's filesystem. Unreadable
 * folders are skipped, and so is the folder skip (a name directly under
 * path, or NULL). *files (if not NULL) gets the number of entries.
 */
int64_t	 du_tree(const char *path, const char *skip, int64_t *files);

#endif
