/* cli: scan, list, show, pkgs, find. */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "diff.h"
#include "index.h"
#include "out.h"
#include "roots.h"
#include "rx.h"
#include "scan.h"
#include "util.h"
#include "which.h"

struct cmd {
	const char	*name;
	int		(*fn)(struct index *, int, char **);
	const char	*usage;
	const char	*help;
};

static int	cmd_scan(struct index *, int, char **);
static int	cmd_list(struct index *, int, char **);
static int	cmd_show(struct index *, int, char **);
static int	cmd_pkgs(struct index *, int, char **);
static int	cmd_find(struct index *, int, char **);

static const struct cmd cmds[] = {
	{ "scan", cmd_scan, "scan [-x] [--full] [-q] [ROOT...]",
	  "find and index the environments under ROOTs (default: $HOME and\n"
	  "the well-known places of every manager, and the system interpreters)\n\n"
	  "  -x, --one-file-system  stay on the file system of each ROOT\n"
	  "      --full             read every folder and environment again\n"
	  "  -q, --quiet            no progress, summary or warnings: only errors" },
	{ "list", cmd_list, "list [--json] [--stale] [--kind KIND] [-f REGEX]",
	  "the indexed environments\n\n"
	  "      --json          a JSON array (see venvdex(1))\n"
	  "      --stale         only the stale ones\n"
	  "      --kind KIND     only venv, virtualenv-legacy, conda or interpreter\n"
	  "  -f, --filter REGEX  only those whose name or path matches" },
	{ "show", cmd_show, "show ENV [--json]",
	  "everything known about one environment\n\n"
	  "      --json  a JSON object (see venvdex(1))" },
	{ "pkgs", cmd_pkgs, "pkgs ENV [--json] [-f REGEX]",
	  "the packages installed in ENV\n\n"
	  "      --json          a JSON array (see venvdex(1))\n"
	  "  -f, --filter REGEX  only those whose name matches" },
	{ "find", cmd_find, "find REGEX [--json]",
	  "every installed package whose name matches, in every environment;\n"
	  "exit 1 when there is none\n\n"
	  "      --json  a JSON array (see venvdex(1))" },
	{ "diff", diff_main, "diff A B [--json]",
	  "compare two package sets. A and B: environments (a path to or inside\n"
	  "one, or a name), project folders (their environment), ENV@DATE (what\n"
	  "ENV held then: YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM], @SECONDS, or a time\n"
	  "ago: 30m, 2h, 3d, 1w, today, yesterday), pip freeze or requirements\n"
	  "files (- for standard input), or a Pipfile.lock. A requirements file\n"
	  "with ranges gets verdicts: satisfied, unsatisfied, missing, extra.\n"
	  "Exit 0 when identical or all satisfied, 1 when different" },
	{ "log", diff_log_main, "log ENV [--json]",
	  "every change venvdex has seen in ENV's packages (ENV may be a project\n"
	  "folder, as for diff), oldest first: added, removed, upgraded, downgraded" },
	{ "which", which_main, "which [COMMAND...] [--json]",
	  "what the shell really runs for each COMMAND (default: python python3\n"
	  "pip pip3): every match on PATH, followed through symlinks, pyenv and\n"
	  "asdf shims and shebangs to the Python that runs it, its environment and\n"
	  "where `pip install` puts files; then what is wrong, with the fix.\n"
	  "Nothing found on disk is run. Exit 1 when a problem was found" },
};

void
cli_usage(void *fp)
{
	FILE	*f = fp;
	size_t	 i;

	fprintf(f, "usage: venvdex [--db FILE] [COMMAND [ARGS]]\n\n"
	    "Finds the Python environments on this machine, indexes their packages,\n"
	    "and answers questions about them. With no command it opens the browser\n"
	    "(scanning the default places first when the index is empty).\n\n"
	    "Commands:\n");
	for (i = 0; i < nitems(cmds); i++)
		fprintf(f, "  %s\n", cmds[i].usage);
	fprintf(f, "\nENV is a path to an environment (or anything inside it), or a unique\n"
	    "name from the index. REGEX is a PCRE2 pattern, case-insensitive unless it\n"
	    "holds an upper-case letter.\n\n"
	    "Options:\n"
	    "  --db FILE      the index (default $VENVDEX_DB, else\n"
	    "                 $XDG_CACHE_HOME/venvdex/index.db)\n"
	    "  -h, --help     this help; 'venvdex COMMAND --help' for a command's\n"
	    "  -V, --version  the version\n\n"
	    "Exit status: 0 success, 1 failure (or nothing found), 2 usage.\n"
	    "See venvdex(1).\n");
}

