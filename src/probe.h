/* probe: is this folder an environment, and which. Reads files; runs nothing. */
#ifndef VENVDEX_PROBE_H
#define VENVDEX_PROBE_H

#include <stdint.h>
#include <sys/types.h>

#include "stale.h"

enum env_kind {
	KIND_VENV,		/* PEP 405: has pyvenv.cfg */
	KIND_LEGACY,		/* virtualenv < 20: no pyvenv.cfg */
	KIND_CONDA,
	KIND_INTERPRETER	/* a base installation */
};


/*
 * What probe_env() learns about one environment. Strings are allocated and
 * owned by the struct until env_free(); NULL means unknown.
 */
struct env {
	char		*path;		/* absolute, as walked (symlinks not resolved) */
	char		*name;		/* short name for people: project, version, folder */
	enum env_kind	 kind;
	const char	*creator;	/* static string or NULL */
	const char	*manager;	/* static string or NULL */
	char		*python;	/* fullest version known */
	char		*base;		/* the base interpreter */
	char		*project;
	char		*prompt;
	int		 broken;	/* interpreter gone or layout unreadable */
	int		 unreadable;	/* a folder or file of its layout could not be read */
	int		 windows;	/* Windows layout: indexed, not runnable here */
	int		 system_site;	/* include-system-site-packages */
	int		 stale;		/* STALE_* bits known from disk (stale.h) */
	int64_t		 last_used;	/* seconds since the epoch */
	int64_t		 fingerprint;	/* changes when the packages may have changed */
	char		**site;		/* folders holding its distributions */
	size_t		 nsite;
	dev_t		 dev;
};

/* The kind as the JSON contract spells it. */
const char *env_kind_name(enum env_kind);

/*
 * Probes path. Returns 1 and fills env when it is an environment, 0 when not.
 * The path must be absolute. Cheap when the answer is no.
 */
int	 probe_env(const char *path, struct env *);

/*
 * The walker's quick test from a folder's entry names: returns 1 when the
 * folder might be an environment and deserves probe_env(). Call
 * probe_hint_add() for each entry name, then probe_hint_done().
 */
struct probe_hint {
	unsigned	 bits;
};
void	 probe_hint_add(struct probe_hint *, const char *name, int isdir);
int	 probe_hint_done(const struct probe_hint *);
/* Whether the folder holds a pyproject.toml: a project poetry or hatch may keep an environment for. */
int	 probe_hint_project(const struct probe_hint *);

/* For a path inside an environment: the environment's root, or NULL. Allocated. */
char	*probe_find_root(const char *path);

void	 env_free(struct env *);

/* The length of version v's "X.Y" part (all of v when shorter; no fixed offset into it). */
int	 probe_xy_len(const char *v);
/* PY_VERSION ("3.12.1") from include/PYDIR/patchlevel.h below the prefix fd. */
char	*probe_patchlevel(int fd, const char *pydir);

#endif
