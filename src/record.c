/* record: the RECORD file of a dist-info folder (CSV: path,hash,size). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record.h"
#include "util.h"

#define RECORD_HASH_MAX	256	/* longer hash fields are cut: still a digest */
#define RECORD_PATH_MAX	4096	/* longer paths are cut: no file has one */

enum record_state {
	RECORD_START,		/* at the start of a field */
	RECORD_FIELD,		/* in an unquoted field */
	RECORD_QUOTED,		/* in a quoted field */
	RECORD_QUOTE,		/* a quote seen in a quoted field */
};

struct record_row {
	struct sbuf	 path;		/* field 0, when wanted */
	struct sbuf	 hash;		/* field 1, when wanted */
	char		 size[24];	/* field 2, as far as it is a size */
	size_t		 sizelen;
	int		 sizebad;
	unsigned	 field;
};

static void
record_add(struct record_row *row, int want_path, char c)
{
	if (row->field == 0 && want_path) {
		/* A huge garbage "row" must not grow without end (hostile.sh). */
		if (row->path.len < RECORD_PATH_MAX)
			sbuf_addc(&row->path, c);
	}
	else if (row->field == 1 && want_path > 1) {
		if (row->hash.len < RECORD_HASH_MAX)
			sbuf_addc(&row->hash, c);
	} else if (row->field == 2 && !row->sizebad) {
		if (row->sizelen == sizeof row->size)
			row->sizebad = 1;
		else
			row->size[row->sizelen++] = c;
	}
}

