/* cli: the command table, the one option parser, help, and dispatch. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "index.h"
#include "out.h"
#include "probe.h"
#include "rx.h"
#include "scan.h"
#include "util.h"

static const struct cli_entry *const cli_table[] = {
	&cli_scan_entry,
	&cli_list_entry,
	&cli_show_entry,
	&cli_pkgs_entry,
	&cli_find_entry,
	&cli_diff_entry,
	&cli_log_entry,
	&cli_deps_entry,
	&cli_check_entry,
	&cli_which_entry,
	&cli_create_entry,
	&cli_rm_entry,
	&cli_clean_entry,
	&cli_freeze_entry,
	&cli_shell_entry,
	&cli_pip_entry,
	&cli_audit_entry,
	&cli_dupes_entry,
};

void
cli_usage(FILE *f)
{
	size_t	i;

	fprintf(f, "usage: venvdex [--db FILE] [COMMAND [ARGS]]\n\n"
	    "Finds the Python environments on this machine, indexes their packages,\n"
	    "and answers questions about them. With no command it opens the browser\n"
	    "(scanning the default places first when the index is empty).\n\n"
	    "Commands:\n");
	for (i = 0; i < nitems(cli_table); i++)
		fprintf(f, "  %s %s\n", cli_table[i]->name, cli_table[i]->usage);
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

/* A command's help: the synopsis, what it does, and its options from the table. */
static void
cli_help(const struct cli_entry *e, FILE *f)
{
	const struct cli_opt	*o;
	char			 left[64];
	int			 w = 0, n;

	fprintf(f, "usage: venvdex %s %s\n\n%s\n", e->name, e->usage, e->about);
	for (o = e->opts; o != NULL && o->name != NULL; o++) {
		n = snprintf(left, sizeof left, "--%s%s%s", o->name,
		    o->arg != NULL ? " " : "", o->arg != NULL ? o->arg : "");
		w = n > w ? n : w;
	}
	if (w == 0)
		return;
	fputc('\n', f);
	for (o = e->opts; o->name != NULL; o++) {
		snprintf(left, sizeof left, "--%s%s%s", o->name,
		    o->arg != NULL ? " " : "", o->arg != NULL ? o->arg : "");
		if (o->letter != 0)
			fprintf(f, "  -%c, %-*s  %s\n", o->letter, w, left, o->help);
		else
			fprintf(f, "      %-*s  %s\n", w, left, o->help);
	}
}

int
cli_usage_error(const struct cli_args *a, const char *msg)
{
	if (msg != NULL)
		warnx_("%s: %s", a->entry->name, msg);
	fprintf(stderr, "usage: venvdex %s %s\n", a->entry->name, a->entry->usage);
	return EXIT_USAGE;
}

static int
cli_opt_index(const struct cli_entry *e, const char *name)
{
	int	i;

	for (i = 0; e->opts != NULL && e->opts[i].name != NULL; i++)
		if (strcmp(e->opts[i].name, name) == 0)
			return i;
	fatalx("%s: no option --%s in its table", e->name, name);
}

int
cli_flag(const struct cli_args *a, const char *name)
{
	return a->count[cli_opt_index(a->entry, name)];
}

const char *
cli_value(const struct cli_args *a, const char *name)
{
	return a->value[cli_opt_index(a->entry, name)];
}

/* The option of e spelt by a long name (len bytes of s) or a letter; -1 if none. */
static int
cli_opt_find(const struct cli_entry *e, const char *s, size_t len, int letter)
{
	int	i;

	for (i = 0; e->opts != NULL && e->opts[i].name != NULL; i++) {
		if (letter != 0 ? e->opts[i].letter == letter :
		    strlen(e->opts[i].name) == len &&
		    strncmp(e->opts[i].name, s, len) == 0)
			return i;
	}
	return -1;
}

/*
 * Parses the words after the command name into a (a->argv is allocated:
 * free it). Options may come anywhere before "--"; "-" alone is a word.
 * Returns 0, 1 when --help was asked for, or -1 after a warning.
 */
