/* cli-freeze: venvdex freeze ENV [--all] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "index.h"
#include "pep440.h"
#include "query.h"
#include "util.h"

struct freeze {
	int	 all;
	int	 old;		/* Python < 3.12: pip freeze also hides setuptools, wheel, distribute */
	int	 n;
};

/* A file:// URL's path, percent-decoded; allocated. */
static char *
url_path(const char *url)
{
	char		*r, *o;
	const char	*p;
	unsigned	 c;

	if (strncmp(url, "file://", 7) != 0)
		return xstrdup(url);
	p = url + 7;
	r = o = xmalloc(strlen(p) + 1);
	for (; *p != '\0'; p++) {
		if (*p == '%' && sscanf(p + 1, "%2x", &c) == 1 && c != 0) {
			*o++ = (char)c;
			p += 2;
		} else
			*o++ = *p;
	}
	*o = '\0';
	return r;
}

static void
freeze_one(const struct query_freeze_pkg *p, void *arg)
{
	struct freeze	*f = arg;
	char		 norm[256], *path, *line;

	name_normalize(p->name, norm, sizeof norm);
	if (!f->all && (strcmp(norm, "pip") == 0 || (f->old &&
	    (strcmp(norm, "setuptools") == 0 || strcmp(norm, "wheel") == 0 ||
	    strcmp(norm, "distribute") == 0))))
		return;
	f->n++;
	/* Text from disk: kept to one line, as a requirements file needs. */
	if (p->editable && p->url != NULL) {
		path = url_path(p->url);
		line = xasprintf("# Editable install with no version control "
		    "(%s==%s)\n-e %s", p->name, p->version, path);
		free(path);
	} else
		line = xasprintf("%s==%s", p->name, p->version);
	for (path = line; *path != '\0'; path++)
		if ((unsigned char)*path < 0x20 && *path != '\n')
			*path = '?';
	puts(line);
	free(line);
}

static int
freeze_exec(struct index *ix, struct cli_args *a)
{
	struct freeze	 f;
	char		*path, *python = NULL, *err = NULL;
	int		 n;

	memset(&f, 0, sizeof f);
	f.all = cli_flag(a, "all");
	if ((path = cli_resolve(ix, a->entry->name, a->argv[0])) == NULL)
		return 1;
	n = query_freeze(ix, path, &python, NULL, NULL, &err);
	f.old = python != NULL && pep440_cmp(python, "3.12") < 0;
	if (n >= 0)
		n = query_freeze(ix, path, NULL, freeze_one, &f, &err);
	if (n < 0) {
		warnx_("freeze: %s", err);
		free(err);
	}
	free(python);
	free(path);
	return n < 0 ? 1 : 0;
}

static const struct cli_opt freeze_opts[] = {
	{ "all", 0, NULL, "also pip, setuptools, wheel (pip freeze hides them)" },
	{ NULL }
};

const struct cli_entry cli_freeze_entry = {
	"freeze", "ENV [--all]",
	"ENV's packages as a pip freeze file (name==version, editables as -e,\n"
	"sorted case-insensitively), from the index: also for an environment\n"
	"that is gone (see list --gone). With create and pip install -r, the way\n"
	"back",
	freeze_opts, 1, 1, "needs one ENV", 0, freeze_exec
};
