/* fs: reading files and folders safely, at any path length. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs.h"
#include "util.h"

int
open_file_at(int dirfd, const char *path, struct stat *st)
{
	struct stat	 sb;
	int		 fd, saved;

	if (st == NULL)
		st = &sb;
	fd = openat(dirfd, path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd == -1)
		return -1;
	if (fstat(fd, st) == -1 || !S_ISREG(st->st_mode)) {
		saved = errno;
		if (saved == 0 || fstat(fd, st) == 0)
			saved = EINVAL;	/* not a regular file */
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

char *
read_file_at(int dirfd, const char *path, size_t max, size_t *len)
{
	struct stat	 st;
	char		*buf;
	size_t		 cap, n = 0;
	ssize_t		 r;
	int		 fd;

	if ((fd = open_file_at(dirfd, path, &st)) == -1)
		return NULL;
	cap = (size_t)st.st_size < max ? (size_t)st.st_size : max;
	buf = xmalloc(cap + 1);
	while (n < cap) {
		r = read(fd, buf + n, cap - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}

int
open_dir(const char *path, int extra)
{
	const int	 flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | extra;
	const char	*p, *cut;
	char		*chunk;
	int		 fd, next;

	if (strlen(path) < PATH_MAX)
		return open(path, flags);
	/* Too long for one call: descend in pieces shorter than PATH_MAX. */
	fd = AT_FDCWD;
	for (p = path; *p != '\0'; p = cut) {
		cut = p + strlen(p);
		if ((size_t)(cut - p) >= PATH_MAX - 1) {
			cut = p + PATH_MAX - 2;
			while (cut > p && *cut != '/')
				cut--;
			if (cut == p) {
				if (fd != AT_FDCWD)
					close(fd);
				errno = ENAMETOOLONG;
				return -1;
			}
		}
		chunk = xstrndup(p, (size_t)(cut - p));
		next = openat(fd, chunk[0] == '\0' ? "/" : chunk, flags);
		free(chunk);
		if (fd != AT_FDCWD)
			close(fd);
		if (next == -1)
			return -1;
		fd = next;
		while (*cut == '/')
			cut++;
	}
	return fd;
}

#ifdef HAVE_GETDENTS64
struct dirent64_raw {
	uint64_t	d_ino;
	int64_t		d_off;
	unsigned short	d_reclen;
	unsigned char	d_type;
	char		d_name[];
};

int
dir_each(int fd, int (*fn)(const char *, int, void *), void *arg)
{
	/* One system call per 32 KiB of entries; no DIR, no fcntl. */
	char		 buf[32768] __attribute__((aligned(8)));
	ssize_t		 n, off;

	for (;;) {
		if ((n = getdents64(fd, buf, sizeof buf)) <= 0)
			return n == 0 ? 0 : -1;
		for (off = 0; off < n;) {
			struct dirent64_raw *d = (struct dirent64_raw *)(buf + off);

			off += d->d_reclen;
			if (d->d_name[0] == '.' && (d->d_name[1] == '\0' ||
			    (d->d_name[1] == '.' && d->d_name[2] == '\0')))
				continue;
			if (fn(d->d_name, d->d_type, arg) != 0)
				return 0;
		}
	}
}
#else
int
dir_each(int fd, int (*fn)(const char *, int, void *), void *arg)
{
	struct dirent	*de;
	DIR		*d;
	int		 dfd, rc = 0;

	if ((dfd = dup(fd)) == -1 || (d = fdopendir(dfd)) == NULL) {
		if (dfd != -1)
			close(dfd);
		return -1;
	}
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL) {
			rc = errno != 0 ? -1 : 0;
			break;
		}
		if (de->d_name[0] == '.' && (de->d_name[1] == '\0' ||
		    (de->d_name[1] == '.' && de->d_name[2] == '\0')))
			continue;
		if (fn(de->d_name, de->d_type, arg) != 0)
			break;
	}
	closedir(d);
	return rc;
}
#endif

int
stat_dir(const char *path, struct stat *st)
{
	int	fd, rc;

	if (strlen(path) < PATH_MAX)
		return stat(path, st);
	if ((fd = open_dir(path, 0)) == -1)
		return -1;
	rc = fstat(fd, st);
	close(fd);
	return rc;
}

int
fs_is_dir(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
fs_is_file(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
fs_is_exec(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int
fs_mkdirs(const char *dir, int mode)
{
	char	*parent;
	int	 rc;

	if (mkdir(dir, (mode_t)mode) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return -1;
	parent = path_dir(dir);
	rc = strcmp(parent, dir) != 0 ? fs_mkdirs(parent, mode) : -1;
	free(parent);
	if (rc == 0 && mkdir(dir, (mode_t)mode) == -1 && errno != EEXIST)
		rc = -1;
	return rc;
}