static int
cli_parse(const struct cli_entry *e, int argc, char **argv, struct cli_args *a)
{
	const char	*w, *eq, *val;
	int		 i, k, o, help = 0;
	size_t		 len;

	memset(a, 0, sizeof *a);
	a->entry = e;
	a->argv = xcalloc((size_t)argc + 1, sizeof *a->argv);
	for (i = 1; i < argc; i++) {
		w = argv[i];
		if (strcmp(w, "--") == 0) {
			a->dashdash = 1;
			if (e->flags & CLI_REST) {
				a->rest = argv + i + 1;
				a->nrest = argc - i - 1;
			} else {
				for (i++; i < argc; i++)
					a->argv[a->argc++] = argv[i];
			}
			break;
		}
		if (w[0] != '-' || w[1] == '\0') {
			a->argv[a->argc++] = argv[i];
			continue;
		}
		if (w[1] == '-') {	/* --name, --name=value, --name value */
			w += 2;
			eq = strchr(w, '=');
			len = eq != NULL ? (size_t)(eq - w) : strlen(w);
			if (len == 4 && strncmp(w, "help", 4) == 0 && eq == NULL) {
				help = 1;
				continue;
			}
			if ((o = cli_opt_find(e, w, len, 0)) == -1) {
				warnx_("%s: unknown option %s", e->name, argv[i]);
				return -1;
			}
			if (e->opts[o].arg == NULL) {
				if (eq != NULL) {
					warnx_("%s: --%s takes no value", e->name,
					    e->opts[o].name);
					return -1;
				}
				a->count[o]++;
				continue;
			}
			if (eq != NULL)
				val = eq + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else {
				warnx_("%s: --%s needs %s", e->name, e->opts[o].name,
				    e->opts[o].arg);
				return -1;
			}
			a->value[o] = val;
			a->count[o]++;
			continue;
		}
		for (k = 1; w[k] != '\0'; k++) {	/* -xq, -f REGEX, -fREGEX */
			if (w[k] == 'h') {
				help = 1;
				continue;
			}
			if ((o = cli_opt_find(e, NULL, 0, (unsigned char)w[k])) == -1) {
				warnx_("%s: unknown option -%c", e->name, w[k]);
				return -1;
			}
			a->count[o]++;
			if (e->opts[o].arg == NULL)
				continue;
			if (w[k + 1] != '\0')
				a->value[o] = w + k + 1;
			else if (i + 1 < argc)
				a->value[o] = argv[++i];
			else {
				warnx_("%s: -%c needs %s", e->name, w[k], e->opts[o].arg);
				return -1;
			}
			break;
		}
	}
	return help;
}

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

char *
cli_resolve(struct index *ix, const char *cmd, const char *arg)
{
	char	*path, *err;

	if ((path = scan_resolve(ix, arg, &err)) == NULL) {
		warnx_("%s: %s", cmd, err);
		free(err);
	}
	return path;
}

/*
 * ENV as cli_resolve() finds it, probed now into e: an action works on what
 * is on disk, not on what the index last saw.
 */
char *
cli_probe(struct index *ix, const char *cmd, const char *arg, struct env *e)
{
	char	*path;

	if ((path = cli_resolve(ix, cmd, arg)) == NULL)
		return NULL;
	if (!probe_env(path, e)) {
		warnx_("%s: %s: not an environment any more", cmd, path);
		free(path);
		return NULL;
	}
	return path;
}

int
cli_main(const char *dbpath, int argc, char **argv)
{
	const struct cli_entry	*e = NULL;
	struct cli_args		 a;
	struct index		*ix;
	char			*err;
	size_t			 i;
	int			 rc;

	out_init();
	for (i = 0; i < nitems(cli_table); i++)
		if (strcmp(argv[0], cli_table[i]->name) == 0)
			e = cli_table[i];
	if (e == NULL) {
		warnx_("unknown command '%s' (see venvdex --help)", argv[0]);
		return EXIT_USAGE;
	}
	/* Usage errors and --help need no index: none is opened (or made). */
	switch (cli_parse(e, argc, argv, &a)) {
	case 1:
		cli_help(e, stdout);
		free(a.argv);
		return 0;
	case -1:
		rc = cli_usage_error(&a, NULL);
		free(a.argv);
		return rc;
	}
	if (a.argc < e->min_args || (e->max_args >= 0 && a.argc > e->max_args)) {
		rc = cli_usage_error(&a, e->args_error != NULL ? e->args_error :
		    "wrong number of arguments");
		free(a.argv);
		return rc;
	}
	if ((ix = index_open(dbpath, &err)) == NULL) {
		warnx_("%s", err);
		free(err);
		free(a.argv);
		return 1;
	}
	if ((e->flags & CLI_WRITES) && index_readonly(ix) != NULL) {
		warnx_("%s: %s", e->name, index_readonly(ix));
		rc = 1;
	} else
		rc = e->exec(ix, &a);
	if (index_damaged(ix)) {	/* told once: here, unless told already */
		if ((err = index_damage(ix)) != NULL)
			warnx_("%s", err);
		free(err);
		rc = rc == 0 ? 1 : rc;
	}
	index_close(ix);
	free(a.argv);
	return rc;
}