int
cli_cmd_help(const char *name, FILE *f)
{
	size_t	i;

	for (i = 0; i < nitems(cmds); i++) {
		if (strcmp(cmds[i].name, name) == 0) {
			fprintf(f, "usage: venvdex %s\n\n%s\n", cmds[i].usage,
			    cmds[i].help);
			return 0;
		}
	}
	return -1;
}

int
cli_usage_error(const char *cmd, const char *msg)
{
	if (msg != NULL)
		warnx_("%s: %s", cmd, msg);
	cli_cmd_help(cmd, stderr);
	return EXIT_USAGE;
}

/* Options common to the query commands. */
struct qopts {
	int	 json, stale, help;
	char	*kind, *filter;
};

/* Parses argv; positional words are left in argv[optind..]. -1 on a usage error. */
static int
parse_qopts(const char *cmd, int argc, char **argv, struct qopts *q,
    const char *allowed)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "stale", no_argument, NULL, 's' },
		{ "kind", required_argument, NULL, 'k' },
		{ "filter", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int	c;

	memset(q, 0, sizeof *q);
	optind = 0;	/* 0: glibc re-initialises (and permutes) */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (c != '?' && c != ':' && c != 'h' && strchr(allowed, c) == NULL)
			c = '?';
		switch (c) {
		case 'j':
			q->json = 1;
			break;
		case 's':
			q->stale = 1;
			break;
		case 'k':
			q->kind = optarg;
			break;
		case 'f':
			q->filter = optarg;
			break;
		case 'h':
			q->help = 1;
			break;
		case ':':
			warnx_("%s: %s needs an argument", cmd, argv[optind - 1]);
			return -1;
		default:
			warnx_("%s: unknown option %s", cmd, argv[optind - 1]);
			return -1;
		}
	}
	return 0;
}

/* Checks a pattern before SQL sees it, for a clear message. */
int
cli_check_regex(const char *cmd, const char *pattern)
{
	struct rx	*rx;
	char		*err;

	if (pattern == NULL)
		return 0;
	if ((rx = rx_compile(pattern, &err)) == NULL) {
		warnx_("%s: bad pattern '%s': %s", cmd, pattern, err);
		free(err);
		return -1;
	}
	rx_free(rx);
	return 0;
}

static sqlite3_stmt *
prepare(struct index *ix, const char *sql)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(index_db(ix), sql, -1, &st, NULL) != SQLITE_OK) {
		warnx_("index: %s", sqlite3_errmsg(index_db(ix)));
		return NULL;
	}
	return st;
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* After stepping st to rc: 0 when it ran to its end, else 1 (warned). */
static int
step_end(struct index *ix, int rc)
{
	if (rc == SQLITE_DONE)
		return 0;
	warnx_("index: %s", sqlite3_errmsg(index_db(ix)));
	return 1;
}

/* Prints the one-row, one-column JSON result of st; returns the exit status. */
int
cli_print_json(struct index *ix, sqlite3_stmt *st)
{
	int	rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		fputs(col(st, 0) != NULL ? col(st, 0) : "[]", stdout);
		fputc('\n', stdout);
		rc = 0;
	} else {
		warnx_("index: %s", sqlite3_errmsg(index_db(ix)));
		rc = 1;
	}
	sqlite3_finalize(st);
	return rc;
}

/* --- scan ---------------------------------------------------------------- */

static int	progress_shown;

