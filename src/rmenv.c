/* rmenv: deleting an environment, safely: the checks, the deletion, the traces. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "index.h"
#include "probe.h"
#include "query.h"
#include "rmenv.h"
#include "scan.h"
#include "util.h"

/* At most this many folders of a deep tree are kept open; the others are reopened by "..". */
#define RMENV_KEEP_FDS	32
/* Bytes of a /proc file read (environ, cmdline, mountinfo). */
#define RMENV_PROC_MAX	(4 << 20)

/* A running process, as far as deleting goes: the paths it runs from. */
struct rmenv_proc {
	long		 pid;
	char		*comm;
	struct rmenv_strs paths;	/* exe, absolute words of argv, VIRTUAL_ENV, CONDA_PREFIX */
};

struct rmenv_ctx {
	struct index		*ix;
	int			 flags;
	char			*home;		/* $HOME's real path, or NULL */
	int			 loaded;	/* procs and mounts read */
	struct rmenv_proc	*procs;
	size_t			 nprocs;
	struct rmenv_strs	 mounts;	/* mount points, from mountinfo */
};

/* Private parts of struct rmenv kept beside it (bins before deletion, indexed paths). */
struct rmenv_priv {
	struct rmenv_strs	 bins;		/* pyenv: the names in its bin/, for the shims */
	struct rmenv_strs	 indexed;	/* indexed environments inside it */
	char			*pyenv_root;
};

static void
strs_add(struct rmenv_strs *s, char *owned)
{
	s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n++] = owned;
}

static void
strs_free(struct rmenv_strs *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* A /proc file, whole (they say size 0): allocated and NUL-terminated, or NULL. */
static char *
proc_read(const char *path, size_t *len)
{
	struct sbuf	 sb = { 0 };
	char		 buf[8192];
	ssize_t		 r;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	while (sb.len < RMENV_PROC_MAX) {
		r = read(fd, buf, sizeof buf);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		sbuf_add(&sb, buf, (size_t)r);
	}
	close(fd);
	if (sb.s == NULL)
		sbuf_adds(&sb, "");
	*len = sb.len;
	return sbuf_steal(&sb);
}

static void
procs_load(struct rmenv_ctx *c)
{
	DIR		*d;
	struct dirent	*de;
	struct rmenv_proc *p;
	char		 path[64], exe[PATH_MAX], *buf, *s, *nl;
	size_t		 len, i;
	ssize_t		 n;
	long		 pid;

	if ((d = opendir("/proc")) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = strtol(de->d_name, NULL, 10);
		if (pid == (long)getpid())
			continue;
		c->procs = xrealloc(c->procs, (c->nprocs + 1) * sizeof *c->procs);
		p = &c->procs[c->nprocs];
		memset(p, 0, sizeof *p);
		p->pid = pid;
		snprintf(path, sizeof path, "/proc/%ld/exe", pid);
		if ((n = readlink(path, exe, sizeof exe - 1)) > 0) {
			exe[n] = '\0';
			if (n > 10 && strcmp(exe + n - 10, " (deleted)") == 0)
				exe[n - 10] = '\0';
			strs_add(&p->paths, xstrdup(exe));
		}
		snprintf(path, sizeof path, "/proc/%ld/cmdline", pid);
		if ((buf = proc_read(path, &len)) != NULL) {
			for (i = 0; i < len; i += strlen(buf + i) + 1)
				if (buf[i] == '/')
					strs_add(&p->paths, xstrdup(buf + i));
			free(buf);
		}
		snprintf(path, sizeof path, "/proc/%ld/environ", pid);
		if ((buf = proc_read(path, &len)) != NULL) {
			for (i = 0; i < len; i += strlen(buf + i) + 1) {
				s = buf + i;
				if (strncmp(s, "VIRTUAL_ENV=/", 13) == 0)
					strs_add(&p->paths, xstrdup(s + 12));
				else if (strncmp(s, "CONDA_PREFIX=/", 14) == 0)
					strs_add(&p->paths, xstrdup(s + 13));
			}
			free(buf);
		}
		snprintf(path, sizeof path, "/proc/%ld/comm", pid);
		if ((buf = proc_read(path, &len)) != NULL) {
			if ((nl = strchr(buf, '\n')) != NULL)
				*nl = '\0';
			p->comm = buf;
		}
		if (p->paths.n == 0) {
			free(p->comm);
			continue;
		}
		c->nprocs++;
	}
	closedir(d);
}

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
static char *
mount_unescape(const char *s, size_t len)
{
	char	*r = xmalloc(len + 1), *o = r;
	size_t	 i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 3 < len + 1 && s[i + 1] >= '0' && s[i + 1] <= '3' &&
		    s[i + 2] >= '0' && s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
			*o++ = (char)((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 +
			    (s[i + 3] - '0'));
			i += 3;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	return r;
}

static void
mounts_load(struct rmenv_ctx *c)
{
	char	*buf, *line, *next, *f;
	size_t	 len, flen;
	int	 field;

	if ((buf = proc_read("/proc/self/mountinfo", &len)) == NULL)
		return;
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		/* ID PARENT MAJ:MIN ROOT MOUNTPOINT ... */
		for (f = line, field = 0; field < 4 && f != NULL; field++)
			if ((f = strchr(f, ' ')) != NULL)
				f++;
		if (f == NULL)
			continue;
		flen = strcspn(f, " ");
		strs_add(&c->mounts, mount_unescape(f, flen));
	}
	free(buf);
}

struct rmenv_ctx *
rmenv_ctx_new(struct index *ix, int flags)
{
	struct rmenv_ctx	*c = xcalloc(1, sizeof *c);
	const char		*home = getenv("HOME");
	char			 real[PATH_MAX];

	c->ix = ix;
	c->flags = flags;
	if (home != NULL && home[0] == '/')
		c->home = xstrdup(realpath(home, real) != NULL ? real : home);
	return c;
}

void
rmenv_ctx_free(struct rmenv_ctx *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nprocs; i++) {
		free(c->procs[i].comm);
		strs_free(&c->procs[i].paths);
	}
	free(c->procs);
	strs_free(&c->mounts);
	free(c->home);
	free(c);
}

