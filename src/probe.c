/* probe: recognises environments from their files, without running anything. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dist.h"
#include "places.h"
#include "probe.h"
#include "pyvenv.h"
#include "sha256.h"
#include "util.h"

#define HINT_PYVENV	0x01
#define HINT_CONDA	0x02
#define HINT_BIN	0x04
#define HINT_LIB	0x08
#define HINT_SCRIPTS	0x10
#define HINT_WLIB	0x20
#define HINT_PROJECT	0x40

const char *
env_kind_name(enum env_kind k)
{
	switch (k) {
	case KIND_VENV:
		return "venv";
	case KIND_LEGACY:
		return "virtualenv-legacy";
	case KIND_CONDA:
		return "conda";
	case KIND_INTERPRETER:
		return "interpreter";
	}
	return "unknown";
}

void
probe_hint_add(struct probe_hint *h, const char *name, int isdir)
{
	switch (name[0]) {
	case 'p':
		if (!isdir && strcmp(name, "pyvenv.cfg") == 0)
			h->bits |= HINT_PYVENV;
		else if (!isdir && strcmp(name, "pyproject.toml") == 0)
			h->bits |= HINT_PROJECT;
		break;
	case 'c':
		if (isdir && strcmp(name, "conda-meta") == 0)
			h->bits |= HINT_CONDA;
		break;
	case 'b':
		if (isdir && strcmp(name, "bin") == 0)
			h->bits |= HINT_BIN;
		break;
	case 'l':
		if (isdir && strcmp(name, "lib") == 0)
			h->bits |= HINT_LIB;
		break;
	case 'S':
		if (isdir && strcmp(name, "Scripts") == 0)
			h->bits |= HINT_SCRIPTS;
		break;
	case 'L':
		if (isdir && strcmp(name, "Lib") == 0)
			h->bits |= HINT_WLIB;
		break;
	}
}

int
probe_hint_project(const struct probe_hint *h)
{
	return (h->bits & HINT_PROJECT) != 0;
}

int
probe_hint_done(const struct probe_hint *h)
{
	unsigned	b = h->bits;

	return (b & (HINT_PYVENV | HINT_CONDA)) ||
	    (b & (HINT_BIN | HINT_LIB)) == (HINT_BIN | HINT_LIB) ||
	    (b & (HINT_SCRIPTS | HINT_WLIB)) == (HINT_SCRIPTS | HINT_WLIB);
}

static int
exists_at(int fd, const char *p, struct stat *st)
{
	struct stat	sb;

	return fstatat(fd, p, st != NULL ? st : &sb, AT_SYMLINK_NOFOLLOW) == 0;
}

static int
isdir_at(int fd, const char *p)
{
	struct stat	st;

	return fstatat(fd, p, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
}

static int64_t
mtime_ns(const struct stat *st)
{
	return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

static void
fp_mix(int64_t *fp, int64_t v)
{
	uint64_t	h = (uint64_t)*fp;

	h ^= (uint64_t)v;
	h *= 0x100000001b3ULL;
	h ^= h >> 29;
	*fp = (int64_t)(h & 0x7fffffffffffffffULL);
}

static void
use_time(struct env *e, int64_t t)
{
	if (t > e->last_used)
		e->last_used = t;
}

/* Can the error of a failed open be nothing but permissions? */
static int
denied(int err)
{
	return err == EACCES || err == EPERM;
}

/*
 * Adds the site folder dir. One that cannot be read, or a distribution in
 * it that cannot, makes the environment unreadable: checked here, since a
 * chmod leaves the folder's mtime (the fingerprint) as it was.
 */
