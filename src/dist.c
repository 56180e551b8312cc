/* dist: reads installed distributions from site folders and conda-meta. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dist.h"
#include "jsonf.h"
#include "lazy.h"
#include "meta.h"
#include "msg.h"
#include "record.h"
#include "util.h"

#define META_MAX	(1 << 20)	/* the header block is at the start */
#define RECORD_MAX	(64 << 20)	/* read in pieces; bigger: size unknown */
#define CONDA_MAX	(64 << 20)
#define SMALL_MAX	(64 << 10)
#define EGG_MAX		(256 << 20)	/* a zipped egg bigger than this is not opened */


static const char *
dist_key(void *arg, size_t pos)
{
	return ((struct dist_list *)arg)->v[pos].norm;
}

void
dist_list_reindex(struct dist_list *l)
{
	strix_free(&l->ix);
	l->nix = 0;
}

/* A hash lookup: a walk of the list per package was quadratic in a site's size. */
struct dist *
dist_find(struct dist_list *l, const char *norm)
{
	size_t	i;

	if (l->nix > l->n)
		dist_list_reindex(l);
	for (; l->nix < l->n; l->nix++)
		strix_add(&l->ix, l->nix, dist_key, l);
	i = strix_find(&l->ix, norm, dist_key, l);
	return i == STRIX_NONE ? NULL : &l->v[i];
}

