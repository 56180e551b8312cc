/* Tests for query.c (and stale.h): reads of a small index built in a temp file. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "index.h"
#include "query.h"
#include "stale.h"
#include "util.h"

static char	*tmp;

static void
add(struct dist_list *l, const char *name, const char *version, const char *requires)
{
	struct dist	*d;
	char		 norm[128];

	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	d = &l->v[l->n++];
	memset(d, 0, sizeof *d);
	name_normalize(name, norm, sizeof norm);
	d->name = xstrdup(name);
	d->norm = xstrdup(norm);
	d->version = xstrdup(version);
	d->summary = xstrdup("a summary");
	d->location = xstrdup("/site");
	d->requires = requires != NULL ? xstrdup(requires) : NULL;
	d->meta = xstrdup("Name: x");
	d->format = "dist-info";
	d->editable = strcmp(norm, "app") == 0;
	d->size = 10;
}

static void
fake_env(struct env *e, const char *path, const char *name, int stale, int64_t used)
{
	memset(e, 0, sizeof *e);
	e->path = xstrdup(path);
	e->name = xstrdup(name);
	e->kind = KIND_VENV;
	e->creator = "venv";
	e->python = xstrdup("3.11.7");
	e->fingerprint = 7;
	e->stale = stale;
	e->last_used = used;
}

/*
 * Three environments: /e/app (app, Django, asgiref; in use), /e/old (Django
 * older; its interpreter gone), /e/bare (nothing; unused since 1970).
 */
static struct index *
build(const char *db)
{
	struct dist_list	 l = { 0 };
	struct index		*ix;
	struct env		 e;
	char			*err;
	int64_t			 now = (int64_t)time(NULL);

	if ((ix = index_open(db, &err)) == NULL) {
		fprintf(stderr, "index_open: %s\n", err);
		free(err);
		return NULL;
	}
	fake_env(&e, "/e/app", "app", 0, now);
	add(&l, "Django", "4.2.7", "asgiref>=3.6\nsqlparse>=0.3.1");
	add(&l, "asgiref", "3.7.2", NULL);
	add(&l, "app", "0.1", "Django");
	CHECK_INT(index_put_env(ix, &e, 5000, &l, 100, NULL), 0);
	dist_list_free(&l);
	/* A later scan: Django upgraded, sqlparse never there. */
	add(&l, "Django", "5.0", "asgiref>=3.6\nsqlparse>=0.3.1");
	add(&l, "asgiref", "3.7.2", NULL);
	add(&l, "app", "0.1", "Django");
	CHECK_INT(index_put_env(ix, &e, 6000, &l, 200, NULL), 0);
	dist_list_free(&l);
	env_free(&e);

	fake_env(&e, "/e/old", "old", STALE_INTERPRETER, now);
	e.broken = 1;
	add(&l, "Django", "3.2", NULL);
	CHECK_INT(index_put_env(ix, &e, -1, &l, 100, NULL), 0);
	dist_list_free(&l);
	env_free(&e);

	fake_env(&e, "/e/bare", "bare", 0, 1000);
	CHECK_INT(index_put_env(ix, &e, 300, &l, 100, NULL), 0);
	env_free(&e);
	return ix;
}

