/* du: disk usage of a tree, counting allocated blocks and hard links once. */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "du.h"
#include "util.h"

#define DU_FD_DEPTH	64	/* deeper than this, folders are opened by path */
#define DU_MAX_DEPTH	100000	/* a tree deeper than this is not followed further */

/* A set of inode numbers, for files with more than one link. */
struct inoset {
	uint64_t	*v;
	size_t		 n, cap;	/* cap is a power of two; 0 marks a free slot */
};

static int
inoset_add(struct inoset *s, uint64_t ino)
{
	size_t	 i, mask;

	if (ino == 0)
		ino = ~(uint64_t)0;
	if (s->n * 2 >= s->cap) {
		struct inoset	 t = { 0 };

		t.cap = s->cap ? s->cap * 2 : 256;
		t.v = xcalloc(t.cap, sizeof *t.v);
		for (i = 0; i < s->cap; i++)
			if (s->v[i] != 0)
				inoset_add(&t, s->v[i]);
		free(s->v);
		*s = t;
	}
	mask = s->cap - 1;
	for (i = (size_t)(ino * 0x9e3779b97f4a7c15ULL) & mask; s->v[i] != 0;
	    i = (i + 1) & mask)
		if (s->v[i] == ino)
			return 0;
	s->v[i] = ino;
	s->n++;
	return 1;
}

struct du {
	struct inoset	 seen;
	dev_t		 dev;
	int64_t		 total, files;
	const char	*skip;
};

/* One folder being read: its fd, and the subfolders found in it. */
struct du_dir {
	struct du	*du;
	int		 fd;
	int		 top;
	struct sbuf	 subs;		/* NUL-separated names */
};

static int
du_entry(const char *name, int type, void *arg)
{
	struct du_dir	*dd = arg;
	struct du	*du = dd->du;
	struct stat	 st;

	(void)type;
	if (fstatat(dd->fd, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
		return 0;
	du->files++;
	if (st.st_dev != du->dev)
		return 0;
	if (S_ISDIR(st.st_mode)) {
		if (dd->top && du->skip != NULL && strcmp(name, du->skip) == 0)
			return 0;
		du->total += (int64_t)st.st_blocks * 512;
		sbuf_add(&dd->subs, name, strlen(name) + 1);
		return 0;
	}
	if (st.st_nlink > 1 && !inoset_add(&du->seen, (uint64_t)st.st_ino))
		return 0;
	du->total += (int64_t)st.st_blocks * 512;
	return 0;
}

/* A folder on the way down: the subfolders still to visit. */
struct du_level {
	struct sbuf	 subs;
	size_t		 next;		/* offset of the next name in subs */
	dev_t		 dev;
	ino_t		 ino;
	int		 fd;		/* -1 once deeper than DU_FD_DEPTH */
};

/*
 * Sizes the tree under the folder open at fd, depth first, without
 * recursion or paths: each folder is opened relative to its parent, and
 * below DU_FD_DEPTH only the current one is held open, the way back up
 * being "..", checked against the inode seen on the way down. So a chain of
 * n folders costs O(n) in time and memory (full paths made it O(n^2)).
 */
static void
du_walk(struct du *du, int fd)
{
	struct du_level	*lv = NULL, *l;
	struct stat	 st;
	struct du_dir	 dd;
	size_t		 n = 0, cap = 0;
	const char	*name;
	int		 cur = fd, cfd, up;

	for (;;) {
		/* Read the folder open at cur, at depth n. */
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			lv = xrealloc(lv, cap * sizeof *lv);
		}
		l = &lv[n++];
		memset(l, 0, sizeof *l);
		memset(&dd, 0, sizeof dd);
		dd.du = du;
		dd.fd = cur;
		dd.top = n == 1;
		dir_each(cur, du_entry, &dd);
		l->subs = dd.subs;
		l->fd = cur;
		if (fstat(cur, &st) == 0) {
			l->dev = st.st_dev;
			l->ino = st.st_ino;
		}

		/* The next folder down, going up as each level runs out. */
		for (;;) {
			l = &lv[n - 1];
			if (n <= DU_MAX_DEPTH && l->next < l->subs.len) {
				name = l->subs.s + l->next;
				l->next += strlen(name) + 1;
				cfd = openat(cur, name, O_RDONLY | O_DIRECTORY |
				    O_NOFOLLOW | O_CLOEXEC);
				if (cfd == -1)
					continue;
				if (n > DU_FD_DEPTH) {
					/* Deep: hold no folder but the current one. */
					close(cur);
					l->fd = -1;
				}
				cur = cfd;
				break;
			}
			/* This level is done: back to its parent. */
			sbuf_free(&l->subs);
			if (--n == 0) {
				close(cur);
				free(lv);
				return;
			}
			if (lv[n - 1].fd != -1) {
				close(cur);
				cur = lv[n - 1].fd;
				continue;
			}
			up = openat(cur, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			close(cur);
			cur = up;
			if (up == -1 || fstat(up, &st) == -1 ||
			    st.st_dev != lv[n - 1].dev || st.st_ino != lv[n - 1].ino) {
				/* Moved while walked: give up below the held folders. */
				if (up != -1)
					close(up);
				while (n > 0 && lv[n - 1].fd == -1)
					sbuf_free(&lv[--n].subs);
				if (n == 0) {
					free(lv);
					return;
				}
				cur = lv[n - 1].fd;
			} else
				lv[n - 1].fd = cur;
		}
	}
}

int64_t
du_tree(const char *path, const char *skip, int64_t *files)
{
	struct du	 du = { { 0 }, 0, 0, 0, skip };
	struct stat	 st;
	int		 fd;

	if ((fd = open_dir(path, O_NOFOLLOW)) == -1)
		return 0;
	if (fstat(fd, &st) == -1 || !S_ISDIR(st.st_mode)) {
		close(fd);
		return 0;
	}
	du.dev = st.st_dev;
	du.total = (int64_t)st.st_blocks * 512;
	du_walk(&du, fd);
	free(du.seen.v);
	if (files != NULL)
		*files = du.files;
	return du.total;
}