static void
scan_progress(const struct scan_stats *st, void *arg)
{
	char	*cur, *tilde;
	int	 w = *(int *)arg, n;

	tilde = path_tilde(st->current);
	cur = term_safe(tilde);
	n = fprintf(stderr, "\r\033[K%llu folder%s, %u environment%s  ",
	    (unsigned long long)st->dirs, st->dirs == 1 ? "" : "s", st->envs,
	    st->envs == 1 ? "" : "s");
	if (w > n + 4)
		fprintf(stderr, "%.*s", w - n - 1, cur);
	fflush(stderr);
	progress_shown = 1;
	free(cur);
	free(tilde);
}

static void
scan_report(const struct scan_stats *st)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		progress_shown = 0;
	}
	printf("%u environment%s (%u new, %u re-read, %u unchanged, %u gone), "
	    "%llu packages read, %llu changes, %llu folders in %.2fs\n",
	    st->envs, st->envs == 1 ? "" : "s", st->added, st->changed, st->unchanged, st->gone,
	    (unsigned long long)st->packages, (unsigned long long)st->changes,
	    (unsigned long long)st->dirs, st->seconds);
	if (st->denied > 1)
		warnx_("%llu folders could not be read (permission denied), the "
		    "first: %s", (unsigned long long)st->denied, st->denied_path);
	else if (st->denied == 1)
		warnx_("1 folder could not be read (permission denied): %s",
		    st->denied_path);
}

static int
run_scan(struct index *ix, char **paths, int npaths, int one_fs, int full,
    int quiet)
{
	struct scan_opts	 o = { 0 };
	struct scan_stats	 st;
	struct roots		 r;
	int			 rc = 0, width;

	if (index_readonly(ix) != NULL) {
		warnx_("scan: %s", index_readonly(ix));
		return 1;
	}
	if (npaths > 0)
		rc = roots_named(&r, paths, (size_t)npaths) == -1 ? 1 : 0;
	else
		roots_default(&r);
	o.one_fs = one_fs;
	o.full = full;
	width = 0;
	if (isatty(STDERR_FILENO)) {
		struct winsize	ws;

		width = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ?
		    ws.ws_col : 80;
	}
	if (width > 0 && !quiet) {
		o.on_progress = scan_progress;
		o.arg = &width;
	}
	if (r.n > 0 || npaths == 0)
		scan_run(ix, &r, &o, &st);
	else
		memset(&st, 0, sizeof st);
	if (!quiet)
		scan_report(&st);
	if (st.errors > 0)
		rc = 1;
	roots_free(&r);
	return rc;
}

static int
cmd_scan(struct index *ix, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "one-file-system", no_argument, NULL, 'x' },
		{ "full", no_argument, NULL, 'F' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int	c, one_fs = 0, full = 0, quiet = 0;

	optind = 0;	/* 0: glibc re-initialises (and permutes) */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "xqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'x':
			one_fs = 1;
			break;
		case 'F':
			full = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			return cli_cmd_help("scan", stdout);
		case ':':
			warnx_("scan: %s needs an argument", argv[optind - 1]);
			return cli_usage_error("scan", NULL);
		default:
			warnx_("scan: unknown option %s", argv[optind - 1]);
			return cli_usage_error("scan", NULL);
		}
	}
	return run_scan(ix, argv + optind, argc - optind, one_fs, full, quiet);
}

/* --- list ---------------------------------------------------------------- */

static const char *kinds[] = { "venv", "virtualenv-legacy", "conda", "interpreter" };

static const char env_where[] =
    " WHERE (?1 IS NULL OR kind = ?1) AND (?2 = 0 OR stale != 0)"
    " AND (?3 IS NULL OR name REGEXP ?3 OR path REGEXP ?3)";

static void
stale_words(int bits, int windows, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s%s%s%s",
	    bits & 1 ? " interpreter-missing" : "",
	    bits & 2 ? " project-missing" : "",
	    bits & 4 ? " unused" : "",
	    windows ? " windows" : "");
}

