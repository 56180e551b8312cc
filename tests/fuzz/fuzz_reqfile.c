/*
 * Fuzz target: requirements files read from disk (reqfile_read, with its
 * includes) and Pipfile.lock (pipfile_read_lock), as diff reads them. The
 * input is written to input.txt in a private folder beside two files it may
 * include (-r base.txt, -c cons.txt, or itself), and to Pipfile.lock.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "pep440.h"
#include "pipfile.h"
#include "req.h"
#include "reqfile.h"
#include "util.h"

static char	*fuzz_dir;
static sqlite3	*fuzz_db;

static void
fuzz_put(const char *name, const void *p, size_t n)
{
	char	*path = path_join(fuzz_dir, name);
	FILE	*f;

	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (n > 0 && fwrite(p, 1, n, f) != n)
		abort();
	fclose(f);
	free(path);
}

static void
fuzz_puts(const char *name, const char *s)
{
	fuzz_put(name, s, strlen(s));
}

static void
fuzz_cleanup(void)
{
	static const char *const names[] = { "input.txt", "base.txt",
	    "cons.txt", "Pipfile.lock" };
	size_t	i;
	char	*p;

	for (i = 0; i < nitems(names); i++) {
		p = path_join(fuzz_dir, names[i]);
		unlink(p);
		free(p);
	}
	rmdir(fuzz_dir);
	sqlite3_close(fuzz_db);
}

static void
fuzz_init(void)
{
	const char	*t = getenv("TMPDIR");
	char		*tmpl;

	tmpl = xasprintf("%s/venvdex-fuzz-req.XXXXXX", t != NULL && *t == '/' ?
	    t : "/tmp");
	if ((fuzz_dir = mkdtemp(tmpl)) == NULL ||
	    sqlite3_open(":memory:", &fuzz_db) != SQLITE_OK)
		abort();
	fuzz_puts("base.txt", "# base\nsix==1.16.0\n-c cons.txt\n-r input.txt\n");
	fuzz_puts("cons.txt", "django<5\nsix>=1.0\n");
	atexit(fuzz_cleanup);
}

/* Aborts unless every requirement of l is well formed. */
static void
fuzz_check(const struct req_list *l)
{
	const struct req	*r;
	const char		*c;
	char			*pin;
	size_t			 i;

	for (i = 0; i < l->n; i++) {
		r = &l->v[i];
		if ((r->name == NULL) != (r->norm == NULL) || r->spec == NULL ||
		    r->file == NULL || (r->name == NULL && r->url == NULL))
			abort();
		for (c = r->norm; c != NULL && *c != '\0'; c++)
			if ((*c >= 'A' && *c <= 'Z') || *c == '_' || *c == '.')
				abort();
		if (!pep440_spec_valid(r->spec))
			abort();
		/* A pin comes from the specifier, or from an archive's name. */
		if ((pin = req_pinned(r)) != NULL && strstr(r->spec, pin) == NULL &&
		    (r->url_version == NULL || strcmp(r->url_version, pin) != 0))
			abort();
		free(pin);
	}
	for (i = 0; i < l->nwarn; i++)
		if (l->warn[i] == NULL)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req_list	 l;
	char		*path, *err = NULL;

	if (fuzz_dir == NULL)
		fuzz_init();
	fuzz_put("input.txt", data, size);
	fuzz_put("Pipfile.lock", data, size);

	memset(&l, 0, sizeof l);
	path = path_join(fuzz_dir, "input.txt");
	if (reqfile_read(path, &l, &err) == 0)
		fuzz_check(&l);
	else if (err == NULL)	/* refused (binary, too big): with a reason */
		abort();
	free(err);
	err = NULL;
	req_list_free(&l);
	free(path);

	memset(&l, 0, sizeof l);
	path = path_join(fuzz_dir, "Pipfile.lock");
	if (pipfile_read_lock(fuzz_db, path, (const char *)data, size, &l,
	    &err) == 0)
		fuzz_check(&l);
	else if (err == NULL)
		abort();
	free(err);
	req_list_free(&l);
	free(path);
	return 0;
}
