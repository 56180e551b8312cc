/*
 * req: requirements files, following pip's req_file.py: physical lines are
 * joined at a trailing backslash, comments (a '#' at the start or after a
 * blank) dropped, ${VAR} expanded, then each line is either options (-r, -c,
 * -e, global options to skip) or a requirement with per-line options.
 * Every step is linear in the line; includes are bounded in depth and loops
 * are refused.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "marker.h"
#include "pep440.h"
#include "req.h"
#include "util.h"

#define REQ_MAX_DEPTH	16		/* -r/-c nesting */
#define REQ_MAX_FILE	(16 << 20)	/* bytes in one file */
#define REQ_MAX_TOTAL	(64 << 20)	/* bytes in a file and all it includes */
#define REQ_MAX_FILES	1000		/* files read for one top-level file */
#define REQ_MAX_WARN	200
#define REQ_MAX_QUOTE	160		/* bytes of a warning */

/* A file already read, and whether as constraints. */
struct rseen {
	char	*real;
	int	 constraint;
};

struct rctx {
	struct req_list	*list;
	char		*stack[REQ_MAX_DEPTH];	/* real paths of the open files */
	size_t		 depth;
	struct rseen	*seen;		/* every file read so far */
	size_t		 nseen;
	size_t		 total;		/* bytes read so far */
	int		 stopped;	/* a limit was hit: say so once */
	/* pip freeze's comment before an editable line: name and version. */
	char		*hint_name, *hint_version;
	const char	*hint_file;
	int		 hint_line;
};

static int	read_path(struct rctx *, const char *path, int constraint,
		    const char *from, int line);

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* Cuts s to at most max bytes (and "..."), at the start of a UTF-8 character. */
static void
shorten(char *s, size_t max)
{
	size_t	n = strlen(s);

	if (n <= max)
		return;
	n = max - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(s + n, "...", 4);
}

void
req_warn(struct req_list *l, const char *file, int line, const char *fmt, ...)
{
	va_list		 ap;
	char		*msg, *safe, *where;
	const char	*f;
	size_t		 n;

	if (l->nwarn > REQ_MAX_WARN)
		return;
	/* A file's name may come from an include line: made safe, its end kept. */
	where = term_safe(file);
	f = where;
	if ((n = strlen(f)) > REQ_MAX_QUOTE / 2) {
		f += n - REQ_MAX_QUOTE / 2;
		while (((unsigned char)*f & 0xc0) == 0x80)
			f++;
	}
	l->warn = xrealloc(l->warn, (l->nwarn + 1) * sizeof *l->warn);
	if (l->nwarn == REQ_MAX_WARN) {
		l->warn[l->nwarn++] = xasprintf("%s%s: more problems, not shown",
		    f != where ? "..." : "", f);
		free(where);
		return;
	}
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	shorten(msg, 4 * REQ_MAX_QUOTE);
	safe = term_safe(msg);
	free(msg);
	shorten(safe, REQ_MAX_QUOTE);
	if (line > 0)
		l->warn[l->nwarn++] = xasprintf("%s%s:%d: %s", f != where ?
		    "..." : "", f, line, safe);
	else
		l->warn[l->nwarn++] = xasprintf("%s%s: %s", f != where ?
		    "..." : "", f, safe);
	free(safe);
	free(where);
}

void
req_free(struct req *r)
{
	free(r->name);
	free(r->norm);
	free(r->extras);
	free(r->spec);
	free(r->url);
	free(r->url_version);
	free(r->marker);
	free(r->file);
	memset(r, 0, sizeof *r);
}

void
req_list_free(struct req_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		req_free(&l->v[i]);
	for (i = 0; i < l->nwarn; i++)
		free(l->warn[i]);
	free(l->v);
	free(l->warn);
	memset(l, 0, sizeof *l);
}

static void
list_add(struct req_list *l, struct req *r)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = *r;
	memset(r, 0, sizeof *r);
}

static void
set_name(struct req *r, const char *name, size_t n)
{
	free(r->name);
	free(r->norm);
	r->name = xstrndup(name, n);
	r->norm = xmalloc(n + 1);
	name_normalize(r->name, r->norm, n + 1);
}

char *
req_pinned(const struct req *r)
{
	const char	*s = r->spec;

	if (r->url_version != NULL && (s == NULL || *s == '\0'))
		return xstrdup(r->url_version);
	if (s == NULL || strchr(s, ',') != NULL)
		return NULL;
	if (strncmp(s, "===", 3) == 0)
		return s[3] != '\0' ? xstrdup(s + 3) : NULL;
	if (strncmp(s, "==", 2) != 0 || s[2] == '\0')
		return NULL;
	if (strlen(s) >= 4 && strcmp(s + strlen(s) - 2, ".*") == 0)
		return NULL;
	return xstrdup(s + 2);
}

/* --- names of local projects and archives -------------------------------- */

