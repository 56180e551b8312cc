/*
 * stale: why an environment is stale, written once. Each reason is one
 * X(NAME, bit, JSON name, short label, long description): the bit the
 * index keeps (env.stale_bits; "unused" is computed from the last use),
 * the name `list`, `show` and `--json` print, the browser's short label,
 * and a sentence for people. Expand STALE_REASONS with a macro of those
 * five parameters, as ncdu does with UI_COLORS.
 */
#ifndef VENVDEX_STALE_H
#define VENVDEX_STALE_H

#include <stddef.h>

#define STALE_REASONS(X)						\
	X(STALE_INTERPRETER, 0x1, "interpreter-missing", "!python",	\
	    "its base interpreter is gone")				\
	X(STALE_PROJECT, 0x2, "project-missing", "!project",		\
	    "the project folder it was made for is gone")		\
	X(STALE_UNUSED, 0x4, "unused", "unused",			\
	    "not used or changed for the configured number of days")

enum stale_bit {
#define STALE_ENUM(name, bit, json, label, about) name = bit,
	STALE_REASONS(STALE_ENUM)
#undef STALE_ENUM
};

/* How stale_words() spells each reason. */
enum stale_form {
	STALE_JSON,	/* "interpreter-missing" */
	STALE_LABEL,	/* "!python" */
	STALE_ABOUT	/* "its base interpreter is gone" */
};

/*
 * Writes the reasons in bits into buf (always terminated), each preceded
 * by sep ("" for none); returns buf. Unknown bits are left out.
 */
char	*stale_words(int bits, enum stale_form, const char *sep, char *buf,
	    size_t sz);

#endif
