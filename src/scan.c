/* scan: walk -> probe -> read distributions -> index. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dist.h"
#include "du.h"
#include "jsonf.h"
#include "md5.h"
#include "msg.h"
#include "places.h"
#include "probe.h"
#include "scan.h"
#include "sha256.h"
#include "stale.h"
#include "util.h"
#include "walk.h"

#define QUEUE_MAX	32	/* results waiting for the writer: bounds memory */

struct result {
	struct env	 env;
	struct dist_list dists;
	int64_t		 size;
	int		 unchanged;
	int		 denied;	/* its folders that could not be read */
	struct result	*next;
};

struct scan {
	pthread_mutex_t	 lock;
	pthread_cond_t	 ready;		/* a result is queued */
	pthread_cond_t	 room;		/* the queue has room */
	struct result	*head, **tail;
	size_t		 queued;
	int		 stop;		/* the writer is gone: drop results */
	int		 walked;	/* the walk is over */
	int		 full;
	const struct index_fps *fps;
	struct tag	*tags;		/* project folders by path hash, for poetry and hatch */
	size_t		 ntags, tagcap;
};

struct tag {
	char	 tag[9];	/* poetry's and hatch's: base64url(sha256(path)) */
	char	 mtag[9];	/* pdm's: base64url(md5(path)) */
	char	*path;
};

static pthread_key_t	jsonf_key;
static pthread_once_t	jsonf_once = PTHREAD_ONCE_INIT;

static void
jsonf_key_free(void *p)
{
	jsonf_close(p);
}

static void
jsonf_key_init(void)
{
	pthread_key_create(&jsonf_key, jsonf_key_free);
}

/* This thread's JSON reader. */
static struct jsonf *
scan_jsonf(void)
{
	struct jsonf	*jf;

	pthread_once(&jsonf_once, jsonf_key_init);
	if ((jf = pthread_getspecific(jsonf_key)) == NULL) {
		jf = jsonf_open();
		pthread_setspecific(jsonf_key, jf);
	}
	return jf;
}

static int
system_prefix(const char *path)
{
	return strcmp(path, "/usr") == 0 || strcmp(path, "/usr/local") == 0;
}

/*
 * Reads e's distributions into r, and its size. An environment whose
 * packages cannot be read is broken (layout unreadable), and is read again
 * by the next scan whatever its folders' times.
 */
static void
scan_read(struct env *e, struct result *r, int64_t size)
{
	struct jsonf	*jf = scan_jsonf();
	size_t		 i;

	if (e->kind == KIND_CONDA) {
		if (dist_read_conda(jf, e->path, e->nsite > 0 ? e->site[0] : NULL,
		    &r->dists) == -1)
			r->denied++;
	} else
		for (i = 0; i < e->nsite; i++)
			if (dist_read_site(jf, e->site[i], e->kind == KIND_VENV ||
			    e->kind == KIND_LEGACY ? e->path : NULL, &r->dists) == -1)
				r->denied++;
	r->denied += (int)r->dists.denied;
	if (e->unreadable && r->denied == 0)
		r->denied = 1;	/* its layout (lib/, pyvenv.cfg ...), as probed */
	if (r->denied > 0 || e->unreadable) {
		e->unreadable = 1;
		e->broken = 1;
		e->fingerprint = 0;
	}
	if (size >= 0)
		r->size = size;
	else if (system_prefix(e->path)) {
		/* Not all of /usr: the standard library and the site folders. */
		r->size = 0;
		for (i = 0; i < e->nsite; i++)
			r->size += du_tree(e->site[i], NULL, NULL);
	} else
		r->size = du_tree(e->path, "envs", NULL);
}

