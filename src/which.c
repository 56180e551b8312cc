/* which: PATH, links, shims and shebangs, read from disk, never run. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "index.h"
#include "msg.h"
#include "probe.h"
#include "scan.h"
#include "shebang.h"
#include "shim.h"
#include "util.h"
#include "which.h"

#define DEPTH_MAX	4	/* interpreters of interpreters, shims of shims */

struct pathent {
	char	*raw;		/* as written in PATH */
	char	*abs;		/* absolute, as bash searches it: "" and relative
				   entries joined to cwd, a leading ~ expanded */
	int	 dup;		/* the same folder as an entry before it */
};

/* What is known about one environment, cached for the run. */
struct envinfo {
	char		*root, *name, *label, *site, *version;
	int		 venv;		/* a venv or a legacy virtualenv */
	int		 system_site;	/* a venv that sees the base's packages */
};

struct ctx {
	struct index		*ix;
	struct which_result	*r;
	struct pathent		*ents;
	size_t			 nents;
	struct strix		 entix;	/* ents by abs: the first of each */
	char			*cwd;
	struct envinfo		**envs;	/* the cache, in the order met */
	size_t			 nenvs;
	struct strix		 envix;	/* envs by root */
	int			 quiet;	/* resolving a counterpart: no problems */
	struct strix		 seen;	/* r->problems by text */
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

/* Room for one more in an array of n grown by doubling (no quadratic copying). */
static void *
grow(void *v, size_t n, size_t size)
{
	if (n != 0 && (n & (n - 1)) != 0)
		return v;
	return xrealloc(v, (n ? 2 * n : 1) * size);
}

static const char *
problem_key(void *arg, size_t pos)
{
	return ((struct which_result *)arg)->problems[pos].text;
}

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

	if (c->quiet)
		return;
	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	if (strix_find(&c->seen, text, problem_key, r) != STRIX_NONE) {
		free(text);
		return;
	}
	r->problems = grow(r->problems, r->nproblems, sizeof *p);
	p = &r->problems[r->nproblems++];
	p->level = level;
	p->general = general;
	p->text = text;
	p->fix = xstrdup(fix);
	strix_add(&c->seen, r->nproblems - 1, problem_key, r);
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

static const char *
ent_key(void *arg, size_t pos)
{
	return ((struct ctx *)arg)->ents[pos].abs;
}

/* PATH's entries, each repeat marked (a hash finds them). */
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
		c->ents = grow(c->ents, c->nents, sizeof *c->ents);
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
		c->ents[c->nents].dup = strix_find(&c->entix, c->ents[c->nents].abs,
		    ent_key, c) != STRIX_NONE;
		if (!c->ents[c->nents].dup)
			strix_add(&c->entix, c->nents, ent_key, c);
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
	size_t		 i;

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
		if (raw[0] != '\0' && c->ents[i].dup)
			problem(c, WHICH_WARN, 1, "remove the repeated entry "
			    "(a startup file that adds it each time it runs?)",
			    "%s is on PATH more than once", c->ents[i].abs);
	}
}

/* --- shims ---------------------------------------------------------------- */

static char *
shim_lookup(void *arg, const char *name, const char *skip)
{
	return path_lookup(arg, name, NULL, skip, 1);
}

static void
shim_problem(void *arg, const char *text, const char *fix)
{
	problem(arg, WHICH_ERROR, 0, fix, "%s", text);
}

/*
 * Follows shims from path (src/shim.c): the file that is really exec'd, or
 * NULL; m (may be NULL) gets what the first shim chose.
 */
static char *
unshim(struct ctx *c, const char *path, struct which_match *m, char **binpath)
{
	struct shim_ctx		 sc = { c->cwd, shim_lookup, shim_problem, c };
	struct shim_choice	 ch;
	char			*r;

	memset(&ch, 0, sizeof ch);
	r = shim_follow(&sc, path, m != NULL ? &ch : NULL, binpath);
	if (m != NULL && ch.kind != SHIM_NONE) {
		m->via = ch.kind == SHIM_PYENV ? WHICH_PYENV_SHIM : WHICH_ASDF_SHIM;
		m->shim_version = ch.version;
		m->shim_origin = ch.origin;
		m->target = ch.target;
	} else if (m != NULL)
		shim_choice_free(&ch);
	return r;
}

