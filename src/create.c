/* create: a virtual environment made natively, as the interpreter's own venv makes it. */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/fs.h>
#endif

#include "create.h"
#include "du.h"
#include "probe.h"
#include "pyvenv.h"
#include "query.h"
#include "seed.h"
#include "util.h"
#include "which.h"

#define SCRIPTS_MAX	(1024 * 1024)	/* an activation template larger is not one */

/*
 * Built-in activation scripts, for an interpreter whose stdlib has no venv
 * templates: CPython 3.12's, under its licence (PSF), placeholders as there.
 */
static const struct builtin_script {
	const char	*name;
	const char	*text;
} builtin_scripts[] = {
	{ "activate",
    "# This file must be used with \"source bin/activate\" *from bash*\n"
    "# You cannot run it directly\n"
    "\n"
    "deactivate () {\n"
    "    # reset old environment variables\n"
    "    if [ -n \"${_OLD_VIRTUAL_PATH:-}\" ] ; then\n"
    "        PATH=\"${_OLD_VIRTUAL_PATH:-}\"\n"
    "        export PATH\n"
    "        unset _OLD_VIRTUAL_PATH\n"
    "    fi\n"
    "    if [ -n \"${_OLD_VIRTUAL_PYTHONHOME:-}\" ] ; then\n"
    "        PYTHONHOME=\"${_OLD_VIRTUAL_PYTHONHOME:-}\"\n"
    "        export PYTHONHOME\n"
    "        unset _OLD_VIRTUAL_PYTHONHOME\n"
    "    fi\n"
    "\n"
    "    # Call hash to forget past commands. Without forgetting\n"
    "    # past commands the $PATH changes we made may not be respected\n"
    "    hash -r 2> /dev/null\n"
    "\n"
    "    if [ -n \"${_OLD_VIRTUAL_PS1:-}\" ] ; then\n"
    "        PS1=\"${_OLD_VIRTUAL_PS1:-}\"\n"
    "        export PS1\n"
    "        unset _OLD_VIRTUAL_PS1\n"
    "    fi\n"
    "\n"
    "    unset VIRTUAL_ENV\n"
    "    unset VIRTUAL_ENV_PROMPT\n"
    "    if [ ! \"${1:-}\" = \"nondestructive\" ] ; then\n"
    "    # Self destruct!\n"
    "        unset -f deactivate\n"
    "    fi\n"
    "}\n"
    "\n"
    "# unset irrelevant variables\n"
    "deactivate nondestructive\n"
    "\n"
    "# on Windows, a path can contain colons and backslashes and has to be converted:\n"
    "if [ \"$OSTYPE\" = \"cygwin\" ] || [ \"$OSTYPE\" = \"msys\" ] ; then\n"
    "    # transform D:\\path\\to\\venv to /d/path/to/venv on MSYS\n"
    "    # and to /cygdrive/d/path/to/venv on Cygwin\n"
    "    export VIRTUAL_ENV=$(cygpath \"__VENV_DIR__\")\n"
    "else\n"
    "    # use the path as-is\n"
    "    export VIRTUAL_ENV=\"__VENV_DIR__\"\n"
    "fi\n"
    "\n"
    "_OLD_VIRTUAL_PATH=\"$PATH\"\n"
    "PATH=\"$VIRTUAL_ENV/__VENV_BIN_NAME__:$PATH\"\n"
    "export PATH\n"
    "\n"
    "# unset PYTHONHOME if set\n"
    "# this will fail if PYTHONHOME is set to the empty string (which is bad anyway)\n"
    "# could use `if (set -u; : $PYTHONHOME) ;` in bash\n"
    "if [ -n \"${PYTHONHOME:-}\" ] ; then\n"
    "    _OLD_VIRTUAL_PYTHONHOME=\"${PYTHONHOME:-}\"\n"
    "    unset PYTHONHOME\n"
    "fi\n"
    "\n"
    "if [ -z \"${VIRTUAL_ENV_DISABLE_PROMPT:-}\" ] ; then\n"
    "    _OLD_VIRTUAL_PS1=\"${PS1:-}\"\n"
    "    PS1=\"__VENV_PROMPT__${PS1:-}\"\n"
    "    export PS1\n"
    "    VIRTUAL_ENV_PROMPT=\"__VENV_PROMPT__\"\n"
    "    export VIRTUAL_ENV_PROMPT\n"
    "fi\n"
    "\n"
    "# Call hash to forget past commands. Without forgetting\n"
    "# past commands the $PATH changes we made may not be respected\n"
    "hash -r 2> /dev/null\n" },
	{ "activate.fish",
    "# This file must be used with \"source <venv>/bin/activate.fish\" *from fish*\n"
    "# (https://fishshell.com/). You cannot run it directly.\n"
    "\n"
    "function deactivate  -d \"Exit virtual environment and return to normal shell environment\"\n"
    "    # reset old environment variables\n"
    "    if test -n \"$_OLD_VIRTUAL_PATH\"\n"
    "        set -gx PATH $_OLD_VIRTUAL_PATH\n"
    "        set -e _OLD_VIRTUAL_PATH\n"
    "    end\n"
    "    if test -n \"$_OLD_VIRTUAL_PYTHONHOME\"\n"
    "        set -gx PYTHONHOME $_OLD_VIRTUAL_PYTHONHOME\n"
    "        set -e _OLD_VIRTUAL_PYTHONHOME\n"
    "    end\n"
    "\n"
    "    if test -n \"$_OLD_FISH_PROMPT_OVERRIDE\"\n"
    "        set -e _OLD_FISH_PROMPT_OVERRIDE\n"
    "        # prevents error when using nested fish instances (Issue #93858)\n"
    "        if functions -q _old_fish_prompt\n"
    "            functions -e fish_prompt\n"
    "            functions -c _old_fish_prompt fish_prompt\n"
    "            functions -e _old_fish_prompt\n"
    "        end\n"
    "    end\n"
    "\n"
    "    set -e VIRTUAL_ENV\n"
    "    set -e VIRTUAL_ENV_PROMPT\n"
    "    if test \"$argv[1]\" != \"nondestructive\"\n"
    "        # Self-destruct!\n"
    "        functions -e deactivate\n"
    "    end\n"
    "end\n"
    "\n"
    "# Unset irrelevant variables.\n"
    "deactivate nondestructive\n"
    "\n"
    "set -gx VIRTUAL_ENV \"__VENV_DIR__\"\n"
    "\n"
    "set -gx _OLD_VIRTUAL_PATH $PATH\n"
    "set -gx PATH \"$VIRTUAL_ENV/__VENV_BIN_NAME__\" $PATH\n"
    "\n"
    "# Unset PYTHONHOME if set.\n"
    "if set -q PYTHONHOME\n"
    "    set -gx _OLD_VIRTUAL_PYTHONHOME $PYTHONHOME\n"
    "    set -e PYTHONHOME\n"
    "end\n"
    "\n"
    "if test -z \"$VIRTUAL_ENV_DISABLE_PROMPT\"\n"
    "    # fish uses a function instead of an env var to generate the prompt.\n"
    "\n"
    "    # Save the current fish_prompt function as the function _old_fish_prompt.\n"
    "    functions -c fish_prompt _old_fish_prompt\n"
    "\n"
    "    # With the original prompt function renamed, we can override with our own.\n"
    "    function fish_prompt\n"
    "        # Save the return status of the last command.\n"
    "        set -l old_status $status\n"
    "\n"
    "        # Output the venv prompt; color taken from the blue of the Python logo.\n"
    "        printf \"%s%s%s\" (set_color 4B8BBE) \"__VENV_PROMPT__\" (set_color normal)\n"
    "\n"
    "        # Restore the return status of the previous command.\n"
    "        echo \"exit $old_status\" | .\n"
    "        # Output the original/\"old\" prompt.\n"
    "        _old_fish_prompt\n"
    "    end\n"
    "\n"
    "    set -gx _OLD_FISH_PROMPT_OVERRIDE \"$VIRTUAL_ENV\"\n"
    "    set -gx VIRTUAL_ENV_PROMPT \"__VENV_PROMPT__\"\n"
    "end\n" },
	{ "activate.csh",
    "# This file must be used with \"source bin/activate.csh\" *from csh*.\n"
    "# You cannot run it directly.\n"
    "\n"
    "# Created by Davide Di Blasi <davidedb@gmail.com>.\n"
    "# Ported to Python 3.3 venv by Andrew Svetlov <andrew.svetlov@gmail.com>\n"
    "\n"
    "alias deactivate 'test $?_OLD_VIRTUAL_PATH != 0 && setenv PATH \"$_OLD_VIRTUAL_PATH\" && unset _OLD_VIRTUAL_PATH; rehash; test $?_OLD_VIRTUAL_PROMPT != 0 && set prompt=\"$_OLD_VIRTUAL_PROMPT\" && unset _OLD_VIRTUAL_PROMPT; unsetenv VIRTUAL_ENV; unsetenv VIRTUAL_ENV_PROMPT; test \"\\!:*\" != \"nondestructive\" && unalias deactivate'\n"
    "\n"
    "# Unset irrelevant variables.\n"
    "deactivate nondestructive\n"
    "\n"
    "setenv VIRTUAL_ENV \"__VENV_DIR__\"\n"
    "\n"
    "set _OLD_VIRTUAL_PATH=\"$PATH\"\n"
    "setenv PATH \"$VIRTUAL_ENV/__VENV_BIN_NAME__:$PATH\"\n"
    "\n"
    "\n"
    "set _OLD_VIRTUAL_PROMPT=\"$prompt\"\n"
    "\n"
    "if (! \"$?VIRTUAL_ENV_DISABLE_PROMPT\") then\n"
    "    set prompt = \"__VENV_PROMPT__$prompt\"\n"
    "    setenv VIRTUAL_ENV_PROMPT \"__VENV_PROMPT__\"\n"
    "endif\n"
    "\n"
    "alias pydoc python -m pydoc\n"
    "\n"
    "rehash\n" },
};
#define nbuiltin_scripts nitems(builtin_scripts)

