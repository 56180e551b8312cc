/*
 * msg: how the engine reports. Engine modules never print. Where a caller
 * waits for an answer, an error travels back as a value (an allocated
 * "char **err", as tmux's causes do); what is only worth saying (a folder
 * skipped, an index write that failed) is reported here, and the front end
 * decides where it goes: the command line's default sink writes
 * "venvdex: TEXT" to stderr, the browser's puts it on its status line.
 */
#ifndef VENVDEX_MSG_H
#define VENVDEX_MSG_H

enum msg_level {
	MSG_WARN,	/* something was skipped or is wrong; work went on */
	MSG_ERROR	/* what was asked for failed */
};

/*
 * A sink gets each message whole, as one line of UTF-8 that may hold text
 * from disk (the sink makes it terminal-safe). Calls are serialised, but
 * they may come from any thread: a sink must not call curses unless it
 * knows it runs on the browser's thread (the browser's queues them).
 */
typedef void msg_fn(enum msg_level, const char *text, void *arg);

/* Sets the sink (NULL: stderr); returns the one it replaces, through *oldarg. */
msg_fn	*msg_sink(msg_fn *, void *arg, void **oldarg);
void	 msg_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 msg_error(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Messages reported since the program started (for honest summaries). */
unsigned msg_count(enum msg_level);

/*
 * Reports "venvdex: ..." on stderr, the text made terminal-safe. Only the
 * command line's own files and the default sink call warnx_(); fatalx()
 * is for what cannot happen (a table out of step with its code).
 */
void	 warnx_(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 fatalx(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
