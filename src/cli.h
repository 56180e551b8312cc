/* cli: the commands of venvdex(1). */
#ifndef VENVDEX_CLI_H
#define VENVDEX_CLI_H

#include <stdio.h>
#include <sqlite3.h>

struct index;

#define EXIT_USAGE	2

/*
 * Runs the command in argv (argc >= 1: the words after the program name and
 * its global options), with the index at db. Returns the exit status:
 * 0 success, 1 failure, 2 usage.
 */
int	 cli_main(const char *db, int argc, char **argv);
/* Prints the program's help to f. */
void	 cli_usage(void *f);

/* For the commands that live in other modules. */
int	 cli_cmd_help(const char *cmd, FILE *);	/* the command's usage and help text */
int	 cli_usage_error(const char *cmd, const char *msg);	/* warns, prints usage, returns 2 */
int	 cli_check_regex(const char *cmd, const char *pattern);	/* 0, or -1 after a warning */
/* Prints the one-row, one-column JSON result of st and finalizes it; returns the exit status. */
int	 cli_print_json(struct index *, sqlite3_stmt *);
/* Resolves ENV (indexing it on the spot when needed); allocated path, or NULL after a warning. */
char	*cli_resolve(struct index *, const char *cmd, const char *arg);

#endif
