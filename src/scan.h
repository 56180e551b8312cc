/*
 * scan: finds environments (walk), probes them, reads their distributions
 * and sizes on the walk's threads, and writes the index on the calling
 * thread, one transaction per environment.
 */
#ifndef VENVDEX_SCAN_H
#define VENVDEX_SCAN_H

#include <stdint.h>

#include "index.h"
#include "roots.h"

/* How a scan ended. */
enum scan_end {
	SCAN_DONE,		/* walked to the end, every environment written */
	SCAN_CANCELLED,		/* cancelled() said so */
	SCAN_FAILED		/* the index cannot be written, or is damaged */
};

struct scan_stats {
	uint64_t	 dirs;		/* folders read */
	uint64_t	 denied;	/* folders that could not be read */
	char		 denied_path[512];	/* the first of them */
	enum scan_end	 end;
	unsigned	 envs;		/* environments found */
	/* Of envs, those written to the index: */
	unsigned	 added;		/* new to the index */
	unsigned	 changed;	/* packages re-read */
	unsigned	 unchanged;	/* fingerprint unchanged: not re-read */
	unsigned	 gone;		/* removed from the index */
	unsigned	 errors;	/* index writes that failed (the scan stops at the first) */
	uint64_t	 packages;	/* packages in the environments re-read and written */
	uint64_t	 changes;	/* history rows recorded */
	double		 seconds;
	char		 current[512];	/* a folder being walked */
	/* Of denied: site folders (and conda-meta) of environments found. */
	unsigned	 denied_envs;
	char		 denied_env[512];	/* the first such environment */
};

struct scan_opts {
	int	 one_fs;	/* -x: stay on each root's filesystem */
	int	 full;		/* re-read every environment, changed or not */
	int	 nthreads;	/* 0: one per core */
	/*
	 * Called on the scanning thread: on_env after each environment is
	 * written (env valid only during the call), on_progress about ten
	 * times a second. cancelled() returning 1 stops the scan early.
	 * Errors and warnings go to msg.h, never to the terminal.
	 */
	void	 (*on_env)(const struct env *, void *);
	void	 (*on_progress)(const struct scan_stats *, void *);
	int	 (*cancelled)(void *);
	void	*arg;
};

/*
 * Scans roots into the index. Returns 0 when every environment found was
 * written (st->end SCAN_DONE), else -1: cancelled, or failed after an error
 * message (msg.h): the index is read-only, a write failed (it is locked,
 * the disk is full), or it is damaged (see index_damage()). st always
 * counts only what was written.
 */
int	 scan_run(struct index *, const struct roots *, const struct scan_opts *,
	    struct scan_stats *);
/*
 * Probes, reads and indexes the one environment at path now. 0, or -1 if it
 * is none, or after an error message (msg.h) if it could not be written.
 */
int	 scan_one(struct index *, const char *path);
/*
 * The same, with the environment's size (as du_tree() counts it) given by
 * whoever just made it (create), unless size is -1: then it is read.
 */
int	 scan_one_sized(struct index *, const char *path, int64_t size);
/*
 * "Index this environment now", for the commands and the browser: indexes
 * the environment at path unless the index holds it already (with fresh:
 * holds it with the fingerprint the disk has now). Returns 0 when the index
 * holds it (read now or before), or -1: no environment there, the index is
 * read-only, or the write failed.
 */
int	 scan_ensure(struct index *, const char *path, int fresh);
/*
 * Resolves ENV as the command line takes it (index_resolve()), indexing an
 * environment found on disk but not indexed yet. Returns the allocated
 * environment path, or NULL with *err set (allocated) to why not.
 */
char	*scan_resolve(struct index *, const char *arg, char **err);

#endif
