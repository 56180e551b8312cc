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

/* Sizes the folder open at fd (named path), then its subfolders; closes fd. */
static void
du_walk(struct du *du, int fd, const char *path, int depth)
{
	struct du_dir	 dd = { du, fd, depth == 0, { 0 } };
	const char	*name;
	char		*child;
	int		 cfd;

	dir_each(fd, du_entry, &dd);
	if (depth >= DU_FD_DEPTH) {
		/* Deep: hold no folder open while descending. */
		close(fd);
		fd = -1;
	}
	for (name = dd.subs.s; depth < DU_MAX_DEPTH && name != NULL && name < dd.subs.s + dd.subs.len;
	    name += strlen(name) + 1) {
		child = path_join(path, name);
		if (depth < DU_FD_DEPTH)
			cfd = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			    O_CLOEXEC);
		else
			cfd = open_dir(child, O_NOFOLLOW);
		if (cfd != -1)
			du_walk(du, cfd, child, depth + 1);
		free(child);
	}
	sbuf_free(&dd.subs);
	if (fd != -1)
		close(fd);
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
	du_walk(&du, fd, path, 0);
	free(du.seen.v);
	if (files != NULL)
		*files = du.files;
	return du.total;
}
