/*
 * Fuzz target: what `which` reads from disk (which_run): scripts' shebang
 * lines (#!/usr/bin/env -S ..., pip's #!/bin/sh + exec form), pyenv and
 * asdf shims, .python-version and .tool-versions files. The input, cut at
 * each "\n###\n", fills these files of a private folder D, whose bin/,
 * pyenv/shims/ and asdf/shims/ are PATH:
 *
 *	0 D/bin/python			3 D/pyenv/shims/python3
 *	1 D/bin/pip			4 D/.tool-versions
 *	2 D/.python-version		5 D/asdf/shims/pip3
 *
 * and python, pip, python3 and pip3 are looked up, in D. Nothing is run.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "util.h"
#include "which.h"

#define FUZZ_SEP	"\n###\n"

static const struct {
	const char	*name;
	int		 exec;
} fuzz_files[] = {
	{ "bin/python", 1 },
	{ "bin/pip", 1 },
	{ ".python-version", 0 },
	{ "pyenv/shims/python3", 1 },
	{ ".tool-versions", 0 },
	{ "asdf/shims/pip3", 1 },
};

static char	*fuzz_dir, *fuzz_path;

static void
fuzz_put(const char *name, const void *p, size_t n, int exec)
{
	char	*path = path_join(fuzz_dir, name);
	FILE	*f;

	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (n > 0 && fwrite(p, 1, n, f) != n)
		abort();
	fclose(f);
	if (chmod(path, exec ? 0755 : 0644) == -1)
		abort();
	free(path);
}

static void
fuzz_mkdir(const char *rel)
{
	char	*p = path_join(fuzz_dir, rel), *s;

	for (s = p + strlen(fuzz_dir) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	mkdir(p, 0755);
	free(p);
}

/* Everything fuzz_init() and the inputs make, deepest first. */
static const char *const fuzz_made[] = {
	"pyenv/versions/3.11.7/bin/python3", "pyenv/versions/3.11.7/bin",
	"pyenv/versions/3.11.7", "pyenv/versions",
	"asdf/installs/python/3.12.1/bin/pip3", "asdf/installs/python/3.12.1/bin",
	"asdf/installs/python/3.12.1", "asdf/installs/python", "asdf/installs",
	"pyenv/shims/python3", "pyenv/shims", "pyenv",
	"asdf/shims/pip3", "asdf/shims", "asdf",
	"bin/python", "bin/pip", "bin", ".python-version", ".tool-versions",
};

static void
fuzz_cleanup(void)
{
	size_t	i;
	char	*p;

	for (i = 0; i < nitems(fuzz_made); i++) {
		p = path_join(fuzz_dir, fuzz_made[i]);
		if (unlink(p) == -1)
			rmdir(p);
		free(p);
	}
	rmdir(fuzz_dir);
}

static void
fuzz_init(void)
{
	const char	*t = getenv("TMPDIR");
	char		*tmpl, *p, *s;

	tmpl = xasprintf("%s/venvdex-fuzz-which.XXXXXX", t != NULL && *t == '/' ?
	    t : "/tmp");
	if ((fuzz_dir = mkdtemp(tmpl)) == NULL)
		abort();
	fuzz_mkdir("bin");
	fuzz_mkdir("pyenv/shims");
	fuzz_mkdir("pyenv/versions/3.11.7/bin");
	fuzz_mkdir("asdf/shims");
	fuzz_mkdir("asdf/installs/python/3.12.1/bin");
	/* What the shims run: a chain back to bin/python, and env. */
	s = xasprintf("#!%s/bin/python\n", fuzz_dir);
	fuzz_put("pyenv/versions/3.11.7/bin/python3", s, strlen(s), 1);
	free(s);
	s = xstrdup("#!/usr/bin/env python3\n");
	fuzz_put("asdf/installs/python/3.12.1/bin/pip3", s, strlen(s), 1);
	free(s);
	/* Only the private folder: no real home, pyenv, asdf or venv. */
	setenv("HOME", fuzz_dir, 1);
	p = path_join(fuzz_dir, "pyenv");
	setenv("PYENV_ROOT", p, 1);
	free(p);
	p = path_join(fuzz_dir, "asdf");
	setenv("ASDF_DATA_DIR", p, 1);
	free(p);
	unsetenv("PYENV_VERSION");
	unsetenv("PYENV_DIR");
	unsetenv("ASDF_PYTHON_VERSION");
	unsetenv("ASDF_DEFAULT_TOOL_VERSIONS_FILENAME");
	unsetenv("VIRTUAL_ENV");
	unsetenv("CONDA_PREFIX");
	fuzz_path = xasprintf("%s/bin:%s/pyenv/shims:%s/asdf/shims", fuzz_dir,
	    fuzz_dir, fuzz_dir);
	atexit(fuzz_cleanup);
}

static void
fuzz_check(const struct which_result *r)
{
	size_t	i;

	if (r == NULL || r->command == NULL || (r->nmatches > 0 && !r->matches[0].wins))
		abort();
	for (i = 0; i < r->nmatches; i++) {
		if (r->matches[i].path == NULL || (i > 0 && r->matches[i].wins))
			abort();
		if (which_via_name(r->matches[i].via) == NULL)
			abort();
	}
	for (i = 0; i < r->nproblems; i++)
		if (r->problems[i].text == NULL || r->problems[i].fix == NULL)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const cmds[] = { "python", "pip", "python3", "pip3" };
	const char		*p = (const char *)data, *end = p + size, *cut;
	struct which_result	*r;
	size_t			 i, n;

	if (fuzz_dir == NULL)
		fuzz_init();
	for (i = 0; i < nitems(fuzz_files); i++) {
		cut = p < end ? memmem(p, (size_t)(end - p), FUZZ_SEP,
		    strlen(FUZZ_SEP)) : NULL;
		n = cut != NULL ? (size_t)(cut - p) : p < end ? (size_t)(end - p) : 0;
		fuzz_put(fuzz_files[i].name, p, n, fuzz_files[i].exec);
		p = cut != NULL ? cut + strlen(FUZZ_SEP) : end;
	}
	for (i = 0; i < nitems(cmds); i++) {
		r = which_run(NULL, cmds[i], fuzz_path, fuzz_dir);
		fuzz_check(r);
		which_free(r);
	}
	return 0;
}
