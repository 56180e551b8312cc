/* venvdex: the Python environments on this machine, indexed and browsable. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "index.h"
#include "ui.h"
#include "util.h"

/*
 * HOME unset (a cron job, a service): the user's home from the password
 * file, as a login would set it, so that nothing lands in /.cache.
 */
static void
home_fallback(void)
{
	const char	*h = getenv("HOME");
	struct passwd	*pw;

	if (h != NULL && h[0] != '\0')
		return;
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL &&
	    pw->pw_dir[0] == '/' && strcmp(pw->pw_dir, "/") != 0)
		setenv("HOME", pw->pw_dir, 1);
	else
		unsetenv("HOME");
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "keys-mdoc", no_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*dbarg = NULL;
	char		*db;
	int		 c, rc;

	/*
	 * Only the character type: UTF-8 and wide characters. Numbers, dates
	 * and messages stay in the C locale, so "0.01s" and "1.5M" read the
	 * same everywhere (and start-up loads one locale file, not thirteen).
	 */
	setlocale(LC_CTYPE, "");
	home_fallback();
	index_init();
	opterr = 0;
	/* '+': global options stop at the command word. */
	while ((c = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbarg = optarg;
			break;
		case 'h':
			cli_usage(stdout);
			return 0;
		case 'V':
			printf("venvdex %s\n", PACKAGE_VERSION);
			return 0;
		case 'K':	/* for the man page's key list */
			ui_keys_mdoc();
			return 0;
		default:
			warnx_("unknown option %s (see venvdex --help)", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	db = dbarg != NULL ? xstrdup(dbarg) : index_default_path();
	if (optind < argc)
		rc = cli_main(db, argc - optind, argv + optind);
	else {
		struct index	*ix;
		char		*err;

		if ((ix = index_open(db, &err)) == NULL) {
			warnx_("%s", err);
			free(err);
			rc = 1;
		} else {
			rc = ui_main(ix);
			if (index_damaged(ix)) {
				if ((err = index_damage(ix)) != NULL)
					warnx_("%s", err);
				free(err);
				rc = rc == 0 ? 1 : rc;
			}
			index_close(ix);
		}
	}
	free(db);
	return rc;
}
