/*
 * Fuzz target: pep440 and marker on two strings (the input cut at its first
 * newline): ordering is antisymmetric, normal forms are fixed points, and
 * every answer is in range.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "marker.h"
#include "pep440.h"
#include "util.h"

static void
check_version(const char *a)
{
	char	*n, *nn;

	if (pep440_cmp(a, a) != 0)
		abort();
	if ((n = pep440_normalize(a)) == NULL) {
		if (pep440_valid(a))
			abort();
		return;
	}
	/* The normal form is a version, the same one, and its own normal form. */
	if (!pep440_valid(n) || pep440_cmp(a, n) != 0 ||
	    (nn = pep440_normalize(n)) == NULL || strcmp(n, nn) != 0)
		abort();
	if (pep440_is_prerelease(a) != pep440_is_prerelease(n))
		abort();
	free(nn);
	free(n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct marker_env	 me;
	struct marker_buf	 mb;
	const char		*nl, *unknown;
	char			*a, *b;
	int			 c, v, pre;

	nl = memchr(data, '\n', size);
	a = xstrndup((const char *)data, nl != NULL ?
	    (size_t)(nl - (const char *)data) : size);
	b = nl != NULL ? xstrndup(nl + 1, size -
	    (size_t)(nl + 1 - (const char *)data)) : xstrdup("");
	check_version(a);
	check_version(b);
	c = pep440_cmp(a, b);
	if (c < -1 || c > 1 || pep440_cmp(b, a) != -c)
		abort();
	for (pre = -1; pre <= 1; pre++) {
		v = pep440_contains(a, b, pre);
		if (v < -1 || v > 1 || (v == -1) != !pep440_spec_valid(a))
			abort();
	}
	/* A pre-release is held only when pre-releases are allowed. */
	if (pep440_is_prerelease(b) && pep440_contains(a, b, 0) == 1)
		abort();
	marker_env_init(&me, &mb, "3.11.7", 0);
	unknown = NULL;
	v = marker_eval(a, &me, &unknown);
	if (v < -1 || v > 2 || (v >= 0 && v != 2 && unknown != NULL) ||
	    (v == 2 && unknown != NULL && strstr(a, unknown) == NULL))
		abort();
	marker_env_init(&me, &mb, NULL, 1);
	v = marker_eval(b, &me, NULL);
	if (v < -1 || v > 2)
		abort();
	free(a);
	free(b);
	return 0;
}
