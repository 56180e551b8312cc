/* cli-show: venvdex show ENV [--json] */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "out.h"
#include "query.h"
#include "stale.h"
#include "util.h"

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
show_exec(struct index *ix, struct cli_args *a)
{
	struct query_env e;
	char		*path, buf[128], size[16], **site, *json, *err;
	size_t		 i, nsite;
	int64_t		 now = (int64_t)time(NULL);
	int		 rc;

	if ((path = cli_resolve(ix, a->entry->name, a->argv[0])) == NULL)
		return 1;
	if (cli_flag(a, "json")) {
		if ((rc = query_env_json(ix, path, &json, &err)) == -1) {
			warnx_("%s", err);
			free(err);
		} else {
			puts(json);
			free(json);
		}
		free(path);
		return rc == -1 ? 1 : 0;
	}
	if ((rc = query_env(ix, path, &e, &err)) != 1) {
		if (rc == 0)
			warnx_("show: %s: not in the index", path);
		else {
			warnx_("%s", err);
			free(err);
		}
		free(path);
		return 1;
	}
	show_line("path", e.path);
	show_line("name", e.name);
	snprintf(buf, sizeof buf, "%s%s%s%s%s%s", e.kind,
	    e.creator || e.manager ? " (" : "",
	    e.creator ? "created by " : "", e.creator ? e.creator : "",
	    e.manager ? (e.creator ? ", managed by " : "managed by ") : "",
	    e.manager ? e.manager : "");
	if (e.creator || e.manager)
		strncat(buf, ")", sizeof buf - strlen(buf) - 1);
	if (e.windows)
		strncat(buf, ", Windows layout: not runnable here",
		    sizeof buf - strlen(buf) - 1);
	show_line("kind", buf);
	show_line("python", e.python);
	show_line("base", e.base);
	show_line("prompt", e.prompt);
	show_line("project", e.project);
	show_line("status", e.status);
	stale_words(e.stale, STALE_JSON, " ", buf, sizeof buf);
	show_line("stale", buf[0] == ' ' ? buf + 1 : buf);
	snprintf(size, sizeof size, "%lld", (long long)e.packages);
	show_line("packages", size);
	fmt_size(e.size, size, sizeof size);
	show_line("size", size);
	fmt_age(e.used, now, buf, sizeof buf);
	show_line("last used", buf);
	show_line("system site", e.system_site ? "included" : "not included");
	if ((rc = query_env_sites(ix, path, &site, &nsite, &err)) == -1) {
		warnx_("%s", err);
		free(err);
	}
	for (i = 0; i < nsite; i++)
		show_line(i == 0 ? "site" : "", site[i]);
	query_strs_free(site, nsite);
	fmt_age(e.scanned, now, buf, sizeof buf);
	show_line("scanned", buf);
	query_env_free(&e);
	free(path);
	return rc == -1 ? 1 : 0;
}

static const struct cli_opt show_opts[] = {
	{ "json", 0, NULL, "a JSON object (see venvdex(1))" },
	{ NULL }
};

const struct cli_entry cli_show_entry = {
	"show", "ENV [--json]",
	"everything known about one environment",
	show_opts, 1, 1, "needs one ENV", 0, show_exec
};
