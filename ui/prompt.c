/* prompt: a line typed at the bottom of the screen (the filter, questions). */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keys.h"
#include "util.h"
#include "views.h"

struct prompt {
	const char	*label;		/* "/" or "command: " */
	char		*text;		/* the line being typed, terminal-safe */
	char		*err;		/* what is wrong with it, or NULL */
};

static struct prompt	*prompt_now;	/* for prompt_paint(), called from ui_getkey() */

static void
prompt_paint(struct ui *ui)
{
	struct prompt	*p = prompt_now;
	char		*line;
	int		 y, w;

	ui_draw(ui);
	if (ui->cols < UI_MIN_COLS || ui->rows < UI_MIN_ROWS)
		return;
	y = ui->rows - 1;
	line = xasprintf("%s%s", p->label, p->text);
	w = draw_width(line);
	draw_fill(y, 0, ui->cols, theme_attr(ROLE_NORMAL));
	draw_str(y, 0, ui->cols, line, theme_attr(ROLE_NORMAL), 0, NULL, 0);
	if (p->err != NULL && w + 4 < ui->cols)
		draw_str(y, w + 2, ui->cols - w - 2, p->err, theme_attr(ROLE_ERROR), 0,
		    NULL, 0);
	move(y, w < ui->cols ? w : ui->cols - 1);
	free(line);
	curs_set(1);
	refresh();
}

/*
 * Reads a line, starting from initial. After each change, live(ui, text, p)
 * may set p->err. Returns the allocated line on Enter, NULL on Escape or
 * Control-C; *err gets p->err (allocated) if err is not NULL.
 */
static char *
prompt_read(struct ui *ui, const char *label, const char *initial,
    void (*live)(struct ui *, const char *, struct prompt *), char **err)
{
	struct prompt	 p = { label, NULL, NULL }, *outer = prompt_now;
	struct sbuf	 sb = { 0 };
	char		*result = NULL;
	enum keys_edit	 e = KEYS_IGNORED;
	double		 t0 = 0;

	sbuf_adds(&sb, initial != NULL ? initial : "");
	ui->status[0] = '\0';
	prompt_now = &p;
	while (e != KEYS_ENTER && e != KEYS_CANCEL) {
		free(p.text);
		p.text = term_safe(sb.s != NULL ? sb.s : "");
		prompt_paint(ui);
		if (ui->timings != NULL && t0 > 0)
			fprintf(ui->timings, "filter-key-ms %.3f %zu\n", ui_ms_now() - t0,
			    ui->top->nrows);
		t0 = 0;
		e = keys_edit(&sb, ui_getkey(ui, -1, prompt_paint));
		if (e == KEYS_ENTER)
			result = xstrdup(sb.s != NULL ? sb.s : "");
		else if (e == KEYS_CHANGED && live != NULL) {
			t0 = ui_ms_now();
			live(ui, sb.s != NULL ? sb.s : "", &p);
		}
	}
	prompt_now = outer;
	free(p.text);
	if (err != NULL)
		*err = p.err;
	else
		free(p.err);
	curs_set(0);
	sbuf_free(&sb);
	return result;
}

char *
ui_prompt(struct ui *ui, const char *label)
{
	return prompt_read(ui, label, NULL, NULL, NULL);
}

/* Filters as the user types; an invalid pattern is shown, not applied. */
static void
prompt_filter_live(struct ui *ui, const char *text, struct prompt *p)
{
	char	*err;

	free(p->err);
	p->err = NULL;
	if (list_set_filter(ui->top, text[0] != '\0' ? text : NULL, &err) == -1) {
		p->err = term_safe(err);
		free(err);
	}
}

void
ui_filter_prompt(struct ui *ui)
{
	struct view	*v = ui->top;
	char		*old = v->filter != NULL ? xstrdup(v->filter) : NULL, *line, *err;

	line = prompt_read(ui, "/", old, prompt_filter_live, &err);
	if (line == NULL) {			/* cancelled: as it was */
		free(err);
		list_set_filter(v, old, &err);
	} else if (err != NULL)
		ui_status(ui, 1, "invalid pattern: %s", err);
	free(err);
	free(line);
	free(old);
}
