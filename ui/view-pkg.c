/* view-pkg: one package: metadata, files, requirements both ways, elsewhere. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "record.h"
#include "util.h"
#include "views.h"

#define FILES_SHOWN	500

/* The PEP 503 name a requirement line starts with. */
static void
req_norm(const char *req, char *out, size_t sz)
{
	char	name[256];
	size_t	n = 0;

	while (isspace((unsigned char)*req))
		req++;
	while ((isalnum((unsigned char)req[n]) || strchr("-_.", req[n]) != NULL) &&
	    req[n] != '\0' && n + 1 < sizeof name) {
		name[n] = req[n];
		n++;
	}
	name[n] = '\0';
	name_normalize(name, out, sz);
}

struct files {
	struct text_page	*t;
	size_t			 n;
};

static void
add_file(const char *path, size_t len, void *arg)
{
	struct files	*f = arg;
	char		*p;

	if (f->n++ >= FILES_SHOWN)
		return;
	p = xstrndup(path, len);
	text_add(f->t, ROLE_NORMAL, "  %s", p);
	free(p);
}

/* The files RECORD lists, read from the dist-info folder in location. */
static void
pkg_files(struct text_page *t, const char *location, const char *norm)
{
	struct dirent	*de;
	struct files	 f = { t, 0 };
	DIR		*d;
	char		 want[256], *rec = NULL, *buf, *dash;
	size_t		 len;

	if ((d = opendir(location)) == NULL)
		return;
	while (rec == NULL && (de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);

		if (n < 11 || strcmp(de->d_name + n - 10, ".dist-info") != 0)
			continue;
		buf = xstrndup(de->d_name, n - 10);
		if ((dash = strchr(buf, '-')) != NULL)
			*dash = '\0';
		name_normalize(buf, want, sizeof want);
		if (strcmp(want, norm) == 0)
			rec = xasprintf("%s/%s/RECORD", location, de->d_name);
		free(buf);
	}
	closedir(d);
	if (rec == NULL)
		return;
	if ((buf = read_file_at(AT_FDCWD, rec, 64 << 20, &len)) != NULL) {
		text_add(t, ROLE_NORMAL, "%s", "");
		text_add(t, ROLE_HEADER, "%s", "Files (from RECORD)");
		record_paths(buf, len, add_file, &f);
		if (f.n > FILES_SHOWN)
			text_add(t, ROLE_DIM, "  ... and %zu more", f.n - FILES_SHOWN);
		free(buf);
	}
	free(rec);
}

int
view_pkg_push(struct ui *ui, const char *env, const char *norm)
{
	struct text_page	*t;
	struct query_pkg	 p;
	struct query_pkgs	 all, elsewhere;
	const struct query_pkg	*q;
	char			 size[16], rn[256], *title, *line, *next, *copy, *err;
	size_t			 i;
	int			 n;

	switch (query_pkg(ui->ix, env, norm, &p, &err)) {
	case -1:
		free(err);
		return -1;
	case 0:
		ui_status(ui, 1, "%s is no longer in that environment (rescan with R)", norm);
		return -1;
	}
	/* Its neighbours, by name: what it requires and what requires it. */
	if (query_pkgs(ui->ix, env, NULL, &all, &err) == -1)
		free(err);
	title = xasprintf("%s %s in %s", p.name, p.version, p.env_name);
	t = text_new(title);
	free(title);
	text_add(t, ROLE_HEADER, "%s %s", p.name, p.version);
	if (p.summary != NULL)
		text_add_wrapped(t, ROLE_NORMAL, "", p.summary, ui->cols > 20 ? ui->cols : 80);
	text_add(t, ROLE_NORMAL, "%s", "");
	text_add(t, ROLE_NORMAL, "Location:   %s", p.location != NULL ? p.location : "?");
	text_add(t, ROLE_NORMAL, "Installer:  %s", p.installer != NULL ? p.installer :
	    "unknown");
	text_add(t, ROLE_NORMAL, "Format:     %s", p.format != NULL ? p.format : "?");
	text_add(t, ROLE_NORMAL, "Editable:   %s%s%s", p.editable ? "yes" : "no",
	    p.url != NULL ? ", from " : "", p.url != NULL ? p.url : "");
	text_add(t, ROLE_NORMAL, "Requested:  %s", p.requested ?
	    "yes (installed by name)" : "no (a dependency, or unknown)");
	fmt_size(p.size, size, sizeof size);
	text_add(t, ROLE_NORMAL, "Size:       %s", size);

	/* What it requires, with what the environment has of each. */
	text_add(t, ROLE_NORMAL, "%s", "");
	text_add(t, ROLE_HEADER, "%s", "Requires");
	copy = xstrdup(p.requires != NULL ? p.requires : "");
	n = 0;
	for (line = copy; *line != '\0'; line = next) {
		const char	*have = NULL;

		next = line + strcspn(line, "\n");
		if (*next != '\0')
			*next++ = '\0';
		req_norm(line, rn, sizeof rn);
		if ((q = query_pkgs_get(&all, rn)) != NULL)
			have = q->version;
		text_add(t, have != NULL ? ROLE_NORMAL : ROLE_DIM, "  %-40s %s%s", line,
		    have != NULL ? "installed: " : "not installed", have != NULL ? have : "");
		if (have != NULL)
			text_target(t, env, rn);
		n++;
	}
	free(copy);
	if (n == 0)
		text_add(t, ROLE_DIM, "%s", "  nothing");

	/* What requires it, within this environment. */
	text_add(t, ROLE_NORMAL, "%s", "");
	text_add(t, ROLE_HEADER, "%s", "Required by (in this environment)");
	n = 0;
	for (i = 0; i < all.n; i++) {
		q = &all.v[i];
		if (q->requires == NULL)
			continue;
		copy = xstrdup(q->requires);
		for (line = copy; *line != '\0'; line = next) {
			next = line + strcspn(line, "\n");
			if (*next != '\0')
				*next++ = '\0';
			req_norm(line, rn, sizeof rn);
			if (strcmp(rn, norm) != 0)
				continue;
			text_add(t, ROLE_NORMAL, "  %s %s: %s", q->name, q->version, line);
			text_target(t, env, q->norm);
			n++;
			break;
		}
		free(copy);
	}
	if (n == 0)
		text_add(t, ROLE_DIM, "%s", "  nothing");
	query_pkgs_free(&all);

	/* The same package elsewhere. */
	text_add(t, ROLE_NORMAL, "%s", "");
	text_add(t, ROLE_HEADER, "%s", "In other environments");
	n = 0;
	if (query_find(ui->ix, NULL, norm, &elsewhere, &err) == -1)
		free(err);
	for (i = 0; i < elsewhere.n; i++) {
		q = &elsewhere.v[i];
		if (strcmp(q->env_path, p.env_path) == 0)
			continue;
		copy = path_tilde(q->env_path);
		text_add(t, ROLE_NORMAL, "  %-12s %-16s %s", q->version, q->env_name, copy);
		text_target(t, q->env_path, norm);
		free(copy);
		n++;
	}
	query_pkgs_free(&elsewhere);
	if (n == 0)
		text_add(t, ROLE_DIM, "%s", "  none");

	/* Every metadata field kept. */
	if (p.meta != NULL) {
		text_add(t, ROLE_NORMAL, "%s", "");
		text_add(t, ROLE_HEADER, "%s", "Metadata");
		text_add_wrapped(t, ROLE_NORMAL, "  ", p.meta, ui->cols > 20 ? ui->cols : 80);
	}
	if (p.location != NULL)
		pkg_files(t, p.location, norm);
	query_pkg_free(&p);
	return text_push(ui, t);
}
