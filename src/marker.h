/* marker: PEP 508 environment markers, evaluated without running Python. */
#ifndef VENVDEX_MARKER_H
#define VENVDEX_MARKER_H

/*
 * What the markers are evaluated against. NULL values are unknown: a
 * comparison that needs one is undecided. Strings are borrowed.
 */
struct marker_env {
	const char	*python_version;	/* "3.11" */
	const char	*python_full_version;	/* "3.11.7" */
	const char	*sys_platform;		/* "linux" */
	const char	*platform_system;	/* "Linux" */
	const char	*platform_machine;
	const char	*platform_release;
	const char	*os_name;		/* "posix" */
	const char	*implementation_name;	/* "cpython" */
	const char	*platform_python_implementation;	/* "CPython" */
	const char	*extra;			/* "" for a top-level requirement */
};

/*
 * Fills env for an interpreter of version python (may be NULL) on this
 * machine, or on Windows when windows is set. The strings live in buf,
 * which must outlive env.
 */
struct marker_buf {
	char	 pyver[32], pyfull[64], machine[65], release[65];
};
void	 marker_env_init(struct marker_env *, struct marker_buf *,
	    const char *python, int windows);

/*
 * 1 true, 0 false, 2 when the answer depends on a value that env does not
 * know (*unknown, when not NULL, is then that variable's name, static), -1
 * when the marker is not valid PEP 508. Linear time.
 */
int	 marker_eval(const char *marker, const struct marker_env *,
	    const char **unknown);

#endif
