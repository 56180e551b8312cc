/* dist: reads installed distributions from site folders and conda-meta. */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dist.h"
#include "jsonf.h"
#include "meta.h"
#include "record.h"
#include "util.h"

#define META_MAX	(1 << 20)	/* the header block is at the start */
#define RECORD_MAX	(64 << 20)	/* read in pieces; bigger: size unknown */
#define CONDA_MAX	(64 << 20)
#define SMALL_MAX	(64 << 10)


struct dist *
dist_find(struct dist_list *l, const char *norm)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].norm, norm) == 0)
			return &l->v[i];
	return NULL;
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

	if ((fd = openat(sfd, entry, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return;
	if ((buf = read_file_at(fd, "METADATA", META_MAX, &len)) == NULL) {
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

	if (fstatat(dfd, entry, &st, 0) == -1)
		return NULL;
	isdir = S_ISDIR(st.st_mode);
	p = isdir ? path_join(entry, "PKG-INFO") : xstrdup(entry);
	buf = read_file_at(dfd, p, META_MAX, &len);
	free(p);
	if (buf == NULL)
		return NULL;
	meta_parse(buf, len, &m);
	free(buf);
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

/* Reads the egg-info and dist-info entries of a project folder (editable). */
static void
read_project(struct jsonf *jf, const char *dir, const char *want, struct dist_list *l)
{
	struct dirent	*de;
	struct dist	*d;
	DIR		*dp;
	char		 norm[256], entry[256];
	int		 fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return;
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (!str_ends(de->d_name, ".egg-info"))
			continue;
		snprintf(entry, sizeof entry, "%.*s", (int)(strlen(de->d_name) - 9),
		    de->d_name);
		entry[strcspn(entry, "-")] = '\0';
		name_normalize(entry, norm, sizeof norm);
		if (want != NULL && strcmp(norm, want) != 0)
			continue;
		if ((d = read_egg_info(dirfd(dp), de->d_name, dir, l)) != NULL) {
			d->editable = 1;
			d->url = xstrdup(dir);
			d->format = want != NULL ? "egg-link" : "egg-info";
		}
	}
	closedir(dp);
	(void)jf;
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
		read_project(jf, abs, norm, l);
	free(abs);
	free(name);
	free(target);
}

/* The folders a .pth file adds to sys.path (lines that are not imports). */
static void
read_pth(struct jsonf *jf, int sfd, const char *entry, const char *site,
    struct dist_list *l)
{
	struct stat	 st;
	char		*buf, *line, *next, *abs;
	size_t		 len;

	if ((buf = read_file_at(sfd, entry, SMALL_MAX, &len)) == NULL)
		return;
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (line[0] == '#' || line[0] == '\0' ||
		    strncmp(line, "import ", 7) == 0 || strncmp(line, "import\t", 7) == 0)
			continue;
		abs = line[0] == '/' ? path_absolute(line) : path_join(site, line);
		if (strcmp(abs, site) != 0 && stat(abs, &st) == 0 && S_ISDIR(st.st_mode))
			read_project(jf, abs, NULL, l);
		free(abs);
	}
	free(buf);
}

int
dist_read_site(struct jsonf *jf, const char *site, struct dist_list *l)
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
		else if (str_ends(n, ".egg-link") || str_ends(n, ".pth")) {
			later = xrealloc(later, (nlater + 1) * sizeof *later);
			later[nlater++] = xstrdup(n);
		}
	}
	/* Editable installs come after what the folder holds, as on sys.path. */
	for (i = 0; i < nlater; i++) {
		if (str_ends(later[i], ".egg-link"))
			read_egg_link(jf, dirfd(dp), later[i], site, l);
		else
			read_pth(jf, dirfd(dp), later[i], site, l);
		free(later[i]);
	}
	free(later);
	closedir(dp);
	return (int)(l->n - before);
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
		if ((buf = read_file_at(dirfd(dp), de->d_name, CONDA_MAX, &len)) == NULL)
			continue;
		memset(&cp, 0, sizeof cp);
		if (jsonf_conda(jf, buf, len, &cp) == 0 && cp.version != NULL) {
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
	if (site != NULL && dist_read_site(jf, site, &pip) > 0) {
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
	memset(l, 0, sizeof *l);
}