/* --- environments -------------------------------------------------------- */

/* The site folder `pip install` writes to, from the index's site lines. */
static char *
pick_site(const char *root, const char *sites)
{
	char		*user = path_home(".local"), *best = NULL;
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

/*
 * An index that did not take an environment (locked, full, read-only) is not
 * asked again for a minute: each try reads and sizes the environment, waits
 * out the busy timeout and reports the same error. Set says it failed now.
 */
static int
unwritable(const struct index *ix, int set)
{
	static const struct index	*failed;
	static time_t			 when;

	if (set) {
		failed = ix;
		when = time(NULL);
	}
	return ix == failed && time(NULL) - when < 60;
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
	if (rc == -1 && scan && !unwritable(c->ix, 0) &&
	    scan_ensure(c->ix, e->root, 0) == 0)
		return env_from_index(c, e, 0);
	return rc;
}

static const char *
env_key(void *arg, size_t pos)
{
	return ((struct ctx *)arg)->envs[pos]->root;
}

/* The cached environment at root, or NULL (a hash: PATH may hold thousands). */
static struct envinfo *
env_cached(struct ctx *c, const char *root)
{
	size_t	pos = strix_find(&c->envix, root, env_key, c);

	return pos != STRIX_NONE ? c->envs[pos] : NULL;
}

/* A new, empty cache entry for root. */
static struct envinfo *
env_new(struct ctx *c, const char *root)
{
	struct envinfo	*e = xcalloc(1, sizeof *e);

	e->root = xstrdup(root);
	c->envs = grow(c->envs, c->nenvs, sizeof *c->envs);
	c->envs[c->nenvs++] = e;
	strix_add(&c->envix, c->nenvs - 1, env_key, c);
	return e;
}

/* What is known of the environment at root (cached). */
static struct envinfo *
env_info(struct ctx *c, const char *root)
{
	struct envinfo	*e;
	struct env	 pe;
	struct sbuf	 sb = { 0 };
	size_t		 i;

	if ((e = env_cached(c, root)) != NULL)
		return e;
	e = env_new(c, root);
	if (env_from_index(c, e, 1) == 0 || !probe_env(root, &pe))
		return e;
	if (c->ix != NULL)	/* an environment the index did not take */
		unwritable(c->ix, 1);
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
		user = path_home(f);
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
	enum shebang k;
	int	 crlf, hashbang;

	if ((buf = read_file_at(AT_FDCWD, real, SHEBANG_MAX, &len)) == NULL)
		return NULL;
	k = shebang_read(buf, len, &interp, &arg);
	hashbang = len >= 2 && buf[0] == '#' && buf[1] == '!';
	free(buf);
	if (k == SHEBANG_LONG && depth == 0)
		problem(c, WHICH_ERROR, 0, "reinstall it with a current pip or uv, "
		    "which write a `#!/bin/sh` line for long paths, or make the "
		    "path shorter", "%s names an interpreter longer than the %d "
		    "bytes Linux reads of a #! line: the kernel refuses it and the "
		    "shell runs the file as a shell script", real, SHEBANG_MAX - 1);
	if (k != SHEBANG_OK) {
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
		cmd = shebang_env_command(arg);
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
	    (next = shebang_sh_exec(path, real)) != NULL)
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

/* --- loops: a file that can never start ------------------------------------ */

#define HOPS_MAX	64	/* files followed looking for a loop */
#define KERNEL_MAX	5	/* #! scripts in a row Linux (5.8+) starts; one more: ELOOP */

enum hop_how {
	HOP_START,	/* exec'd by the shell */
	HOP_KERNEL,	/* the interpreter of the #! line before */
	HOP_ENV,	/* found on PATH by `#!/usr/bin/env` */
	HOP_SH,		/* exec'd by pip's `#!/bin/sh` + exec form */
	HOP_SHIM	/* run by a pyenv or asdf shim */
};

struct hop {
	char		*path;	/* as exec'd ($0) */
	char		*real;
	enum hop_how	 how;
};

enum loop_kind {
	LOOP_NONE,	/* it starts, or what follows is not known */
	LOOP_KERNEL,	/* #! lines round a loop: ELOOP */
	LOOP_DEEP,	/* #! lines deeper than Linux goes: ELOOP */
	LOOP_FOREVER	/* env or sh exec it again and again */
};

struct hops {
	struct hop	*v;
	size_t		 n;
	size_t		 from;	/* where the loop starts */
};

static void
hops_free(struct hops *h)
{
	size_t	i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].path);
		free(h->v[i].real);
	}
	free(h->v);
}

