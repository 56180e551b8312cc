/* cli-rm: venvdex rm ENV... [--yes] [--force] [--json]; the listing, question and deletion clean shares. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clean.h"
#include "cli.h"
#include "index.h"
#include "out.h"
#include "query.h"
#include "rmenv.h"
#include "util.h"

/* Progress of a large deletion on a terminal's stderr. */
static void
rm_progress(const struct rmenv_progress *p, void *arg)
{
	char	 size[16], *safe;

	(void)arg;
	fmt_size(p->freed, size, sizeof size);
	safe = term_safe(p->path);
	if (p->total_files > 0)
		fprintf(stderr, "\rremoving %s: %lld%% (%s freed) ", safe,
		    (long long)(p->files * 100 / p->total_files), size);
	else
		fprintf(stderr, "\rremoving %s: %lld entries (%s freed) ", safe,
		    (long long)p->files, size);
	free(safe);
	fflush(stderr);
}

static void
json_strs(struct index *ix, const char *key, char *const *v, size_t n)
{
	char	*q;
	size_t	 i;

	printf(", \"%s\": [", key);
	for (i = 0; i < n; i++) {
		q = query_json_str(ix, v[i]);
		printf("%s%s", i > 0 ? ", " : "", q);
		free(q);
	}
	putchar(']');
}

static void
json_field(struct index *ix, const char *key, const char *value, int first)
{
	char	*q = query_json_str(ix, value);

	printf("%s\"%s\": %s", first ? "" : ", ", key, q);
	free(q);
}

static void
rm_json(struct index *ix, struct rmenv **v, const int *bits, size_t n,
    int dry_run, int removed, int64_t freed)
{
	const char	*reasons[8];
	size_t		 i, k, nr;

	printf("{\"environments\": [");
	for (i = 0; i < n; i++) {
		struct rmenv	*r = v[i];

		printf("%s{", i > 0 ? ", " : "");
		json_field(ix, "path", r->path != NULL ? r->path : r->arg, 1);
		json_field(ix, "arg", r->arg, 0);
		json_field(ix, "name", r->name, 0);
		json_field(ix, "kind", r->kind, 0);
		json_field(ix, "manager", r->manager, 0);
		json_field(ix, "python", r->python, 0);
		printf(", \"reasons\": [");
		nr = bits != NULL ? clean_reasons(bits[i], reasons, nitems(reasons)) : 0;
		for (k = 0; k < nr; k++)
			printf("%s\"%s\"", k > 0 ? ", " : "", reasons[k]);
		printf("], \"size\": %lld, \"files\": %lld, \"ok\": %s",
		    (long long)r->size, (long long)r->files, r->ok ? "true" : "false");
		json_strs(ix, "refused", r->refused.v, r->refused.n);
		json_strs(ix, "notes", r->notes.v, r->notes.n);
		printf(", \"removed\": %s, \"freed\": %lld", r->removed ? "true" :
		    "false", (long long)r->freed);
		json_field(ix, "error", r->error, 0);
		putchar('}');
	}
	printf("], \"dry_run\": %s, \"removed\": %d, \"freed\": %lld}\n",
	    dry_run ? "true" : "false", removed, (long long)freed);
}

static void
rm_line(FILE *f, const char *label, enum out_color c, const char *text)
{
	fprintf(f, "    %s", label);
	out_print(f, c, text);
	fputc('\n', f);
}

/* What would go, what is refused and why: for people. */
static void
rm_list(struct rmenv **v, const int *bits, size_t n, FILE *f)
{
	const char	*reasons[8];
	char		 size[16], *head, *tilde;
	size_t		 i, k, nr;

	for (i = 0; i < n; i++) {
		struct rmenv	*r = v[i];

		fmt_size(r->size, size, sizeof size);
		tilde = path_tilde(r->path != NULL ? r->path : r->arg);
		out_print(f, r->ok ? OUT_BOLD : OUT_RED, tilde);
		free(tilde);
		if (r->kind != NULL) {
			head = xasprintf("  %s%s%s%s%s%s, %s", r->kind,
			    r->manager != NULL ? " (" : "", r->manager != NULL ?
			    r->manager : "", r->manager != NULL ? ")" : "",
			    r->python != NULL ? ", python " : "", r->python != NULL ?
			    r->python : "", size);
			out_print(f, OUT_PLAIN, head);
			free(head);
		}
		fputc('\n', f);
		if (bits != NULL) {
			nr = clean_reasons(bits[i], reasons, nitems(reasons));
			head = xstrdup("");
			for (k = 0; k < nr; k++) {
				tilde = xasprintf("%s%s%s", head, k > 0 ? ", " : "",
				    reasons[k]);
				free(head);
				head = tilde;
			}
			rm_line(f, "stale: ", OUT_YELLOW, head);
			free(head);
		}
		for (k = 0; k < r->refused.n; k++)
			rm_line(f, r->forceable ? "refused (--force to override): " :
			    "refused: ", OUT_RED, r->refused.v[k]);
		for (k = 0; k < r->notes.n; k++)
			rm_line(f, "note: ", OUT_DIM, r->notes.v[k]);
	}
}