static enum walk_verdict
scan_found(const char *path, void *arg)
{
	struct scan	*s = arg;
	struct result	*r;
	enum walk_verdict v;
	int64_t		 fp;

	r = xcalloc(1, sizeof *r);
	if (!probe_env(path, &r->env)) {
		free(r);
		return WALK_DESCEND;
	}
	v = r->env.kind == KIND_CONDA || r->env.kind == KIND_INTERPRETER ?
	    WALK_ENVS : WALK_SKIP;
	if (!s->full && !r->env.unreadable &&
	    index_fps_get(s->fps, path, &fp, &r->size) &&
	    fp == r->env.fingerprint && r->size >= 0)
		r->unchanged = 1;
	else
		scan_read(&r->env, r, -1);

	pthread_mutex_lock(&s->lock);
	while (s->queued >= QUEUE_MAX && !s->stop)
		pthread_cond_wait(&s->room, &s->lock);
	if (s->stop) {
		pthread_mutex_unlock(&s->lock);
		env_free(&r->env);
		dist_list_free(&r->dists);
		free(r);
		return v;
	}
	*s->tail = r;
	s->tail = &r->next;
	s->queued++;
	pthread_cond_signal(&s->ready);
	pthread_mutex_unlock(&s->lock);
	return v;
}

/* Remembers the path hashes of hashed (path or its real path) for project path. */
static void
scan_tag(struct scan *s, const char *hashed, const char *path)
{
	struct tag	*t;

	pthread_mutex_lock(&s->lock);
	if (s->ntags == s->tagcap) {
		s->tagcap = s->tagcap ? s->tagcap * 2 : 64;
		s->tags = xrealloc(s->tags, s->tagcap * sizeof *s->tags);
	}
	t = &s->tags[s->ntags++];
	sha256_tag8(hashed, t->tag);
	md5_tag8(hashed, t->mtag);
	t->path = xstrdup(path);
	pthread_mutex_unlock(&s->lock);
}

/* A folder with a pyproject.toml: remember its path hash, as poetry, hatch and pdm compute it. */
static void
scan_project(const char *path, void *arg)
{
	struct scan	*s = arg;
	char		 real[PATH_MAX];

	scan_tag(s, path, path);
	/* poetry hashes the real path: a project under a symlinked folder. */
	if (realpath(path, real) != NULL && strcmp(real, path) != 0)
		scan_tag(s, real, path);
}

/*
 * The hash in a managed environment's path: poetry's NAME-HASH-pyX.Y, or
 * hatch's .../env/virtual/NAME/HASH/ENV. Copies it into tag; 0 if none.
 */
static int
env_tag(const char *path, const char *manager, char tag[9])
{
	const char	*b = path_base(path), *py;
	char		*dir;
	const char	*h;

	if (manager == NULL || strcmp(manager, "poetry") == 0) {
		if ((py = strstr(b, "-py")) == NULL || py - b < 9 || py[-9] != '-')
			return 0;
		memcpy(tag, py - 8, 8);
	} else if (strcmp(manager, "hatch") == 0) {
		dir = path_dir(path);
		h = path_base(dir);
		if (strlen(h) != 8) {
			free(dir);
			return 0;
		}
		memcpy(tag, h, 8);
		free(dir);
	} else
		return 0;
	tag[8] = '\0';
	return 1;
}

/*
 * Is the environment at path the one of project t that its manager names
 * by t's hash? poetry and hatch: the hash tag; a poetry environment moved
 * by the project's poetry.toml (manager still NULL): the tag, and the
 * folder poetry uses for that project; pdm: PROJECT-MD5TAG-IDENT.
 */
static int
tag_matches(const char *path, const char *manager, const char *tag,
    const struct tag *t)
{
	const char	*b = path_base(path), *pb = path_base(t->path);
	char		*dir, *venvs;
	size_t		 n = strlen(pb);
	int		 ok;

	if (manager != NULL && strcmp(manager, "pdm") == 0)
		return strncmp(b, pb, n) == 0 && b[n] == '-' &&
		    strncmp(b + n + 1, t->mtag, 8) == 0 && b[n + 9] == '-';
	if (tag[0] == '\0' || strcmp(t->tag, tag) != 0)
		return 0;
	if (manager != NULL)
		return 1;
	dir = path_dir(path);
	venvs = places_poetry_venvs(places_now(), t->path);
	ok = strcmp(dir, venvs) == 0;
	free(venvs);
	free(dir);
	return ok;
}

