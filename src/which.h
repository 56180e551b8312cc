/*
 * which: what the shell really runs for a command, through PATH, symlinks,
 * pyenv and asdf shims and shebangs, and into which environment it installs.
 * Everything is read from files, links and variables; nothing found on disk
 * is ever run.
 */
#ifndef VENVDEX_WHICH_H
#define VENVDEX_WHICH_H

#include <stddef.h>

struct index;

enum which_via {
	WHICH_FILE,
	WHICH_SYMLINK,
	WHICH_PYENV_SHIM,
	WHICH_ASDF_SHIM
};

/* One executable file named like the command on PATH. NULL: none or unknown. */
struct which_match {
	char		*path;		/* as found on PATH (absolute) */
	enum which_via	 via;
	char		*shim_version;	/* shims: the version chosen ("system" too) */
	char		*shim_origin;	/* shims: the file or variable that chose it */
	char		*target;	/* shims: the file the shim runs */
	char		*resolved;	/* the file that really runs, links followed */
	char		*interpreter;	/* the Python that runs it (exec'd path) */
	int		 interp_missing; /* interpreter named by the script is gone */
	char		*env;		/* the environment of interpreter */
	char		*env_name;
	char		*env_label;	/* its manager, else its kind */
	char		*site;		/* where `pip install` puts files */
	int		 user_site;	/* site is the user site (PIP_USER, or
					   the environment's is not writable) */
	int		 externally_managed; /* PEP 668: pip refuses to install */
	char		**loop;		/* never starts: the files exec'd round a
					   loop (the first again last), or the #!
					   chain too deep for Linux; else NULL */
	size_t		 nloop;
	char		*version;	/* the environment's Python */
	int		 wins;		/* the first match: what the shell runs */
};

enum which_level {
	WHICH_WARN,
	WHICH_ERROR
};

struct which_problem {
	enum which_level level;
	int		 general;	/* about PATH or the variables, not the command */
	char		*text;		/* what is wrong, in plain words */
	char		*fix;		/* the fix, in one line */
};

struct which_result {
	char			*command;
	struct which_match	*matches;	/* PATH order; matches[0] wins */
	size_t			 nmatches;
	struct which_problem	*problems;	/* general ones included */
	size_t			 nproblems;
};

/*
 * Explains command as the shell would run it with PATH path_env (NULL:
 * none) in the folder cwd. Other variables (HOME, PYENV_ROOT, PYENV_VERSION,
 * PYENV_DIR, ASDF_DATA_DIR, ASDF_PYTHON_VERSION, VIRTUAL_ENV, CONDA_PREFIX)
 * come from the process environment. Environments not yet in ix are probed
 * and indexed on the spot (ix NULL: probed only). The caller owns the
 * result and frees it with which_free().
 */
struct which_result *which_run(struct index *ix, const char *command,
	    const char *path_env, const char *cwd);
void	 which_free(struct which_result *);
/*
 * The results rs[0..n-1] as the JSON array of DESIGN.md, built with
 * SQLite's JSON functions on ix's connection; allocated.
 */
char	*which_json(struct index *ix, struct which_result *const *rs, size_t n);
/* The via field as the JSON contract spells it. */
const char *which_via_name(enum which_via);

#endif