/* Appends a distribution made from m, unless its name is taken. Steals m's strings. */
static struct dist *
dist_add(struct dist_list *l, struct meta *m, const char *location,
    const char *format)
{
	struct dist	*d;
	char		 norm[256];

	if (m->name == NULL || m->name[0] == '\0' || m->version == NULL) {
		meta_free(m);
		return NULL;
	}
	name_normalize(m->name, norm, sizeof norm);
	if (dist_find(l, norm) != NULL) {
		meta_free(m);
		return NULL;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	d = &l->v[l->n++];
	memset(d, 0, sizeof *d);
	d->name = m->name;
	d->norm = xstrdup(norm);
	d->version = m->version;
	d->summary = m->summary;
	d->requires = m->requires;
	d->meta = m->headers;
	memset(m, 0, sizeof *m);
	d->location = xstrdup(location);
	d->format = format;
	d->size = -1;
	return d;
}

static char *
small_line(int fd, const char *path)
{
	char	*buf, *s;
	size_t	 len, n;

	if ((buf = read_file_at(fd, path, SMALL_MAX, &len)) == NULL)
		return NULL;
	n = strcspn(buf, "\r\n");
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		n--;
	s = n > 0 ? u8_valid(buf, n) : NULL;
	free(buf);
	return s;
}

/* Could an entry not be read for its permissions (rather than not be there)? */
static int
dist_denied(int err)
{
	return err == EACCES || err == EPERM;
}

/* d's size, content digest and inode identity, from RECORD and one fstatat. */
static void
dist_content(struct dist *d, int sfd, const char *entry)
{
	struct record_info	 ri;
	struct stat		 st;
	char			*p;

	p = path_join(entry, "RECORD");
	if (record_digest_at(sfd, p, RECORD_MAX, &ri) == -1) {
		free(p);
		return;
	}
	free(p);
	d->size = ri.size;
	d->digest = ri.digest;
	if (ri.big != NULL && fstatat(sfd, ri.big, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode)) {
		d->inode = record_mix((uint64_t)st.st_dev * 0x9e3779b97f4a7c15ULL ^
		    (uint64_t)st.st_ino) | 1;
		if ((int64_t)st.st_size != ri.bigsize && d->digest != 0)
			d->digest = record_mix(d->digest ^ (uint64_t)st.st_size) | 1;
	}
	free(ri.big);
}

static void
read_dist_info(struct jsonf *jf, int sfd, const char *entry, const char *site,
    struct dist_list *l)
{
	struct meta	 m = { 0 };
	struct dist	*d;
	struct stat	 st;
	char		*buf, *p;
	size_t		 len;
	int		 fd;

	if ((fd = openat(sfd, entry, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		if (dist_denied(errno))
			l->denied++;
		return;
	}
	if ((buf = read_file_at(fd, "METADATA", META_MAX, &len)) == NULL) {
		if (dist_denied(errno))
			l->denied++;
		close(fd);
		return;
	}
	meta_parse(buf, len, &m);
	free(buf);
	if ((d = dist_add(l, &m, site, "dist-info")) == NULL) {
		close(fd);
		return;
	}
	d->installer = small_line(fd, "INSTALLER");
	d->requested = fstatat(fd, "REQUESTED", &st, 0) == 0;
	if ((buf = read_file_at(fd, "direct_url.json", SMALL_MAX, &len)) != NULL) {
		p = NULL;
		if (jsonf_direct_url(jf, buf, len, &p, &d->editable) == 0)
			d->url = p;
		free(buf);
	}
	close(fd);
	dist_content(d, sfd, entry);
}


/* An egg-info folder (PKG-INFO inside) or file (PKG-INFO itself). */
static struct dist *
read_egg_info(int dfd, const char *entry, const char *location,
    struct dist_list *l)
{
	struct meta	 m = { 0 };
	struct stat	 st;
	struct dist	*d;
	char		*buf, *p;
	size_t		 len;
	int		 isdir;

	if (fstatat(dfd, entry, &st, 0) == -1) {
		if (dist_denied(errno))
			l->denied++;
		return NULL;
	}
	isdir = S_ISDIR(st.st_mode);
	p = isdir ? path_join(entry, "PKG-INFO") : xstrdup(entry);
	buf = read_file_at(dfd, p, META_MAX, &len);
	free(p);
	if (buf == NULL) {
		if (dist_denied(errno))
			l->denied++;
		return NULL;
	}
	meta_parse(buf, len, &m);
	free(buf);
	if (m.requires == NULL && isdir) {
		/* setuptools writes the requirements beside PKG-INFO. */
		p = path_join(entry, "requires.txt");
		if ((buf = read_file_at(dfd, p, META_MAX, &len)) != NULL) {
			m.requires = meta_requires_txt(buf, len);
			free(buf);
		}
		free(p);
	}
	if ((d = dist_add(l, &m, location, "egg-info")) == NULL)
		return NULL;
	if (isdir) {
		p = path_join(entry, "INSTALLER");
		d->installer = small_line(dfd, p);
		free(p);
		p = path_join(entry, "REQUESTED");
		d->requested = fstatat(dfd, p, &st, 0) == 0;
		free(p);
	}
	return d;
}

/* One member of a zipped egg, bounded; NULL when absent or too big. */
static char *
egg_zip_member(zip_t *z, const char *name, size_t max, size_t *len)
{
	zip_stat_t	 zs;
	zip_file_t	*zf;
	zip_int64_t	 n;
	char		*buf;

	if (lazy_zip_stat(z, name, 0, &zs) == -1 ||
	    !(zs.valid & ZIP_STAT_SIZE) || zs.size > max ||
	    (zf = lazy_zip_fopen(z, name, 0)) == NULL)
		return NULL;
	buf = xmalloc((size_t)zs.size + 1);
	n = lazy_zip_fread(zf, buf, zs.size);
	lazy_zip_fclose(zf);
	if (n < 0 || (zip_uint64_t)n != zs.size) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/*
 * An egg: a NAME-VER-pyX.Y.egg folder or zip file with EGG-INFO/PKG-INFO
 * (and requires.txt). entry is relative to dfd; path is its full path.
 */
static void
read_egg(int dfd, const char *entry, const char *path, const char *location,
    struct dist_list *l)
{
	struct meta	 m = { 0 };
	struct stat	 st;
	zip_t		*z = NULL;
	char		*buf, *p, *why;
	size_t		 len;
	int		 zerr, fd;

	if (fstatat(dfd, entry, &st, 0) == -1)
		return;
	if (S_ISDIR(st.st_mode)) {
		p = path_join(entry, "EGG-INFO/PKG-INFO");
		buf = read_file_at(dfd, p, META_MAX, &len);
		free(p);
		if (buf == NULL)
			return;
		meta_parse(buf, len, &m);
		free(buf);
		if (m.requires == NULL) {
			p = path_join(entry, "EGG-INFO/requires.txt");
			if ((buf = read_file_at(dfd, p, META_MAX, &len)) != NULL)
				m.requires = meta_requires_txt(buf, len);
			free(buf);
			free(p);
		}
	} else if (S_ISREG(st.st_mode) && st.st_size <= EGG_MAX) {
		if (lazy_load_zip(&why) == -1) {
			msg_warn("%s: a zipped egg, not read: reading it "
			    "needs %s", path, why);
			free(why);
			return;
		}
		if ((fd = openat(dfd, entry, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
			return;
		if ((z = lazy_zip_fdopen(fd, ZIP_RDONLY, &zerr)) == NULL) {
			close(fd);
			return;
		}
		if ((buf = egg_zip_member(z, "EGG-INFO/PKG-INFO", META_MAX, &len)) == NULL) {
			lazy_zip_discard(z);
			return;
		}
		meta_parse(buf, len, &m);
		free(buf);
		if (m.requires == NULL && (buf = egg_zip_member(z, "EGG-INFO/requires.txt",
		    META_MAX, &len)) != NULL) {
			m.requires = meta_requires_txt(buf, len);
			free(buf);
		}
		lazy_zip_discard(z);
	} else
		return;
	dist_add(l, &m, location, "egg");
}

/*
 * The distributions a folder on sys.path holds (dist-info, egg-info,
 * eggs), as importlib.metadata finds them there. With want, only the
 * egg-info of that name, as an editable install (a legacy .egg-link).
 */
static void
read_folder(struct jsonf *jf, const char *dir, const char *want, struct dist_list *l)
{
	struct dirent	*de;
	struct dist	*d;
	DIR		*dp;
	char		 norm[256], entry[256], *full;
	int		 fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return;
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (want == NULL && str_ends(de->d_name, ".dist-info")) {
			read_dist_info(jf, dirfd(dp), de->d_name, dir, l);
			continue;
		}
		if (want == NULL && str_ends(de->d_name, ".egg")) {
			full = path_join(dir, de->d_name);
			read_egg(dirfd(dp), de->d_name, full, dir, l);
			free(full);
			continue;
		}
		if (!str_ends(de->d_name, ".egg-info"))
			continue;
		snprintf(entry, sizeof entry, "%.*s", (int)(strlen(de->d_name) - 9),
		    de->d_name);
		entry[strcspn(entry, "-")] = '\0';
		name_normalize(entry, norm, sizeof norm);
		if (want != NULL && strcmp(norm, want) != 0)
			continue;
		if ((d = read_egg_info(dirfd(dp), de->d_name, dir, l)) != NULL &&
		    want != NULL) {
			d->editable = 1;
			d->url = xstrdup(dir);
			d->format = "egg-link";
		}
	}
	closedir(dp);
}

/* A .egg-link: the first line names the project folder that holds NAME.egg-info. */
static void
read_egg_link(struct jsonf *jf, int sfd, const char *entry, const char *site,
    struct dist_list *l)
{
	char	 norm[256], *name, *target, *abs;

	if ((target = small_line(sfd, entry)) == NULL)
		return;
	name = xstrndup(entry, strlen(entry) - 9);
	name_normalize(name, norm, sizeof norm);
	abs = target[0] == '/' ? xstrdup(target) : path_join(site, target);
	if (dist_find(l, norm) == NULL)
		read_folder(jf, abs, norm, l);
	free(abs);
	free(name);
	free(target);
}

/*
 * Is path inside the environment at prefix, as pip list --local decides
 * (real paths compared)? Always when prefix is NULL (not a virtual
 * environment: everything on sys.path is local).
 */
static int
dist_local(const char *path, const char *prefix)
{
	char	rp[PATH_MAX], rq[PATH_MAX];
	size_t	n;

	if (prefix == NULL)
		return 1;
	if (realpath(path, rp) == NULL || realpath(prefix, rq) == NULL)
		return 0;
	n = strlen(rq);
	return strncmp(rp, rq, n) == 0 && (rp[n] == '/' || rp[n] == '\0' ||
	    strcmp(rq, "/") == 0);
}

/*
 * What the lines of a .pth file put on sys.path: folders (whose
 * distributions count, not as editable installs: pip calls only .egg-link
 * and direct_url.json installs editable) and eggs. In a virtual
 * environment only what lies inside it counts, as for pip list --local.
 */
static void
read_pth(struct jsonf *jf, int sfd, const char *entry, const char *site,
    const char *prefix, struct dist_list *l)
{
	struct stat	 st;
	char		*buf, *line, *next, *abs, *dir;
	size_t		 len;
	int		 dfd;

	if ((buf = read_file_at(sfd, entry, SMALL_MAX, &len)) == NULL)
		return;
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		while (len > 0 && line[0] != '\0' && (line[strlen(line) - 1] == ' ' ||
		    line[strlen(line) - 1] == '\t'))
			line[strlen(line) - 1] = '\0';
		if (line[0] == '#' || line[0] == '\0' ||
		    strncmp(line, "import ", 7) == 0 || strncmp(line, "import\t", 7) == 0)
			continue;
		abs = line[0] == '/' ? path_absolute(line) : path_join(site, line);
		if (strcmp(abs, site) == 0 || stat(abs, &st) == -1 ||
		    !dist_local(abs, prefix)) {
			free(abs);
			continue;
		}
		if (S_ISDIR(st.st_mode) && !str_ends(abs, ".egg"))
			read_folder(jf, abs, NULL, l);
		else if (str_ends(abs, ".egg")) {
			dir = path_dir(abs);
			if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
				read_egg(dfd, path_base(abs), abs, dir, l);
				close(dfd);
			}
			free(dir);
		}
		free(abs);
	}
	free(buf);
}

int
dist_read_site(struct jsonf *jf, const char *site, const char *prefix,
    struct dist_list *l)
{
	struct dirent	*de;
	DIR		*dp;
	size_t		 before = l->n, i, nlater = 0;
	char		**later = NULL;
	int		 fd;

	if ((fd = open_dir(site, 0)) == -1)
		return -1;
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		const char *n = de->d_name;

		if (n[0] == '.')
			continue;
		if (str_ends(n, ".dist-info"))
			read_dist_info(jf, dirfd(dp), n, site, l);
		else if (str_ends(n, ".egg-info"))
			read_egg_info(dirfd(dp), n, site, l);
		else if (str_ends(n, ".egg-link") || str_ends(n, ".pth") ||
		    str_ends(n, ".egg")) {
			later = xrealloc(later, (nlater + 1) * sizeof *later);
			later[nlater++] = xstrdup(n);
		}
	}
	/* Then the eggs it holds, its .egg-link files and its .pth lines, as pip. */
	for (i = 0; i < nlater; i++) {
		if (str_ends(later[i], ".egg")) {
			char *full = path_join(site, later[i]);

			read_egg(dirfd(dp), later[i], full, site, l);
			free(full);
		}
	}
	for (i = 0; i < nlater; i++)
		if (str_ends(later[i], ".egg-link"))
			read_egg_link(jf, dirfd(dp), later[i], site, l);
	for (i = 0; i < nlater; i++) {
		if (str_ends(later[i], ".pth"))
			read_pth(jf, dirfd(dp), later[i], site, prefix, l);
		free(later[i]);
	}
	free(later);
	closedir(dp);
	return (int)(l->n - before);
}

/* Mixes v into the hash h. */
static void
stamp_mix(uint64_t *h, uint64_t v)
{
	*h ^= v;
	*h *= 0x100000001b3ULL;
	*h ^= *h >> 29;
}

/* The times and sizes of the egg-info metadata in the project folder dir. */
static void
stamp_project(const char *dir, uint64_t *h)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*dp;
	char		*p;
	int		 fd, n = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return;
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(dp)) != NULL && n < 64) {
		if (!str_ends(de->d_name, ".egg-info"))
			continue;
		n++;
		p = path_join(de->d_name, "PKG-INFO");
		if (fstatat(dirfd(dp), p, &st, 0) == 0 ||
		    fstatat(dirfd(dp), de->d_name, &st, 0) == 0) {
			stamp_mix(h, (uint64_t)st.st_mtim.tv_sec * 1000000000 +
			    (uint64_t)st.st_mtim.tv_nsec);
			stamp_mix(h, (uint64_t)st.st_size);
		}
		free(p);
	}
	closedir(dp);
}