static int
cmd_list(struct index *ix, int argc, char **argv)
{
	struct qopts	 q;
	struct table	*t;
	sqlite3_stmt	*st;
	char		*sql, size[16], age[32], marks[96], *status, *path;
	int64_t		 now = (int64_t)time(NULL), total = 0, stale_size = 0;
	int64_t		 npkgs = 0;
	size_t		 i;
	int		 n = 0, nstale = 0, ok = 0, rc;

	if (parse_qopts("list", argc, argv, &q, "jskf") == -1)
		return cli_usage_error("list", NULL);
	if (q.help)
		return cli_cmd_help("list", stdout);
	if (optind < argc)
		return cli_usage_error("list", "unexpected argument");
	for (i = 0; q.kind != NULL && i < nitems(kinds); i++)
		ok |= strcmp(q.kind, kinds[i]) == 0;
	if (q.kind != NULL && !ok)
		return cli_usage_error("list", "--kind takes venv, virtualenv-legacy, "
		    "conda or interpreter");
	if (cli_check_regex("list", q.filter) == -1)
		return EXIT_USAGE;

	if (q.json)
		sql = xasprintf("SELECT json_group_array(json(json)) FROM"
		    " (SELECT json FROM envj %s ORDER BY path)", env_where);
	else
		sql = xasprintf("SELECT name, kind, manager, python, packages, size,"
		    " used, status, stale, windows, path FROM envx %s"
		    " ORDER BY path", env_where);
	st = prepare(ix, sql);
	free(sql);
	if (st == NULL)
		return 1;
	if (q.kind != NULL)
		sqlite3_bind_text(st, 1, q.kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, q.stale);
	if (q.filter != NULL)
		sqlite3_bind_text(st, 3, q.filter, -1, SQLITE_STATIC);
	if (q.json)
		return cli_print_json(ix, st);

	t = out_table_new();
	out_table_col(t, "NAME", 0);
	out_table_col(t, "KIND", 0);
	out_table_col(t, "MANAGER", 0);
	out_table_col(t, "PYTHON", 0);
	out_table_col(t, "PKGS", 1);
	out_table_col(t, "SIZE", 1);
	out_table_col(t, "USED", 1);
	out_table_col(t, "STATUS", 0);
	out_table_col(t, "PATH", 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int	 bits = sqlite3_column_int(st, 8);
		int64_t	 sz = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 5);

		n++;
		npkgs += sqlite3_column_int64(st, 4);
		if (sz > 0)
			total += sz;
		if (bits != 0) {
			nstale++;
			if (sz > 0)
				stale_size += sz;
		}
		out_table_row(t, strcmp(col(st, 7), "broken") == 0 ? OUT_RED :
		    bits != 0 ? OUT_YELLOW : OUT_PLAIN);
		out_table_cell(t, col(st, 0));
		out_table_cell(t, strcmp(col(st, 1), "virtualenv-legacy") == 0 ?
		    "legacy" : col(st, 1));
		out_table_cell(t, col(st, 2));
		out_table_cell(t, col(st, 3));
		out_table_cell(t, col(st, 4));
		fmt_size(sz, size, sizeof size);
		out_table_cell(t, size);
		fmt_age(sqlite3_column_int64(st, 6), now, age, sizeof age);
		out_table_cell(t, age);
		stale_words(bits, sqlite3_column_int(st, 9), marks, sizeof marks);
		status = xasprintf("%s%s", col(st, 7), marks);
		out_table_cell(t, status);
		free(status);
		path = path_tilde(col(st, 10));
		out_table_cell(t, path);
		free(path);
	}
	rc = step_end(ix, rc);
	sqlite3_finalize(st);
	if (rc != 0) {
		out_table_free(t);
		return 1;
	}
	if (n > 0)
		out_table_print(t, stdout);
	out_table_free(t);
	fmt_size(total, size, sizeof size);
	printf("%d environment%s, %lld packages, %s", n, n == 1 ? "" : "s",
	    (long long)npkgs, size);
	if (nstale > 0) {
		fmt_size(stale_size, size, sizeof size);
		printf("; %d stale (%s reclaimable)", nstale, size);
	}
	putchar('\n');
	return 0;
}

/* --- show ---------------------------------------------------------------- */

