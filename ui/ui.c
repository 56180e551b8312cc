/*
 * ui: curses set-up, the main loop, the one place that reads keys
 * (ui_getkey) and the one place that acts on what handlers ask (ui_react),
 * and the sink that puts the engine's messages on the status line. The
 * prompt is prompt.c's, the scan screen view-scan.c's.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "cmd.h"
#include "draw.h"
#include "index.h"
#include "keys.h"
#include "msg.h"
#include "run.h"
#include "rx.h"
#include "ui.h"
#include "util.h"
#include "views.h"

extern const char defaults_conf[];

#define MIN_COLS	UI_MIN_COLS
#define MIN_ROWS	UI_MIN_ROWS
#define KEY_NONE	UI_KEY_NONE
#define KEY_FN		UI_KEY_FN

static volatile sig_atomic_t	ui_signalled;
static volatile sig_atomic_t	ui_winched;
static int			ui_active;

/*
 * The engine's messages (msg.h) waiting for the status line. The sink may
 * run on any thread (scan workers), so it only queues; the browser's
 * thread takes them with ui_messages().
 */
static struct {
	pthread_mutex_t	 lock;
	char		 first[512];	/* the first error, else the first warning */
	int		 first_err;
	unsigned	 n;		/* messages since they were last taken */
} ui_msgq = { PTHREAD_MUTEX_INITIALIZER, "", 0, 0 };

double
ui_ms_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Milliseconds since this process started (Linux), for the first-paint figure. */
static double
ms_since_start(void)
{
	struct timespec	 ts;
	char		 buf[1024], *p;
	unsigned long long start = 0;
	FILE		*f;
	int		 i;

	/* bench/tui.sh: the wall-clock nanoseconds just before it ran us. */
	if ((p = getenv("VENVDEX_T0")) != NULL && *p != '\0') {
		clock_gettime(CLOCK_REALTIME, &ts);
		return ((double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6) -
		    strtod(p, NULL) / 1e6;
	}
	if ((f = fopen("/proc/self/stat", "r")) == NULL)
		return -1;
	p = fgets(buf, sizeof buf, f);
	fclose(f);
	if (p == NULL || (p = strrchr(buf, ')')) == NULL)
		return -1;
	for (i = 0; i < 20 && p != NULL; i++)	/* field 22: starttime */
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p, "%llu", &start) != 1)
		return -1;
	clock_gettime(CLOCK_BOOTTIME, &ts);
	return ((double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6) -
	    (double)start * 1e3 / (double)sysconf(_SC_CLK_TCK);
}

static void
ui_restore(void)
{
	if (ui_active) {
		ui_active = 0;
		endwin();
	}
}

static void
ui_on_term(int sig)
{
	ui_signalled = sig;
}

/*
 * Our own SIGWINCH handler, not curses': curses notices its flag only when a
 * read is interrupted, so a resize that lands while we paint, or while a
 * timed read is starting, waited for the next key.
 */
static void
ui_on_winch(int sig)
{
	(void)sig;
	ui_winched = 1;
}

/* Takes the terminal's size now; 1 if it changed. */
static int
ui_take_size(void)
{
	struct winsize	ws;

	ui_winched = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == -1 || ws.ws_row == 0 ||
	    ws.ws_col == 0)
		return 0;
	if (ws.ws_row == LINES && ws.ws_col == COLS)
		return 0;
	resizeterm(ws.ws_row, ws.ws_col);
	return 1;
}

