/* stale: the stale reasons, spelt from the one table in stale.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "stale.h"
#include "util.h"

static const struct {
	int		 bit;
	const char	*form[3];	/* by enum stale_form */
} stale_table[] = {
#define STALE_ROW(name, bit, json, label, about) { bit, { json, label, about } },
	STALE_REASONS(STALE_ROW)
#undef STALE_ROW
};

char *
stale_words(int bits, enum stale_form f, const char *sep, char *buf, size_t sz)
{
	size_t	i, len = 0;
	int	n;

	if (sz == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < nitems(stale_table); i++) {
		if (!(bits & stale_table[i].bit) || len >= sz)
			continue;
		n = snprintf(buf + len, sz - len, "%s%s", sep, stale_table[i].form[f]);
		if (n < 0)
			break;
		len += (size_t)n;
	}
	return buf;
}
