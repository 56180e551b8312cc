/* cli-create: venvdex create DIR [--python PY] [--without-pip] ... */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "create.h"
#include "index.h"
#include "out.h"
#include "query.h"
#include "scan.h"
#include "util.h"

static const struct cli_opt create_opts[] = {
	{ "python", 'p', "PY", "the interpreter: a path, a version (3.12), a pyenv version, or a command" },
	{ "without-pip", 0, NULL, "do not seed pip" },
	{ "prompt", 0, "NAME", "the prompt prefix (default: DIR's name; '.': the current folder's)" },
	{ "system-site-packages", 0, NULL, "let the environment see the base's site-packages" },
	{ "copies", 0, NULL, "copy the interpreter instead of linking it" },
	{ "clear", 0, NULL, "empty DIR first, if it is an environment" },
	{ "json", 0, NULL, "print the new environment as JSON (list --json's shape)" },
	{ NULL }
};

static int
create_exec(struct index *ix, struct cli_args *a)
{
	struct create_opts	 o;
	struct create_result	 r;
	char			*err, *json, *t;

	memset(&o, 0, sizeof o);
	o.python = cli_value(a, "python");
	o.prompt = cli_value(a, "prompt");
	o.without_pip = cli_flag(a, "without-pip");
	o.system_site = cli_flag(a, "system-site-packages");
	o.copies = cli_flag(a, "copies");
	o.clear = cli_flag(a, "clear");
	if (create_env(ix, a->argv[0], &o, &r, &err) == -1) {
		warnx_("create: %s", err);
		free(err);
		create_result_free(&r);
		return 1;
	}
	if (scan_one_sized(ix, r.path, r.size) == -1)
		warnx_("create: %s: made, but it could not be indexed", r.path);
	if (cli_flag(a, "json")) {
		if (query_env_json(ix, r.path, &json, &err) == -1) {
			warnx_("create: %s", err);
			free(err);
			create_result_free(&r);
			return 1;
		}
		printf("%s\n", json);
		free(json);
	} else {
		t = xasprintf("created %s (Python %s, %s%s%s%s%s)", r.path,
		    r.py.version, r.py.path, r.copied ? ", copied" : "",
		    r.pip != NULL ? ", pip " : ", without pip",
		    r.pip != NULL ? r.pip : "",
		    r.builtin_scripts ? ", built-in activation scripts" : "");
		out_print(stdout, OUT_PLAIN, t);
		putchar('\n');
		free(t);
	}
	create_result_free(&r);
	return 0;
}

const struct cli_entry cli_create_entry = {
	"create",
	"DIR [--python PY] [--without-pip] [--prompt NAME] [--system-site-packages] [--copies] [--clear] [--json]",
	"Makes a virtual environment at DIR natively, as the interpreter's own\n"
	"`python -m venv` would (pyvenv.cfg, bin/python links, lib/pythonX.Y/\n"
	"site-packages, lib64, .gitignore), with the activation scripts made from\n"
	"that interpreter's stdlib templates (venv/scripts/common and posix).\n"
	"Where its stdlib has none, built-in ones are written (activate,\n"
	"activate.fish, activate.csh). pip is seeded from the interpreter's\n"
	"ensurepip wheel (else /usr/share/python-wheels), unpacked once into\n"
	"$XDG_CACHE_HOME/venvdex/wheels and linked from there; before Python 3.12\n"
	"setuptools too, as ensurepip does. Then DIR is indexed.\n\n"
	"PY: a path, a version such as 3.12 (among indexed interpreters, newest\n"
	"first, else pythonX.Y on PATH), a pyenv version name, or a command on\n"
	"PATH; default python3. Shims are followed to the real interpreter.\n"
	"Refused: a DIR that exists and is not empty (--clear empties one that is\n"
	"an environment), a path holding ':' or not UTF-8, a missing or\n"
	"Windows-layout interpreter.",
	create_opts, 1, 1, "one DIR wanted", CLI_WRITES, create_exec
};
