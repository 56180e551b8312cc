/* view-text: a scrollable page of lines (help, package detail). */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "draw.h"
#include "util.h"
#include "views.h"

struct text_page {
	char		 *title;
	struct text_line *v;
	size_t		  n, cap;
	int		  last;		/* the next open puts the cursor on the last line */
	int		(*key)(struct view *, enum cmd);
};

struct text_page *
text_new(const char *title)
{
	struct text_page	*t = xcalloc(1, sizeof *t);

	t->title = term_safe(title);
	return t;
}

static struct text_line *
text_append(struct text_page *t, int role, char *text)
{
	struct text_line	*l;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	l = &t->v[t->n++];
	memset(l, 0, sizeof *l);
	l->text = text;
	l->role = role;
	return l;
}

void
text_add(struct text_page *t, int role, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	text_append(t, role, term_safe(s));
	free(s);
}

void
text_add_wrapped(struct text_page *t, int role, const char *prefix,
    const char *text, int width)
{
	const char	*p = text, *line, *brk;
	char		*piece, *safe;
	int		 avail = width - (int)strlen(prefix), w;

	if (avail < 20)
		avail = 20;
	do {
		/* One source line at a time; then wrap it at spaces. */
		line = p;
		p = strchr(p, '\n');
		piece = p != NULL ? xstrndup(line, (size_t)(p - line)) : xstrdup(line);
		if (p != NULL)
			p++;
		safe = term_safe(piece);
		free(piece);
		line = safe;
		do {
			brk = line;
			for (w = 0; *brk != '\0' && w < avail; brk++)
				if (((unsigned char)*brk & 0xc0) != 0x80)
					w++;
			if (*brk != '\0') {
				const char *sp = brk;

				while (sp > line && *sp != ' ')
					sp--;
				if (sp > line)
					brk = sp;
			}
			text_append(t, role, xasprintf("%s%.*s", prefix, (int)(brk - line),
			    line));
			line = brk;
			while (*line == ' ')
				line++;
		} while (*line != '\0');
		free(safe);
	} while (p != NULL);
}

size_t
text_count(struct text_page *t)
{
	return t->n;
}

void
text_target_from(struct text_page *t, size_t first, const char *env,
    const char *norm)
{
	struct text_line	*l;

	for (; first < t->n; first++) {
		l = &t->v[first];
		free(l->env);
		free(l->norm);
		l->env = env != NULL ? xstrdup(env) : NULL;
		l->norm = norm != NULL ? xstrdup(norm) : NULL;
	}
}

void
text_target(struct text_page *t, const char *env, const char *norm)
{
	if (t->n > 0)
		text_target_from(t, t->n - 1, env, norm);
}

void
text_clear(struct text_page *t)
{
	size_t	i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].text);
		free(t->v[i].env);
		free(t->v[i].norm);
	}
	t->n = 0;
}

void
text_set_key(struct text_page *t, int (*key)(struct view *, enum cmd))
{
	t->key = key;
}

void
text_goto_last(struct text_page *t)
{
	t->last = 1;
}

static int
text_key(struct view *v, enum cmd c)
{
	struct text_page	*t = v->data;

	return t->key != NULL ? t->key(v, c) : -1;
}

static int
text_open(struct view *v)
{
	struct text_page	*t = v->data;

	v->nrows = t->n;
	if (t->last && t->n > 0)
		v->want = t->n - 1;
	t->last = 0;
	return 0;
}

static void
text_done(struct view *v)
{
}

static void
text_free(void *data)
{
	struct text_page	*t = data;

	text_clear(t);
	free(t->v);
	free(t->title);
	free(t);
}

static void
text_title(struct view *v, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s", ((struct text_page *)v->data)->title);
}

static void
text_draw(struct view *v, size_t row, int y, int w, int selected)
{
	struct text_line	*l = &((struct text_page *)v->data)->v[row];
	int			 attr = theme_attr(selected ? ROLE_CURSOR : l->role);

	draw_str(y, 0, w, l->text, attr, 1, v->rx, attr | theme_attr(ROLE_MATCH));
}

static const char *
text_text(struct view *v, size_t row)
{
	return ((struct text_page *)v->data)->v[row].text;
}

static int
text_select(struct view *v, size_t row)
{
	struct text_line	*l = &((struct text_page *)v->data)->v[row];

	if (l->env != NULL && l->norm != NULL)
		view_pkg_push(v->ui, l->env, l->norm);
	else if (l->env != NULL)
		view_pkgs_push(v->ui, l->env);
	return REACT_REDRAW;
}

static const struct view_ops text_ops = {
	.name = "text",
	.open = text_open,
	.done = text_done,
	.free = text_free,
	.title = text_title,
	.draw = text_draw,
	.text = text_text,
	.select = text_select,
	.key = text_key,
};

int
text_push(struct ui *ui, struct text_page *t)
{
	return ui_push(ui, &text_ops, t);
}

int
view_help_push(struct ui *ui)
{
	struct text_page	*t = text_new("venvdex: keys");
	char			 keys[128];
	int			 c;

	text_add(t, ROLE_HEADER, "%-26s %s", "KEYS", "COMMAND");
	for (c = CMD_NONE + 1; c < CMD_COUNT; c++) {
		cmd_keys((enum cmd)c, keys, sizeof keys);
		text_add(t, ROLE_NORMAL, "%-26s %s", keys[0] != '\0' ? keys : "-",
		    cmd_help((enum cmd)c));
	}
	text_add(t, ROLE_NORMAL, "%s", "");
	text_add(t, ROLE_DIM, "%s", "Mouse: the wheel scrolls, a click selects, a "
	    "double click opens.");
	text_add(t, ROLE_DIM, "%s", "The filter is a PCRE2 regular expression, "
	    "case-insensitive unless it has an upper-case letter.");
	text_add(t, ROLE_DIM, "%s", "Environments: STATUS marks !python (its interpreter "
	    "is gone), !project (its project folder is gone), unused, win (Windows "
	    "layout).");
	text_add(t, ROLE_DIM, "%s", "Packages: FL is e for editable and r for "
	    "requested (installed by name, not as a dependency).");
	text_add(t, ROLE_DIM, "%s", "See venvdex(1).");
	return text_push(ui, t);
}
