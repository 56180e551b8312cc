/*
 * Tests for pep440.c against packaging's own answers, recorded by
 * tests/unit/pep440-gen.py in tests/unit/pep440-cases.txt.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pep440.h"
#include "util.h"

static int	shown;

static void
mismatch(int line, const char *what)
{
	if (shown++ < 40)
		fprintf(stderr, "pep440-cases.txt:%d: %s\n", line, what);
}

/* Splits line at tabs into f (at most n fields); returns the count. */
static size_t
fields(char *line, char **f, size_t n)
{
	size_t	i = 0;

	while (i < n) {
		f[i++] = line;
		if ((line = strchr(line, '\t')) == NULL)
			break;
		*line++ = '\0';
	}
	return i;
}

static void
run_cases(const char *path)
{
	FILE	*fp;
	char	*line = NULL, *f[5], *n, buf[512];
	size_t	 cap = 0, nf;
	ssize_t	 len;
	int	 lineno = 0, got, want, cases = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		CHECK(fp != NULL);
		return;
	}
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (line[0] == '#')	/* which packaging made them */
			continue;
		nf = fields(line, f, 5);
		cases++;
		if (strcmp(f[0], "cmp") == 0 && nf == 4) {
			got = pep440_cmp(f[1], f[2]);
			want = atoi(f[3]);
			if (!CHECK_INT(got, want)) {
				snprintf(buf, sizeof buf, "cmp '%s' '%s': %d, want %d",
				    f[1], f[2], got, want);
				mismatch(lineno, buf);
			}
			/* Antisymmetry comes free. */
			CHECK_INT(pep440_cmp(f[2], f[1]), -want);
		} else if (strcmp(f[0], "norm") == 0 && nf == 3) {
			n = pep440_normalize(f[1]);
			if (!CHECK_STR(n != NULL ? n : "!", f[2])) {
				snprintf(buf, sizeof buf, "norm '%s': '%s', want '%s'",
				    f[1], n != NULL ? n : "!", f[2]);
				mismatch(lineno, buf);
			}
			CHECK_INT(pep440_valid(f[1]), n != NULL);
			free(n);
		} else if ((strcmp(f[0], "spec") == 0 ||
		    strcmp(f[0], "specpre") == 0) && nf == 4) {
			got = pep440_contains(f[1], f[2], f[0][4] == 'p' ? 1 : -1);
			want = atoi(f[3]);
			if (!CHECK_INT(got, want)) {
				snprintf(buf, sizeof buf, "%s '%s' '%s': %d, want %d",
				    f[0], f[1], f[2], got, want);
				mismatch(lineno, buf);
			}
			CHECK(pep440_spec_valid(f[1]));
		} else if (strcmp(f[0], "specbad") == 0 && nf == 2) {
			if (!CHECK(!pep440_spec_valid(f[1]))) {
				snprintf(buf, sizeof buf, "'%s' should be invalid", f[1]);
				mismatch(lineno, buf);
			}
			CHECK_INT(pep440_contains(f[1], "1.0", -1), -1);
		} else {
			mismatch(lineno, "unknown line");
			CHECK(0);
		}
	}
	free(line);
	fclose(fp);
	CHECK(cases > 1000);
}

/* Garbage never crashes and gives consistent answers. */
static void
test_garbage(void)
{
	static const char *const junk[] = { "", "!", "+", ".", "v", "1!", "1.",
	    "1.0+", "1.0+.", "1.0a.", "==", "~=", "===", ".*", "==.*", "~=1.*",
	    "1.0-", "-1", "1.0.*", "\x80\xff", "1.0\x01", "0!0", NULL };
	char	 big[4096];
	size_t	 i, j;

	for (i = 0; junk[i] != NULL; i++) {
		for (j = 0; junk[j] != NULL; j++) {
			CHECK_INT(pep440_cmp(junk[i], junk[j]),
			    -pep440_cmp(junk[j], junk[i]));
			(void)pep440_contains(junk[i], junk[j], -1);
			(void)pep440_contains(junk[i], junk[j], 1);
		}
		free(pep440_normalize(junk[i]));
	}
	/* A release of 2048 parts, and a huge number. */
	for (i = 0; i + 2 < sizeof big; i += 2) {
		big[i] = '1';
		big[i + 1] = '.';
	}
	big[i - 1] = '\0';
	CHECK(pep440_valid(big));
	CHECK_INT(pep440_cmp(big, "1.1"), 1);
	CHECK_INT(pep440_contains(">=1.0", big, -1), 1);
	memset(big, '9', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	CHECK_INT(pep440_cmp(big, "1"), 1);
	CHECK_INT(pep440_cmp(NULL, "1"), -1);
	CHECK_INT(pep440_cmp(NULL, NULL), 0);
}

int
main(void)
{
	const char	*top = getenv("top_srcdir");
	char		*path;

	if (top != NULL && *top != '\0')
		path = xasprintf("%s/tests/unit/pep440-cases.txt", top);
	else
		path = xstrdup("tests/unit/pep440-cases.txt");
	run_cases(path);
	free(path);
	test_garbage();
	/* A few from PEP 440 itself, for readers. */
	CHECK_INT(pep440_cmp("1.0", "1.0.0"), 0);
	CHECK_INT(pep440_cmp("1.0.dev1", "1.0a1"), -1);
	CHECK_INT(pep440_cmp("1.0+local", "1.0"), 1);
	CHECK_INT(pep440_contains("==1.*", "1.4", -1), 1);
	CHECK_INT(pep440_contains(">=1.0", "2.0b1", -1), 0);
	CHECK_INT(pep440_contains(">=1.0b1", "2.0b1", -1), 1);
	/* Prefix matching pads the release (packaging 22 and later). */
	CHECK_INT(pep440_contains("==1.0.0.*", "1.0.post1", -1), 1);
	CHECK_INT(pep440_contains("==1!1.*", "1.5", -1), 0);
	CHECK(!pep440_spec_valid("==1.0rc1.*"));
	return check_done();
}
