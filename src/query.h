/*
 * query: what the command line and the browser ask of the index. The one
 * layer over the index's tables for reading: no SQL text lives in the
 * command front ends (src/cli-*.c) or in ui/. Writes are index.c's.
 *
 * Ownership: every function that fills a struct query_* allocates all of
 * its strings and arrays; the caller owns them and frees them with the
 * matching *_free(), which also zeroes the struct (freeing twice is
 * harmless). Strings are as the index holds them (bytes read from disk):
 * make them terminal-safe before they reach a screen. On failure a
 * function returns -1 and sets *err to an allocated message ("index:
 * ..."), and the struct is left empty.
 */
#ifndef VENVDEX_QUERY_H
#define VENVDEX_QUERY_H

#include <stddef.h>
#include <stdint.h>

struct index;

/* One environment, as the index knows it. */
struct query_env {
	char	*path, *name, *kind, *status;	/* never NULL */
	char	*creator, *manager, *python, *base, *prompt, *project;
	int64_t	 packages;
	int64_t	 size;		/* bytes; -1: unknown */
	int64_t	 used;		/* last use or activation; 0: unknown */
	int64_t	 first_seen, scanned;
	int	 stale;		/* STALE_* bits (stale.h) */
	int	 windows;	/* a Windows layout: not runnable here */
	int	 system_site;
};

struct query_envs {
	struct query_env	*v;
	size_t			 n;
};

/* Which environments query_envs() returns; zeroed: all of them. */
struct query_env_filter {
	const char	*kind;		/* only this kind, or NULL */
	int		 stale;		/* only the stale ones */
	const char	*rx;		/* only those whose name or path matches */
	int		 gone;		/* only those gone (deleted, or gone from disk) */
};

/* What `venvdex list` and the browser sum up under the environments. */
struct query_totals {
	size_t	 envs, stale;
	int64_t	 packages;
	int64_t	 size, stale_size;	/* bytes, of the sizes known */
};

/* One distribution in one environment. */
struct query_pkg {
	char	*norm, *name, *version;	/* never NULL */
	char	*summary, *installer, *location, *url, *format;
	char	*requires;	/* requirements, one per line */
	char	*meta;		/* query_pkg() only: the metadata header block */
	int	 editable, requested;
	int64_t	 size;		/* bytes; -1: unknown */
	char	*env_path, *env_name;	/* its environment */
};

struct query_pkgs {
	struct query_pkg	*v;
	size_t			 n;
};

/* One change in an environment's packages. */
struct query_change {
	int64_t	 time;
	char	*norm, *name;
	char	*old, *new;	/* old NULL: added; new NULL: removed */
};

struct query_changes {
	struct query_change	*v;
	size_t			 n;
};

/* One line of the last diff_compare() (see diff.h), other than "same". */
struct query_diff_row {
	char	*kind, *norm, *name;	/* never NULL */
	char	*a, *b, *direction, *wanted;
};

struct query_diff_rows {
	struct query_diff_row	*v;
	size_t			 n;
};

/* The environments the filter lets through, by path. 0, or -1. */
int	 query_envs(struct index *, const struct query_env_filter *,
	    struct query_envs *, char **err);
void	 query_envs_free(struct query_envs *);
/* The environment at path: 1, 0 when it is not indexed, or -1. */
int	 query_env(struct index *, const char *path, struct query_env *,
	    char **err);
void	 query_env_free(struct query_env *);
/* The totals of a list of environments (a stale one counts in both). */
void	 query_totals(const struct query_envs *, struct query_totals *);

/*
 * As JSON for scripts, in the shapes venvdex(1) documents: *json gets an
 * allocated array (of environments, or packages) or object. 0, or -1.
 */
int	 query_envs_json(struct index *, const struct query_env_filter *,
	    char **json, char **err);
/*
 * The site folders of the indexed environment at path, in order: *v gets
 * *n allocated strings (NULL, 0 for none), freed with query_strs_free().
 * 0, or -1.
 */
int	 query_env_sites(struct index *, const char *path, char ***v, size_t *n,
	    char **err);
void	 query_strs_free(char **, size_t);
/* Like query_env(); the object adds site, prompt and the scan times. */
int	 query_env_json(struct index *, const char *path, char **json, char **err);
int	 query_pkgs_json(struct index *, const char *env, const char *rx,
	    char **json, char **err);
int	 query_find_json(struct index *, const char *rx, char **json, char **err);

/*
 * The distributions in the environment at env whose name matches rx (NULL:
 * all), by normalised name; env_path and env_name are left NULL. 0, or -1.
 */
int	 query_pkgs(struct index *, const char *env, const char *rx,
	    struct query_pkgs *, char **err);