static void
test_envs(struct index *ix)
{
	struct query_env_filter	 f = { 0 };
	struct query_envs	 l;
	struct query_totals	 t;
	struct query_env	 e;
	char			*err, *json;

	CHECK_INT(query_envs(ix, NULL, &l, &err), 0);
	CHECK_INT(l.n, 3);
	if (l.n == 3) {	/* by path */
		CHECK_STR(l.v[0].path, "/e/app");
		CHECK_STR(l.v[1].path, "/e/bare");
		CHECK_STR(l.v[2].path, "/e/old");
		CHECK_INT(l.v[0].packages, 3);
		CHECK_INT(l.v[0].size, 6000);
		CHECK_INT(l.v[0].stale, 0);
		CHECK_INT(l.v[1].stale, STALE_UNUSED);
		CHECK_INT(l.v[2].stale, STALE_INTERPRETER);
		CHECK_INT(l.v[2].size, -1);
		CHECK_STR(l.v[2].status, "broken");
		CHECK_STR(l.v[0].creator, "venv");
		CHECK(l.v[0].manager == NULL);
	}
	query_totals(&l, &t);
	CHECK_INT(t.envs, 3);
	CHECK_INT(t.packages, 4);
	CHECK_INT(t.size, 6300);	/* the unknown size counts nothing */
	CHECK_INT(t.stale, 2);
	CHECK_INT(t.stale_size, 300);
	query_envs_free(&l);
	query_envs_free(&l);	/* twice is harmless */

	f.stale = 1;
	CHECK_INT(query_envs(ix, &f, &l, &err), 0);
	CHECK_INT(l.n, 2);
	query_envs_free(&l);
	f.stale = 0;
	f.rx = "^/e/a";
	CHECK_INT(query_envs(ix, &f, &l, &err), 0);
	CHECK(l.n == 1 && strcmp(l.v[0].name, "app") == 0);
	query_envs_free(&l);
	f.rx = NULL;
	f.kind = "conda";
	CHECK_INT(query_envs(ix, &f, &l, &err), 0);
	CHECK_INT(l.n, 0);
	query_envs_free(&l);

	CHECK_INT(query_env(ix, "/e/old", &e, &err), 1);
	CHECK_STR(e.name, "old");
	CHECK_INT(e.first_seen, 100);
	query_env_free(&e);
	CHECK_INT(query_env(ix, "/e/nosuch", &e, &err), 0);
	CHECK(e.path == NULL);

	f.kind = NULL;
	f.stale = 1;
	CHECK_INT(query_envs_json(ix, &f, &json, &err), 0);
	CHECK(json != NULL && strstr(json, "\"stale\":[\"unused\"]") != NULL);
	CHECK(json != NULL && strstr(json, "\"stale\":[\"interpreter-missing\"]") != NULL);
	CHECK(json != NULL && strstr(json, "/e/app") == NULL);
	free(json);
	CHECK_INT(query_env_json(ix, "/e/app", &json, &err), 0);
	CHECK(json != NULL && json[0] == '{' && strstr(json, "\"stale\":[]") != NULL);
	free(json);
}

static void
test_pkgs(struct index *ix)
{
	struct query_pkgs	 l;
	struct query_pkg	 p;
	const struct query_pkg	*g;
	char			*err, *json;

	CHECK_INT(query_pkgs(ix, "/e/app", NULL, &l, &err), 0);
	CHECK_INT(l.n, 3);
	if (l.n == 3) {	/* by normalised name */
		CHECK_STR(l.v[0].norm, "app");
		CHECK_STR(l.v[1].norm, "asgiref");
		CHECK_STR(l.v[2].name, "Django");
		CHECK_STR(l.v[2].version, "5.0");
		CHECK_INT(l.v[0].editable, 1);
		CHECK(l.v[0].meta == NULL);	/* query_pkg() only */
		CHECK_STR(l.v[2].requires, "asgiref>=3.6\nsqlparse>=0.3.1");
	}
	g = query_pkgs_get(&l, "asgiref");
	CHECK(g != NULL && strcmp(g->version, "3.7.2") == 0);
	CHECK(query_pkgs_get(&l, "sqlparse") == NULL);
	CHECK(query_pkgs_get(&l, "") == NULL);
	query_pkgs_free(&l);
	CHECK(query_pkgs_get(&l, "app") == NULL);	/* an empty list */

	CHECK_INT(query_pkgs(ix, "/e/app", "^dj", &l, &err), 0);
	CHECK_INT(l.n, 1);
	query_pkgs_free(&l);
	CHECK_INT(query_pkgs(ix, "/e/bare", NULL, &l, &err), 0);
	CHECK_INT(l.n, 0);
	query_pkgs_free(&l);

	/* Every environment, by name then path; or one name. */
	CHECK_INT(query_find(ix, "django", NULL, &l, &err), 0);
	CHECK_INT(l.n, 2);
	if (l.n == 2) {
		CHECK_STR(l.v[0].env_path, "/e/app");
		CHECK_STR(l.v[0].env_name, "app");
		CHECK_STR(l.v[1].env_path, "/e/old");
		CHECK_STR(l.v[1].version, "3.2");
	}
	query_pkgs_free(&l);
	CHECK_INT(query_find(ix, NULL, NULL, &l, &err), 0);
	CHECK_INT(l.n, 4);
	query_pkgs_free(&l);
	CHECK_INT(query_find(ix, NULL, "asgiref", &l, &err), 0);
	CHECK(l.n == 1 && strcmp(l.v[0].env_path, "/e/app") == 0);
	query_pkgs_free(&l);

	CHECK_INT(query_pkg(ix, "/e/app", "django", &p, &err), 1);
	CHECK_STR(p.meta, "Name: x");
	CHECK_STR(p.env_name, "app");
	CHECK_STR(p.summary, "a summary");
	CHECK_INT(p.size, 10);
	query_pkg_free(&p);
	CHECK_INT(query_pkg(ix, "/e/bare", "django", &p, &err), 0);

	CHECK_INT(query_pkgs_json(ix, "/e/app", "^as", &json, &err), 0);
	CHECK_STR(json, "[{\"name\":\"asgiref\",\"version\":\"3.7.2\",\"summary\":"
	    "\"a summary\",\"installer\":null,\"editable\":false,\"requested\":false,"
	    "\"size\":10,\"location\":\"/site\"}]");
	free(json);
	CHECK_INT(query_find_json(ix, "^nothing$", &json, &err), 0);
	CHECK_STR(json, "[]");
	free(json);
	CHECK_INT(query_find_json(ix, "^asgiref$", &json, &err), 0);
	CHECK(json != NULL && strstr(json, "\"env\":\"/e/app\",\"env_name\":\"app\"}]"));
	free(json);
}

