/* Fuzz target: record_size(), record_paths() and record_digest() on RECORD text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "record.h"

struct fuzz_count {
	int64_t	rows;
	size_t	bytes;
};

static void
fuzz_path(const char *path, size_t len, void *arg)
{
	struct fuzz_count	*fc = arg;

	if (len == 0 || path[len] != '\0')
		abort();
	fc->rows++;
	fc->bytes += len;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_count	fc = { 0, 0 };
	struct record_info	ri;
	int64_t			total, files = -1;

	total = record_size((const char *)data, size, &files);
	if (total < 0 || files < 0 || (uint64_t)files > size)
		abort();
	record_paths((const char *)data, size, fuzz_path, &fc);
	if (fc.rows > files || fc.bytes > size)
		abort();
	record_digest((const char *)data, size, &ri);
	if (ri.size != total || ri.files != files ||
	    (ri.big != NULL && strlen(ri.big) > size))
		abort();
	free(ri.big);
	return 0;
}
