/* view-pkg: one package: metadata, files, requirements both ways, elsewhere. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "deps.h"
#include "index.h"
#include "marker.h"
#include "record.h"
#include "util.h"
#include "views.h"

#define FILES_SHOWN	500

struct files {
	struct text_page	*t;
	size_t			 n;
};

static void
add_file(const char *path, size_t len, void *arg)
{
	struct files	*f = arg;
	char		*p;

	if (f->n++ == 0) {
		text_add(f->t, ROLE_NORMAL, "%s", "");
		text_add(f->t, ROLE_HEADER, "%s", "Files (from RECORD)");
	}
	if (f->n > FILES_SHOWN)
		return;
	p = xstrndup(path, len);
	text_add(f->t, ROLE_NORMAL, "  %s", p);
	free(p);
}

/* The files RECORD lists, read from the dist-info folder in location. */
static void
pkg_files(struct text_page *t, const char *location, const char *norm)
{
	struct files	 f = { t, 0 };

	if (record_paths_of(location, norm, 64 << 20, add_file, &f) == 0 &&
	    f.n > FILES_SHOWN)
		text_add(t, ROLE_DIM, "  ... and %zu more", f.n - FILES_SHOWN);
}

/* Every package of the environment, for deps_compute(). */
struct env_pkgs {
	struct deps_pkg	*v;
	size_t		 n;
	char		**strs;		/* what v's strings point at */
	size_t		 nstrs;
};

static const char *
keep(struct env_pkgs *e, const unsigned char *s)
{
	if (s == NULL)
		return NULL;
	e->strs = xrealloc(e->strs, (e->nstrs + 1) * sizeof *e->strs);
	return e->strs[e->nstrs++] = xstrdup((const char *)s);
}

