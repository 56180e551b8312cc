/*
 * reqfile: requirements files, following pip's req_file.py: physical lines
 * are joined at a trailing backslash, comments (a '#' at the start or after
 * a blank) dropped, ${VAR} expanded, then each line is either options (-r,
 * -c, -e, global options to skip) or a requirement with per-line options.
 * Every step is linear in the line; includes are bounded in depth and loops
 * are refused.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pep440.h"
#include "req.h"
#include "reqfile.h"
#include "util.h"

#define REQ_MAX_DEPTH	16		/* -r/-c nesting */
#define REQ_MAX_FILE	(16 << 20)	/* bytes in one file */
#define REQ_MAX_TOTAL	(64 << 20)	/* bytes in a file and all it includes */
#define REQ_MAX_FILES	1000		/* files read for one top-level file */

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
		if (*s == '\0' || (!q && str_isspace((unsigned char)*s))) {
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

	while (str_isspace((unsigned char)*p))
		p++;
	if (strncmp(p, "# Editable ", 11) != 0 || (open = strchr(p, '(')) == NULL ||
	    (close = strchr(open, ')')) == NULL)
		return;
	for (eq = open + 1; eq + 1 < close && !(eq[0] == '=' && eq[1] == '='); eq++)
		;
	if (eq + 1 >= close || eq == open + 1)
		return;
	for (n = open + 1; n < eq; n++)
		if (!str_isalnum((unsigned char)*n) && strchr("-_.", *n) == NULL)
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
	if (req_parse_in(line, file, &r, &err) == -1) {
		if (!hint) {
			req_warn(c->list, file, lineno, "%s; skipped", err);
			free(err);
			hint_clear(c);
			return;
		}
		/* A folder not on this machine: named by pip freeze's comment. */
		free(err);
		memset(&r, 0, sizeof r);
		req_set_name(&r, c->hint_name, strlen(c->hint_name));
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
	req_list_add(c->list, &r);
}

/* An include's path: relative to the including file unless absolute. */
static void
include(struct rctx *c, const char *arg, const char *file, int lineno,
    int constraint)
{
	char	*dir, *path;

	if (req_is_url(arg)) {
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
		if (line[i] == '#' && (i == 0 || str_isspace((unsigned char)line[i - 1]))) {
			line[i] = '\0';
			break;
		}
	}
	for (p = line; str_isspace((unsigned char)*p); p++)
		;
	for (e = p + strlen(p); e > p && str_isspace((unsigned char)e[-1]); e--)
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
		for (q = p; q < e && str_isspace((unsigned char)*q); q++)
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
reqfile_read_text(const char *path, const char *text, size_t len,
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
reqfile_load(const char *path, size_t *len, char **err)
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
reqfile_read(const char *path, struct req_list *l, char **err)
{
	char	*text;
	size_t	 len;
	int	 rc;

	if ((text = reqfile_load(path, &len, err)) == NULL)
		return -1;
	rc = reqfile_read_text(path, text, len, l);
	free(text);
	return rc;
}