/* A crash: give the terminal back, then die of the same signal. */
static void
ui_on_fatal(int sig)
{
	ui_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
ui_msg(enum msg_level level, const char *text, void *arg)
{
	(void)arg;
	pthread_mutex_lock(&ui_msgq.lock);
	if (ui_msgq.n == 0 || (level == MSG_ERROR && !ui_msgq.first_err)) {
		snprintf(ui_msgq.first, sizeof ui_msgq.first, "%s", text);
		ui_msgq.first_err = level == MSG_ERROR;
	}
	ui_msgq.n++;
	pthread_mutex_unlock(&ui_msgq.lock);
}

int
ui_messages(struct ui *ui)
{
	char		 first[sizeof ui_msgq.first];
	unsigned	 n;

	pthread_mutex_lock(&ui_msgq.lock);
	n = ui_msgq.n;
	memcpy(first, ui_msgq.first, sizeof first);
	ui_msgq.n = 0;
	ui_msgq.first_err = 0;
	pthread_mutex_unlock(&ui_msgq.lock);
	if (n == 0)
		return 0;
	if (n == 1)
		ui_status(ui, 1, "%s", first);
	else
		ui_status(ui, 1, "%s (and %u more message%s)", first, n - 1,
		    n == 2 ? "" : "s");
	return 1;
}

int
ui_run_fg(struct ui *ui, char *const *argv, char *const *envp, const char *note,
    int wait, char **err)
{
	const char	*p, *nl;
	char		 c, *line, *safe;
	int		 status;

	def_prog_mode();
	endwin();
	ui_active = 0;
	for (p = note; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(p, '\n');	/* names from disk: terminal-safe, line by line */
		line = nl != NULL ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		safe = term_safe(line);
		fprintf(stderr, "%s\n", safe);
		free(safe);
		free(line);
	}
	status = run_wait(argv, envp, 0, err);
	if (wait) {
		line = status >= 0 ? xasprintf("%s exited with status %d",
		    path_base(argv[0]), status) : xstrdup(*err);
		safe = term_safe(line);
		fprintf(stderr, "\nvenvdex: %s; press Enter to return to venvdex ",
		    safe);
		free(safe);
		free(line);
		while (read(STDIN_FILENO, &c, 1) == 1 && c != '\n' && c != '\r')
			;
	}
	reset_prog_mode();
	ui_active = 1;
	ui_react(ui, REACT_RESIZE);
	clearok(curscr, TRUE);
	return status;
}

void
ui_status(struct ui *ui, int error, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[512], *safe;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	safe = term_safe(buf);
	snprintf(ui->status, sizeof ui->status, "%s", safe);
	free(safe);
	ui->status_err = error;
}

const char *
ui_sort_title(const char *title, int sorted, int reverse, char *buf, size_t sz)
{
	if (!sorted)
		return title;
	snprintf(buf, sz, "%s%s", title, draw_utf8() ? (reverse ? "\xe2\x96\xbc" :
	    "\xe2\x96\xb2") : (reverse ? "v" : "^"));
	return buf;
}

void
ui_fit(struct col *c, const char *text, int max)
{
	int	w = draw_width(text);

	if (w > max)
		w = max;
	if (w > c->width)
		c->width = w;
}

void
ui_cols(int y, int w, const struct col *cols, size_t n, const char *const *cells,
    int attr, struct rx *rx, size_t rxcol)
{
	int	x = 0, cw;
	size_t	i;

	for (i = 0; i < n && x < w; i++) {
		cw = i + 1 == n ? w - x : cols[i].width;
		if (cw > w - x)
			cw = w - x;
		if (cols[i].right && i + 1 < n)
			draw_right(y, x, cw, cells[i] != NULL ? cells[i] : "", attr);
		else
			draw_str(y, x, cw, cells[i] != NULL ? cells[i] : "", attr, 1,
			    i == rxcol ? rx : NULL, attr | theme_attr(ROLE_MATCH));
		x += cw;
		if (i + 1 < n && x < w) {
			draw_fill(y, x, 1, attr);
			x++;
		}
	}
}

void
ui_draw(struct ui *ui)
{
	struct view	*v = ui->top;
	char		 title[512], right[64];
	int		 rw;

	erase();
	getmaxyx(stdscr, ui->rows, ui->cols);
	if (ui->cols < MIN_COLS || ui->rows < MIN_ROWS) {
		snprintf(title, sizeof title, "venvdex needs %dx%d (this is %dx%d)",
		    MIN_COLS, MIN_ROWS, ui->cols, ui->rows);
		mvaddnstr(ui->rows / 2, 0, title, ui->cols);
		refresh();
		return;
	}
	title[0] = '\0';
	v->ops->title(v, title, sizeof title);
	if (v->filter != NULL)
		snprintf(right, sizeof right, "%zu/%zu  ? help", v->nvis, v->nrows);
	else
		snprintf(right, sizeof right, "%zu  ? help", v->nrows);
	rw = draw_width(right) + 1;
	draw_fill(0, 0, ui->cols, theme_attr(ROLE_TITLE));
	draw_str(0, 1, ui->cols - rw - 2, title, theme_attr(ROLE_TITLE), 0, NULL, 0);
	draw_str(0, ui->cols - rw, rw, right, theme_attr(ROLE_TITLE), 1, NULL, 0);

	list_draw(v, 1, ui->rows - 2, ui->cols);

	if (ui->status[0] != '\0')
		draw_str(ui->rows - 1, 0, ui->cols, ui->status, theme_attr(ui->status_err ?
		    ROLE_ERROR : ROLE_STATUS), 1, NULL, 0);
	else if (v->filter != NULL) {
		snprintf(title, sizeof title, "filter: %s   (n/N next/previous, Esc clears)",
		    v->filter);
		draw_str(ui->rows - 1, 0, ui->cols, title, theme_attr(ROLE_DIM), 1,
		    NULL, 0);
	}
	refresh();
}

int
ui_getkey(struct ui *ui, int timeout_ms, void (*paint)(struct ui *))
{
	wint_t	wc;
	int	rc;

	for (;;) {
		if (ui_signalled)
			return KEY_FN | KEY_EXIT;
		if (ui_winched) {
			ui_react(ui, REACT_RESIZE);
			paint(ui);
		}
		timeout(timeout_ms < 0 ? 250 : timeout_ms);
		rc = get_wch(&wc);
		if (rc == ERR) {
			if (ui_winched)
				continue;
			/* A hung-up terminal reads nothing, at once, for ever. */
			if (!isatty(STDIN_FILENO))
				ui_signalled = SIGHUP;
			if (timeout_ms >= 0 || ui_signalled)
				return ui_signalled ? KEY_FN | KEY_EXIT : KEY_NONE;
			continue;
		}
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			ui_react(ui, REACT_RESIZE);
			paint(ui);
			continue;
		}
		return keys_code(rc, (unsigned int)wc);
	}
}