/* The value of key in [section] of an ini- or TOML-like file, allocated. */
static char *
file_key(const char *path, const char *section, const char *key)
{
	char	*text, *line, *next, *p, *v = NULL;
	size_t	 len, klen = strlen(key);
	int	 in = 0;

	if ((text = read_file_at(AT_FDCWD, path, 1 << 20, &len)) == NULL)
		return NULL;
	for (line = text; line != NULL && v == NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		while (is_space((unsigned char)*line))
			line++;
		if (*line == '[') {
			in = strncmp(line, section, strlen(section)) == 0;
			continue;
		}
		if (!in || strncmp(line, key, klen) != 0)
			continue;
		p = line + klen;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p++ != '=')
			continue;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '"' || *p == '\'') {
			char	*q = strchr(p + 1, *p);

			if (q != NULL)
				v = xstrndup(p + 1, (size_t)(q - p - 1));
		} else {
			len = 0;
			while (p[len] != '\0' && !is_space((unsigned char)p[len]))
				len++;
			if (len > 0)
				v = xstrndup(p, len);
		}
	}
	free(text);
	return v;
}

/* The project name of a source folder, from its metadata files; allocated. */
static char *
project_name(const char *dir)
{
	char	*path, *name;

	path = path_join(dir, "pyproject.toml");
	name = file_key(path, "[project]", "name");
	free(path);
	if (name == NULL) {
		path = path_join(dir, "setup.cfg");
		name = file_key(path, "[metadata]", "name");
		free(path);
	}
	return name;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The last path segment of a URL or path, %-decoded; allocated. */
static char *
url_filename(const char *url)
{
	const char	*e = url + strcspn(url, "#?"), *s = e;
	struct sbuf	 sb = { 0 };
	int		 hi, lo;

	while (s > url && s[-1] != '/')
		s--;
	for (; s < e; s++) {
		if (*s == '%' && e - s >= 3 &&
		    (hi = hexval(s[1])) >= 0 && (lo = hexval(s[2])) >= 0) {
			sbuf_addc(&sb, hi * 16 + lo);
			s += 2;
		} else
			sbuf_addc(&sb, *s);
	}
	return sb.s != NULL ? sbuf_steal(&sb) : xstrdup("");
}


static const char *const archive_exts[] = { ".whl", ".tar.gz", ".tgz",
    ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tar.lz", ".tlz", ".tar.lzma",
    ".tar", ".zip", NULL };

static size_t
archive_ext(const char *filename)
{
	size_t	i;

	for (i = 0; archive_exts[i] != NULL; i++)
		if (str_iends(filename, archive_exts[i]))
			return strlen(archive_exts[i]);
	return 0;
}

/*
 * Name (and version, as "==V") from an archive's file name: a wheel's
 * name-version-[build-]py-abi-plat.whl, or an sdist's name-version.ext.
 */
static int
archive_req(const char *filename, struct req *r)
{
	size_t	 ext = archive_ext(filename), n = strlen(filename) - ext, i;
	char	*stem = xstrndup(filename, n), *parts[7], *p, *dash;
	size_t	 np = 0;
	int	 ok = 0;

	if (ext == 0) {
		free(stem);
		return -1;
	}
	if (strcasecmp(filename + n, ".whl") == 0) {
		for (p = stem; np < nitems(parts); p = dash + 1) {
			parts[np++] = p;
			if ((dash = strchr(p, '-')) == NULL)
				break;
			*dash = '\0';
		}
		if ((np == 5 || np == 6) && dash == NULL && *parts[0] != '\0') {
			for (i = 0; parts[1][i] != '\0'; i++)
				if (parts[1][i] == '_')
					parts[1][i] = '-';
			if (!pep440_valid(parts[1])) {	/* pip refuses it too */
				free(stem);
				return -1;
			}
			set_name(r, parts[0], strlen(parts[0]));
			r->spec = xasprintf("==%s", parts[1]);
			ok = 1;
		}
	} else if ((dash = strrchr(stem, '-')) != NULL && dash > stem &&
	    pep440_valid(dash + 1)) {
		set_name(r, stem, (size_t)(dash - stem));
		r->spec = xasprintf("==%s", dash + 1);
		ok = 1;
	}
	free(stem);
	return ok ? 0 : -1;
}

/*
 * The version an archive URL's file name gives, when the file name names
 * project norm (a pip freeze line "name @ file:///.../name-1.0-py3-none-any.whl");
 * allocated, or NULL.
 */
static char *
archive_version(const char *url, const char *norm)
{
	struct req	 t;
	char		*fn = url_filename(url), *v = NULL;

	memset(&t, 0, sizeof t);
	if (archive_req(fn, &t) == 0 && strcmp(t.norm, norm) == 0 &&
	    pep440_valid(t.spec + 2))
		v = xstrdup(t.spec + 2);
	req_free(&t);
	free(fn);
	return v;
}

/* The #egg= fragment of a URL, allocated, or NULL. */
static char *
egg_fragment(const char *url)
{
	const char	*p = url, *e;

	while ((p = strstr(p, "egg=")) != NULL) {
		if (p > url && (p[-1] == '#' || p[-1] == '&')) {
			p += 4;
			e = p + strcspn(p, "&[");
			return e > p ? xstrndup(p, (size_t)(e - p)) : NULL;
		}
		p += 4;
	}
	return NULL;
}

/* pip's is_url(): a scheme pip knows, before the first colon. */
static int
is_url(const char *s)
{
	static const char *const schemes[] = { "http", "https", "file", "ftp",
	    "git", "hg", "svn", "bzr", NULL };
	size_t	n = strcspn(s, ":"), i, m;

	if (s[n] != ':')
		return 0;
	for (i = 0; schemes[i] != NULL; i++) {
		m = strlen(schemes[i]);
		if (n == m && strncasecmp(s, schemes[i], m) == 0)
			return 1;
		/* git+https and the other version control schemes */
		if (i >= 4 && n > m && s[m] == '+' && strncasecmp(s, schemes[i], m) == 0)
			return 1;
	}
	return 0;
}

static int
looks_like_path(const char *s)
{
	return strchr(s, '/') != NULL || s[0] == '.';
}


/*
 * A local path: relative paths are pip's (the working folder), else the
 * requirements file's folder. Allocated; NULL when it does not exist.
 */
static char *
local_path(const char *path, const char *file)
{
	struct stat	 st;
	char		*dir, *p;

	if (stat(path, &st) == 0)
		return xstrdup(path);
	if (path[0] == '/' || file == NULL)
		return NULL;
	dir = path_dir(file);
	p = path_join(dir, path);
	free(dir);
	if (stat(p, &st) == 0)
		return p;
	free(p);
	return NULL;
}

/* Splits "path[extras]" (as pip's _strip_extras). */
static void
strip_extras(char *s, struct req *r)
{
	size_t	n = strlen(s);
	char	*b;

	if (n > 0 && s[n - 1] == ']' && (b = strrchr(s, '[')) != NULL) {
		r->extras = xstrndup(b + 1, (size_t)(s + n - 1 - (b + 1)));
		*b = '\0';
	}
}

/* A URL, path or archive requirement: names it when it can. */
static int
link_req(char *s, const char *file, struct req *r, char **err)
{
	char	*fn, *egg, *local = NULL, *dir = NULL;

	if (!is_url(s))
		strip_extras(s, r);
	r->url = xstrdup(s);
	if (strncasecmp(s, "file:", 5) == 0) {
		const char	*p = s + 5;

		if (strncmp(p, "//", 2) == 0) {
			p += 2;
			if (strncmp(p, "localhost/", 10) == 0)
				p += 9;
		}
		dir = xstrndup(p, strcspn(p, "#?"));
	} else if (!is_url(s))
		dir = xstrdup(s);
	if (dir != NULL)
		local = local_path(dir, file);
	fn = url_filename(s);
	if ((egg = egg_fragment(s)) != NULL) {
		set_name(r, egg, strlen(egg));
		free(egg);
	} else if (archive_ext(fn) > 0 && archive_req(fn, r) == 0) {
		/* named by its file name */
	} else if (local != NULL && fs_is_dir(local)) {
		char	*name = project_name(local);

		if (name != NULL)
			set_name(r, name, strlen(name));
		free(name);
	}
	free(fn);
	free(local);
	free(dir);
	if (r->spec == NULL)
		r->spec = xstrdup("");
	if (r->name == NULL || r->norm[0] == '\0') {
		*err = xasprintf("cannot tell which project '%s' is (add #egg=NAME)",
		    s);
		return -1;
	}
	return 0;
}

/* name [extras] (spec | @ url), PEP 508, the marker already split off. */
static int
pep508(const char *s, struct req *r, char **err)
{
	const char	*p = s, *n, *e;
	struct sbuf	 sb = { 0 };
	char		*spec;

	while (is_space((unsigned char)*p))
		p++;
	n = p;
	while (is_alnum((unsigned char)*p) || *p == '-' || *p == '_' || *p == '.')
		p++;
	if (p == n || !is_alnum((unsigned char)*n) ||
	    !is_alnum((unsigned char)p[-1])) {
		*err = xasprintf("'%s' is not a requirement", s);
		return -1;
	}
	set_name(r, n, (size_t)(p - n));
	while (is_space((unsigned char)*p))
		p++;
	if (*p == '[') {
		e = strchr(p, ']');
		if (e == NULL) {
			*err = xasprintf("'%s': unclosed extras", s);
			return -1;
		}
		for (n = p + 1; n < e; n++)
			if (!is_space((unsigned char)*n))
				sbuf_addc(&sb, *n);
		for (n = sb.s; n != NULL && *n != '\0'; n++) {
			if (!is_alnum((unsigned char)*n) && strchr("-_.,", *n) == NULL) {
				*err = xasprintf("'%s': bad extras", s);
				sbuf_free(&sb);
				return -1;
			}
		}
		r->extras = sb.s != NULL ? sbuf_steal(&sb) : xstrdup("");
		p = e + 1;
		while (is_space((unsigned char)*p))
			p++;
	}
	if (*p == '@') {
		p++;
		while (is_space((unsigned char)*p))
			p++;
		e = p;
		while (*e != '\0' && !is_space((unsigned char)*e))
			e++;
		if (e == p) {
			*err = xasprintf("'%s': no URL after '@'", s);
			return -1;
		}
		r->url = xstrndup(p, (size_t)(e - p));
		r->spec = xstrdup("");
		r->url_version = archive_version(r->url, r->norm);
		p = e;
		while (is_space((unsigned char)*p))
			p++;
		if (*p != '\0') {
			*err = xasprintf("'%s': text after the URL", s);
			return -1;
		}
		return 0;
	}
	if (*p == '(') {
		e = strchr(p, ')');
		if (e == NULL) {
			*err = xasprintf("'%s': unclosed '('", s);
			return -1;
		}
		spec = xstrndup(p + 1, (size_t)(e - p - 1));
		for (e++; is_space((unsigned char)*e); e++)
			;
		if (*e != '\0') {
			*err = xasprintf("'%s': text after ')'", s);
			free(spec);
			return -1;
		}
	} else
		spec = xstrdup(p);
	if (!pep440_spec_valid(spec)) {
		*err = xasprintf("'%s': bad version specifier", s);
		free(spec);
		return -1;
	}
	for (n = spec; *n != '\0'; n++)
		if (!is_space((unsigned char)*n))
			sbuf_addc(&sb, *n);
	r->spec = sb.s != NULL ? sbuf_steal(&sb) : xstrdup("");
	free(spec);
	return 0;
}

/*
 * pip's _get_url_from_path(): a folder given as a path, or an archive's file
 * name, unless it reads as "name @ URL".
 */
static int
path_req(const char *s, const char *file)
{
	char	*local, *at, *before;
	int	 r;

	if (looks_like_path(s) && (local = local_path(s, file)) != NULL) {
		r = fs_is_dir(local) || archive_ext(s) > 0;
		free(local);
		if (r)
			return 1;
	}
	if (archive_ext(s) == 0)
		return 0;
	if ((at = strchr(s, '@')) == NULL)
		return 1;
	before = xstrndup(s, (size_t)(at - s));
	r = looks_like_path(before);
	free(before);
	return r;
}

/* As pip's parse_req_from_line, with file the requirements file (or NULL). */
static int
parse_req(const char *line, const char *file, struct req *r, char **err)
{
	static const struct marker_env	 unknown = { 0 };
	char				*s = xstrdup(line), *m, *e;
	int				 rc;

	memset(r, 0, sizeof *r);
	*err = NULL;
	if ((m = strstr(s, is_url(s) ? "; " : ";")) != NULL) {
		*m++ = '\0';
		while (is_space((unsigned char)*m))
			m++;
		for (e = m + strlen(m); e > m && is_space((unsigned char)e[-1]); e--)
			;
		*e = '\0';
		if (*m != '\0') {
			if (marker_eval(m, &unknown, NULL) == -1) {
				*err = xasprintf("bad marker '%s'", m);
				free(s);
				return -1;
			}
			r->marker = xstrdup(m);
		}
	}
	for (m = s; is_space((unsigned char)*m); m++)
		;
	for (e = m + strlen(m); e > m && is_space((unsigned char)e[-1]); e--)
		;
	*e = '\0';
	if (is_url(m) || path_req(m, file))
		rc = link_req(m, file, r, err);
	else
		rc = pep508(m, r, err);
	free(s);
	if (rc == -1)
		req_free(r);
	return rc;
}

int
req_parse(const char *line, struct req *r, char **err)
{
	return parse_req(line, NULL, r, err);
}

/* --- options --------------------------------------------------------------- */

enum opt_kind { O_REQ, O_CONS, O_EDIT, O_ARG, O_FLAG, O_LINE };

static const struct opt {
	char		 s;		/* short form, or 0 */
	const char	*l;		/* long form */
	enum opt_kind	 kind;
} opts[] = {
	{ 'r', "requirement", O_REQ },
	{ 'c', "constraint", O_CONS },
	{ 'e', "editable", O_EDIT },
	{ 'i', "index-url", O_ARG },
	{ 0, "extra-index-url", O_ARG },
	{ 0, "no-index", O_FLAG },
	{ 'f', "find-links", O_ARG },
	{ 0, "no-binary", O_ARG },
	{ 0, "only-binary", O_ARG },
	{ 0, "prefer-binary", O_FLAG },
	{ 0, "require-hashes", O_FLAG },
	{ 0, "pre", O_FLAG },
	{ 0, "trusted-host", O_ARG },
	{ 0, "use-feature", O_ARG },
	{ 0, "hash", O_LINE },
	{ 0, "global-option", O_LINE },
	{ 0, "install-option", O_LINE },
	{ 0, "config-settings", O_LINE },
};

/* shlex.split (POSIX mode) of s into an allocated array; NULL on bad quoting. */
static char **
shlex(const char *s, size_t *np)
{
	struct sbuf	  w = { 0 };
	char		**v = NULL;
	size_t		  n = 0;
	int		  in = 0, q = 0;

	for (;; s++) {
		if (*s == '\0' || (!q && is_space((unsigned char)*s))) {
			if (q) {
				sbuf_free(&w);
				while (n > 0)
					free(v[--n]);
				free(v);
				return NULL;
			}
			if (in) {
				v = xrealloc(v, (n + 1) * sizeof *v);
				v[n++] = w.s != NULL ? sbuf_steal(&w) : xstrdup("");
				in = 0;
			}
			if (*s == '\0')
				break;
			continue;
		}
		in = 1;
		if (q == '\'') {
			if (*s == '\'')
				q = 0;
			else
				sbuf_addc(&w, *s);
		} else if (q == '"') {
			if (*s == '"')
				q = 0;
			else if (*s == '\\' && s[1] != '\0' && strchr("\\\"$`", s[1]))
				sbuf_addc(&w, *++s);
			else
				sbuf_addc(&w, *s);
		} else if (*s == '\'' || *s == '"')
			q = *s;
		else if (*s == '\\' && s[1] != '\0')
			sbuf_addc(&w, *++s);
		else
			sbuf_addc(&w, *s);
	}
	*np = n;
	return v;
}

/* Finds the option of word w ("-r", "-rFILE", "--req=FILE", "--requirement"). */
static const struct opt *
find_opt(const char *w, const char **attached)
{
	const struct opt	*found = NULL;
	size_t			 i, n;
	int			 matches = 0;

	*attached = NULL;
	if (w[0] != '-')
		return NULL;
	if (w[1] != '-') {
		for (i = 0; i < nitems(opts); i++) {
			if (opts[i].s != 0 && opts[i].s == w[1]) {
				if (w[2] != '\0')
					*attached = w + 2;
				return &opts[i];
			}
		}
		return NULL;
	}
	w += 2;
	n = strcspn(w, "=");
	for (i = 0; i < nitems(opts); i++) {
		if (strncmp(opts[i].l, w, n) != 0)
			continue;
		if (opts[i].l[n] == '\0') {	/* exact */
			found = &opts[i];
			matches = 1;
			break;
		}
		found = &opts[i];	/* optparse takes unique prefixes */
		matches++;
	}
	if (matches != 1)
		return NULL;
	if (w[n] == '=')
		*attached = w + n + 1;
	return found;
}

static void
hint_clear(struct rctx *c)
{
	free(c->hint_name);
	free(c->hint_version);
	c->hint_name = c->hint_version = NULL;
	c->hint_file = NULL;
}

/*
 * pip freeze writes what it knows of an editable install in a comment a
 * line or two before its -e line: "# Editable install with no version
 * control (foo==1.0)", "# Editable Git install with no remote (foo==1.0)".
 */
static void
freeze_hint(struct rctx *c, const char *line, const char *file, int lineno)
{
	const char	*p = line, *open, *close, *eq, *n;

	while (is_space((unsigned char)*p))
		p++;
	if (strncmp(p, "# Editable ", 11) != 0 || (open = strchr(p, '(')) == NULL ||
	    (close = strchr(open, ')')) == NULL)
		return;
	for (eq = open + 1; eq + 1 < close && !(eq[0] == '=' && eq[1] == '='); eq++)
		;
	if (eq + 1 >= close || eq == open + 1)
		return;
	for (n = open + 1; n < eq; n++)
		if (!is_alnum((unsigned char)*n) && strchr("-_.", *n) == NULL)
			return;
	hint_clear(c);
	c->hint_name = xstrndup(open + 1, (size_t)(eq - open - 1));
	c->hint_version = xstrndup(eq + 2, (size_t)(close - eq - 2));
	if (!pep440_valid(c->hint_version)) {
		hint_clear(c);
		return;
	}
	c->hint_file = file;
	c->hint_line = lineno;
}

static void
add_req(struct rctx *c, const char *line, const char *file, int lineno,
    int constraint, int editable)
{
	struct req	 r;
	char		*err;
	int		 hint;

	hint = editable && c->hint_name != NULL && c->hint_file == file &&
	    lineno > c->hint_line && lineno - c->hint_line <= 3;
	if (parse_req(line, file, &r, &err) == -1) {
		if (!hint) {
			req_warn(c->list, file, lineno, "%s; skipped", err);
			free(err);
			hint_clear(c);
			return;
		}
		/* A folder not on this machine: named by pip freeze's comment. */
		free(err);
		memset(&r, 0, sizeof r);
		set_name(&r, c->hint_name, strlen(c->hint_name));
		r.spec = xstrdup("");
		r.url = xstrdup(line);
	}
	if (hint && r.url_version == NULL && r.spec[0] == '\0') {
		char	norm[256];

		name_normalize(c->hint_name, norm, sizeof norm);
		if (strcmp(norm, r.norm) == 0)
			r.url_version = xstrdup(c->hint_version);
	}
	hint_clear(c);		/* it is for the next requirement only */
	r.file = xstrdup(file);
	r.line = lineno;
	r.constraint = constraint;
	r.editable = editable;
	list_add(c->list, &r);
}

/* An include's path: relative to the including file unless absolute. */
static void
include(struct rctx *c, const char *arg, const char *file, int lineno,
    int constraint)
{
	char	*dir, *path;

	if (is_url(arg)) {
		req_warn(c->list, file, lineno, "%s: not fetched (venvdex reads local "
		    "files only); skipped", arg);
		return;
	}
	if (arg[0] == '/')
		path = xstrdup(arg);
	else {
		dir = path_dir(file);
		path = path_join(dir, arg);
		free(dir);
	}
	read_path(c, path, constraint, file, lineno);
	free(path);
}

/* The options of a line with no requirement. */
static void
option_line(struct rctx *c, const char *s, const char *file, int lineno,
    int constraint)
{
	const struct opt	 *o;
	const char		 *arg;
	char			**w;
	size_t			  n, i;

	if ((w = shlex(s, &n)) == NULL) {
		req_warn(c->list, file, lineno, "unbalanced quotes; skipped");
		return;
	}
	for (i = 0; i < n; i++) {
		if ((o = find_opt(w[i], &arg)) == NULL) {
			req_warn(c->list, file, lineno, "unknown option '%s'; line skipped",
			    w[i]);
			break;
		}
		if (o->kind != O_FLAG && arg == NULL) {
			if (i + 1 >= n) {
				req_warn(c->list, file, lineno, "%s needs an argument", w[i]);
				break;
			}
			arg = w[++i];
		}
		switch (o->kind) {
		case O_REQ:
		case O_CONS:
			include(c, arg, file, lineno, o->kind == O_CONS);
			break;
		case O_EDIT:
			add_req(c, arg, file, lineno, constraint, 1);
			break;
		case O_LINE:
			req_warn(c->list, file, lineno, "%s belongs after a requirement",
			    w[i]);
			break;
		default:
			break;	/* global options: nothing to compare */
		}
	}
	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

/* The options after a requirement: --hash and the like. */
static void
line_options(struct rctx *c, const char *s, const char *file, int lineno)
{
	const struct opt	 *o;
	const char		 *arg;
	char			**w;
	size_t			  n, i;

	if ((w = shlex(s, &n)) == NULL) {
		req_warn(c->list, file, lineno, "unbalanced quotes in options");
		return;
	}
	for (i = 0; i < n; i++) {
		if ((o = find_opt(w[i], &arg)) == NULL || o->kind != O_LINE) {
			req_warn(c->list, file, lineno, "option '%s' ignored", w[i]);
			continue;
		}
		if (arg == NULL)
			i++;
	}
	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

/* ${NAME} (upper case, digits, _) from the environment, as pip does. */
static char *
expand_vars(const char *s)
{
	struct sbuf	 sb = { 0 };
	const char	*p, *e, *v;
	char		*name;

	for (p = s; *p != '\0'; p++) {
		if (p[0] == '$' && p[1] == '{') {
			for (e = p + 2; (*e >= 'A' && *e <= 'Z') ||
			    (*e >= '0' && *e <= '9') || *e == '_'; e++)
				;
			if (*e == '}' && e > p + 2) {
				name = xstrndup(p + 2, (size_t)(e - p - 2));
				v = getenv(name);
				free(name);
				if (v != NULL) {
					sbuf_adds(&sb, v);
					p = e;
					continue;
				}
			}
		}
		sbuf_addc(&sb, *p);
	}
	return sb.s != NULL ? sbuf_steal(&sb) : xstrdup("");
}

/* One logical line. */
static void
logical_line(struct rctx *c, char *line, const char *file, int lineno,
    int constraint)
{
	char	*s, *p, *e, *args;
	size_t	 i;

	freeze_hint(c, line, file, lineno);
	/* COMMENT_RE = (^|\s+)#.*$ */
	for (i = 0; line[i] != '\0'; i++) {
		if (line[i] == '#' && (i == 0 || is_space((unsigned char)line[i - 1]))) {
			line[i] = '\0';
			break;
		}
	}
	for (p = line; is_space((unsigned char)*p); p++)
		;
	for (e = p + strlen(p); e > p && is_space((unsigned char)e[-1]); e--)
		;
	*e = '\0';
	if (*p == '\0')
		return;
	s = expand_vars(p);
	/* break_args_options: words up to the first one starting with '-'. */
	for (p = s; ; ) {
		if (*p == '-')
			break;
		if ((p = strchr(p, ' ')) == NULL)
			break;
		p++;
	}
	if (p == s)
		option_line(c, s, file, lineno, constraint);
	else {
		args = p != NULL ? xstrndup(s, (size_t)(p - s)) : xstrdup(s);
		if (p != NULL)
			line_options(c, p, file, lineno);
		add_req(c, args, file, lineno, constraint, 0);
		free(args);
	}
	free(s);
}

static int
is_break(int ch)
{
	/* str.splitlines(): \n \r \v \f \x1c \x1d \x1e (and a NUL, here) */
	return ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f' ||
	    ch == 0x1c || ch == 0x1d || ch == 0x1e || ch == '\0';
}

static void
parse_text(struct rctx *c, const char *file, const char *text, size_t len,
    int constraint)
{
	struct sbuf	 join = { 0 };
	const char	*p = text, *end = text + len, *e, *q, *le;
	char		*line;
	int		 lineno = 0, primary = 0, joining = 0, comment;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		for (le = p; le < end && !is_break((unsigned char)*le); le++)
			;
		e = le;
		lineno++;
		for (q = p; q < e && is_space((unsigned char)*q); q++)
			;
		comment = q < e && *q == '#';
		if (e == p || e[-1] != '\\' || comment) {
			if (joining) {
				if (comment)
					sbuf_addc(&join, ' ');
				sbuf_add(&join, p, (size_t)(e - p));
				line = sbuf_steal(&join);
				logical_line(c, line, file, primary, constraint);
				joining = 0;
			} else {
				line = xstrndup(p, (size_t)(e - p));
				logical_line(c, line, file, lineno, constraint);
			}
			free(line);
		} else {
			if (!joining) {
				primary = lineno;
				joining = 1;
			}
			/* line.strip("\\") */
			for (q = p; q < e && *q == '\\'; q++)
				;
			while (e > q && e[-1] == '\\')
				e--;
			sbuf_add(&join, q, (size_t)(e - q));
		}
		if (le < end && *le == '\r' && le + 1 < end && le[1] == '\n')
			le++;
		p = le + 1;
	}
	if (joining) {
		line = join.s != NULL ? sbuf_steal(&join) : xstrdup("");
		logical_line(c, line, file, primary, constraint);
		free(line);
	}
	sbuf_free(&join);
}

/* Appends code point cp as UTF-8. */
static void
add_utf8(struct sbuf *sb, unsigned long cp)
{
	if (cp < 0x80)
		sbuf_addc(sb, (int)cp);
	else if (cp < 0x800) {
		sbuf_addc(sb, (int)(0xc0 | cp >> 6));
		sbuf_addc(sb, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		sbuf_addc(sb, (int)(0xe0 | cp >> 12));
		sbuf_addc(sb, (int)(0x80 | (cp >> 6 & 0x3f)));
		sbuf_addc(sb, (int)(0x80 | (cp & 0x3f)));
	} else {
		sbuf_addc(sb, (int)(0xf0 | cp >> 18));
		sbuf_addc(sb, (int)(0x80 | (cp >> 12 & 0x3f)));
		sbuf_addc(sb, (int)(0x80 | (cp >> 6 & 0x3f)));
		sbuf_addc(sb, (int)(0x80 | (cp & 0x3f)));
	}
}

/* UTF-16 after its byte order mark, as UTF-8 (bad surrogates: U+FFFD). */
static char *
utf16_to_utf8(const unsigned char *p, size_t n, size_t *len)
{
	struct sbuf	 sb = { 0 };
	unsigned long	 u, w;
	size_t		 i;
	int		 be = p[0] == 0xfe;

#define UNIT(i)	(be ? (unsigned long)p[i] << 8 | p[(i) + 1] : \
	    (unsigned long)p[(i) + 1] << 8 | p[i])
	sbuf_add(&sb, "", 0);
	for (i = 2; i + 1 < n; i += 2) {
		u = UNIT(i);
		if (u >= 0xd800 && u < 0xdc00 && i + 3 < n &&
		    (w = UNIT(i + 2)) >= 0xdc00 && w < 0xe000) {
			u = 0x10000 + ((u - 0xd800) << 10) + (w - 0xdc00);
			i += 2;
		} else if (u >= 0xd800 && u < 0xe000)
			u = 0xfffd;
		add_utf8(&sb, u);
	}
#undef UNIT
	*len = sb.len;
	return sbuf_steal(&sb);
}

static int
is_fifo(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 && S_ISFIFO(st.st_mode);
}

/* What fd gives until its end, at most one byte more than a file may hold. */
static char *
read_stream(int fd, size_t *len)
{
	struct sbuf	 sb = { 0 };
	char		 buf[65536];
	ssize_t		 r;

	sbuf_add(&sb, "", 0);
	while (sb.len <= REQ_MAX_FILE) {
		if ((r = read(fd, buf, sizeof buf)) == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			sbuf_free(&sb);
			return NULL;
		}
		if (r == 0)
			break;
		sbuf_add(&sb, buf, (size_t)r);
	}
	*len = sb.len;
	return sbuf_steal(&sb);
}

/*
 * A requirements file's text, as pip decodes it: UTF-8, or UTF-16 by its
 * byte order mark (what PowerShell's `pip freeze > file` writes). With
 * streams, "-" is standard input and a pipe is read; else only regular
 * files are (an include naming a pipe would wait for ever). Allocated;
 * NULL with *why set when it cannot be read, is too big or is binary.
 */
static char *
read_text(const char *path, int streams, size_t *len, const char **why)
{
	unsigned char	*raw;
	char		*text;
	size_t		 n;

	if (streams && strcmp(path, "-") == 0)
		text = read_stream(STDIN_FILENO, &n);
	else if (streams && is_fifo(path)) {
		int	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

		text = fd == -1 ? NULL : read_stream(fd, &n);
		if (fd != -1)
			close(fd);
	} else
		text = read_file_at(AT_FDCWD, path, REQ_MAX_FILE + 1, &n);
	if (text == NULL) {
		*why = errno == EINVAL ? "not a regular file" : strerror(errno);
		return NULL;
	}
	raw = (unsigned char *)text;
	if (n > REQ_MAX_FILE) {
		*why = "too big for a requirements file (more than 16 MB)";
		free(text);
		return NULL;
	}
	if (n >= 2 && ((raw[0] == 0xff && raw[1] == 0xfe) ||
	    (raw[0] == 0xfe && raw[1] == 0xff))) {
		text = utf16_to_utf8(raw, n, &n);
		free(raw);
	}
	if (memchr(text, '\0', n) != NULL) {
		*why = "binary data, not a requirements file";
		free(text);
		return NULL;
	}
	*len = n;
	return text;
}

static void
ctx_free(struct rctx *c)
{
	size_t	i;

	hint_clear(c);
	for (i = 0; i < c->depth; i++)
		free(c->stack[i]);
	for (i = 0; i < c->nseen; i++)
		free(c->seen[i].real);
	free(c->seen);
}

/* Remembers a file as read; 1 when it was already (a diamond of includes). */
static int
ctx_seen(struct rctx *c, const char *real, int constraint)
{
	size_t	i;

	for (i = 0; i < c->nseen; i++)
		if (c->seen[i].constraint == constraint &&
		    strcmp(c->seen[i].real, real) == 0)
			return 1;
	c->seen = xrealloc(c->seen, (c->nseen + 1) * sizeof *c->seen);
	c->seen[c->nseen].real = xstrdup(real);
	c->seen[c->nseen++].constraint = constraint;
	return 0;
}

/* Parses text as path's, with includes relative to it. */
static void
parse_file(struct rctx *c, const char *path, const char *real,
    const char *text, size_t len, int constraint)
{
	c->total += len;
	c->stack[c->depth++] = xstrdup(real);
	parse_text(c, path, text, len, constraint);
	free(c->stack[--c->depth]);
	hint_clear(c);		/* it names its file: do not outlive it */
}

static int
read_path(struct rctx *c, const char *path, int constraint, const char *from,
    int line)
{
	const char	*why;
	char		*text, real[PATH_MAX];
	size_t		 len, i;

	if (c->depth >= REQ_MAX_DEPTH) {
		req_warn(c->list, from, line, "%s: includes nested deeper than %d; "
		    "skipped", path, REQ_MAX_DEPTH);
		return 0;
	}
	if (realpath(path, real) == NULL)
		snprintf(real, sizeof real, "%s", path);
	for (i = 0; i < c->depth; i++) {
		if (strcmp(c->stack[i], real) == 0) {
			req_warn(c->list, from, line, "%s includes itself; skipped", path);
			return 0;
		}
	}
	if (c->nseen >= REQ_MAX_FILES || c->total >= REQ_MAX_TOTAL) {
		if (!c->stopped)
			req_warn(c->list, from, line, "%s: not read, and no more "
			    "includes: over %d files or %d MB in all", path,
			    REQ_MAX_FILES, REQ_MAX_TOTAL >> 20);
		c->stopped = 1;
		return 0;
	}
	/* Read once: a second time adds nothing (and diamonds explode). */
	if (ctx_seen(c, real, constraint))
		return 0;
	if ((text = read_text(path, 0, &len, &why)) == NULL) {
		req_warn(c->list, from, line, "%s: %s", path, why);
		return -1;
	}
	parse_file(c, path, real, text, len, constraint);
	free(text);
	return 0;
}

int
req_read_text(const char *path, const char *text, size_t len,
    struct req_list *l)
{
	struct rctx	c;
	char		real[PATH_MAX];

	memset(&c, 0, sizeof c);
	c.list = l;
	if (realpath(path, real) == NULL)
		snprintf(real, sizeof real, "%s", path);
	ctx_seen(&c, real, 0);
	parse_file(&c, path, real, text, len, 0);
	ctx_free(&c);
	return 0;
}

char *
req_load(const char *path, size_t *len, char **err)
{
	const char	*why;
	char		*text;

	*err = NULL;
	if ((text = read_text(path, 1, len, &why)) == NULL)
		*err = xasprintf("%s: %s", strcmp(path, "-") == 0 ?
		    "standard input" : path, why);
	return text;
}

int
req_read_file(const char *path, struct req_list *l, char **err)
{
	char	*text;
	size_t	 len;
	int	 rc;

	if ((text = req_load(path, &len, err)) == NULL)
		return -1;
	rc = req_read_text(path, text, len, l);
	free(text);
	return rc;
}

/* --- Pipfile.lock ---------------------------------------------------------- */

int
req_read_pipfile_lock(sqlite3 *db, const char *path, const char *text,
    size_t len, struct req_list *l, char **err)
{
	static const char sql[] =
	    "SELECT j.key, json_extract(j.value, '$.version'),"
	    " json_extract(j.value, '$.markers'),"
	    " json_extract(j.value, '$.editable'),"
	    " coalesce(json_extract(j.value, '$.git'), json_extract(j.value, '$.path'),"
	    "  json_extract(j.value, '$.file')), s.section"
	    " FROM (SELECT 'default' AS section UNION ALL SELECT 'develop') s,"
	    " json_each(?1, '$.' || s.section) j"
	    " WHERE json_valid(?1) AND json_type(?1, '$.' || s.section) = 'object'"
	    " AND j.type = 'object' ORDER BY s.section, j.key";
	struct sbuf	 sb = { 0 };
	sqlite3_stmt	*st;
	struct req	 r;
	const char	*name, *ver, *mk, *src, *e;
	int		 rc;

	*err = NULL;
	if (len > INT_MAX) {
		*err = xasprintf("%s: too big for a lock file", path);
		return -1;
	}
	if (sqlite3_prepare_v2(db, "SELECT json_valid(?1)", -1, &st, NULL) !=
	    SQLITE_OK) {
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!rc) {
		*err = xasprintf("%s: not valid JSON", path);
		return -1;
	}
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		ver = (const char *)sqlite3_column_text(st, 1);
		mk = (const char *)sqlite3_column_text(st, 2);
		src = (const char *)sqlite3_column_text(st, 4);
		memset(&r, 0, sizeof r);
		if (name == NULL || *name == '\0')
			continue;
		set_name(&r, name, strlen(name));
		if (ver != NULL && strcmp(ver, "*") != 0) {
			sbuf_adds(&sb, "");
			for (e = ver; *e != '\0'; e++)
				if (!is_space((unsigned char)*e))
					sbuf_addc(&sb, *e);
			r.spec = sbuf_steal(&sb);
			if (!pep440_spec_valid(r.spec)) {
				req_warn(l, path, 0, "%s: bad version '%s'; skipped", name, ver);
				req_free(&r);
				continue;
			}
		} else
			r.spec = xstrdup("");
		if (mk != NULL && *mk != '\0')
			r.marker = xstrdup(mk);
		if (src != NULL)
			r.url = xstrdup(src);
		r.editable = sqlite3_column_int(st, 3);
		r.file = xstrdup(path);
		list_add(l, &r);
	}
	if (rc != SQLITE_DONE)
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return *err != NULL ? -1 : 0;
}
