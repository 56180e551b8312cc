/*
 * cmd: the browser's commands. One table names each command, describes it,
 * and (through data/defaults.conf) binds its keys; it drives key dispatch,
 * the help screen and the key list in the man page.
 */
#ifndef VENVDEX_UI_CMD_H
#define VENVDEX_UI_CMD_H

#include <stddef.h>

#define UI_COMMANDS(X) \
	X(UP,		"up",		"Move up one line") \
	X(DOWN,		"down",		"Move down one line") \
	X(PAGE_UP,	"page-up",	"Move up one page") \
	X(PAGE_DOWN,	"page-down",	"Move down one page") \
	X(FIRST,	"first",	"Go to the first line") \
	X(LAST,		"last",		"Go to the last line") \
	X(OPEN,		"open",		"Open the selected line") \
	X(BACK,		"back",		"Go back (or clear the filter)") \
	X(QUIT,		"quit",		"Quit venvdex") \
	X(HELP,		"help",		"Show this help") \
	X(FILTER,	"filter",	"Filter the list by a regular expression") \
	X(NEXT_MATCH,	"next-match",	"Go to the next line matching the filter") \
	X(PREV_MATCH,	"prev-match",	"Go to the previous line matching the filter") \
	X(SORT_NEXT,	"sort-next",	"Sort by the next column") \
	X(SORT_REVERSE,	"sort-reverse",	"Reverse the sort order") \
	X(FIND_PACKAGE,	"find-package",	"Search the packages of every environment") \
	X(DUPES,	"dupes",	"Show the packages installed in several environments, and the bytes wasted") \
	X(AUDIT,	"audit",	"Show the known vulnerabilities of the installed packages, by advisory") \
	X(WHICH,	"which",	"Show what python and pip really run (in it: add a command)") \
	X(MARK,		"mark",		"Mark this environment (again: unmark): to diff, or to delete several") \
	X(DIFF,		"diff",		"Compare the environment marked last with this one") \
	X(DIFF_FILE,	"diff-file",	"Compare this environment with a requirements or freeze file") \
	X(LOG,		"log",		"Show the history of this environment's packages") \
	X(CREATE,	"create",	"Create a virtual environment (asks for its folder and python)") \
	X(SHELL,	"shell",	"Start your shell with this environment active ('exit' comes back)") \
	X(PIP,		"pip",		"Run this environment's pip with the arguments you type") \
	X(DELETE,	"delete",	"Delete the marked environments, or this one (asks first)") \
	X(STALE,	"stale",	"Show the cleanup candidates, the most reclaimable first") \
	X(CLEAN,	"clean",	"In the cleanup candidates: delete every one (asks first)") \
	X(RESCAN,	"rescan",	"Scan the default places again") \
	X(REDRAW,	"redraw",	"Redraw the screen")

enum cmd {
	CMD_NONE = 0,
#define X(id, name, help) CMD_##id,
	UI_COMMANDS(X)
#undef X
	CMD_COUNT
};

/* Added to curses key codes (KEY_UP ...) to keep them apart from characters. */
#define CMD_KEY_FN	0x1000000

/* Loads the built-in bindings (the "bind" lines of data/defaults.conf). */
void	 cmd_defaults(void);
const char *cmd_name(enum cmd);
const char *cmd_help(enum cmd);
enum cmd cmd_find(const char *name);

/* Parses a key name ("q", "C-c", "PageUp", "Enter"); -1 if unknown. */
int	 cmd_key_parse(const char *name, int *codes, size_t max);
/* Binds a key name to a command; -1 if either is unknown. */
int	 cmd_bind(const char *key, const char *command);
/* The command bound to a key code, or CMD_NONE. */
enum cmd cmd_for_key(int code);
/* The key names bound to c, joined with ", ", into buf. */
void	 cmd_keys(enum cmd c, char *buf, size_t sz);

#endif
