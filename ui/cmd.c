/* cmd: the command table and key bindings. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "util.h"

static const struct {
	const char	*name, *help;
} commands[] = {
	[CMD_NONE] = { "none", "" },
#define X(id, name, help) [CMD_##id] = { name, help },
	UI_COMMANDS(X)
#undef X
};

#define MAX_BINDINGS	128

static struct binding {
	int		 code;
	enum cmd	 cmd;
	char		 name[16];
} bindings[MAX_BINDINGS];
static size_t	nbindings;

static const struct {
	const char	*name;
	int		 codes[3];
} keynames[] = {
	{ "Up",		{ CMD_KEY_FN | KEY_UP } },
	{ "Down",	{ CMD_KEY_FN | KEY_DOWN } },
	{ "Left",	{ CMD_KEY_FN | KEY_LEFT } },
	{ "Right",	{ CMD_KEY_FN | KEY_RIGHT } },
	{ "PageUp",	{ CMD_KEY_FN | KEY_PPAGE } },
	{ "PageDown",	{ CMD_KEY_FN | KEY_NPAGE } },
	{ "Home",	{ CMD_KEY_FN | KEY_HOME } },
	{ "End",	{ CMD_KEY_FN | KEY_END } },
	{ "Enter",	{ '\n', '\r', CMD_KEY_FN | KEY_ENTER } },
	{ "Backspace",	{ CMD_KEY_FN | KEY_BACKSPACE, 127, 8 } },
	{ "Escape",	{ 27 } },
	{ "Space",	{ ' ' } },
	{ "Tab",	{ '\t' } },
};

extern const char defaults_conf[];

void
cmd_defaults(void)
{
	char	*copy = xstrdup(defaults_conf), *line, *next, *w[4];
	int	 n;

	nbindings = 0;
	for (line = copy; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		for (n = 0; n < 4 && (w[n] = strtok(n == 0 ? line : NULL, " \t")) != NULL; n++)
			;
		if (n == 3 && strcmp(w[0], "bind") == 0 && cmd_bind(w[1], w[2]) == -1)
			fatalx("data/defaults.conf: cannot bind %s to %s", w[1], w[2]);
	}
	free(copy);
}

const char *
cmd_name(enum cmd c)
{
	return c > CMD_NONE && c < CMD_COUNT ? commands[c].name : "none";
}

const char *
cmd_help(enum cmd c)
{
	return c > CMD_NONE && c < CMD_COUNT ? commands[c].help : "";
}

enum cmd
cmd_find(const char *name)
{
	int	c;

	for (c = CMD_NONE + 1; c < CMD_COUNT; c++)
		if (strcmp(commands[c].name, name) == 0)
			return (enum cmd)c;
	return CMD_NONE;
}

int
cmd_key_parse(const char *name, int *codes, size_t max)
{
	size_t	i, n = 0;

	if (max == 0)
		return -1;
	for (i = 0; i < nitems(keynames); i++) {
		if (strcmp(name, keynames[i].name) != 0)
			continue;
		for (n = 0; n < 3 && n < max && keynames[i].codes[n] != 0; n++)
			codes[n] = keynames[i].codes[n];
		return (int)n;
	}
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		int f = atoi(name + 1);

		if (f >= 1 && f <= 12) {
			codes[0] = CMD_KEY_FN | KEY_F(f);
			return 1;
		}
	}
	if (name[0] == 'C' && name[1] == '-' && name[2] != '\0' && name[3] == '\0') {
		codes[0] = name[2] & 0x1f;
		return 1;
	}
	if (name[0] != '\0' && name[1] == '\0' && (unsigned char)name[0] > ' ') {
		codes[0] = (unsigned char)name[0];
		return 1;
	}
	return -1;
}

int
cmd_bind(const char *key, const char *command)
{
	enum cmd	c = cmd_find(command);
	int		codes[3], n, i;
	size_t		j;

	if (c == CMD_NONE || (n = cmd_key_parse(key, codes, 3)) <= 0)
		return -1;
	for (i = 0; i < n; i++) {
		for (j = 0; j < nbindings && bindings[j].code != codes[i]; j++)
			;
		if (j == nbindings) {
			if (nbindings == MAX_BINDINGS)
				return -1;
			nbindings++;
		}
		bindings[j].code = codes[i];
		bindings[j].cmd = c;
		snprintf(bindings[j].name, sizeof bindings[j].name, "%s", key);
	}
	return 0;
}

enum cmd
cmd_for_key(int code)
{
	size_t	i;

	for (i = 0; i < nbindings; i++)
		if (bindings[i].code == code)
			return bindings[i].cmd;
	return CMD_NONE;
}

void
cmd_keys(enum cmd c, char *buf, size_t sz)
{
	size_t	i, j, len = 0;
	int	dup;

	buf[0] = '\0';
	for (i = 0; i < nbindings; i++) {
		if (bindings[i].cmd != c)
			continue;
		for (j = 0, dup = 0; j < i; j++)
			dup |= bindings[j].cmd == c &&
			    strcmp(bindings[j].name, bindings[i].name) == 0;
		if (dup)
			continue;
		len += (size_t)snprintf(buf + len, len < sz ? sz - len : 0, "%s%s",
		    len > 0 ? ", " : "", bindings[i].name);
		if (len >= sz)
			break;
	}
}