/* The project whose path hash names the poetry, hatch or pdm environment at path. */
static const char *
scan_tag_project(void *arg, const char *path, const char *manager)
{
	struct scan	*s = arg;
	char		 tag[9];
	size_t		 i;

	if (!env_tag(path, manager, tag))
		tag[0] = '\0';
	if (tag[0] == '\0' && (manager == NULL || strcmp(manager, "pdm") != 0))
		return NULL;
	for (i = 0; i < s->ntags; i++)
		if (tag_matches(path, manager, tag, &s->tags[i]))
			return s->tags[i].path;
	return NULL;
}

/* The walk is over: wake the writer at once. */
static void
scan_walked(void *arg)
{
	struct scan	*s = arg;

	pthread_mutex_lock(&s->lock);
	s->walked = 1;
	pthread_cond_signal(&s->ready);
	pthread_mutex_unlock(&s->lock);
}

/* The next result, or NULL after timeout_ms or once the walk is over (*over set). */
static struct result *
scan_take(struct scan *s, int timeout_ms, int *over)
{
	struct result	*r;
	struct timespec	 ts;

	pthread_mutex_lock(&s->lock);
	if (s->head == NULL && !s->walked) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += (long)timeout_ms * 1000000L;
		while (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&s->ready, &s->lock, &ts);
	}
	if ((r = s->head) != NULL) {
		s->head = r->next;
		if (s->head == NULL)
			s->tail = &s->head;
		s->queued--;
		pthread_cond_signal(&s->room);
	}
	*over = s->walked && s->head == NULL;
	pthread_mutex_unlock(&s->lock);
	return r;
}

/* A damaged index: writing more into it would only make things worse. */
static int
scan_damaged(struct index *ix)
{
	return index_damaged(ix);
}

