/*
 * osv: importing OSV advisories into the index (for audit): OSV's PyPI
 * export (a zip of one JSON record per advisory, as --fetch downloads it)
 * or a folder of OSV JSON records. Reads the files; the index's SQL (and
 * SQLite's JSON functions) does the rest. Never prints.
 */
#ifndef VENVDEX_OSV_H
#define VENVDEX_OSV_H

#include <stdint.h>

struct index;

/* Where --fetch keeps the export: $XDG_CACHE_HOME/venvdex/osv-PyPI.zip. Allocated. */
char	*osv_cache_path(void);

struct osv_stats {
	int64_t	 files;		/* JSON files read */
	int64_t	 imported;	/* PyPI records imported */
	int64_t	 bad;		/* files that could not be read (skipped) */
};

/*
 * Brings the index's advisories up to date with src (a zip or a folder):
 * all of them are replaced, in one transaction, unless src is what was
 * imported last (same path, size and mtime, or the same content). force:
 * import anyway. Returns 1 imported, 0 unchanged, -1 with *err allocated.
 * Unreadable records are skipped (counted in *st, which may be NULL).
 */
int	 osv_import(struct index *, const char *src, int force,
	    struct osv_stats *st, char **err);

#endif
