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

struct scan_stats {
	uint64_t	 dirs;		/* folders read */
	uint64_t	 denied;	/* folders that could not be read */
	char		 denied_path[512];	/* the first of them */
	unsigned	 envs;		/* environments found */
	unsigned	 added;		/* new to the index */
	unsigned	 changed;	/* packages re-read */
	unsigned	 unchanged;	/* fingerprint unchanged: not re-read */
	unsigned	 gone;		/* removed from the index */
	unsigned	 errors;	/* index writes that failed */
	uint64_t	 packages;	/* packages in the environments re-read */
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
	 */
	void	 (*on_env)(const struct env *, void *);
	void	 (*on_progress)(const struct scan_stats *, void *);
	int	 (*cancelled)(void *);
	void	*arg;
};

/*
 * Scans roots into the index. Returns 0, or -1 when cancelled (or stopped
 * early because the index is damaged: see index_damage()).
 */
int	 scan_run(struct index *, const struct roots *, const struct scan_opts *,
	    struct scan_stats *);
/* Probes, reads and indexes the one environment at path now. 0, or -1 if it is none. */
int	 scan_one(struct index *, const char *path);

#endif