/* Resolves ENV, indexing it on the spot when it is on disk but not indexed. */
char *
cli_resolve(struct index *ix, const char *cmd, const char *arg)
{
	char	*path, *unindexed, *err;

	path = index_resolve(ix, arg, &unindexed, &err);
	if (path != NULL)
		return path;
	if (unindexed != NULL) {
		if (index_readonly(ix) != NULL)
			err = xasprintf("%s: not in the index, and %s", arg,
			    index_readonly(ix));
		else if (scan_one(ix, unindexed) == 0)
			return unindexed;
		else
			err = xasprintf("%s: cannot read the environment", arg);
		free(unindexed);
	}
	warnx_("%s: %s", cmd, err);
	free(err);
	return NULL;
}

static void
show_line(const char *key, const char *value)
{
	char	*tilde;

	printf("%-13s", key);
	if (value == NULL || value[0] == '\0') {
		out_print(stdout, OUT_DIM, "-");
	} else {
		tilde = value[0] == '/' ? path_tilde(value) : xstrdup(value);
		out_print(stdout, OUT_PLAIN, tilde);
		free(tilde);
	}
	putchar('\n');
}

static int
cmd_show(struct index *ix, int argc, char **argv)
{
	struct qopts	 q;
	sqlite3_stmt	*st;
	char		*path, buf[128], size[16], *p, *line, *next;
	int64_t		 now = (int64_t)time(NULL);
	int		 bits;

	if (parse_qopts("show", argc, argv, &q, "j") == -1)
		return cli_usage_error("show", NULL);
	if (q.help)
		return cli_cmd_help("show", stdout);
	if (argc - optind != 1)
		return cli_usage_error("show", "needs one ENV");
	if ((path = cli_resolve(ix, "show", argv[optind])) == NULL)
		return 1;
	if (q.json) {
		st = prepare(ix,
		    "WITH RECURSIVE split(s, rest) AS ("
		    "  SELECT NULL, coalesce(site, '') || char(10) FROM env WHERE path = ?1"
		    "  UNION ALL SELECT substr(rest, 1, instr(rest, char(10)) - 1),"
		    "  substr(rest, instr(rest, char(10)) + 1) FROM split WHERE rest <> '')"
		    " SELECT json_set(json, '$.site', (SELECT json_group_array(repair(s))"
		    "  FROM split WHERE s IS NOT NULL AND s <> ''),"
		    "  '$.prompt', prompt, '$.system_site_packages',"
		    "  json(CASE WHEN system_site THEN 'true' ELSE 'false' END),"
		    "  '$.first_seen', first_seen, '$.scanned', scanned)"
		    " FROM envj WHERE path = ?1");
		if (st == NULL) {
			free(path);
			return 1;
		}
		sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
		bits = cli_print_json(ix, st);
		free(path);
		return bits;
	}
	st = prepare(ix, "SELECT path, name, kind, creator, manager, python, base,"
	    " project, status, stale, packages, size, used, site, windows, prompt,"
	    " system_site, first_seen, scanned FROM envx WHERE path = ?1");
	if (st == NULL) {
		free(path);
		return 1;
	}
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if ((bits = sqlite3_step(st)) != SQLITE_ROW) {
		if (bits == SQLITE_DONE)
			warnx_("show: %s: not in the index", path);
		else
			step_end(ix, bits);
		sqlite3_finalize(st);
		free(path);
		return 1;
	}
	show_line("path", col(st, 0));
	show_line("name", col(st, 1));
	snprintf(buf, sizeof buf, "%s%s%s%s%s%s", col(st, 2),
	    col(st, 3) || col(st, 4) ? " (" : "",
	    col(st, 3) ? "created by " : "", col(st, 3) ? col(st, 3) : "",
	    col(st, 4) ? (col(st, 3) ? ", managed by " : "managed by ") : "",
	    col(st, 4) ? col(st, 4) : "");
	if (col(st, 3) || col(st, 4))
		strncat(buf, ")", sizeof buf - strlen(buf) - 1);
	if (sqlite3_column_int(st, 14))
		strncat(buf, ", Windows layout: not runnable here",
		    sizeof buf - strlen(buf) - 1);
	show_line("kind", buf);
	show_line("python", col(st, 5));
	show_line("base", col(st, 6));
	show_line("prompt", col(st, 15));
	show_line("project", col(st, 7));
	bits = sqlite3_column_int(st, 9);
	show_line("status", col(st, 8));
	stale_words(bits, 0, buf, sizeof buf);
	show_line("stale", buf[0] == ' ' ? buf + 1 : buf);
	show_line("packages", col(st, 10));
	fmt_size(sqlite3_column_type(st, 11) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 11), size, sizeof size);
	show_line("size", size);
	fmt_age(sqlite3_column_int64(st, 12), now, buf, sizeof buf);
	show_line("last used", buf);
	show_line("system site", sqlite3_column_int(st, 16) ? "included" : "not included");
	p = xstrdup(col(st, 13) != NULL ? col(st, 13) : "");
	for (line = p; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		show_line(line == p ? "site" : "", line);
	}
	free(p);
	fmt_age(sqlite3_column_int64(st, 18), now, buf, sizeof buf);
	show_line("scanned", buf);
	sqlite3_finalize(st);
	free(path);
	return 0;
}

