/*
 * Fuzz target: PEP 508 environment markers (marker_eval), as they come in
 * Requires-Dist lines and requirements files. Evaluated against a Linux
 * CPython 3.11, a Windows one and an unknown environment: the answer is
 * always 1, 0, 2 (undecided: then the variable it lacks is in the marker) or
 * -1, and whether a marker is valid does not depend on the environment.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "marker.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct marker_env	 envs[3];
	struct marker_buf	 bufs[2];
	char			*m = xstrndup((const char *)data, size);
	const char		*unknown;
	int			 i, r, r0 = 0;

	marker_env_init(&envs[0], &bufs[0], "3.11.7", 0);
	marker_env_init(&envs[1], &bufs[1], NULL, 1);
	memset(&envs[2], 0, sizeof envs[2]);
	envs[2].extra = "";
	for (i = 0; i < 3; i++) {
		unknown = NULL;
		r = marker_eval(m, &envs[i], &unknown);
		if (r < -1 || r > 2 || (r != 2 && unknown != NULL) ||
		    (unknown != NULL && strstr(m, unknown) == NULL))
			abort();
		if (i == 0)
			r0 = r;
		else if ((r == -1) != (r0 == -1))
			abort();
	}
	free(m);
	return 0;
}