int
ui_push(struct ui *ui, const struct view_ops *ops, void *data)
{
	struct view	*v = xcalloc(1, sizeof *v);

	v->ops = ops;
	v->ui = ui;
	v->data = data;
	v->want = LIST_NONE;
	if (ops->open(v) == -1) {
		ops->done(v);
		if (ops->free != NULL)
			ops->free(v->data);
		else
			free(v->data);
		free(v);
		return -1;
	}
	list_refilter(v);
	if (v->want != LIST_NONE)
		list_goto_row(v, v->want);
	v->want = LIST_NONE;
	v->prev = ui->top;
	ui->top = v;
	return 0;
}

static void
ui_pop(struct ui *ui)
{
	struct view	*v = ui->top;

	ui->top = v->prev;
	v->ops->done(v);
	if (v->ops->free != NULL)
		v->ops->free(v->data);
	else
		free(v->data);
	list_free(v);
	free(v);
}

/* The data changed: reopen every view, keeping cursors where they were. */
static void
ui_reload(struct ui *ui)
{
	struct view	*v;

	ui->now = (int64_t)time(NULL);
	for (v = ui->top; v != NULL; v = v->prev)
		list_reopen(v);
}

/* --- commands about one environment -------------------------------------- */

int
ui_marked(struct ui *ui, const char *env)
{
	size_t	i;

	for (i = 0; i < ui->nmarks; i++)
		if (strcmp(ui->marks[i], env) == 0)
			return 1;
	return 0;
}

void
ui_unmark(struct ui *ui, const char *env)
{
	size_t	i;

	for (i = 0; i < ui->nmarks; i++) {
		if (strcmp(ui->marks[i], env) != 0)
			continue;
		free(ui->marks[i]);
		memmove(&ui->marks[i], &ui->marks[i + 1], (ui->nmarks - i - 1) *
		    sizeof *ui->marks);
		ui->nmarks--;
		return;
	}
}

