/* which: PATH, links, shims and shebangs, read from disk, never run. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "index.h"
#include "msg.h"
#include "probe.h"
#include "scan.h"
#include "util.h"
#include "which.h"

#define HEAD_MAX	4096	/* what is read of a file to know a shim */
#define BINPRM_BUF	256	/* what Linux reads of a script for its #! line */
#define SH_EXEC_MAX	8192	/* pip's sh + exec form: its second line too */
#define DEPTH_MAX	4	/* interpreters of interpreters, shims of shims */

struct pathent {
	char	*raw;		/* as written in PATH */
	char	*abs;		/* absolute, as bash searches it: "" and relative
				   entries joined to cwd, a leading ~ expanded */
};

/* What is known about one environment, cached for the run. */
struct envinfo {
	char		*root, *name, *label, *site, *version;
	int		 venv;		/* a venv or a legacy virtualenv */
	int		 system_site;	/* a venv that sees the base's packages */
	struct envinfo	*next;
};

struct ctx {
	struct index		*ix;
	struct which_result	*r;
	struct pathent		*ents;
	size_t			 nents;
	char			*cwd;
	struct envinfo		*envs;
	int			 quiet;	/* resolving a counterpart: no problems */
};

static struct which_result *which_run_ctx(struct ctx *, const char *,
	    const char *, const char *);

const char *
which_via_name(enum which_via v)
{
	switch (v) {
	case WHICH_FILE:
		return "file";
	case WHICH_SYMLINK:
		return "symlink";
	case WHICH_PYENV_SHIM:
		return "pyenv-shim";
	case WHICH_ASDF_SHIM:
		return "asdf-shim";
	}
	return "file";
}

/* --- small helpers ------------------------------------------------------- */

