/*
 * cli: the commands of venvdex(1). Each command is a module of its own,
 * src/cli-NAME.c, described by one const struct cli_entry (name, synopsis,
 * option table, handler), as tmux's cmd-*.c are; cli.c holds the table of
 * them, the one option parser, the help, and dispatch.
 */
#ifndef VENVDEX_CLI_H
#define VENVDEX_CLI_H

#include <stdio.h>

struct env;
struct index;

#define EXIT_USAGE	2
#define CLI_MAXOPTS	16

/* One option of a command. --help (-h) is every command's and not listed. */
struct cli_opt {
	const char	*name;		/* the long name, without "--" */
	int		 letter;	/* the short form, or 0 */
	const char	*arg;		/* the value's name ("REGEX"), or NULL: a flag */
	const char	*help;		/* one line, for --help */
};

/*
 * What the parser made of a command's words: options (anywhere before
 * "--", as glibc permutes them), positional words, and for CLI_REST
 * commands the words after "--". Read options with cli_flag() and
 * cli_value(). The strings point into the original argv.
 */
struct cli_args {
	const struct cli_entry	*entry;
	int			 argc;		/* positional words */
	char			**argv;
	int			 nrest;		/* words after "--" (CLI_REST) */
	char			**rest;
	int			 dashdash;	/* 1 when "--" was given */
	const char		*value[CLI_MAXOPTS];	/* by option: the last value */
	int			 count[CLI_MAXOPTS];	/* by option: times given */
};

enum {
	CLI_REST = 0x1,		/* "--" ends the command's words: the rest is rest */
	CLI_WRITES = 0x2,	/* needs an index it can write (refused read-only) */
};

struct cli_entry {
	const char		*name;
	const char		*usage;		/* the synopsis after the name */
	const char		*about;		/* what it does, a paragraph for --help */
	const struct cli_opt	*opts;		/* ends with { NULL } */
	int			 min_args;	/* positional words wanted */
	int			 max_args;	/* -1: no limit */
	const char		*args_error;	/* said when their number is wrong */
	int			 flags;		/* CLI_* */
	/* Runs the command; returns the exit status (0, 1, or EXIT_USAGE). */
	int			(*exec)(struct index *, struct cli_args *);
};

/*
 * Runs the command in argv (argc >= 1: the words after the program name and
 * its global options), with the index at db. Returns the exit status:
 * 0 success, 1 failure, 2 usage.
 */
int	 cli_main(const char *db, int argc, char **argv);
/* Prints the program's help to f. */
void	 cli_usage(FILE *);

/* Times the option called name was given (0: never). */
int	 cli_flag(const struct cli_args *, const char *name);
/* The last value given to the option called name, or NULL. */
const char *cli_value(const struct cli_args *, const char *name);

/* Warns "NAME: msg" (when msg is not NULL), prints the usage; returns EXIT_USAGE. */
int	 cli_usage_error(const struct cli_args *, const char *msg);
/* Checks a pattern before SQL sees it: 0, or -1 after a warning. */
int	 cli_check_regex(const char *cmd, const char *pattern);
/* Resolves ENV (indexing it on the spot when needed); allocated path, or NULL after a warning. */
char	*cli_resolve(struct index *, const char *cmd, const char *arg);
char	*cli_probe(struct index *, const char *cmd, const char *arg,
	    struct env *);
/*
 * The same for a word that may also be a project folder (its one
 * environment; several are listed in the warning), re-indexing the
 * environment when it changed on disk (cli-diff.c).
 */
char	*cli_resolve_project(struct index *, const char *cmd, const char *arg);


/*
 * cli-rm.c, shared with clean: lists the checked deletions v (with their
 * stale bits for clean, else NULL), asks on a terminal (or not), deletes
 * those that may go, and prints what happened. Returns the exit status.
 */
struct rmenv;
struct rmenv_ctx;
struct cli_rm_how {
	const char	*cmd;
	int		 yes, dry_run, json;
	int		 refusal_fails;	/* rm: exit 1 on a refusal or when nothing was asked */
};
int	 cli_rm_act(struct index *, struct rmenv_ctx *, struct rmenv **v,
	    const int *bits, size_t n, const struct cli_rm_how *);

struct changes;
/* Prints a change list for people (cli-pip.c; shell's too). */
void	 cli_print_changes(FILE *, const struct changes *);

/* The commands, in the order --help lists them. */
extern const struct cli_entry cli_scan_entry, cli_list_entry, cli_show_entry,
	    cli_pkgs_entry, cli_find_entry, cli_diff_entry, cli_log_entry,
	    cli_which_entry, cli_create_entry, cli_rm_entry, cli_clean_entry,
	    cli_freeze_entry, cli_shell_entry, cli_pip_entry, cli_audit_entry,
	    cli_deps_entry, cli_check_entry, cli_dupes_entry;

#endif