/* --- files ------------------------------------------------------------- */

int
create_write(const char *path, const void *data, size_t len, int mode)
{
	const char	*p = data;
	ssize_t		 n;
	int		 fd, saved;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    (mode_t)mode)) == -1)
		return -1;
	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return close(fd);
}

int
create_copy(const char *src, const char *dst, int mode, int *reflinked)
{
	return create_copy_at(AT_FDCWD, src, AT_FDCWD, dst, mode, reflinked);
}

int
create_copy_at(int sfd, const char *src, int dfd, const char *dst, int mode,
    int *reflinked)
{
	struct stat	 st;
	struct timespec	 ts[2];
	char		 buf[65536];
	ssize_t		 n, w;
	int		 in, out, saved, ok = 0;

	if ((in = openat(sfd, src, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(in, &st) == -1 || (out = openat(dfd, dst, O_WRONLY | O_CREAT |
	    O_EXCL | O_NOFOLLOW | O_CLOEXEC, (mode_t)mode)) == -1) {
		saved = errno;
		close(in);
		errno = saved;
		return -1;
	}
	if (reflinked != NULL)
		*reflinked = 0;
#ifdef FICLONE
	if (ioctl(out, FICLONE, in) == 0) {
		ok = 1;
		if (reflinked != NULL)
			*reflinked = 1;
	}
#endif
#ifdef __linux__
	while (!ok) {
		n = copy_file_range(in, NULL, out, NULL, 1 << 30, 0);
		if (n == 0) {
			ok = 1;
			break;
		}
		if (n == -1)
			break;
	}
#endif
	while (!ok) {
		if ((n = read(in, buf, sizeof buf)) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (n == 0) {
			ok = 1;
			break;
		}
		for (w = 0; w < n; ) {
			ssize_t k = write(out, buf + w, (size_t)(n - w));
			if (k == -1 && errno != EINTR)
				goto fail;
			w += k > 0 ? k : 0;
		}
	}
	if (!ok)
		goto fail;
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	futimens(out, ts);
	close(in);
	return close(out);
fail:
	saved = errno;
	close(in);
	close(out);
	unlinkat(dfd, dst, 0);
	errno = saved;
	return -1;
}

/* Removes what folder fd holds (on device dev), never following a link. */
static int
rmtree_at(int fd, dev_t dev, int depth)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	int		 sub, rc = 0, saved = 0;

	if (depth > 256) {
		close(fd);
		errno = ELOOP;
		return -1;
	}
	if ((d = fdopendir(fd)) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1)
			continue;
		if (!S_ISDIR(st.st_mode)) {
			if (unlinkat(dirfd(d), de->d_name, 0) == -1 && rc == 0) {
				rc = -1;
				saved = errno;
			}
			continue;
		}
		if (st.st_dev != dev) {
			rc = -1;
			saved = EXDEV;
			continue;
		}
		if ((sub = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC)) == -1 ||
		    rmtree_at(sub, dev, depth + 1) == -1 ||
		    unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR) == -1) {
			if (rc == 0)
				saved = errno;
			rc = -1;
		}
	}
	closedir(d);
	errno = saved;
	return rc;
}

