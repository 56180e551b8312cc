/* Fuzz target: pyvenv_parse() on pyvenv.cfg text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pyvenv.h"

static void
fuzz_value(const char *s)
{
	size_t	n;

	if (s == NULL)
		return;
	n = strlen(s);
	if (strchr(s, '\n') != NULL ||
	    (n > 0 && (s[0] == ' ' || s[n - 1] == ' ')))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pyvenv_cfg	 c;
	const char		*who;

	pyvenv_parse((const char *)data, size, &c);
	fuzz_value(c.home);
	fuzz_value(c.version);
	fuzz_value(c.executable);
	fuzz_value(c.command);
	/*
	 * Not the prompt: a quoted one keeps its spaces and decodes its
	 * escapes (prompt = ' my proj\n' is " my proj" and a newline).
	 */
	fuzz_value(c.virtualenv);
	fuzz_value(c.uv);
	fuzz_value(c.base_prefix);
	if (c.version != NULL && *c.version == '\0')
		abort();
	if (c.system_site != 0 && c.system_site != 1)
		abort();
	who = pyvenv_creator(&c);
	if (strcmp(who, "uv") != 0 && strcmp(who, "virtualenv") != 0 &&
	    strcmp(who, "venv") != 0)
		abort();
	pyvenv_free(&c);
	return 0;
}
