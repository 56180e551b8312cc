/* seed: pip (and setuptools where ensurepip adds it) into an environment, from a cached wheel. */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "create.h"
#include "lazy.h"
#include "pep440.h"
#include "pyvenv.h"
#include "seed.h"
#include "sha256.h"
#include "util.h"

extern char **environ;

#define WHEEL_MAX_ENTRIES	100000
#define WHEEL_MAX_BYTES		((zip_uint64_t)1 << 30)	/* unpacked: a bomb beyond */
#define SHEBANG_MAX		127	/* the kernel's limit (BINPRM_BUF_SIZE - 1) */
#define SYSTEM_WHEELS		"/usr/share/python-wheels"

/* --- names and shebangs -------------------------------------------------- */

int
seed_safe_name(const char *name)
{
	const char	*p, *q;
	size_t		 n;

	if (name == NULL || name[0] == '\0' || name[0] == '/' ||
	    strchr(name, '\\') != NULL ||
	    (isalpha((unsigned char)name[0]) && name[1] == ':'))
		return 0;
	for (p = name; *p != '\0'; p = *q != '\0' ? q + 1 : q) {
		q = strchr(p, '/');
		if (q == NULL)
			q = p + strlen(p);
		n = (size_t)(q - p);
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 0;
	}
	return 1;
}

char *
seed_shebang(const char *python)
{
	char	*exe, *s;

	/* distlib: an executable holding a space is quoted, and never simple. */
	exe = strchr(python, ' ') != NULL ? xasprintf("\"%s\"", python) :
	    xstrdup(python);
	if (strchr(exe, ' ') == NULL && strlen(exe) + 3 <= SHEBANG_MAX)
		s = xasprintf("#!%s\n", exe);
	else
		s = xasprintf("#!/bin/sh\n'''exec' %s \"$0\" \"$@\"\n' '''\n", exe);
	free(exe);
	return s;
}

/* base64url without padding of sha256(data): RECORD's hash. */
static void
record_hash(const void *data, size_t len, char out[64])
{
	static const char	 b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	uint8_t			 h[32];
	size_t			 i, o = 0;
	uint32_t		 v;

	sha256(data, len, h);
	for (i = 0; i + 2 < 32; i += 3) {
		v = (uint32_t)h[i] << 16 | (uint32_t)h[i + 1] << 8 | h[i + 2];
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = b64[v >> 6 & 63];
		out[o++] = b64[v & 63];
	}
	v = (uint32_t)h[30] << 16 | (uint32_t)h[31] << 8;	/* 32 = 30 + 2 */
	out[o++] = b64[v >> 18 & 63];
	out[o++] = b64[v >> 12 & 63];
	out[o++] = b64[v >> 6 & 63];
	out[o] = '\0';
}

/* --- unpacking ------------------------------------------------------------ */

static int
unpack_entry(zip_t *z, zip_uint64_t i, const char *name, const char *dest,
    zip_uint64_t *total, char **err)
{
	zip_stat_t	 zs;
	zip_file_t	*zf;
	zip_uint8_t	 opsys;
	zip_uint32_t	 attr;
	char		 buf[65536], *path, *dir;
	zip_int64_t	 n;
	zip_uint64_t	 got = 0;
	int		 fd, mode = 0644, rc = -1;
	size_t		 len = strlen(name);

	if (lazy_zip_file_get_external_attributes(z, i, 0, &opsys, &attr) ==
	    0 && opsys == ZIP_OPSYS_UNIX) {
		if (S_ISLNK(attr >> 16)) {
			*err = xasprintf("%s: a symbolic link, refused", name);
			return -1;
		}
		if ((attr >> 16) & 0111)
			mode = 0755;
	}
	path = path_join(dest, name);
	if (name[len - 1] == '/') {
		rc = fs_mkdirs(path, 0755);
		if (rc == -1)
			*err = xasprintf("%s: %s", path, strerror(errno));
		free(path);
		return rc;
	}
	dir = path_dir(path);
	if (fs_mkdirs(dir, 0755) == -1) {
		*err = xasprintf("%s: %s", dir, strerror(errno));
		free(dir);
		free(path);
		return -1;
	}
	free(dir);
	if (lazy_zip_stat_index(z, i, 0, &zs) == -1 ||
	    !(zs.valid & ZIP_STAT_SIZE) || zs.size > WHEEL_MAX_BYTES - *total) {
		*err = xasprintf("%s: too large, or unreadable", name);
		free(path);
		return -1;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    (mode_t)mode)) == -1) {
		*err = xasprintf("%s: %s", name, errno == EEXIST ?
		    "twice in the wheel" : strerror(errno));
		free(path);
		return -1;
	}
	if ((zf = lazy_zip_fopen_index(z, i, 0)) == NULL) {
		*err = xasprintf("%s: %s", name, lazy_zip_strerror(z));
		goto out;
	}
	while ((n = lazy_zip_fread(zf, buf, sizeof buf)) > 0) {
		got += (zip_uint64_t)n;
		if (got > zs.size || write(fd, buf, (size_t)n) != n) {
			*err = xasprintf("%s: %s", name, got > zs.size ?
			    "longer than its header says" : strerror(errno));
			lazy_zip_fclose(zf);
			goto out;
		}
	}
	if (n < 0 || got != zs.size)
		*err = xasprintf("%s: %s", name, n < 0 ?
		    lazy_zip_file_strerror(zf) : "shorter than its header says");
	else
		rc = 0;
	lazy_zip_fclose(zf);
	*total += got;