/* Adds a hop; the position of the same state seen before, or STRIX_NONE. */
static size_t
hops_add(struct hops *h, const char *path, char *real, enum hop_how how)
{
	size_t	i, seen = STRIX_NONE;

	for (i = 0; i < h->n && seen == STRIX_NONE; i++)	/* n <= HOPS_MAX */
		if (strcmp(h->v[i].path, path) == 0 && strcmp(h->v[i].real, real) == 0)
			seen = i;
	h->v = grow(h->v, h->n, sizeof *h->v);
	h->v[h->n].path = xstrdup(path);
	h->v[h->n].real = real;
	h->v[h->n].how = how;
	h->n++;
	return seen;
}

/*
 * The next file exec'd after path (real: its resolved file) has read its
 * #! line, and how; NULL when a binary or sh takes it from here. *depth
 * counts the #! scripts in a row the kernel has loaded.
 */
static char *
hop_next(struct ctx *c, const char *path, const char *real, char **binpath,
    int *depth, enum hop_how *how)
{
	char	*buf, *interp = NULL, *arg = NULL, *next = NULL, *cmd;
	size_t	 len;

	if ((buf = read_file_at(AT_FDCWD, real, SHEBANG_MAX, &len)) == NULL)
		return NULL;
	if (shebang_read(buf, len, &interp, &arg) != SHEBANG_OK) {
		free(buf);
		return NULL;
	}
	free(buf);
	(*depth)++;
	if ((next = unshim(c, path, NULL, binpath)) != NULL &&
	    strcmp(next, path) != 0) {
		*how = HOP_SHIM;	/* bash runs the shim, which execs it */
		goto done;
	}
	free(next);
	next = NULL;
	if (interp[0] != '/') {
		cmd = path_join(c->cwd, interp);
		free(interp);
		interp = cmd;
	}
	if (strcmp(path_base(interp), "env") == 0) {
		*how = HOP_ENV;
		if ((cmd = shebang_env_command(arg)) != NULL)
			next = path_lookup(c, cmd, *binpath, NULL, 0);
		free(cmd);
	} else if (strcmp(path_base(interp), "sh") == 0 &&
	    (next = shebang_sh_exec(path, real)) != NULL)
		*how = HOP_SH;
	else {
		*how = HOP_KERNEL;
		next = interp;
		interp = NULL;
	}
done:
	free(interp);
	free(arg);
	return next;
}

/*
 * Follows what exec'ing path runs, as the kernel, env, sh and shims do,
 * with a bounded depth and the states seen: whether it goes round a loop
 * or deeper than Linux allows. Reads files; runs nothing.
 */
static enum loop_kind
loop_walk(struct ctx *c, const char *path, struct hops *h)
{
	char		*cur = xstrdup(path), *real, *next, *bp = NULL;
	enum hop_how	 how = HOP_START;
	enum loop_kind	 kind = LOOP_NONE;
	size_t		 seen, i;
	int		 depth = 0;

	while (h->n < HOPS_MAX && (real = real_path(cur)) != NULL) {
		if ((seen = hops_add(h, cur, real, how)) != STRIX_NONE) {
			h->from = seen;
			kind = LOOP_KERNEL;
			for (i = seen + 1; i < h->n; i++)
				if (h->v[i].how != HOP_KERNEL)
					kind = LOOP_FOREVER;
			break;
		}
		next = hop_next(c, cur, real, &bp, &depth, &how);
		if (depth > KERNEL_MAX) {
			free(next);
			kind = LOOP_DEEP;
			break;
		}
		if (how != HOP_KERNEL)
			depth = 0;	/* a binary (env, sh, bash) execs anew */
		free(cur);
		if ((cur = next) == NULL || !fs_is_exec(cur))
			break;
	}
	free(cur);
	free(bp);
	return kind;
}