int
create_rmtree(const char *path, int keep_top)
{
	struct stat	st;
	int		fd;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return keep_top ? 0 : unlink(path);
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return -1;
	if (rmtree_at(fd, st.st_dev, 0) == -1)
		return -1;
	return keep_top ? 0 : rmdir(path);
}

static char *
slurp(const char *path, size_t max, size_t *len)
{
	size_t	dummy;

	return read_file_at(AT_FDCWD, path, max, len != NULL ? len : &dummy);
}

/* --- the interpreter ----------------------------------------------------- */

void
create_python_free(struct create_python *py)
{
	free(py->path);
	free(py->real);
	free(py->prefix);
	free(py->libdir);
	free(py->version);
	memset(py, 0, sizeof *py);
}

/* Parses "pythonX.Y" or "pythonX.Yt" (name may go on only after a digit run). */
static int
parse_pydir(const char *name, int *major, int *minor, int *ft)
{
	const char	*p = name;
	char		*end;
	long		 a, b;

	if (strncmp(p, "python", 6) != 0 || !isdigit((unsigned char)p[6]))
		return -1;
	a = strtol(p + 6, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]))
		return -1;
	b = strtol(end + 1, &end, 10);
	*ft = 0;
	if (*end == 't') {
		*ft = 1;
		end++;
	}
	if (*end != '\0' || a > 99 || b > 999)
		return -1;
	*major = (int)a;
	*minor = (int)b;
	return 0;
}

/* The newest PREFIX/lib/pythonX.Y holding os.py, into py; 0 or -1. */
static int
newest_libdir(const char *prefix, struct create_python *py)
{
	struct dirent	*de;
	DIR		*d;
	char		*lib, *os_py;
	int		 a, b, ft, best = -1;

	lib = path_join(prefix, "lib");
	if ((d = opendir(lib)) == NULL) {
		free(lib);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (parse_pydir(de->d_name, &a, &b, &ft) == -1)
			continue;
		os_py = xasprintf("%s/%s/os.py", lib, de->d_name);
		if (fs_is_file(os_py) && a * 1000 + b > best) {
			best = a * 1000 + b;
			py->major = a;
			py->minor = b;
			py->freethreaded = ft;
			snprintf(py->pydir, sizeof py->pydir, "python%d.%d%s",
			    a, b, ft ? "t" : "");
		}
		free(os_py);
	}
	closedir(d);
	free(lib);
	return best == -1 ? -1 : 0;
}

