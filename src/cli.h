/* cli: the commands of venvdex(1). */
#ifndef VENVDEX_CLI_H
#define VENVDEX_CLI_H

/*
 * Runs argv (the words after the program name and its global options),
 * with the index at db. Returns the exit status: 0 success, 1 failure,
 * 2 usage.
 */
int	 cli_main(const char *db, int argc, char **argv);
/* Prints the program's help to f. */
void	 cli_usage(void *f);

#define EXIT_USAGE	2

#endif
