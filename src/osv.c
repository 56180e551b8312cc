/* osv: OSV advisories, from a zip export or a folder, into the index. */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


#include "fs.h"
#include "index.h"
#include "lazy.h"
#include "osv.h"
#include "path.h"
#include "query.h"
#include "sha256.h"
#include "str.h"
#include "util.h"

#define OSV_RECORD_MAX	((size_t)16 << 20)	/* bytes: a bigger one is skipped */
#define OSV_DEPTH_MAX	8			/* folders below the one given */

char *
osv_cache_path(void)
{
	const char	*x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/venvdex/osv-PyPI.zip", x);
	return xasprintf("%s/.cache/venvdex/osv-PyPI.zip",
	    home != NULL && home[0] == '/' ? home : "/tmp");
}

static int64_t
mtime_ns(const struct stat *sb)
{
	return (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
}

static char *
hex(const uint8_t d[32])
{
	char	*s = xmalloc(65);
	int	 i;

	for (i = 0; i < 32; i++)
		snprintf(s + 2 * i, 3, "%02x", d[i]);
	return s;
}

/* --- a folder of records ------------------------------------------------------ */

struct osv_file {
	char	*path;
	int64_t	 size, mtime;
};

struct osv_dir {
	struct osv_file	*v;
	size_t		 n, cap;
	int64_t		 bad;
};

static void
dir_collect(struct osv_dir *d, const char *dir, int depth)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*dp;
	char		*p;

	if ((dp = opendir(dir)) == NULL) {
		d->bad++;
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		p = path_join(dir, de->d_name);
		if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (depth < OSV_DEPTH_MAX)
				dir_collect(d, p, depth + 1);
		} else if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    str_iends(de->d_name, ".json")) {
			if (d->n == d->cap)
				d->v = xrealloc(d->v, (d->cap = d->cap * 2 + 64) *
				    sizeof *d->v);
			d->v[d->n].path = p;
			d->v[d->n].size = (int64_t)sb.st_size;
			d->v[d->n++].mtime = mtime_ns(&sb);
			continue;
		}
		free(p);
	}
	closedir(dp);
}

static int
file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct osv_file *)a)->path,
	    ((const struct osv_file *)b)->path);
}

/* The folder's identity: total size, newest mtime, hash of names, sizes, mtimes. */
static void
dir_identity(struct osv_dir *d, const struct stat *dsb,
    struct index_osv_source *src)
{
	struct sbuf	sb = { 0 };
	uint8_t		h[32];
	size_t		i;

	xqsort(d->v, d->n, sizeof *d->v, file_cmp);
	src->size = 0;
	src->mtime = mtime_ns(dsb);
	for (i = 0; i < d->n; i++) {
		src->size += d->v[i].size;
		if (d->v[i].mtime > src->mtime)
			src->mtime = d->v[i].mtime;
		sbuf_printf(&sb, "%s\n%lld %lld\n", d->v[i].path,
		    (long long)d->v[i].size, (long long)d->v[i].mtime);
	}
	sbuf_addc(&sb, '\0');
	{
		char	*s = sbuf_steal(&sb);

		sha256(s, strlen(s), h);
		free(s);
	}
	src->hash = hex(h);
}

static int
dir_import(struct index_osv *o, struct osv_dir *d, struct osv_stats *st,
    char **err)
{
	size_t	 i, len;
	char	*text;
	int	 rc;

	for (i = 0; i < d->n; i++) {
		if ((text = read_file_at(AT_FDCWD, d->v[i].path, OSV_RECORD_MAX,
		    &len)) == NULL) {
			st->bad++;
			continue;
		}
		st->files++;
		rc = index_osv_add(o, text, len, err);
		free(text);
		if (rc == -1)
			return -1;
		st->imported += rc;
	}
	return 0;
}

/* --- a zip export ---------------------------------------------------------- */

static int
zip_import(struct index_osv *o, zip_t *z, struct osv_stats *st, char **err)
{
	zip_int64_t	 n, i;
	zip_stat_t	 zs;
	zip_file_t	*zf;
	const char	*name;
	char		*buf = NULL;
	size_t		 cap = 0;
	zip_int64_t	 got;
	int		 rc;

	n = lazy_zip_get_num_entries(z, 0);
	for (i = 0; i < n; i++) {
		if ((name = lazy_zip_get_name(z, (zip_uint64_t)i, 0)) == NULL ||
		    !str_iends(name, ".json"))
			continue;
		if (lazy_zip_stat_index(z, (zip_uint64_t)i, 0, &zs) == -1 ||
		    !(zs.valid & ZIP_STAT_SIZE) || zs.size > OSV_RECORD_MAX ||
		    (zf = lazy_zip_fopen_index(z, (zip_uint64_t)i, 0)) ==
		    NULL) {
			st->bad++;
			continue;
		}
		if (cap < zs.size + 1)
			buf = xrealloc(buf, cap = zs.size + 1);
		got = lazy_zip_fread(zf, buf, zs.size);
		lazy_zip_fclose(zf);
		if (got < 0 || (zip_uint64_t)got != zs.size) {
			st->bad++;
			continue;
		}
		st->files++;
		if ((rc = index_osv_add(o, buf, (size_t)got, err)) == -1) {
			free(buf);
			return -1;
		}
		st->imported += rc;
	}
	free(buf);
	return 0;
}

