/* walk: a multi-threaded folder walk that looks for environments. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"
#include "probe.h"
#include "util.h"
#include "walk.h"

/*
 * Each worker walks depth first from a stack of its own and touches the
 * shared stack only to take work when it has none, or to give half of its
 * own when another worker is idle: the lock is rarely taken.
 */

struct item {
	char		*path;
	dev_t		 dev;
	int		 flags;
};
#define ITEM_PROBE_ONLY	0x1	/* ask the callback about it, never walk it */
#define ITEM_ROOT	0x2	/* a root: followed when it is a symlink */

struct stack {
	struct item	*v;
	size_t		 n, cap;
};

struct walk {
	pthread_mutex_t	 lock;
	pthread_cond_t	 work;		/* items were shared, or the walk is done */
	struct stack	 shared;
	int		 idle;		/* workers waiting for work */
	int		 want;		/* as idle, readable without the lock */
	int		 done, cancel;
	int		 one_fs;
	char		**prune;
	size_t		 nprune;
	struct walk_cb	 cb;
	uint64_t	 dirs, denied;	/* atomic */
	char		 current[512];	/* under lock */
	char		 denied_path[512];	/* under lock: the first one */
	struct walk_cache *cache;
	int64_t		 racy;		/* mtimes after this (ns) are not cached */
	struct walk_dir	*fresh;		/* under lock */
	size_t		 nfresh, freshcap;
	pthread_t	*threads;
	int		 nthreads;
};

static const char *pruned_names[] = {
	".git", ".hg", ".svn", ".bzr", "_darcs", "CVS",
	"node_modules", "bower_components", "__pycache__",
	".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis",
	".ipynb_checkpoints", ".Trash", ".Trash-0", "lost+found",
	".npm", ".rustup", ".gradle", ".m2", ".ccache", ".cargo",
};

int
walk_pruned_name(const char *name)
{
	size_t	i;

	for (i = 0; i < nitems(pruned_names); i++)
		if (strcmp(name, pruned_names[i]) == 0)
			return 1;
	return 0;
}

int
walk_open_dir(const char *path)
{
	return open_dir(path, O_NOFOLLOW);
}

static int
walk_pruned_path(struct walk *w, const char *path)
{
	size_t	i;

	if (strcmp(path, "/proc") == 0 || strcmp(path, "/sys") == 0 ||
	    strcmp(path, "/dev") == 0)
		return 1;
	for (i = 0; i < w->nprune; i++)
		if (strcmp(path, w->prune[i]) == 0)
			return 1;
	return 0;
}

static void
stack_push(struct stack *s, char *path, dev_t dev, int flags)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n].path = path;
	s->v[s->n].dev = dev;
	s->v[s->n].flags = flags;
	s->n++;
}

static void
stack_clear(struct stack *s)
{
	while (s->n > 0)
		free(s->v[--s->n].path);
}

/*
 * The folder a worker listed last, kept open: its subfolders, which the
 * worker reads next, are opened from it by name rather than by a path the
 * kernel must resolve from the root again (a tree thousands of levels deep
 * would cost the square of its depth).
 */
struct last {
	struct sbuf	 path;
	int		 fd;
};

/* One folder being read. */
struct reading {
	struct walk		*w;
	struct item		*it;
	int			 fd;
	struct probe_hint	 hint;
	struct stack		*kids;
	size_t			 first;		/* kids->v[first..] are this folder's */
	struct sbuf		 names;		/* subfolder names, for the cache */
};