/* PY_VERSION from PREFIX/include/PYDIR/patchlevel.h. */
static char *
version_patchlevel(const struct create_python *py)
{
	char	*v;
	int	 fd;

	if ((fd = open(py->prefix, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return NULL;
	v = probe_patchlevel(fd, py->pydir);
	close(fd);
	return v;
}

/*
 * PY_VERSION as the program (or its libpython) holds it: a string
 * "X.Y.Z[suffix]" standing alone between NUL bytes.
 */
static char *
version_binary(const char *path, int major, int minor)
{
	struct stat	 st;
	char		 pat[32], *v = NULL;
	const char	*base, *p, *end, *q;
	size_t		 plen;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || st.st_size < 16 ||
	    st.st_size > (off_t)512 * 1024 * 1024) {
		close(fd);
		return NULL;
	}
	base = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (base == MAP_FAILED)
		return NULL;
	plen = (size_t)snprintf(pat, sizeof pat, "%c%d.%d.", '\0', major, minor);
	end = base + st.st_size;
	for (p = base; v == NULL && (p = memmem(p, (size_t)(end - p), pat, plen)) != NULL;
	    p++) {
		q = p + plen;
		if (q >= end || !isdigit((unsigned char)*q))
			continue;
		while (q < end && isdigit((unsigned char)*q))
			q++;
		while (q < end && q - p < 24 && (isalnum((unsigned char)*q) || *q == '+'))
			q++;
		if (q < end && *q == '\0')
			v = xstrndup(p + 1, (size_t)(q - p - 1));
	}
	munmap((void *)base, (size_t)st.st_size);
	return v;
}

int
create_python_at(const char *path, struct create_python *py, char **err)
{
	struct pyvenv_cfg	 cfg;
	struct stat		 st;
	char			 real[PATH_MAX], *bindir, *p, *buf, *base;
	size_t			 len;
	int			 depth;

	memset(py, 0, sizeof *py);
	for (depth = 0; ; depth++) {
		if (strlen(path) > 4 && strcmp(path + strlen(path) - 4, ".exe") == 0) {
			*err = xasprintf("%s: a Windows-layout interpreter cannot "
			    "run here", path);
			return -1;
		}
		if (stat(path, &st) == -1 || realpath(path, real) == NULL) {
			*err = xasprintf("%s: no such interpreter", path);
			return -1;
		}
		if (!S_ISREG(st.st_mode) || access(path, X_OK) == -1) {
			*err = xasprintf("%s: not an executable program", path);
			return -1;
		}
		bindir = path_dir(real);
		py->prefix = path_dir(bindir);
		free(bindir);
		/* A venv's own python (a copy): its base is in pyvenv.cfg. */
		p = path_join(py->prefix, "pyvenv.cfg");
		buf = depth < 4 ? slurp(p, 65536, &len) : NULL;
		free(p);
		if (buf == NULL)
			break;
		pyvenv_parse(buf, len, &cfg);
		free(buf);
		base = cfg.executable != NULL ? xstrdup(cfg.executable) :
		    cfg.home != NULL ? path_join(cfg.home, path_base(path)) : NULL;
		pyvenv_free(&cfg);
		if (base == NULL)
			break;
		free(py->prefix);
		free(py->path);
		py->path = base;
		path = py->path;
	}
	if (py->path == NULL)
		py->path = path_absolute(path);
	py->real = xstrdup(real);

	if (parse_pydir(path_base(real), &py->major, &py->minor,
	    &py->freethreaded) == 0 ||
	    parse_pydir(path_base(py->path), &py->major, &py->minor,
	    &py->freethreaded) == 0)
		snprintf(py->pydir, sizeof py->pydir, "python%d.%d%s", py->major,
		    py->minor, py->freethreaded ? "t" : "");
	else if (newest_libdir(py->prefix, py) == -1)
		goto notpython;
	py->libdir = xasprintf("%s/lib/%s", py->prefix, py->pydir);
	p = path_join(py->libdir, "os.py");
	if (!fs_is_file(p)) {
		free(p);
		free(py->libdir);
		py->libdir = NULL;
		if (newest_libdir(py->prefix, py) == -1)
			goto notpython;
		py->libdir = xasprintf("%s/lib/%s", py->prefix, py->pydir);
	} else
		free(p);
	if (py->major < 3 || (py->major == 3 && py->minor < 3)) {
		*err = xasprintf("%s: Python %d.%d has no venv module (virtualenv "
		    "makes environments for it)", py->path, py->major, py->minor);
		create_python_free(py);
		return -1;
	}
	if ((py->version = version_patchlevel(py)) == NULL &&
	    (py->version = version_binary(real, py->major, py->minor)) == NULL) {
		p = xasprintf("%s/lib/lib%s.so.1.0", py->prefix, py->pydir);
		py->version = version_binary(p, py->major, py->minor);
		free(p);
	}
	if (py->version == NULL)
		py->version = xasprintf("%d.%d", py->major, py->minor);
	return 0;

notpython:
	*err = xasprintf("%s: not a CPython installation venvdex can read "
	    "(no lib/pythonX.Y/os.py under %s)", path, py->prefix);
	create_python_free(py);
	return -1;
}

/* A pyenv or asdf shim (a script in a folder named shims)? */
static int
is_shim(const char *path)
{
	char	*dir;
	int	 shim;

	dir = path_dir(path);
	shim = strcmp(path_base(dir), "shims") == 0;
	free(dir);
	return shim;
}

/* name looked up on PATH: the allocated absolute path, or NULL. */
static char *
on_path(const char *name)
{
	const char	*path = getenv("PATH"), *p, *q;
	char		*dir, *full;

	if (path == NULL)
		return NULL;
	for (p = path; ; p = q + 1) {
		q = strchr(p, ':');
		dir = q != NULL ? xstrndup(p, (size_t)(q - p)) : xstrdup(p);
		full = path_join(dir[0] != '\0' ? dir : ".", name);
		free(dir);
		if (fs_is_file(full) && access(full, X_OK) == 0) {
			dir = path_absolute(full);
			free(full);
			return dir;
		}
		free(full);
		if (q == NULL)
			return NULL;
	}
}

/* Follows a shim to the program it runs (which.c's reading of pyenv and asdf). */
static char *
unshim(struct index *ix, const char *path)
{
	struct which_result	*r;
	char			*dir, *out = NULL, cwd[PATH_MAX];

	if (!is_shim(path))
		return xstrdup(path);
	dir = path_dir(path);
	r = which_run(ix, path_base(path), dir, getcwd(cwd, sizeof cwd) != NULL ?
	    cwd : "/");
	free(dir);
	if (r != NULL && r->nmatches > 0 && r->matches[0].target != NULL)
		out = xstrdup(r->matches[0].target);
	else if (r != NULL && r->nmatches > 0 && r->matches[0].resolved != NULL &&
	    !is_shim(r->matches[0].resolved))
		out = xstrdup(r->matches[0].resolved);
	if (r != NULL)
		which_free(r);
	return out;
}

static int
is_version(const char *s)
{
	int	dots = 0;

	if (!isdigit((unsigned char)*s))
		return 0;
	for (; *s != '\0'; s++) {
		if (*s == '.' && isdigit((unsigned char)s[1]))
			dots++;
		else if (!isdigit((unsigned char)*s))
			return *s == 't' && s[1] == '\0' && dots >= 1;
	}
	return dots <= 2;
}

static char *
pyenv_root(void)
{
	const char	*r = getenv("PYENV_ROOT"), *home = getenv("HOME");

	if (r != NULL && r[0] != '\0')
		return xstrdup(r);
	return home != NULL ? path_join(home, ".pyenv") : NULL;
}

/* PREFIX/bin/python3, else PREFIX/bin/python; NULL when neither is there. */
static char *
prefix_python(const char *prefix)
{
	char	*p;

	p = path_join(prefix, "bin/python3");
	if (fs_is_file(p))
		return p;
	free(p);
	p = path_join(prefix, "bin/python");
	if (fs_is_file(p))
		return p;
	free(p);
	return NULL;
}

int
create_find_python(struct index *ix, const char *spec, struct create_python *py,
    char **err)
{
	char	**v, *path = NULL, *p, *root, *real;
	size_t	  n = 0, i;
	int	  rc;

	memset(py, 0, sizeof *py);
	if (spec == NULL || spec[0] == '\0') {
		if ((path = on_path("python3")) == NULL) {
			*err = xstrdup("no python3 on PATH (name one with --python)");
			return -1;
		}
	} else if (strchr(spec, '/') != NULL) {
		p = path_absolute(spec);
		if (fs_is_dir(p)) {
			path = prefix_python(p);
			if (path == NULL) {
				root = path_join(p, "python.exe");
				real = path_join(p, "Scripts/python.exe");
				if (fs_is_file(root) || fs_is_file(real) ||
				    fs_is_dir(path = path_join(p, "Lib")))
					*err = xasprintf("%s: a Windows-layout "
					    "interpreter cannot run here", spec);
				else
					*err = xasprintf("%s: no bin/python3 in "
					    "this folder", spec);
				free(root);
				free(real);
				free(path);
				free(p);
				return -1;
			}
			free(p);
		} else
			path = p;
	} else if (is_version(spec)) {
		if (ix != NULL && (v = query_interpreters(ix, spec, &n)) != NULL) {
			for (i = 0; i < n; i++) {
				if (path == NULL && fs_is_file(v[i]))
					path = xstrdup(v[i]);
				free(v[i]);
			}
			free(v);
		}
		if (path == NULL) {
			p = xasprintf("python%s", spec);
			path = on_path(p);
			free(p);
		}
		if (path == NULL) {
			*err = xasprintf("no Python %s found: none indexed (venvdex "
			    "scan indexes interpreters) and no python%s on PATH",
			    spec, spec);
			return -1;
		}
	} else {
		if ((root = pyenv_root()) != NULL) {
			p = xasprintf("%s/versions/%s", root, spec);
			if (fs_is_dir(p))
				path = prefix_python(p);
			free(p);
			free(root);
		}
		if (path == NULL && (path = on_path(spec)) == NULL) {
			*err = xasprintf("%s: no such interpreter (not a path, a "
			    "version, a pyenv version or a command on PATH)", spec);
			return -1;
		}
	}
	if ((p = unshim(ix, path)) == NULL) {
		*err = xasprintf("%s: a shim that runs no installed Python now",
		    path);
		free(path);
		return -1;
	}
	free(path);
	rc = create_python_at(p, py, err);
	free(p);
	return rc;
}

/* --- the environment --------------------------------------------------- */

void
create_result_free(struct create_result *r)
{
	free(r->path);
	free(r->pip);
	create_python_free(&r->py);
	memset(r, 0, sizeof *r);
}

/* What the stdlib's venv/__init__.py does, read from its text. */
struct venv_rules {
	int	 shlex;		/* placeholders quoted (gh-124651) */
	int	 paren;		/* the prompt is "(NAME) " */
	int	 lib64;		/* makes lib64 -> lib on 64-bit POSIX */
};

static void
venv_rules(const struct create_python *py, struct venv_rules *r)
{
	char	*p, *buf;

	p = xasprintf("%s/venv/__init__.py", py->libdir);
	buf = slurp(p, 4 * 1024 * 1024, NULL);
	free(p);
	r->shlex = buf != NULL && strstr(buf, "shlex.quote") != NULL;
	r->paren = buf == NULL || strstr(buf, "'(%s) ' % prompt") != NULL;
	r->lib64 = buf == NULL || strstr(buf, "lib64") != NULL;
	free(buf);
}

/* Is the program a 64-bit ELF file (the interpreter's sys.maxsize > 2**32)? */
static int
elf64(const char *path)
{
	unsigned char	 h[5];
	int		 fd, n;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return sizeof(void *) == 8;
	n = (int)read(fd, h, sizeof h);
	close(fd);
	if (n != 5 || memcmp(h, "\177ELF", 4) != 0)
		return sizeof(void *) == 8;
	return h[4] == 2;
}

/* shlex.quote(s) appended to sb. */
static void
shlex_quote(struct sbuf *sb, const char *s)
{
	const char	*p;

	for (p = s; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr("@%+=:,./-_", *p) == NULL)
			break;
	if (*s != '\0' && *p == '\0') {
		sbuf_adds(sb, s);
		return;
	}
	sbuf_addc(sb, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '\'')
			sbuf_adds(sb, "'\"'\"'");
		else
			sbuf_addc(sb, *p);
	}
	sbuf_addc(sb, '\'');
}

/* Python's repr() of a str, for pyvenv.cfg's prompt key. */
static void
py_repr(struct sbuf *sb, const char *s)
{
	const char	*p;
	char		 q = '\'';

	if (strchr(s, '\'') != NULL && strchr(s, '"') == NULL)
		q = '"';
	sbuf_addc(sb, q);
	for (p = s; *p != '\0'; p++) {
		if (*p == '\\' || *p == q)
			sbuf_printf(sb, "\\%c", *p);
		else if (*p == '\n')
			sbuf_adds(sb, "\\n");
		else if (*p == '\t')
			sbuf_adds(sb, "\\t");
		else if (*p == '\r')
			sbuf_adds(sb, "\\r");
		else if ((unsigned char)*p < 0x20 || *p == 0x7f)
			sbuf_printf(sb, "\\x%02x", (unsigned char)*p);
		else
			sbuf_addc(sb, *p);
	}
	sbuf_addc(sb, q);
}

/* One placeholder substitution over the whole text, as str.replace. */
static char *
replace(char *text, const char *key, const char *value)
{
	struct sbuf	 sb = { 0 };
	const char	*p = text, *q;
	size_t		 klen = strlen(key);

	if (strstr(text, key) == NULL)
		return text;
	while ((q = strstr(p, key)) != NULL) {
		sbuf_add(&sb, p, (size_t)(q - p));
		sbuf_adds(&sb, value);
		p = q + klen;
	}
	sbuf_adds(&sb, p);
	free(text);
	return sbuf_steal(&sb);
}

struct script_ctx {
	const char		*keys[5];
	const char		*values[5];
	int			 shlex;
	const char		*bindir;
};

/* The template text with its placeholders replaced as venv does for file name. */
static char *
substitute(const struct script_ctx *c, const char *name, const char *text)
{
	struct sbuf	 sb = { 0 };
	char		*out = xstrdup(text), *quoted;
	size_t		 n = strlen(name), i;
	const char	*v, *p;

	for (i = 0; i < nitems(c->keys); i++) {
		v = c->values[i];
		if (!c->shlex || (n > 4 && strcmp(name + n - 4, ".bat") == 0)) {
			out = replace(out, c->keys[i], v);
			continue;
		}
		if (n > 4 && strcmp(name + n - 4, ".ps1") == 0) {
			sbuf_addc(&sb, '\'');
			for (p = v; *p != '\0'; p++)
				sbuf_adds(&sb, *p == '\'' ? "''" : (char[]){ *p, 0 });
			sbuf_addc(&sb, '\'');
		} else
			shlex_quote(&sb, v);
		quoted = sbuf_steal(&sb);
		out = replace(out, c->keys[i], quoted);
		free(quoted);
	}
	return out;
}

/* Installs the templates of folder src (a scripts/common or posix) into dst. */
static int
install_scripts(const struct script_ctx *c, const char *src, const char *dst,
    int depth, char **err)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		*s, *t, *buf, *out, *u;
	size_t		 len;
	int		 rc = 0;

	if ((d = opendir(src)) == NULL)
		return 0;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' && (de->d_name[1] == '\0' ||
		    (de->d_name[1] == '.' && de->d_name[2] == '\0')))
			continue;
		s = path_join(src, de->d_name);
		t = path_join(dst, de->d_name);
		if (stat(s, &st) == -1) {
			/* a dangling entry: skipped, as os.walk would */
		} else if (S_ISDIR(st.st_mode)) {
			if (depth < 8 && fs_mkdirs(t, 0777) == 0)
				rc = install_scripts(c, s, t, depth + 1, err);
		} else if (S_ISREG(st.st_mode) &&
		    (buf = slurp(s, SCRIPTS_MAX, &len)) != NULL) {
			u = u8_valid(buf, len);
			if (strlen(u) != len || memcmp(u, buf, len) != 0) {
				/* venv skips what is not UTF-8 text */
			} else {
				out = substitute(c, de->d_name, buf);
				if (strcmp(out, buf) == 0) {
					if (create_copy(s, t, st.st_mode & 07777, NULL) == -1)
						rc = -1;
				} else if (create_write(t, out, strlen(out),
				    st.st_mode & 07777) == -1 ||
				    chmod(t, st.st_mode & 07777) == -1)
					rc = -1;
				if (rc == -1)
					*err = xasprintf("%s: %s", t, strerror(errno));
				free(out);
			}
			free(u);
			free(buf);
		}
		free(s);
		free(t);
	}
	closedir(d);
	return rc;
}

