/* str: growable strings, comparisons and formats. */
#ifndef VENVDEX_STR_H
#define VENVDEX_STR_H

#include <stddef.h>
#include <stdint.h>

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

/*
 * str_ends(): s is a name with that suffix (something before it: ".json"
 * alone is not one); str_iends(): s ends with suffix, ASCII case ignored.
 */
int	 str_ends(const char *s, const char *suffix);
int	 str_iends(const char *s, const char *suffix);

/* ASCII classes, whatever the locale: blanks and line ends; letters and digits. */
int	 str_isspace(int c);
int	 str_isalnum(int c);

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

/*
 * strix: a hash index over the strings of an array the caller owns, so a
 * "seen before?" check is not a walk of the array. It stores positions;
 * key(arg, pos) gives the string at pos (called again when it grows).
 * strix_find() returns the position holding s, or STRIX_NONE.
 * strix_clear() empties it and keeps its room.
 */
#define STRIX_NONE	((size_t)-1)
struct strix {
	size_t	*slot;		/* position + 1; 0: empty */
	size_t	*hash;		/* the hash of slot[i]'s string */
	size_t	 cap, n;
};
typedef const char *(*strix_key)(void *arg, size_t pos);
size_t	 strix_find(const struct strix *, const char *s, strix_key, void *arg);
void	 strix_add(struct strix *, size_t pos, strix_key, void *arg);
void	 strix_clear(struct strix *);
void	 strix_free(struct strix *);

#endif