/* --- either ----------------------------------------------------------------- */

int
osv_import(struct index *ix, const char *path, int force, struct osv_stats *stp,
    char **err)
{
	struct index_osv_source	 old, src;
	struct index_osv	*o = NULL;
	struct osv_stats	 st0, *st = stp != NULL ? stp : &st0;
	struct osv_dir		 d;
	struct stat		 sb;
	zip_source_t		*zs = NULL;
	zip_error_t		 ze;
	zip_t			*z = NULL;
	uint8_t			 h[32];
	void			*map = MAP_FAILED;
	char			*abs = NULL, *why;
	int			 fd = -1, rc = -1, known;

	*err = NULL;
	memset(st, 0, sizeof *st);
	memset(&src, 0, sizeof src);
	memset(&d, 0, sizeof d);
	if ((known = query_osv_source(ix, &old, err)) == -1)
		return -1;
	abs = path_absolute(path);
	if (stat(abs, &sb) == -1) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	src.path = abs;
	if (S_ISDIR(sb.st_mode)) {
		dir_collect(&d, abs, 0);
		dir_identity(&d, &sb, &src);
		if (d.n == 0) {
			*err = xasprintf("%s: no OSV records (*.json) in this "
			    "folder", path);
			goto out;
		}
	} else if (S_ISREG(sb.st_mode)) {
		src.size = (int64_t)sb.st_size;
		src.mtime = mtime_ns(&sb);
		if (!force && known == 1 && strcmp(old.path, abs) == 0 &&
		    old.size == src.size && old.mtime == src.mtime) {
			rc = 0;
			goto out;
		}
		if ((fd = open(abs, O_RDONLY | O_CLOEXEC)) == -1 ||
		    sb.st_size == 0 || (map = mmap(NULL, (size_t)sb.st_size,
		    PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
			*err = xasprintf("%s: %s", path, sb.st_size == 0 ?
			    "an empty file, not a zip" : strerror(errno));
			goto out;
		}
		sha256(map, (size_t)sb.st_size, h);
		src.hash = hex(h);
	} else {
		*err = xasprintf("%s: neither a zip file nor a folder", path);
		goto out;
	}
	if (!force && known == 1 && strcmp(old.path, abs) == 0 &&
	    strcmp(old.hash, src.hash) == 0) {
		/* Touched, not changed. */
		if (old.mtime != src.mtime)
			index_osv_touch(ix, src.mtime);
		rc = 0;
		goto out;
	}
	if (map != MAP_FAILED && lazy_load_zip(&why) == -1) {
		*err = xasprintf("%s: reading a zip needs %s", path, why);
		free(why);
		goto out;
	}
	if (map != MAP_FAILED) {
		lazy_zip_error_init(&ze);
		if ((zs = lazy_zip_source_buffer_create(map,
		    (zip_uint64_t)sb.st_size, 0, &ze)) == NULL ||
		    (z = lazy_zip_open_from_source(zs, ZIP_RDONLY, &ze)) == NULL) {
			*err = xasprintf("%s: %s", path,
			    lazy_zip_error_strerror(&ze));
			lazy_zip_error_fini(&ze);
			if (zs != NULL)
				lazy_zip_source_free(zs);
			goto out;
		}
		lazy_zip_error_fini(&ze);
	}
	src.imported = (int64_t)time(NULL);
	if ((o = index_osv_begin(ix, err)) == NULL)
		goto out;
	if ((z != NULL ? zip_import(o, z, st, err) : dir_import(o, &d, st,
	    err)) == -1) {
		index_osv_end(o, NULL, NULL);
		goto out;
	}
	if (st->files == 0) {
		index_osv_end(o, NULL, NULL);
		*err = xasprintf("%s: no OSV records (*.json) in it", path);
		goto out;
	}
	if (index_osv_end(o, &src, err) == -1)
		goto out;
	rc = 1;
out:
	if (z != NULL)
		lazy_zip_discard(z);
	if (map != MAP_FAILED)
		munmap(map, (size_t)sb.st_size);
	if (fd != -1)
		close(fd);
	while (d.n > 0)
		free(d.v[--d.n].path);
	free(d.v);
	free(src.hash);
	free(abs);
	if (known == 1)
		query_osv_source_free(&old);
	return rc;
}