static struct rmenv_priv *
priv(struct rmenv *r)
{
	return (struct rmenv_priv *)r->privp;
}

void
rmenv_free(struct rmenv *r)
{
	struct rmenv_priv	*p = priv(r);

	free(r->arg);
	free(r->path);
	free(r->name);
	free(r->python);
	free(r->project);
	free(r->error);
	strs_free(&r->refused);
	strs_free(&r->notes);
	if (p != NULL) {
		strs_free(&p->bins);
		strs_free(&p->indexed);
		free(p->pyenv_root);
		free(p);
	}
	memset(r, 0, sizeof *r);
}

/* --- the tree: measured, or deleted -------------------------------------------- */

struct tlevel {
	int		 fd;		/* -1: closed, reopened from a child by ".." */
	dev_t		 dev;
	ino_t		 ino;
	int64_t		 blocks;	/* its own bytes */
	char		*name;		/* in its parent; NULL for the root */
	char		**names;	/* its entries, read when it was opened */
	size_t		 n, i;
};

struct tlink {
	ino_t		 ino;
	nlink_t		 nlink;
	int64_t		 bytes;
};

struct tree {
	int			 del;
	dev_t			 dev;
	struct tlevel		*lv;
	size_t			 depth, cap;
	int64_t			 files, bytes, total_files;
	struct tlink		*links;	/* measuring: entries with several links */
	size_t			 nlinks, linkcap;
	char			*other_fs;	/* the first folder on another fs */
	int			 nerr;
	char			*err;		/* the first error */
	rmenv_progress_fn	*progress;
	void			*arg;
	const char		*root;
	struct timespec		 last;
};

/* The path of the current folder's entry name (NULL: the folder), for messages. */
static char *
tree_path(struct tree *t, const char *name)
{
	struct sbuf	sb = { 0 };
	size_t		i;

	sbuf_adds(&sb, t->root);
	for (i = 1; i < t->depth; i++) {
		sbuf_addc(&sb, '/');
		sbuf_adds(&sb, t->lv[i].name);
	}
	if (name != NULL) {
		sbuf_addc(&sb, '/');
		sbuf_adds(&sb, name);
	}
	return sbuf_steal(&sb);
}

static void
tree_error(struct tree *t, const char *name, const char *what, int err)
{
	char	*p;

	if (t->nerr++ > 0)
		return;
	p = tree_path(t, name);
	t->err = xasprintf("%s: %s%s%s", p, what, err != 0 ? ": " : "",
	    err != 0 ? strerror(err) : "");
	free(p);
}