static double
now_seconds(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Whether an environment that no longer probes as one is gone: its folder
 * is not there, or is there, readable, and no environment (1). One that
 * cannot be reached (permissions) is not known to be gone (0), and one
 * that cannot be read is unreadable (-1).
 */
static int
scan_gone(const char *path)
{
	int	fd;

	if ((fd = open_dir(path, 0)) != -1) {
		close(fd);
		return 1;
	}
	if (errno == ENOENT || errno == ENOTDIR)
		return 1;
	return errno == EACCES || errno == EPERM ? -1 : 0;
}

/* Marks gone the indexed environments that were not seen and are no longer on disk. */
static void
scan_forget(struct index *ix, char **seen, size_t nseen, struct scan_stats *st)
{
	struct env	 e;
	char		**paths;
	size_t		 n, i;
	int		 gone;

	if (nseen > 1)
		xqsort(seen, nseen, sizeof *seen, str_cmp);
	paths = index_env_paths(ix, &n);
	for (i = 0; i < n; i++) {
		if (st->errors == 0 && (nseen == 0 ||
		    bsearch(&paths[i], seen, nseen, sizeof *seen, str_cmp) == NULL)) {
			if (probe_env(paths[i], &e))
				env_free(&e);
			else if ((gone = scan_gone(paths[i])) == 1) {
				if (index_mark_gone(ix, paths[i], time(NULL)) == 0)
					st->gone++;
				else
					st->errors++;
			} else if (gone == -1 &&
			    index_keep_unreadable(ix, paths[i], time(NULL)) == -1)
				st->errors++;
		}
		free(paths[i]);
	}
	free(paths);
}

/*
 * Writes r to the index (its packages unless r->unchanged). An environment
 * that could not be read keeps what the index knew and writes no history
 * (*kept set); one new to the index is written with what could be read.
 */
static int
scan_store(struct index *ix, struct result *r, int64_t now, int *changes,
    int *kept)
{
	int	rc;

	*changes = 0;
	*kept = 0;
	if (r->env.unreadable &&
	    (rc = index_keep_unreadable(ix, r->env.path, now)) != 0) {
		*kept = rc == 1;
		return rc == 1 ? 0 : -1;
	}
	if (r->unchanged)
		return index_put_env(ix, &r->env, r->size, NULL, now, NULL);
	return index_put_env(ix, &r->env, r->size, &r->dists, now, changes);
}

/* Writes one result to the index, counting what was written. */
static void
scan_write(struct index *ix, struct result *r, const struct index_fps *fps,
    int64_t now, struct scan_stats *st, const struct scan_opts *o)
{
	int	changes = 0, kept, rc;

	st->envs++;
	st->denied_envs += (unsigned)r->denied;
	if (r->denied > 0 && st->denied_env[0] == '\0')
		snprintf(st->denied_env, sizeof st->denied_env, "%s", r->env.path);
	if (st->errors > 0)
		return;		/* stopping: write nothing more */
	rc = scan_store(ix, r, now, &changes, &kept);
	if (rc == -1) {
		st->errors++;
		return;
	}
	if (r->unchanged || kept)
		st->unchanged++;
	else {
		if (!index_fps_get(fps, r->env.path, NULL, NULL))
			st->added++;
		else
			st->changed++;
		st->packages += r->dists.n;
		st->changes += (uint64_t)changes;
	}
	if (o->on_env != NULL)
		o->on_env(&r->env, o->arg);
}

int
scan_run(struct index *ix, const struct roots *roots, const struct scan_opts *o,
    struct scan_stats *st)
{
	struct walk_progress	 wp;
	struct walk_cb		 cb;
	struct scan		 s;
	struct result		*r;
	struct walk		*w;
	struct index_fps	*fps;
	struct walk_cache	 cache = { 0 };
	struct walk_dir		*fresh;
	size_t			 nfresh;
	char			**seen = NULL;
	size_t			 nseen = 0, cap = 0;
	double			 start = now_seconds(), last = 0, t;
	int64_t			 now = (int64_t)time(NULL);
	int			 over, nthreads;
	long			 cores;

	memset(st, 0, sizeof *st);
	if (index_readonly(ix) != NULL) {
		msg_error("scan: %s", index_readonly(ix));
		st->end = SCAN_FAILED;
		return -1;
	}
	memset(&s, 0, sizeof s);
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.ready, NULL);
	pthread_cond_init(&s.room, NULL);
	s.tail = &s.head;
	s.full = o->full;
	s.fps = fps = index_fingerprints(ix);

	cores = sysconf(_SC_NPROCESSORS_ONLN);
	nthreads = o->nthreads > 0 ? o->nthreads : cores > 0 ? (int)cores : 2;
	if (nthreads > 16)
		nthreads = 16;
	cb.env = scan_found;
	cb.project = scan_project;
	cb.done = scan_walked;
	cb.arg = &s;
	if (!o->full)
		index_walk_cache(ix, &cache);
	w = walk_start(roots->v, roots->n, roots->prune, roots->nprune, o->one_fs,
	    nthreads, &cb, &cache);
	if (w == NULL) {
		st->end = SCAN_FAILED;
		goto out;
	}
	if (scan_damaged(ix)) {
		/* Met reading the fingerprints or the folder cache. */
		st->end = SCAN_FAILED;
		walk_cancel(w);
	}

	for (;;) {
		r = scan_take(&s, 50, &over);
		walk_poll(w, &wp);
		if (r == NULL && over)
			break;
		if (r != NULL) {
			scan_write(ix, r, fps, now, st, o);
			if (nseen == cap) {
				cap = cap ? cap * 2 : 64;
				seen = xrealloc(seen, cap * sizeof *seen);
			}
			seen[nseen++] = xstrdup(r->env.path);
			env_free(&r->env);
			dist_list_free(&r->dists);
			free(r);
		}
		t = now_seconds();
		if (st->end == SCAN_DONE && st->errors > 0) {
			/* Read-only, locked or damaged: the next write fails too. */
			st->end = SCAN_FAILED;
			walk_cancel(w);
		} else if (st->end == SCAN_DONE && o->cancelled != NULL &&
		    o->cancelled(o->arg)) {
			st->end = SCAN_CANCELLED;
			walk_cancel(w);
		}
		if (o->on_progress != NULL && t - last >= 0.1) {
			last = t;
			st->dirs = wp.dirs;
			st->denied = wp.denied + st->denied_envs;
			st->seconds = t - start;
			memcpy(st->current, wp.current, sizeof st->current);
			o->on_progress(st, o->arg);
		}
	}
	pthread_mutex_lock(&s.lock);
	s.stop = 1;
	pthread_cond_broadcast(&s.room);
	pthread_mutex_unlock(&s.lock);
	walk_poll(w, &wp);
	fresh = walk_fresh(w, &nfresh);
	walk_free(w);
	if (st->end == SCAN_DONE && index_walk_save(ix, &cache, fresh, nfresh,
	    roots->v, roots->n) == -1)
		msg_warn("scan: the folder cache could not be saved (%s); the next "
		    "scan reads every folder again", sqlite3_errmsg(index_db(ix)));
	walk_dir_free(fresh, nfresh);
	st->dirs = wp.dirs;
	st->denied = wp.denied + st->denied_envs;
	memcpy(st->denied_path, wp.denied_path, sizeof st->denied_path);
	if (st->denied_path[0] == '\0')
		memcpy(st->denied_path, st->denied_env, sizeof st->denied_path);
	if (st->end == SCAN_DONE)
		scan_forget(ix, seen, nseen, st);
	if (st->errors > 0)
		st->end = SCAN_FAILED;
	if (st->end != SCAN_FAILED && s.ntags > 0)
		index_link_projects(ix, scan_tag_project, &s);
out:
	walk_dir_free(cache.v, cache.n);
	free(cache.seen);
	for (cap = 0; cap < s.ntags; cap++)
		free(s.tags[cap].path);
	free(s.tags);
	for (cap = 0; cap < nseen; cap++)
		free(seen[cap]);
	free(seen);
	index_fps_free(fps);
	pthread_cond_destroy(&s.ready);
	pthread_cond_destroy(&s.room);
	pthread_mutex_destroy(&s.lock);
	st->seconds = now_seconds() - start;
	return st->end == SCAN_DONE ? 0 : -1;
}

