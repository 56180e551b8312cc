/* clean: which stale environments `venvdex clean` proposes to delete, and why. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clean.h"
#include "index.h"
#include "query.h"
#include "stale.h"
#include "util.h"

/* The stale reasons by bit, as the JSON contract spells them (stale.h). */
static const struct {
	int		 bit;
	const char	*name;
} clean_names[] = {
#define CLEAN_NAME(name, bit, json, label, about) { name, json },
	STALE_REASONS(CLEAN_NAME)
#undef CLEAN_NAME
};

size_t
clean_reasons(int bits, const char **v, size_t max)
{
	size_t	i, n = 0;

	for (i = 0; i < nitems(clean_names) && n < max; i++)
		if (bits & clean_names[i].bit)
			v[n++] = clean_names[i].name;
	return n;
}

struct found {
	int		 only_unused;
	char		**paths;
	int		*bits;
	int64_t		*used;
	size_t		 n;
};

static void
found_one(const struct query_stale *q, void *arg)
{
	struct found	*f = arg;

	if (f->only_unused && !(q->bits & STALE_UNUSED))
		return;
	/* A system interpreter is the system's to remove. */
	if (strcmp(q->kind, "interpreter") == 0 && q->manager == NULL)
		return;
	f->paths = xrealloc(f->paths, (f->n + 1) * sizeof *f->paths);
	f->bits = xrealloc(f->bits, (f->n + 1) * sizeof *f->bits);
	f->used = xrealloc(f->used, (f->n + 1) * sizeof *f->used);
	f->paths[f->n] = xstrdup(q->path);
	f->bits[f->n] = q->bits;
	f->used[f->n] = q->used;
	f->n++;
}

int
clean_candidates(struct rmenv_ctx *c, struct index *ix, int days,
    int only_unused, struct clean_list *l, char **err)
{
	struct found	 f;
	int64_t		 cutoff = (int64_t)time(NULL) - (int64_t)days * 86400;
	size_t		 i;
	int		 rc;

	memset(l, 0, sizeof *l);
	memset(&f, 0, sizeof f);
	f.only_unused = only_unused;
	/* Read them all first: checking may write the index (nothing else does). */
	rc = query_stale_envs(ix, cutoff, found_one, &f, err);
	if (f.n > 0)
		l->v = xcalloc(f.n, sizeof *l->v);
	for (i = 0; i < f.n; i++) {
		struct clean_cand	*cd = &l->v[l->n++];

		rmenv_check(c, f.paths[i], &cd->rm);
		cd->indexed = f.paths[i];
		cd->bits = f.bits[i];
		cd->used = f.used[i];
	}
	free(f.paths);
	free(f.bits);
	free(f.used);
	return rc;
}

void
clean_list_free(struct clean_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		rmenv_free(&l->v[i].rm);
		free(l->v[i].indexed);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}
