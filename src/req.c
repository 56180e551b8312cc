/*
 * req: one requirement as pip reads it (PEP 508 "name[extras] spec ;
 * marker", name @ URL, a local path or an archive URL), and the list that
 * holds them with its warnings. The files are reqfile.c and pipfile.c.
 */
#include "config.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "marker.h"
#include "pep440.h"
#include "req.h"
#include "util.h"

#define REQ_MAX_WARN	200
#define REQ_MAX_QUOTE	160		/* bytes of a warning */

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

void
req_list_add(struct req_list *l, struct req *r)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = *r;
	memset(r, 0, sizeof *r);
}

void
req_set_name(struct req *r, const char *name, size_t n)
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
		while (str_isspace((unsigned char)*line))
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
			while (p[len] != '\0' && !str_isspace((unsigned char)p[len]))
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
	const char	*dot = strrchr(filename, '.');
	size_t		 i;

	/* Each ends in a dot and a letter: most requirements are out at once. */
	if (dot == NULL || !((dot[1] >= 'a' && dot[1] <= 'z') ||
	    (dot[1] >= 'A' && dot[1] <= 'Z')))
		return 0;
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
			req_set_name(r, parts[0], strlen(parts[0]));
			r->spec = xasprintf("==%s", parts[1]);
			ok = 1;
		}
	} else if ((dash = strrchr(stem, '-')) != NULL && dash > stem &&
	    pep440_valid(dash + 1)) {
		req_set_name(r, stem, (size_t)(dash - stem));
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

int
req_is_url(const char *s)
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

	if (!req_is_url(s))
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
	} else if (!req_is_url(s))
		dir = xstrdup(s);
	if (dir != NULL)
		local = local_path(dir, file);
	fn = url_filename(s);
	if ((egg = egg_fragment(s)) != NULL) {
		req_set_name(r, egg, strlen(egg));
		free(egg);
	} else if (archive_ext(fn) > 0 && archive_req(fn, r) == 0) {
		/* named by its file name */
	} else if (local != NULL && fs_is_dir(local)) {
		char	*name = project_name(local);

		if (name != NULL)
			req_set_name(r, name, strlen(name));
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

	while (str_isspace((unsigned char)*p))
		p++;
	n = p;
	while (str_isalnum((unsigned char)*p) || *p == '-' || *p == '_' || *p == '.')
		p++;
	if (p == n || !str_isalnum((unsigned char)*n) ||
	    !str_isalnum((unsigned char)p[-1])) {
		*err = xasprintf("'%s' is not a requirement", s);
		return -1;
	}
	req_set_name(r, n, (size_t)(p - n));
	while (str_isspace((unsigned char)*p))
		p++;
	if (*p == '[') {
		e = strchr(p, ']');
		if (e == NULL) {
			*err = xasprintf("'%s': unclosed extras", s);
			return -1;
		}
		for (n = p + 1; n < e; n++)
			if (!str_isspace((unsigned char)*n))
				sbuf_addc(&sb, *n);
		for (n = sb.s; n != NULL && *n != '\0'; n++) {
			if (!str_isalnum((unsigned char)*n) && strchr("-_.,", *n) == NULL) {
				*err = xasprintf("'%s': bad extras", s);
				sbuf_free(&sb);
				return -1;
			}
		}
		r->extras = sb.s != NULL ? sbuf_steal(&sb) : xstrdup("");
		p = e + 1;
		while (str_isspace((unsigned char)*p))
			p++;
	}
	if (*p == '@') {
		p++;
		while (str_isspace((unsigned char)*p))
			p++;
		e = p;
		while (*e != '\0' && !str_isspace((unsigned char)*e))
			e++;
		if (e == p) {
			*err = xasprintf("'%s': no URL after '@'", s);
			return -1;
		}
		r->url = xstrndup(p, (size_t)(e - p));
		r->spec = xstrdup("");
		r->url_version = archive_version(r->url, r->norm);
		p = e;
		while (str_isspace((unsigned char)*p))
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
		for (e++; str_isspace((unsigned char)*e); e++)
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
		if (!str_isspace((unsigned char)*n))
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

/* As pip's parse_req_from_line. */
int
req_parse_in(const char *line, const char *file, struct req *r, char **err)
{
	static const struct marker_env	 unknown = { 0 };
	char				*s = xstrdup(line), *m, *e;
	int				 rc;

	memset(r, 0, sizeof *r);
	*err = NULL;
	if ((m = strstr(s, req_is_url(s) ? "; " : ";")) != NULL) {
		*m++ = '\0';
		while (str_isspace((unsigned char)*m))
			m++;
		for (e = m + strlen(m); e > m && str_isspace((unsigned char)e[-1]); e--)
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
	for (m = s; str_isspace((unsigned char)*m); m++)
		;
	for (e = m + strlen(m); e > m && str_isspace((unsigned char)e[-1]); e--)
		;
	*e = '\0';
	if (req_is_url(m) || path_req(m, file))
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
	return req_parse_in(line, NULL, r, err);
}
