/*
 * deps: the requirements between the distributions of one environment, as
 * pip check and pipdeptree see them. Markers are evaluated for the
 * environment; a requirement behind an extra ("moto; extra == 'all'") counts
 * only when an installed distribution asked for that extra ("moto[all]").
 */
#ifndef VENVDEX_DEPS_H
#define VENVDEX_DEPS_H

#include <stddef.h>

struct index;
struct marker_env;
struct deps_memo;

/* One installed distribution, as deps_compute() reads it; strings borrowed for the call. */
struct deps_pkg {
	const char	*name;
	const char	*norm;		/* PEP 503 name */
	const char	*version;
	const char	*requires;	/* Requires-Dist lines, one a line; may be NULL */
	int		 conda;		/* conda depends: names count, versions are conda's */
};

#define DEPS_STATES(X) \
	X(OK,		"ok",		"installed") \
	X(MISSING,	"missing",	"not installed") \
	X(CONFLICT,	"conflict",	"installed, not the version wanted") \
	X(NOT_NEEDED,	"not-needed",	"not needed here (marker false)") \
	X(EXTRA,	"extra",	"only with an extra nobody asked for") \
	X(INVALID,	"invalid",	"not a requirement venvdex can read")

enum deps_state {
#define X(id, name, text) DEPS_##id,
	DEPS_STATES(X)
#undef X
};

#define DEPS_NONE	((size_t)-1)

/* One requirement line of one distribution. */
struct deps_req {
	size_t		 from;		/* the requirer: an index into the input */
	size_t		 to;		/* the installed distribution named, or DEPS_NONE */
	const char	*line;		/* as written, leading blanks removed */
	const char	*norm;		/* the name required (NULL when DEPS_INVALID) */
	const char	*spec;		/* the specifier set, "" for any version */
	const char	*extras;	/* extras it asks of what it names ("a,b"), or NULL */
	const char	*extra;		/* the requirer's extra it hangs on (normalised), or NULL */
	enum deps_state	 state;
};

/*
 * The answer. Requirements come in input order, then line order: those of
 * distribution i are v[first[i]] .. v[first[i + 1] - 1]. asked[i] is the
 * normalised extras installed requirers ask of distribution i ("a,b"), or
 * NULL. Everything is owned by the struct deps (deps_each(): the strings
 * of a requirement by the call that passes it).
 */
struct deps {
	struct deps_req	*v;
	size_t		 n;
	size_t		*first;		/* npkgs + 1 entries */
	char		**asked;
	size_t		 npkgs;
	struct deps_memo	*memo;		/* private: the parsed lines, when its own */
};

/* Computes the requirements of pkgs[0..n-1] for env (its extra is ignored). */
struct deps *deps_compute(const struct deps_pkg *pkgs, size_t n,
	    const struct marker_env *env);
void	 deps_free(struct deps *);
/* 1 when the requirement applies here: ok, missing or conflict. */
int	 deps_applies(const struct deps_req *);
/* "ok", "missing", ... (stable: the JSON names), and a phrase for people. */
const char *deps_state_name(enum deps_state);
const char *deps_state_text(enum deps_state);
/*
 * 1 when pip check reports q: a requirement that applies whatever extras
 * were asked (pip check asks none) and is missing or in conflict.
 */
int	 deps_problem(const struct deps_req *);

/* The name q's line requires, as written there; allocated. */
char	*deps_req_name(const struct deps_req *);
/*
 * q as pip check prints a requirement: name, [extras], the specifiers
 * sorted and joined with commas, "; marker". Allocated.
 */
char	*deps_req_text(const struct deps_req *);

/* One environment's answer, for deps_each(); valid during the call only. */
struct deps_env {
	const char		*path, *name, *python;
	const struct deps_pkg	*pkgs;		/* by normalised name */
	size_t			 n;
	const struct deps	*deps;
	size_t			 problems;	/* how many deps_problem() */
};

/*
 * Computes the requirements of the indexed environment on disk at path,
 * or of every one (path NULL, by path), with markers evaluated for each
 * one's python and platform, and calls fn with each. 0, or -1 with *err
 * allocated.
 */
int	 deps_each(struct index *, const char *path,
	    void (*fn)(const struct deps_env *, void *), void *arg, char **err);

#endif
