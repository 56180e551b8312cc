/* out: aligned, coloured, terminal-safe output. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "out.h"
#include "util.h"

static int	color = -1;

static const char *codes[] = {
	[OUT_PLAIN] = "",
	[OUT_BOLD] = "\033[1m",
	[OUT_DIM] = "\033[2m",
	[OUT_RED] = "\033[31m",
	[OUT_YELLOW] = "\033[33m",
	[OUT_GREEN] = "\033[32m",
	[OUT_CYAN] = "\033[36m",
};

void
out_init(void)
{
	const char	*term = getenv("TERM");
	const char	*nc = getenv("NO_COLOR");

	color = isatty(STDOUT_FILENO) && (nc == NULL || nc[0] == '\0') &&
	    term != NULL && strcmp(term, "dumb") != 0;
}

int
out_color_enabled(void)
{
	if (color == -1)
		out_init();
	return color;
}

int
out_width(void)
{
	struct winsize	 ws;
	const char	*c;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if ((c = getenv("COLUMNS")) != NULL && atoi(c) > 0)
		return atoi(c);
	return 80;
}

void
out_print(FILE *f, enum out_color c, const char *s)
{
	char	*safe = term_safe(s);

	if (c != OUT_PLAIN && out_color_enabled())
		fprintf(f, "%s%s\033[0m", codes[c], safe);
	else
		fputs(safe, f);
	free(safe);
}

struct row {
	char		**cells;
	enum out_color	 color;
};

struct table {
	char		**headers;
	int		 *right;
	size_t		  ncols;
	struct row	 *rows;
	size_t		  nrows, cap;
};

struct table *
out_table_new(void)
{
	return xcalloc(1, sizeof(struct table));
}

void
out_table_col(struct table *t, const char *header, int right_align)
{
	t->headers = xrealloc(t->headers, (t->ncols + 1) * sizeof *t->headers);
	t->right = xrealloc(t->right, (t->ncols + 1) * sizeof *t->right);
	t->headers[t->ncols] = xstrdup(header);
	t->right[t->ncols] = right_align;
	t->ncols++;
}

void
out_table_row(struct table *t, enum out_color c)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
	}
	t->rows[t->nrows].cells = xcalloc(t->ncols, sizeof(char *));
	t->rows[t->nrows].color = c;
	t->nrows++;
}

void
out_table_cell(struct table *t, const char *s)
{
	struct row	*r = &t->rows[t->nrows - 1];
	size_t		 i;

	for (i = 0; i < t->ncols && r->cells[i] != NULL; i++)
		;
	if (i < t->ncols)
		r->cells[i] = term_safe(s != NULL ? s : "-");
}

/* Writes s cut to at most w display columns. */
static int
put_cut(FILE *f, const char *s, int w)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 used = 0, cw;
	size_t			 n;
	char			 one[8];

	while (*p != '\0') {
		n = *p < 0x80 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;
		memcpy(one, p, n);
		one[n] = '\0';
		cw = u8_width(one);
		if (used + cw > w)
			break;
		fwrite(p, 1, n, f);
		used += cw;
		p += n;
	}
	return used;
}

void
out_table_print(struct table *t, FILE *f)
{
	int	*w = xcalloc(t->ncols, sizeof *w);
	int	 tw = f == stdout ? out_width() : 0, x, cw, avail;
	size_t	 i, c;

	for (c = 0; c < t->ncols; c++)
		w[c] = u8_width(t->headers[c]);
	for (i = 0; i < t->nrows; i++)
		for (c = 0; c < t->ncols; c++)
			if (t->rows[i].cells[c] != NULL &&
			    (cw = u8_width(t->rows[i].cells[c])) > w[c])
				w[c] = cw;
	for (i = 0; i <= t->nrows; i++) {
		char		**cells = i == 0 ? t->headers : t->rows[i - 1].cells;
		enum out_color	 col = i == 0 ? OUT_BOLD : t->rows[i - 1].color;

		if (col != OUT_PLAIN && out_color_enabled())
			fputs(codes[col], f);
		for (c = 0, x = 0; c < t->ncols; c++) {
			const char *s = cells[c] != NULL ? cells[c] : "-";

			cw = u8_width(s);
			if (c + 1 == t->ncols) {
				avail = tw > 0 ? tw - x : cw;
				if (avail < 1)
					avail = 1;
				put_cut(f, s, avail);
				break;
			}
			if (t->right[c])
				fprintf(f, "%*s", w[c] - cw, "");
			fputs(s, f);
			if (!t->right[c])
				fprintf(f, "%*s", w[c] - cw, "");
			fputs("  ", f);
			x += w[c] + 2;
		}
		if (col != OUT_PLAIN && out_color_enabled())
			fputs("\033[0m", f);
		fputc('\n', f);
	}
	free(w);
}

void
out_table_free(struct table *t)
{
	size_t	i, c;

	for (i = 0; i < t->nrows; i++) {
		for (c = 0; c < t->ncols; c++)
			free(t->rows[i].cells[c]);
		free(t->rows[i].cells);
	}
	for (c = 0; c < t->ncols; c++)
		free(t->headers[c]);
	free(t->headers);
	free(t->right);
	free(t->rows);
	free(t);
}

void
out_json_str(struct sbuf *sb, const char *key, const char *s, int comma)
{
	if (comma)
		sbuf_add(sb, ", ", 2);
	u8_json(sb, key);
	sbuf_add(sb, ": ", 2);
	u8_json(sb, s);
}