static int
names_read(int fd, struct tlevel *l)
{
	struct dirent	*de;
	DIR		*d;
	size_t		 cap = 0;
	int		 dfd;

	if ((dfd = dup(fd)) == -1)
		return -1;
	if ((d = fdopendir(dfd)) == NULL) {
		close(dfd);
		return -1;
	}
	while ((errno = 0, de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (l->n == cap) {
			cap = cap ? cap * 2 : 16;
			l->names = xrealloc(l->names, cap * sizeof *l->names);
		}
		l->names[l->n++] = xstrdup(de->d_name);
	}
	closedir(d);
	return errno != 0 ? -1 : 0;
}

static void
level_free(struct tlevel *l)
{
	size_t	i;

	if (l->fd != -1)
		close(l->fd);
	for (i = 0; i < l->n; i++)
		free(l->names[i]);
	free(l->names);
	free(l->name);
	memset(l, 0, sizeof *l);
	l->fd = -1;
}

static void
tree_push(struct tree *t, int fd, const struct stat *st, const char *name)
{
	struct tlevel	*l;

	if (t->depth == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->lv = xrealloc(t->lv, t->cap * sizeof *t->lv);
	}
	l = &t->lv[t->depth++];
	memset(l, 0, sizeof *l);
	l->fd = fd;
	l->dev = st->st_dev;
	l->ino = st->st_ino;
	l->blocks = (int64_t)st->st_blocks * 512;
	l->name = name != NULL ? xstrdup(name) : NULL;
	if (names_read(fd, l) == -1)
		tree_error(t, NULL, "cannot read the folder", errno);
	/* A deep tree: the folder RMENV_KEEP_FDS above is reopened when needed. */
	if (t->depth > RMENV_KEEP_FDS && t->lv[t->depth - 1 - RMENV_KEEP_FDS].fd != -1) {
		close(t->lv[t->depth - 1 - RMENV_KEEP_FDS].fd);
		t->lv[t->depth - 1 - RMENV_KEEP_FDS].fd = -1;
	}
}

static void
tree_tick(struct tree *t)
{
	struct rmenv_progress	p;
	struct timespec		now;

	if (t->progress == NULL || (t->files & 255) != 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if ((now.tv_sec - t->last.tv_sec) * 1000000000L +
	    (now.tv_nsec - t->last.tv_nsec) < 100000000L)
		return;
	t->last = now;
	p.path = t->root;
	p.files = t->files;
	p.total_files = t->total_files;
	p.freed = t->bytes;
	t->progress(&p, t->arg);
}

static int
link_cmp(const void *a, const void *b)
{
	const struct tlink	*x = a, *y = b;

	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* Measuring: what deleting frees; a file with several links only when all are inside. */
static void
tree_count(struct tree *t, const struct stat *st)
{
	int64_t	bytes = (int64_t)st->st_blocks * 512;

	if (S_ISDIR(st->st_mode) || st->st_nlink <= 1) {
		t->bytes += bytes;
		return;
	}
	if (t->nlinks == t->linkcap) {
		t->linkcap = t->linkcap ? t->linkcap * 2 : 64;
		t->links = xrealloc(t->links, t->linkcap * sizeof *t->links);
	}
	t->links[t->nlinks].ino = st->st_ino;
	t->links[t->nlinks].nlink = st->st_nlink;
	t->links[t->nlinks].bytes = bytes;
	t->nlinks++;
}

static void
tree_links_done(struct tree *t)
{
	size_t	i, j;

	if (t->nlinks > 1)
		xqsort(t->links, t->nlinks, sizeof *t->links, link_cmp);
	for (i = 0; i < t->nlinks; i = j) {
		for (j = i; j < t->nlinks && t->links[j].ino == t->links[i].ino; j++)
			;
		if ((nlink_t)(j - i) >= t->links[i].nlink)
			t->bytes += t->links[i].bytes;
	}
	free(t->links);
	t->links = NULL;
	t->nlinks = t->linkcap = 0;
}

/*
 * Walks (and with t->del, deletes) the tree under rootfd, by descriptors
 * only: every entry is looked at with fstatat(AT_SYMLINK_NOFOLLOW), every
 * folder opened with O_NOFOLLOW from its parent and checked to be what was
 * looked at, and none on another file system entered. The root itself is
 * left (its parent removes it). Returns 0, or -1 when the walk had to stop
 * (the tree moved under it).
 */
static int
tree_run(struct tree *t, int rootfd)
{
	struct stat	 st, st2;
	struct tlevel	*l, *p;
	const char	*name;
	int		 fd;

	if (fstat(rootfd, &st) == -1) {
		close(rootfd);
		tree_error(t, NULL, "cannot stat", errno);
		return -1;
	}
	t->dev = st.st_dev;
	tree_push(t, rootfd, &st, NULL);
	while (t->depth > 0) {
		l = &t->lv[t->depth - 1];
		if (l->i == l->n) {
			if (t->depth == 1) {
				if (!t->del)
					t->bytes += l->blocks;
				level_free(l);
				t->depth--;
				break;
			}
			p = &t->lv[t->depth - 2];
			if (p->fd == -1) {
				fd = openat(l->fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
				if (fd == -1 || fstat(fd, &st) == -1 ||
				    st.st_dev != p->dev || st.st_ino != p->ino) {
					if (fd != -1)
						close(fd);
					tree_error(t, NULL, "the tree moved while being "
					    "deleted; stopped", 0);
					return -1;
				}
				p->fd = fd;
			}
			if (!t->del)
				t->bytes += l->blocks;
			else if (unlinkat(p->fd, l->name, AT_REMOVEDIR) == 0)
				t->bytes += l->blocks;
			else if (errno != ENOENT)
				tree_error(t, NULL, "cannot remove", errno);
			level_free(l);
			t->depth--;
			continue;
		}
		name = l->names[l->i++];
		if (fstatat(l->fd, name, &st, AT_SYMLINK_NOFOLLOW) == -1) {
			if (errno != ENOENT)
				tree_error(t, name, "cannot stat", errno);
			continue;
		}
		t->files++;
		tree_tick(t);
		/* A mount (of a folder, or a file bound there): left alone. */
		if (st.st_dev != t->dev) {
			if (t->other_fs == NULL)
				t->other_fs = tree_path(t, name);
			tree_error(t, name, "on another file system: left alone", 0);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			fd = openat(l->fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			    O_CLOEXEC);
			if (fd == -1) {
				tree_error(t, name, "cannot open", errno);
				continue;
			}
			if (fstat(fd, &st2) == -1 || st2.st_dev != st.st_dev ||
			    st2.st_ino != st.st_ino) {
				close(fd);
				tree_error(t, name, "changed while being deleted", 0);
				continue;
			}
			tree_push(t, fd, &st2, name);
			continue;
		}
		if (!t->del)
			tree_count(t, &st);
		else if (unlinkat(l->fd, name, 0) == 0) {
			/* Its last link: the blocks are free now. */
			if (st.st_nlink <= 1)
				t->bytes += (int64_t)st.st_blocks * 512;
		} else if (errno != ENOENT)
			tree_error(t, name, "cannot remove", errno);
	}
	return 0;
}

static void
tree_done(struct tree *t)
{
	while (t->depth > 0)
		level_free(&t->lv[--t->depth]);
	free(t->lv);
	free(t->links);
	free(t->err);
	free(t->other_fs);
}

int
rmenv_measure(const char *path, int64_t *size, int64_t *files, char **other_fs)
{
	struct tree	 t;
	int		 fd;

	*size = *files = 0;
	if (other_fs != NULL)
		*other_fs = NULL;
	if ((fd = open_dir(path, O_NOFOLLOW)) == -1)
		return -1;
	memset(&t, 0, sizeof t);
	t.root = path;
	tree_run(&t, fd);
	tree_links_done(&t);
	*size = t.bytes;
	*files = t.files;
	if (other_fs != NULL) {
		*other_fs = t.other_fs;
		t.other_fs = NULL;
	}
	tree_done(&t);
	return 0;
}

/* --- the checks ------------------------------------------------------------------ */

static void
refuse(struct rmenv *r, int *hard, int forceable, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
refuse(struct rmenv *r, int *hard, int forceable, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	strs_add(&r->refused, xvasprintf(fmt, ap));
	va_end(ap);
	if (!forceable)
		(*hard)++;
}

static void
note(struct rmenv *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
note(struct rmenv *r, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	strs_add(&r->notes, xvasprintf(fmt, ap));
	va_end(ap);
}

/* Entries an environment never holds at its root: a project or a repository shares the folder. */
static const char *const foreign[] = {
	".git", ".hg", ".svn", ".bzr", "_darcs", "setup.py", "setup.cfg",
	"pyproject.toml", "src", "Pipfile", "poetry.lock", "requirements.txt",
	"manage.py", "package.json", "Cargo.toml", "go.mod",
};

struct users {
	const char	*path;		/* the folder to delete (real) */
	struct sbuf	 list;
	int		 n;
};

static void
users_add(const char *env, const char *base, void *arg)
{
	struct users	*u = arg;
	char		 real[PATH_MAX];

	if (strcmp(env, u->path) == 0)
		return;
	if (!path_is_under(base, u->path) && (realpath(base, real) == NULL ||
	    !path_is_under(real, u->path)))
		return;
	if (u->n++ < 8)
		sbuf_printf(&u->list, "%s%s", u->n > 1 ? ", " : "", env);
}

/* Whether p (a path a process runs from or has active) is under dir. */
static int
proc_uses(const char *p, const char *dir)
{
	char	real[PATH_MAX];

	if (path_is_under(p, dir))
		return 1;
	return realpath(p, real) != NULL && path_is_under(real, dir);
}

static void
check_in_use(struct rmenv_ctx *c, struct rmenv *r, int *hard)
{
	struct sbuf	 sb = { 0 };
	size_t		 i, j;
	int		 n = 0;

	for (i = 0; i < c->nprocs; i++) {
		for (j = 0; j < c->procs[i].paths.n; j++)
			if (proc_uses(c->procs[i].paths.v[j], r->path))
				break;
		if (j == c->procs[i].paths.n)
			continue;
		if (n++ < 5)
			sbuf_printf(&sb, "%s%ld (%s)", n > 1 ? ", " : "",
			    c->procs[i].pid, c->procs[i].comm != NULL ?
			    c->procs[i].comm : "?");
	}
	if (n > 0)
		refuse(r, hard, 1, "in use by %d running process%s: %s%s",
		    n, n == 1 ? "" : "es", sb.s, n > 5 ? ", ..." : "");
	sbuf_free(&sb);
}

static void
check_mounts(struct rmenv_ctx *c, struct rmenv *r, int *hard)
{
	struct stat	 st;
	char		*parent;
	size_t		 i;

	parent = path_dir(r->path);
	if (stat_dir(parent, &st) == 0 && st.st_dev != r->dev) {
		refuse(r, hard, 0, "a mount point (another file system than its "
		    "parent's)");
		free(parent);
		return;
	}
	free(parent);
	for (i = 0; i < c->mounts.n; i++) {
		if (strcmp(c->mounts.v[i], r->path) == 0) {
			refuse(r, hard, 0, "a mount point (listed in "
			    "/proc/self/mountinfo)");
			return;
		}
	}
	for (i = 0; i < c->mounts.n; i++) {
		if (path_is_under(c->mounts.v[i], r->path)) {
			refuse(r, hard, 0, "holds a mount point: %s", c->mounts.v[i]);
			return;
		}
	}
}

/* The pyenv root, when dir is one of its versions (or an env inside one). */
static char *
pyenv_root_of(const char *dir)
{
	const char	*v = getenv("PYENV_ROOT"), *home = getenv("HOME");
	char		*root, *versions, real[PATH_MAX];

	if (v != NULL && v[0] == '/')
		root = xstrdup(v);
	else if (home != NULL && home[0] == '/')
		root = path_join(home, ".pyenv");
	else
		return NULL;
	versions = path_join(root, "versions");
	if (realpath(versions, real) != NULL && path_is_under(dir, real) &&
	    strcmp(dir, real) != 0) {
		free(versions);
		return root;
	}
	free(versions);
	free(root);
	return NULL;
}

static int
bins_add(const char *name, int type, void *arg)
{
	(void)type;
	strs_add(arg, xstrdup(name));
	return 0;
}

static int
str_is(const char *s, const char *t)
{
	return s != NULL && strcmp(s, t) == 0;
}

int
rmenv_check(struct rmenv_ctx *c, const char *arg, struct rmenv *r)
{
	struct rmenv_priv	*pv;
	struct stat		 st;
	struct users		 u;
	struct env		 e;
	const char		*p;
	char			*resolved = NULL, *un, *err, *root, *other, *bin;
	char			 real[PATH_MAX];
	size_t			 i;
	int			 hard = 0, fd;

	memset(r, 0, sizeof *r);
	r->arg = xstrdup(arg);
	r->privp = pv = xcalloc(1, sizeof *pv);
	if (!c->loaded) {
		procs_load(c);
		mounts_load(c);
		c->loaded = 1;
	}
	if (arg[0] == '\0') {
		refuse(r, &hard, 0, "an empty argument names no environment");
		goto out;
	}
	/* A name from the index, or a path. */
	p = arg;
	if (strchr(arg, '/') == NULL && lstat(arg, &st) == -1) {
		if ((resolved = index_resolve(c->ix, arg, &un, &err)) == NULL) {
			free(un);
			refuse(r, &hard, 0, "%s", err);
			free(err);
			goto out;
		}
		p = resolved;
	}
	if (lstat(p, &st) == -1) {
		r->missing = errno == ENOENT || errno == ENOTDIR;
		refuse(r, &hard, 0, "%s: %s", p, strerror(errno));
		goto out;
	}
	if (S_ISLNK(st.st_mode)) {
		if (realpath(p, real) != NULL)
			r->path = xstrdup(real);
		refuse(r, &hard, 0, "a symbolic link to %s: give that path to delete "
		    "the environment itself (nothing is deleted through a link)",
		    r->path != NULL ? r->path : "nowhere");
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		refuse(r, &hard, 0, "not a folder");
		goto out;
	}
	if (realpath(p, real) == NULL) {
		refuse(r, &hard, 0, "%s: %s", p, strerror(errno));
		goto out;
	}
	r->path = xstrdup(real);
	if (strcmp(real, "/") == 0) {
		refuse(r, &hard, 0, "the root of the file system");
		goto out;
	}
	if (c->home != NULL && strcmp(real, c->home) == 0) {
		refuse(r, &hard, 0, "your home folder ($HOME)");
		goto out;
	}
	if (c->home != NULL && path_is_under(c->home, real)) {
		refuse(r, &hard, 0, "holds your home folder ($HOME)");
		goto out;
	}
	if (strchr(real + 1, '/') == NULL) {
		refuse(r, &hard, 0, "a top-level system folder");
		goto out;
	}
	if (!probe_env(real, &e)) {
		if ((root = probe_find_root(real)) != NULL) {
			refuse(r, &hard, 0, "inside the environment %s, not one itself "
			    "(give %s to delete it)", root, root);
			free(root);
		} else
			refuse(r, &hard, 0, "not a Python environment now (only "
			    "environments are deleted)");
		goto out;
	}
	r->kindnum = (int)e.kind;
	r->kind = env_kind_name(e.kind);
	r->manager = e.manager;
	r->name = e.name != NULL ? xstrdup(e.name) : xstrdup(path_base(real));
	r->python = e.python != NULL ? xstrdup(e.python) : NULL;
	r->project = e.project != NULL ? xstrdup(e.project) : NULL;
	env_free(&e);
	if (lstat(real, &st) == -1) {
		refuse(r, &hard, 0, "%s", strerror(errno));
		goto out;
	}
	r->dev = st.st_dev;
	r->ino = st.st_ino;

	check_mounts(c, r, &hard);
	if ((fd = open_dir(real, O_NOFOLLOW)) != -1) {
		for (i = 0; i < nitems(foreign); i++)
			if (fstatat(fd, foreign[i], &st, AT_SYMLINK_NOFOLLOW) == 0)
				refuse(r, &hard, 0, "holds %s, which an environment "
				    "never holds: a project or repository shares the "
				    "folder", foreign[i]);
		close(fd);
	}
	if (r->kindnum == KIND_INTERPRETER && r->manager == NULL &&
	    (pv->pyenv_root = pyenv_root_of(real)) == NULL)
		refuse(r, &hard, 0, "a system interpreter: remove it with the "
		    "package manager that installed it");

	memset(&u, 0, sizeof u);
	u.path = real;
	query_env_bases(c->ix, users_add, &u);
	if (u.n > 0)
		refuse(r, &hard, 1, "the base interpreter of %d other indexed "
		    "environment%s: %s%s", u.n, u.n == 1 ? "" : "s", u.list.s,
		    u.n > 8 ? ", ..." : "");
	sbuf_free(&u.list);
	check_in_use(c, r, &hard);

	if (rmenv_measure(real, &r->size, &r->files, &other) == -1)
		refuse(r, &hard, 0, "cannot be read: %s", strerror(errno));
	else if (other != NULL) {
		refuse(r, &hard, 0, "holds %s, on another file system", other);
		free(other);
	}

	if (pv->pyenv_root == NULL)
		pv->pyenv_root = pyenv_root_of(real);
	if (pv->pyenv_root != NULL) {
		bin = path_join(real, "bin");
		if ((fd = open_dir(bin, O_NOFOLLOW)) != -1) {
			dir_each(fd, bins_add, &pv->bins);
			close(fd);
		}
		free(bin);
	}
	if (str_is(r->manager, "poetry"))
		note(r, "poetry makes it again on the next 'poetry install' (or run) "
		    "in %s", r->project != NULL ? r->project : "its project");
	else if (str_is(r->manager, "pipenv"))
		note(r, "pipenv makes it again on the next 'pipenv install' in %s",
		    r->project != NULL ? r->project : "its project");
	else if (str_is(r->manager, "hatch"))
		note(r, "hatch makes it again when it is next needed (hatch env create)");
	else if (str_is(r->manager, "pdm"))
		note(r, "pdm makes it again on the next 'pdm install'");
out:
	free(resolved);
	r->forceable = r->refused.n > 0 && hard == 0;
	if (r->forceable && (c->flags & RMENV_FORCE)) {
		for (i = 0; i < r->refused.n; i++)
			note(r, "--force: %s", r->refused.v[i]);
		strs_free(&r->refused);
	}
	r->ok = r->refused.n == 0;
	return r->ok;
}

/* --- after the deletion: what the managers kept about it ---------------------- */

/* Writes text (len bytes) to path through a temporary file beside it. 0, or -1. */
static int
replace_file(const char *path, const char *text, size_t len, mode_t mode)
{
	char	*tmp = xasprintf("%s.venvdex-XXXXXX", path);
	int	 fd, rc = -1;

	if ((fd = mkstemp(tmp)) == -1) {
		free(tmp);
		return -1;
	}
	if (write(fd, text, len) == (ssize_t)len && fchmod(fd, mode) == 0 &&
	    fsync(fd) == 0)
		rc = 0;
	if (close(fd) == -1)
		rc = -1;
	if (rc == 0 && rename(tmp, path) == -1)
		rc = -1;
	if (rc == -1)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* conda's ~/.conda/environments.txt: the lines naming the environment go. */
static void
after_conda(struct rmenv *r, const char *given)
{
	const char	*home = getenv("HOME");
	struct sbuf	 out = { 0 };
	struct stat	 st;
	char		*path, *text, *line, *next, *t;
	size_t		 len, n;
	int		 dropped = 0;

	if (home == NULL || home[0] != '/')
		return;
	path = path_join(home, ".conda/environments.txt");
	if ((text = read_file_at(AT_FDCWD, path, 16 << 20, &len)) == NULL ||
	    stat(path, &st) == -1) {
		free(text);
		free(path);
		return;
	}
	for (line = text; line < text + len; line = next) {
		next = memchr(line, '\n', (size_t)(text + len - line));
		next = next != NULL ? next + 1 : text + len;
		n = (size_t)(next - line);
		t = xstrndup(line, n);
		t[strcspn(t, "\r\n")] = '\0';
		while (strlen(t) > 1 && (t[strlen(t) - 1] == '/' ||
		    t[strlen(t) - 1] == ' ' || t[strlen(t) - 1] == '\t'))
			t[strlen(t) - 1] = '\0';
		if (strcmp(t, r->path) == 0 || (given != NULL && strcmp(t, given) == 0))
			dropped++;
		else
			sbuf_add(&out, line, n);
		free(t);
	}
	if (dropped > 0) {
		if (replace_file(path, out.s != NULL ? out.s : "", out.len,
		    st.st_mode & 07777) == 0)
			note(r, "removed from %s", path);
		else
			note(r, "could not update %s: %s", path, strerror(errno));
	}
	sbuf_free(&out);
	free(text);
	free(path);
}

struct dangling {
	const char	*dir;		/* the folder of links */
	const char	*env, *given;	/* the environment deleted: real path, as given */
	int		 fd;
	struct sbuf	 names;
	int		 n;
};

/* A symlink in d->dir that pointed into the deleted environment and now dangles goes. */
static int
dangling_one(const char *name, int type, void *arg)
{
	struct dangling	*d = arg;
	struct stat	 st;
	char		 target[PATH_MAX], *abs, *j;
	ssize_t		 n;
	int		 inside;

	if (type != DT_LNK && type != DT_UNKNOWN)
		return 0;
	if ((n = readlinkat(d->fd, name, target, sizeof target - 1)) <= 0)
		return 0;
	target[n] = '\0';
	if (target[0] == '/')
		abs = path_absolute(target);
	else {
		j = path_join(d->dir, target);
		abs = path_absolute(j);
		free(j);
	}
	inside = path_is_under(abs, d->env) ||
	    (d->given != NULL && path_is_under(abs, d->given));
	free(abs);
	if (!inside || fstatat(d->fd, name, &st, 0) == 0 || errno != ENOENT)
		return 0;
	if (unlinkat(d->fd, name, 0) == 0) {
		if (d->n++ < 6)
			sbuf_printf(&d->names, "%s%s", d->n > 1 ? ", " : "", name);
	}
	return 0;
}

static void
after_links(struct rmenv *r, const char *dir, const char *given, const char *what)
{
	struct dangling	 d;

	memset(&d, 0, sizeof d);
	d.dir = dir;
	d.env = r->path;
	d.given = given;
	if ((d.fd = open_dir(dir, O_NOFOLLOW)) == -1)
		return;
	dir_each(d.fd, dangling_one, &d);
	close(d.fd);
	if (d.n > 0)
		note(r, "removed %d %s from %s: %s%s", d.n, what, dir, d.names.s,
		    d.n > 6 ? ", ..." : "");
	sbuf_free(&d.names);
}

/* pipx: its links in PIPX_BIN_DIR (~/.local/bin) and its man pages. */
static void
after_pipx(struct rmenv *r, const char *given)
{
	const char	*v = getenv("PIPX_BIN_DIR"), *home = getenv("HOME");
	char		*dir, *sub;
	int		 i;

	if (v != NULL && v[0] == '/')
		dir = xstrdup(v);
	else if (home != NULL && home[0] == '/')
		dir = path_join(home, ".local/bin");
	else
		return;
	after_links(r, dir, given, "dangling links");
	free(dir);
	v = getenv("PIPX_MAN_DIR");
	if (v != NULL && v[0] == '/')
		dir = xstrdup(v);
	else if (home != NULL && home[0] == '/')
		dir = path_join(home, ".local/share/man");
	else
		return;
	for (i = 1; i <= 9; i++) {
		sub = xasprintf("%s/man%d", dir, i);
		after_links(r, sub, given, "dangling man page links");
		free(sub);
	}
	free(dir);
}

struct provided {
	const char	*name;
	int		 versions;	/* the versions/ folder */
	int		 found;
};

/* Whether some version left in versions/ still provides bin/NAME. */
static int
provided_one(const char *version, int type, void *arg)
{
	struct provided	*p = arg;
	struct stat	 st;
	char		*rel;

	(void)type;
	rel = xasprintf("%s/bin/%s", version, p->name);
	p->found = fstatat(p->versions, rel, &st, 0) == 0;
	free(rel);
	return p->found;
}

/*
 * pyenv: as `pyenv uninstall` then `pyenv rehash` leave things: shims for
 * commands no version provides any more go, and so do links in versions/
 * (pyenv-virtualenv's) to what was deleted.
 */
static void
after_pyenv(struct rmenv *r, const char *given)
{
	struct rmenv_priv	*pv = priv(r);
	struct provided		 q;
	struct sbuf		 names = { 0 };
	struct stat		 st;
	char			*versions, *shims;
	size_t			 i;
	int			 sfd, n = 0;

	versions = path_join(pv->pyenv_root, "versions");
	after_links(r, versions, given, "links");
	shims = path_join(pv->pyenv_root, "shims");
	q.versions = open_dir(versions, 0);
	sfd = open_dir(shims, O_NOFOLLOW);
	for (i = 0; q.versions != -1 && sfd != -1 && i < pv->bins.n; i++) {
		if (fstatat(sfd, pv->bins.v[i], &st, AT_SYMLINK_NOFOLLOW) == -1 ||
		    !S_ISREG(st.st_mode))
			continue;
		q.name = pv->bins.v[i];
		q.found = 0;
		dir_each(q.versions, provided_one, &q);
		if (q.found)
			continue;
		if (unlinkat(sfd, pv->bins.v[i], 0) == 0 && n++ < 6)
			sbuf_printf(&names, "%s%s", n > 1 ? ", " : "", pv->bins.v[i]);
	}
	if (n > 0)
		note(r, "removed %d pyenv shim%s no version provides now: %s%s", n,
		    n == 1 ? "" : "s", names.s, n > 6 ? ", ..." : "");
	if (q.versions != -1)
		close(q.versions);
	if (sfd != -1)
		close(sfd);
	sbuf_free(&names);
	free(shims);
	free(versions);
}

/* --- the deletion ------------------------------------------------------------------ */

int
rmenv_delete(struct rmenv_ctx *c, struct rmenv *r, rmenv_progress_fn *progress,
    void *arg)
{
	struct rmenv_priv	*pv = priv(r);
	struct tree		 t;
	struct stat		 st;
	char			*parent, *given, **paths, real[PATH_MAX];
	const char		*base;
	size_t			 n, i;
	int			 pfd, fd, rc = -1;

	if (!r->ok || r->path == NULL)
		return -1;
	given = path_absolute(r->arg);
	/* What the index keeps of it: its last package set, read now. */
	paths = index_env_paths(c->ix, &n);
	for (i = 0; i < n; i++) {
		if (path_is_under(paths[i], r->path) || (realpath(paths[i], real) !=
		    NULL && path_is_under(real, r->path)))
			strs_add(&pv->indexed, xstrdup(paths[i]));
		free(paths[i]);
	}
	free(paths);
	if (index_readonly(c->ix) == NULL) {
		for (i = 0; i < pv->indexed.n; i++)
			if (strcmp(pv->indexed.v[i], r->path) == 0 ||
			    strcmp(pv->indexed.v[i], given) == 0)
				break;
		if (i == pv->indexed.n) {
			if (scan_one(c->ix, r->path) == 0)
				strs_add(&pv->indexed, xstrdup(r->path));
		} else
			scan_one(c->ix, pv->indexed.v[i]);
	}

	parent = path_dir(r->path);
	base = path_base(r->path);
	if ((pfd = open_dir(parent, 0)) == -1) {
		r->error = xasprintf("%s: %s", parent, strerror(errno));
		free(parent);
		free(given);
		return -1;
	}
	fd = openat(pfd, base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1 || fstat(fd, &st) == -1 || st.st_dev != r->dev ||
	    st.st_ino != r->ino) {
		r->error = xasprintf("%s changed since it was checked; not deleted",
		    r->path);
		if (fd != -1)
			close(fd);
		goto out;
	}
	memset(&t, 0, sizeof t);
	t.del = 1;
	t.root = r->path;
	t.total_files = r->files;
	t.progress = progress;
	t.arg = arg;
	clock_gettime(CLOCK_MONOTONIC, &t.last);
	tree_run(&t, fd);
	if (fstatat(pfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    st.st_dev == r->dev && st.st_ino == r->ino) {
		if (unlinkat(pfd, base, AT_REMOVEDIR) == 0)
			t.bytes += (int64_t)st.st_blocks * 512;
		else if (t.err == NULL)
			t.err = xasprintf("%s: cannot remove: %s", r->path,
			    strerror(errno));
	}
	r->freed = t.bytes;
	r->removed = fstatat(pfd, base, &st, AT_SYMLINK_NOFOLLOW) == -1 &&
	    errno == ENOENT;
	if (!r->removed)
		r->error = t.err != NULL ? xasprintf("%s (%d error%s)", t.err,
		    t.nerr, t.nerr == 1 ? "" : "s") : xstrdup("not removed");
	tree_done(&t);
	if (r->removed) {
		rc = 0;
		after_conda(r, given);
		if (str_is(r->manager, "pipx"))
			after_pipx(r, given);
		if (pv->pyenv_root != NULL)
			after_pyenv(r, given);
		if (index_readonly(c->ix) == NULL)
			for (i = 0; i < pv->indexed.n; i++)
				index_mark_gone(c->ix, pv->indexed.v[i],
				    (int64_t)time(NULL));
	}
out:
	close(pfd);
	free(parent);
	free(given);
	return rc;
}