/* --- pkgs and find ------------------------------------------------------- */

static const char pkg_json[] =
    "json_object('name', repair(p.name), 'version', repair(p.version),"
    " 'summary', repair(p.summary), 'installer', repair(p.installer),"
    " 'editable', json(CASE WHEN p.editable THEN 'true' ELSE 'false' END),"
    " 'requested', json(CASE WHEN p.requested THEN 'true' ELSE 'false' END),"
    " 'size', p.size, 'location', repair(p.location)";

static int
cmd_pkgs(struct index *ix, int argc, char **argv)
{
	struct qopts	 q;
	struct table	*t;
	sqlite3_stmt	*st;
	char		*path, *sql, size[16], flags[4];
	int		 n = 0, rc;

	if (parse_qopts("pkgs", argc, argv, &q, "jf") == -1)
		return cli_usage_error("pkgs", NULL);
	if (q.help)
		return cli_cmd_help("pkgs", stdout);
	if (argc - optind != 1)
		return cli_usage_error("pkgs", "needs one ENV");
	if (cli_check_regex("pkgs", q.filter) == -1)
		return EXIT_USAGE;
	if ((path = cli_resolve(ix, "pkgs", argv[optind])) == NULL)
		return 1;
	if (q.json)
		sql = xasprintf("SELECT json_group_array(json(j)) FROM (SELECT %s) AS j"
		    " FROM pkg p JOIN env e ON e.id = p.env_id WHERE e.path = ?1"
		    " AND (?2 IS NULL OR p.name REGEXP ?2) ORDER BY p.norm)", pkg_json);
	else
		sql = xasprintf("SELECT p.name, p.version, p.installer, p.editable,"
		    " p.requested, p.size, p.summary FROM pkg p JOIN env e ON"
		    " e.id = p.env_id WHERE e.path = ?1 AND (?2 IS NULL OR"
		    " p.name REGEXP ?2) ORDER BY p.norm");
	st = prepare(ix, sql);
	free(sql);
	if (st == NULL) {
		free(path);
		return 1;
	}
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if (q.filter != NULL)
		sqlite3_bind_text(st, 2, q.filter, -1, SQLITE_STATIC);
	if (q.json) {
		n = cli_print_json(ix, st);
		free(path);
		return n;
	}
	t = out_table_new();
	out_table_col(t, "NAME", 0);
	out_table_col(t, "VERSION", 0);
	out_table_col(t, "INSTALLER", 0);
	out_table_col(t, "FL", 0);
	out_table_col(t, "SIZE", 1);
	out_table_col(t, "SUMMARY", 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		out_table_row(t, sqlite3_column_int(st, 3) ? OUT_CYAN : OUT_PLAIN);
		out_table_cell(t, col(st, 0));
		out_table_cell(t, col(st, 1));
		out_table_cell(t, col(st, 2));
		snprintf(flags, sizeof flags, "%c%c",
		    sqlite3_column_int(st, 3) ? 'e' : '-',
		    sqlite3_column_int(st, 4) ? 'r' : '-');
		out_table_cell(t, flags);
		fmt_size(sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 5), size, sizeof size);
		out_table_cell(t, size);
		out_table_cell(t, col(st, 6) != NULL ? col(st, 6) : "");
	}
	rc = step_end(ix, rc);
	sqlite3_finalize(st);
	if (n > 0 && rc == 0)
		out_table_print(t, stdout);
	out_table_free(t);
	free(path);
	return rc;
}

