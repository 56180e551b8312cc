/* ui: curses set-up, the main loop, the filter prompt and the scan screen. */
#include "config.h"

#include <curses.h>
#include <errno.h>
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
#include "roots.h"
#include "rx.h"
#include "scan.h"
#include "ui.h"
#include "util.h"
#include "views.h"

extern const char defaults_conf[];

#define MIN_COLS	40
#define MIN_ROWS	10
#define KEY_NONE	(-1)
#define KEY_FN		CMD_KEY_FN	/* marks curses function-key codes */

static volatile sig_atomic_t	ui_signalled;
static volatile sig_atomic_t	ui_winched;
static int			ui_active;
static FILE			*timings;	/* VENVDEX_TIMINGS: for bench/ */

static double
ms_now(void)
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

static void
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

/*
 * The one place that reads keys: handles KEY_RESIZE (repaints) and signals,
 * and returns a character, KEY_FN|code for function keys, or KEY_NONE when
 * timeout_ms passed (-1: wait).
 */
static int
ui_getkey(struct ui *ui, int timeout_ms, void (*paint)(struct ui *))
{
	wint_t	wc;
	int	rc;

	for (;;) {
		if (ui_signalled)
			return KEY_FN | KEY_EXIT;
		if (ui_winched) {
			ui_take_size();
			paint(ui);
		}
		timeout(timeout_ms < 0 ? 250 : timeout_ms);
		rc = get_wch(&wc);
		if (rc == ERR) {
			if (ui_winched)
				continue;
			if (timeout_ms >= 0 || ui_signalled)
				return ui_signalled ? KEY_FN | KEY_EXIT : KEY_NONE;
			continue;
		}
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			paint(ui);
			continue;
		}
		return rc == KEY_CODE_YES ? KEY_FN | (int)wc : (int)wc;
	}
}

int
ui_push(struct ui *ui, const struct view_ops *ops, void *data)
{
	struct view	*v = xcalloc(1, sizeof *v);

	v->ops = ops;
	v->ui = ui;
	v->data = data;
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
	rx_free(v->rx);
	free(v->filter);
	free(v->vis);
	free(v);
}

/* The data changed: reopen every view, keeping cursors where they were. */
static void
ui_reload(struct ui *ui)
{
	struct view	*v;
	size_t		 cursor, top;

	ui->now = (int64_t)time(NULL);
	for (v = ui->top; v != NULL; v = v->prev) {
		cursor = v->cursor;
		top = v->top;
		v->ops->done(v);
		v->nrows = 0;
		if (v->ops->open(v) == -1)
			v->nrows = 0;
		list_refilter(v);
		v->top = top;
		list_goto(v, cursor);
	}
}

/* --- prompts -------------------------------------------------------------- */

static char		*prompt_label;	/* "/" or "command: " */
static char		*prompt_text;	/* the line being typed, for painting */
static char		*prompt_err;

static void
ui_paint_prompt(struct ui *ui)
{
	char	*line;
	int	 y;

	ui_draw(ui);
	if (ui->cols < MIN_COLS || ui->rows < MIN_ROWS)
		return;
	y = ui->rows - 1;
	line = xasprintf("%s%s", prompt_label, prompt_text);
	draw_fill(y, 0, ui->cols, theme_attr(ROLE_NORMAL));
	draw_str(y, 0, ui->cols, line, theme_attr(ROLE_NORMAL), 0, NULL, 0);
	if (prompt_err != NULL && draw_width(line) + 4 < ui->cols)
		draw_str(y, draw_width(line) + 2, ui->cols - draw_width(line) - 2,
		    prompt_err, theme_attr(ROLE_ERROR), 0, NULL, 0);
	move(y, draw_width(line) < ui->cols ? draw_width(line) : ui->cols - 1);
	free(line);
	curs_set(1);
	refresh();
}

/*
 * Reads a line at the bottom of the screen, starting from initial. After
 * each change, live(arg, text) may set prompt_err. Returns the allocated
 * line on Enter, NULL on Escape or Control-C.
 */
