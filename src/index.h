/*
 * index: the SQLite index of environments and their packages. One writer
 * (the thread that opened it); every call below runs on that thread.
 */
#ifndef VENVDEX_INDEX_H
#define VENVDEX_INDEX_H

#include <stdint.h>
#include <sqlite3.h>

#include "dist.h"
#include "probe.h"
#include "walk.h"

struct index;

/*
 * The index file: $VENVDEX_DB, else the XDG cache. Allocated; NULL when
 * there is no home folder (index_open(NULL) says so).
 */
char	*index_default_path(void);

/*
 * Hooks SQLite's error log, so that damage met by any query is known (see
 * index_damage()). Call before any other SQLite use; index_open() calls it
 * too, in case.
 */
void	 index_init(void);

/*
 * Opens or creates the index at path (creating its folder), in WAL mode with
 * a busy timeout, migrating the schema. An index that cannot be written (its
 * file or folder) is opened read-only if it can be read. On failure returns
 * NULL and sets *err to an allocated message: for a damaged index, how to
 * rebuild it; else what to check. An index is never replaced or emptied.
 */
struct index *index_open(const char *path, char **err);
void	 index_close(struct index *);
/*
 * The connection. index_db()'s has the temporary views (envx, envj, envxa,
 * envja), made on its first call; index_db_tables() is for a query of the
 * tables alone, which need not make them.
 */
sqlite3	*index_db(struct index *);
sqlite3	*index_db_tables(struct index *);
/* Why the index was opened read-only (it cannot be written), or NULL. */
const char *index_readonly(struct index *);
/*
 * Once a query met a damaged page or file (queries then stop early, or
 * fail), the allocated message that says so and how to rebuild the index;
 * else NULL, and NULL too when index_errmsg() said so already: the damage
 * is told once. index_damaged() only says whether.
 */
char	*index_damage(struct index *);
int	 index_damaged(struct index *);
/*
 * The last failure on the index's connection as one allocated line that
 * says what to do: damage (how to rebuild), another writer holding it (who,
 * when /proc says), a full file system (which, how much is free), else
 * SQLite's words after "index: what: ".
 */
char	*index_errmsg(struct index *, const char *what);
/*
 * Reports index_errmsg() through msg_error(), for engine code with no
 * caller to hand the message to; damage already told is not told again.
 */
void	 index_msg_error(struct index *, const char *what);

/* Days without use after which an environment is stale (VENVDEX_STALE_DAYS, 90). */
int	 index_stale_days(void);

/* Known fingerprints, for incremental scans: a read-only snapshot, safe to share across threads. */
struct index_fps;
struct index_fps *index_fingerprints(struct index *);
/* 1 when path is indexed, with its fingerprint and size (-1: unknown); else 0. */
int	 index_fps_get(const struct index_fps *, const char *path, int64_t *fp,
	    int64_t *size);
void	 index_fps_free(struct index_fps *);

/*
 * Writes one environment in one transaction. With dists (sorted or not), its
 * packages are replaced and every difference from what was indexed before is
 * recorded in the history; with dists NULL only the environment's own fields
 * are refreshed (its packages did not change). Returns 0, or -1 after an
 * error message (msg.h).
 * *changes (if not NULL) gets the number of history rows written.
 */
int	 index_put_env(struct index *, const struct env *, int64_t size,
	    struct dist_list *dists, int64_t now, int *changes);
/*
 * Marks an environment gone from disk (deleted, or found gone) at now: it
 * stays indexed with its packages and history, hidden from what is on disk
 * (the envx and envj views), until a scan finds it again. 0, or -1 when it
 * was not indexed or already gone (or,
 * after a message, on an error).
 */
int	 index_mark_gone(struct index *, const char *path, int64_t now);
/*
 * An indexed environment that cannot be read now keeps what the index knew
 * (packages, history) and is marked unreadable, to be read again by the
 * next scan. 1, 0 when path is not indexed, or -1 after a message.
 */
int	 index_keep_unreadable(struct index *, const char *path, int64_t now);
/* Every indexed environment path on disk; the caller frees each and the array. */
char	**index_env_paths(struct index *, size_t *n);
/* Number of environments indexed (on disk). */
int64_t	 index_env_count(struct index *);
/*
 * 1 when path is indexed, with its fingerprint (0: none) in *fp and its size
 * (-1: unknown) in *size (if not NULL); 0 when not; -1 on an error.
 */
int	 index_env_fingerprint(struct index *, const char *path, int64_t *fp,
	    int64_t *size);
/*
 * Gives each poetry, hatch and pdm environment that has no project (and
 * each venv without a manager: poetry's when its project is found) the one
 * project(arg, path, manager) returns (NULL: none found), and clears its
 * project-missing reason. The strings passed are valid during the call.
 */
void	 index_link_projects(struct index *, const char *(*project)(void *,
	    const char *path, const char *manager), void *arg);

/*
 * Resolves ENV as the command line takes it: a path to (or inside) an
 * indexed environment, or a unique name. Returns the allocated environment
 * path, or NULL with *err set (allocated) when there is no single answer.
 * *unindexed gets the environment root found on disk but not yet indexed.
 */
char	*index_resolve(struct index *, const char *arg, char **unindexed, char **err);

/* Loads the walk's folder cache (walk_dir_free(c->v, c->n) and free(c->seen) after). */
void	 index_walk_cache(struct index *, struct walk_cache *);
/*
 * Saves the folders the walk read afresh, and forgets those under the
 * walked roots that it did not meet, in one transaction. 0, or -1.
 */
int	 index_walk_save(struct index *, const struct walk_cache *,
	    const struct walk_dir *fresh, size_t nfresh, const struct walk_root *,
	    size_t nroots);

/* Records a `venvdex shell` activation. */
int	 index_touch_activated(struct index *, const char *path, int64_t now);

/*
 * OSV advisories (audit): the source they come from, as
 * query_osv_source() reads it back.
 */
struct index_osv_source {
	char	*path;
	int64_t	 size, mtime;	/* bytes; nanoseconds */
	char	*hash;
	int64_t	 imported;	/* when */
	char	*newest;	/* the latest "modified" of the records, or NULL */
	int64_t	 records;
};

/*
 * Replaces the advisories, in one transaction: index_osv_begin() empties
 * them; index_osv_add() adds one OSV record (its JSON text, borrowed for
 * the call): 1 added, 0 not one of a PyPI package (or withdrawn, or not
 * JSON), -1 on an error; index_osv_end() commits with src, or with src
 * NULL rolls everything back (and frees the import). NULL/-1 set *err.
 */
struct index_osv;
struct index_osv *index_osv_begin(struct index *, char **err);
int	 index_osv_add(struct index_osv *, const char *json, size_t len, char **err);
int	 index_osv_end(struct index_osv *, const struct index_osv_source *src,
	    char **err);
/* Records the source's new mtime (it changed, its content did not). 0, or -1. */
int	 index_osv_touch(struct index *, int64_t mtime);

/*
 * audit's verdicts per (name, version), kept (see data/schema.sql's
 * osv_verdict). index_verdicts_begin() takes the write lock if it is free
 * at once (NULL: read-only, busy or failed; nothing said);
 * index_verdicts_put() adds one (hits NULL: none); index_verdicts_end()
 * with commit set marks them complete and commits (0, or -1 rolled back),
 * else rolls back (0).
 */
struct index_verdicts;
struct index_verdicts *index_verdicts_begin(struct index *);
int	 index_verdicts_put(struct index_verdicts *, const char *norm,
	    const char *version, const char *hits);
int	 index_verdicts_end(struct index_verdicts *, int commit);

#endif
