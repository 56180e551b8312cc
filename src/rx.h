/* rx: PCRE2 regular expressions with smart case, JIT where available. */
#ifndef VENVDEX_RX_H
#define VENVDEX_RX_H

#include <stddef.h>
#include <sqlite3.h>

struct rx;

/*
 * Compiles pattern (UTF-8; case-insensitive unless it holds an upper-case
 * letter). On error returns NULL with an allocated message in *err that
 * names the offset, e.g. "missing closing parenthesis at offset 4".
 */
struct rx *rx_compile(const char *pattern, char **err);
/*
 * 1 when s (len bytes, any bytes) matches, 0 when not, -1 when PCRE2 gave up
 * (a match or depth limit): then rx_error() says why. Not thread-safe per rx.
 */
int	 rx_match(struct rx *, const char *s, size_t len);
const char *rx_error(const struct rx *);
/* Finds the first match in s at or after start: 1 with [*so, *eo), else 0. */
int	 rx_find(struct rx *, const char *s, size_t len, size_t start,
	    size_t *so, size_t *eo);
void	 rx_free(struct rx *);

/* Registers "X REGEXP P" (smart case, as above) on db. */
void	 rx_sqlite_register(sqlite3 *db);

#endif