/* Whether the distribution's folder (or egg-info file) name in dfd is unreadable. */
static int
dist_unreadable(int dfd, const struct dirent *de)
{
	struct stat	st;
	int		mode = R_OK | X_OK;

	if (!str_ends(de->d_name, ".dist-info") && !str_ends(de->d_name, ".egg-info"))
		return 0;
	if (de->d_type == DT_REG)
		mode = R_OK;
	else if (de->d_type != DT_DIR) {
		if (fstatat(dfd, de->d_name, &st, 0) == -1)
			return 0;
		if (!S_ISDIR(st.st_mode))
			mode = R_OK;
	}
	return faccessat(dfd, de->d_name, mode, AT_EACCESS) == -1 &&
	    dist_denied(errno);
}

int64_t
dist_site_stamp(const char *site, int *denied)
{
	struct dirent	*de;
	DIR		*dp;
	uint64_t	 h = 0;
	char		*target, *abs;
	int		 fd, n = 0;

	if ((fd = open_dir(site, 0)) == -1)
		return 0;
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return 0;
	}
	while ((de = readdir(dp)) != NULL) {
		if (dist_unreadable(dirfd(dp), de))
			*denied = 1;
		if (n >= 64 || !str_ends(de->d_name, ".egg-link"))
			continue;
		n++;
		if ((target = small_line(dirfd(dp), de->d_name)) == NULL)
			continue;
		abs = target[0] == '/' ? xstrdup(target) : path_join(site, target);
		stamp_project(abs, &h);
		free(abs);
		free(target);
	}
	closedir(dp);
	return (int64_t)(h & 0x7fffffffffffffffULL);
}

