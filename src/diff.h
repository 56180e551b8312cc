/*
 * diff: compares two package sets (environments, an environment at an
 * earlier time, pip freeze files) or a package set with requirements; and
 * the `diff` and `log` commands. Results live in temporary tables of the
 * index connection (diff_pkgs, diff_out), from which both the JSON and the
 * tables for people are made.
 */
#ifndef VENVDEX_DIFF_H
#define VENVDEX_DIFF_H

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
 * Makes a side from a command-line word: an environment (a path to or in
 * one, or a name), a project folder (its single environment), ENV@DATE, a
 * requirements or pip freeze file, or a Pipfile.lock. Returns 0, or -1 after
 * a "venvdex: diff: ..." warning (several environments in a folder are
 * listed).
 */
int	 diff_side_open(struct index *, const char *arg, struct diff_side *);
/* The same pieces, for callers that know what they have. */
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
/* The last comparison as the JSON of DESIGN.md; allocated. */
char	*diff_json(struct index *, const struct diff_side *a,
	    const struct diff_side *b, const struct diff_result *res);

/* The commands: venvdex diff A B [--json], venvdex log ENV [--json]. */

#endif
