/* cli-diff: venvdex diff A B [--json] */
#include "config.h"

#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "diff.h"
#include "index.h"
#include "out.h"
#include "probe.h"
#include "req.h"
#include "scan.h"
#include "util.h"

char *
cli_resolve_project(struct index *ix, const char *cmd, const char *arg)
{
	struct stat	  sb;
	char		**v = NULL, *abs, *r = NULL;
	size_t		  n = 0, i;

	if (stat(arg, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		abs = path_absolute(arg);
		if (!diff_is_env_root(ix, abs) &&
		    (n = diff_project_envs(ix, abs, &v)) > 1) {
			warnx_("%s: %s holds %zu environments; name one of them:",
			    cmd, arg, n);
			for (i = 0; i < n; i++) {
				char	*safe = term_safe(v[i]);

				fprintf(stderr, "  %s\n", safe);
				free(safe);
			}
		} else if (n == 1)
			r = cli_resolve(ix, cmd, v[0]);
		else
			r = cli_resolve(ix, cmd, abs);
		for (i = 0; i < n; i++)
			free(v[i]);
		free(v);
		free(abs);
	} else
		r = cli_resolve(ix, cmd, arg);
	if (r != NULL)
		scan_ensure(ix, r, 1);
	return r;
}

/* Whether word names an environment or a project folder with one (quietly). */
static int
is_env_word(struct index *ix, const char *word)
{
	struct stat	  sb;
	char		 *path, *unindexed, *err, **v = NULL, *abs;
	size_t		  n = 0, i;
	int		  found;

	path = index_resolve(ix, word, &unindexed, &err);
	found = path != NULL || unindexed != NULL;
	free(path);
	free(unindexed);
	free(err);
	if (!found && stat(word, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		abs = path_absolute(word);
		n = diff_project_envs(ix, abs, &v);
		for (i = 0; i < n; i++)
			free(v[i]);
		free(v);
		free(abs);
		found = n > 0;
	}
	return found;
}

/*
 * Makes a side from a command-line word: an environment (a path to or in
 * one, or a name), a project folder (its single environment), ENV@DATE, a
 * requirements or pip freeze file, or a Pipfile.lock. Returns 0, or -1
 * after a "venvdex: diff: ..." warning (several environments in a folder
 * are listed).
 */
static int
side_open(struct index *ix, const char *arg, struct diff_side *s)
{
	struct stat	 sb;
	const char	*at;
	char		*env, *err = NULL, *root, *left;
	int64_t		 t;
	int		 rc;

	memset(s, 0, sizeof *s);
	/* Standard input or a pipe: pip freeze | venvdex diff - ENV. */
	if (strcmp(arg, "-") == 0 || (stat(arg, &sb) == 0 && S_ISFIFO(sb.st_mode))) {
		if (diff_side_file(ix, s, arg, &err) == -1) {
			warnx_("diff: %s", err);
			free(err);
			return -1;
		}
		return 0;
	}
	if (stat(arg, &sb) == 0 && S_ISREG(sb.st_mode)) {
		root = diff_is_reqs_name(arg) ? NULL : probe_find_root(arg);
		if (root == NULL) {
			if (diff_side_file(ix, s, arg, &err) == -1) {
				warnx_("diff: %s", err);
				free(err);
				return -1;
			}
			return 0;
		}
		free(root);
	} else if (stat(arg, &sb) == -1 && (at = strrchr(arg, '@')) != NULL &&
	    at > arg) {
		if (at - arg > 1 && at[-1] == '@')	/* ENV@@SECONDS */
			at--;
		left = xstrndup(arg, (size_t)(at - arg));
		if (diff_parse_date(at + 1, &t) == -1) {
			/* ENV@ with no date after it: say so, if ENV is one. */
			rc = is_env_word(ix, left);
			free(left);
			if (!rc)
				goto env;
			warnx_("diff: %s: '%s' is not a date: give YYYY-MM-DD, "
			    "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], SECONDS since the "
			    "epoch, a time ago (30m, 2h, 3d, 1w), today or "
			    "yesterday", arg, strrchr(arg, '@') + 1);
			return -1;
		}
		env = cli_resolve_project(ix, "diff", left);
		free(left);
		if (env == NULL)
			return -1;
		rc = diff_side_at(ix, s, env, t, &err);
		free(env);
		if (rc == -1) {
			warnx_("diff: %s", err);
			free(err);
		}
		return rc;
	}
env:
	if ((env = cli_resolve_project(ix, "diff", arg)) == NULL)
		return -1;
	diff_side_env(s, env);
	free(env);
	return 0;
}

static int
utf8_terminal(void)
{
	const char	*cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Prints the rows of one kind as a table under a heading. */
static void
section(struct index *ix, const char *kind, const char *heading, int n,
    enum out_color color)
{
	static const char *const arrows[2][2] = { { "up", "down" },
	    { "\xe2\x86\x91", "\xe2\x86\x93" } };
	struct table	*t;
	struct diff_item *v, *it;
	size_t		 nv, i;
	char		*h;
	int		 changed = strcmp(kind, "changed") == 0, u8 = utf8_terminal();
	int		 verdict = strcmp(kind, "unsatisfied") == 0;
	int		 missing = strcmp(kind, "missing") == 0;

	if (n == 0 || diff_items(ix, kind, &v, &nv) == -1)
		return;
	h = xasprintf("%s (%d):", heading, n);
	out_print(stdout, OUT_BOLD, h);
	putchar('\n');
	free(h);
	t = out_table_new();
	out_table_col(t, "  NAME", 0);
	if (changed) {
		out_table_col(t, "A", 0);
		out_table_col(t, "", 0);
		out_table_col(t, "B", 0);
	} else if (verdict) {
		out_table_col(t, "INSTALLED", 0);
		out_table_col(t, "WANTED", 0);
	} else
		out_table_col(t, missing ? "WANTED" : "VERSION", 0);
	for (i = 0; i < nv; i++) {
		int	up;

		it = &v[i];
		up = strcmp(it->direction, "up") == 0;
		out_table_row(t, changed ? (up ? OUT_GREEN : OUT_YELLOW) : color);
		h = xasprintf("  %s", it->name);
		out_table_cell(t, h);
		free(h);
		if (changed) {
			out_table_cell(t, it->a);
			out_table_cell(t, arrows[u8][up ? 0 : 1]);
			out_table_cell(t, it->b);
		} else if (verdict) {
			out_table_cell(t, it->a);
			out_table_cell(t, it->wanted);
		} else if (missing)
			out_table_cell(t, *it->wanted != '\0' ? it->wanted : "(any)");
		else
			out_table_cell(t, it->a[0] || it->b[0] ?
			    (strcmp(kind, "only_b") == 0 ? it->b : it->a) : "?");
	}
	diff_items_free(v, nv);
	out_table_print(t, stdout);
	out_table_free(t);
}

static void
print_label(const char *which, const char *label)
{
	char	*tilde = label[0] == '/' ? path_tilde(label) : xstrdup(label);

	printf("%s ", which);
	out_print(stdout, OUT_PLAIN, tilde);
	putchar('\n');
	free(tilde);
}

static void
print_human(struct index *ix, const struct diff_side *a,
    const struct diff_side *b, const struct diff_result *r)
{
	print_label("A:", a->label);
	print_label("B:", b->label);
	if (r->verdicts) {
		section(ix, "unsatisfied", "unsatisfied", r->unsatisfied, OUT_RED);
		section(ix, "missing", "missing", r->missing, OUT_RED);
		section(ix, "extra", "installed, not required", r->extra, OUT_DIM);
		printf("%d satisfied, %d unsatisfied, %d missing, %d extra\n",
		    r->satisfied, r->unsatisfied, r->missing, r->extra);
		return;
	}
	section(ix, "only_a", "only in A", r->only_a, OUT_RED);
	section(ix, "only_b", "only in B", r->only_b, OUT_GREEN);
	section(ix, "changed", "changed", r->changed, OUT_PLAIN);
	if (r->only_a + r->only_b + r->changed == 0)
		printf("identical: %d package%s the same\n", r->same,
		    r->same == 1 ? "" : "s");
	else
		printf("%d the same, %d only in A, %d only in B, %d changed\n",
		    r->same, r->only_a, r->only_b, r->changed);
}

static void
print_warnings(const struct diff_side *s)
{
	size_t	i;

	for (i = 0; i < s->reqs.nwarn; i++)
		warnx_("diff: %s", s->reqs.warn[i]);
}

static int
diff_exec(struct index *ix, struct cli_args *args)
{
	struct diff_side	 a, b;
	struct diff_result	 res;
	char			*err, *json, **argv = args->argv;
	int			 asjson = cli_flag(args, "json"), rc;

	if (strcmp(argv[0], "-") == 0 && strcmp(argv[1], "-") == 0)
		return cli_usage_error(args, "only one side can be standard input");
	if (side_open(ix, argv[0], &a) == -1)
		return 1;
	if (side_open(ix, argv[1], &b) == -1) {
		diff_side_free(&a);
		return 1;
	}
	rc = diff_compare(ix, &a, &b, &res, &err);
	print_warnings(&a);
	print_warnings(&b);
	if (rc == -1) {
		warnx_("diff: %s", err);
		rc = a.kind == DIFF_REQS && b.kind == DIFF_REQS ? EXIT_USAGE : 1;
		free(err);
	} else {
		if (asjson) {
			if ((json = diff_json(ix, &a, &b, &res, &err)) != NULL)
				puts(json);
			else {
				warnx_("%s", err);
				free(err);
			}
			free(json);
		} else
			print_human(ix, &a, &b, &res);
		if (res.verdicts)
			rc = res.unsatisfied + res.missing > 0 ? 1 : 0;
		else
			rc = res.only_a + res.only_b + res.changed > 0 ? 1 : 0;
	}
	diff_side_free(&a);
	diff_side_free(&b);
	return rc;
}

static const struct cli_opt diff_opts[] = {
	{ "json", 0, NULL, "a JSON object (see venvdex(1))" },
	{ NULL }
};

const struct cli_entry cli_diff_entry = {
	"diff", "A B [--json]",
	"compare two package sets. A and B: environments (a path to or inside\n"
	"one, or a name), project folders (their environment), ENV@DATE (what\n"
	"ENV held then: YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM], @SECONDS, or a time\n"
	"ago: 30m, 2h, 3d, 1w, today, yesterday), pip freeze or requirements\n"
	"files (- for standard input), or a Pipfile.lock. A requirements file\n"
	"with ranges gets verdicts: satisfied, unsatisfied, missing, extra.\n"
	"Exit 0 when identical or all satisfied, 1 when different",
	diff_opts, 2, 2, "needs two things to compare", 0, diff_exec
};
