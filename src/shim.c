/* shim: pyenv and asdf shims followed to the file they run (see shim.h). */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fs.h"
#include "path.h"
#include "places.h"
#include "shim.h"
#include "str.h"
#include "util.h"

#define HEAD_MAX	4096	/* what is read of a file to know a shim */
#define DEPTH_MAX	4	/* shims of shims */

static void
shim_problem(const struct shim_ctx *c, const char *fix, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
shim_problem(const struct shim_ctx *c, const char *fix, const char *fmt, ...)
{
	va_list	 ap;
	char	*text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	c->problem(c->arg, text, fix);
	free(text);
}

/* --- pyenv --------------------------------------------------------------- */

/* The first regular file named name in dir or a folder above it. */
static char *
find_up(const char *dir, const char *name)
{
	struct stat	 st;
	char		*d = path_absolute(dir), *p, *up;

	for (;;) {
		p = path_join(d, name);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			free(d);
			return p;
		}
		free(p);
		if (strcmp(d, "/") == 0)
			break;
		up = path_dir(d);
		free(d);
		d = up;
	}
	free(d);
	return NULL;
}

/* pyenv-version-file-read: the first word of each line, joined by ':'; NULL if none. */
static char *
pyenv_file_read(const char *file)
{
	struct sbuf	 sb = { 0 };
	char		*buf, *p, *w;
	size_t		 len, n;

	if ((buf = read_file_at(AT_FDCWD, file, 65536, &len)) == NULL)
		return NULL;
	/* Past each line's end: its '\n', or a NUL byte (else: no progress). */
	for (p = buf; p < buf + len; p += strcspn(p, "\n") + 1) {
		p += strspn(p, " \t\r");
		n = strcspn(p, " \t\r\n");
		if (n == 0 || p[0] == '#')
			continue;
		w = xstrndup(p, n > 1024 ? 1024 : n);
		if (strcmp(w, "..") == 0 || strstr(w, "../") != NULL ||
		    strstr(w, "/..") != NULL || w[0] == '/') {
			free(w);
			continue;
		}
		if (sb.len > 0)
			sbuf_addc(&sb, ':');
		sbuf_adds(&sb, w);
		free(w);
	}
	free(buf);
	return sb.s;
}

/* pyenv-version-name: the versions chosen, ':'-separated; *origin says by what. */
static char *
pyenv_version_name(const struct shim_ctx *c, const char *root, char **origin)
{
	const char	*v = getenv("PYENV_VERSION"), *dir = getenv("PYENV_DIR");
	char		*file = NULL, *names;

	if (v != NULL && v[0] != '\0') {
		*origin = xstrdup("PYENV_VERSION environment variable");
		return xstrdup(v);
	}
	if (dir != NULL && dir[0] != '\0')
		file = find_up(dir, ".python-version");
	if (file == NULL && (dir == NULL || dir[0] == '\0' || strcmp(dir, c->cwd) != 0))
		file = find_up(c->cwd, ".python-version");
	if (file == NULL)
		file = path_join(root, "version");
	names = pyenv_file_read(file);
	*origin = file;
	return names != NULL ? names : xstrdup("system");
}

/* One numeric field of a version's sort key (sort -n: its leading digits). */
static long
key_num(const char *s)
{
	return strtol(s, NULL, 10);
}

/* pyenv-latest's key: "3.11.7" -> "3.11.7...", "pypy3.9-7.3" -> "pypy3.9.7.3.." */
static char *
latest_key(const char *name)
{
	size_t	n = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789");

	if (n > 0 && name[n] == '-')
		return xasprintf("%.*s.%s..", (int)n, name, name + n + 1);
	return xasprintf("%s...", name);
}

/* sort -t. -k1,1r -k2,2nr -k3,3nr -k4,4nr: >0 when a sorts before b. */
static int
latest_cmp(const char *a, const char *b)
{
	const char	*pa = a, *pb = b;
	size_t		 la = strcspn(a, "."), lb = strcspn(b, ".");
	int		 k, d;

	d = strncmp(a, b, la < lb ? la : lb);
	if (d == 0)
		d = la < lb ? -1 : la > lb;
	if (d != 0)
		return d;
	for (k = 0; k < 3; k++) {
		pa = strchr(pa, '.');
		pb = strchr(pb, '.');
		if (pa == NULL || pb == NULL)
			break;
		pa++;
		pb++;
		if (key_num(pa) != key_num(pb))
			return key_num(pa) > key_num(pb) ? 1 : -1;
	}
	return strcmp(b, a);
}

