/*
 * pip: what running an environment's own pip takes, for `venvdex pip` and
 * the browser's pip key: the interpreter that runs it, whether pip is
 * there, and the environment to run it with. The caller runs it (run.h).
 */
#ifndef VENVDEX_PIP_H
#define VENVDEX_PIP_H

struct env;

/* Why pip cannot run in an environment. */
enum pip_state {
	PIP_OK,
	PIP_WINDOWS,		/* Windows layout: Scripts\python.exe */
	PIP_NO_PYTHON,		/* its interpreter is missing */
	PIP_NO_PIP		/* no pip in its site folders (seed.h seeds it) */
};

/*
 * Checks e; *python gets the allocated path of the interpreter that runs
 * its pip (also when it is missing, for the message; NULL for Windows).
 */
enum pip_state pip_check(const struct env *e, char **python);
/*
 * The argv to run pip with args: python -m pip ARGS (NULL-terminated; the
 * array is allocated, its strings are borrowed from python and args).
 */
char	**pip_argv(char *python, char *const *args, int nargs);
/* venvdex's environment without PYTHONHOME (the array allocated, strings borrowed). */
char	**pip_envp(void);

#endif