out:
	if (close(fd) == -1 && rc == 0) {
		*err = xasprintf("%s: %s", name, strerror(errno));
		rc = -1;
	}
	free(path);
	return rc;
}

int
seed_unpack(const char *whl, const char *dest, char **err)
{
	zip_error_t	 ze;
	zip_t		*z;
	zip_int64_t	 n, i;
	zip_uint64_t	 total = 0;
	const char	*name;
	char		*e = NULL;
	int		 zerr, rc = 0;

	if (lazy_load_zip(&e) == -1) {
		*err = xasprintf("unpacking %s needs %s", whl, e);
		free(e);
		return -1;
	}
	z = lazy_zip_open(whl, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (z == NULL) {
		lazy_zip_error_init_with_code(&ze, zerr);
		*err = xasprintf("%s: %s", whl, lazy_zip_error_strerror(&ze));
		lazy_zip_error_fini(&ze);
		return -1;
	}
	if (mkdir(dest, 0755) == -1) {
		*err = xasprintf("%s: %s", dest, strerror(errno));
		lazy_zip_discard(z);
		return -1;
	}
	n = lazy_zip_get_num_entries(z, 0);
	if (n < 0 || n > WHEEL_MAX_ENTRIES) {
		e = xstrdup("too many entries");
		rc = -1;
	}
	/* Every name is checked before anything is written. */
	for (i = 0; rc == 0 && i < n; i++) {
		if ((name = lazy_zip_get_name(z, (zip_uint64_t)i, 0)) == NULL ||
		    !seed_safe_name(name)) {
			e = xasprintf("entry '%s' would land outside its folder, "
			    "refused", name != NULL ? name : "?");
			rc = -1;
		}
	}
	for (i = 0; rc == 0 && i < n; i++) {
		name = lazy_zip_get_name(z, (zip_uint64_t)i, 0);
		rc = unpack_entry(z, (zip_uint64_t)i, name, dest, &total, &e);
	}
	lazy_zip_discard(z);
	if (rc == -1) {
		*err = xasprintf("%s: %s", whl, e);
		free(e);
		create_rmtree(dest, 0);
	}
	return rc;
}

/* --- finding and caching wheels ------------------------------------------ */

static char *
cache_root(void)
{
	const char	*x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/venvdex/wheels", x);
	return xasprintf("%s/.cache/venvdex/wheels", home != NULL ? home : "/tmp");
}

/* The version part of "NAME-VERSION-...whl", allocated. */
static char *
wheel_version(const char *file)
{
	const char	*p = strchr(file, '-'), *q;

	if (p == NULL || (q = strchr(p + 1, '-')) == NULL)
		return xstrdup("");
	return xstrndup(p + 1, (size_t)(q - p - 1));
}

/* NAME-*.whl files in dir, best first: the version ensurepip names, then newest. */
static char **
wheels_in(const char *dir, const char *name, const char *want, size_t *n)
{
	struct dirent	*de;
	DIR		*d;
	char		**v = NULL, *t, *va, *vb;
	size_t		 cap = 0, len = strlen(name), i, j;

	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, name, len) != 0 || de->d_name[len] != '-' ||
		    strlen(de->d_name) < 5 ||
		    strcmp(de->d_name + strlen(de->d_name) - 4, ".whl") != 0)
			continue;
		if (*n == cap)
			v = xrealloc(v, (cap = cap ? cap * 2 : 4) * sizeof *v);
		v[(*n)++] = path_join(dir, de->d_name);
	}
	closedir(d);
	for (i = 1; i < *n; i++) {
		for (j = i; j > 0; j--) {
			va = wheel_version(path_base(v[j - 1]));
			vb = wheel_version(path_base(v[j]));
			int keep = (want != NULL && strcmp(va, want) == 0) ||
			    ((want == NULL || strcmp(vb, want) != 0) &&
			    pep440_cmp(va, vb) >= 0);
			free(va);
			free(vb);
			if (keep)
				break;
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	}
	return v;
}

