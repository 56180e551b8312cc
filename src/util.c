/* util: memory, strings, paths and text hygiene. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "util.h"

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		fatalx("out of memory");
	return p;
}

void *
xcalloc(size_t n, size_t m)
{
	void	*p = calloc(n ? n : 1, m ? m : 1);

	if (p == NULL)
		fatalx("out of memory");
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		fatalx("out of memory");
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	char	*s;
	int	 n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatalx("bad format");
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

static void
sbuf_grow(struct sbuf *sb, size_t more)
{
	if (sb->len + more + 1 <= sb->cap)
		return;
	if (sb->cap == 0)
		sb->cap = 64;
	while (sb->len + more + 1 > sb->cap)
		sb->cap *= 2;
	sb->s = xrealloc(sb->s, sb->cap);
}

void
sbuf_add(struct sbuf *sb, const char *p, size_t n)
{
	sbuf_grow(sb, n);
	memcpy(sb->s + sb->len, p, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void
sbuf_adds(struct sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}

void
sbuf_addc(struct sbuf *sb, int c)
{
	char	ch = (char)c;

	sbuf_add(sb, &ch, 1);
}

void
sbuf_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sbuf_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->s + sb->len, sb->cap - sb->len, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

char *
sbuf_steal(struct sbuf *sb)
{
	char	*s = sb->s != NULL ? sb->s : xstrdup("");

	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void
sbuf_free(struct sbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

static size_t	u8_seq(const unsigned char *, size_t, uint32_t *);
static int	u8_control(uint32_t);
static void	vwarnx(const char *, va_list) __attribute__((format(printf, 1, 0)));

/*
 * Messages hold paths and text from disk: written like term_safe() does,
 * but keeping their line breaks, and without allocating (the message may
 * be "out of memory").
 */
static void
vwarnx(const char *fmt, va_list ap)
{
	const unsigned char	*p;
	char			 buf[1024], *msg = buf;
	size_t			 len, i = 0, n;
	uint32_t		 cp;
	va_list			 ap2;
	int			 r;

	va_copy(ap2, ap);
	if ((r = vsnprintf(buf, sizeof buf, fmt, ap)) < 0)
		buf[0] = '\0';
	if (r >= (int)sizeof buf && (msg = malloc((size_t)r + 1)) != NULL)
		vsnprintf(msg, (size_t)r + 1, fmt, ap2);
	else
		msg = buf;
	va_end(ap2);
	p = (const unsigned char *)msg;
	len = strlen(msg);
	fputs("venvdex: ", stderr);
	while (i < len) {
		if ((n = u8_seq(p + i, len - i, &cp)) == 0) {
			fputs("\xef\xbf\xbd", stderr);
			i++;
			continue;
		}
		if (cp != '\n' && u8_control(cp))
			fputc('?', stderr);
		else
			fwrite(p + i, 1, n, stderr);
		i += n;
	}
	fputc('\n', stderr);
	if (msg != buf)
		free(msg);
}

void
warnx_(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	exit(1);
}

