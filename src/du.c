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
#include "walk.h"

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

int64_t
du_tree(const char *path, const char *skip, int64_t *files)
{
	struct inoset	 seen = { 0 };
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		**stack = NULL, *dir, *child;
	size_t		 n = 0, cap = 0;
	int64_t		 total = 0, count = 0;
	dev_t		 dev;
	int		 fd;

	if ((fd = open_dir(path, O_NOFOLLOW)) == -1)
		return 0;
	if (fstat(fd, &st) == -1 || !S_ISDIR(st.st_mode)) {
		close(fd);
		return 0;
	}
	close(fd);
	dev = st.st_dev;
	total += (int64_t)st.st_blocks * 512;
	stack = xmalloc(sizeof *stack);
	stack[n++] = xstrdup(path);
	cap = 1;
	while (n > 0) {
		dir = stack[--n];
		if ((fd = walk_open_dir(dir)) == -1 || (d = fdopendir(fd)) == NULL) {
			if (fd != -1)
				close(fd);
			free(dir);
			continue;
		}
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.' && (de->d_name[1] == '\0' ||
			    (de->d_name[1] == '.' && de->d_name[2] == '\0')))
				continue;
			if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1)
				continue;
			count++;
			if (st.st_dev != dev)
				continue;
			if (S_ISDIR(st.st_mode)) {
				if (skip != NULL && strcmp(de->d_name, skip) == 0 &&
				    strcmp(dir, path) == 0)
					continue;
				total += (int64_t)st.st_blocks * 512;
				child = path_join(dir, de->d_name);
				if (n == cap) {
					cap *= 2;
					stack = xrealloc(stack, cap * sizeof *stack);
				}
				stack[n++] = child;
				continue;
			}
			if (st.st_nlink > 1 && !inoset_add(&seen, (uint64_t)st.st_ino))
				continue;
			total += (int64_t)st.st_blocks * 512;
		}
		closedir(d);
		free(dir);
	}
	free(stack);
	free(seen.v);
	if (files != NULL)
		*files = count;
	return total;
}
