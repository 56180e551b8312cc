/*
 * seed: puts pip (and setuptools where that Python's ensurepip does) into an
 * environment the way `python -m ensurepip` would leave it, without running
 * pip: the wheel (the interpreter's ensurepip/_bundled, else the system's
 * python-wheels folder) is unpacked once into the cache
 * ($XDG_CACHE_HOME/venvdex/wheels) with libzip, then each file is reflinked,
 * hard-linked or copied into the environment's site-packages; the console
 * scripts, INSTALLER, REQUESTED and RECORD are written as pip writes them.
 */
#ifndef VENVDEX_SEED_H
#define VENVDEX_SEED_H

#include <stddef.h>
#include <stdint.h>

struct create_python;

/*
 * Seeds env (an environment of py, with bin/ and lib/pythonX.Y/site-packages)
 * with pip; scripts' shebangs name env/bin/exename. *pip gets the allocated
 * pip version, *mode how files were placed ("reflink", "hardlink", "copy").
 * *size (size may be NULL) gets how much seeding added to env's size as
 * du_tree() counts it, or -1 where that cannot be told without reading env
 * again (files copied, a folder that was there). Returns 0, or -1 with
 * *err set (allocated).
 */
int	 seed_pip(const char *env, const struct create_python *py,
	    const char *exename, char **pip, const char **mode, int64_t *size,
	    char **err);

/*
 * For an existing environment (pip --ensure-pip): finds its base
 * interpreter from pyvenv.cfg and seeds pip as create does, unless pip is
 * already there (then *pip is its version and nothing is written).
 */
int	 seed_ensure_pip(const char *env, char **pip, char **err);

/*
 * Unpacks the wheel at whl into the new folder dest, refusing (-1, *err
 * set) an entry that would land outside it: an absolute name, a ".."
 * component, a backslash, or a symbolic link. 0 on success.
 */
int	 seed_unpack(const char *whl, const char *dest, char **err);
/* Whether a zip entry name stays inside its folder (1) or not (0). */
int	 seed_safe_name(const char *name);
/*
 * The shebang pip (distlib) writes for python: "#!PYTHON\n", or when that
 * is longer than 127 bytes or holds a space, the /bin/sh form
 * "#!/bin/sh\n'''exec' PYTHON \"$0\" \"$@\"\n' '''\n". Allocated.
 */
char	*seed_shebang(const char *python);

#endif