static int
builtin_install(const struct script_ctx *c, char **err)
{
	char	*out, *t;
	size_t	 i;
	int	 rc = 0;

	for (i = 0; rc == 0 && i < nbuiltin_scripts; i++) {
		out = substitute(c, builtin_scripts[i].name, builtin_scripts[i].text);
		t = path_join(c->bindir, builtin_scripts[i].name);
		if (create_write(t, out, strlen(out), 0644) == -1) {
			*err = xasprintf("%s: %s", t, strerror(errno));
			rc = -1;
		}
		free(t);
		free(out);
	}
	return rc;
}

/* A path venvdex will make an environment at: nothing a shell or pyvenv.cfg would misread. */
static int
check_dir(const char *dir, const char *abs, char **err)
{
	char		*u;
	const char	*p;

	if (dir[0] == '\0') {
		*err = xstrdup("an empty DIR");
		return -1;
	}
	u = u8_valid(abs, strlen(abs));
	if (strcmp(u, abs) != 0) {
		free(u);
		*err = xasprintf("%s: not valid UTF-8 (activation scripts and "
		    "pyvenv.cfg could not name it)", dir);
		return -1;
	}
	free(u);
	if (strchr(abs, ':') != NULL) {
		*err = xasprintf("%s: holds ':', the PATH separator (bin/ could "
		    "not be put on PATH)", dir);
		return -1;
	}
	for (p = abs; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			*err = xasprintf("%s: holds a control character", dir);
			return -1;
		}
	}
	return 0;
}