static void
add_site(struct env *e, char *dir)
{
	struct stat	st;
	int64_t		stamp;

	if (stat_dir(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		if (denied(errno))
			e->unreadable = 1;
		free(dir);
		return;
	}
	if (faccessat(AT_FDCWD, dir, R_OK | X_OK, AT_EACCESS) == -1 &&
	    denied(errno))
		e->unreadable = 1;
	e->site = xrealloc(e->site, (e->nsite + 1) * sizeof *e->site);
	e->site[e->nsite++] = dir;
	fp_mix(&e->fingerprint, mtime_ns(&st));
	/* Legacy editables: their egg-info lives in the project. */
	if ((stamp = dist_site_stamp(dir, &e->unreadable)) != 0)
		fp_mix(&e->fingerprint, stamp);
	use_time(e, st.st_mtim.tv_sec);
}

/*
 * Names of lib/pythonX.Y folders in libdir ("lib" or "Lib"), newest first.
 * Sets e->unreadable when libdir is there but cannot be read.
 */
static size_t
python_dirs(int fd, const char *libdir, char out[][32], size_t max,
    struct env *e)
{
	struct dirent	*de;
	DIR		*d;
	size_t		 n = 0, i, j;
	int		 lfd;

	if ((lfd = openat(fd, libdir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1) {
		if (denied(errno))
			e->unreadable = 1;
		return 0;
	}
	if ((d = fdopendir(lfd)) == NULL) {
		close(lfd);
		return 0;
	}
	while ((de = readdir(d)) != NULL && n < max) {
		if (strncmp(de->d_name, "python", 6) != 0 ||
		    !isdigit((unsigned char)de->d_name[6]) ||
		    strlen(de->d_name) >= 32 || strchr(de->d_name, '.') == NULL)
			continue;
		snprintf(out[n++], 32, "%s", de->d_name);
	}
	closedir(d);
	/* Newest first: compare the minor number numerically. */
	for (i = 1; i < n; i++) {
		for (j = i; j > 0; j--) {
			const char *a = strchr(out[j - 1], '.');
			const char *b = strchr(out[j], '.');
			int ma = atoi(out[j - 1] + 6), mb = atoi(out[j] + 6);

			if (ma > mb || (ma == mb && atoi(a + 1) >= atoi(b + 1)))
				break;
			char t[32];
			memcpy(t, out[j], 32);
			memcpy(out[j], out[j - 1], 32);
			memcpy(out[j - 1], t, 32);
		}
	}
	return n;
}

/* PY_VERSION from include/pythonX.Y/patchlevel.h below fd, or NULL. */
char *
probe_patchlevel(int fd, const char *pydir)
{
	char	*p, *buf, *s, *q, *v = NULL;
	char	 alt[64];
	size_t	 len;

	p = xasprintf("include/%s/patchlevel.h", pydir);
	buf = read_file_at(fd, p, 65536, &len);
	if (buf == NULL) {
		snprintf(alt, sizeof alt, "include/%sm/patchlevel.h", pydir);
		buf = read_file_at(fd, alt, 65536, &len);
	}
	free(p);
	if (buf == NULL)
		return NULL;
	if ((s = strstr(buf, "#define PY_VERSION")) != NULL &&
	    (s = strchr(s, '"')) != NULL && (q = strchr(s + 1, '"')) != NULL &&
	    q - s < 32)
		v = xstrndup(s + 1, (size_t)(q - s - 1));
	free(buf);
	return v;
}

/* The first line of a small file, trimmed; NULL when absent or empty. */
static char *
first_line(int fd, const char *path)
{
	char	*buf, *line;
	size_t	 len, n, start = 0;

	if ((buf = read_file_at(fd, path, 8192, &len)) == NULL)
		return NULL;
	while (start < len && isspace((unsigned char)buf[start]))
		start++;
	for (n = start; n < len && buf[n] != '\n' && buf[n] != '\r'; n++)
		;
	while (n > start && isspace((unsigned char)buf[n - 1]))
		n--;
	line = n > start ? u8_valid(buf + start, n - start) : NULL;
	free(buf);
	return line;
}

/* Is path inside (not one of) the folders of place p? */
static int
under(const char *path, enum place p)
{
	return places_under(places_now(), p, path);
}

/* NAME-HASH, HASH 8 characters of urlsafe base64 (which has '-' and '_' too). */
static int
pipenv_name(const char *base)
{
	size_t	len = strlen(base), i;

	if (len < 10 || base[len - 9] != '-')
		return 0;
	for (i = len - 8; i < len; i++)
		if (!isalnum((unsigned char)base[i]) && base[i] != '_' && base[i] != '-')
			return 0;
	return 1;
}

static int
file_in(const char *dir, const char *name)
{
	char		*p = path_join(dir, name);
	struct stat	 st;
	int		 ok = stat(p, &st) == 0;

	free(p);
	return ok;
}

/* Is base pipenv's name for the project in dir: NAME-HASH, NAME-HASH-PYTHON? */
static int
pipenv_named_for(const char *base, const char *dir)
{
	char		 tag[10], *p = path_join(dir, "Pipfile");
	const char	*at;

	/* base64url(sha256(DIR/Pipfile)[:6]) */
	tag[0] = '-';
	sha256_tag8(p, tag + 1);
	free(p);
	return (at = strstr(base, tag)) != NULL && (at[9] == '\0' || at[9] == '-');
}

/* Does pyproject.toml in dir have the table name ("[tool.poetry]")? */
static int
pyproject_has(const char *dir, const char *table)
{
	char	*p = path_join(dir, "pyproject.toml"), *buf, *at;
	size_t	 len, n = strlen(table);
	int	 yes = 0;

	buf = read_file_at(AT_FDCWD, p, 1 << 20, &len);
	free(p);
	if (buf == NULL)
		return 0;
	for (at = buf; !yes && (at = strstr(at, table)) != NULL; at += n)
		yes = (at == buf || at[-1] == '\n') &&
		    (at[n] == ']' || at[n] == '.');
	free(buf);
	return yes;
}

/*
 * The tool that uses the environment e->path, kept in its project folder
 * dir as base (.venv, venv, env): each looks there for its own.
 */
static const char *
inproject_manager(const char *dir, const char *base, const char *dotproject)
{
	int	dotvenv = strcmp(base, ".venv") == 0;

	/* pipenv writes .project into every environment it makes. */
	if (dotproject != NULL && strcmp(dotproject, dir) == 0)
		return "pipenv";
	if (dotvenv && (file_in(dir, "poetry.lock") || pyproject_has(dir, "[tool.poetry")))
		return "poetry";
	if (dotvenv && file_in(dir, "Pipfile"))
		return "pipenv";
	if ((dotvenv || strcmp(base, "venv") == 0 || strcmp(base, "env") == 0) &&
	    (file_in(dir, "pdm.lock") || file_in(dir, ".pdm.toml") ||
	    file_in(dir, ".pdm-python") || pyproject_has(dir, "[tool.pdm")))
		return "pdm";
	return NULL;
}

/* Which tool manages the environment at e->path, and its project folder. */
static void
probe_manager(int fd, struct env *e)
{
	const char	*base = path_base(e->path), *pbase;
	char		*parent = path_dir(e->path);
	char		*dotproject, *abs;
	struct stat	 st;
	int		 central = 1;

	pbase = path_base(parent);
	dotproject = first_line(fd, ".project");
	if (dotproject != NULL && dotproject[0] == '/') {
		abs = path_absolute(dotproject);
		free(dotproject);
		dotproject = abs;
	} else if (dotproject != NULL) {
		free(dotproject);
		dotproject = NULL;
	}
	if (exists_at(fd, "pipx_metadata.json", NULL) ||
	    under(e->path, PLACE_PIPX))
		e->manager = "pipx";
	else if (under(e->path, PLACE_PYENV_VERSIONS) && e->kind != KIND_INTERPRETER)
		/* versions/V/envs/X, and versions/X of `pyenv virtualenv system X` */
		e->manager = "pyenv-virtualenv";
	else if (under(e->path, PLACE_POETRY))
		e->manager = "poetry";
	else if (under(e->path, PLACE_HATCH_ENVS))
		e->manager = "hatch";
	else if (under(e->path, PLACE_PDM))
		e->manager = "pdm";
	else if ((under(e->path, PLACE_PIPENV) || under(e->path, PLACE_WORKON)) &&
	    dotproject != NULL && (pipenv_name(base) ||
	    pipenv_named_for(base, dotproject) || !under(e->path, PLACE_WORKON)))
		e->manager = "pipenv";
	else if (under(e->path, PLACE_WORKON))
		e->manager = "virtualenvwrapper";
	else
		central = 0;

	if (dotproject != NULL) {
		e->project = xstrdup(dotproject);
	} else if (!central && e->kind != KIND_INTERPRETER) {
		/* An in-project environment: .venv, venv, .tox/py311 ... */
		if (strcmp(pbase, ".tox") == 0 || strcmp(pbase, ".nox") == 0) {
			e->project = path_dir(parent);
		} else if (base[0] == '.' || strcmp(base, "venv") == 0 ||
		    strcmp(base, "env") == 0 || strcmp(base, "virtualenv") == 0 ||
		    file_in(parent, "pyproject.toml") || file_in(parent, "setup.py") ||
		    file_in(parent, "requirements.txt") || file_in(parent, "Pipfile") ||
		    file_in(parent, ".git"))
			e->project = xstrdup(parent);
	}
	if (!central && e->project != NULL && e->kind != KIND_CONDA &&
	    e->kind != KIND_INTERPRETER) {
		if (strcmp(pbase, ".tox") == 0)
			e->manager = "tox";
		else if (strcmp(pbase, ".nox") == 0)
			e->manager = "nox";
		else if (strcmp(e->project, parent) == 0)
			e->manager = inproject_manager(parent, base, dotproject);
		else if (dotproject != NULL && file_in(e->project, "Pipfile"))
			/* pipenv's .venv file naming a folder elsewhere */
			e->manager = "pipenv";
	}
	if (e->project != NULL && (stat_dir(e->project, &st) == -1 || !S_ISDIR(st.st_mode)))
		e->stale |= STALE_PROJECT;
	free(dotproject);
	free(parent);
}

int
probe_xy_len(const char *v)
{
	size_t	n = strcspn(v, ".");

	if (v[n] == '.')
		n += 1 + strcspn(v + n + 1, ".");
	return (int)n;
}

/*
 * An environment inside its project's folder (.venv, venv ...) is named
 * after the project; any other keeps its own folder's name, the name its
 * manager lists it by (poetry env list, lsvirtualenv, pipx list, tox -l).
 */
static void
probe_name(struct env *e)
{
	const char	*base = path_base(e->path);

	if (e->project != NULL && path_is_under(e->path, e->project) &&
	    strcmp(e->path, e->project) != 0 && (e->manager == NULL ||
	    (strcmp(e->manager, "tox") != 0 && strcmp(e->manager, "nox") != 0)))
		e->name = xstrdup(path_base(e->project));
	else if (strcmp(e->path, "/usr") == 0 && e->python != NULL &&
	    e->python[0] != '\0')
		e->name = xasprintf("system-%.*s", probe_xy_len(e->python), e->python);
	else if (strcmp(e->path, "/usr/local") == 0 && e->python != NULL &&
	    e->python[0] != '\0')
		e->name = xasprintf("local-%.*s", probe_xy_len(e->python), e->python);
	else
		e->name = xstrdup(base);
}

/* Follows the interpreter link at fd/rel: sets e->broken and e->base. */
static void
probe_interp(int fd, struct env *e, const char *rel)
{
	struct stat	 st;
	char		 target[4096];
	ssize_t		 n;
	char		*dir, *abs;

	if (fstatat(fd, rel, &st, 0) == 0) {
		use_time(e, st.st_atim.tv_sec);
		if (e->base == NULL && (n = readlinkat(fd, rel, target,
		    sizeof target - 1)) > 0) {
			target[n] = '\0';
			if (target[0] == '/')
				e->base = xstrdup(target);
			else {
				dir = path_join(e->path, rel);
				abs = path_dir(dir);
				free(dir);
				dir = path_join(abs, target);
				e->base = path_absolute(dir);
				free(dir);
				free(abs);
			}
		}
		return;
	}
	e->broken = 1;
	e->stale |= STALE_INTERPRETER;
}

static int
probe_venv(int fd, struct env *e, int windows)
{
	struct pyvenv_cfg	 cfg = { 0 };
	struct stat		 st;
	char			 dirs[8][32];
	char			*buf;
	size_t			 len, n, i;

	e->kind = KIND_VENV;
	if (fstatat(fd, "pyvenv.cfg", &st, AT_SYMLINK_NOFOLLOW) == 0) {
		fp_mix(&e->fingerprint, mtime_ns(&st));
		use_time(e, st.st_atim.tv_sec);
		use_time(e, st.st_mtim.tv_sec);
	}
	if ((buf = read_file_at(fd, "pyvenv.cfg", 1 << 16, &len)) == NULL) {
		if (denied(errno))
			e->unreadable = 1;
		e->broken = 1;
		return 1;
	}
	pyvenv_parse(buf, len, &cfg);
	free(buf);
	e->creator = pyvenv_creator(&cfg);
	e->system_site = cfg.system_site;
	if (cfg.version != NULL)
		e->python = xstrdup(cfg.version);
	if (cfg.prompt != NULL)
		e->prompt = xstrdup(cfg.prompt);
	if (cfg.executable != NULL)
		e->base = xstrdup(cfg.executable);
	if (cfg.home != NULL && (cfg.home[0] == '\\' || (isalpha((unsigned char)cfg.home[0]) &&
	    cfg.home[1] == ':')))
		windows = 1;

	if (windows) {
		e->windows = 1;
		if (e->base == NULL && cfg.home != NULL)
			e->base = xasprintf("%s\\python.exe", cfg.home);
		add_site(e, path_join(e->path, "Lib/site-packages"));
	} else {
		n = python_dirs(fd, "lib", dirs, nitems(dirs), e);
		for (i = 0; i < n; i++) {
			char *rel = xasprintf("lib/%s/site-packages", dirs[i]);
			add_site(e, path_join(e->path, rel));
			free(rel);
		}
		if (e->python == NULL && n > 0)
			e->python = xstrdup(dirs[0] + 6);
		if (exists_at(fd, "bin/python", NULL))
			probe_interp(fd, e, "bin/python");
		else if (exists_at(fd, "bin/python3", NULL))
			probe_interp(fd, e, "bin/python3");
		else
			e->broken = 1;
		if (e->base == NULL && cfg.home != NULL && n > 0)
			e->base = xasprintf("%s/%s", cfg.home, dirs[0]);
		if (e->base != NULL && e->base[0] == '/' && stat(e->base, &st) == -1) {
			e->broken = 1;
			e->stale |= STALE_INTERPRETER;
		}
	}
	pyvenv_free(&cfg);
	return 1;
}

static int
probe_conda(int fd, struct env *e)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		 dirs[8][32];
	size_t		 n;
	int		 cfd;

	e->kind = KIND_CONDA;
	e->creator = "conda";
	e->manager = "conda";
	if ((cfd = openat(fd, "conda-meta", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		if (denied(errno))
			e->unreadable = 1;
		e->broken = 1;
		return 1;
	}
	if (fstat(cfd, &st) == 0) {
		fp_mix(&e->fingerprint, mtime_ns(&st));
		use_time(e, st.st_mtim.tv_sec);
	}
	if (fstatat(cfd, "history", &st, 0) == 0)
		use_time(e, st.st_mtim.tv_sec);
	if ((d = fdopendir(cfd)) == NULL)
		close(cfd);
	else {
		while ((de = readdir(d)) != NULL) {
			/* python-3.11.5-h2755cc3_0_cpython.json */
			if (e->python == NULL &&
			    strncmp(de->d_name, "python-", 7) == 0 &&
			    isdigit((unsigned char)de->d_name[7])) {
				size_t k = strcspn(de->d_name + 7, "-");
				e->python = xstrndup(de->d_name + 7, k);
			}
		}
		closedir(d);
	}
	n = python_dirs(fd, "lib", dirs, nitems(dirs), e);
	if (n > 0) {
		char *rel = xasprintf("lib/%s/site-packages", dirs[0]);
		add_site(e, path_join(e->path, rel));
		free(rel);
		if (e->python == NULL)
			e->python = xstrdup(dirs[0] + 6);
	} else if (isdir_at(fd, "Lib"))
		add_site(e, path_join(e->path, "Lib/site-packages"));
	if (n > 0) {
		char *rel = xasprintf("bin/%s", dirs[0]);

		e->base = path_join(e->path, rel);
		n = fstatat(fd, rel, &st, 0) == 0;
		free(rel);
		if (n)
			use_time(e, st.st_atim.tv_sec);
		else {
			e->broken = 1;
			e->stale |= STALE_INTERPRETER;
		}
	}
	return 1;
}

/* A base interpreter or a legacy virtualenv: bin/ and lib/pythonX.Y. */
static int
probe_prefix(int fd, struct env *e, int windows)
{
	const char	*lib = windows ? "Lib" : "lib";
	char		 dirs[8][32], target[64];
	char		*p, *orig, *ver;
	const char	*py = NULL;
	struct stat	 st;
	size_t		 n, i;
	ssize_t		 tl;
	int		 legacy;

	if (windows) {
		if (!exists_at(fd, "Lib/site-packages", NULL))
			return 0;
		e->windows = 1;
		e->kind = exists_at(fd, "Lib/os.py", NULL) ? KIND_INTERPRETER : KIND_LEGACY;
		if (e->kind == KIND_LEGACY && !exists_at(fd, "Scripts/activate", NULL) &&
		    !exists_at(fd, "Scripts/activate.bat", NULL))
			return 0;
		e->creator = e->kind == KIND_LEGACY ? "virtualenv" : NULL;
		add_site(e, path_join(e->path, "Lib/site-packages"));
		return 1;
	}
	if ((n = python_dirs(fd, lib, dirs, nitems(dirs), e)) == 0)
		return 0;
	/* The version bin/python3 points at wins; else the newest. */
	if ((tl = readlinkat(fd, "bin/python3", target, sizeof target - 1)) > 0) {
		target[tl] = '\0';
		for (i = 0; i < n; i++)
			if (strcmp(path_base(target), dirs[i]) == 0)
				py = dirs[i];
	}
	for (i = 0; py == NULL && i < n; i++) {
		p = xasprintf("bin/%s", dirs[i]);
		if (exists_at(fd, p, NULL))
			py = dirs[i];
		free(p);
	}
	if (py == NULL)
		py = dirs[0];

	/* virtualenv < 20 leaves orig-prefix.txt; an installation has no activate. */
	p = xasprintf("lib/%s/orig-prefix.txt", py);
	orig = first_line(fd, p);
	free(p);
	p = xasprintf("lib/%s/no-global-site-packages.txt", py);
	legacy = orig != NULL || exists_at(fd, p, NULL) || exists_at(fd, "bin/activate", NULL);
	free(p);
	if (legacy) {
		e->kind = KIND_LEGACY;
		e->creator = "virtualenv";
		e->python = xstrdup(py + 6);
		if (orig != NULL) {
			e->base = xasprintf("%s/bin/%s", orig, py);
			if (stat(orig, &st) == -1) {
				e->broken = 1;
				e->stale |= STALE_INTERPRETER;
			}
		}
		probe_interp(fd, e, "bin/python");
		p = xasprintf("lib/%s/site-packages", py);
		add_site(e, path_join(e->path, p));
		free(p);
		free(orig);
		return 1;
	}

	p = xasprintf("lib/%s/os.py", py);
	if (!exists_at(fd, p, NULL)) {
		free(p);
		return 0;
	}
	free(p);
	e->kind = KIND_INTERPRETER;
	ver = probe_patchlevel(fd, py);
	e->python = ver != NULL ? ver : xstrdup(py + 6);
	p = xasprintf("bin/%s", py);
	if (fstatat(fd, p, &st, 0) == 0) {
		e->base = path_join(e->path, p);
		use_time(e, st.st_atim.tv_sec);
	} else
		e->broken = 1;
	free(p);
	if (under(e->path, PLACE_PYENV_VERSIONS))
		e->manager = "pyenv";
	else if (under(e->path, PLACE_UV_PYTHON)) {
		e->creator = "uv";
		e->manager = "uv";
	}

	/* In sys.path order: the user site comes first, then Debian's layout. */
	if ((getenv("PYTHONNOUSERSITE") == NULL || getenv("PYTHONNOUSERSITE")[0] == '\0') &&
	    strcmp(places_now()->home, "/") != 0)
		add_site(e, xasprintf("%s/.local/lib/%s/site-packages",
		    places_now()->home, py));
	if (strcmp(e->path, "/usr") == 0) {
		add_site(e, xasprintf("/usr/local/lib/%s/dist-packages", py));
		add_site(e, xstrdup("/usr/lib/python3/dist-packages"));
	}
	add_site(e, xasprintf("%s/lib/%s/site-packages", e->path, py));
	add_site(e, xasprintf("%s/lib/%s/dist-packages", e->path, py));
	return 1;
}

int
probe_env(const char *path, struct env *e)
{
	struct stat	st;
	int		fd, ok = 0, windows;

	memset(e, 0, sizeof *e);
	if ((fd = open_dir(path, 0)) == -1)
		return 0;
	if (fstat(fd, &st) == -1) {
		close(fd);
		return 0;
	}
	e->dev = st.st_dev;
	e->path = xstrdup(path);
	windows = !isdir_at(fd, "bin") && isdir_at(fd, "Scripts");

	if (exists_at(fd, "pyvenv.cfg", NULL))
		ok = probe_venv(fd, e, windows);
	else if (isdir_at(fd, "conda-meta"))
		ok = probe_conda(fd, e);
	else if (windows ? isdir_at(fd, "Lib") : isdir_at(fd, "bin") && isdir_at(fd, "lib"))
		ok = probe_prefix(fd, e, windows);

	if (ok) {
		fp_mix(&e->fingerprint, mtime_ns(&st));
		use_time(e, st.st_mtim.tv_sec);
		if (e->kind != KIND_CONDA)
			probe_manager(fd, e);
		probe_name(e);
		if (e->unreadable) {
			/* Broken until it can be read; then read again at once. */
			e->broken = 1;
			e->fingerprint = 0;
		}
	}
	close(fd);
	if (!ok)
		env_free(e);
	return ok;
}

char *
probe_find_root(const char *path)
{
	struct env	 e;
	char		*p = path_absolute(path), *up;

	for (;;) {
		if (probe_env(p, &e)) {
			env_free(&e);
			return p;
		}
		if (strcmp(p, "/") == 0)
			break;
		up = path_dir(p);
		free(p);
		p = up;
	}
	free(p);
	return NULL;
}

void
env_free(struct env *e)
{
	size_t	i;

	free(e->path);
	free(e->name);
	free(e->python);
	free(e->base);
	free(e->project);
	free(e->prompt);
	for (i = 0; i < e->nsite; i++)
		free(e->site[i]);
	free(e->site);
	memset(e, 0, sizeof *e);
}
