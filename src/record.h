/* record: the RECORD file of a dist-info folder (CSV: path,hash,size). */
#ifndef VENVDEX_RECORD_H
#define VENVDEX_RECORD_H

#include <stddef.h>
#include <stdint.h>

/*
 * Sums the size column of every row in buf (len bytes). Rows use CSV quoting
 * as Python's csv module writes it ("a,b" and doubled quotes), end in LF or
 * CRLF; rows without a size, or with a size that is not a decimal number,
 * add nothing. *files gets the number of rows. Returns the total in bytes.
 */
int64_t	 record_size(const char *buf, size_t len, int64_t *files);
/*
 * record_size() of the file at dirfd/path, read in pieces: a RECORD may be
 * huge. Returns -1 when it cannot be read or holds more than max bytes.
 */
int64_t	 record_size_at(int dirfd, const char *path, size_t max, int64_t *files);

/*
 * What RECORD says of a distribution's content, to find its copies in other
 * environments. digest sums a hash of each row's path and hash, so rows in
 * any order give the same digest; rows without a hash, and files outside the
 * site folder or written by the installer (INSTALLER, REQUESTED, RECORD,
 * direct_url.json), count for nothing. 0: no row counted.
 */
struct record_info {
	int64_t		 size;		/* record_size() */
	int64_t		 files;
	uint64_t	 digest;
	char		*big;		/* the largest file counted (allocated; may be NULL) */
	int64_t		 bigsize;	/* its size in RECORD */
};

void	 record_digest(const char *buf, size_t len, struct record_info *);
/* record_digest() of a file read in pieces, as record_size_at(); -1 if unread. */
int	 record_digest_at(int dirfd, const char *path, size_t max,
	    struct record_info *);
/* A 64-bit mixing function (splitmix64's finaliser), for identities made of numbers. */
uint64_t record_mix(uint64_t);

/*
 * Calls fn(path, pathlen, arg) for the first field of each row, unquoted
 * into a temporary buffer (valid only during the call).
 */
void	 record_paths(const char *buf, size_t len,
	    void (*fn)(const char *, size_t, void *), void *arg);

/*
 * record_paths() of the RECORD in the dist-info folder of the distribution
 * named norm (PEP 503) inside the folder location, read up to max bytes.
 * Returns 0, or -1 when there is no such RECORD or it cannot be read.
 */
int	 record_paths_of(const char *location, const char *norm, size_t max,
	    void (*fn)(const char *, size_t, void *), void *arg);

#endif
