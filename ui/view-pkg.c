/* view-pkg: one package: metadata, files, requirements both ways, elsewhere. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"
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
	sqlite3		*db = index_db(ui->ix);
	sqlite3_stmt	*st;
	struct text_page *t;
	char		 size[16], rn[256], *title, *line, *next, *copy;
	const char	*c;
	int64_t		 env_id;
	int		 n;

	if (sqlite3_prepare_v2(db, "SELECT p.name, p.version, p.summary, p.installer,"
	    " p.editable, p.requested, p.size, p.location, p.url, p.format,"
	    " p.requires, p.meta, e.name, e.id FROM pkg p JOIN env e ON"
	    " e.id = p.env_id WHERE e.path = ?1 AND p.norm = ?2", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, env, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, norm, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		ui_status(ui, 1, "%s is no longer in that environment (rescan with R)", norm);
		return -1;
	}
#define COL(i) ((const char *)sqlite3_column_text(st, (i)))
	title = xasprintf("%s %s in %s", COL(0), COL(1), COL(12));
	t = text_new(title);
	free(title);
	env_id = sqlite3_column_int64(st, 13);
	text_add(t, ROLE_HEADER, "%s %s", COL(0), COL(1));
	if (COL(2) != NULL)
		text_add_wrapped(t, ROLE_NORMAL, "", COL(2), ui->cols > 20 ? ui->cols : 80);
	text_add(t, ROLE_NORMAL, "%s", "");
	text_add(t, ROLE_NORMAL, "Location:   %s", COL(7) != NULL ? COL(7) : "?");
	text_add(t, ROLE_NORMAL, "Installer:  %s", COL(3) != NULL ? COL(3) : "unknown");
	text_add(t, ROLE_NORMAL, "Format:     %s", COL(9) != NULL ? COL(9) : "?");
	text_add(t, ROLE_NORMAL, "Editable:   %s%s%s", sqlite3_column_int(st, 4) ?
	    "yes" : "no", COL(8) != NULL ? ", from " : "", COL(8) != NULL ? COL(8) : "");
	text_add(t, ROLE_NORMAL, "Requested:  %s", sqlite3_column_int(st, 5) ?
	    "yes (installed by name)" : "no (a dependency, or unknown)");
	fmt_size(sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 6), size, sizeof size);
	text_add(t, ROLE_NORMAL, "Size:       %s", size);

	/* What it requires, with what the environment has of each. */
	text_add(t, ROLE_NORMAL, "%s", "");
	text_add(t, ROLE_HEADER, "%s", "Requires");
	copy = xstrdup(COL(10) != NULL ? COL(10) : "");
	n = 0;
	for (line = copy; *line != '\0'; line = next) {
		sqlite3_stmt	*q;
		const char	*have = NULL;

		next = line + strcspn(line, "\n");
		if (*next != '\0')
			*next++ = '\0';
		req_norm(line, rn, sizeof rn);
		if (sqlite3_prepare_v2(db, "SELECT version FROM pkg WHERE env_id = ?1"
		    " AND norm = ?2", -1, &q, NULL) != SQLITE_OK)
			continue;
		sqlite3_bind_int64(q, 1, env_id);
		sqlite3_bind_text(q, 2, rn, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			have = (const char *)sqlite3_column_text(q, 0);
		text_add(t, have != NULL ? ROLE_NORMAL : ROLE_DIM, "  %-40s %s%s", line,
		    have != NULL ? "installed: " : "not installed", have != NULL ? have : "");
		if (have != NULL)
			text_target(t, env, rn);
		sqlite3_finalize(q);
		n++;
	}
	free(copy);
	if (n == 0)
		text_add(t, ROLE_DIM, "%s", "  nothing");

	/* What requires it, within this environment. */
	text_add(t, ROLE_NORMAL, "%s", "");
	text_add(t, ROLE_HEADER, "%s", "Required by (in this environment)");
	n = 0;
	{
		sqlite3_stmt	*q;

		if (sqlite3_prepare_v2(db, "SELECT norm, name, version, requires FROM pkg"
		    " WHERE env_id = ?1 AND requires IS NOT NULL ORDER BY norm", -1, &q,
		    NULL) == SQLITE_OK) {
			sqlite3_bind_int64(q, 1, env_id);
			while (sqlite3_step(q) == SQLITE_ROW) {
				copy = xstrdup((const char *)sqlite3_column_text(q, 3));
				for (line = copy; *line != '\0'; line = next) {
					next = line + strcspn(line, "\n");
					if (*next != '\0')
						*next++ = '\0';
					req_norm(line, rn, sizeof rn);
					if (strcmp(rn, norm) != 0)
						continue;
					text_add(t, ROLE_NORMAL, "  %s %s: %s",
					    (const char *)sqlite3_column_text(q, 1),
					    (const char *)sqlite3_column_text(q, 2), line);
					text_target(t, env,
					    (const char *)sqlite3_column_text(q, 0));
					n++;
					break;
				}
				free(copy);
			}
			sqlite3_finalize(q);
		}
	}
	if (n == 0)
		text_add(t, ROLE_DIM, "%s", "  nothing");

	/* The same package elsewhere. */
	text_add(t, ROLE_NORMAL, "%s", "");
	text_add(t, ROLE_HEADER, "%s", "In other environments");
	n = 0;
	{
		sqlite3_stmt	*q;
		char		*tilde;

		if (sqlite3_prepare_v2(db, "SELECT p.version, e.name, e.path FROM pkg p"
		    " JOIN env e ON e.id = p.env_id WHERE p.norm = ?1 AND e.id != ?2"
		    " AND e.gone IS NULL ORDER BY e.path", -1, &q, NULL) == SQLITE_OK) {
			sqlite3_bind_text(q, 1, norm, -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 2, env_id);
			while (sqlite3_step(q) == SQLITE_ROW) {
				tilde = path_tilde((const char *)sqlite3_column_text(q, 2));
				text_add(t, ROLE_NORMAL, "  %-12s %-16s %s",
				    (const char *)sqlite3_column_text(q, 0),
				    (const char *)sqlite3_column_text(q, 1), tilde);
				text_target(t, (const char *)sqlite3_column_text(q, 2), norm);
				free(tilde);
				n++;
			}
			sqlite3_finalize(q);
		}
	}
	if (n == 0)
		text_add(t, ROLE_DIM, "%s", "  none");

	/* Every metadata field kept. */
	if ((c = COL(11)) != NULL) {
		text_add(t, ROLE_NORMAL, "%s", "");
		text_add(t, ROLE_HEADER, "%s", "Metadata");
		text_add_wrapped(t, ROLE_NORMAL, "  ", c, ui->cols > 20 ? ui->cols : 80);
	}
	if (COL(7) != NULL)
		pkg_files(t, COL(7), norm);
#undef COL
	sqlite3_finalize(st);
	return text_push(ui, t);
}