static int
ends_prerelease(const char *v)
{
	size_t	n = strlen(v), i = n;
	const char *sfx[] = { "-dev", "-src", "-latest" };
	size_t	k;

	for (k = 0; k < nitems(sfx); k++)
		if (n >= strlen(sfx[k]) && strcmp(v + n - strlen(sfx[k]), sfx[k]) == 0)
			return 1;
	while (i > 0 && isdigit((unsigned char)v[i - 1]))
		i--;
	if (i == n || i == 0)
		return 0;
	return v[i - 1] == 'a' || v[i - 1] == 'b' ||
	    (i >= 2 && v[i - 2] == 'r' && v[i - 1] == 'c');
}

/* pyenv-latest: the newest installed version with this prefix, or NULL. */
static char *
pyenv_latest(const char *root, const char *prefix)
{
	struct dirent	*de;
	DIR		*d;
	char		*vdir = path_join(root, "versions"), *best = NULL, *bkey = NULL;
	char		*pfx = xstrdup(prefix), *p, *key;
	size_t		 n = strlen(pfx), dl;
	int		 t = 0;

	if (n >= 2 && pfx[n - 1] == 't' && isdigit((unsigned char)pfx[n - 2])) {
		pfx[--n] = '\0';
		t = 1;
	}
	if ((d = opendir(vdir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			const char *v = de->d_name;

			dl = strlen(v);
			if (v[0] == '.' || strncmp(v, pfx, n) != 0 ||
			    (v[n] != '.' && v[n] != '-') || ends_prerelease(v))
				continue;
			if (t != (dl > 1 && v[dl - 1] == 't' &&
			    isdigit((unsigned char)v[dl - 2])))
				continue;
			p = path_join(vdir, v);
			if (fs_is_dir(p)) {
				key = latest_key(v);
				if (best == NULL || latest_cmp(key, bkey) > 0) {
					free(best);
					free(bkey);
					best = xstrdup(v);
					bkey = key;
				} else
					free(key);
			}
			free(p);
		}
		closedir(d);
	}
	free(bkey);
	free(pfx);
	free(vdir);
	return best;
}

/* A version name as pyenv resolves it to a folder under versions/, or NULL. */
static char *
pyenv_resolve(const char *root, const char *name)
{
	const char	*norm = strncmp(name, "python-", 7) == 0 ? name + 7 : name;
	char		*p, *r = NULL;
	int		 k;

	for (k = 0; k < 2 && r == NULL; k++) {
		const char *n = k == 0 ? name : norm;

		p = xasprintf("%s/versions/%s", root, n);
		if (n[0] != '\0' && fs_is_dir(p))
			r = xstrdup(n);
		free(p);
	}
	if (r == NULL)
		r = pyenv_latest(root, name);
	if (r == NULL && norm != name)
		r = pyenv_latest(root, norm);
	return r;
}

/* --- shims --------------------------------------------------------------- */

/* Is path a pyenv or asdf shim? Sets *root (PYENV_ROOT or ASDF_DATA_DIR). */
static enum shim_kind
shim_of(const char *path, char **root)
{
	const char	*env;
	char		*buf, *dir, *updir, *s;
	size_t		 len;
	enum shim_kind	 via = SHIM_NONE;

	*root = NULL;
	dir = path_dir(path);
	updir = path_dir(dir);
	buf = read_file_at(AT_FDCWD, path, HEAD_MAX, &len);
	if (buf != NULL && memchr(buf, '\0', len) != NULL) {
		free(buf);
		buf = NULL;
	}
	if (buf != NULL && strncmp(buf, "#!", 2) == 0 &&
	    (strstr(buf, "pyenv\" exec") != NULL || strstr(buf, "pyenv exec") != NULL)) {
		via = SHIM_PYENV;
		if ((s = strstr(buf, "export PYENV_ROOT=\"")) != NULL) {
			s += 19;
			*root = xstrndup(s, strcspn(s, "\"\n"));
		}
	} else if (buf != NULL && strncmp(buf, "#!", 2) == 0 &&
	    strstr(buf, "asdf exec") != NULL)
		via = SHIM_ASDF;
	if (via == SHIM_NONE || *root == NULL) {
		env = places_first(places_now(), PLACE_PYENV);
		s = path_join(env, "shims");
		if (strcmp(s, dir) == 0 && via != SHIM_ASDF) {
			via = SHIM_PYENV;
			*root = xstrdup(env);
		}
		free(s);
	}
	if (via == SHIM_NONE || (via == SHIM_ASDF && *root == NULL)) {
		env = places_first(places_now(), PLACE_ASDF);
		s = path_join(env, "shims");
		if (strcmp(s, dir) == 0) {
			via = SHIM_ASDF;
			*root = xstrdup(env);
		}
		free(s);
	}
	if (via != SHIM_NONE && *root == NULL)
		*root = xstrdup(updir);
	free(buf);
	free(updir);
	free(dir);
	return via;
}

/* The file a pyenv shim at shim runs, as pyenv exec chooses it; NULL if none. */
static char *
pyenv_target(const struct shim_ctx *c, const char *shim, const char *root,
    struct shim_choice *m, char **binpath)
{
	const char	*cmd = path_base(shim);
	char		*names, *origin, *w, *save = NULL, *shims, *v, *p = NULL;
	char		*list;

	names = pyenv_version_name(c, root, &origin);
	list = xasprintf("%s:system", names);
	shims = path_join(root, "shims");
	for (w = strtok_r(list, ":", &save); w != NULL; w = strtok_r(NULL, ":", &save)) {
		if (strcmp(w, "system") == 0) {
			p = c->lookup(c->arg, cmd, shims);
			v = xstrdup("system");
		} else if ((v = pyenv_resolve(root, w)) == NULL) {
			shim_problem(c, "run `pyenv install` for it, or name "
			    "an installed version (`pyenv versions`) there",
			    "pyenv: version `%s' is not installed (set by %s)", w,
			    origin);
			continue;
		} else
			p = xasprintf("%s/versions/%s/bin/%s", root, v, cmd);
		if (p != NULL && fs_is_exec(p)) {
			if (m != NULL) {
				m->version = v;
				m->origin = xstrdup(origin);
			} else
				free(v);
			if (strcmp(w, "system") != 0)
				*binpath = path_dir(p);
			break;
		}
		free(v);
		free(p);
		p = NULL;
	}
	if (p == NULL)
		shim_problem(c, "choose a version that has it (`pyenv "
		    "whence` lists them), or install it there",
		    "pyenv: %s: command not found in version %s (set by %s)", cmd,
		    names, origin);
	free(shims);
	free(list);
	free(names);
	free(origin);
	return p;
}

/* The plugin an asdf shim belongs to: its "# asdf-plugin: NAME" line, else python. */
static char *
asdf_plugin(const char *shim)
{
	char	*buf, *s, *r;

	if ((buf = read_file_at(AT_FDCWD, shim, HEAD_MAX, NULL)) == NULL)
		return xstrdup("python");
	if ((s = strstr(buf, "# asdf-plugin: ")) != NULL) {
		s += 15;
		r = xstrndup(s, strcspn(s, " \t\r\n"));
	} else
		r = xstrdup("python");
	free(buf);
	if (r[0] == '\0' || strchr(r, '/') != NULL) {
		free(r);
		r = xstrdup("python");
	}
	return r;
}

/* The versions of plugin on a .tool-versions line, ':'-separated, or NULL. */
static char *
tool_versions_read(const char *file, const char *plugin)
{
	struct sbuf	 sb = { 0 };
	char		*buf, *line, *save = NULL, *w, *save2;
	size_t		 len;

	if ((buf = read_file_at(AT_FDCWD, file, 65536, &len)) == NULL)
		return NULL;
	for (line = strtok_r(buf, "\n", &save); line != NULL && sb.s == NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		line[strcspn(line, "#")] = '\0';
		save2 = NULL;
		if ((w = strtok_r(line, " \t\r", &save2)) == NULL || strcmp(w, plugin) != 0)
			continue;
		while ((w = strtok_r(NULL, " \t\r", &save2)) != NULL) {
			if (sb.len > 0)
				sbuf_addc(&sb, ':');
			sbuf_adds(&sb, w);
		}
		if (sb.s == NULL)
			sbuf_adds(&sb, "");
	}
	free(buf);
	if (sb.s != NULL && sb.s[0] == '\0')
		sbuf_free(&sb);
	return sb.s;
}

/* The file an asdf shim runs; NULL if none. */
static char *
asdf_target(const struct shim_ctx *c, const char *shim, const char *root,
    struct shim_choice *m, char **binpath)
{
	const char	*cmd = path_base(shim), *fname;
	char		*plugin = asdf_plugin(shim), *var, *names = NULL, *origin = NULL;
	char		*d, *file, *up, *w, *save = NULL, *p = NULL, *shims, *vdir;
	size_t		 i;

	var = xasprintf("ASDF_%s_VERSION", plugin);
	for (i = 5; var[i] != '\0'; i++)
		var[i] = var[i] == '-' ? '_' : (char)toupper((unsigned char)var[i]);
	if (getenv(var) != NULL && getenv(var)[0] != '\0') {
		names = xstrdup(getenv(var));
		for (i = 0; names[i] != '\0'; i++)
			if (names[i] == ' ')
				names[i] = ':';
		origin = xasprintf("%s environment variable", var);
	}
	fname = getenv("ASDF_DEFAULT_TOOL_VERSIONS_FILENAME");
	if (fname == NULL || fname[0] == '\0' || strchr(fname, '/') != NULL)
		fname = ".tool-versions";
	for (d = path_absolute(c->cwd); names == NULL;) {
		file = path_join(d, fname);
		if ((names = tool_versions_read(file, plugin)) != NULL)
			origin = xstrdup(file);
		free(file);
		if (strcmp(d, "/") == 0)
			break;
		up = path_dir(d);
		free(d);
		d = up;
	}
	free(d);
	if (names == NULL) {
		file = path_home(fname);
		if ((names = tool_versions_read(file, plugin)) != NULL)
			origin = xstrdup(file);
		free(file);
	}
	if (names == NULL) {
		shim_problem(c, "add a line like `python 3.12.1` to "
		    ".tool-versions (`asdf set python VERSION`)",
		    "asdf: no version is set for %s (no %s line in a .tool-versions "
		    "file)", cmd, plugin);
		free(var);
		free(plugin);
		return NULL;
	}
	shims = path_join(root, "shims");
	for (w = strtok_r(names, ":", &save); w != NULL; w = strtok_r(NULL, ":", &save)) {
		if (strcmp(w, "system") == 0)
			p = c->lookup(c->arg, cmd, shims);
		else {
			if (strncmp(w, "path:", 5) == 0)
				vdir = path_absolute(w + 5);
			else if (strncmp(w, "ref:", 4) == 0)
				vdir = xasprintf("%s/installs/%s/ref-%s", root, plugin, w + 4);
			else
				vdir = xasprintf("%s/installs/%s/%s", root, plugin, w);
			if (strstr(w, "..") != NULL || !fs_is_dir(vdir)) {
				char *fix = xasprintf("run `asdf install %s %s`, or name "
				    "an installed version there", plugin, w);

				shim_problem(c, fix, "asdf: version %s of %s "
				    "is not installed (set by %s)", w, plugin, origin);
				free(fix);
				free(vdir);
				continue;
			}
			p = xasprintf("%s/bin/%s", vdir, cmd);
			free(vdir);
		}
		if (p != NULL && fs_is_exec(p)) {
			if (m != NULL) {
				m->version = xstrdup(w);
				m->origin = xstrdup(origin);
			}
			if (strcmp(w, "system") != 0)
				*binpath = path_dir(p);
			break;
		}
		free(p);
		p = NULL;
	}
	if (p == NULL)
		shim_problem(c, "choose a version that has it, or install "
		    "it there", "asdf: %s: command not found in %s (set by %s)", cmd,
		    plugin, origin);
	free(shims);
	free(names);
	free(origin);
	free(var);
	free(plugin);
	return p;
}

char *
shim_follow(const struct shim_ctx *c, const char *path, struct shim_choice *m,
    char **binpath)
{
	char		*cur = xstrdup(path), *root, *next;
	enum shim_kind	 via;
	int		 depth;

	for (depth = 0; depth < DEPTH_MAX; depth++) {
		if ((via = shim_of(cur, &root)) == SHIM_NONE)
			return cur;
		free(*binpath);
		*binpath = NULL;
		if (via == SHIM_PYENV)
			next = pyenv_target(c, cur, root, depth == 0 ? m : NULL, binpath);
		else
			next = asdf_target(c, cur, root, depth == 0 ? m : NULL, binpath);
		if (depth == 0 && m != NULL) {
			m->kind = via;
			m->target = next != NULL ? xstrdup(next) : NULL;
		}
		free(root);
		free(cur);
		if ((cur = next) == NULL)
			return NULL;
	}
	return cur;
}

void
shim_choice_free(struct shim_choice *m)
{
	free(m->version);
	free(m->origin);
	free(m->target);
	memset(m, 0, sizeof *m);
}
