/* view-pkg: one package: metadata, files, requirements both ways, elsewhere. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "deps.h"
#include "marker.h"
#include "query.h"
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

/* Every package of the environment, for deps_compute(): views of all's strings. */
struct env_pkgs {
	struct deps_pkg	*v;
	size_t		 n;
};

static void
env_pkgs_of(const struct query_pkgs *all, struct env_pkgs *e)
{
	struct deps_pkg	*p;
	size_t		 i;

	e->n = all->n;
	e->v = xcalloc(all->n ? all->n : 1, sizeof *e->v);
	for (i = 0; i < all->n; i++) {
		p = &e->v[i];
		p->norm = all->v[i].norm;
		p->name = all->v[i].name;
		p->version = all->v[i].version;
		p->requires = all->v[i].requires;
		p->conda = all->v[i].format != NULL &&
		    strcmp(all->v[i].format, "conda") == 0;
	}
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
pkg_deps(struct text_page *t, const char *env, const struct query_pkgs *all,
    const char *python, int windows, const char *norm)
{
	struct env_pkgs		 e;
	struct marker_env	 me;
	struct marker_buf	 mb;
	struct deps		*d;
	size_t			 i, self = DEPS_NONE;

	env_pkgs_of(all, &e);
	marker_env_init(&me, &mb, python, windows);
	d = deps_compute(e.v, e.n, &me);
	for (i = 0; i < e.n; i++)
		if (e.v[i].norm != NULL && strcmp(e.v[i].norm, norm) == 0)
			self = i;
	pkg_requires(t, env, &e, d, self);
	pkg_required_by(t, env, &e, d, self);
	deps_free(d);
	free(e.v);
}

int
view_pkg_push(struct ui *ui, const char *env, const char *norm)
{
	struct text_page	*t;
	struct query_pkg	 p;
	struct query_pkgs	 all, elsewhere;
	struct query_env	 qe;
	const struct query_pkg	*q;
	char			 size[16], *title, *copy, *err;
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

	if (query_env(ui->ix, env, &qe, &err) == -1)
		free(err);
	pkg_deps(t, env, &all, qe.python, qe.windows, norm);
	query_env_free(&qe);
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