static char *
ui_read_line(struct ui *ui, const char *label, const char *initial,
    void (*live)(struct ui *, const char *, void *), void *arg)
{
	struct sbuf	 sb = { 0 };
	char		 mb[8], *result = NULL;
	int		 key, n, done = 0;
	mbstate_t	 ps;
	double		 t0 = 0;

	sbuf_adds(&sb, initial != NULL ? initial : "");
	ui->status[0] = '\0';
	prompt_label = xstrdup(label);
	while (!done) {
		free(prompt_text);
		prompt_text = term_safe(sb.s);
		ui_paint_prompt(ui);
		if (timings != NULL && t0 > 0)
			fprintf(timings, "filter-key-ms %.3f %zu\n", ms_now() - t0,
			    ui->top->nrows);
		key = ui_getkey(ui, -1, ui_paint_prompt);
		t0 = ms_now();
		switch (key) {
		case '\n':
		case '\r':
		case KEY_FN | KEY_ENTER:
			result = xstrdup(sb.s);
			done = 1;
			continue;
		case 27:
		case 3:
		case KEY_FN | KEY_EXIT:
			done = 1;
			continue;
		case KEY_FN | KEY_BACKSPACE:
		case 127:
		case 8:
			while (sb.len > 0 && ((unsigned char)sb.s[sb.len - 1] & 0xc0) == 0x80)
				sb.len--;
			if (sb.len > 0)
				sb.len--;
			sb.s[sb.len] = '\0';
			break;
		case 21:				/* C-u */
			sb.len = 0;
			sb.s[0] = '\0';
			break;
		default:
			if ((key & KEY_FN) || key < ' ')
				continue;
			memset(&ps, 0, sizeof ps);
			n = (int)wcrtomb(mb, (wchar_t)key, &ps);
			if (n > 0)
				sbuf_add(&sb, mb, (size_t)n);
			break;
		}
		if (live != NULL)
			live(ui, sb.s, arg);
	}
	free(prompt_text);
	prompt_text = NULL;
	free(prompt_label);
	prompt_label = NULL;
	curs_set(0);
	sbuf_free(&sb);
	return result;
}

char *
ui_prompt(struct ui *ui, const char *label)
{
	char	*line = ui_read_line(ui, label, NULL, NULL, NULL);

	free(prompt_err);
	prompt_err = NULL;
	return line;
}

/* Filters as the user types; an invalid pattern is shown, not applied. */
static void
ui_filter_live(struct ui *ui, const char *text, void *arg)
{
	char	*err;

	free(prompt_err);
	prompt_err = NULL;
	if (list_set_filter(ui->top, text[0] != '\0' ? text : NULL, &err) == -1) {
		prompt_err = term_safe(err);
		free(err);
	}
}

void
ui_filter_prompt(struct ui *ui)
{
	struct view	*v = ui->top;
	char		*old = v->filter != NULL ? xstrdup(v->filter) : NULL, *line, *err;

	line = ui_read_line(ui, "/", old, ui_filter_live, NULL);
	if (line == NULL) {			/* cancelled: as it was */
		list_set_filter(v, old, &err);
		free(err);
	} else if (prompt_err != NULL)
		ui_status(ui, 1, "invalid pattern: %s", prompt_err);
	free(prompt_err);
	prompt_err = NULL;
	free(line);
	free(old);
}

/* --- commands about one environment -------------------------------------- */

