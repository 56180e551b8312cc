/* cli-audit: venvdex audit [ENV...] [--json] [--fetch] [--advisories FILE] */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "cli.h"
#include "fetch.h"
#include "index.h"
#include "osv.h"
#include "out.h"
#include "path.h"
#include "query.h"
#include "str.h"
#include "util.h"

struct progress {
	time_t	 last;
	int	 shown;
};

static void
audit_progress(int64_t got, int64_t total, void *arg)
{
	struct progress	*p = arg;
	char		 a[16], b[16];
	time_t		 now = time(NULL);

	if (got == 0 || now == p->last)
		return;
	p->last = now;
	p->shown = 1;
	fmt_size(got, a, sizeof a);
	if (total > 0) {
		fmt_size(total, b, sizeof b);
		fprintf(stderr, "\rvenvdex: fetching advisories: %s of %s (%d%%)\033[K",
		    a, b, (int)(got * 100 / total));
	} else
		fprintf(stderr, "\rvenvdex: fetching advisories: %s\033[K", a);
}

/* Brings the imported advisories up to date as asked. 0, or -1 after a warning. */
static int
audit_update(struct index *ix, struct cli_args *a)
{
	struct index_osv_source	 src;
	struct progress		 prog = { 0, 0 };
	struct osv_stats	 st;
	struct stat		 sb;
	const char		*file = cli_value(a, "advisories");
	char			*cache = osv_cache_path(), *err = NULL, *use = NULL;
	int			 rc = -1, known;

	if (cli_flag(a, "fetch")) {
		rc = fetch_url(fetch_osv_url(), cache, isatty(2) ? audit_progress :
		    NULL, &prog, &err);
		if (prog.shown)
			fputs("\r\033[K", stderr);
		if (rc == -1) {
			warnx_("audit: fetching advisories: %s", err);
			goto out;
		}
		if (rc == 0 && isatty(2))
			fprintf(stderr, "venvdex: advisories not modified since "
			    "the last fetch\n");
		if (file == NULL)
			use = xstrdup(cache);
	}
	if (file != NULL)
		use = xstrdup(file);
	if (use == NULL) {
		/* The source imported last, if it is still there; else the cache. */
		if ((known = query_osv_source(ix, &src, &err)) == -1) {
			warnx_("audit: %s", err);
			goto out;
		}
		if (known == 1 && stat(src.path, &sb) == 0)
			use = xstrdup(src.path);
		else if (known == 0 && stat(cache, &sb) == 0)
			use = xstrdup(cache);
		if (known == 1)
			query_osv_source_free(&src);
	}
	rc = 0;
	if (use == NULL)
		goto out;
	if (index_readonly(ix) != NULL && file != NULL) {
		warnx_("audit: %s", index_readonly(ix));
		rc = -1;
		goto out;
	}
	switch (osv_import(ix, use, 0, &st, &err)) {
	case -1:
		warnx_("audit: %s", err);
		rc = -1;
		break;
	case 1:
		if (st.bad > 0)
			warnx_("audit: %s: %lld files could not be read, skipped",
			    use, (long long)st.bad);
		if (isatty(2))
			fprintf(stderr, "venvdex: imported %lld advisories of PyPI "
			    "packages (of %lld records)\n",
			    (long long)st.imported, (long long)st.files);
		break;
	}
out:
	free(err);
	free(use);
	free(cache);
	return rc;
}

/* The line that says which advisories were used and how recent they are. */
static int
audit_date(struct index *ix, FILE *f)
{
	struct index_osv_source	 src;
	char			 when[64], *err, *path;
	int			 known;

	if ((known = query_osv_source(ix, &src, &err)) == -1) {
		warnx_("audit: %s", err);
		free(err);
		return -1;
	}
	if (known == 0) {
		warnx_("audit: no advisories imported: run 'venvdex audit "
		    "--fetch' to download OSV's PyPI advisories, or give "
		    "--advisories FILE (OSV's all.zip, or a folder of OSV JSON "
		    "records)");
		return -1;
	}
	fmt_time(src.imported, when, sizeof when);
	path = path_tilde(src.path);
	fprintf(f, "advisories: %lld from ", (long long)src.records);
	out_print(f, OUT_PLAIN, path);
	fprintf(f, ", newest ");
	out_print(f, OUT_PLAIN, src.newest != NULL ? src.newest : "unknown");
	fprintf(f, ", imported %s\n", when);
	free(path);
	query_osv_source_free(&src);
	return 0;
}

static const char *
seen_key(void *arg, size_t pos)
{
	return ((const char **)arg)[pos];
}

