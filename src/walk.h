/*
 * walk: finds environments under root folders with a pool of threads.
 * It never follows a symlinked folder (but for a root that is one), prunes
 * folders that never hold environments, skips /proc, /sys and /dev,
 * survives unreadable folders and trees deeper than PATH_MAX, and reports
 * what it finds through a callback.
 */
#ifndef VENVDEX_WALK_H
#define VENVDEX_WALK_H

#include <stddef.h>
#include <stdint.h>

enum walk_verdict {
	WALK_DESCEND,	/* not an environment: walk its subfolders */
	WALK_SKIP,	/* an environment: do not descend */
	WALK_ENVS	/* an environment holding others: descend only into envs/ */
};

struct walk_root {
	char	*path;		/* absolute */
	int	 probe_only;	/* ask the callback about this folder alone, never walk it */
};

struct walk_cb {
	/*
	 * Called from any worker thread, concurrently, for each folder whose
	 * entry names hint at an environment (and for each probe_only root).
	 * path is valid only during the call.
	 */
	enum walk_verdict (*env)(const char *path, void *arg);
	/* Called likewise for each folder (not an environment) holding a pyproject.toml; may be NULL. */
	void	 (*project)(const char *path, void *arg);
	/* Called once, from a worker, when the walk is over; may be NULL. */
	void	 (*done)(void *arg);
	void	*arg;
};

struct walk_progress {
	uint64_t	 dirs;		/* folders read */
	uint64_t	 denied;	/* folders that could not be opened or read */
	char		 current[512];	/* a folder being read, for display */
	char		 denied_path[512];	/* the first that could not be read */
};

/*
 * What the walk remembers of a folder it read: while the folder's mtime
 * stays the same its entries are the same, and it need not be read again.
 */
struct walk_dir {
	char		*path;
	int64_t		 mtime;		/* nanoseconds; 0: never trust it */
	unsigned	 bits;		/* the probe hint of its entry names */
	char		*kids;		/* subfolder names, each NUL-terminated */
	size_t		 kidslen;
};

/* Folders from the last walk, sorted by path (strcmp); seen[i] is set for each one met again. */
struct walk_cache {
	struct walk_dir	*v;
	size_t		 n;
	unsigned char	*seen;
};

struct walk;

/*
 * Starts walking; roots and prune are copied. prune: absolute folders never
 * entered. cache (may be NULL) must outlive the walk; it is only read,
 * except for its seen flags. Returns NULL after an error message (msg.h)
 * when no thread can be started.
 */
struct walk *walk_start(const struct walk_root *roots, size_t nroots,
	    char *const *prune, size_t nprune, int one_fs, int nthreads,
	    const struct walk_cb *, struct walk_cache *cache);
/*
 * After the walk: the folders read afresh (not served from the cache);
 * the caller owns the array and its strings.
 */
struct walk_dir *walk_fresh(struct walk *, size_t *n);
void	 walk_dir_free(struct walk_dir *, size_t n);
/* Copies the progress so far; returns 1 while the walk runs, 0 once done. */
int	 walk_poll(struct walk *, struct walk_progress *);
/* Asks the workers to stop soon. */
void	 walk_cancel(struct walk *);
/* Joins the threads and frees the walk. */
void	 walk_free(struct walk *);

/* Opens a folder by path even when the path is longer than PATH_MAX. */
int	 walk_open_dir(const char *path);
/* Folder names that never hold environments (.git, node_modules ...). */
int	 walk_pruned_name(const char *name);

#endif