static void
env_pkgs_read(sqlite3 *db, int64_t env_id, struct env_pkgs *e)
{
	sqlite3_stmt	*q;
	struct deps_pkg	*p;

	memset(e, 0, sizeof *e);
	if (sqlite3_prepare_v2(db, "SELECT norm, name, version, requires, format FROM pkg"
	    " WHERE env_id = ?1 ORDER BY norm", -1, &q, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(q, 1, env_id);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *format = (const char *)sqlite3_column_text(q, 4);

		e->v = xrealloc(e->v, (e->n + 1) * sizeof *e->v);
		p = &e->v[e->n++];
		p->norm = keep(e, sqlite3_column_text(q, 0));
		p->name = keep(e, sqlite3_column_text(q, 1));
		p->version = keep(e, sqlite3_column_text(q, 2));
		p->requires = keep(e, sqlite3_column_text(q, 3));
		p->conda = format != NULL && strcmp(format, "conda") == 0;
	}
	sqlite3_finalize(q);
}

static void
env_pkgs_free(struct env_pkgs *e)
{
	size_t	i;

	for (i = 0; i < e->nstrs; i++)
		free(e->strs[i]);
	free(e->strs);
	free(e->v);
}

/* What the package requires, with what the environment has of each. */
static void
pkg_requires(struct text_page *t, const char *env, const struct env_pkgs *e,
    const struct deps *d, size_t me)
{
	const struct deps_req	*q;
	char			 what[256];
	size_t			 j;
	int			 role;

	text_add(t, ROLE_NORMAL, "%s", "");
	text_add(t, ROLE_HEADER, "%s", "Requires");
	if (me == DEPS_NONE || d->first[me] == d->first[me + 1]) {
		text_add(t, ROLE_DIM, "%s", "  nothing");
		return;
	}
	for (j = d->first[me]; j < d->first[me + 1]; j++) {
		q = &d->v[j];
		role = ROLE_NORMAL;
		switch (q->state) {
		case DEPS_OK:
			snprintf(what, sizeof what, "installed: %s", e->v[q->to].version);
			break;
		case DEPS_CONFLICT:
			snprintf(what, sizeof what, "installed: %s, not %s",
			    e->v[q->to].version, q->spec);
			role = ROLE_BROKEN;
			break;
		case DEPS_MISSING:
			snprintf(what, sizeof what, "not installed");
			role = ROLE_BROKEN;
			break;
		case DEPS_NOT_NEEDED:
			snprintf(what, sizeof what, "not needed here");
			role = ROLE_DIM;
			break;
		case DEPS_EXTRA:
			snprintf(what, sizeof what, "only with extra %s", q->extra);
			role = ROLE_DIM;
			break;
		default:
			snprintf(what, sizeof what, "%s", deps_state_text(q->state));
			role = ROLE_DIM;
			break;
		}
		text_add(t, role, "  %-40s %s", q->line, what);
		if (q->to != DEPS_NONE)
			text_target(t, env, e->v[q->to].norm);
	}
}

/* What requires it, within this environment (extras only when asked for). */
static void
pkg_required_by(struct text_page *t, const char *env, const struct env_pkgs *e,
    const struct deps *d, size_t me)
{
	const struct deps_req	*q;
	size_t			 j, n = 0;

	text_add(t, ROLE_NORMAL, "%s", "");
	text_add(t, ROLE_HEADER, "%s", "Required by (in this environment)");
	for (j = 0; me != DEPS_NONE && j < d->n; j++) {
		q = &d->v[j];
		if (q->to != me || !deps_applies(q))
			continue;
		text_add(t, q->state == DEPS_CONFLICT ? ROLE_BROKEN : ROLE_NORMAL,
		    "  %s %s: %s", e->v[q->from].name, e->v[q->from].version, q->line);
		text_target(t, env, e->v[q->from].norm);
		n++;
	}
	if (n == 0)
		text_add(t, ROLE_DIM, "%s", "  nothing");
}

/* Requirements both ways, with the environment's markers and the extras asked. */
static void
pkg_deps(struct text_page *t, sqlite3 *db, const char *env, int64_t env_id,
    const char *python, int windows, const char *norm)
{
	struct env_pkgs		 e;
	struct marker_env	 me;
	struct marker_buf	 mb;
	struct deps		*d;
	size_t			 i, self = DEPS_NONE;

	env_pkgs_read(db, env_id, &e);
	marker_env_init(&me, &mb, python, windows);
	d = deps_compute(e.v, e.n, &me);
	for (i = 0; i < e.n; i++)
		if (e.v[i].norm != NULL && strcmp(e.v[i].norm, norm) == 0)
			self = i;
	pkg_requires(t, env, &e, d, self);
	pkg_required_by(t, env, &e, d, self);
	deps_free(d);
	env_pkgs_free(&e);
}

int
view_pkg_push(struct ui *ui, const char *env, const char *norm)
{
	sqlite3		*db = index_db(ui->ix);
	sqlite3_stmt	*st;
	struct text_page *t;
	char		 size[16], *title;
	const char	*c;
	int64_t		 env_id;
	int		 n;

	if (sqlite3_prepare_v2(db, "SELECT p.name, p.version, p.summary, p.installer,"
	    " p.editable, p.requested, p.size, p.location, p.url, p.format,"
	    " p.requires, p.meta, e.name, e.id, e.python, e.windows FROM pkg p JOIN env e ON"
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

	pkg_deps(t, db, env, env_id, COL(14), sqlite3_column_int(st, 15), norm);

	/* The same package elsewhere. */
	text_add(t, ROLE_NORMAL, "%s", "");
	text_add(t, ROLE_HEADER, "%s", "In other environments");
	n = 0;
	{
		sqlite3_stmt	*q;
		char		*tilde;

		if (sqlite3_prepare_v2(db, "SELECT p.version, e.name, e.path FROM pkg p"
		    " JOIN env e ON e.id = p.env_id WHERE p.norm = ?1 AND e.id != ?2"
		    " ORDER BY e.path", -1, &q, NULL) == SQLITE_OK) {
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