int
ui_env_command(struct ui *ui, enum cmd c, const char *env)
{
	char	*file, *t;
	const char *last;

	switch (c) {
	case CMD_MARK:
		t = path_tilde(env);
		if (ui_marked(ui, env)) {
			ui_unmark(ui, env);
			ui_status(ui, 0, "Unmarked %s (%zu marked)", t, ui->nmarks);
		} else {
			ui->marks = xrealloc(ui->marks, (ui->nmarks + 1) *
			    sizeof *ui->marks);
			ui->marks[ui->nmarks++] = xstrdup(env);
			if (ui->nmarks == 1)
				ui_status(ui, 0, "Marked %s: press d on another environment "
				    "to compare, x to delete", t);
			else
				ui_status(ui, 0, "Marked %s (%zu marked: x deletes them, d "
				    "compares this one)", t, ui->nmarks);
		}
		free(t);
		return REACT_REDRAW;
	case CMD_DIFF:
		if (ui->nmarks == 0) {
			ui_status(ui, 1, "Mark an environment with m first, then "
			    "press d on another");
			return REACT_REDRAW;
		}
		last = ui->marks[ui->nmarks - 1];
		if (strcmp(last, env) == 0) {
			ui_status(ui, 1, "That is the marked environment: press d on "
			    "another one");
			return REACT_REDRAW;
		}
		view_diff_push(ui, last, env, 0);
		return REACT_REDRAW;
	case CMD_SHELL:
		return action_shell(ui, env);
	case CMD_PIP:
		return action_pip(ui, env);
	case CMD_DIFF_FILE:
		if ((file = ui_prompt(ui, "compare with file: ")) == NULL)
			return REACT_REDRAW;
		/* ~/ as a shell would read it. */
		if (strncmp(file, "~/", 2) == 0 && (t = getenv("HOME")) != NULL) {
			char	*full = path_join(t, file + 2);

			free(file);
			file = full;
		}
		if (strcmp(file, "-") == 0)	/* standard input is the terminal */
			ui_status(ui, 1, "Give a file's path");
		else if (file[0] != '\0')
			view_diff_push(ui, env, file, 1);
		free(file);
		return REACT_REDRAW;
	case CMD_LOG:
		view_log_push(ui, env);
		return REACT_REDRAW;
	default:
		return -1;
	}
}

/* --- commands ------------------------------------------------------------ */

