/* walk: a multi-threaded folder walk that looks for environments. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "probe.h"
#include "util.h"
#include "walk.h"

struct item {
	char		*path;
	dev_t		 dev;
	int		 probe_only;
};

struct walk {
	pthread_mutex_t	 lock;
	pthread_cond_t	 work;		/* signalled when items are pushed or all is done */
	pthread_cond_t	 done_cv;
	struct item	*stack;
	size_t		 n, cap;
	size_t		 busy;		/* items being read right now */
	int		 done, cancel;
	int		 one_fs;
	char		**prune;
	size_t		 nprune;
	struct walk_cb	 cb;
	struct walk_progress progress;
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

/* Pushes items (with the lock held). */
static void
walk_push_locked(struct walk *w, struct item *items, size_t n)
{
	if (w->n + n > w->cap) {
		while (w->n + n > w->cap)
			w->cap = w->cap ? w->cap * 2 : 256;
		w->stack = xrealloc(w->stack, w->cap * sizeof *w->stack);
	}
	memcpy(w->stack + w->n, items, n * sizeof *items);
	w->n += n;
	if (n > 1)
		pthread_cond_broadcast(&w->work);
	else if (n == 1)
		pthread_cond_signal(&w->work);
}

struct children {
	struct item	*v;
	size_t		 n, cap;
};

static void
children_add(struct children *c, char *path, dev_t dev)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->v = xrealloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->n].path = path;
	c->v[c->n].dev = dev;
	c->v[c->n].probe_only = 0;
	c->n++;
}

static void
children_drop(struct children *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		free(c->v[i].path);
	c->n = 0;
}

/* Reads one folder; returns its subfolders to walk in kids. */
static void
walk_read(struct walk *w, struct item *it, struct children *kids)
{
	struct probe_hint	 hint = { 0 };
	struct dirent		*de;
	struct stat		 st;
	DIR			*d;
	enum walk_verdict	 v;
	int			 fd, isdir;
	char			*child, *envs;

	if (it->probe_only) {
		v = w->cb.env(it->path, w->cb.arg);
		if (v == WALK_ENVS) {
			envs = path_join(it->path, "envs");
			children_add(kids, envs, it->dev);
		}
		return;
	}

	if ((fd = walk_open_dir(it->path)) == -1) {
		/* A folder that vanished, or envs/ that never was, is no error. */
		if (errno != ENOENT && errno != ENOTDIR) {
			pthread_mutex_lock(&w->lock);
			w->progress.denied++;
			pthread_mutex_unlock(&w->lock);
		}
		return;
	}
	if (w->one_fs || it->dev == 0) {
		if (fstat(fd, &st) == -1) {
			close(fd);
			return;
		}
		if (it->dev == 0)
			it->dev = st.st_dev;
		else if (st.st_dev != it->dev) {
			close(fd);
			return;
		}
	}
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL) {
			if (errno != 0) {
				pthread_mutex_lock(&w->lock);
				w->progress.denied++;
				pthread_mutex_unlock(&w->lock);
			}
			break;
		}
		if (de->d_name[0] == '.' && (de->d_name[1] == '\0' ||
		    (de->d_name[1] == '.' && de->d_name[2] == '\0')))
			continue;
		if (de->d_type == DT_UNKNOWN) {
			if (fstatat(dirfd(d), de->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) == -1)
				continue;
			isdir = S_ISDIR(st.st_mode);
		} else
			isdir = de->d_type == DT_DIR;
		probe_hint_add(&hint, de->d_name, isdir);
		if (!isdir || walk_pruned_name(de->d_name))
			continue;
		child = path_join(it->path, de->d_name);
		if (walk_pruned_path(w, child)) {
			free(child);
			continue;
		}
		children_add(kids, child, it->dev);
	}
	closedir(d);

	pthread_mutex_lock(&w->lock);
	w->progress.dirs++;
	pthread_mutex_unlock(&w->lock);

	if (!probe_hint_done(&hint))
		v = WALK_DESCEND;
	else
		v = w->cb.env(it->path, w->cb.arg);
	if (v == WALK_DESCEND) {
		if (probe_hint_project(&hint) && w->cb.project != NULL)
			w->cb.project(it->path, w->cb.arg);
		return;
	}
	children_drop(kids);
	if (v == WALK_ENVS) {
		envs = path_join(it->path, "envs");
		children_add(kids, envs, it->dev);
	}
}

