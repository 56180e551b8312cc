/* utf8: text from disk made valid UTF-8 and safe for a terminal. */
#ifndef VENVDEX_UTF8_H
#define VENVDEX_UTF8_H

#include <stddef.h>
#include <stdint.h>

struct sbuf;

/*
 * Text hygiene. u8_valid() copies s making it valid UTF-8 (bad bytes become
 * U+FFFD). term_safe() also turns C0/C1 controls and DEL into '?', so the
 * result can be written to a terminal. Both return allocated strings.
 */
char	*u8_valid(const char *s, size_t len);
/*
 * Appends s to sb as a JSON string: made valid as by u8_valid(), then
 * quoted as SQLite's json_quote() does (the quote, the backslash and C0
 * controls escaped, nothing else); null for NULL: the bytes SQLite's
 * json_quote(repair(s)) gives.
 */
void	 u8_json(struct sbuf *sb, const char *s);
char	*term_safe(const char *s);
/* Display width of a term_safe() string (East Asian wide counts 2). */
int	 u8_width(const char *s);
/* The bytes of s's longest prefix no wider than cols: never half a character. */
size_t	 u8_fit(const char *s, int cols);

/*
 * The valid UTF-8 sequence at s (at most n bytes): its length, with *cp
 * its code point; 0 when invalid. u8_control(): C0 and C1 controls, DEL,
 * and the line separators and bidi overrides.
 */
size_t	 u8_seq(const unsigned char *s, size_t n, uint32_t *cp);
int	 u8_control(uint32_t cp);

#endif
