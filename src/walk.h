/*
 * walk: finds environments under root folders with a pool of threads.
 * It never follows a symlinked folder, prunes folders that never hold
 * environments, skips /proc, /sys and /dev, survives unreadable folders and
 * trees deeper than PATH_MAX, and reports what it finds through a callback.
 */
#ifndef VENVDEX_WALK_H
#define VENVDEX_WALK_H

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
	void	*arg;
};

struct walk_progress {
	uint64_t	 dirs;		/* folders read */
	uint64_t	 denied;	/* folders that could not be opened or read */
	char		 current[512];	/* a folder being read, for display */
};

struct walk;

/* Starts walking; roots and prune are copied. prune: absolute folders never entered. */
struct walk *walk_start(const struct walk_root *roots, size_t nroots,
	    char *const *prune, size_t nprune, int one_fs, int nthreads,
	    const struct walk_cb *);
/* Copies the progress so far; returns 1 while the walk runs, 0 once done. */
int	 walk_poll(struct walk *, struct walk_progress *);
/* Waits until the walk is done (or wakes every timeout_ms); returns walk_poll(). */
int	 walk_wait(struct walk *, int timeout_ms, struct walk_progress *);
/* Asks the workers to stop soon. */
void	 walk_cancel(struct walk *);
/* Joins the threads and frees the walk. */
void	 walk_free(struct walk *);

/* Opens a folder by path even when the path is longer than PATH_MAX. */
int	 walk_open_dir(const char *path);
/* Folder names that never hold environments (.git, node_modules ...). */
int	 walk_pruned_name(const char *name);

#endif
