/*
 * check: the unit test harness. A test is a program that calls CHECK*() and
 * ends with "return check_done();": 0 if every check passed, else 1. Each
 * failure is reported on stderr as file:line and what differed. A test that
 * cannot run here exits 77 (skip).
 */
#ifndef VENVDEX_CHECK_H
#define VENVDEX_CHECK_H

#include <stdio.h>
#include <string.h>

static int	check_runs, check_fails;

#define CHECK(cond) \
	check_true((cond) ? 1 : 0, #cond, __FILE__, __LINE__)
#define CHECK_STR(a, b) \
	check_str((a), (b), #a, #b, __FILE__, __LINE__)
#define CHECK_INT(a, b) \
	check_int((long long)(a), (long long)(b), #a, #b, __FILE__, __LINE__)

static inline int
check_true(int ok, const char *expr, const char *file, int line)
{
	check_runs++;
	if (!ok) {
		check_fails++;
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n", file, line, expr);
	}
	return ok;
}

static inline void
check_quote(const char *s)
{
	if (s == NULL) {
		fputs("NULL", stderr);
		return;
	}
	fputc('"', stderr);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(stderr, "\\%c", *s);
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			fprintf(stderr, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, stderr);
	}
	fputc('"', stderr);
}

static inline int
check_str(const char *a, const char *b, const char *ea, const char *eb,
    const char *file, int line)
{
	int	ok;

	check_runs++;
	if (a == NULL || b == NULL)
		ok = a == b;
	else
		ok = strcmp(a, b) == 0;
	if (!ok) {
		check_fails++;
		fprintf(stderr, "%s:%d: CHECK_STR(%s, %s) failed: ", file, line,
		    ea, eb);
		check_quote(a);
		fputs(" != ", stderr);
		check_quote(b);
		fputc('\n', stderr);
	}
	return ok;
}

static inline int
check_int(long long a, long long b, const char *ea, const char *eb,
    const char *file, int line)
{
	check_runs++;
	if (a != b) {
		check_fails++;
		fprintf(stderr, "%s:%d: CHECK_INT(%s, %s) failed: %lld != %lld\n",
		    file, line, ea, eb, a, b);
	}
	return a == b;
}

static inline int
check_done(void)
{
	if (check_fails > 0) {
		fprintf(stderr, "%d of %d checks failed\n", check_fails,
		    check_runs);
		return 1;
	}
	printf("%d checks passed\n", check_runs);
	return 0;
}

#endif
