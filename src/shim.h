/*
 * shim: pyenv and asdf shims followed to the file they really run, the way
 * `pyenv exec` and `asdf exec` choose a version (PYENV_VERSION, PYENV_DIR,
 * .python-version, ASDF_*_VERSION, .tool-versions, the global version
 * files). Everything is read from files and variables; nothing is run.
 */
#ifndef VENVDEX_SHIM_H
#define VENVDEX_SHIM_H

enum shim_kind {
	SHIM_NONE,	/* not a shim */
	SHIM_PYENV,
	SHIM_ASDF
};

/* What the first shim of a chain chose. Strings allocated (shim_choice_free()). */
struct shim_choice {
	enum shim_kind	 kind;
	char		*version;	/* the version chosen ("system" too), or NULL */
	char		*origin;	/* the file or variable that chose it */
	char		*target;	/* the file the shim runs, or NULL */
};

/*
 * The caller's side: its folder, a PATH lookup for "system" versions (the
 * first executable name as the shell finds it, skipping the folder skip;
 * allocated, or NULL), and where problems go (text and its fix, one line
 * each; called in the order they are found).
 */
struct shim_ctx {
	const char	*cwd;
	char		*(*lookup)(void *arg, const char *name, const char *skip);
	void		 (*problem)(void *arg, const char *text, const char *fix);
	void		*arg;
};

/*
 * Follows shims from path: the file that is really exec'd (allocated; path
 * itself when it is no shim), or NULL. *binpath (freed and replaced) gets
 * the folder a shim puts first on PATH. first (may be NULL) gets what the
 * first shim chose; its kind stays SHIM_NONE when path is no shim.
 */
char	*shim_follow(const struct shim_ctx *, const char *path,
	    struct shim_choice *first, char **binpath);
void	 shim_choice_free(struct shim_choice *);

#endif