/* _PIP_VERSION (or _SETUPTOOLS_VERSION) from ensurepip/__init__.py. */
static char *
ensurepip_wants(const char *libdir, const char *name)
{
	char	*p, *buf, *s, *q, *v = NULL, key[64];
	size_t	 len, i;

	p = xasprintf("%s/ensurepip/__init__.py", libdir);
	buf = read_file_at(AT_FDCWD, p, 1 << 20, &len);
	free(p);
	if (buf == NULL)
		return NULL;
	snprintf(key, sizeof key, "_%s_VERSION", name);
	for (i = 0; key[i] != '\0'; i++)
		key[i] = (char)toupper((unsigned char)key[i]);
	if ((s = strstr(buf, key)) != NULL && (s = strchr(s, '"')) != NULL &&
	    (q = strchr(s + 1, '"')) != NULL && q - s < 40)
		v = xstrndup(s + 1, (size_t)(q - s - 1));
	free(buf);
	return v;
}

/* The folder of the one NAME-VERSION.dist-info in an unpacked wheel, allocated. */
static char *
dist_info(const char *tree)
{
	struct dirent	*de;
	DIR		*d;
	char		*out = NULL;
	size_t		 n;

	if ((d = opendir(tree)) == NULL)
		return NULL;
	while (out == NULL && (de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n > 10 && strcmp(de->d_name + n - 10, ".dist-info") == 0)
			out = xstrdup(de->d_name);
	}
	closedir(d);
	return out;
}

/* Whether the unpacked wheel's Requires-Python admits version (1), or not (0). */
static int
admits(const char *tree, const char *di, const char *version)
{
	char	*p, *buf, *s, *e, *spec;
	size_t	 len;
	int	 ok = 1;

	p = xasprintf("%s/%s/METADATA", tree, di);
	buf = read_file_at(AT_FDCWD, p, 1 << 20, &len);
	free(p);
	if (buf == NULL)
		return 1;
	for (s = buf; s != NULL && *s != '\0' && *s != '\n'; s = e) {
		e = strchr(s, '\n');
		if (strncasecmp(s, "Requires-Python:", 16) == 0) {
			spec = e != NULL ? xstrndup(s + 16, (size_t)(e - s - 16)) :
			    xstrdup(s + 16);
			ok = pep440_contains(spec, version, 1) != 0;
			free(spec);
			break;
		}
		if (e != NULL)
			e++;
	}
	free(buf);
	return ok;
}

/*
 * The wheel unpacked in the cache (made now if it is not there): its folder,
 * allocated, keyed by the wheel's name, size and time.
 */
static char *
cache_wheel(const char *whl, char **err)
{
	struct stat	 st;
	char		*root, *dir, *tmp;
	const char	*base = path_base(whl);

	if (stat(whl, &st) == -1) {
		*err = xasprintf("%s: %s", whl, strerror(errno));
		return NULL;
	}
	root = cache_root();
	dir = xasprintf("%s/%.*s-%llx-%llx", root, (int)(strlen(base) - 4), base,
	    (unsigned long long)st.st_size, (unsigned long long)st.st_mtime);
	if (access(dir, F_OK) == 0) {
		free(root);
		return dir;
	}
	if (fs_mkdirs(root, 0755) == -1) {
		*err = xasprintf("%s: %s", root, strerror(errno));
		free(root);
		free(dir);
		return NULL;
	}
	free(root);
	tmp = xasprintf("%s.tmp.%ld", dir, (long)getpid());
	create_rmtree(tmp, 0);
	if (seed_unpack(whl, tmp, err) == -1) {
		free(tmp);
		free(dir);
		return NULL;
	}
	/* Another venvdex may have been quicker: its copy is as good. */
	if (rename(tmp, dir) == -1)
		create_rmtree(tmp, 0);
	free(tmp);
	return dir;
}

/*
 * The cached tree's stamp of what its files take once placed for this
 * Python (bytes, as du counts them): written after a placement that looked
 * at each file, so that the next ones need not. Allocated.
 */
static char *
size_stamp(const char *tree, const struct create_python *py)
{
	return xasprintf("%s/.venvdex-size-cpython-%d%d%s", tree, py->major,
	    py->minor, py->freethreaded ? "t" : "");
}

/* Compiles the cached tree's modules once per interpreter, as pip's install does. */
static void
cache_compile(const char *tree, const struct create_python *py)
{
	posix_spawn_file_actions_t	 fa;
	char				*stamp, *sizes, *argv[7];
	pid_t				 pid;
	int				 status;

	stamp = xasprintf("%s/.venvdex-compiled-%s-%s", tree, py->pydir, py->version);
	if (access(stamp, F_OK) == 0) {
		free(stamp);
		return;
	}
	/* Compiling adds files: what they take, placed, is told again. */
	sizes = size_stamp(tree, py);
	unlink(sizes);
	free(sizes);
	argv[0] = py->real;
	argv[1] = (char *)"-I";
	argv[2] = (char *)"-m";
	argv[3] = (char *)"compileall";
	argv[4] = (char *)"-q";
	argv[5] = (char *)tree;
	argv[6] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawn(&pid, py->real, &fa, NULL, argv, environ) == 0) {
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			create_write(stamp, "", 0, 0644);
	}
	posix_spawn_file_actions_destroy(&fa);
	free(stamp);
}

