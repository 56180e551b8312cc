/* pip: the interpreter, the check and the environment for running an env's pip. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "path.h"
#include "pip.h"
#include "probe.h"
#include "util.h"

extern char **environ;

/* The interpreter that runs the environment's pip, allocated. */
static char *
pip_python(const struct env *e)
{
	static const char *const names[] = { "bin/python", "bin/python3" };
	struct stat	 st;
	char		*p;
	size_t		 i;

	if (e->kind == KIND_INTERPRETER && e->base != NULL)
		return xstrdup(e->base);
	for (i = 0; i < nitems(names); i++) {
		p = path_join(e->path, names[i]);
		if (lstat(p, &st) == 0)
			return p;
		free(p);
	}
	return path_join(e->path, names[0]);
}

/* Whether one of the environment's site folders holds pip. */
static int
pip_present(const struct env *e)
{
	struct stat	 st;
	char		*p;
	size_t		 i;
	int		 yes = 0;

	for (i = 0; !yes && i < e->nsite; i++) {
		p = path_join(e->site[i], "pip/__init__.py");
		yes = stat(p, &st) == 0;
		free(p);
	}
	return yes;
}

enum pip_state
pip_check(const struct env *e, char **python)
{
	struct stat	st;

	*python = NULL;
	if (e->windows)
		return PIP_WINDOWS;
	*python = pip_python(e);
	if (stat(*python, &st) == -1 || !S_ISREG(st.st_mode) ||
	    access(*python, X_OK) == -1)
		return PIP_NO_PYTHON;
	return pip_present(e) ? PIP_OK : PIP_NO_PIP;
}

char **
pip_argv(char *python, char *const *args, int nargs)
{
	char	**argv = xcalloc((size_t)nargs + 4, sizeof *argv);
	int	  i;

	argv[0] = python;
	argv[1] = (char *)"-m";
	argv[2] = (char *)"pip";
	for (i = 0; i < nargs; i++)
		argv[3 + i] = args[i];
	return argv;
}

char **
pip_envp(void)
{
	char	**v, **ep;
	size_t	  n = 0;

	for (ep = environ; *ep != NULL; ep++)
		n++;
	v = xcalloc(n + 1, sizeof *v);
	for (n = 0, ep = environ; *ep != NULL; ep++)
		if (strncmp(*ep, "PYTHONHOME=", 11) != 0)
			v[n++] = *ep;
	return v;
}
