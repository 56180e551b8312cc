/* test_sha256: FIPS 180-2 known answers, block boundaries, and poetry's tag. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sha256.h"
#include "util.h"

static void
hex(const uint8_t d[32], char out[65])
{
	size_t	i;

	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static const char *
digest(const void *data, size_t len)
{
	static char	out[65];
	uint8_t		d[32];

	sha256(data, len, d);
	hex(d, out);
	return out;
}

/* FIPS 180-2 appendix B (and the empty message). */
static void
test_fips(void)
{
	static const char two_blocks[] =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char	*million;

	CHECK_STR(digest("abc", 3),
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	CHECK_STR(digest("", 0),
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	CHECK_INT(strlen(two_blocks) * 8, 448);
	CHECK_STR(digest(two_blocks, strlen(two_blocks)),
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	million = xmalloc(1000000);
	memset(million, 'a', 1000000);
	CHECK_STR(digest(million, 1000000),
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);
}

/* Lengths where the padding needs one more block, or just fits. */
static void
test_boundaries(void)
{
	static const struct {
		size_t		 n;
		const char	*hex;
	} cases[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
	};
	char	buf[65];
	size_t	i;

	memset(buf, 'a', sizeof buf);
	for (i = 0; i < nitems(cases); i++)
		CHECK_STR(digest(buf, cases[i].n), cases[i].hex);
}

/* base64url(sha256(s))[:8], as poetry and hatch name environments. */
static void
test_tag8(void)
{
	char	tag[9];

	sha256_tag8("abc", tag);
	CHECK_STR(tag, "ungWv48B");
	sha256_tag8("/home/u/src/app", tag);
	CHECK_STR(tag, "u0CHm3iW");
}

int
main(void)
{
	test_fips();
	test_boundaries();
	test_tag8();
	return check_done();
}