/*
 * The best wheel of project name for py, unpacked in the cache: the
 * interpreter's ensurepip/_bundled first, then the system's python-wheels,
 * the first whose Requires-Python admits py. NULL (*err set only on a real
 * failure) when there is none.
 */
static char *
find_wheel(const struct create_python *py, const char *name, char **di,
    char **version, char **err)
{
	char	*dirs[2], **v, *want, *tree = NULL;
	size_t	 n, i, k;

	dirs[0] = xasprintf("%s/ensurepip/_bundled", py->libdir);
	dirs[1] = xstrdup(SYSTEM_WHEELS);
	want = ensurepip_wants(py->libdir, name);
	for (k = 0; tree == NULL && k < nitems(dirs); k++) {
		v = wheels_in(dirs[k], name, k == 0 ? want : NULL, &n);
		for (i = 0; i < n; i++) {
			if (tree == NULL && *err == NULL &&
			    (tree = cache_wheel(v[i], err)) != NULL) {
				*di = dist_info(tree);
				if (*di == NULL || !admits(tree, *di, py->version)) {
					free(*di);
					*di = NULL;
					free(tree);
					tree = NULL;
				} else
					*version = wheel_version(path_base(v[i]));
			}
			free(v[i]);
		}
		free(v);
	}
	free(dirs[0]);
	free(dirs[1]);
	free(want);
	return tree;
}

/* --- console scripts ------------------------------------------------------ */

/* The text between marker and end in file, allocated; NULL when absent. */
static char *
between(const char *file, const char *marker, const char *end)
{
	char	*buf, *s, *e, *out = NULL;
	size_t	 len;

	if ((buf = read_file_at(AT_FDCWD, file, 4 << 20, &len)) == NULL)
		return NULL;
	if ((s = strstr(buf, marker)) != NULL &&
	    (e = strstr(s + strlen(marker), end)) != NULL)
		out = xstrndup(s + strlen(marker), (size_t)(e - s - strlen(marker)));
	free(buf);
	return out;
}

/* How this pip writes scripts: its template and whether a newline always follows the shebang. */
struct script_style {
	char	*template;
	int	 always_nl;
};

static void
script_style(const char *piptree, struct script_style *s)
{
	static const char *const own[] = {
		"pip/_internal/operations/install/wheel.py",
		"pip/_internal/wheel.py",
	};
	char	*p, *buf;
	size_t	 i, len;

	s->template = NULL;
	for (i = 0; s->template == NULL && i < nitems(own); i++) {
		p = path_join(piptree, own[i]);
		s->template = between(p, "script_template = r\"\"\"", "\"\"\"");
		free(p);
	}
	p = path_join(piptree, "pip/_vendor/distlib/scripts.py");
	if (s->template == NULL)
		s->template = between(p, "SCRIPT_TEMPLATE = r'''", "'''");
	buf = read_file_at(AT_FDCWD, p, 4 << 20, &len);
	s->always_nl = buf != NULL &&
	    strstr(buf, "if not shebang.endswith(linesep)") == NULL;
	free(buf);
	free(p);
	if (s->template == NULL)
		s->template = xstrdup("# -*- coding: utf-8 -*-\n"
		    "import re\n"
		    "import sys\n"
		    "from %(module)s import %(import_name)s\n"
		    "if __name__ == '__main__':\n"
		    "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
		    "    sys.exit(%(func)s())\n");
}

/* The template filled for "module:func" (extras dropped). */
static char *
script_text(const char *template, const char *entry)
{
	struct sbuf	 sb = { 0 };
	char		*module, *func, *imp, *colon, *p;
	const char	*t, *v;

	module = xstrdup(entry);
	if ((p = strchr(module, '[')) != NULL)
		*p = '\0';
	if ((colon = strchr(module, ':')) == NULL) {
		free(module);
		return NULL;
	}
	*colon = '\0';
	func = colon + 1;
	while (isspace((unsigned char)*module))
		memmove(module, module + 1, strlen(module));
	while (*func == ' ')
		func++;
	for (p = func + strlen(func); p > func && isspace((unsigned char)p[-1]); )
		*--p = '\0';
	for (p = colon; p > module && isspace((unsigned char)p[-1]); )
		*--p = '\0';
	imp = xstrdup(func);
	if ((p = strchr(imp, '.')) != NULL)
		*p = '\0';
	for (t = template; *t != '\0'; ) {
		v = strncmp(t, "%(module)s", 10) == 0 ? module :
		    strncmp(t, "%(func)s", 8) == 0 ? func :
		    strncmp(t, "%(import_name)s", 15) == 0 ? imp : NULL;
		if (v != NULL) {
			sbuf_adds(&sb, v);
			t = strchr(t, ')') + 2;
		} else if (t[0] == '%' && t[1] == '%') {
			sbuf_addc(&sb, '%');
			t += 2;
		} else
			sbuf_addc(&sb, *t++);
	}
	free(imp);
	free(module);
	return sbuf_steal(&sb);
}

struct records {
	char	**v;
	size_t	  n, cap;
	int64_t	  written;	/* allocated bytes of the files written */
	int	  unsized;	/* a file written replaced one, or a stat failed */
};