/* Asks on the terminal; 1 for yes. The default is no. */
static int
rm_ask(int n, int64_t bytes)
{
	char	line[64], size[16];

	fmt_size(bytes, size, sizeof size);
	fprintf(stderr, "Delete %d environment%s, freeing %s? [y/N] ", n,
	    n == 1 ? "" : "s", size);
	fflush(stderr);
	if (fgets(line, sizeof line, stdin) == NULL)
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

int
cli_rm_act(struct index *ix, struct rmenv_ctx *c, struct rmenv **v,
    const int *bits, size_t n, const struct cli_rm_how *how)
{
	char		 size[16], *tilde;
	int64_t		 want = 0, freed = 0;
	size_t		 i, k;
	int		 nok = 0, nrefused = 0, removed = 0, failed = 0, go;
	FILE		*f = how->json ? stderr : stdout;

	for (i = 0; i < n; i++) {
		if (v[i]->ok) {
			nok++;
			want += v[i]->size;
		} else
			nrefused++;
	}
	if (!how->json || isatty(STDIN_FILENO))
		rm_list(v, bits, n, how->json ? stderr : stdout);
	if (nok == 0)
		go = 0;
	else if (how->dry_run)
		go = 0;
	else if (how->yes)
		go = 1;
	else if (isatty(STDIN_FILENO))
		go = rm_ask(nok, want);
	else {
		go = 0;
		warnx_("%s: nothing deleted: no terminal to ask on; give --yes to "
		    "delete %s", how->cmd, nok == 1 ? "it" : "them");
	}
	for (i = 0; go && i < n; i++) {
		struct rmenv	*r = v[i];

		if (!r->ok)
			continue;
		if (rmenv_delete(c, r, isatty(STDERR_FILENO) && r->files > 20000 ?
		    rm_progress : NULL, NULL) == 0) {
			removed++;
			freed += r->freed;
			if (isatty(STDERR_FILENO) && r->files > 20000)
				fputs("\r\033[K", stderr);
			fmt_size(r->freed, size, sizeof size);
			tilde = path_tilde(r->path);
			fprintf(f, "removed ");
			out_print(f, OUT_PLAIN, tilde);
			fprintf(f, " (%s freed)\n", size);
			free(tilde);
			for (k = 0; k < r->notes.n; k++)
				rm_line(f, "note: ", OUT_DIM, r->notes.v[k]);
		} else {
			failed++;
			freed += r->freed;
			tilde = term_safe(r->error != NULL ? r->error : "failed");
			warnx_("%s: %s", how->cmd, tilde);
			free(tilde);
		}
	}
	if (how->json)
		rm_json(ix, v, bits, n, !go, removed, freed);
	else if (go) {
		fmt_size(freed, size, sizeof size);
		printf("%d environment%s removed, %s freed\n", removed,
		    removed == 1 ? "" : "s", size);
	} else if (nok > 0) {
		fmt_size(want, size, sizeof size);
		printf("%d environment%s (%s) would be removed%s\n", nok,
		    nok == 1 ? "" : "s", size, how->dry_run ? " (--dry-run: nothing "
		    "changed)" : "; nothing deleted");
	}
	if (failed > 0 || (nrefused > 0 && how->refusal_fails))
		return 1;
	if (nok > 0 && !go && !how->dry_run && how->refusal_fails)
		return 1;
	return 0;
}

static int
rm_exec(struct index *ix, struct cli_args *a)
{
	struct cli_rm_how	 how;
	struct rmenv_ctx	*c;
	struct rmenv		*v, **pv;
	size_t			 n = 0, k;
	int			 i, rc;

	memset(&how, 0, sizeof how);
	how.cmd = a->entry->name;
	how.yes = cli_flag(a, "yes");
	how.json = cli_flag(a, "json");
	how.refusal_fails = 1;
	c = rmenv_ctx_new(ix, cli_flag(a, "force") ? RMENV_FORCE : 0);
	v = xcalloc((size_t)a->argc, sizeof *v);
	pv = xcalloc((size_t)a->argc, sizeof *pv);
	for (i = 0; i < a->argc; i++) {
		rmenv_check(c, a->argv[i], &v[i]);
		/* The same folder named twice (by path and by name) is one. */
		for (k = 0; k < n; k++)
			if (v[i].path != NULL && pv[k]->path != NULL &&
			    strcmp(v[i].path, pv[k]->path) == 0 && v[i].ok == pv[k]->ok)
				break;
		if (k == n)
			pv[n++] = &v[i];
	}
	rc = cli_rm_act(ix, c, pv, NULL, n, &how);
	for (i = 0; i < a->argc; i++)
		rmenv_free(&v[i]);
	free(v);
	free(pv);
	rmenv_ctx_free(c);
	return rc;
}

static const struct cli_opt rm_opts[] = {
	{ "yes", 'y', NULL, "delete without asking" },
	{ "force", 0, NULL, "also a base interpreter others use, or an env in use" },
	{ "json", 0, NULL, "a JSON object (see venvdex(1))" },
	{ NULL }
};

const struct cli_entry cli_rm_entry = {
	"rm", "ENV... [--yes] [--force] [--json]",
	"delete environments. Only a folder that probes as an environment now\n"
	"is deleted, by its real path, never through a symlink, never across a\n"
	"file system; refused: /, $HOME, a mount point, a folder that also holds\n"
	"a project (.git, setup.py, pyproject.toml, src ...), and, unless\n"
	"--force, a base interpreter other indexed environments use or an\n"
	"environment a running process uses. On a terminal it asks first\n"
	"(default no); elsewhere it only lists, unless --yes. The index keeps\n"
	"what was deleted, marked gone: see list --gone, log, diff, freeze",
	rm_opts, 1, -1, "needs at least one ENV", CLI_WRITES, rm_exec
};
