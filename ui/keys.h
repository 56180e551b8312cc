/*
 * keys: what a key read means, without a terminal (tests link it): the
 * code for a get_wch() result, and the editing of a prompt's line.
 */
#ifndef VENVDEX_UI_KEYS_H
#define VENVDEX_UI_KEYS_H

struct sbuf;

/* The key code for what get_wch() returned: rc, and the character or key wc. */
int	 keys_code(int rc, unsigned int wc);

enum keys_edit {
	KEYS_IGNORED,		/* nothing changed */
	KEYS_CHANGED,		/* the line changed */
	KEYS_ENTER,		/* take the line */
	KEYS_CANCEL		/* drop it (Escape, C-c, a signal) */
};
/*
 * Applies key to the line being typed in sb (UTF-8): a character is added,
 * Backspace removes the last character (not byte), C-u empties the line.
 */
enum keys_edit keys_edit(struct sbuf *, int key);
/*
 * Splits a typed line into words as a shell would, without expansions:
 * blanks separate, '...' and "..." quote, a backslash escapes the next
 * character. Returns the number of words with *words (allocated, each word
 * allocated, NULL-terminated; NULL for none), or -1 for an unclosed quote.
 */
int	 keys_words(const char *line, char ***words);

#endif