static void
record_add(struct records *r, char *row)
{
	if (r->n == r->cap)
		r->v = xrealloc(r->v, (r->cap = r->cap ? r->cap * 2 : 1024) *
		    sizeof *r->v);
	r->v[r->n++] = row;
}

/* Adds the allocated bytes of path, just written, to r->written. */
static void
record_sized(struct records *r, const char *path)
{
	struct stat	st;

	if (lstat(path, &st) == -1)
		r->unsized = 1;
	else
		r->written += (int64_t)st.st_blocks * 512;
}

/* Writes a file the installer makes (not from the wheel) and records it. */
static int
record_write(struct records *r, const char *site, const char *rel,
    const char *data, size_t len, int exec)
{
	struct stat	 st;
	char		 hash[64], *p;

	p = path_join(site, rel);
	if (unlink(p) == 0)
		r->unsized = 1;
	if (create_write(p, data, len, 0666) == -1 || (exec &&
	    (stat(p, &st) == -1 || chmod(p, (st.st_mode | 0555) & 07777) == -1))) {
		free(p);
		return -1;
	}
	record_sized(r, p);
	free(p);
	record_hash(data, len, hash);
	record_add(r, xasprintf("%s,sha256=%s,%zu", rel, hash, len));
	return 0;
}

/* Writes the console scripts of entry_points.txt as pip names them. */
static int
write_scripts(struct records *rec, const char *site, const char *bin,
    const char *di, const struct create_python *py, const char *exename,
    const struct script_style *style, char **err)
{
	char	*p, *buf, *line, *next, *eq, *name, *text, *shebang, *python;
	char	*body, xy[32];
	size_t	 len;
	int	 in = 0, rc = 0, k, nnames;
	char	*names[3];

	p = xasprintf("%s/%s/entry_points.txt", site, di);
	buf = read_file_at(AT_FDCWD, p, 1 << 20, &len);
	free(p);
	if (buf == NULL)
		return 0;
	python = xasprintf("%s/%s", bin, exename);
	shebang = seed_shebang(python);
	free(python);
	snprintf(xy, sizeof xy, "%d.%d", py->major, py->minor);
	for (line = buf; rc == 0 && line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		while (isspace((unsigned char)*line))
			line++;
		for (p = line + strlen(line); p > line && isspace((unsigned char)p[-1]); )
			*--p = '\0';
		if (*line == '[') {
			in = strcmp(line, "[console_scripts]") == 0;
			continue;
		}
		if (!in || *line == '\0' || *line == '#' || *line == ';' ||
		    (eq = strchr(line, '=')) == NULL)
			continue;
		*eq = '\0';
		for (p = eq; p > line && isspace((unsigned char)p[-1]); )
			*--p = '\0';
		name = line;
		nnames = 0;
		/* pip's special cases: pip, pipX, pipX.Y and easy_install[-X.Y]. */
		if (strcmp(name, "pip") == 0) {
			names[nnames++] = xstrdup("pip");
			names[nnames++] = xasprintf("pip%d", py->major);
			names[nnames++] = xasprintf("pip%s", xy);
		} else if (strncmp(name, "pip", 3) == 0 &&
		    (name[3] == '\0' || isdigit((unsigned char)name[3])) &&
		    strspn(name + 3, "0123456789.") == strlen(name + 3)) {
			continue;
		} else if (strcmp(name, "easy_install") == 0) {
			names[nnames++] = xstrdup("easy_install");
			names[nnames++] = xasprintf("easy_install-%s", xy);
		} else if (strncmp(name, "easy_install-", 13) == 0) {
			continue;
		} else if (seed_safe_name(name) && strchr(name, '/') == NULL)
			names[nnames++] = xstrdup(name);
		if ((text = script_text(style->template, eq + 1)) == NULL) {
			for (k = 0; k < nnames; k++)
				free(names[k]);
			continue;
		}
		body = xasprintf("%s%s%s", shebang, style->always_nl ? "\n" : "", text);
		free(text);
		for (k = 0; k < nnames; k++) {
			p = xasprintf("../../../bin/%s", names[k]);
			if (rc == 0 && record_write(rec, site, p, body, strlen(body), 1) == -1) {
				*err = xasprintf("%s/%s: %s", bin, names[k], strerror(errno));
				rc = -1;
			}
			free(p);
			free(names[k]);
		}
		free(body);
	}
	free(shebang);
	free(buf);
	return rc;
}

/* --- placing the files ----------------------------------------------------- */

enum place { PLACE_REFLINK, PLACE_LINK, PLACE_COPY, PLACE_UNKNOWN };

