/* lazy: libzip and libcurl loaded with dlopen() when first needed. */
#include "config.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>

#include "lazy.h"
#include "util.h"

#define LAZY_DEFINE(f)	__typeof__(f) *lazy_##f;
LAZY_ZIP_FUNCS(LAZY_DEFINE)
LAZY_CURL_FUNCS(LAZY_DEFINE)
#undef LAZY_DEFINE

struct lazy_lib {
	const char	*name;		/* "libzip" */
	const char	*soname;	/* "libzip.so.4" */
	void		(*resolve)(struct lazy_lib *, void *);
	int		 state;		/* 0 not tried yet, 1 loaded, -1 failed */
	char		*why;		/* when it failed */
};

static void	lazy_resolve_zip(struct lazy_lib *, void *);
static void	lazy_resolve_curl(struct lazy_lib *, void *);

static pthread_mutex_t	 lazy_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lazy_lib	 lazy_zip = {
	"libzip", LIBZIP_SONAME, lazy_resolve_zip, 0, NULL
};
static struct lazy_lib	 lazy_curl = {
	"libcurl", LIBCURL_SONAME, lazy_resolve_curl, 0, NULL
};

/* dlopen() of lib's soname; NULL with lib->why set. */
static void *
lazy_open(struct lazy_lib *lib)
{
	const char	*e;
	void		*h;

	if ((h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		e = dlerror();
		lib->why = xstrdup(e != NULL ? e : "cannot be loaded");
	}
	return h;
}

/* The address of name in h; NULL with lib->why set (then no more lookups). */
static void *
lazy_sym(struct lazy_lib *lib, void *h, const char *name)
{
	void	*p;

	if (lib->why != NULL)
		return NULL;
	if ((p = dlsym(h, name)) == NULL)
		lib->why = xasprintf("%s: no function %s in it", lib->soname, name);
	return p;
}

#define LAZY_RESOLVE(f)	lazy_##f = (__typeof__(f) *)lazy_sym(lib, h, #f);

static void
lazy_resolve_zip(struct lazy_lib *lib, void *h)
{
	LAZY_ZIP_FUNCS(LAZY_RESOLVE)
}

static void
lazy_resolve_curl(struct lazy_lib *lib, void *h)
{
	LAZY_CURL_FUNCS(LAZY_RESOLVE)
}

/* Loads lib the first time; answers as lazy.h says, every time. */
static int
lazy_load(struct lazy_lib *lib, char **err)
{
	void	*h;
	int	 rc = 0;

	pthread_mutex_lock(&lazy_lock);
	if (lib->state == 0) {
		if ((h = lazy_open(lib)) != NULL)
			lib->resolve(lib, h);
		lib->state = lib->why == NULL ? 1 : -1;
		if (lib->state == -1 && h != NULL)
			dlclose(h);
	}
	if (lib->state == -1) {
		*err = xasprintf("%s (%s): %s", lib->name, lib->soname, lib->why);
		rc = -1;
	}
	pthread_mutex_unlock(&lazy_lock);
	return rc;
}

int
lazy_load_zip(char **err)
{
	return lazy_load(&lazy_zip, err);
}

int
lazy_load_curl(char **err)
{
	return lazy_load(&lazy_curl, err);
}
