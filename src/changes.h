/*
 * changes: what an action did to an environment's packages. A snapshot of
 * the packages the index holds for it is taken before the action; after it
 * the environment is re-indexed (which records the differences in the
 * history `venvdex log` reads) and compared with the snapshot.
 */
#ifndef VENVDEX_CHANGES_H
#define VENVDEX_CHANGES_H

#include <stddef.h>
#include <stdint.h>

struct index;

/* The groups, in the order they are shown. */
enum change_kind {
	CHANGE_ADDED,
	CHANGE_UPGRADED,
	CHANGE_DOWNGRADED,
	CHANGE_REMOVED
};
#define CHANGE_NKINDS	4

struct change {
	enum change_kind kind;
	char		*name;		/* as its metadata spells it */
	char		*old;		/* NULL when added */
	char		*new;		/* NULL when removed */
	int64_t		 old_size;	/* bytes; -1 unknown or none */
	int64_t		 new_size;
};

/* Owns every string; changes_free() frees them. */
struct changes {
	char		*path;		/* the environment */
	struct change	*v;		/* grouped by kind, by name within a group */
	size_t		 n;
	unsigned	 count[CHANGE_NKINDS];
	int64_t		 size_delta;	/* bytes added minus bytes removed (known sizes) */
	size_t		 packages;	/* packages after */
};

struct changes_snap;

/* The packages indexed for the environment at path now; NULL after a warning. */
struct changes_snap *changes_snapshot(struct index *, const char *path);
/*
 * Re-indexes the snapshot's environment and fills c with what changed
 * since the snapshot. Returns 0, or -1 with *err set (allocated) when the
 * environment could not be read again; c is then empty.
 */
int	 changes_reindex(struct index *, const struct changes_snap *,
	    struct changes *c, char **err);
void	 changes_snap_free(struct changes_snap *);
void	 changes_free(struct changes *);

/* "added", "upgraded", "downgraded", "removed". */
const char *change_kind_name(enum change_kind);
/* The size a change made: "+1.2K", "-300B", "0B"; "-" when unknown. */
void	 changes_size(const struct change *, char *buf, size_t sz);
/*
 * The totals line: "3 changed: 1 added, 1 upgraded, 0 downgraded, 1
 * removed; +1.2M; 17 installed", or "no packages changed (17 installed)".
 */
void	 changes_summary(const struct changes *, char *buf, size_t sz);
/*
 * The change list as one JSON object (see venvdex(1)), allocated; with
 * exit_status >= 0 it holds "exit_status" too.
 */
char	*changes_json(const struct changes *, int exit_status);

#endif