struct placer {
	enum place	 mode;
	const char	*pyc_tag;	/* ".cpython-313." */
	const char	*di;
	struct records	*rec;
	/*
	 * What placing adds to the environment's size, as du_tree() counts it
	 * (allocated blocks, a hard-linked inode once): the folders made and
	 * the files linked (from the cache's stamp when it has one: then they
	 * are not looked at one by one). sized is cleared where that cannot be
	 * told without reading the tree again: a copy, a folder that was there
	 * already, a failed stat.
	 */
	int		 sized;
	int		 stamped;
	int64_t		 folders, files;
	int64_t		 di_made;	/* the dist-info folder's, when placed */
};

/* Links (or copies) name from folder sfd into folder dfd. */
static int
place_file(struct placer *pl, int sfd, int dfd, const char *name)
{
	struct stat	st;
	int		reflinked;

	if (pl->mode == PLACE_LINK) {
		if (linkat(sfd, name, dfd, name, 0) == 0) {
			if (pl->stamped)
				return 0;
			if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
				pl->sized = 0;
			else
				pl->files += (int64_t)st.st_blocks * 512;
			return 0;
		}
		if (errno != EXDEV && errno != EPERM && errno != EMLINK)
			return -1;
		pl->mode = PLACE_COPY;
	}
	if (create_copy_at(sfd, name, dfd, name, 0644, &reflinked) == -1)
		return -1;
	fchmodat(dfd, name, faccessat(sfd, name, X_OK, 0) == 0 ? 0755 : 0644, 0);
	if (pl->mode != PLACE_UNKNOWN)
		pl->sized = 0;	/* reflinks, copies: as the file system has them */
	else if (!pl->stamped) {
		/* The first file, copied to learn whether reflinks work. */
		if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
			pl->sized = 0;
		else
			pl->files += (int64_t)st.st_blocks * 512;
	}
	if (pl->mode == PLACE_UNKNOWN)
		pl->mode = reflinked ? PLACE_REFLINK : PLACE_LINK;
	return 0;
}

static int	place_tree(struct placer *, int, const char *, int, const char *,
		    const char *, int, char **);