/*
 * Every distribution whose name matches rx (NULL: all) or, with norm, of
 * that normalised name, in every environment, by name and then environment
 * path. Fills norm, name, version, env_path and env_name only. 0, or -1.
 */
int	 query_find(struct index *, const char *rx, const char *norm,
	    struct query_pkgs *, char **err);
/* The distribution norm in the environment at env: 1, 0 when not there, or -1. */
int	 query_pkg(struct index *, const char *env, const char *norm,
	    struct query_pkg *, char **err);
void	 query_pkg_free(struct query_pkg *);
void	 query_pkgs_free(struct query_pkgs *);
/* In a list by normalised name (query_pkgs()), the one called norm, or NULL. */
const struct query_pkg *query_pkgs_get(const struct query_pkgs *, const char *norm);

/*
 * The changes recorded for the environment at env: newest first (the
 * browser), or with oldest oldest first, as `venvdex log` prints them.
 * 0, or -1.
 */
int	 query_history(struct index *, const char *env, int oldest,
	    struct query_changes *, char **err);
void	 query_changes_free(struct query_changes *);
/* What a change was: "added", "removed", "upgraded", "downgraded" or "changed". */
const char *query_change_word(const struct query_change *);
/* `venvdex log --json`: the changes oldest first, as a JSON array. 0, or -1. */
int	 query_history_json(struct index *, const char *env, char **json,
	    char **err);

/*
 * The lines of the last diff_compare() on this index that differ (or, for
 * a requirements file, every verdict but "same"): the removed and the
 * unsatisfied first, then the added and the missing, the changed, the
 * extra; each group by normalised name. 0, or -1.
 */
int	 query_diff_rows(struct index *, struct query_diff_rows *, char **err);
void	 query_diff_rows_free(struct query_diff_rows *);

/*
 * The base programs of the indexed, runnable interpreters whose version is
 * version or starts with "version.", newest first. The caller frees each
 * string and the array; NULL with *n 0 when there are none.
 */
char	**query_interpreters(struct index *, const char *version, size_t *n);

/* --- dupes ------------------------------------------------------------------ */

/*
 * One copy of a distribution that has others (same content digest) in
 * environments on disk. j* are the same strings as JSON strings (made
 * valid UTF-8 and quoted), for dupes --json.
 */
/*
 * Strings kept once, for lists of many rows that repeat a few names,
 * versions and paths: rows point into it, and equal strings are one pointer.
 */
struct query_strs {
	char	**v;		/* owned */
	size_t	  n;
};

/* One copy; its strings point into the list's strs. */
struct query_copy {
	char	*norm, *name, *version, *env_path;	/* never NULL */
	char	*jname, *jversion, *jpath;		/* NULL unless asked for */
	uint64_t digest;
	uint64_t inode;		/* 0: unknown */
	int64_t	 size;		/* bytes; -1: unknown */
};

struct query_copies {
	struct query_copy	*v;
	size_t			 n;
	struct query_strs	 strs;
};

/*
 * Every distribution whose content digest is shared with another, by
 * digest (in no order within one digest); the j* strings
 * only with json (else NULL). 0, or -1.
 */
int	 query_copies(struct index *, int json, struct query_copies *, char **err);
void	 query_copies_free(struct query_copies *);

/* --- rm, clean, freeze ------------------------------------------------------ */

/* s as a JSON string (valid UTF-8, escaped as by SQLite: u8_json()), or "null"; allocated. */
char	*query_json_str(struct index *, const char *s);

/* Calls fn for every environment on disk that names a base interpreter. 0, or -1. */
int	 query_env_bases(struct index *,
	    void (*fn)(const char *path, const char *base, void *), void *);

/* An environment clean may propose; strings valid only during the call. */
struct query_stale {
	const char	*path, *name, *kind, *manager, *python, *project;
	int		 bits;		/* STALE_* (stale.h), unused counted from the cutoff */
	int64_t		 used;		/* last use, 0: unknown */
	int64_t		 size;		/* -1: unknown */
};
/*
 * Calls fn for each environment on disk with a stale reason, unused meaning
 * no use since cutoff (seconds since the epoch), largest first. 0, or -1.
 */
int	 query_stale_envs(struct index *, int64_t cutoff,
	    void (*fn)(const struct query_stale *, void *), void *, char **err);

/* An environment's package, for freeze; strings valid only during the call. */
struct query_freeze_pkg {
	const char	*name, *version, *url;
	int		 editable;
};
/*
 * Calls fn for each package indexed for the environment at path (on disk or
 * gone), sorted by name case-insensitively; *python (if not NULL) gets its
 * allocated Python version, or NULL. Returns the number of packages, or -1
 * (path is not indexed, or the index failed: *err says which).
 */