int
dist_read_conda(struct jsonf *jf, const char *prefix, const char *site,
    struct dist_list *l)
{
	struct dist_list	 pip = { 0 };
	struct conda_pkg	 cp;
	struct dirent		*de;
	struct dist		*d;
	DIR			*dp;
	char			*dir, *buf, norm[256];
	size_t			 len, before = l->n, i;
	int			 fd;

	dir = path_join(prefix, "conda-meta");
	fd = open_dir(dir, 0);
	free(dir);
	if (fd == -1)
		return -1;
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (!str_ends(de->d_name, ".json"))
			continue;
		if ((buf = read_file_at(dirfd(dp), de->d_name, CONDA_MAX, &len)) == NULL) {
			if (dist_denied(errno))
				l->denied++;
			continue;
		}
		memset(&cp, 0, sizeof cp);
		/* A record without a name is no package. */
		if (jsonf_conda(jf, buf, len, &cp) == 0 && cp.version != NULL &&
		    cp.name != NULL && cp.name[strspn(cp.name, " \t")] != '\0') {
			name_normalize(cp.name, norm, sizeof norm);
			if (dist_find(l, norm) == NULL) {
				if (l->n == l->cap) {
					l->cap = l->cap ? l->cap * 2 : 64;
					l->v = xrealloc(l->v, l->cap * sizeof *l->v);
				}
				d = &l->v[l->n++];
				memset(d, 0, sizeof *d);
				d->name = cp.name;
				d->version = cp.version;
				d->norm = xstrdup(norm);
				d->installer = xstrdup("conda");
				d->location = xstrdup(prefix);
				d->url = cp.channel;
				d->requires = cp.depends;
				d->requested = cp.requested != NULL && cp.requested[0] != '\0';
				d->size = cp.size;
				d->format = "conda";
				free(cp.requested);
				memset(&cp, 0, sizeof cp);
			}
		}
		conda_pkg_free(&cp);
		free(buf);
	}
	closedir(dp);

	/* What pip installed beside conda: dist-info not installed by conda. */
	if (site != NULL && dist_read_site(jf, site, NULL, &pip) == -1 &&
	    dist_denied(errno))
		l->denied++;
	l->denied += pip.denied;
	if (pip.n > 0) {
		for (i = 0; i < pip.n; i++) {
			d = &pip.v[i];
			if ((d->installer != NULL && strcmp(d->installer, "conda") == 0) ||
			    dist_find(l, d->norm) != NULL)
				continue;
			if (l->n == l->cap) {
				l->cap = l->cap ? l->cap * 2 : 64;
				l->v = xrealloc(l->v, l->cap * sizeof *l->v);
			}
			l->v[l->n++] = *d;
			memset(d, 0, sizeof *d);
		}
	}
	dist_list_free(&pip);
	return (int)(l->n - before);
}

void
dist_list_free(struct dist_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		struct dist *d = &l->v[i];

		free(d->name);
		free(d->norm);
		free(d->version);
		free(d->summary);
		free(d->installer);
		free(d->location);
		free(d->url);
		free(d->requires);
		free(d->meta);
	}
	free(l->v);
	strix_free(&l->ix);
	memset(l, 0, sizeof *l);
}
