/* fs: reading files and folders safely, at any path length. */
#ifndef VENVDEX_FS_H
#define VENVDEX_FS_H

#include <stddef.h>
#include <sys/stat.h>

/*
 * Reads at most max bytes of the file at dirfd/path (dirfd may be AT_FDCWD)
 * into a NUL-terminated buffer the caller frees; *len gets the byte count.
 * Never follows a final symlink out of nowhere: it opens with O_NONBLOCK and
 * refuses anything but a regular file. Returns NULL (errno set) on failure.
 */
char	*read_file_at(int dirfd, const char *path, size_t max, size_t *len);
/*
 * Opens the regular file at dirfd/path for reading as read_file_at() does,
 * filling *st (may be NULL). Returns the descriptor, or -1 (errno set).
 */
int	 open_file_at(int dirfd, const char *path, struct stat *st);

/*
 * Opens the folder at path (O_RDONLY | O_DIRECTORY | O_CLOEXEC | extra),
 * even when path is longer than PATH_MAX: then it descends in pieces.
 */
int	 open_dir(const char *path, int extra_flags);
/*
 * Calls fn(name, type, arg) for each entry of the open folder fd but "."
 * and ".." (type: a DT_* value, DT_UNKNOWN when the filesystem does not
 * say). Stops early when fn returns non-zero. Returns 0, or -1 (errno) when
 * the folder could not be read. fd stays open.
 */
int	 dir_each(int fd, int (*fn)(const char *name, int type, void *arg), void *arg);
/* stat(2) for a folder path of any length (fstat of open_dir). */
int	 stat_dir(const char *path, struct stat *);

/* stat(2) follows links: a folder; a regular file; one this user may execute. */
int	 fs_is_dir(const char *path);
int	 fs_is_file(const char *path);
int	 fs_is_exec(const char *path);
/* mkdir -p with mode: 0, or -1 with errno. */
int	 fs_mkdirs(const char *dir, int mode);

#endif