int	 query_freeze(struct index *, const char *path, char **python,
	    void (*fn)(const struct query_freeze_pkg *, void *), void *,
	    char **err);

/*
 * Calls fn for each package indexed for the environment at path, in order
 * of normalised name (size -1: unknown). The strings are valid during the
 * call only. Returns 0, or -1 after a warning.
 */
int	 query_env_pkgs(struct index *, const char *path,
	    void (*fn)(const char *norm, const char *name, const char *version,
	    int64_t size, void *), void *arg);

/* --- OSV advisories (audit.c) ----------------------------------------------- */

struct index_osv_source;
/* Where the advisories were imported from: 1 (src filled), 0 none imported, -1. */
int	 query_osv_source(struct index *, struct index_osv_source *src,
	    char **err);
void	 query_osv_source_free(struct index_osv_source *);

/*
 * Reads made between query_read_begin() and query_read_end() see one state
 * of the index, in one read transaction (not one per statement: thousands
 * of lookups each paid for taking the lock). Begin returns 1 when it began
 * one (pass that to end), 0 when one was open already, or -1.
 */
int	 query_read_begin(struct index *, char **err);
void	 query_read_end(struct index *, int began);

/*
 * A package installed in an environment on disk that some advisory names.
 * Its strings point into strs, each distinct string once (so two rows'
 * names are equal exactly when their pointers are).
 */
struct query_installed {
	char	*norm, *version, *path;		/* never NULL */
	char	*hits;		/* query_osv_hits(): osv_verdict's hits */
};
struct query_installeds {
	struct query_installed	*v;
	size_t			 n;
	struct query_strs	 strs;
};
/*
 * Those in the environment at env (NULL: in every environment), appended
 * to *out (zeroed before the first call), in no order. 0, or -1.
 */
int	 query_osv_installed(struct index *, const char *env,
	    struct query_installeds *out, char **err);
void	 query_installeds_free(struct query_installeds *);

/*
 * audit's verdicts kept in the index (data/schema.sql's osv_verdict).
 * query_osv_verdicts_ok(): 1 when they are complete (every (name, version)
 * indexed that an advisory names has one), 0 when not, -1.
 * query_osv_unjudged(): those (name, version) without one, appended to
 * *out (paths NULL, in no order). query_osv_hits(): like
 * query_osv_installed(), only the rows some advisory hits, each with its
 * verdict's hits; with env NULL, by name, then version (strcmp's order).
 * 0, or -1.
 */
int	 query_osv_verdicts_ok(struct index *, char **err);
int	 query_osv_unjudged(struct index *, struct query_installeds *out,
	    char **err);
int	 query_osv_hits(struct index *, const char *env,
	    struct query_installeds *out, char **err);

/* One "affected" entry of an advisory (see data/schema.sql's osv_affected). */
struct query_osv_aff {
	int64_t	 vuln;
	char	*versions, *ranges;	/* NULL when none */
};
struct query_osv_affs {
	struct query_osv_aff	*v;
	size_t			 n;
};
/*
 * The entries of the advisories for each package norms[i] into out[i] (n
 * lists, by advisory; free each). 0, or -1.
 */
int	 query_osv_affected(struct index *, char *const *norms, size_t n,
	    struct query_osv_affs *out, char **err);
void	 query_osv_affs_free(struct query_osv_affs *);

/* One advisory's own fields. */
struct query_osv_vuln {
	char	*id;				/* never NULL */
	char	*aliases;			/* one per line, or NULL */
	char	*summary, *severity, *modified;	/* or NULL */
};
/* The advisories with row ids[i] into out[i] (n of them). 0, or -1 (also when one is missing). */
int	 query_osv_vulns(struct index *, const int64_t *ids, size_t n,
	    struct query_osv_vuln *out, char **err);
void	 query_osv_vuln_free(struct query_osv_vuln *);

/* One package's requirements, for deps_compute() (deps.h). */
struct query_deps_pkg {
	char	*name, *norm, *version;	/* never NULL */
	char	*requires;		/* one a line, or NULL */
	int	 conda;			/* a conda record */
};

/* One environment and its packages by normalised name. */
struct query_deps_env {
	char			*path, *name, *python;
	int			 windows;
	struct query_deps_pkg	*v;
	size_t			 n;
};

/*
 * Calls fn for the environment on disk at path, or for every one (path
 * NULL) in order of path, with its packages. Everything passed is valid
 * during the call only. 0 (also when path is not indexed: fn is not
 * called), or -1.
 */
int	 query_deps(struct index *, const char *path,
	    void (*fn)(const struct query_deps_env *, void *), void *arg,
	    char **err);

#endif