/* The loop of h as "a -> b -> a"; m->loop gets the same files. */
static char *
loop_text(struct which_match *m, const struct hops *h)
{
	struct sbuf	 sb = { 0 };
	size_t		 i;

	m->nloop = h->n - h->from;
	m->loop = xcalloc(m->nloop, sizeof *m->loop);
	for (i = h->from; i < h->n; i++) {
		m->loop[i - h->from] = xstrdup(h->v[i].path);
		if (i > h->from)
			sbuf_adds(&sb, " -> ");
		sbuf_adds(&sb, h->v[i].path);
	}
	return sbuf_steal(&sb);
}

/* Whether m can never start; says why. */
static int
never_starts(struct ctx *c, struct which_match *m)
{
	struct hops	 h = { NULL, 0, 0 };
	enum loop_kind	 kind;
	const char	*fix, *via = "it runs itself again";
	char		*chain;
	size_t		 i;
	int		 quiet = c->quiet;

	c->quiet = 1;	/* shims along the way say their own problems once */
	kind = loop_walk(c, m->path, &h);
	c->quiet = quiet;
	if (kind == LOOP_NONE) {
		hops_free(&h);
		return 0;
	}
	if (kind == LOOP_DEEP)
		h.from = 0;
	chain = loop_text(m, &h);
	for (i = h.from + 1; i < h.n; i++)
		if (h.v[i].how == HOP_ENV)
			via = "`#!/usr/bin/env` finds it again on PATH";
		else if (h.v[i].how == HOP_SH && strcmp(via, "it runs itself "
		    "again") == 0)
			via = "its `#!/bin/sh` exec line runs it again";
	fix = "make the #! line name a Python binary (e.g. #!/usr/bin/python3), "
	    "not a script";
	if (kind == LOOP_DEEP)
		problem(c, WHICH_ERROR, 0, fix, "%s never starts: its #! "
		    "interpreters are scripts more than %d deep (%s), and Linux "
		    "refuses them ('Too many levels of symbolic links')", m->path,
		    KERNEL_MAX, chain);
	else if (kind == LOOP_KERNEL && h.n - h.from == 2)
		problem(c, WHICH_ERROR, 0, fix, "%s never starts: its #! line "
		    "names itself (%s), and Linux refuses it ('Too many levels of "
		    "symbolic links')", m->path, chain);
	else if (kind == LOOP_KERNEL)
		problem(c, WHICH_ERROR, 0, fix, "%s never starts: its #! "
		    "interpreters go round a loop (%s), and Linux refuses it ('Too "
		    "many levels of symbolic links')", m->path, chain);
	else
		problem(c, WHICH_ERROR, 0, "make the #! or exec line name a Python "
		    "binary by its path (e.g. /usr/bin/python3), not itself", "%s "
		    "never starts: %s, for ever (%s)", m->path, via, chain);
	free(chain);
	hops_free(&h);
	return 1;
}

/*
 * A Python started by name finds its own executable, and from it its
 * prefix, by searching PATH for that name as execvp(3) does: without the ~
 * that bash expanded to find it. Then it runs in the environment of that
 * other python: its interpreter is the one Python finds.
 */
