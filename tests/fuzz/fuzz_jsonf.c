/* Fuzz target: jsonf_conda(), jsonf_direct_url(). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "jsonf.h"

static struct jsonf	*fuzz_j;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conda_pkg	 p;
	const char		*text = (const char *)data;
	char			*url;
	int			 rc, rd, editable;

	if (fuzz_j == NULL && (fuzz_j = jsonf_open()) == NULL)
		abort();
	rc = jsonf_conda(fuzz_j, text, size, &p);
	if (rc != 0 && rc != -1)
		abort();
	if (rc == 0 && p.name == NULL)
		abort();
	if (rc == -1 && (p.name != NULL || p.depends != NULL))
		abort();
	if (p.size < -1 || (p.channel != NULL && *p.channel == '\0'))
		abort();
	conda_pkg_free(&p);

	rd = jsonf_direct_url(fuzz_j, text, size, &url, &editable);
	if (rd == -1 && (url != NULL || editable != 0))
		abort();
	if (rc == 0 && rd != 0)
		abort();	/* a conda record is a JSON object */
	if (editable != 0 && editable != 1)
		abort();
	free(url);
	return 0;
}
