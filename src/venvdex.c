/* venvdex: the Python environments on this machine, indexed and browsable. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "index.h"
#include "util.h"

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char	*db = NULL;
	int	 c, rc;

	setlocale(LC_ALL, "");
	opterr = 0;
	/* '+': global options stop at the command word. */
	while ((c = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			free(db);
			db = xstrdup(optarg);
			break;
		case 'h':
			cli_usage(stdout);
			return 0;
		case 'V':
			printf("venvdex %s\n", PACKAGE_VERSION);
			return 0;
		default:
			warnx_("unknown option %s (see venvdex --help)", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (db == NULL)
		db = index_default_path();
	rc = cli_main(db, argc - optind, argv + optind);
	free(db);
	return rc;
}