static int
walk_entry(const char *name, int type, void *arg)
{
	struct reading	*r = arg;
	struct stat	 st;
	char		*child;
	int		 isdir;

	if (type == DT_UNKNOWN) {
		if (fstatat(r->fd, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
			return 0;
		isdir = S_ISDIR(st.st_mode);
	} else
		isdir = type == DT_DIR;
	probe_hint_add(&r->hint, name, isdir);
	if (!isdir || walk_pruned_name(name))
		return 0;
	sbuf_add(&r->names, name, strlen(name) + 1);
	child = path_join(r->it->path, name);
	if (walk_pruned_path(r->w, child))
		free(child);
	else
		stack_push(r->kids, child, r->it->dev, 0);
	return 0;
}

static int
dir_cmp(const void *a, const void *b)
{
	return strcmp(((const struct walk_dir *)a)->path,
	    ((const struct walk_dir *)b)->path);
}

/* Serves a folder from the cache when its mtime is what was seen: 1, else 0. */
static int
walk_cached(struct walk *w, struct item *it, struct reading *r)
{
	struct walk_dir	 key, *d;
	struct stat	 st;
	const char	*k;
	char		*child;
	int64_t		 mtime;

	if (w->cache == NULL || w->cache->n == 0)
		return 0;
	key.path = it->path;
	if ((d = bsearch(&key, w->cache->v, w->cache->n, sizeof *d, dir_cmp)) == NULL)
		return 0;
	w->cache->seen[d - w->cache->v] = 1;
	if (d->mtime == 0 || fstatat(AT_FDCWD, it->path, &st,
	    it->flags & ITEM_ROOT ? 0 : AT_SYMLINK_NOFOLLOW) == -1 ||
	    !S_ISDIR(st.st_mode))
		return 0;
	mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	if (mtime != d->mtime || (w->one_fs && it->dev != 0 && st.st_dev != it->dev))
		return 0;
	if (it->dev == 0)
		it->dev = st.st_dev;
	r->hint.bits = d->bits;
	for (k = d->kids; k != NULL && k < d->kids + d->kidslen; k += strlen(k) + 1) {
		child = path_join(it->path, k);
		if (walk_pruned_path(w, child))
			free(child);
		else
			stack_push(r->kids, child, it->dev, 0);
	}
	return 1;
}

/* Remembers a folder read afresh, for the next walk's cache. */
static void
walk_remember(struct walk *w, struct item *it, struct reading *r, int64_t mtime)
{
	struct walk_dir	*d;

	/* walk_cached() cannot stat a path this long: keeping it is waste. */
	if (strlen(it->path) >= PATH_MAX)
		return;
	pthread_mutex_lock(&w->lock);
	if (w->nfresh == w->freshcap) {
		w->freshcap = w->freshcap ? w->freshcap * 2 : 256;
		w->fresh = xrealloc(w->fresh, w->freshcap * sizeof *w->fresh);
	}
	d = &w->fresh[w->nfresh++];
	d->path = xstrdup(it->path);
	d->mtime = mtime > w->racy ? 0 : mtime;
	d->bits = r->hint.bits;
	d->kidslen = r->names.len;
	d->kids = r->names.len > 0 ? sbuf_steal(&r->names) : NULL;
	pthread_mutex_unlock(&w->lock);
}

/* Counts a folder that could not be read, and remembers the first. */
static void
walk_denied(struct walk *w, const char *path)
{
	if (__atomic_add_fetch(&w->denied, 1, __ATOMIC_RELAXED) > 1)
		return;
	pthread_mutex_lock(&w->lock);
	if (w->denied_path[0] == '\0')
		snprintf(w->denied_path, sizeof w->denied_path, "%s", path);
	pthread_mutex_unlock(&w->lock);
}

/* Opens a folder: by name from the last one when it is its parent. */
static int
walk_open(struct item *it, struct last *last)
{
	const char	*slash;

	/* A root may be a symlink to a folder, as for find -H; nothing else. */
	if (it->flags & ITEM_ROOT)
		return open_dir(it->path, 0);
	if (last->fd != -1 && (slash = strrchr(it->path, '/')) != NULL &&
	    (size_t)(slash - it->path) == last->path.len &&
	    memcmp(it->path, last->path.s, last->path.len) == 0)
		return openat(last->fd, slash + 1, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC | O_NOFOLLOW);
	return walk_open_dir(it->path);
}

/* Keeps fd, the folder at path, as the last one listed. */
static void
walk_keep(struct last *last, const char *path, int fd)
{
	if (last->fd != -1)
		close(last->fd);
	last->fd = fd;
	last->path.len = 0;
	sbuf_add(&last->path, path, strlen(path));
}

/* Lists a folder from the disk (and remembers it); -1 when it cannot be read. */
static int
walk_list(struct walk *w, struct item *it, struct reading *r, struct last *last)
{
	struct stat	st;

	if ((r->fd = walk_open(it, last)) == -1) {
		/* A folder that vanished, or envs/ that never was, is no error. */
		if (errno != ENOENT && errno != ENOTDIR)
			walk_denied(w, it->path);
		return -1;
	}
	if (fstat(r->fd, &st) == -1 || (w->one_fs && it->dev != 0 &&
	    st.st_dev != it->dev)) {
		close(r->fd);
		return -1;
	}
	if (it->dev == 0)
		it->dev = st.st_dev;
	if (dir_each(r->fd, walk_entry, r) == -1)
		walk_denied(w, it->path);
	else if (w->cache != NULL)
		walk_remember(w, it, r, (int64_t)st.st_mtim.tv_sec * 1000000000 +
		    st.st_mtim.tv_nsec);
	sbuf_free(&r->names);
	walk_keep(last, it->path, r->fd);
	return 0;
}

/* Reads one folder (from the cache, else the disk), pushing its subfolders onto kids. */
static void
walk_read(struct walk *w, struct item *it, struct stack *kids, struct last *last)
{
	struct reading		 r = { w, it, -1, { 0 }, kids, kids->n, { 0 } };
	enum walk_verdict	 v = WALK_DESCEND;
	size_t			 i;

	if (it->flags & ITEM_PROBE_ONLY)
		v = w->cb.env(it->path, w->cb.arg);
	else {
		if (!walk_cached(w, it, &r) && walk_list(w, it, &r, last) == -1)
			return;
		__atomic_add_fetch(&w->dirs, 1, __ATOMIC_RELAXED);
		if (probe_hint_done(&r.hint))
			v = w->cb.env(it->path, w->cb.arg);
		if (v == WALK_DESCEND && probe_hint_project(&r.hint) &&
		    w->cb.project != NULL)
			w->cb.project(it->path, w->cb.arg);
	}

	if (v != WALK_DESCEND) {
		/* An environment: none of its folders, but envs/ if it has one. */
		for (i = r.first; i < kids->n; i++)
			free(kids->v[i].path);
		kids->n = r.first;
		if (v == WALK_ENVS)
			stack_push(kids, path_join(it->path, "envs"), it->dev, 0);
		return;
	}
	/* Reverse this folder's children so they pop in directory order. */
	for (i = 0; i < (kids->n - r.first) / 2; i++) {
		struct item t = kids->v[r.first + i];

		kids->v[r.first + i] = kids->v[kids->n - 1 - i];
		kids->v[kids->n - 1 - i] = t;
	}
}

/* Moves the bottom half of a worker's stack (the biggest subtrees) to the shared one. */
static void
walk_share(struct walk *w, struct stack *own)
{
	size_t	half = own->n / 2, i;

	pthread_mutex_lock(&w->lock);
	for (i = 0; i < half; i++)
		stack_push(&w->shared, own->v[i].path, own->v[i].dev,
		    own->v[i].flags);
	memmove(own->v, own->v + half, (own->n - half) * sizeof *own->v);
	own->n -= half;
	pthread_cond_broadcast(&w->work);
	pthread_mutex_unlock(&w->lock);
}

static void *
walk_worker(void *arg)
{
	struct walk	*w = arg;
	struct stack	 own = { 0 };
	struct last	 last = { { 0 }, -1 };
	struct item	 it;
	uint64_t	 n = 0;

	for (;;) {
		if (own.n == 0) {
			pthread_mutex_lock(&w->lock);
			w->idle++;
			__atomic_store_n(&w->want, w->idle, __ATOMIC_RELAXED);
			while (w->shared.n == 0 && !w->done) {
				if (w->idle == w->nthreads) {
					w->done = 1;
					pthread_cond_broadcast(&w->work);
					if (w->cb.done != NULL)
						w->cb.done(w->cb.arg);
					break;
				}
				pthread_cond_wait(&w->work, &w->lock);
			}
			w->idle--;
			__atomic_store_n(&w->want, w->idle, __ATOMIC_RELAXED);
			if (w->done) {
				pthread_mutex_unlock(&w->lock);
				break;
			}
			it = w->shared.v[--w->shared.n];
			pthread_mutex_unlock(&w->lock);
		} else
			it = own.v[--own.n];

		if (__atomic_load_n(&w->cancel, __ATOMIC_RELAXED)) {
			free(it.path);
			stack_clear(&own);
			continue;
		}
		if ((n++ & 255) == 0) {
			pthread_mutex_lock(&w->lock);
			snprintf(w->current, sizeof w->current, "%s", it.path);
			pthread_mutex_unlock(&w->lock);
		}
		walk_read(w, &it, &own, &last);
		free(it.path);
		if (own.n > 1 && __atomic_load_n(&w->want, __ATOMIC_RELAXED) > 0)
			walk_share(w, &own);
	}
	free(own.v);
	if (last.fd != -1)
		close(last.fd);
	sbuf_free(&last.path);
	return NULL;
}

struct walk *
walk_start(const struct walk_root *roots, size_t nroots, char *const *prune,
    size_t nprune, int one_fs, int nthreads, const struct walk_cb *cb,
    struct walk_cache *cache)
{
	struct walk	*w = xcalloc(1, sizeof *w);
	struct timespec	 now;
	sigset_t	 all, old;
	size_t		 i;
	int		 t, error = 0;

	w->cache = cache;
	clock_gettime(CLOCK_REALTIME, &now);
	/* A folder changed in the last two seconds may change again unseen. */
	w->racy = ((int64_t)now.tv_sec - 2) * 1000000000;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->work, NULL);
	w->one_fs = one_fs;
	w->cb = *cb;
	w->nprune = nprune;
	w->prune = xcalloc(nprune + 1, sizeof *w->prune);
	for (i = 0; i < nprune; i++)
		w->prune[i] = xstrdup(prune[i]);
	for (i = nroots; i > 0; i--) {
		if (walk_pruned_path(w, roots[i - 1].path))
			continue;
		stack_push(&w->shared, xstrdup(roots[i - 1].path), 0, ITEM_ROOT |
		    (roots[i - 1].probe_only ? ITEM_PROBE_ONLY : 0));
	}
	if (nthreads < 1)
		nthreads = 1;
	w->threads = xcalloc((size_t)nthreads, sizeof *w->threads);
	/* Set before any worker runs: idle == nthreads is how they know the end. */
	w->nthreads = nthreads;
	/* Workers take no signals: they belong to the thread that waits for keys. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_mutex_lock(&w->lock);
	for (t = 0; t < nthreads; t++)
		if ((error = pthread_create(&w->threads[t], NULL, walk_worker, w)) != 0)
			break;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	w->nthreads = t;
	pthread_mutex_unlock(&w->lock);
	if (t == 0) {
		msg_error("cannot start a thread: %s", strerror(error));
		walk_free(w);
		return NULL;
	}
	return w;
}

int
walk_poll(struct walk *w, struct walk_progress *p)
{
	int	running;

	pthread_mutex_lock(&w->lock);
	if (p != NULL) {
		p->dirs = __atomic_load_n(&w->dirs, __ATOMIC_RELAXED);
		p->denied = __atomic_load_n(&w->denied, __ATOMIC_RELAXED);
		memcpy(p->current, w->current, sizeof p->current);
		memcpy(p->denied_path, w->denied_path, sizeof p->denied_path);
	}
	running = !w->done;
	pthread_mutex_unlock(&w->lock);
	return running;
}

void
walk_cancel(struct walk *w)
{
	__atomic_store_n(&w->cancel, 1, __ATOMIC_RELAXED);
	pthread_mutex_lock(&w->lock);
	stack_clear(&w->shared);
	pthread_cond_broadcast(&w->work);
	pthread_mutex_unlock(&w->lock);
}

struct walk_dir *
walk_fresh(struct walk *w, size_t *n)
{
	struct walk_dir	*v = w->fresh;

	*n = w->nfresh;
	w->fresh = NULL;
	w->nfresh = w->freshcap = 0;
	return v;
}

void
walk_dir_free(struct walk_dir *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].kids);
	}
	free(v);
}

void
walk_free(struct walk *w)
{
	size_t	i;
	int	t;

	for (t = 0; t < w->nthreads; t++)
		pthread_join(w->threads[t], NULL);
	stack_clear(&w->shared);
	for (i = 0; i < w->nprune; i++)
		free(w->prune[i]);
	free(w->prune);
	walk_dir_free(w->fresh, w->nfresh);
	free(w->shared.v);
	free(w->threads);
	pthread_cond_destroy(&w->work);
	pthread_mutex_destroy(&w->lock);
	free(w);
}