static void
audit_print(const struct audit *r)
{
	const struct audit_finding	*f;
	struct sbuf			 sb = { 0 };
	struct strix			 seenix = { 0 };	/* seen, by path */
	const char			**seen = NULL;
	char				*s, *path;
	size_t				 i, j, nseen = 0, cap = 0;

	for (i = 0; i < r->n; i++) {
		f = &r->v[i];
		putchar('\n');
		out_print(stdout, OUT_BOLD, f->package);
		fputs("  ", stdout);
		out_print(stdout, OUT_RED, f->id);
		for (j = 0; j < f->naliases; j++)
			sbuf_printf(&sb, "%s%s", j > 0 ? ", " : " (", f->aliases[j]);
		if (f->naliases > 0)
			sbuf_adds(&sb, ")");
		if (f->severity != NULL)
			sbuf_printf(&sb, "  severity %s", f->severity);
		sbuf_printf(&sb, "  %s%s", f->fixed != NULL ? "fixed in " :
		    "no fix known", f->fixed != NULL ? f->fixed : "");
		s = sbuf_steal(&sb);
		out_print(stdout, OUT_PLAIN, s);
		free(s);
		putchar('\n');
		if (f->summary != NULL) {
			fputs("  ", stdout);
			out_print(stdout, OUT_PLAIN, f->summary);
			putchar('\n');
		}
		for (j = 0; j < f->nenvs; j++) {
			path = path_tilde(f->envs[j].path);
			fputs("    ", stdout);
			out_print(stdout, OUT_PLAIN, path);
			fputs("  ", stdout);
			out_print(stdout, OUT_YELLOW, f->envs[j].version);
			putchar('\n');
			free(path);
			if (strix_find(&seenix, f->envs[j].path, seen_key,
			    seen) == STRIX_NONE) {
				if (nseen == cap) {
					cap = cap == 0 ? 64 : cap * 2;
					seen = xrealloc(seen, cap * sizeof *seen);
				}
				seen[nseen] = f->envs[j].path;
				strix_add(&seenix, nseen++, seen_key, seen);
			}
		}
	}
	if (r->n == 0)
		printf("no known vulnerabilities\n");
	else
		printf("\n%zu %s in %zu %s\n", r->n, r->n == 1 ?
		    "vulnerability" : "vulnerabilities", nseen, nseen == 1 ?
		    "environment" : "environments");
	strix_free(&seenix);
	free(seen);
}

static void
json_put(const char *s, size_t len, void *arg)
{
	fwrite(s, 1, len, arg);
}

static int
audit_exec(struct index *ix, struct cli_args *a)
{
	struct audit	 r;
	char		**envs = NULL, *err;
	size_t		 n = 0;
	int		 i, json_out = cli_flag(a, "json"), rc = 1;

	if (audit_update(ix, a) == -1)
		return 1;
	for (i = 0; i < a->argc; i++) {
		envs = xrealloc(envs, (n + 1) * sizeof *envs);
		if ((envs[n] = cli_resolve(ix, a->entry->name, a->argv[i])) == NULL)
			goto out;
		n++;
	}
	if (audit_date(ix, json_out ? stderr : stdout) == -1)
		goto out;
	if (audit_run(ix, envs, n, &r, &err) == -1) {
		warnx_("audit: %s", err);
		free(err);
		goto out;
	}
	if (json_out) {
		audit_json(&r, json_put, stdout);
		putchar('\n');
	} else
		audit_print(&r);
	rc = r.n > 0 ? 1 : 0;
	audit_free(&r);
out:
	while (n > 0)
		free(envs[--n]);
	free(envs);
	return rc;
}

static const struct cli_opt audit_opts[] = {
	{ "json", 0, NULL, "a JSON array (see venvdex(1))" },
	{ "fetch", 0, NULL, "download OSV's PyPI advisories first (if changed)" },
	{ "advisories", 0, "FILE", "import OSV advisories: all.zip, or a folder of records" },
	{ NULL }
};

const struct cli_entry cli_audit_entry = {
	"audit", "[ENV...] [--json] [--fetch] [--advisories FILE]",
	"known vulnerabilities in the packages of every indexed environment (or\n"
	"of each ENV), from OSV advisories imported into the index, offline.\n"
	"--fetch downloads OSV's PyPI export ($VENVDEX_OSV_URL overrides where\n"
	"from) into the cache, only when it changed; --advisories imports a\n"
	"given export or folder. Exit 1 when anything is found, 0 when clean",
	audit_opts, 0, -1, NULL, 0, audit_exec
};