static void *
walk_worker(void *arg)
{
	struct walk	*w = arg;
	struct children	 kids = { 0 };
	struct item	 it;
	size_t		 i;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (w->n == 0 && !w->done)
			pthread_cond_wait(&w->work, &w->lock);
		if (w->done)
			break;
		it = w->stack[--w->n];
		w->busy++;
		if (w->cancel) {
			free(it.path);
			w->busy--;
			if (w->n == 0 && w->busy == 0) {
				w->done = 1;
				pthread_cond_broadcast(&w->work);
				pthread_cond_broadcast(&w->done_cv);
			}
			continue;
		}
		if ((w->progress.dirs & 63) == 0)
			snprintf(w->progress.current, sizeof w->progress.current,
			    "%s", it.path);
		pthread_mutex_unlock(&w->lock);

		walk_read(w, &it, &kids);
		free(it.path);

		pthread_mutex_lock(&w->lock);
		/* Reverse, so the stack pops them in name order. */
		for (i = 0; i < kids.n / 2; i++) {
			struct item t = kids.v[i];
			kids.v[i] = kids.v[kids.n - 1 - i];
			kids.v[kids.n - 1 - i] = t;
		}
		walk_push_locked(w, kids.v, kids.n);
		kids.n = 0;
		w->busy--;
		if (w->n == 0 && w->busy == 0) {
			w->done = 1;
			pthread_cond_broadcast(&w->work);
			pthread_cond_broadcast(&w->done_cv);
		}
	}
	pthread_mutex_unlock(&w->lock);
	free(kids.v);
	return NULL;
}

struct walk *
walk_start(const struct walk_root *roots, size_t nroots, char *const *prune,
    size_t nprune, int one_fs, int nthreads, const struct walk_cb *cb)
{
	struct walk	*w = xcalloc(1, sizeof *w);
	struct item	 it;
	size_t		 i;
	int		 t;

	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->work, NULL);
	pthread_cond_init(&w->done_cv, NULL);
	w->one_fs = one_fs;
	w->cb = *cb;
	w->nprune = nprune;
	w->prune = xcalloc(nprune + 1, sizeof *w->prune);
	for (i = 0; i < nprune; i++)
		w->prune[i] = xstrdup(prune[i]);
	for (i = nroots; i > 0; i--) {
		it.path = xstrdup(roots[i - 1].path);
		it.dev = 0;
		it.probe_only = roots[i - 1].probe_only;
		walk_push_locked(w, &it, 1);
	}
	if (w->n == 0)
		w->done = 1;
	if (nthreads < 1)
		nthreads = 1;
	w->threads = xcalloc((size_t)nthreads, sizeof *w->threads);
	for (t = 0; t < nthreads; t++) {
		if (pthread_create(&w->threads[t], NULL, walk_worker, w) != 0)
			break;
	}
	w->nthreads = t;
	if (t == 0)
		fatalx("cannot start a thread");
	return w;
}

int
walk_poll(struct walk *w, struct walk_progress *p)
{
	int	running;

	pthread_mutex_lock(&w->lock);
	if (p != NULL)
		*p = w->progress;
	running = !w->done;
	pthread_mutex_unlock(&w->lock);
	return running;
}

int
walk_wait(struct walk *w, int timeout_ms, struct walk_progress *p)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&w->lock);
	if (!w->done)
		pthread_cond_timedwait(&w->done_cv, &w->lock, &ts);
	pthread_mutex_unlock(&w->lock);
	return walk_poll(w, p);
}

void
walk_cancel(struct walk *w)
{
	pthread_mutex_lock(&w->lock);
	w->cancel = 1;
	pthread_mutex_unlock(&w->lock);
}

void
walk_free(struct walk *w)
{
	size_t	i;
	int	t;

	for (t = 0; t < w->nthreads; t++)
		pthread_join(w->threads[t], NULL);
	for (i = 0; i < w->n; i++)
		free(w->stack[i].path);
	for (i = 0; i < w->nprune; i++)
		free(w->prune[i]);
	free(w->prune);
	free(w->stack);
	free(w->threads);
	pthread_cond_destroy(&w->work);
	pthread_cond_destroy(&w->done_cv);
	pthread_mutex_destroy(&w->lock);
	free(w);
}