static void
problem(struct ctx *c, enum which_level level, int general, const char *fix,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
problem(struct ctx *c, enum which_level level, int general, const char *fix,
    const char *fmt, ...)
{
	struct which_result	*r = c->r;
	struct which_problem	*p;
	va_list			 ap;
	char			*text;
	size_t			 i;

	if (c->quiet)
		return;
	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	for (i = 0; i < r->nproblems; i++) {
		if (strcmp(r->problems[i].text, text) == 0) {
			free(text);
			return;
		}
	}
	r->problems = xrealloc(r->problems, (r->nproblems + 1) * sizeof *p);
	p = &r->problems[r->nproblems++];
	p->level = level;
	p->general = general;
	p->text = text;
	p->fix = xstrdup(fix);
}



static int
is_broken_link(const char *path)
{
	struct stat	st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && stat(path, &st) == -1;
}

static char *
real_path(const char *path)
{
	char	buf[PATH_MAX];

	return realpath(path, buf) != NULL ? xstrdup(buf) : NULL;
}

/* The link's target as written, or NULL. */
static char *
link_text(const char *path)
{
	char	buf[PATH_MAX];
	ssize_t	n = readlink(path, buf, sizeof buf - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

/* The same file, folders resolved but not the last component. */
static char *
real_dir_path(const char *path)
{
	char	*dir = path_dir(path), *rdir = real_path(dir), *p;

	p = rdir != NULL ? path_join(rdir, path_base(path)) : path_absolute(path);
	free(rdir);
	free(dir);
	return p;
}

static int
same_path(const char *a, const char *b)
{
	char	*ra, *rb;
	int	 same;

	if (a == NULL || b == NULL)
		return 0;
	if (strcmp(a, b) == 0)
		return 1;
	ra = real_path(a);
	rb = real_path(b);
	same = ra != NULL && rb != NULL && strcmp(ra, rb) == 0;
	free(ra);
	free(rb);
	return same;
}

static char *
home_path(const char *rel)
{
	const char	*home = getenv("HOME");

	return path_join(home != NULL && home[0] == '/' ? home : "/", rel);
}

/* $var when set to an absolute path, else ~/rel. */
static char *
var_dir(const char *var, const char *rel)
{
	const char	*v = getenv(var);

	if (v != NULL && v[0] == '/')
		return path_absolute(v);
	return home_path(rel);
}

/* "python", "python3", "python3.12", "python3.13t", "pypy3.10". */
static int
pythonish(const char *base)
{
	const char	*p;

	if (strncmp(base, "python", 6) == 0)
		p = base + 6;
	else if (strncmp(base, "pypy", 4) == 0)
		p = base + 4;
	else
		return 0;
	while (isdigit((unsigned char)*p) || *p == '.')
		p++;
	if (*p == 't' || *p == 'm')
		p++;
	return *p == '\0';
}

/* --- PATH ---------------------------------------------------------------- */

static void
path_split(struct ctx *c, const char *path_env)
{
	const char	*p, *q, *home = getenv("HOME");
	char		*raw, *j;

	if (path_env == NULL)
		return;
	for (p = path_env;; p = q + 1) {
		q = strchr(p, ':');
		if (q == NULL)
			q = p + strlen(p);
		raw = xstrndup(p, (size_t)(q - p));
		c->ents = xrealloc(c->ents, (c->nents + 1) * sizeof *c->ents);
		c->ents[c->nents].raw = raw;
		if (raw[0] == '/')
			j = xstrdup(raw);
		else if ((raw[0] == '~' && (raw[1] == '\0' || raw[1] == '/')) &&
		    home != NULL && home[0] == '/')
			j = xasprintf("%s%s", home, raw + 1);	/* as bash does */
		else
			j = path_join(c->cwd, raw);
		c->ents[c->nents].abs = path_absolute(j);
		free(j);
		c->nents++;
		if (*q == '\0')
			break;
	}
}

/* A PATH entry bash expands (~/bin) but execvp(3), env and sh do not. */
static int
tilde_entry(const struct pathent *e)
{
	return e->raw[0] == '~';
}

/*
 * The first executable name on PATH (after the folder first, unless NULL),
 * skipping skip; as bash looks (shell) or as execvp(3) does.
 */
static char *
path_lookup(struct ctx *c, const char *name, const char *first, const char *skip,
    int shell)
{
	char	*p;
	size_t	 i;

	if (strchr(name, '/') != NULL) {
		p = name[0] == '/' ? path_absolute(name) : path_join(c->cwd, name);
		if (fs_is_exec(p))
			return p;
		free(p);
		return NULL;
	}
	if (first != NULL) {
		p = path_join(first, name);
		if (fs_is_exec(p))
			return p;
		free(p);
	}
	for (i = 0; i < c->nents; i++) {
		if ((skip != NULL && strcmp(c->ents[i].abs, skip) == 0) ||
		    (!shell && tilde_entry(&c->ents[i])))
			continue;
		p = path_join(c->ents[i].abs, name);
		if (fs_is_exec(p))
			return p;
		free(p);
	}
	return NULL;
}

/* What keeps the shell from searching the folder at path, or NULL. */
static const char *
dir_trouble(const char *path, const char **fix)
{
	struct stat	st;

	*fix = "remove it from PATH";
	if (stat(path, &st) == -1) {
		switch (errno) {
		case ELOOP:
			return "is a symbolic link loop";
		case EACCES:
			return "cannot be reached (permission denied)";
		case ENOTDIR:
			return "is not a folder";
		default:
			*fix = "remove it from PATH, or create it";
			return "does not exist";
		}
	}
	if (!S_ISDIR(st.st_mode))
		return "is a file, not a folder";
	if (access(path, X_OK) == -1) {
		*fix = "remove it from PATH, or let yourself search it (chmod +x)";
		return "cannot be searched (permission denied)";
	}
	return NULL;
}

/* Relative, empty, missing and repeated PATH entries. */
static void
path_problems(struct ctx *c)
{
	const char	*why, *fix;
	size_t		 i, j;

	for (i = 0; i < c->nents; i++) {
		const char *raw = c->ents[i].raw;

		if (raw[0] == '\0')
			problem(c, WHICH_WARN, 1, "remove the empty entry from PATH "
			    "(in the file that sets it, e.g. ~/.profile)",
			    "PATH has an empty entry (a leading, trailing or double "
			    "':'), which means the current folder: a python or pip in "
			    "whatever folder you are in runs first");
		else if (raw[0] == '~')
			problem(c, WHICH_WARN, 1, "write $HOME instead of ~ where PATH is "
			    "set (a ~ inside quotes is not expanded)", "PATH entry '%s' "
			    "starts with ~: bash expands it, but sh, env and other "
			    "programs do not, so `#!/usr/bin/env` scripts do not find "
			    "what is there", raw);
		else if (raw[0] != '/')
			problem(c, WHICH_WARN, 1, "use an absolute path in PATH, or "
			    "remove the entry", "PATH entry '%s' is relative: what "
			    "runs depends on the folder you are in", raw);
		if ((raw[0] == '/' || raw[0] == '~') &&
		    (why = dir_trouble(c->ents[i].abs, &fix)) != NULL)
			problem(c, WHICH_WARN, 1, fix, "PATH entry %s %s", raw, why);
		for (j = 0; j < i; j++) {
			if (raw[0] != '\0' && strcmp(c->ents[j].abs, c->ents[i].abs) == 0) {
				problem(c, WHICH_WARN, 1, "remove the repeated entry "
				    "(a startup file that adds it each time it runs?)",
				    "%s is on PATH more than once", c->ents[i].abs);
				break;
			}
		}
	}
}

/* --- shebangs ------------------------------------------------------------ */

static int
blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

enum sb {
	SB_NONE,	/* no #! line the kernel takes: a binary, or sh runs it */
	SB_OK,
	SB_LONG		/* #!, but the interpreter's name does not fit in BINPRM_BUF */
};

/*
 * The #! line of buf as Linux's binfmt_script reads it: the first
 * BINPRM_BUF bytes, the interpreter's name up to a blank or NUL, the rest
 * of the line one argument, blanks around it trimmed but a '\r' kept.
 * *interp and *arg are allocated (*arg "" when none) when SB_OK.
 */
static enum sb
shebang(const char *buf, size_t len, char **interp, char **arg)
{
	char	 b[BINPRM_BUF], *last = b + sizeof b - 1, *end, *name, *sep, *a;

	memset(b, 0, sizeof b);
	memcpy(b, buf, len < sizeof b ? len : sizeof b);
	if (b[0] != '#' || b[1] != '!')
		return SB_NONE;
	for (end = b; end < b + sizeof b && *end != '\0' && *end != '\n'; end++)
		;
	if (end == b + sizeof b || *end != '\n') {
		/* No newline: the name must end before the buffer does. */
		for (name = b + 2; name <= last && blank(*name); name++)
			;
		for (sep = name; sep <= last && !blank(*sep) && *sep != '\0'; sep++)
			;
		if (name > last)
			return SB_NONE;
		if (sep > last)
			return SB_LONG;
		end = last;
	}
	while (blank(end[-1]))
		end--;
	for (name = b + 2; name < end && blank(*name); name++)
		;
	if (name == end || *name == '\0')
		return SB_NONE;
	for (sep = name; sep < end && !blank(*sep) && *sep != '\0'; sep++)
		;
	*interp = xstrndup(name, (size_t)(sep - name));
	for (a = sep; a < end && *a != '\0' && blank(*a); a++)
		;
	*arg = a < end && *sep != '\0' ? xstrndup(a, strnlen(a, (size_t)(end - a))) :
	    xstrdup("");
	return SB_OK;
}

/* The command `#!/usr/bin/env ARG` runs, or NULL (allocated). */
static char *
env_command(const char *arg)
{
	const char	*p = arg, *s;
	char		*w;

	if (strncmp(p, "-S", 2) != 0) {
		/* Without -S the kernel passes the rest as one word. */
		return p[0] != '\0' && p[0] != '-' ? xstrdup(p) : NULL;
	}
	p += 2;
	for (;;) {
		while (blank(*p))
			p++;
		if (*p == '\0')
			return NULL;
		for (s = p; *p != '\0' && !blank(*p); p++)
			;
		w = xstrndup(s, (size_t)(p - s));
		if (strcmp(w, "-u") == 0 || strcmp(w, "-C") == 0 ||
		    strcmp(w, "--unset") == 0 || strcmp(w, "--chdir") == 0) {
			free(w);
			while (blank(*p))
				p++;
			while (*p != '\0' && !blank(*p))
				p++;
			continue;
		}
		if (w[0] == '-' || strchr(w, '=') != NULL) {
			free(w);
			continue;
		}
		return w;
	}
}

/* uv's relocatable scripts: their own folder, as two versions of uv write it. */
static const char reloc_real[] = "\"$(dirname -- \"$(realpath -- \"$0\")\")\"";
static const char reloc_cd[] =
    "\"$(CDPATH= cd -- \"$(dirname -- \"$0\")\" && echo \"$PWD\")\"";

/*
 * The first word of the shell line p as sh expands it: quotes and
 * backslashes removed, uv's relocatable forms replaced by the folder of
 * script ($0) or of real (the file it resolves to). NULL when it needs
 * anything else expanded or is not an absolute path. Allocated.
 */
static char *
sh_word(const char *p, const char *script, const char *real)
{
	struct sbuf	 sb = { 0 };
	const char	*q;
	char		*d;

	sbuf_add(&sb, "", 0);
	while (*p != '\0' && strchr(" \t\n;&|<>()", *p) == NULL) {
		if (strncmp(p, reloc_real, sizeof reloc_real - 1) == 0) {
			d = path_dir(real);
			sbuf_adds(&sb, d);
			free(d);
			p += sizeof reloc_real - 1;
		} else if (strncmp(p, reloc_cd, sizeof reloc_cd - 1) == 0) {
			d = path_dir(script);
			sbuf_adds(&sb, d);
			free(d);
			p += sizeof reloc_cd - 1;
		} else if (*p == '\'') {
			if ((q = strchr(p + 1, '\'')) == NULL)
				goto bad;
			sbuf_add(&sb, p + 1, (size_t)(q - p - 1));
			p = q + 1;
		} else if (*p == '"') {
			for (p++; *p != '"'; p++) {
				if (*p == '\0' || *p == '$' || *p == '`')
					goto bad;
				if (*p == '\\' && p[1] != '\0' && strchr("$`\"\\", p[1]) != NULL)
					p++;
				sbuf_addc(&sb, *p);
			}
			p++;
		} else if (*p == '\\' && p[1] != '\0' && p[1] != '\n') {
			sbuf_addc(&sb, p[1]);
			p += 2;
		} else if (*p == '$' || *p == '`' || *p == '\\')
			goto bad;
		else
			sbuf_addc(&sb, *p++);
	}
	if (sb.s[0] == '/')
		return sbuf_steal(&sb);
bad:
	sbuf_free(&sb);
	return NULL;
}

/*
 * pip's, installer's and uv's form for long paths: #!/bin/sh, then
 * '''exec' PYTHON "$0" "$@" with PYTHON quoted for sh. NULL when not.
 */
static char *
sh_exec_interp(const char *script, const char *real)
{
	char	*buf, *p, *r = NULL;
	size_t	 len;

	if ((buf = read_file_at(AT_FDCWD, real, SH_EXEC_MAX, &len)) == NULL)
		return NULL;
	if (memchr(buf, '\0', len) == NULL && (p = strchr(buf, '\n')) != NULL &&
	    strncmp(p + 1, "'''exec' ", 9) == 0) {
		for (p += 10; blank(*p); p++)
			;
		r = sh_word(p, script, real);
	}
	free(buf);
	return r;
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
pyenv_version_name(struct ctx *c, const char *root, char **origin)
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
static enum which_via
shim_kind(const char *path, char **root)
{
	char		*buf, *dir, *updir, *env, *s;
	size_t		 len;
	enum which_via	 via = WHICH_FILE;

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
		via = WHICH_PYENV_SHIM;
		if ((s = strstr(buf, "export PYENV_ROOT=\"")) != NULL) {
			s += 19;
			*root = xstrndup(s, strcspn(s, "\"\n"));
		}
	} else if (buf != NULL && strncmp(buf, "#!", 2) == 0 &&
	    strstr(buf, "asdf exec") != NULL)
		via = WHICH_ASDF_SHIM;
	if (via == WHICH_FILE || *root == NULL) {
		env = var_dir("PYENV_ROOT", ".pyenv");
		s = path_join(env, "shims");
		if (strcmp(s, dir) == 0 && via != WHICH_ASDF_SHIM) {
			via = WHICH_PYENV_SHIM;
			*root = xstrdup(env);
		}
		free(s);
		free(env);
	}
	if (via == WHICH_FILE || (via == WHICH_ASDF_SHIM && *root == NULL)) {
		env = var_dir("ASDF_DATA_DIR", ".asdf");
		s = path_join(env, "shims");
		if (strcmp(s, dir) == 0) {
			via = WHICH_ASDF_SHIM;
			*root = xstrdup(env);
		}
		free(s);
		free(env);
	}
	if (via != WHICH_FILE && *root == NULL)
		*root = xstrdup(updir);
	free(buf);
	free(updir);
	free(dir);
	return via;
}

/* The file a pyenv shim at shim runs, as pyenv exec chooses it; NULL if none. */
static char *
pyenv_target(struct ctx *c, const char *shim, const char *root,
    struct which_match *m, char **binpath)
{
	const char	*cmd = path_base(shim);
	char		*names, *origin, *w, *save = NULL, *shims, *v, *p = NULL;
	char		*list;

	names = pyenv_version_name(c, root, &origin);
	list = xasprintf("%s:system", names);
	shims = path_join(root, "shims");
	for (w = strtok_r(list, ":", &save); w != NULL; w = strtok_r(NULL, ":", &save)) {
		if (strcmp(w, "system") == 0) {
			p = path_lookup(c, cmd, NULL, shims, 1);
			v = xstrdup("system");
		} else if ((v = pyenv_resolve(root, w)) == NULL) {
			problem(c, WHICH_ERROR, 0, "run `pyenv install` for it, or name "
			    "an installed version (`pyenv versions`) there",
			    "pyenv: version `%s' is not installed (set by %s)", w,
			    origin);
			continue;
		} else
			p = xasprintf("%s/versions/%s/bin/%s", root, v, cmd);
		if (p != NULL && fs_is_exec(p)) {
			if (m != NULL) {
				m->shim_version = v;
				m->shim_origin = xstrdup(origin);
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
		problem(c, WHICH_ERROR, 0, "choose a version that has it (`pyenv "
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
asdf_target(struct ctx *c, const char *shim, const char *root,
    struct which_match *m, char **binpath)
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
		file = home_path(fname);
		if ((names = tool_versions_read(file, plugin)) != NULL)
			origin = xstrdup(file);
		free(file);
	}
	if (names == NULL) {
		problem(c, WHICH_ERROR, 0, "add a line like `python 3.12.1` to "
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
			p = path_lookup(c, cmd, NULL, shims, 1);
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

				problem(c, WHICH_ERROR, 0, fix, "asdf: version %s of %s "
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
				m->shim_version = xstrdup(w);
				m->shim_origin = xstrdup(origin);
			}
			if (strcmp(w, "system") != 0)
				*binpath = path_dir(p);
			break;
		}
		free(p);
		p = NULL;
	}
	if (p == NULL)
		problem(c, WHICH_ERROR, 0, "choose a version that has it, or install "
		    "it there", "asdf: %s: command not found in %s (set by %s)", cmd,
		    plugin, origin);
	free(shims);
	free(names);
	free(origin);
	free(var);
	free(plugin);
	return p;
}

/*
 * Follows shims from path: the file that is really exec'd (allocated; path
 * itself when it is no shim), or NULL. *binpath gets the folder a shim puts
 * first on PATH.
 */
static char *
unshim(struct ctx *c, const char *path, struct which_match *m, char **binpath)
{
	char		*cur = xstrdup(path), *root, *next;
	enum which_via	 via;
	int		 depth;

	for (depth = 0; depth < DEPTH_MAX; depth++) {
		if ((via = shim_kind(cur, &root)) == WHICH_FILE)
			return cur;
		free(*binpath);
		*binpath = NULL;
		if (via == WHICH_PYENV_SHIM)
			next = pyenv_target(c, cur, root, depth == 0 ? m : NULL, binpath);
		else
			next = asdf_target(c, cur, root, depth == 0 ? m : NULL, binpath);
		if (depth == 0 && m != NULL) {
			m->via = via;
			m->target = next != NULL ? xstrdup(next) : NULL;
		}
		free(root);
		free(cur);
		if ((cur = next) == NULL)
			return NULL;
	}
	return cur;
}

/* --- environments -------------------------------------------------------- */

/* The site folder `pip install` writes to, from the index's site lines. */
static char *
pick_site(const char *root, const char *sites)
{
	char		*user = home_path(".local"), *best = NULL;
	const char	*p, *e;

	for (p = sites; p != NULL && *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		if (e == p)
			continue;
		char *s = xstrndup(p, (size_t)(e - p));
		if (strcmp(root, "/usr") == 0 && strncmp(s, "/usr/local/", 11) == 0) {
			free(best);
			best = s;
			break;
		}
		if (best == NULL && !path_is_under(s, user))
			best = s;
		else
			free(s);
	}
	free(user);
	return best;
}

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s != NULL ? xstrdup((const char *)s) : NULL;
}

/* Fills e from the index (indexing root on the spot); 0, or -1 when not there. */
static int
env_from_index(struct ctx *c, struct envinfo *e, int scan)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	if (c->ix == NULL || sqlite3_prepare_v2(index_db(c->ix), "SELECT name,"
	    " coalesce(manager, kind), python, site, kind IN ('venv',"
	    " 'virtualenv-legacy'), system_site FROM env WHERE path = ?1", -1,
	    &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, e->root, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		e->name = col_dup(st, 0);
		e->label = col_dup(st, 1);
		e->version = col_dup(st, 2);
		e->site = pick_site(e->root, (const char *)sqlite3_column_text(st, 3));
		e->venv = sqlite3_column_int(st, 4);
		e->system_site = sqlite3_column_int(st, 5);
		rc = 0;
	}
	sqlite3_finalize(st);
	if (rc == -1 && scan && scan_one(c->ix, e->root) == 0)
		return env_from_index(c, e, 0);
	return rc;
}

/* What is known of the environment at root (cached). */
static struct envinfo *
env_info(struct ctx *c, const char *root)
{
	struct envinfo	*e;
	struct env	 pe;
	struct sbuf	 sb = { 0 };
	size_t		 i;

	for (e = c->envs; e != NULL; e = e->next)
		if (strcmp(e->root, root) == 0)
			return e;
	e = xcalloc(1, sizeof *e);
	e->root = xstrdup(root);
	e->next = c->envs;
	c->envs = e;
	if (env_from_index(c, e, 1) == 0 || !probe_env(root, &pe))
		return e;
	e->name = xstrdup(pe.name);
	e->label = xstrdup(pe.manager != NULL ? pe.manager : env_kind_name(pe.kind));
	e->version = pe.python != NULL ? xstrdup(pe.python) : NULL;
	e->venv = pe.kind == KIND_VENV || pe.kind == KIND_LEGACY;
	e->system_site = pe.system_site;
	for (i = 0; i < pe.nsite; i++) {
		sbuf_adds(&sb, pe.site[i]);
		sbuf_addc(&sb, '\n');
	}
	e->site = pick_site(root, sb.s);
	sbuf_free(&sb);
	env_free(&pe);
	return e;
}

static int
indexed(struct ctx *c, const char *path)
{
	sqlite3_stmt	*st;
	int		 found = 0;

	if (c->ix == NULL || sqlite3_prepare_v2(index_db(c->ix),
	    "SELECT 1 FROM env WHERE path = ?1", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/*
 * The environment a program at path belongs to, as Python finds its prefix:
 * a pyvenv.cfg beside or above the unresolved path, else the installation
 * holding the resolved file. Allocated, or NULL.
 */
static char *
env_root(struct ctx *c, const char *path)
{
	struct env	 pe;
	char		*p = real_dir_path(path), *dir = path_dir(p), *up, *cfg, *real;
	int		 k;

	for (k = 0; k < 2; k++) {
		cfg = path_join(dir, "pyvenv.cfg");
		if (access(cfg, F_OK) == 0) {
			free(cfg);
			free(p);
			return dir;
		}
		free(cfg);
		up = path_dir(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	real = real_path(p);
	dir = path_dir(real != NULL ? real : p);
	free(real);
	free(p);
	for (;;) {
		if (indexed(c, dir))
			return dir;
		if (probe_env(dir, &pe)) {
			env_free(&pe);
			return dir;
		}
		if (strcmp(dir, "/") == 0)
			break;
		up = path_dir(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	return NULL;
}

/* pip's reading of a PIP_* variable (strtobool): set and true. */
static int
pip_bool(const char *var)
{
	static const char	*yes[] = { "1", "y", "yes", "t", "true", "on" };
	const char		*v = getenv(var);
	size_t			 i;

	for (i = 0; v != NULL && i < nitems(yes); i++)
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
	return 0;
}

/* pip's test_writable_dir: the folder, or the nearest one above that exists. */
static int
writable(const char *dir)
{
	char	*d = xstrdup(dir), *up;
	int	 ok;

	while (!fs_is_dir(d) && strcmp(d, "/") != 0) {
		up = path_dir(d);
		free(d);
		d = up;
	}
	ok = access(d, W_OK) == 0;
	free(d);
	return ok;
}

/* "python3.12" of ".../lib/python3.12/site-packages", or NULL. */
static char *
site_pydir(const char *site)
{
	const char	*p, *q = NULL;

	for (p = site; (p = strstr(p, "/lib/python")) != NULL; p++)
		q = p + 5;
	return q != NULL ? xstrndup(q, strcspn(q, "/")) : NULL;
}

/*
 * Where a plain `pip install` run by e's Python writes, as pip decides:
 * the user site when PIP_USER says so, or when the environment's own site
 * is not writable and the user site is enabled; else its own site. And
 * whether PEP 668's EXTERNALLY-MANAGED makes pip refuse.
 */
static void
install_site(struct ctx *c, struct which_match *m, const struct envinfo *e)
{
	const char	*ub = getenv("PYTHONUSERBASE"), *nous = getenv("PYTHONNOUSERSITE");
	char		*pydir, *f, *user;
	int		 no_global, enabled;

	if (e->site == NULL)
		return;
	m->site = xstrdup(e->site);
	if ((pydir = site_pydir(e->site)) == NULL)
		return;
	f = xasprintf("%s/lib/%s/no-global-site-packages.txt", e->root, pydir);
	no_global = e->venv && (!e->system_site || access(f, F_OK) == 0);
	free(f);
	enabled = !no_global && (nous == NULL || nous[0] == '\0') &&
	    getuid() == geteuid() && getgid() == getegid();
	if (ub != NULL && ub[0] == '/')
		user = xasprintf("%s/lib/%s/site-packages", ub, pydir);
	else {
		f = xasprintf(".local/lib/%s/site-packages", pydir);
		user = home_path(f);
		free(f);
	}
	if (pip_bool("PIP_USER") && no_global) {
		if (strncmp(c->r->command, "pip", 3) == 0)
			problem(c, WHICH_ERROR, 0, "unset PIP_USER, or set it only "
			    "outside environments", "PIP_USER is set, but %s does not "
			    "see the user site: pip install fails with \"Can not "
			    "perform a '--user' install\"", e->root);
	} else if (pip_bool("PIP_USER") || (enabled && !writable(e->site))) {
		free(m->site);
		m->site = user;
		user = NULL;
		m->user_site = 1;
	}
	if (!e->venv) {
		f = xasprintf("%s/lib/%s/EXTERNALLY-MANAGED", e->root, pydir);
		m->externally_managed = access(f, F_OK) == 0 &&
		    !pip_bool("PIP_BREAK_SYSTEM_PACKAGES");
		free(f);
	}
	free(user);
	free(pydir);
}

static void
set_env(struct ctx *c, struct which_match *m)
{
	struct envinfo	*e;

	if (m->interpreter == NULL || m->interp_missing ||
	    (m->env = env_root(c, m->interpreter)) == NULL)
		return;
	e = env_info(c, m->env);
	m->env_name = e->name != NULL ? xstrdup(e->name) : NULL;
	m->env_label = e->label != NULL ? xstrdup(e->label) : NULL;
	m->version = e->version != NULL ? xstrdup(e->version) : NULL;
	install_site(c, m, e);
}

/* --- one match ----------------------------------------------------------- */

/* Says what is wrong with a script's missing interpreter. */
static void
interp_missing(struct ctx *c, const char *script, const char *interp)
{
	char	*loc = env_root(c, script), *lnk = link_text(interp), *fix, *py;

	py = loc != NULL ? path_join(loc, "bin/python") : NULL;
	if (py != NULL && fs_is_exec(py) && !path_is_under(interp, loc))
		fix = xasprintf("the environment was moved or copied: recreate it "
		    "(`python3 -m venv --clear %s`), or run `%s -m pip install "
		    "--force-reinstall pip` to rewrite its scripts", loc, py);
	else if (loc != NULL && path_is_under(interp, loc))
		fix = xasprintf("its base interpreter was removed: recreate the "
		    "environment (`python3 -m venv --clear %s`)", loc);
	else
		fix = xstrdup("reinstall what installed it with a Python that exists");
	if (lnk != NULL)
		problem(c, WHICH_ERROR, 0, fix, "%s runs %s, a broken link to %s: "
		    "it fails with 'bad interpreter'", script, interp, lnk);
	else
		problem(c, WHICH_ERROR, 0, fix, "%s runs %s, which does not exist: "
		    "it fails with 'bad interpreter'", script, interp);
	free(fix);
	free(py);
	free(lnk);
	free(loc);
}

/*
 * The Python that runs the file exec'd at path (real: its resolved file):
 * the file itself for an interpreter, a script's shebang (env and pip's sh
 * form understood, shims followed). Allocated, or NULL.
 */
static char *
interpreter_of(struct ctx *c, struct which_match *m, const char *path,
    const char *real, const char *binpath, int depth)
{
	char	*buf, *interp = NULL, *arg = NULL, *next = NULL, *found, *bp = NULL;
	char	*cmd, *fix;
	size_t	 len;
	enum sb	 k;
	int	 crlf, hashbang;

	if ((buf = read_file_at(AT_FDCWD, real, BINPRM_BUF, &len)) == NULL)
		return NULL;
	k = shebang(buf, len, &interp, &arg);
	hashbang = len >= 2 && buf[0] == '#' && buf[1] == '!';
	free(buf);
	if (k == SB_LONG && depth == 0)
		problem(c, WHICH_ERROR, 0, "reinstall it with a current pip or uv, "
		    "which write a `#!/bin/sh` line for long paths, or make the "
		    "path shorter", "%s names an interpreter longer than the %d "
		    "bytes Linux reads of a #! line: the kernel refuses it and the "
		    "shell runs the file as a shell script", real, BINPRM_BUF - 1);
	if (k != SB_OK) {
		/* A binary named like Python is one; sh runs other files. */
		if (!hashbang && (pythonish(path_base(path)) || pythonish(path_base(real))))
			return xstrdup(path);
		return NULL;
	}
	/* The kernel keeps a '\r' before the newline: no such file, or a bad option. */
	crlf = (interp[0] != '\0' && interp[strlen(interp) - 1] == '\r') ||
	    (arg[0] != '\0' && arg[strlen(arg) - 1] == '\r');
	if (crlf && depth == 0) {
		fix = xasprintf("convert it to Unix line endings: `sed -i 's/\\r$//' "
		    "%s` (or dos2unix)", real);
		problem(c, WHICH_ERROR, 0, fix, "%s has Windows (CRLF) line endings: "
		    "its #! line ends in a carriage return, so it fails to start",
		    real);
		free(fix);
	}
	if (interp[0] != '/') {
		/* The kernel opens a relative name from the current folder. */
		next = path_join(c->cwd, interp);
		free(interp);
		interp = next;
		next = NULL;
	}
	if (strcmp(path_base(interp), "env") == 0) {
		cmd = env_command(arg);
		if ((cmd == NULL || (next = path_lookup(c, cmd, binpath, NULL, 0)) == NULL) &&
		    !crlf) {
			if (cmd != NULL && strpbrk(cmd, " \t") != NULL)
				fix = xasprintf("write `#!%s -S %s`: without -S, env takes "
				    "the whole line as one command name", interp, arg);
			else
				fix = xstrdup("install it, or put its folder on PATH");
			problem(c, WHICH_ERROR, 0, fix, "%s starts with `#!%s %s` but "
			    "%s is not on PATH", real, interp, arg, cmd != NULL ? cmd :
			    "the command");
			free(fix);
		}
		free(cmd);
	} else if (strcmp(path_base(interp), "sh") == 0 &&
	    (next = sh_exec_interp(path, real)) != NULL)
		;
	else
		next = xstrdup(interp);
	free(interp);
	free(arg);
	if (next == NULL)
		return NULL;
	if (!fs_is_exec(next)) {
		if (depth == 0) {
			m->interp_missing = 1;
			if (!crlf)
				interp_missing(c, real, next);
		}
		return next;
	}
	/* The interpreter may itself be a shim, or a wrapper around Python. */
	found = unshim(c, next, NULL, &bp);
	free(next);
	if (found != NULL && (buf = real_path(found)) != NULL) {
		if (!pythonish(path_base(found)) && !pythonish(path_base(buf))) {
			next = depth < DEPTH_MAX ?
			    interpreter_of(c, m, found, buf, bp, depth + 1) : NULL;
			free(found);
			found = next;
		}
		free(buf);
	}
	free(bp);
	return found;
}

static void
resolve_match(struct ctx *c, struct which_match *m)
{
	struct stat	 st;
	char		*target, *binpath = NULL;

	if (lstat(m->path, &st) == 0 && S_ISLNK(st.st_mode))
		m->via = WHICH_SYMLINK;
	if ((target = unshim(c, m->path, m, &binpath)) == NULL)
		return;
	if ((m->resolved = real_path(target)) != NULL)
		m->interpreter = interpreter_of(c, m, target, m->resolved, binpath, 0);
	set_env(c, m);
	free(binpath);
	free(target);
}

/* --- problems across commands and variables ------------------------------ */

/* How to activate the environment at v (named by var) again. */
static char *
fix_again(const char *var, const char *v)
{
	if (strcmp(var, "VIRTUAL_ENV") == 0)
		return xasprintf("activate it again (`. %s/bin/activate`), or "
		    "`deactivate`", v);
	return xasprintf("activate it again (`conda activate %s`), or `conda "
	    "deactivate`", v);
}

static void
active_problems(struct ctx *c, const char *var)
{
	const char	*v = getenv(var), *pv;
	char		*bin, *fix;
	size_t		 i;

	if (v == NULL || v[0] == '\0')
		return;
	if (!fs_is_dir(v)) {
		problem(c, WHICH_ERROR, 1, strcmp(var, "VIRTUAL_ENV") == 0 ?
		    "run `deactivate` (or unset VIRTUAL_ENV and remove its bin/ from "
		    "PATH)" : "run `conda deactivate`", "%s is %s, which does not "
		    "exist (the environment was removed or moved)", var, v);
		return;
	}
	bin = path_join(v, "bin");
	for (i = 0; i < c->nents; i++)
		if (same_path(c->ents[i].abs, bin))
			break;
	/* pyenv-virtualenv's activate sets both and leaves PATH to the shims. */
	pv = getenv("PYENV_VIRTUAL_ENV");
	if (i == c->nents && (pv == NULL || !same_path(pv, v))) {
		fix = fix_again(var, v);
		problem(c, WHICH_WARN, 1, fix, "%s is %s but %s is not on PATH",
		    var, v, bin);
		free(fix);
	}
	free(bin);
}

/* A winner outside the active VIRTUAL_ENV or CONDA_PREFIX. */
static void
outside_active(struct ctx *c, const struct which_match *m, const char *var)
{
	const char	*v = getenv(var), *pv;
	char		*mine, *rv, *rm, *fix;
	size_t		 i;
	int		 inside;

	if (v == NULL || v[0] == '\0' || !fs_is_dir(v))
		return;
	rv = real_path(v);
	rm = m->env != NULL ? real_path(m->env) : NULL;
	inside = rv != NULL && ((rm != NULL && strcmp(rm, rv) == 0) ||
	    (m->resolved != NULL && path_is_under(m->resolved, rv)));
	free(rm);
	free(rv);
	if (inside)
		return;
	mine = xasprintf("%s/bin/%s", v, c->r->command);
	if (!fs_is_exec(mine) && !pythonish(c->r->command) &&
	    strncmp(c->r->command, "pip", 3) != 0 && m->interpreter == NULL)
		;	/* ls, git: not the environment's business */
	else if (!fs_is_exec(mine)) {
		fix = strncmp(c->r->command, "pip", 3) == 0 ?
		    xstrdup("run `python -m pip`, or `python -m ensurepip` to add pip "
		    "to it") : xasprintf("install %s into it, or run it as `python "
		    "-m ...`", c->r->command);
		problem(c, WHICH_ERROR, 0, fix, "the active environment %s (%s) has "
		    "no %s, so %s runs instead", v, var, c->r->command, m->path);
		free(fix);
	} else if (m->via == WHICH_PYENV_SHIM || m->via == WHICH_ASDF_SHIM) {
		pv = getenv("PYENV_VIRTUAL_ENV");
		fix = pv != NULL && same_path(pv, v) ? xstrdup("run `pyenv activate` "
		    "again (it sets PYENV_VERSION), or `pyenv deactivate`") :
		    fix_again(var, v);
		problem(c, WHICH_ERROR, 0, fix, "%s is %s but %s runs %s: the %s "
		    "shim chose version %s (set by %s)", var, v, c->r->command,
		    m->target != NULL ? m->target : m->path, m->via ==
		    WHICH_PYENV_SHIM ? "pyenv" : "asdf", m->shim_version != NULL ?
		    m->shim_version : "?", m->shim_origin != NULL ? m->shim_origin :
		    "?");
		free(fix);
	} else {
		char *dir = path_dir(m->path), *bin = path_join(v, "bin");

		for (i = 0; i < c->nents; i++)
			if (same_path(c->ents[i].abs, bin))
				break;
		fix = fix_again(var, v);
		if (i < c->nents)
			problem(c, WHICH_ERROR, 0, fix, "%s is %s but %s runs %s: "
			    "PATH has %s before %s", var, v, c->r->command, m->path,
			    dir, bin);
		else
			problem(c, WHICH_ERROR, 0, fix, "%s is %s but %s runs %s: "
			    "%s is not on PATH", var, v, c->r->command, m->path, bin);
		free(fix);
		free(bin);
		free(dir);
	}
	free(mine);
}

/* For pip, pip3, pip3.12: the python to compare with. */
static void
pip_vs_python(struct ctx *c, const struct which_match *m, const char *path_env)
{
	const char		*cmd = c->r->command, *sfx;
	struct which_result	*pr;
	struct ctx		 sub;
	char			*names[3];
	size_t			 k;

	if (strncmp(cmd, "pip", 3) != 0 || m->env == NULL)
		return;
	for (sfx = cmd + 3; *sfx != '\0'; sfx++)
		if (!isdigit((unsigned char)*sfx) && *sfx != '.')
			return;
	names[0] = xasprintf("python%s", cmd + 3);
	names[1] = xstrdup("python3");
	names[2] = xstrdup("python");
	for (k = 0; k < nitems(names); k++) {
		memset(&sub, 0, sizeof sub);
		sub.ix = c->ix;
		sub.quiet = 1;
		pr = NULL;
		if (k == 0 || strcmp(names[k], names[0]) != 0)
			pr = which_run_ctx(&sub, names[k], path_env, c->cwd);
		if (pr != NULL && pr->nmatches > 0) {
			const struct which_match *py = &pr->matches[0];

			if (py->env != NULL && strcmp(py->env, m->env) != 0 &&
			    !same_path(py->env, m->env))
				problem(c, WHICH_ERROR, 0, "run `python -m pip` instead",
				    "%s installs into %s but %s is %s", cmd, m->env,
				    names[k], py->interpreter != NULL ? py->interpreter :
				    py->path);
			which_free(pr);
			break;
		}
		which_free(pr);
	}
	for (k = 0; k < nitems(names); k++)
		free(names[k]);
}

/* A script that lives in one environment but runs another's interpreter. */
static void
foreign_script(struct ctx *c, const struct which_match *m)
{
	char	*loc, *fix, *py;

	if (m->env == NULL || m->resolved == NULL || m->interpreter == NULL ||
	    strcmp(m->interpreter, m->path) == 0 ||
	    (m->target != NULL && strcmp(m->interpreter, m->target) == 0))
		return;
	if ((loc = env_root(c, m->resolved)) == NULL)
		return;
	py = path_join(loc, "bin/python");
	if (strcmp(loc, m->env) != 0 && !same_path(loc, m->env) && fs_is_exec(py)) {
		fix = xasprintf("run `%s -m pip` instead; recreate %s (`python3 -m venv "
		    "--clear %s`) to fix its scripts", py, loc, loc);
		problem(c, WHICH_ERROR, 0, fix, "%s lives in %s but runs %s: it "
		    "installs into %s (the environment was copied or moved)",
		    m->resolved, loc, m->interpreter, m->env);
		free(fix);
	}
	free(py);
	free(loc);
}

/* --- the run ------------------------------------------------------------- */

static void
add_match(struct ctx *c, const char *path)
{
	struct which_result	*r = c->r;

	r->matches = xrealloc(r->matches, (r->nmatches + 1) * sizeof *r->matches);
	memset(&r->matches[r->nmatches], 0, sizeof *r->matches);
	r->matches[r->nmatches].path = xstrdup(path);
	r->matches[r->nmatches].wins = r->nmatches == 0;
	r->nmatches++;
}

static void
broken_link(struct ctx *c, const char *path)
{
	struct stat	 st;
	char		*lnk = link_text(path), *venv = path_dir(path), *up = path_dir(venv);
	char		*cfg = path_join(up, "pyvenv.cfg"), *fix;

	if (stat(path, &st) == -1 && errno == ELOOP)
		problem(c, WHICH_ERROR, 0, "remove the link, or point it at a file",
		    "%s is a symbolic link loop: the shell skips it", path);
	else {
		if (access(cfg, F_OK) == 0)
			fix = xasprintf("its base interpreter was removed: recreate "
			    "the environment (`python3 -m venv --clear %s`)", up);
		else
			fix = xstrdup("remove the link, or restore what it points to");
		problem(c, WHICH_ERROR, 0, fix, "%s is a broken link to %s: the "
		    "shell skips it", path, lnk != NULL ? lnk : "?");
		free(fix);
	}
	free(cfg);
	free(up);
	free(venv);
	free(lnk);
}

static struct which_result *
which_run_ctx(struct ctx *c, const char *command, const char *path_env,
    const char *cwd)
{
	struct which_result	*r = xcalloc(1, sizeof *r);
	struct envinfo		*e, *next;
	char			*p;
	size_t			 i;

	c->r = r;
	r->command = xstrdup(command);
	c->cwd = cwd != NULL && cwd[0] == '/' ? path_absolute(cwd) : path_absolute(".");
	path_split(c, path_env);
	path_problems(c);
	active_problems(c, "VIRTUAL_ENV");
	active_problems(c, "CONDA_PREFIX");

	if (command[0] == '\0')
		;
	else if (strchr(command, '/') != NULL) {
		if ((p = path_lookup(c, command, NULL, NULL, 1)) != NULL)
			add_match(c, p);
		free(p);
	} else {
		for (i = 0; i < c->nents; i++) {
			p = path_join(c->ents[i].abs, command);
			if (fs_is_exec(p))
				add_match(c, p);
			else if (is_broken_link(p) && r->nmatches == 0)
				broken_link(c, p);
			free(p);
		}
	}
	for (i = 0; i < r->nmatches; i++) {
		int quiet = c->quiet;

		c->quiet = quiet || i > 0;	/* problems: the winner's only */
		resolve_match(c, &r->matches[i]);
		c->quiet = quiet;
	}
	if (r->nmatches > 0 && !c->quiet) {
		foreign_script(c, &r->matches[0]);
		if (getenv("VIRTUAL_ENV") != NULL && getenv("VIRTUAL_ENV")[0] != '\0')
			outside_active(c, &r->matches[0], "VIRTUAL_ENV");
		else
			outside_active(c, &r->matches[0], "CONDA_PREFIX");
		pip_vs_python(c, &r->matches[0], path_env);
	}

	for (e = c->envs; e != NULL; e = next) {
		next = e->next;
		free(e->root);
		free(e->name);
		free(e->label);
		free(e->site);
		free(e->version);
		free(e);
	}
	for (i = 0; i < c->nents; i++) {
		free(c->ents[i].raw);
		free(c->ents[i].abs);
	}
	free(c->ents);
	free(c->cwd);
	return r;
}

struct which_result *
which_run(struct index *ix, const char *command, const char *path_env,
    const char *cwd)
{
	struct ctx	c;

	memset(&c, 0, sizeof c);
	c.ix = ix;
	return which_run_ctx(&c, command, path_env, cwd);
}

void
which_free(struct which_result *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nmatches; i++) {
		struct which_match *m = &r->matches[i];

		free(m->path);
		free(m->shim_version);
		free(m->shim_origin);
		free(m->target);
		free(m->resolved);
		free(m->interpreter);
		free(m->env);
		free(m->env_name);
		free(m->env_label);
		free(m->site);
		free(m->version);
	}
	for (i = 0; i < r->nproblems; i++) {
		free(r->problems[i].text);
		free(r->problems[i].fix);
	}
	free(r->matches);
	free(r->problems);
	free(r->command);
	free(r);
}

/* --- output -------------------------------------------------------------- */

/* Runs sql with text parameters (NULL binds null); its one value, allocated. */
static char *
jsql(sqlite3 *db, const char *sql, int n, const char **v)
{
	sqlite3_stmt	*st;
	char		*r = NULL;
	int		 i;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		msg_warn("which: %s", sqlite3_errmsg(db));
		return xstrdup("null");
	}
	for (i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		r = col_dup(st, 0);
	sqlite3_finalize(st);
	return r != NULL ? r : xstrdup("null");
}

static void
jpush(sqlite3 *db, char **arr, char *obj)
{
	const char	*v[2] = { *arr, obj };
	char		*r = jsql(db, "SELECT json_insert(?1, '$[#]', json(?2))", 2, v);

	free(*arr);
	free(obj);
	*arr = r;
}

static char *
result_json(sqlite3 *db, const struct which_result *r)
{
	char	*matches = xstrdup("[]"), *probs = xstrdup("[]"), *advice = xstrdup("[]");
	char	*obj;
	size_t	 i;

	for (i = 0; i < r->nmatches; i++) {
		const struct which_match *m = &r->matches[i];
		const char *v[] = { m->path, which_via_name(m->via), m->resolved,
		    m->interpreter, m->env, m->wins ? "true" : "false", m->site,
		    m->version, m->shim_version, m->shim_origin, m->target,
		    m->user_site ? "true" : "false",
		    m->externally_managed ? "true" : "false" };

		jpush(db, &matches, jsql(db, "SELECT json_object('path', repair(?1),"
		    " 'via', ?2, 'resolved', repair(?3), 'interpreter', repair(?4),"
		    " 'env', repair(?5), 'wins', json(?6), 'site', repair(?7),"
		    " 'version', repair(?8), 'shim_version', repair(?9),"
		    " 'shim_origin', repair(?10), 'target', repair(?11),"
		    " 'user_site', json(?12), 'externally_managed', json(?13))",
		    (int)nitems(v), v));
	}
	for (i = 0; i < r->nproblems; i++) {
		const struct which_problem *p = &r->problems[i];
		const char *v[] = { p->text, p->fix,
		    p->level == WHICH_ERROR ? "error" : "warning",
		    p->general ? "true" : "false" };

		jpush(db, &probs, jsql(db, "SELECT json_quote(repair(?1))", 1, v));
		jpush(db, &advice, jsql(db, "SELECT json_object('problem', repair(?1),"
		    " 'fix', repair(?2), 'level', ?3, 'general', json(?4))", 4, v));
	}
	{
		const char *v[] = { r->command, matches, probs, advice };

		obj = jsql(db, "SELECT json_object('command', repair(?1), 'matches',"
		    " json(?2), 'problems', json(?3), 'advice', json(?4))", 4, v);
	}
	free(matches);
	free(probs);
	free(advice);
	return obj;
}

char *
which_json(struct index *ix, struct which_result *const *rs, size_t n)
{
	sqlite3	*db = index_db(ix);
	char	*json = xstrdup("[]");
	size_t	 i;

	for (i = 0; i < n; i++)
		jpush(db, &json, result_json(db, rs[i]));
	return json;
}