/* Makes subfolder name of dfd and places sfd's into it (place_tree). */
static int
place_dir(struct placer *pl, int sfd, const char *src, int dfd,
    const char *dst, const char *name, const char *rel, int depth, char **err)
{
	char	*s, *t;
	int	 cs = -1, cd, made, rc = -1;

	s = path_join(src, name);
	t = path_join(dst, name);
	made = mkdirat(dfd, name, 0755);
	if (made == -1 && errno == EEXIST) {
		made = 0;
		pl->sized = 0;	/* there already: not all of its size is ours */
	}
	if (made == -1)
		*err = xasprintf("%s: %s", t, strerror(errno));
	else if ((cs = openat(sfd, name, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1)
		*err = xasprintf("%s: %s", s, strerror(errno));
	else if ((cd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1) {
		*err = xasprintf("%s: %s", t, strerror(errno));
		close(cs);
	} else
		rc = place_tree(pl, cs, s, cd, t, rel, depth + 1, err);
	free(s);
	free(t);
	return rc;
}

/*
 * Places what folder sfd (the path src) holds into folder dfd (the path
 * dst), by names relative to the two: no path is walked again per file.
 * Closes both descriptors.
 */
static int
place_tree(struct placer *pl, int sfd, const char *src, int dfd,
    const char *dst, const char *rel, int depth, char **err)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		*t, *r;
	const char	*n;
	int		 rc = 0, isdir;

	if (depth > 64 || (d = fdopendir(sfd)) == NULL) {
		*err = xasprintf("%s: %s", src, depth > 64 ? "too deep" :
		    strerror(errno));
		close(sfd);
		close(dfd);
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		n = de->d_name;
		if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0') ||
		    (depth == 0 && strncmp(n, ".venvdex", 8) == 0)))
			continue;
		isdir = de->d_type == DT_DIR;
		if (de->d_type == DT_UNKNOWN)
			isdir = fstatat(sfd, n, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISDIR(st.st_mode);
		if (!isdir && strlen(n) > 4 && strcmp(n + strlen(n) - 4, ".pyc") == 0 &&
		    strstr(n, pl->pyc_tag) == NULL)
			continue;	/* another Python's bytecode */
		if (!isdir && depth == 1 && strcmp(path_base(src), pl->di) == 0 &&
		    (strcmp(n, "RECORD") == 0 || strcmp(n, "INSTALLER") == 0 ||
		    strcmp(n, "REQUESTED") == 0))
			continue;	/* the installer's own */
		r = rel[0] != '\0' ? xasprintf("%s/%s", rel, n) : xstrdup(n);
		if (isdir)
			rc = place_dir(pl, sfd, src, dfd, dst, n, r, depth, err);
		else if (place_file(pl, sfd, dfd, n) == -1) {
			t = path_join(dst, n);
			*err = xasprintf("%s: %s", t, strerror(errno));
			free(t);
			rc = -1;
		} else if (strstr(n, ".pyc") != NULL)
			record_add(pl->rec, xasprintf("%s,,", r));
		free(r);
	}
	closedir(d);
	if (rc == 0 && depth > 0) {
		/* A folder made here, now filled: its size is final. */
		if (fstat(dfd, &st) == -1)
			pl->sized = 0;
		else {
			pl->folders += (int64_t)st.st_blocks * 512;
			if (depth == 1 && strcmp(path_base(dst), pl->di) == 0)
				pl->di_made = (int64_t)st.st_blocks * 512;
		}
	}
	close(dfd);
	return rc;
}

static int
row_cmp(const void *a, const void *b)
{
	const char *const	*x = a, *const *y = b;
	size_t			 lx = strcspn(*x, ","), ly = strcspn(*y, ",");
	int			 c = memcmp(*x, *y, lx < ly ? lx : ly);

	return c != 0 ? c : (lx > ly) - (lx < ly);
}

/*
 * Installs one unpacked wheel into site as pip `pippver` would. *size (if
 * not -1) gets what that added to the environment's size (du_tree()'s
 * count: folders made, files linked and written), or -1 if that cannot
 * be told without reading the tree again.
 */
static int
install_tree(const char *tree, const char *di, const char *site,
    const char *bin, const struct create_python *py, const char *exename,
    const struct script_style *style, const char *pipver, enum place *mode,
    int64_t *size, char **err)
{
	struct records	 rec = { 0 };
	struct placer	 pl;
	struct sbuf	 sb = { 0 };
	struct stat	 st;
	char		*p, *buf, *line, *next, tag[40], *rel, *stamp, *end;
	size_t		 len, i;
	int		 rc = -1, sfd, dfd = -1;

	snprintf(tag, sizeof tag, ".cpython-%d%d%s.", py->major, py->minor,
	    py->freethreaded ? "t" : "");
	memset(&pl, 0, sizeof pl);
	pl.mode = *mode;
	pl.pyc_tag = tag;
	pl.di = di;
	pl.rec = &rec;
	pl.sized = *size >= 0;
	stamp = size_stamp(tree, py);
	if (pl.sized && (buf = read_file_at(AT_FDCWD, stamp, 64, &len)) != NULL) {
		pl.files = strtoll(buf, &end, 10);
		pl.stamped = end != buf && *end == '\n' && pl.files >= 0;
		if (!pl.stamped)
			pl.files = 0;
		free(buf);
	}
	if ((sfd = open(tree, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    (dfd = open(site, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		*err = xasprintf("%s: %s", sfd == -1 ? tree : site,
		    strerror(errno));
		if (sfd != -1)
			close(sfd);
		goto out;
	}
	if (place_tree(&pl, sfd, tree, dfd, site, "", 0, err) == -1)
		goto out;
	*mode = pl.mode;
	if (pl.sized && !pl.stamped && pl.mode == PLACE_LINK) {
		p = xasprintf("%lld\n", (long long)pl.files);
		create_write(stamp, p, strlen(p), 0644);
		free(p);
	}

	/* The wheel's RECORD rows, but its own. */
	p = xasprintf("%s/%s/RECORD", tree, di);
	buf = read_file_at(AT_FDCWD, p, 16 << 20, &len);
	free(p);
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (len == 0 || (strncmp(line, di, strlen(di)) == 0 &&
		    (strncmp(line + strlen(di), "/RECORD,", 8) == 0 ||
		    strncmp(line + strlen(di), "/INSTALLER,", 11) == 0 ||
		    strncmp(line + strlen(di), "/REQUESTED,", 11) == 0)))
			continue;
		record_add(&rec, xstrdup(line));
	}
	free(buf);

	if (write_scripts(&rec, site, bin, di, py, exename, style, err) == -1)
		goto out;
	rel = xasprintf("%s/INSTALLER", di);
	i = record_write(&rec, site, rel, "pip\n", 4, 0);
	free(rel);
	if (i == 0 && pep440_cmp(pipver, "20.2") >= 0) {
		rel = xasprintf("%s/REQUESTED", di);
		i = record_write(&rec, site, rel, "", 0, 0);
		free(rel);
	}
	if (i != 0) {
		*err = xasprintf("%s/%s: %s", site, di, strerror(errno));
		goto out;
	}
	record_add(&rec, xasprintf("%s/RECORD,,", di));
	xqsort(rec.v, rec.n, sizeof *rec.v, row_cmp);
	for (i = 0; i < rec.n; i++) {
		sbuf_adds(&sb, rec.v[i]);
		sbuf_adds(&sb, "\r\n");	/* csv.writer's line ends, as pip's */
	}
	p = xasprintf("%s/%s/RECORD", site, di);
	unlink(p);
	if (create_write(p, sb.s, sb.len, 0666) == -1)
		*err = xasprintf("%s: %s", p, strerror(errno));
	else
		rc = 0;
	record_sized(&rec, p);
	free(p);
	/* The dist-info folder got INSTALLER, REQUESTED and RECORD since. */
	p = path_join(site, di);
	if (rc == 0 && *size >= 0 && pl.sized && !rec.unsized &&
	    pl.di_made > 0 && stat(p, &st) == 0)
		*size += pl.folders + pl.files + rec.written +
		    (int64_t)st.st_blocks * 512 - pl.di_made;
	else
		*size = -1;
	free(p);
out:
	free(stamp);
	for (i = 0; i < rec.n; i++)
		free(rec.v[i]);
	free(rec.v);
	sbuf_free(&sb);
	return rc;
}

int
seed_pip(const char *env, const struct create_python *py, const char *exename,
    char **pip, const char **mode, int64_t *size, char **err)
{
	static const char *const modes[] = { "reflink", "hardlink", "copy", "copy" };
	struct script_style	 style;
	struct stat		 site0, bin0, site1, bin1;
	enum place		 place = PLACE_UNKNOWN;
	char			*site, *bin, *ptree, *pdi = NULL, *pver = NULL;
	char			*stree = NULL, *sdi = NULL, *sver = NULL;
	int64_t			 added = 0;
	int			 rc = -1;

	*pip = NULL;
	*err = NULL;
	if ((ptree = find_wheel(py, "pip", &pdi, &pver, err)) == NULL) {
		if (*err == NULL)
			*err = xasprintf("no pip wheel for Python %s (looked in "
			    "%s/ensurepip/_bundled and %s; --without-pip makes "
			    "the environment without it)", py->version, py->libdir,
			    SYSTEM_WHEELS);
		return -1;
	}
	/* ensurepip adds setuptools before 3.12, when it has one. */
	if (py->major == 3 && py->minor < 12 &&
	    (stree = find_wheel(py, "setuptools", &sdi, &sver, err)) == NULL &&
	    *err != NULL)
		goto out;
	site = xasprintf("%s/lib/%s/site-packages", env, py->pydir);
	bin = path_join(env, "bin");
	cache_compile(ptree, py);
	if (stree != NULL)
		cache_compile(stree, py);
	script_style(ptree, &style);
	if (size == NULL || stat(site, &site0) == -1 || stat(bin, &bin0) == -1)
		added = -1;
	if ((stree == NULL || install_tree(stree, sdi, site, bin, py, exename,
	    &style, pver, &place, &added, err) == 0) &&
	    install_tree(ptree, pdi, site, bin, py, exename, &style, pver,
	    &place, &added, err) == 0) {
		rc = 0;
		/* site-packages and bin/ were there before: what they grew by. */
		if (added >= 0 && stat(site, &site1) == 0 && stat(bin, &bin1) == 0)
			added += ((int64_t)site1.st_blocks - site0.st_blocks +
			    bin1.st_blocks - bin0.st_blocks) * 512;
		else
			added = -1;
		if (size != NULL)
			*size = added;
		*pip = pver;
		pver = NULL;
		*mode = modes[place == PLACE_UNKNOWN ? PLACE_COPY : place];
	}
	free(style.template);
	free(site);
	free(bin);
out:
	free(ptree);
	free(pdi);
	free(pver);
	free(stree);
	free(sdi);
	free(sver);
	return rc;
}

int
seed_ensure_pip(const char *env, char **pip, char **err)
{
	struct create_python	 py;
	struct pyvenv_cfg	 cfg;
	struct dirent		*de;
	DIR			*d;
	const char		*mode, *exename = "python3";
	char			*p, *buf, *base = NULL, *site;
	size_t			 len;
	int			 rc;

	*pip = NULL;
	p = path_join(env, "pyvenv.cfg");
	buf = read_file_at(AT_FDCWD, p, 65536, &len);
	free(p);
	if (buf == NULL) {
		*err = xasprintf("%s: no pyvenv.cfg: not an environment venvdex "
		    "can seed", env);
		return -1;
	}
	pyvenv_parse(buf, len, &cfg);
	free(buf);
	if (cfg.executable != NULL)
		base = xstrdup(cfg.executable);
	else if (cfg.home != NULL)
		base = path_join(cfg.home, "python3");
	pyvenv_free(&cfg);
	if (base == NULL) {
		*err = xasprintf("%s: pyvenv.cfg names no interpreter", env);
		return -1;
	}
	rc = create_python_at(base, &py, err);
	free(base);
	if (rc == -1)
		return -1;
	site = xasprintf("%s/lib/%s/site-packages", env, py.pydir);
	if ((d = opendir(site)) != NULL) {
		while (*pip == NULL && (de = readdir(d)) != NULL)
			if (strncmp(de->d_name, "pip-", 4) == 0 &&
			    strlen(de->d_name) > 14 && strcmp(de->d_name +
			    strlen(de->d_name) - 10, ".dist-info") == 0)
				*pip = xstrndup(de->d_name + 4,
				    strlen(de->d_name) - 14);
		closedir(d);
	}
	free(site);
	if (*pip != NULL) {
		create_python_free(&py);
		return 0;
	}
	p = path_join(env, "bin/python3");
	if (access(p, F_OK) == -1)
		exename = "python";
	free(p);
	rc = seed_pip(env, &py, exename, pip, &mode, NULL, err);
	create_python_free(&py);
	return rc;
}