int
ui_env_command(struct ui *ui, enum cmd c, const char *env)
{
	char	*file, *t;

	switch (c) {
	case CMD_MARK:
		t = path_tilde(env);
		if (ui->marked != NULL && strcmp(ui->marked, env) == 0) {
			free(ui->marked);
			ui->marked = NULL;
			ui_status(ui, 0, "Unmarked %s", t);
		} else {
			free(ui->marked);
			ui->marked = xstrdup(env);
			ui_status(ui, 0, "Marked %s: press d on another environment "
			    "to compare", t);
		}
		free(t);
		return REACT_REDRAW;
	case CMD_DIFF:
		if (ui->marked == NULL) {
			ui_status(ui, 1, "Mark an environment with m first, then "
			    "press d on another");
			return REACT_REDRAW;
		}
		if (strcmp(ui->marked, env) == 0) {
			ui_status(ui, 1, "That is the marked environment: press d on "
			    "another one");
			return REACT_REDRAW;
		}
		view_diff_push(ui, ui->marked, env, 0);
		return REACT_REDRAW;
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

/* --- scanning ------------------------------------------------------------ */

#define SCAN_SHOWN	64

struct scan_screen {
	struct ui	*ui;
	char		*found[SCAN_SHOWN];	/* the latest environments, newest first */
	size_t		 nfound;
	int		 cancel;
	struct scan_stats st;
};

static struct scan_screen *scan_screen;

static void
ui_paint_scan(struct ui *ui)
{
	struct scan_screen	*s = scan_screen;
	char			 line[600], *cur;
	size_t			 i;
	int			 y;

	erase();
	getmaxyx(stdscr, ui->rows, ui->cols);
	if (ui->cols < MIN_COLS || ui->rows < MIN_ROWS) {
		mvaddnstr(0, 0, "scanning...", ui->cols);
		refresh();
		return;
	}
	draw_fill(0, 0, ui->cols, theme_attr(ROLE_TITLE));
	draw_str(0, 1, ui->cols - 1, "venvdex: scanning for Python environments",
	    theme_attr(ROLE_TITLE), 0, NULL, 0);
	snprintf(line, sizeof line, "%llu folders walked, %u environments found, "
	    "%llu packages read", (unsigned long long)s->st.dirs, s->st.envs,
	    (unsigned long long)s->st.packages);
	draw_str(2, 1, ui->cols - 2, line, theme_attr(ROLE_NORMAL), 0, NULL, 0);
	cur = path_tilde(s->st.current);
	snprintf(line, sizeof line, "in %s", cur);
	free(cur);
	cur = term_safe(line);
	draw_str(3, 1, ui->cols - 2, cur, theme_attr(ROLE_DIM), 0, NULL, 0);
	free(cur);
	for (i = 0, y = 5; i < s->nfound && y < ui->rows - 2; i++, y++)
		draw_str(y, 3, ui->cols - 4, s->found[i], theme_attr(ROLE_NORMAL), 0,
		    NULL, 0);
	draw_str(ui->rows - 1, 0, ui->cols, s->cancel ? "stopping..." :
	    "q or Esc: stop scanning (what was found stays indexed)",
	    theme_attr(ROLE_STATUS), 1, NULL, 0);
	refresh();
}

static void
ui_scan_env(const struct env *e, void *arg)
{
	struct scan_screen	*s = arg;
	char			*t = path_tilde(e->path), *line;

	line = xasprintf("%-12s %-10s %s", env_kind_name(e->kind),
	    e->python != NULL ? e->python : "?", t);
	free(t);
	free(s->found[SCAN_SHOWN - 1]);
	memmove(s->found + 1, s->found, (SCAN_SHOWN - 1) * sizeof *s->found);
	s->found[0] = term_safe(line);
	free(line);
	if (s->nfound < SCAN_SHOWN)
		s->nfound++;
}

static void
ui_scan_progress(const struct scan_stats *st, void *arg)
{
	struct scan_screen	*s = arg;
	int			 key;

	s->st = *st;
	ui_paint_scan(s->ui);
	while ((key = ui_getkey(s->ui, 0, ui_paint_scan)) != KEY_NONE) {
		if (key == 'q' || key == 27 || key == 3 || key == (KEY_FN | KEY_EXIT))
			s->cancel = 1;
	}
}

static int
ui_scan_cancelled(void *arg)
{
	return ((struct scan_screen *)arg)->cancel;
}

static void
ui_scan(struct ui *ui)
{
	struct scan_screen	 s = { 0 };
	struct scan_opts	 o = { 0 };
	struct scan_stats	 st;
	struct roots		 r;
	size_t			 i;
	int			 rc;

	s.ui = ui;
	scan_screen = &s;
	o.on_env = ui_scan_env;
	o.on_progress = ui_scan_progress;
	o.cancelled = ui_scan_cancelled;
	o.arg = &s;
	roots_default(&r);
	ui_paint_scan(ui);
	rc = scan_run(ui->ix, &r, &o, &st);
	roots_free(&r);
	for (i = 0; i < s.nfound; i++)
		free(s.found[i]);
	scan_screen = NULL;
	ui_status(ui, 0, "%s: %u environments (%u new, %u re-read, %u gone), "
	    "%llu folders in %.1fs", rc == -1 ? "Scan stopped" : "Scanned", st.envs,
	    st.added, st.changed, st.gone, (unsigned long long)st.dirs, st.seconds);
	ui_reload(ui);
}

/* --- commands ------------------------------------------------------------ */

static int
ui_command(struct ui *ui, enum cmd c)
{
	struct view	*v = ui->top;
	size_t		 row, i;
	int		 r;

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
		if ((row = list_current(v)) != (size_t)-1 && v->ops->select != NULL)
			return v->ops->select(v, row);
		break;
	case CMD_BACK:
		if (v->filter != NULL) {
			char *err;

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
		if (v->nvis == 0)
			break;
		i = c == CMD_NEXT_MATCH ? (v->cursor + 1) % v->nvis :
		    (v->cursor + v->nvis - 1) % v->nvis;
		list_goto(v, i);
		ui_status(ui, 0, "match %zu of %zu for /%s", i + 1, v->nvis, v->filter);
		break;
	case CMD_SORT_NEXT:
	case CMD_SORT_REVERSE:
		ui_status(ui, 0, "This view has no columns to sort");
		break;
	case CMD_FIND_PACKAGE:
		if (view_find_push(ui) == 0)
			ui_filter_prompt(ui);
		break;
	case CMD_WHICH:
		view_which_push(ui);
		break;
	case CMD_MARK:
	case CMD_DIFF:
	case CMD_DIFF_FILE:
	case CMD_LOG:
		ui_status(ui, 0, "Select an environment first");
		break;
	case CMD_RESCAN:
		ui_scan(ui);
		break;
	case CMD_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
	return REACT_REDRAW;
}

static void
ui_mouse(struct ui *ui)
{
	struct view	*v = ui->top;
	MEVENT		 ev;
	size_t		 i;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		list_move(v, -3);
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		list_move(v, 3);
#endif
	else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED |
	    BUTTON1_DOUBLE_CLICKED)) {
		if ((i = list_at(v, ev.y)) == (size_t)-1)
			return;
		list_goto(v, i);
		if ((ev.bstate & BUTTON1_DOUBLE_CLICKED) && v->ops->select != NULL) {
			int r = v->ops->select(v, v->vis[i]);

			if (r & REACT_QUIT)
				ui_signalled = SIGTERM;
		}
	}
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

/* Finds where python and pip run now, for the environments view's RUNS column. */
static void
ui_marks(struct ui *ui)
{
	free(ui->python_env);
	free(ui->pip_env);
	view_which_marks(&ui->python_env, &ui->pip_env);
	ui->marks_due = 0;
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

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		warnx_("the browser needs a terminal (try 'venvdex list')");
		return 1;
	}
	ui.ix = ix;
	ui.now = (int64_t)time(NULL);
	ui.marks_due = 1;
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
		warnx_("built-in defaults: bad line %d", line);
		return 1;
	}

	if (view_envs_push(&ui) == -1) {
		ui_restore();
		warnx_("%s", ui.status);
		return 1;
	}
	if (index_env_count(ix) == 0)
		ui_scan(&ui);

	if (getenv("VENVDEX_TIMINGS") != NULL)
		timings = fopen(getenv("VENVDEX_TIMINGS"), "a");
	while (ui.top != NULL) {
		ui_draw(&ui);
		if (timings != NULL && ui.top->prev == NULL && first) {
			fprintf(timings, "first-paint-ms %.3f %zu\n", ms_since_start(),
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
		if (key == (KEY_FN | KEY_MOUSE)) {
			ui_mouse(&ui);
			continue;
		}
		if ((c = cmd_for_key(key)) == CMD_NONE)
			continue;
		r = ui_command(&ui, c);
		if (r & REACT_QUIT)
			break;
		if (r & REACT_BACK)
			ui_pop(&ui);
		if (r & REACT_RELOAD) {
			ui_reload(&ui);
			ui.marks_due = 1;
		}
	}
	while (ui.top != NULL)
		ui_pop(&ui);
	ui_restore();
	free(ui.marked);
	free(ui.python_env);
	free(ui.pip_env);
	for (i = 0; i < ui.nwhich; i++)
		free(ui.which[i]);
	free(ui.which);
	if (timings != NULL)
		fclose(timings);
	return 0;
}