static void
test_history(struct index *ix)
{
	struct query_changes	 h;
	struct query_diff_rows	 d;
	struct query_change	 c = { 0, NULL, NULL, NULL, NULL };
	char			 v10[] = "1.0", v10p[] = "1.0.post1";
	char			*err = NULL, *json;

	CHECK_INT(query_history(ix, "/e/app", 0, &h, &err), 0);
	CHECK_INT(h.n, 1);
	if (h.n == 1) {
		CHECK_INT(h.v[0].time, 200);
		CHECK_STR(h.v[0].norm, "django");
		CHECK_STR(h.v[0].old, "4.2.7");
		CHECK_STR(h.v[0].new, "5.0");
		CHECK_STR(query_change_word(&h.v[0]), "upgraded");
	}
	query_changes_free(&h);
	CHECK_INT(query_history_json(ix, "/e/app", &json, &err), 0);
	CHECK_STR(json, "[{\"time\":200,\"name\":\"Django\",\"old\":\"4.2.7\","
	    "\"new\":\"5.0\",\"change\":\"upgraded\"}]");
	free(json);
	CHECK_INT(query_history(ix, "/e/nosuch", 1, &h, &err), 0);
	CHECK_INT(h.n, 0);

	c.new = v10;
	CHECK_STR(query_change_word(&c), "added");
	c.old = v10;
	CHECK_STR(query_change_word(&c), "changed");
	c.old = v10p;
	CHECK_STR(query_change_word(&c), "downgraded");
	c.new = NULL;
	CHECK_STR(query_change_word(&c), "removed");

	/* No diff made on this connection: no diff_out table, an error. */
	CHECK_INT(query_diff_rows(ix, &d, &err), -1);
	CHECK(err != NULL && strncmp(err, "index: ", 7) == 0);
	CHECK_INT(d.n, 0);
	free(err);
}

static void
test_stale(void)
{
	char	buf[96];

	CHECK_STR(stale_words(0, STALE_JSON, " ", buf, sizeof buf), "");
	CHECK_STR(stale_words(STALE_INTERPRETER | STALE_UNUSED, STALE_JSON, " ", buf,
	    sizeof buf), " interpreter-missing unused");
	CHECK_STR(stale_words(STALE_PROJECT | STALE_INTERPRETER, STALE_LABEL, " ",
	    buf, sizeof buf), " !python !project");
	CHECK_STR(stale_words(0x100 | STALE_UNUSED, STALE_LABEL, ",", buf, sizeof buf),
	    ",unused");
	CHECK_STR(stale_words(7, STALE_JSON, " ", buf, 12), " interprete");
	CHECK(strlen(stale_words(STALE_PROJECT, STALE_ABOUT, "", buf, sizeof buf)) > 10);
}

int
main(void)
{
	char		 tmpl[] = "/tmp/venvdex-test-XXXXXX";
	struct index	*ix;
	char		*cmd, *db;
	int		 rc;

	unsetenv("VENVDEX_STALE_DAYS");
	if ((tmp = mkdtemp(tmpl)) == NULL)
		return 77;
	test_stale();
	db = path_join(tmp, "index.db");
	if ((ix = build(db)) != NULL) {
		test_envs(ix);
		test_pkgs(ix);
		test_history(ix);
		index_close(ix);
	} else
		CHECK(0);
	free(db);
	rc = check_done();
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		rc = 1;
	free(cmd);
	return rc;
}
