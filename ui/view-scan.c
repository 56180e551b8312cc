/* view-scan: the scan screen, shown while the default roots are scanned. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "index.h"
#include "roots.h"
#include "scan.h"
#include "util.h"
#include "views.h"

#define SCAN_SHOWN	64

struct scan_screen {
	struct ui	*ui;
	char		*found[SCAN_SHOWN];	/* the latest environments, newest first */
	size_t		 nfound;
	int		 cancel;
	char		 why[512];	/* the engine's first complaint, or "" */
	struct scan_stats st;
};

static struct scan_screen *scan_screen;	/* for scan_paint(), called from ui_getkey() */

static void
scan_paint(struct ui *ui)
{
	struct scan_screen	*s = scan_screen;
	char			 line[600], *cur, *t;
	size_t			 i;
	int			 y;

	erase();
	getmaxyx(stdscr, ui->rows, ui->cols);
	if (ui->cols < UI_MIN_COLS || ui->rows < UI_MIN_ROWS) {
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
	/* Whole, then cut by draw_str() at a character: a path may be long. */
	t = path_tilde(s->st.current);
	cur = xasprintf("in %s", t);
	free(t);
	t = term_safe(cur);
	draw_str(3, 1, ui->cols - 2, t, theme_attr(ROLE_DIM), 0, NULL, 0);
	free(t);
	free(cur);
	for (i = 0, y = 5; i < s->nfound && y < ui->rows - 2; i++, y++)
		draw_str(y, 3, ui->cols - 4, s->found[i], theme_attr(ROLE_NORMAL), 0,
		    NULL, 0);
	/* The engine's latest complaint (a locked index ...) above the key line. */
	if (ui_messages(ui) && s->why[0] == '\0')
		snprintf(s->why, sizeof s->why, "%s", ui->status);
	if (s->why[0] != '\0')
		draw_str(ui->rows - 2, 0, ui->cols, s->why, theme_attr(ROLE_ERROR), 1,
		    NULL, 0);
	draw_str(ui->rows - 1, 0, ui->cols, s->cancel ? "stopping..." :
	    "q or Esc: stop scanning (what was found stays indexed)",
	    theme_attr(ROLE_STATUS), 1, NULL, 0);
	refresh();
}

static void
scan_on_env(const struct env *e, void *arg)
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
scan_on_progress(const struct scan_stats *st, void *arg)
{
	struct scan_screen	*s = arg;
	int			 key;

	s->st = *st;
	scan_paint(s->ui);
	/* A signal or a lost terminal returns the exit key for good: stop there. */
	while ((key = ui_getkey(s->ui, 0, scan_paint)) != UI_KEY_NONE) {
		if (key == 'q' || key == 27 || key == 3 || key == (UI_KEY_FN | KEY_EXIT))
			s->cancel = 1;
		if (key == (UI_KEY_FN | KEY_EXIT))
			break;
	}
}

static int
scan_cancelled(void *arg)
{
	return ((struct scan_screen *)arg)->cancel;
}

int
view_scan_run(struct ui *ui)
{
	struct scan_screen	 s = { 0 };
	struct scan_opts	 o = { 0 };
	struct scan_stats	 st;
	struct roots		 r;
	char			 why[512];
	size_t			 i;

	if (index_readonly(ui->ix) != NULL) {
		ui_status(ui, 1, "Not scanning: %s", index_readonly(ui->ix));
		return -1;
	}
	s.ui = ui;
	scan_screen = &s;
	o.on_env = scan_on_env;
	o.on_progress = scan_on_progress;
	o.cancelled = scan_cancelled;
	o.arg = &s;
	ui->status[0] = '\0';
	roots_default(&r);
	scan_paint(ui);
	scan_run(ui->ix, &r, &o, &st);	/* st.end says how it ended */
	roots_free(&r);
	for (i = 0; i < s.nfound; i++)
		free(s.found[i]);
	scan_screen = NULL;

	/* Say what was written, and the first thing that went wrong. */
	snprintf(why, sizeof why, "%s", s.why);
	if (ui_messages(ui) && why[0] == '\0')
		snprintf(why, sizeof why, "%s", ui->status);
	if (st.end == SCAN_FAILED && st.added + st.changed + st.gone == 0)
		ui_status(ui, 1, "Scan failed, nothing written to the index (%u "
		    "environments found)%s%s", st.envs, why[0] != '\0' ? ": " : "", why);
	else if (st.end == SCAN_FAILED || st.errors > 0)
		ui_status(ui, 1, "%s: %u environments, %u new, %u re-read, %u gone; "
		    "%u not written to the index%s%s", st.end == SCAN_FAILED ?
		    "Scan failed" : "Scanned", st.envs, st.added, st.changed,
		    st.gone, st.errors, why[0] != '\0' ? ": " : "", why);
	else
		ui_status(ui, why[0] != '\0', "%s: %u environments (%u new, %u re-read, "
		    "%u gone), %llu folders in %.1fs%s%s", st.end == SCAN_CANCELLED ?
		    "Scan stopped" : "Scanned", st.envs, st.added, st.changed, st.gone,
		    (unsigned long long)st.dirs, st.seconds, why[0] != '\0' ? "; " : "",
		    why);
	return 0;
}