static void
tilde_prefix(struct ctx *c, struct which_match *m)
{
	char	*dir, *own;
	size_t	 i;

	if (m->interpreter == NULL || strcmp(m->interpreter, m->path) != 0)
		return;
	dir = path_dir(m->path);
	i = strix_find(&c->entix, dir, ent_key, c);
	free(dir);
	if (i == STRIX_NONE || !tilde_entry(&c->ents[i]))
		return;
	own = path_lookup(c, path_base(m->path), NULL, NULL, 0);
	if (own == NULL || strcmp(own, m->path) == 0) {
		free(own);
		return;
	}
	problem(c, WHICH_WARN, 0, "write $HOME instead of ~ where PATH is set",
	    "%s is found through '%s' on PATH, but Python looks for itself on "
	    "PATH without expanding ~, finds %s and takes its prefix from there",
	    m->path, c->ents[i].raw, own);
	free(m->interpreter);
	m->interpreter = own;
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
	tilde_prefix(c, m);
	if (!never_starts(c, m))
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

	r->matches = grow(r->matches, r->nmatches, sizeof *r->matches);
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
	struct envinfo		*e;
	char			*p;
	size_t			 i;

	c->r = r;
	strix_free(&c->seen);
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
			/* A folder repeated on PATH is one match (path_problems says it). */
			if (c->ents[i].dup)
				continue;
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

	for (i = 0; i < c->nenvs; i++) {
		e = c->envs[i];
		free(e->root);
		free(e->name);
		free(e->label);
		free(e->site);
		free(e->version);
		free(e);
	}
	free(c->envs);
	strix_free(&c->envix);
	for (i = 0; i < c->nents; i++) {
		free(c->ents[i].raw);
		free(c->ents[i].abs);
	}
	free(c->ents);
	strix_free(&c->entix);
	free(c->cwd);
	strix_free(&c->seen);
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
	size_t	i, j;

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
		for (j = 0; j < m->nloop; j++)
			free(m->loop[j]);
		free(m->loop);
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

/* Appends obj (JSON text, freed here) to the array being built in sb: linear. */
static void
jpush(struct sbuf *sb, char *obj)
{
	sbuf_addc(sb, sb->len == 0 ? '[' : ',');
	sbuf_adds(sb, obj);
	free(obj);
}

/* The array built by jpush(), allocated. */
static char *
jend(struct sbuf *sb)
{
	if (sb->len == 0)
		sbuf_addc(sb, '[');
	sbuf_addc(sb, ']');
	return sbuf_steal(sb);
}

/* m->loop as a JSON array, or null; allocated. */
static char *
loop_json(sqlite3 *db, const struct which_match *m)
{
	struct sbuf	 sb = { 0 };
	size_t		 i;

	if (m->loop == NULL)
		return xstrdup("null");
	for (i = 0; i < m->nloop; i++)
		jpush(&sb, jsql(db, "SELECT json_quote(repair(?1))", 1,
		    (const char **)&m->loop[i]));
	return jend(&sb);
}

static char *
result_json(sqlite3 *db, const struct which_result *r)
{
	struct sbuf	 mb = { 0 }, pb = { 0 }, ab = { 0 };
	char		*matches, *probs, *advice, *obj;
	size_t		 i;

	for (i = 0; i < r->nmatches; i++) {
		const struct which_match *m = &r->matches[i];
		char *loop = loop_json(db, m);
		const char *v[] = { m->path, which_via_name(m->via), m->resolved,
		    m->interpreter, m->env, m->wins ? "true" : "false", m->site,
		    m->version, m->shim_version, m->shim_origin, m->target,
		    m->user_site ? "true" : "false",
		    m->externally_managed ? "true" : "false", loop };

		jpush(&mb, jsql(db, "SELECT json_object('path', repair(?1),"
		    " 'via', ?2, 'resolved', repair(?3), 'interpreter', repair(?4),"
		    " 'env', repair(?5), 'wins', json(?6), 'site', repair(?7),"
		    " 'version', repair(?8), 'shim_version', repair(?9),"
		    " 'shim_origin', repair(?10), 'target', repair(?11),"
		    " 'user_site', json(?12), 'externally_managed', json(?13),"
		    " 'loop', json(?14))", (int)nitems(v), v));
		free(loop);
	}
	for (i = 0; i < r->nproblems; i++) {
		const struct which_problem *p = &r->problems[i];
		const char *v[] = { p->text, p->fix,
		    p->level == WHICH_ERROR ? "error" : "warning",
		    p->general ? "true" : "false" };

		jpush(&pb, jsql(db, "SELECT json_quote(repair(?1))", 1, v));
		jpush(&ab, jsql(db, "SELECT json_object('problem', repair(?1),"
		    " 'fix', repair(?2), 'level', ?3, 'general', json(?4))", 4, v));
	}
	matches = jend(&mb);
	probs = jend(&pb);
	advice = jend(&ab);
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

/* Each part is made once and joined in C (re-parsing the array per element was quadratic). */
char *
which_json(struct index *ix, struct which_result *const *rs, size_t n)
{
	sqlite3		*db = index_db(ix);
	struct sbuf	 sb = { 0 };
	size_t		 i;

	char		*json, *v;

	for (i = 0; i < n; i++)
		jpush(&sb, result_json(db, rs[i]));
	/* Every field is repair()ed; this repairs one a query forgot. */
	json = jend(&sb);
	v = u8_valid(json, strlen(json));
	free(json);
	return v;
}
