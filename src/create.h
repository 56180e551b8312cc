/*
 * create: makes a virtual environment natively, writing what the
 * interpreter's own `python -m venv` writes (pyvenv.cfg, bin/ links, the
 * activation scripts from its stdlib's templates, lib/pythonX.Y/site-packages,
 * lib64), then seeds pip (seed.h). Facts about the interpreter come from its
 * files and the index; the interpreter is never started for them.
 */
#ifndef VENVDEX_CREATE_H
#define VENVDEX_CREATE_H

#include <stddef.h>
#include <stdint.h>

struct index;

/* A base interpreter, as create_find_python() learns it. Strings allocated. */
struct create_python {
	char	*path;		/* as named (shims followed): bin/EXENAME links here */
	char	*real;		/* its real path: pyvenv.cfg's executable */
	char	*prefix;	/* the installation's sys.prefix */
	char	*libdir;	/* PREFIX/lib/pythonX.Y (t for free-threaded) */
	char	*version;	/* X.Y.Z when known, else X.Y */
	char	 pydir[32];	/* pythonX.Y or pythonX.Yt */
	int	 major, minor;
	int	 freethreaded;
};

/*
 * Finds the interpreter spec names: a path (to the program or its
 * installation's folder), a version such as "3.12" (among indexed
 * interpreters, newest patch first; else pythonX.Y on PATH), a pyenv version
 * name, or a command on PATH; NULL means python3 on PATH. pyenv and asdf shims
 * are followed to the program they run. ix may be NULL. Returns 0, or -1
 * with *err set (allocated) when it is missing, not a CPython installation
 * this can read, too old for venv, or of Windows layout.
 */
int	 create_find_python(struct index *ix, const char *spec,
	    struct create_python *, char **err);
/* Fills py from the program at path (no shims, no PATH); 0, or -1 with *err. */
int	 create_python_at(const char *path, struct create_python *, char **err);
void	 create_python_free(struct create_python *);

struct create_opts {
	const char	*python;	/* PY (NULL: python3 on PATH) */
	const char	*prompt;	/* --prompt ("." : the current folder's name) */
	int		 without_pip;
	int		 system_site;
	int		 copies;	/* copy the interpreter instead of linking */
	int		 clear;		/* empty DIR first, if it is an environment */
};

/* What create_env() made; strings allocated, freed by create_result_free(). */
struct create_result {
	char			*path;		/* the environment, absolute */
	struct create_python	 py;
	int			 copied;	/* bin/python* are copies */
	int			 builtin_scripts; /* activation scripts: the built-in ones */
	char			*pip;		/* the pip version seeded, or NULL */
	const char		*seed_mode;	/* "reflink", "hardlink" or "copy" */
	int64_t			 size;		/* du_tree(path), when told; else -1 */
};

/*
 * Makes the environment dir. Refuses, with *err set (allocated): a path with
 * ':' or control characters or not UTF-8, a dir that exists and is not
 * empty (unless clear and it probes as an environment now), and whatever
 * create_find_python() refuses. What it made is removed when it fails.
 * Returns 0, or -1.
 */
int	 create_env(struct index *ix, const char *dir, const struct create_opts *,
	    struct create_result *, char **err);
void	 create_result_free(struct create_result *);

/*
 * File helpers shared with seed.c (mkdir -p is fs_mkdirs(), fs.h).
 * create_write: a new file (O_EXCL, no symlink followed) holding len bytes.
 * create_copy: copies src to a new dst with mode, keeping src's mtime; a
 * reflink (FICLONE) where the file system can, else copy_file_range.
 * create_copy_at: the same, src relative to folder sfd and dst to dfd.
 * create_rmtree: removes path and everything under it, never following a
 * symlink or crossing into another file system (0, or -1 with errno).
 */
int	 create_write(const char *path, const void *, size_t len, int mode);
int	 create_copy(const char *src, const char *dst, int mode, int *reflinked);
int	 create_copy_at(int sfd, const char *src, int dfd, const char *dst,
	    int mode, int *reflinked);
int	 create_rmtree(const char *path, int keep_top);

#endif