static int
cmd_find(struct index *ix, int argc, char **argv)
{
	struct qopts	 q;
	struct table	*t;
	sqlite3_stmt	*st;
	char		*sql, *path;
	int		 n = 0, rc;

	if (parse_qopts("find", argc, argv, &q, "j") == -1)
		return cli_usage_error("find", NULL);
	if (q.help)
		return cli_cmd_help("find", stdout);
	if (argc - optind != 1)
		return cli_usage_error("find", "needs one REGEX");
	if (cli_check_regex("find", argv[optind]) == -1)
		return EXIT_USAGE;
	if (q.json)
		sql = xasprintf("SELECT json_group_array(json(j)) FROM (SELECT json_set(%s),"
		    " '$.env', repair(e.path), '$.env_name', repair(e.name)) AS j"
		    " FROM pkg p JOIN env e ON e.id = p.env_id"
		    " WHERE p.name REGEXP ?1 ORDER BY p.norm, e.path)", pkg_json);
	else
		sql = xasprintf("SELECT p.name, p.version, e.name, e.path FROM pkg p"
		    " JOIN env e ON e.id = p.env_id WHERE p.name REGEXP ?1"
		    " ORDER BY p.norm, e.path");
	st = prepare(ix, sql);
	free(sql);
	if (st == NULL)
		return 1;
	sqlite3_bind_text(st, 1, argv[optind], -1, SQLITE_STATIC);
	if (q.json) {
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			puts(col(st, 0));
			rc = strcmp(col(st, 0), "[]") == 0 ? 1 : 0;
		} else
			rc = step_end(ix, rc);
		sqlite3_finalize(st);
		return rc;
	}
	t = out_table_new();
	out_table_col(t, "NAME", 0);
	out_table_col(t, "VERSION", 0);
	out_table_col(t, "ENV", 0);
	out_table_col(t, "PATH", 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		out_table_row(t, OUT_PLAIN);
		out_table_cell(t, col(st, 0));
		out_table_cell(t, col(st, 1));
		out_table_cell(t, col(st, 2));
		path = path_tilde(col(st, 3));
		out_table_cell(t, path);
		free(path);
	}
	rc = step_end(ix, rc);
	sqlite3_finalize(st);
	if (n > 0 && rc == 0)
		out_table_print(t, stdout);
	out_table_free(t);
	return n > 0 && rc == 0 ? 0 : 1;
}

/* --- dispatch ------------------------------------------------------------ */

/*
 * Whether a command's arguments ask for its help: then it needs no index,
 * and none is opened (or made). "--" ends the options; the value of an
 * option that takes one is not an option.
 */
static int
wants_help(int argc, char **argv)
{
	static const char *const valued[] = { "-f", "--filter", "--kind" };
	size_t	k;
	int	i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
		for (k = 0; k < nitems(valued); k++) {
			if (strcmp(argv[i], valued[k]) == 0) {
				i++;
				break;
			}
		}
	}
	return 0;
}

int
cli_main(const char *dbpath, int argc, char **argv)
{
	struct index	*ix;
	char		*err;
	size_t		 i;
	int		 rc;

	out_init();
	for (i = 0; i < nitems(cmds); i++)
		if (strcmp(argv[0], cmds[i].name) == 0)
			break;
	if (i == nitems(cmds)) {
		warnx_("unknown command '%s' (see venvdex --help)", argv[0]);
		return EXIT_USAGE;
	}
	if (wants_help(argc, argv))
		return cli_cmd_help(argv[0], stdout) == 0 ? 0 : EXIT_USAGE;
	if ((ix = index_open(dbpath, &err)) == NULL) {
		warnx_("%s", err);
		free(err);
		return 1;
	}
	rc = cmds[i].fn(ix, argc, argv);
	if ((err = index_damage(ix)) != NULL) {
		warnx_("%s", err);
		free(err);
		rc = rc == 0 ? 1 : rc;
	}
	index_close(ix);
	return rc;
}
