/* test_audit: OSV range evaluation (audit_affects). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "check.h"

static void
verdict(const char *versions, const char *ranges, const char *v, int want,
    const char *want_fixed)
{
	char	*fixed;
	int	 got = audit_affects(versions, ranges, v, &fixed);

	CHECK_INT(got, want);
	if (want_fixed == NULL)
		CHECK(fixed == NULL);
	else
		CHECK_STR(fixed, want_fixed);
	free(fixed);
}

int
main(void)
{
	const char *r = "introduced 0\nfixed 1.5\n\nintroduced 2.0\nfixed 2.3";

	verdict(NULL, r, "1.0", 1, "1.5");
	verdict(NULL, r, "1.5", 0, NULL);
	verdict(NULL, r, "1.7", 0, NULL);
	verdict(NULL, r, "2.1", 1, "2.3");
	verdict(NULL, r, "2.3", 0, NULL);
	verdict(NULL, r, "1.5rc1", 1, "1.5");
	verdict(NULL, r, "1!0.1", 0, NULL);
	verdict(NULL, "introduced 1.0\nlast_affected 1.4", "1.4", 1, NULL);
	verdict(NULL, "introduced 1.0\nlast_affected 1.4", "1.4.1", 0, NULL);
	verdict(NULL, "introduced 1.0\nlast_affected 1.4", "0.9", 0, NULL);
	verdict(NULL, "introduced 0\nlimit 3.0", "2.9", 1, NULL);
	verdict(NULL, "introduced 0\nlimit 3.0", "3.0", 0, NULL);
	/* Events in any order. */
	verdict(NULL, "fixed 2.0\nintroduced 1.0", "1.2", 1, "2.0");
	verdict("1.0\n1.1", NULL, "1.1", 1, NULL);
	verdict("1.0\n1.1", NULL, "1.1.0", 0, NULL);
	verdict("1.0rc1", NULL, "1.0RC1", 1, NULL);
	verdict("1.0", NULL, "1.2", 0, NULL);
	verdict(NULL, "garbage\n\n\nintroduced", "1.0", 0, NULL);
	verdict(NULL, NULL, "1.0", 0, NULL);
	/* Plain release numbers, compared the fast way: as PEP 440 does. */
	verdict(NULL, "introduced 0\nfixed 1", "1.0.0", 0, NULL);
	verdict(NULL, "introduced 0\nfixed 1.0.1", "1", 1, "1.0.1");
	verdict(NULL, "introduced 0\nfixed 1.10", "1.9.99", 1, "1.10");
	verdict(NULL, "introduced 0\nfixed 1.10", "1.010", 0, NULL);
	verdict(NULL, "introduced 0\nfixed 10.0", "9.99999999999999999999", 1, "10.0");
	verdict(NULL, "introduced 0\nfixed 100000000000000000000", "99999999999999999999", 1, "100000000000000000000");
	verdict(NULL, "introduced 2.0\nfixed 2.0.post1", "2.0", 1, "2.0.post1");
	verdict(NULL, "introduced 2.0\nfixed 2.0.1", "2.0+local", 1, "2.0.1");
	return check_done();
}
