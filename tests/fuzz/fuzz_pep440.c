/*
 * Fuzz target: PEP 440 versions and specifier sets (pep440_*). The input's
 * first three lines are versions a, b and c; the fourth a specifier set.
 * Besides crashes, it checks the laws the callers rely on: the normal form
 * is a fixed point that compares equal, and the order is total.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pep440.h"
#include "util.h"

/* The next line of [*p, end) as a string (NUL bytes end it early). */
static char *
fuzz_line(const char **p, const char *end)
{
	const char	*s = *p, *nl;

	if (s >= end)
		return xstrdup("");
	nl = memchr(s, '\n', (size_t)(end - s));
	if (nl == NULL)
		nl = end;
	*p = nl + 1;
	return xstrndup(s, (size_t)(nl - s));
}

static int
fuzz_sign(int c)
{
	return (c > 0) - (c < 0);
}

static void
fuzz_version(const char *v)
{
	char	*n, *nn;
	int	 valid = pep440_valid(v);

	n = pep440_normalize(v);
	if ((n != NULL) != valid)
		abort();
	if (pep440_cmp(v, v) != 0)
		abort();
	if (pep440_is_prerelease(v) && !valid)
		abort();
	if (n != NULL) {
		/* The normal form is valid, its own normal form, and equal to v. */
		if (!pep440_valid(n) || pep440_cmp(v, n) != 0 || pep440_cmp(n, v) != 0)
			abort();
		if ((nn = pep440_normalize(n)) == NULL || strcmp(n, nn) != 0)
			abort();
		if (pep440_is_prerelease(n) != pep440_is_prerelease(v))
			abort();
		free(nn);
		free(n);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*p = (const char *)data, *end = p + size;
	char		*v[3], *spec;
	int		 i, j, k, c, sv, r, pre;

	for (i = 0; i < 3; i++)
		v[i] = fuzz_line(&p, end);
	spec = fuzz_line(&p, end);

	for (i = 0; i < 3; i++)
		fuzz_version(v[i]);
	/* A total order: antisymmetric and transitive. */
	for (i = 0; i < 3; i++) {
		for (j = 0; j < 3; j++) {
			c = pep440_cmp(v[i], v[j]);
			if (c < -1 || c > 1 || c != -fuzz_sign(pep440_cmp(v[j], v[i])))
				abort();
			for (k = 0; k < 3; k++)
				if (c <= 0 && pep440_cmp(v[j], v[k]) <= 0 &&
				    pep440_cmp(v[i], v[k]) > 0)
					abort();
		}
	}
	/* Specifiers: -1 exactly when the set is not valid. */
	sv = pep440_spec_valid(spec);
	if (sv != 0 && sv != 1)
		abort();
	for (i = 0; i < 3; i++) {
		for (pre = -1; pre <= 1; pre++) {
			r = pep440_contains(spec, v[i], pre);
			if (r < -1 || r > 1 || (r == -1) != !sv)
				abort();
		}
	}
	for (i = 0; i < 3; i++)
		free(v[i]);
	free(spec);
	return 0;
}