/* 1 when the folder holds nothing, 0 when it holds something, -1 on error. */
static int
dir_empty(const char *path)
{
	struct dirent	*de;
	DIR		*d;
	int		 empty = 1;

	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	}
	closedir(d);
	return empty;
}

/* Empties an existing DIR for --clear: only an environment, and only by its real path. */
static int
clear_dir(const char *abs, char **err)
{
	struct env	 e;
	struct stat	 st;
	char		 real[PATH_MAX];
	const char	*home = getenv("HOME");
	int		 ok;

	if (lstat(abs, &st) == 0 && S_ISLNK(st.st_mode)) {
		*err = xasprintf("%s: a symbolic link; --clear empties only a "
		    "real folder", abs);
		return -1;
	}
	if (realpath(abs, real) == NULL) {
		*err = xasprintf("%s: %s", abs, strerror(errno));
		return -1;
	}
	if (strcmp(real, "/") == 0 || (home != NULL && strcmp(real, home) == 0)) {
		*err = xasprintf("%s: --clear never empties / or $HOME", abs);
		return -1;
	}
	ok = probe_env(real, &e);
	ok = ok && e.kind != KIND_INTERPRETER;
	if (ok || e.path != NULL)
		env_free(&e);
	if (!ok) {
		*err = xasprintf("%s: exists, is not empty and is not an "
		    "environment; --clear empties only an environment", abs);
		return -1;
	}
	if (create_rmtree(real, 1) == -1) {
		*err = xasprintf("%s: cannot empty it: %s", abs, strerror(errno));
		return -1;
	}
	return 0;
}

