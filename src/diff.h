/*
 * diff: compares two package sets (environments, an environment at an
 * earlier time, pip freeze files) or a package set with requirements, and
 * reads an environment's history. Results live in temporary tables of the
 * index connection (diff_pkgs, diff_out), from which both the JSON and the
 * rows for people are made. The commands are src/cli-diff.c and cli-log.c.
 */
#ifndef VENVDEX_DIFF_H
#define VENVDEX_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include "req.h"

struct index;

enum diff_kind {
	DIFF_ENV,	/* an indexed environment, as it is now */
	DIFF_AT,	/* an indexed environment as it was at a time */
	DIFF_FREEZE,	/* a file where every requirement is pinned */
	DIFF_REQS	/* requirements with ranges: verdicts, not versions */
};

/* One side of a comparison. Strings are allocated; free with diff_side_free(). */
struct diff_side {
	enum diff_kind	 kind;
	char		*label;		/* "a" / "b" in the JSON */
	char		*env;		/* DIFF_ENV, DIFF_AT: the environment's path */
	int64_t		 at;		/* DIFF_AT: seconds since the epoch */
	struct req_list	 reqs;		/* DIFF_FREEZE, DIFF_REQS */
};

struct diff_result {
	int	 verdicts;	/* 1: the counts below the line, 0: above */
	int	 only_a, only_b, changed, same;
	int	 satisfied, unsatisfied, missing, extra;
};

/*
 * A side: an indexed environment as it is now, or as it was at a time; a
 * requirements, pip freeze or Pipfile.lock file ("-": standard input). The
 * front end decides which a command-line word means (cli-diff.c). 0, or -1
 * with *err allocated.
 */
void	 diff_side_env(struct diff_side *, const char *env_path);
int	 diff_side_at(struct index *, struct diff_side *, const char *env_path,
	    int64_t at, char **err);
int	 diff_side_file(struct index *, struct diff_side *, const char *path,
	    char **err);
void	 diff_side_free(struct diff_side *);

/*
 * A time: YYYY-MM-DD or YYYYMMDD (midnight), YYYY-MM-DDTHH:MM[:SS] (local
 * time, or UTC with Z, or at an offset +HH:MM), [@]SECONDS since the epoch,
 * a time ago (30s, 30m, 2h, 3d, 1w), now, today or yesterday (midnight).
 * 0, or -1 when s is none of these.
 */
int	 diff_parse_date(const char *, int64_t *);

/*
 * Compares a with b, filling the temporary table diff_out and *res; notes
 * (markers that cannot be decided) are added to the sides' reqs.warn.
 * Returns 0, or -1 with *err allocated (two requirement files with ranges
 * cannot be compared).
 */
int	 diff_compare(struct index *, struct diff_side *a, struct diff_side *b,
	    struct diff_result *res, char **err);
/* The last comparison as the JSON of DESIGN.md; allocated, or NULL with *err. */
char	*diff_json(struct index *, const struct diff_side *a,
	    const struct diff_side *b, const struct diff_result *res, char **err);

/* One row of the last comparison; the strings are allocated, "" when none. */
struct diff_item {
	char	*name, *a, *b;
	char	*direction;	/* changed: "up" or "down" */
	char	*wanted;	/* verdicts: the specifier */
};
/*
 * The rows of one kind (only_a, changed, missing, ...) of the last
 * comparison, by name, into *v (free with diff_items_free()). 0, or -1.
 */
int	 diff_items(struct index *, const char *kind, struct diff_item **v,
	    size_t *n);
void	 diff_items_free(struct diff_item *, size_t);

/*
 * Finding the environment a word means, for the front ends: whether a file
 * name says requirements or a lock (requirements.txt, *.in, Pipfile.lock),
 * whether dir is an environment's root (in the index or on disk), the
 * environments of a project folder (.venv, venv, env in it and indexed ones
 * whose project it is; *v and its strings allocated). Re-indexing one
 * whose disk moved is scan_ensure() (scan.h).
 */
int	 diff_is_reqs_name(const char *path);
int	 diff_is_env_root(struct index *, const char *dir);
size_t	 diff_project_envs(struct index *, const char *dir, char ***v);

/* One change the scans saw; strings allocated, old or new NULL when none. */
struct diff_change {
	int64_t	 time;
	char	*name, *old, *new;
	char	*change;	/* added, removed, upgraded, downgraded, changed */
};
/*
 * The history of the environment at env_path, oldest first, into *v (free
 * with diff_log_free()); or as a JSON array, allocated. 0 (non-NULL), or -1
 * (NULL) with *err allocated.
 */
int	 diff_log(struct index *, const char *env_path, struct diff_change **v,
	    size_t *n, char **err);
void	 diff_log_free(struct diff_change *, size_t);
char	*diff_log_json(struct index *, const char *env_path, char **err);

#endif