static int
ui_command(struct ui *ui, enum cmd c)
{
	struct view	*v = ui->top;
	size_t		 row, i;
	int		 r;
	char		*err;

	if (v->ops->key != NULL && (r = v->ops->key(v, c)) != -1)
		return r;
	switch (c) {
	case CMD_UP:
		list_move(v, -1);
		break;
	case CMD_DOWN:
		list_move(v, 1);
		break;
	case CMD_PAGE_UP:
		list_move(v, -(long)(v->height > 1 ? v->height - 1 : 1));
		break;
	case CMD_PAGE_DOWN:
		list_move(v, v->height > 1 ? v->height - 1 : 1);
		break;
	case CMD_FIRST:
		list_goto(v, 0);
		break;
	case CMD_LAST:
		list_goto(v, v->nvis > 0 ? v->nvis - 1 : 0);
		break;
	case CMD_OPEN:
		if ((row = list_current(v)) != LIST_NONE && v->ops->select != NULL)
			return v->ops->select(v, row);
		break;
	case CMD_BACK:
		if (v->filter != NULL) {
			list_set_filter(v, NULL, &err);
			free(err);
			break;
		}
		if (v->prev == NULL) {
			ui_status(ui, 0, "Press q to quit");
			break;
		}
		return REACT_BACK;
	case CMD_QUIT:
		return REACT_QUIT;
	case CMD_HELP:
		view_help_push(ui);
		break;
	case CMD_FILTER:
		ui_filter_prompt(ui);
		break;
	case CMD_NEXT_MATCH:
	case CMD_PREV_MATCH:
		if (v->filter == NULL) {
			ui_status(ui, 0, "No filter: press / to type one");
			break;
		}
		if ((i = list_next_match(v, c == CMD_NEXT_MATCH ? 1 : -1)) == LIST_NONE)
			break;
		list_goto(v, i);
		ui_status(ui, 0, "match %zu of %zu for /%s", i + 1, v->nvis, v->filter);
		break;
	case CMD_SORT_NEXT:
	case CMD_SORT_REVERSE:
		if ((c == CMD_SORT_NEXT ? list_sort_next(v) : list_sort_reverse(v)) == -1)
			ui_status(ui, 0, "This view has no columns to sort");
		else
			ui_status(ui, 0, "Sorted by %s%s", list_sort_title(v),
			    v->sort_reverse ? ", reversed" : "");
		break;
	case CMD_FIND_PACKAGE:
		if (view_find_push(ui) == 0)
			ui_filter_prompt(ui);
		break;
	case CMD_DUPES:
		view_dupes_push(ui);
		break;
	case CMD_AUDIT:
		view_audit_push(ui);
		break;
	case CMD_WHICH:
		view_which_push(ui);
		break;
	case CMD_MARK:
	case CMD_DIFF:
	case CMD_DIFF_FILE:
	case CMD_LOG:
	case CMD_SHELL:
	case CMD_PIP:
		ui_status(ui, 0, "Select an environment first");
		break;
	case CMD_DELETE:
		ui_status(ui, 0, "Delete from the environments (or C's cleanup "
		    "candidates): x there");
		break;
	case CMD_CREATE:
		return action_create(ui);
	case CMD_STALE:
		view_stale_push(ui);
		break;
	case CMD_CLEAN:
		ui_status(ui, 0, "Press C for the cleanup candidates, then X there");
		break;
	case CMD_RESCAN:
		return REACT_RESCAN;
	case CMD_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
	return REACT_REDRAW;
}

/* A mouse event: the wheel scrolls, a click selects, a double click opens. */
static int
ui_mouse(struct ui *ui)
{
	struct view	*v = ui->top;
	MEVENT		 ev;
	size_t		 i;

	if (getmouse(&ev) != OK)
		return REACT_NONE;
	if (ev.bstate & BUTTON4_PRESSED)
		list_move(v, -3);
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		list_move(v, 3);
#endif
	else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED |
	    BUTTON1_DOUBLE_CLICKED)) {
		if ((i = list_at(v, ev.y)) == LIST_NONE)
			return REACT_NONE;
		list_goto(v, i);
		if ((ev.bstate & BUTTON1_DOUBLE_CLICKED) && v->ops->select != NULL)
			return v->ops->select(v, v->vis[i]);
	}
	return REACT_REDRAW;
}

int
ui_react(struct ui *ui, int r)
{
	if (r & REACT_RESIZE)
		ui_take_size();
	if (r & REACT_QUIT)
		return REACT_QUIT;
	if ((r & REACT_BACK) && ui->top != NULL)
		ui_pop(ui);
	if ((r & REACT_RESCAN) && view_scan_run(ui) == 0)
		r |= REACT_RELOAD;
	if ((r & REACT_REOPEN) && !(r & REACT_RELOAD) && ui->top != NULL)
		list_reopen(ui->top);
	if (r & REACT_RELOAD) {
		ui_reload(ui);
		ui->marks_due = 1;
	}
	return ui->top == NULL ? REACT_QUIT : REACT_NONE;
}

void
ui_keys_mdoc(void)
{
	char	keys[128];
	int	c;

	cmd_defaults();
	for (c = CMD_NONE + 1; c < CMD_COUNT; c++) {
		cmd_keys((enum cmd)c, keys, sizeof keys);
		printf(".It Ic %s Pq %s\n%s.\n", cmd_name((enum cmd)c), keys[0] != '\0' ?
		    keys : "unbound", cmd_help((enum cmd)c));
	}
}

