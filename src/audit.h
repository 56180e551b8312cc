/*
 * audit: which indexed environments hold a version of a package that an
 * imported OSV advisory names (osv.c imports them), matched as OSV defines
 * it for PyPI. Never prints.
 */
#ifndef VENVDEX_AUDIT_H
#define VENVDEX_AUDIT_H

#include <stddef.h>

struct index;
struct query_installeds;

/* Its strings belong to the struct audit it is in. */
struct audit_env {
	char	*path, *version;
};

/* One vulnerability of one package: advisories that alias each other, merged. */
struct audit_finding {
	char		 *id;		/* the advisory shown first */
	char		**aliases;	/* its other ids, sorted */
	size_t		  naliases;
	char		 *summary, *severity;	/* or NULL */
	char		 *package;	/* PEP 503 name */
	/*
	 * The lowest fixed version above the installed one; with several
	 * installed versions, the highest of those (NULL: no fix known).
	 */
	char		 *fixed;
	struct audit_env *envs;		/* by path */
	size_t		  nenvs;
};

/* Everything audit_run() allocates; audit_free() frees it and zeroes the struct. */
struct audit {
	struct audit_finding	*v;	/* by package, then id */
	size_t			 n;
	struct query_installeds	*rows;	/* what the envs' strings point into */
};

/*
 * Audits the environments at paths envs[0..nenvs) (nenvs 0: every one on
 * disk) against the advisories in the index. 0, or -1 with *err allocated.
 */
int	 audit_run(struct index *, char *const *envs, size_t nenvs,
	    struct audit *, char **err);
void	 audit_free(struct audit *);
/*
 * The findings as the JSON array venvdex(1) documents (no newline after),
 * handed to put in pieces of some kilobytes.
 */
void	 audit_json(const struct audit *,
	    void (*put)(const char *, size_t, void *), void *);

/*
 * Whether an "affected" entry (osv_affected's versions and ranges texts,
 * either NULL) holds version: 1 or 0. With fixed not NULL, *fixed gets the
 * lowest "fixed" event above version (allocated), or NULL.
 */
int	 audit_affects(const char *versions, const char *ranges,
	    const char *version, char **fixed);

#endif