/* Links (or copies) name in bin to target; sets *copied when it copied. */
static int
bin_link(const char *bindir, const char *name, const char *target,
    const char *copy_from, int *copied)
{
	char	*p;
	int	 rc = 0;

	p = path_join(bindir, name);
	if (!*copied && symlink(target, p) == -1) {
		if (errno == EEXIST) {
			free(p);
			return 0;
		}
		*copied = 1;	/* a file system without links */
	}
	if (*copied && (rc = create_copy(copy_from, p, 0755, NULL)) == 0)
		rc = chmod(p, 0755);
	if (rc == -1 && errno == EEXIST)
		rc = 0;
	free(p);
	return rc;
}

/* Everything but pip, in the order venv makes it. */
static int
make_env(const char *abs, const struct create_opts *o, struct create_result *r,
    char **err)
{
	struct create_python	*py = &r->py;
	struct venv_rules	 rules;
	struct script_ctx	 sc;
	struct sbuf		 sb = { 0 };
	const char		*exename = path_base(py->path);
	char			*bin, *p, *q, *prompt, *envexe, cwd[PATH_MAX];
	char			 minor[32];
	int			 rc = -1;

	venv_rules(py, &rules);
	bin = path_join(abs, "bin");
	if (o->prompt != NULL && strcmp(o->prompt, ".") == 0 &&
	    getcwd(cwd, sizeof cwd) != NULL)
		prompt = xstrdup(path_base(cwd));
	else
		prompt = xstrdup(o->prompt != NULL ? o->prompt : path_base(abs));
	envexe = path_join(bin, exename);

	/* include, lib/pythonX.Y/site-packages, lib64, bin */
	if (py->major > 3 || py->minor >= 11)
		p = xasprintf("%s/include/%s", abs, py->pydir);
	else
		p = path_join(abs, "include");
	q = xasprintf("%s/lib/%s/site-packages", abs, py->pydir);
	if (fs_mkdirs(p, 0777) == -1 || fs_mkdirs(q, 0777) == -1) {
		*err = xasprintf("%s: %s", q, strerror(errno));
		free(p);
		free(q);
		goto out;
	}
	free(p);
	free(q);
	if (rules.lib64 && elf64(py->real)) {
		p = path_join(abs, "lib64");
		if (symlink("lib", p) == -1 && errno != EEXIST &&
		    fs_mkdirs(p, 0777) == -1) {
			*err = xasprintf("%s: %s", p, strerror(errno));
			free(p);
			goto out;
		}
		free(p);
	}
	if (fs_mkdirs(bin, 0777) == -1) {
		*err = xasprintf("%s: %s", bin, strerror(errno));
		goto out;
	}

	/* pyvenv.cfg */
	sbuf_printf(&sb, "home = %s\n", (p = path_dir(py->path)));
	free(p);
	sbuf_printf(&sb, "include-system-site-packages = %s\n",
	    o->system_site ? "true" : "false");
	sbuf_printf(&sb, "version = %s\n", py->version);
	if (o->prompt != NULL) {
		sbuf_adds(&sb, "prompt = ");
		py_repr(&sb, prompt);
		sbuf_addc(&sb, '\n');
	}
	sbuf_printf(&sb, "executable = %s\n", py->real);
	sbuf_printf(&sb, "command = %s -m venv%s%s%s%s", py->path,
	    o->copies ? " --copies" : "", o->without_pip ? " --without-pip" : "",
	    o->system_site ? " --system-site-packages" : "",
	    o->clear ? " --clear" : "");
	if (o->prompt != NULL)
		sbuf_printf(&sb, " --prompt=\"%s\"", o->prompt);
	sbuf_printf(&sb, " %s\nvenvdex = %s\n", abs, PACKAGE_VERSION);
	p = path_join(abs, "pyvenv.cfg");
	if (create_write(p, sb.s, sb.len, 0666) == -1) {
		*err = xasprintf("%s: %s", p, strerror(errno));
		free(p);
		goto out;
	}
	free(p);

	/* bin/EXENAME, then python, python3, python3.Y beside it */
	r->copied = o->copies;
	if (bin_link(bin, exename, py->path, py->path, &r->copied) == -1) {
		*err = xasprintf("%s: %s", envexe, strerror(errno));
		goto out;
	}
	snprintf(minor, sizeof minor, "python%d.%d", py->major, py->minor);
	if (bin_link(bin, "python", exename, envexe, &r->copied) == -1 ||
	    bin_link(bin, "python3", exename, envexe, &r->copied) == -1 ||
	    bin_link(bin, minor, exename, envexe, &r->copied) == -1) {
		*err = xasprintf("%s: %s", bin, strerror(errno));
		goto out;
	}

	/* the activation scripts */
	memset(&sc, 0, sizeof sc);
	sc.keys[0] = "__VENV_DIR__";
	sc.values[0] = abs;
	sc.keys[1] = "__VENV_NAME__";
	sc.values[1] = path_base(abs);
	sc.keys[2] = "__VENV_PROMPT__";
	sc.keys[3] = "__VENV_BIN_NAME__";
	sc.values[3] = "bin";
	sc.keys[4] = "__VENV_PYTHON__";
	sc.values[4] = envexe;
	sc.bindir = bin;
	p = xasprintf("%s/venv/scripts/common/activate", py->libdir);
	r->builtin_scripts = !fs_is_file(p);
	free(p);
	if (r->builtin_scripts) {
		q = xasprintf("(%s) ", prompt);
		sc.values[2] = q;
		rc = builtin_install(&sc, err);
		free(q);
	} else {
		q = rules.paren ? xasprintf("(%s) ", prompt) : xstrdup(prompt);
		sc.values[2] = q;
		sc.shlex = rules.shlex;
		p = xasprintf("%s/venv/scripts/common", py->libdir);
		rc = install_scripts(&sc, p, bin, 0, err);
		free(p);
		p = xasprintf("%s/venv/scripts/posix", py->libdir);
		if (rc == 0)
			rc = install_scripts(&sc, p, bin, 0, err);
		free(p);
		free(q);
	}
	if (rc == -1)
		goto out;

	/* .gitignore, as 3.13 writes it */
	rc = -1;
	p = path_join(abs, ".gitignore");
	if (create_write(p, "# Created by venvdex\n*\n", 23, 0666) == -1) {
		*err = xasprintf("%s: %s", p, strerror(errno));
		free(p);
		goto out;
	}
	free(p);
	rc = 0;
out:
	sbuf_free(&sb);
	free(bin);
	free(prompt);
	free(envexe);
	return rc;
}

