/* Fuzz target: meta_parse() on METADATA / PKG-INFO text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "meta.h"
#include "util.h"

/* Aborts unless s is NULL or valid UTF-8 with nothing to repair. */
static void
fuzz_utf8(const char *s)
{
	char	*v;

	if (s == NULL)
		return;
	v = u8_valid(s, strlen(s));
	if (strcmp(v, s) != 0)
		abort();
	free(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct meta	m;
	size_t		n;

	meta_parse((const char *)data, size, &m);
	fuzz_utf8(m.name);
	fuzz_utf8(m.version);
	fuzz_utf8(m.summary);
	fuzz_utf8(m.requires);
	fuzz_utf8(m.headers);
	if (m.name != NULL && *m.name == '\0')
		abort();
	if (m.summary != NULL && (strchr(m.summary, '\n') != NULL ||
	    m.summary[0] == ' ' || m.summary[strlen(m.summary) - 1] == ' '))
		abort();
	if (m.requires != NULL) {
		n = strlen(m.requires);
		if (n == 0 || m.requires[0] == '\n' ||
		    m.requires[n - 1] == '\n' || strstr(m.requires, "\n\n"))
			abort();
	}
	if (m.headers != NULL && strlen(m.headers) > size * 3)
		abort();
	meta_free(&m);
	return 0;
}
