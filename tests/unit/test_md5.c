/* test_md5: RFC 1321 known answers, block boundaries, and pdm's tag. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "md5.h"
#include "util.h"

static const char *
digest(const char *s, size_t len)
{
	static char	out[33];
	uint8_t		d[16];
	size_t		i;

	md5(s, len, d);
	for (i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
	return out;
}

int
main(void)
{
	static const struct {
		const char	*in, *hex;
	} rfc[] = {
		{ "", "d41d8cd98f00b204e9800998ecf8427e" },
		{ "a", "0cc175b9c0f1b6a831c399e269772661" },
		{ "abc", "900150983cd24fb0d6963f7d28e17f72" },
		{ "message digest", "f96b697d7cb7938d525a2f31aaf161d0" },
		{ "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
		    "57edf4a22be3c955ac49da2e2107b67a" },
	};
	char	buf[130], tag[9];
	size_t	i;

	for (i = 0; i < nitems(rfc); i++)
		CHECK_STR(digest(rfc[i].in, strlen(rfc[i].in)), rfc[i].hex);
	/* Padding that spills into a second block: 55, 56 and 64 bytes. */
	memset(buf, 'a', sizeof buf);
	CHECK_STR(digest(buf, 55), "ef1772b6dff9a122358552954ad0df65");
	CHECK_STR(digest(buf, 56), "3b0c8ac703f828b04c6c197006d17218");
	CHECK_STR(digest(buf, 64), "014842d480b571495a4a0363793f7367");
	/* pdm's central venv: PROJECT-TAG-IDENT, TAG from the project's path. */
	md5_tag8("/tmp/mgx/pd", tag);
	CHECK_STR(tag, "A5Rrsf3L");
	return check_done();
}