/* The size field as a byte count, or 0 if it is not a plain decimal number. */
static int64_t
record_size_value(const struct record_row *row)
{
	const char	*p = row->size, *e = row->size + row->sizelen;
	int64_t		 v = 0;
	int		 d;

	if (row->sizebad)
		return 0;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (p == e)
		return 0;
	for (; p < e; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		d = *p - '0';
		if (v > (INT64_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	return v;
}

/* The scan of one RECORD, fed in pieces of any size. */
struct record_scan {
	struct record_row	 row;
	enum record_state	 st;
	int			 inrow;
	int64_t			 total, n;
	void			(*fn)(const char *, size_t, void *);
	void			*arg;
	struct record_info	*info;		/* the digest, when wanted */
	uint64_t		 sum, nsum;
};

/* 64-bit FNV-1a of len bytes, continuing from h. */
static uint64_t
record_fnv(uint64_t h, const char *p, size_t len)
{
	while (len-- > 0) {
		h ^= (unsigned char)*p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* splitmix64's finaliser: spreads every bit of x over the result. */
uint64_t
record_mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/*
 * Whether a row's path names what the wheel installed into the site folder
 * itself, the same in every copy: not a script or header outside it
 * (their shebangs name the environment), nor what the installer writes
 * beside the metadata.
 */
static int
record_content(const char *path, size_t len)
{
	static const char *const installer[] = {
		"INSTALLER", "REQUESTED", "RECORD", "direct_url.json",
		"uv_cache.json", "uv_build.json",
	};
	const char	*slash;
	size_t		 i;

	if (len == 0 || path[0] == '/' || strncmp(path, "../", 3) == 0 ||
	    strstr(path, "/../") != NULL)
		return 0;
	if ((slash = strchr(path, '/')) == NULL || slash - path < 10 ||
	    strncmp(slash - 10, ".dist-info", 10) != 0)
		return 1;
	for (i = 0; i < nitems(installer); i++)
		if (strcmp(slash + 1, installer[i]) == 0)
			return 0;
	return 1;
}

/* A row with a hash: adds it to the digest, and keeps the largest file. */
static void
record_scan_digest(struct record_scan *rs, int64_t size)
{
	struct record_row	*row = &rs->row;
	struct record_info	*ri = rs->info;
	uint64_t		 h;

	if (row->hash.len == 0 || row->path.len == 0 || row->path.len >= 4096)
		return;
	if (!record_content(row->path.s, row->path.len))
		return;
	h = record_fnv(0xcbf29ce484222325ULL, row->path.s, row->path.len + 1);
	h = record_fnv(h, row->hash.s, row->hash.len);
	/* A sum: the same rows in any order give the same digest. */
	rs->sum += record_mix(h);
	rs->nsum++;
	if (ri->big == NULL || size > ri->bigsize ||
	    (size == ri->bigsize && strcmp(row->path.s, ri->big) < 0)) {
		free(ri->big);
		ri->big = xstrndup(row->path.s, row->path.len);
		ri->bigsize = size;
	}
}

static void
record_scan_init(struct record_scan *rs,
    void (*fn)(const char *, size_t, void *), void *arg)
{
	memset(rs, 0, sizeof *rs);
	rs->st = RECORD_START;
	rs->fn = fn;
	rs->arg = arg;
}

/* A row is over: count it (an empty line is not a row). */
static void
record_scan_row(struct record_scan *rs)
{
	struct record_row	*row = &rs->row;
	int64_t			 v;

	if (rs->inrow) {
		rs->n++;
		v = record_size_value(row);
		rs->total = rs->total > INT64_MAX - v ? INT64_MAX : rs->total + v;
		if (rs->info != NULL)
			record_scan_digest(rs, v);
		if (rs->fn != NULL && row->path.len > 0)
			rs->fn(row->path.s, row->path.len, rs->arg);
	}
	row->path.len = 0;
	row->hash.len = 0;
	row->sizelen = 0;
	row->sizebad = 0;
	row->field = 0;
	rs->st = RECORD_START;
	rs->inrow = 0;
}

/*
 * Scans the next len bytes. A CRLF split between two pieces reads as CR
 * then an empty line: the same rows.
 */
static void
record_scan_feed(struct record_scan *rs, const char *buf, size_t len)
{
	struct record_row	*row = &rs->row;
	const char		*p = buf, *end = buf + len;
	int			 want = rs->info != NULL ? 2 : rs->fn != NULL;
	char			 c;

	while (p < end) {
		c = *p++;
		if (rs->st == RECORD_QUOTED || (c != '\n' && c != '\r'))
			rs->inrow = 1;
		switch (rs->st) {
		case RECORD_START:
		case RECORD_FIELD:
		case RECORD_QUOTE:
			if (c == '"' && rs->st == RECORD_START)
				rs->st = RECORD_QUOTED;
			else if (c == '"' && rs->st == RECORD_QUOTE) {
				record_add(row, want, c);
				rs->st = RECORD_QUOTED;
			} else if (c == ',') {
				row->field++;
				rs->st = RECORD_START;
			} else if (c == '\n' || c == '\r') {
				if (c == '\r' && p < end && *p == '\n')
					p++;
				record_scan_row(rs);
			} else {
				record_add(row, want, c);
				rs->st = RECORD_FIELD;
			}
			break;
		case RECORD_QUOTED:
			if (c == '"')
				rs->st = RECORD_QUOTE;
			else
				record_add(row, want, c);
			break;
		}
	}
}

/* Ends the scan (a last row without its line end counts); returns the total. */
static int64_t
record_scan_end(struct record_scan *rs, int64_t *files)
{
	record_scan_row(rs);
	sbuf_free(&rs->row.path);
	sbuf_free(&rs->row.hash);
	if (rs->info != NULL && rs->nsum > 0)
		rs->info->digest = record_mix(rs->sum ^ record_mix(rs->nsum)) | 1;
	if (files != NULL)
		*files = rs->n;
	return rs->total;
}

int64_t
record_size(const char *buf, size_t len, int64_t *files)
{
	struct record_scan	rs;

	record_scan_init(&rs, NULL, NULL);
	record_scan_feed(&rs, buf, len);
	return record_scan_end(&rs, files);
}

void
record_digest(const char *buf, size_t len, struct record_info *ri)
{
	struct record_scan	rs;

	memset(ri, 0, sizeof *ri);
	record_scan_init(&rs, NULL, NULL);
	rs.info = ri;
	record_scan_feed(&rs, buf, len);
	ri->size = record_scan_end(&rs, &ri->files);
}

static int64_t
record_read_at(int dirfd, const char *path, size_t max, int64_t *files,
    struct record_info *ri)
{
	struct record_scan	 rs;
	char			 buf[65536];
	size_t			 total = 0;
	ssize_t			 r;
	int			 fd;

	if ((fd = open_file_at(dirfd, path, NULL)) == -1)
		return -1;
	record_scan_init(&rs, NULL, NULL);
	rs.info = ri;
	for (;;) {
		r = read(fd, buf, sizeof buf);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0 || (total += (size_t)r) > max)
			break;
		record_scan_feed(&rs, buf, (size_t)r);
	}
	close(fd);
	if (r != 0) {
		/* A read error, or longer than max: the sum would be a guess. */
		rs.info = NULL;
		record_scan_end(&rs, NULL);
		if (ri != NULL) {
			free(ri->big);
			memset(ri, 0, sizeof *ri);
		}
		return -1;
	}
	return record_scan_end(&rs, files);
}

int64_t
record_size_at(int dirfd, const char *path, size_t max, int64_t *files)
{
	return record_read_at(dirfd, path, max, files, NULL);
}

int
record_digest_at(int dirfd, const char *path, size_t max,
    struct record_info *ri)
{
	memset(ri, 0, sizeof *ri);
	ri->size = record_read_at(dirfd, path, max, &ri->files, ri);
	return ri->size == -1 ? -1 : 0;
}

void
record_paths(const char *buf, size_t len,
    void (*fn)(const char *, size_t, void *), void *arg)
{
	struct record_scan	rs;

	record_scan_init(&rs, fn, arg);
	record_scan_feed(&rs, buf, len);
	record_scan_end(&rs, NULL);
}

struct record_find {
	const char	*norm;
	char		*name;		/* the dist-info folder found */
};

static int
record_match(const char *name, int type, void *arg)
{
	struct record_find	*f = arg;
	char			 want[256], *base, *dash;
	size_t			 n = strlen(name);

	(void)type;
	if (n < 11 || strcmp(name + n - 10, ".dist-info") != 0)
		return 0;
	base = xstrndup(name, n - 10);
	if ((dash = strchr(base, '-')) != NULL)
		*dash = '\0';
	name_normalize(base, want, sizeof want);
	free(base);
	if (strcmp(want, f->norm) != 0)
		return 0;
	f->name = xstrdup(name);
	return 1;
}

int
record_paths_of(const char *location, const char *norm, size_t max,
    void (*fn)(const char *, size_t, void *), void *arg)
{
	struct record_find	 f = { norm, NULL };
	char			*path, *buf;
	size_t			 len;
	int			 fd;

	if ((fd = open_dir(location, 0)) == -1)
		return -1;
	dir_each(fd, record_match, &f);
	close(fd);
	if (f.name == NULL)
		return -1;
	path = xasprintf("%s/%s/RECORD", location, f.name);
	free(f.name);
	buf = read_file_at(AT_FDCWD, path, max, &len);
	free(path);
	if (buf == NULL)
		return -1;
	record_paths(buf, len, fn, arg);
	free(buf);
	return 0;
}