int
open_file_at(int dirfd, const char *path, struct stat *st)
{
	struct stat	 sb;
	int		 fd, saved;

	if (st == NULL)
		st = &sb;
	fd = openat(dirfd, path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd == -1)
		return -1;
	if (fstat(fd, st) == -1 || !S_ISREG(st->st_mode)) {
		saved = errno;
		if (saved == 0 || fstat(fd, st) == 0)
			saved = EINVAL;	/* not a regular file */
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

char *
read_file_at(int dirfd, const char *path, size_t max, size_t *len)
{
	struct stat	 st;
	char		*buf;
	size_t		 cap, n = 0;
	ssize_t		 r;
	int		 fd;

	if ((fd = open_file_at(dirfd, path, &st)) == -1)
		return NULL;
	cap = (size_t)st.st_size < max ? (size_t)st.st_size : max;
	buf = xmalloc(cap + 1);
	while (n < cap) {
		r = read(fd, buf + n, cap - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}

int
open_dir(const char *path, int extra)
{
	const int	 flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | extra;
	const char	*p, *cut;
	char		*chunk;
	int		 fd, next;

	if (strlen(path) < PATH_MAX)
		return open(path, flags);
	/* Too long for one call: descend in pieces shorter than PATH_MAX. */
	fd = AT_FDCWD;
	for (p = path; *p != '\0'; p = cut) {
		cut = p + strlen(p);
		if ((size_t)(cut - p) >= PATH_MAX - 1) {
			cut = p + PATH_MAX - 2;
			while (cut > p && *cut != '/')
				cut--;
			if (cut == p) {
				if (fd != AT_FDCWD)
					close(fd);
				errno = ENAMETOOLONG;
				return -1;
			}
		}
		chunk = xstrndup(p, (size_t)(cut - p));
		next = openat(fd, chunk[0] == '\0' ? "/" : chunk, flags);
		free(chunk);
		if (fd != AT_FDCWD)
			close(fd);
		if (next == -1)
			return -1;
		fd = next;
		while (*cut == '/')
			cut++;
	}
	return fd;
}

#ifdef HAVE_GETDENTS64
struct dirent64_raw {
	uint64_t	d_ino;
	int64_t		d_off;
	unsigned short	d_reclen;
	unsigned char	d_type;
	char		d_name[];
};

int
dir_each(int fd, int (*fn)(const char *, int, void *), void *arg)
{
	/* One system call per 32 KiB of entries; no DIR, no fcntl. */
	char		 buf[32768] __attribute__((aligned(8)));
	ssize_t		 n, off;

	for (;;) {
		if ((n = getdents64(fd, buf, sizeof buf)) <= 0)
			return n == 0 ? 0 : -1;
		for (off = 0; off < n;) {
			struct dirent64_raw *d = (struct dirent64_raw *)(buf + off);

			off += d->d_reclen;
			if (d->d_name[0] == '.' && (d->d_name[1] == '\0' ||
			    (d->d_name[1] == '.' && d->d_name[2] == '\0')))
				continue;
			if (fn(d->d_name, d->d_type, arg) != 0)
				return 0;
		}
	}
}
#else
int
dir_each(int fd, int (*fn)(const char *, int, void *), void *arg)
{
	struct dirent	*de;
	DIR		*d;
	int		 dfd, rc = 0;

	if ((dfd = dup(fd)) == -1 || (d = fdopendir(dfd)) == NULL) {
		if (dfd != -1)
			close(dfd);
		return -1;
	}
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL) {
			rc = errno != 0 ? -1 : 0;
			break;
		}
		if (de->d_name[0] == '.' && (de->d_name[1] == '\0' ||
		    (de->d_name[1] == '.' && de->d_name[2] == '\0')))
			continue;
		if (fn(de->d_name, de->d_type, arg) != 0)
			break;
	}
	closedir(d);
	return rc;
}
#endif

int
stat_dir(const char *path, struct stat *st)
{
	int	fd, rc;

	if (strlen(path) < PATH_MAX)
		return stat(path, st);
	if ((fd = open_dir(path, 0)) == -1)
		return -1;
	rc = fstat(fd, st);
	close(fd);
	return rc;
}

char *
path_join(const char *a, const char *b)
{
	size_t	la = strlen(a);

	if (la > 0 && a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

char *
path_absolute(const char *in)
{
	struct sbuf	 sb = { 0 };
	const char	*p, *q;
	char		 cwd[4096];
	char		*full;
	size_t		 n;

	if (in[0] != '/') {
		if (getcwd(cwd, sizeof cwd) == NULL)
			return xstrdup(in);
		full = path_join(cwd, in);
	} else
		full = xstrdup(in);

	for (p = full; *p != '\0'; p = q) {
		while (*p == '/')
			p++;
		for (q = p; *q != '\0' && *q != '/'; q++)
			;
		n = (size_t)(q - p);
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (sb.len > 0 && sb.s[sb.len - 1] != '/')
				sb.len--;
			if (sb.len > 0)
				sb.len--;
			if (sb.s != NULL)
				sb.s[sb.len] = '\0';
			continue;
		}
		sbuf_addc(&sb, '/');
		sbuf_add(&sb, p, n);
	}
	free(full);
	if (sb.len == 0)
		sbuf_addc(&sb, '/');
	return sbuf_steal(&sb);
}

int
path_is_under(const char *path, const char *dir)
{
	size_t	n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 1 && dir[0] == '/')
		return path[0] == '/';
	if (strncmp(path, dir, n) != 0)
		return 0;
	return path[n] == '\0' || path[n] == '/';
}

const char *
path_base(const char *p)
{
	const char	*s = strrchr(p, '/');

	if (s == NULL)
		return p;
	if (s[1] == '\0' && s != p) {
		/* trailing slash: not expected from our own paths */
		return s;
	}
	return s + 1;
}

char *
path_dir(const char *p)
{
	const char	*s = strrchr(p, '/');

	if (s == NULL)
		return xstrdup(".");
	if (s == p)
		return xstrdup("/");
	return xstrndup(p, (size_t)(s - p));
}

char *
path_tilde(const char *p)
{
	const char	*home = getenv("HOME");
	size_t		 n;

	if (home == NULL || home[0] != '/' || strcmp(home, "/") == 0)
		return xstrdup(p);
	n = strlen(home);
	while (n > 1 && home[n - 1] == '/')
		n--;
	if (strncmp(p, home, n) == 0 && (p[n] == '\0' || p[n] == '/'))
		return xasprintf("~%s", p + n);
	return xstrdup(p);
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
u8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t	c;
	size_t		len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

char *
u8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct sbuf		 sb = { 0 };
	uint32_t		 cp;
	size_t			 i = 0, n, start = 0;

	while (i < len) {
		if (p[i] < 0x80 && p[i] != 0) {
			i++;
			continue;
		}
		n = p[i] == 0 ? 0 : u8_seq(p + i, len - i, &cp);
		if (n > 0) {
			i += n;
			continue;
		}
		sbuf_add(&sb, s + start, i - start);
		sbuf_adds(&sb, "\xef\xbf\xbd");
		start = ++i;
	}
	sbuf_add(&sb, s + start, i - start);
	return sbuf_steal(&sb);
}

/* C0 and C1 controls, DEL, and the line separators and bidi overrides. */
static int
u8_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	    cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

char *
term_safe(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct sbuf		 sb = { 0 };
	size_t			 len, i = 0, n;
	uint32_t		 cp;

	for (len = 0; p[len] >= 0x20 && p[len] < 0x7f; len++)
		;
	if (p[len] == '\0')	/* printable ASCII, the common case */
		return xstrndup(s, len);
	len += strlen(s + len);
	sbuf_add(&sb, "", 0);
	while (i < len) {
		n = u8_seq(p + i, len - i, &cp);
		if (n == 0) {
			sbuf_adds(&sb, "\xef\xbf\xbd");
			i++;
			continue;
		}
		if (u8_control(cp))
			sbuf_addc(&sb, '?');
		else
			sbuf_add(&sb, s + i, n);
		i += n;
	}
	return sbuf_steal(&sb);
}

int
u8_width(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0, n;
	uint32_t		 cp;
	int			 w = 0, cw;

	while (i < len) {
		n = u8_seq(p + i, len - i, &cp);
		if (n == 0) {
			w++;
			i++;
			continue;
		}
		cw = wcwidth((wchar_t)cp);
		if (cw < 0)
			cw = (cp >= 0x1100 && cp <= 0x115f) ||
			    (cp >= 0x2e80 && cp <= 0xa4cf) ||
			    (cp >= 0xac00 && cp <= 0xd7a3) ||
			    (cp >= 0xf900 && cp <= 0xfaff) ||
			    (cp >= 0xff00 && cp <= 0xff60) ||
			    (cp >= 0x1f300 && cp <= 0x1faff) ||
			    (cp >= 0x20000 && cp <= 0x3fffd) ? 2 : 1;
		w += cw;
		i += n;
	}
	return w;
}

int
natcmp(const char *a, const char *b)
{
	const char	*ea, *eb;
	size_t		 la, lb;
	int		 c;

	while (*a != '\0' && *b != '\0') {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			while (*a == '0')
				a++;
			while (*b == '0')
				b++;
			for (ea = a; *ea >= '0' && *ea <= '9'; ea++)
				;
			for (eb = b; *eb >= '0' && *eb <= '9'; eb++)
				;
			la = (size_t)(ea - a);
			lb = (size_t)(eb - b);
			if (la != lb)
				return la < lb ? -1 : 1;
			if ((c = strncmp(a, b, la)) != 0)
				return c;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return (*a != '\0') - (*b != '\0');
}

void
name_normalize(const char *name, char *out, size_t outsz)
{
	size_t	o = 0;
	int	sep = 0;

	if (outsz == 0)
		return;
	for (; *name != '\0'; name++) {
		char	c = *name;

		if (c == '-' || c == '_' || c == '.') {
			sep = 1;
			continue;
		}
		/* Truncated output is a prefix of the name, never another name. */
		if (sep && o > 0 && o + 1 < outsz)
			out[o++] = '-';
		sep = 0;
		if (o + 1 >= outsz)
			break;
		out[o++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[o] = '\0';
}

void
fmt_size(int64_t bytes, char *buf, size_t bufsz)
{
	static const char	 units[] = "BKMGTPE";
	double			 v = (double)bytes;
	int			 u = 0;

	if (bytes < 0) {
		snprintf(buf, bufsz, "-");
		return;
	}
	while (v >= 1024 && units[u + 1] != '\0') {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, bufsz, "%dB", (int)bytes);
	else if (v < 10)
		snprintf(buf, bufsz, "%.1f%c", v, units[u]);
	else
		snprintf(buf, bufsz, "%.0f%c", v, units[u]);
}

void
fmt_age(int64_t t, int64_t now, char *buf, size_t bufsz)
{
	int64_t	d = now - t;

	if (t <= 0)
		snprintf(buf, bufsz, "-");
	else if (d < 60)
		snprintf(buf, bufsz, "now");
	else if (d < 3600)
		snprintf(buf, bufsz, "%dm ago", (int)(d / 60));
	else if (d < 86400)
		snprintf(buf, bufsz, "%dh ago", (int)(d / 3600));
	else if (d < 86400 * 60)
		snprintf(buf, bufsz, "%dd ago", (int)(d / 86400));
	else if (d < 86400 * 730)
		snprintf(buf, bufsz, "%dmo ago", (int)(d / (86400 * 30)));
	else
		snprintf(buf, bufsz, "%dy ago", (int)(d / (86400 * 365)));
}

void
fmt_time(int64_t t, char *buf, size_t bufsz)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, bufsz, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		snprintf(buf, bufsz, "@%lld", (long long)t);
}
