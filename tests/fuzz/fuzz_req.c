/* Fuzz target: reqfile_read_text() on requirements text, and its markers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "marker.h"
#include "pep440.h"
#include "req.h"
#include "reqfile.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req_list		 l = { 0 };
	struct marker_env	 me;
	struct marker_buf	 mb;
	const struct req	*r;
	const char		*unknown;
	char			*pin;
	size_t			 i;
	int			 v;

	/* Includes are relative to a folder that does not exist. */
	reqfile_read_text("/nonexistent/venvdex-fuzz/requirements.txt",
	    (const char *)data, size, &l);
	if (l.nwarn > 201)
		abort();
	for (i = 0; i < l.nwarn; i++)
		if (strlen(l.warn[i]) > 512 || strchr(l.warn[i], '\033') != NULL)
			abort();
	marker_env_init(&me, &mb, "3.11.7", 0);
	for (i = 0; i < l.n; i++) {
		r = &l.v[i];
		/* A requirement has a name, and its specifiers are valid. */
		if (r->name == NULL || r->norm == NULL || r->spec == NULL ||
		    r->file == NULL || !pep440_spec_valid(r->spec))
			abort();
		/* Its marker was checked when read; what is unknown is in it. */
		if (r->marker != NULL) {
			unknown = NULL;
			v = marker_eval(r->marker, &me, &unknown);
			if (v < 0 || v > 2 || (v != 2 && unknown != NULL) ||
			    (unknown != NULL && strstr(r->marker, unknown) == NULL))
				abort();
		}
		if ((pin = req_pinned(r)) != NULL && *pin == '\0')
			abort();
		free(pin);
	}
	req_list_free(&l);
	return 0;
}