int
create_env(struct index *ix, const char *dir, const struct create_opts *o,
    struct create_result *r, char **err)
{
	struct stat	 st;
	char		*abs;
	int64_t		 before, added;
	int		 made = 0, e;

	memset(r, 0, sizeof *r);
	abs = path_absolute(dir);
	if (check_dir(dir, abs, err) == -1) {
		free(abs);
		return -1;
	}
	if (create_find_python(ix, o->python, &r->py, err) == -1) {
		free(abs);
		return -1;
	}
	r->path = abs;
	if (lstat(abs, &st) == 0) {
		if (!S_ISDIR(st.st_mode) && !(S_ISLNK(st.st_mode) && fs_is_dir(abs))) {
			*err = xasprintf("%s: exists and is not a folder", dir);
			return -1;
		}
		if ((e = dir_empty(abs)) == -1) {
			*err = xasprintf("%s: %s", dir, strerror(errno));
			return -1;
		}
		if (e == 0 && !o->clear) {
			*err = xasprintf("%s: exists and is not empty (--clear "
			    "empties an environment first)", dir);
			return -1;
		}
		if (e == 0 && clear_dir(abs, err) == -1)
			return -1;
	} else if (errno != ENOENT) {
		*err = xasprintf("%s: %s", dir, strerror(errno));
		return -1;
	} else {
		if (fs_mkdirs(abs, 0777) == -1) {
			*err = xasprintf("%s: %s", dir, strerror(errno));
			return -1;
		}
		made = 1;
	}
	r->size = -1;
	if (make_env(abs, o, r, err) == -1)
		goto fail;
	if (!o->without_pip) {
		/*
		 * The size as a scan would count it: the few files made so
		 * far, read now, and what seeding adds, as it adds it (pip's
		 * 1,500 files are not read again).
		 */
		before = du_tree(abs, "envs", NULL);
		if (seed_pip(abs, &r->py, path_base(r->py.path), &r->pip,
		    &r->seed_mode, &added, err) == -1)
			goto fail;
		if (before >= 0 && added >= 0)
			r->size = before + added;
	}
	return 0;
fail:
	/* What was made goes; a folder that was there stays, emptied. */
	create_rmtree(abs, !made);
	return -1;
}