/*
 * Finds where python and pip run now (the environments view's RUNS
 * column), the duplicates' waste, and the environments' broken requirements
 * and known vulnerabilities (STATUS): what takes a while, after the first paint.
 */
static void
ui_marks(struct ui *ui)
{
	free(ui->python_env);
	free(ui->pip_env);
	view_which_marks(&ui->python_env, &ui->pip_env);
	ui->dupes_wasted = view_dupes_wasted(ui->ix);
	view_envs_marks(ui);
	ui->marks_due = 0;
	if (ui->timings != NULL && ui->top != NULL)
		fprintf(ui->timings, "marks-ms %.3f %zu\n", ms_since_start(),
		    ui->top->nrows);
}

int
ui_main(struct index *ix)
{
	struct ui		 ui = { 0 };
	struct sigaction	 sa;
	const char		*nc = getenv("NO_COLOR"), *term = getenv("TERM");
	int			 key, r, mono, line, first = 1;
	enum cmd		 c;
	size_t			 i;
	msg_fn			*oldsink;
	void			*oldarg;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		warnx_("the browser needs a terminal (try 'venvdex list')");
		return 1;
	}
	ui.ix = ix;
	ui.now = (int64_t)time(NULL);
	ui.marks_due = 1;
	ui.dupes_wasted = -1;
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_winch;	/* before initscr: curses keeps ours */
	sigaction(SIGWINCH, &sa, NULL);
	if (initscr() == NULL) {
		warnx_("cannot start curses on this terminal");
		return 1;
	}
	ui_active = 1;
	atexit(ui_restore);
	/* From now on nothing may print over the screen: messages go to the status line. */
	oldsink = msg_sink(ui_msg, NULL, &oldarg);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = ui_on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL);
	mouseinterval(200);
	draw_init();
	mono = !has_colors() || (nc != NULL && nc[0] != '\0') ||
	    (term != NULL && strncmp(term, "vt1", 3) == 0);
	if (!mono) {
		start_color();
		use_default_colors();
	}
	cmd_defaults();
	if (theme_load(defaults_conf, mono, &line) == -1) {
		ui_restore();
		msg_sink(oldsink, oldarg, NULL);
		warnx_("built-in defaults: bad line %d", line);
		return 1;
	}

	if (view_envs_push(&ui) == -1) {
		ui_restore();
		msg_sink(oldsink, oldarg, NULL);
		warnx_("%s", ui.status);
		return 1;
	}
	if (index_env_count(ix) == 0)
		ui_react(&ui, REACT_RESCAN);

	if (getenv("VENVDEX_TIMINGS") != NULL)
		ui.timings = fopen(getenv("VENVDEX_TIMINGS"), "a");
	while (ui.top != NULL) {
		ui_messages(&ui);
		ui_draw(&ui);
		if (ui.timings != NULL && ui.top->prev == NULL && first) {
			fprintf(ui.timings, "first-paint-ms %.3f %zu\n", ms_since_start(),
			    ui.top->nrows);
			first = 0;
		}
		if (ui.marks_due) {	/* after the paint, so that it comes at once */
			ui_marks(&ui);
			continue;
		}
		key = ui_getkey(&ui, -1, ui_draw);
		if (key == (KEY_FN | KEY_EXIT))
			break;
		ui.status[0] = '\0';
		if (key == (KEY_FN | KEY_MOUSE))
			r = ui_mouse(&ui);
		else if ((c = cmd_for_key(key)) != CMD_NONE)
			r = ui_command(&ui, c);
		else
			continue;
		if (ui_react(&ui, r) == REACT_QUIT)
			break;
	}
	while (ui.top != NULL)
		ui_pop(&ui);
	ui_restore();
	msg_sink(oldsink, oldarg, NULL);
	for (i = 0; i < ui.nmarks; i++)
		free(ui.marks[i]);
	free(ui.marks);
	free(ui.goto_env);
	free(ui.python_env);
	free(ui.pip_env);
	for (i = 0; i < ui.nwhich; i++)
		free(ui.which[i]);
	free(ui.which);
	if (ui.timings != NULL)
		fclose(ui.timings);
	return 0;
}
