/* util: memory, strings, paths and text hygiene shared by every module. */
#ifndef VENVDEX_UTIL_H
#define VENVDEX_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that never returns NULL: it reports and exits on failure. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/* A growable byte string, always NUL-terminated; zero-initialise it. */
struct sbuf {
	char	*s;
	size_t	 len, cap;
};
void	 sbuf_add(struct sbuf *, const char *, size_t);
void	 sbuf_adds(struct sbuf *, const char *);
void	 sbuf_addc(struct sbuf *, int);
void	 sbuf_printf(struct sbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*sbuf_steal(struct sbuf *);	/* the caller frees; the sbuf is empty again */
void	 sbuf_free(struct sbuf *);

/* Reports "venvdex: ..." on stderr. */
void	 warnx_(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 fatalx(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

/*
 * Reads at most max bytes of the file at dirfd/path (dirfd may be AT_FDCWD)
 * into a NUL-terminated buffer the caller frees; *len gets the byte count.
 * Never follows a final symlink out of nowhere: it opens with O_NONBLOCK and
 * refuses anything but a regular file. Returns NULL (errno set) on failure.
 */
char	*read_file_at(int dirfd, const char *path, size_t max, size_t *len);
/*
 * Opens the regular file at dirfd/path for reading as read_file_at() does,
 * filling *st (may be NULL). Returns the descriptor, or -1 (errno set).
 */
int	 open_file_at(int dirfd, const char *path, struct stat *st);

/*
 * Opens the folder at path (O_RDONLY | O_DIRECTORY | O_CLOEXEC | extra),
 * even when path is longer than PATH_MAX: then it descends in pieces.
 */
int	 open_dir(const char *path, int extra_flags);
/*
 * Calls fn(name, type, arg) for each entry of the open folder fd but "."
 * and ".." (type: a DT_* value, DT_UNKNOWN when the filesystem does not
 * say). Stops early when fn returns non-zero. Returns 0, or -1 (errno) when
 * the folder could not be read. fd stays open.
 */
int	 dir_each(int fd, int (*fn)(const char *name, int type, void *arg), void *arg);
/* stat(2) for a folder path of any length (fstat of open_dir). */
int	 stat_dir(const char *path, struct stat *);

/* Path helpers; results are allocated. */
char	*path_join(const char *, const char *);
char	*path_absolute(const char *);	/* lexical: cwd-joined, "." and ".." folded */
int	 path_is_under(const char *path, const char *dir);	/* component-wise, dir itself counts */
const char *path_base(const char *);
char	*path_dir(const char *);
char	*path_tilde(const char *);	/* $HOME/x -> ~/x, for display */

/*
 * Text hygiene. u8_valid() copies s making it valid UTF-8 (bad bytes become
 * U+FFFD). term_safe() also turns C0/C1 controls and DEL into '?', so the
 * result can be written to a terminal. Both return allocated strings.
 */
char	*u8_valid(const char *s, size_t len);
char	*term_safe(const char *s);
/* Display width of a term_safe() string (East Asian wide counts 2). */
int	 u8_width(const char *s);

/* Compares with runs of digits as numbers: "3.6" < "3.10". */
int	 natcmp(const char *, const char *);

/* PEP 503 normalised name into out (at most outsz bytes, always terminated). */
void	 name_normalize(const char *name, char *out, size_t outsz);

/* "12.3M" style sizes (1024-based, like du -h) into buf. */
void	 fmt_size(int64_t bytes, char *buf, size_t bufsz);
/* "3 days", "2 hours" ago into buf; "-" for t <= 0. */
void	 fmt_age(int64_t t, int64_t now, char *buf, size_t bufsz);
/* Local time as YYYY-MM-DDTHH:MM:SS into buf ("@SECONDS" when it cannot). */
void	 fmt_time(int64_t t, char *buf, size_t bufsz);

#endif