int
scan_one(struct index *ix, const char *path)
{
	return scan_one_sized(ix, path, -1);
}

int
scan_one_sized(struct index *ix, const char *path, int64_t size)
{
	struct result	r;
	int		rc, changes, kept;

	memset(&r, 0, sizeof r);
	if (!probe_env(path, &r.env))
		return -1;
	scan_read(&r.env, &r, size);
	rc = scan_store(ix, &r, (int64_t)time(NULL), &changes, &kept);
	env_free(&r.env);
	dist_list_free(&r.dists);
	return rc;
}

int
scan_ensure(struct index *ix, const char *path, int fresh)
{
	struct env	 e;
	int64_t		 fp;
	int		 known, rc;

	if ((known = index_env_fingerprint(ix, path, &fp, NULL)) == 1 && !fresh)
		return 0;
	if (index_readonly(ix) != NULL)
		return known == 1 ? 0 : -1;
	if (known == 1) {
		/* Indexed: read again only when the disk moved since. */
		if (!probe_env(path, &e))
			return 0;
		rc = fp == e.fingerprint;
		env_free(&e);
		if (rc)
			return 0;
	}
	return scan_one(ix, path);
}

char *
scan_resolve(struct index *ix, const char *arg, char **err)
{
	char	*path, *unindexed;

	if ((path = index_resolve(ix, arg, &unindexed, err)) != NULL ||
	    unindexed == NULL)
		return path;
	free(*err);
	if (index_readonly(ix) != NULL)
		*err = xasprintf("%s: not in the index, and %s", arg, index_readonly(ix));
	else if (scan_ensure(ix, unindexed, 0) == 0)
		return unindexed;
	else
		*err = xasprintf("%s: cannot read the environment", arg);
	free(unindexed);
	return NULL;
}
