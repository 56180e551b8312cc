/* out: aligned, coloured, terminal-safe output. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "out.h"
#include "str.h"
#include "utf8.h"
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

/*
 * A table keeps each distinct cell text once, with its width (the rows of
 * a long listing repeat the same names, versions and paths): a cell is a
 * position in strs plus one, 0 for none.
 */
struct row {
	size_t		 first;		/* its cells: cells[first .. first + ncols) */
	enum out_color	 color;
};

struct table {
	char		**headers;
	int		 *right;
	size_t		  ncols;
	struct row	 *rows;
	size_t		  nrows, cap;
	size_t		 *cells;
	char		**strs;
	int		 *width;
	size_t		  nstrs, capstrs;
	struct strix	  x;
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
		t->cells = xrealloc(t->cells, t->cap * t->ncols * sizeof *t->cells);
	}
	t->rows[t->nrows].first = t->nrows * t->ncols;
	memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof *t->cells);
	t->rows[t->nrows].color = c;
	t->nrows++;
}

static const char *
table_key(void *arg, size_t pos)
{
	return ((struct table *)arg)->strs[pos];
}

/* The position of s (terminal-safe already) in t's strings, added if new. */
static size_t
table_str(struct table *t, const char *s, char *own)
{
	size_t	at;

	if ((at = strix_find(&t->x, s, table_key, t)) != STRIX_NONE) {
		free(own);
		return at;
	}
	if (t->nstrs == t->capstrs) {
		t->capstrs = t->capstrs ? t->capstrs * 2 : 64;
		t->strs = xrealloc(t->strs, t->capstrs * sizeof *t->strs);
		t->width = xrealloc(t->width, t->capstrs * sizeof *t->width);
	}
	t->strs[t->nstrs] = own != NULL ? own : xstrdup(s);
	t->width[t->nstrs] = u8_width(s);
	strix_add(&t->x, t->nstrs, table_key, t);
	return t->nstrs++;
}

void
out_table_cell(struct table *t, const char *s)
{
	size_t		*cells = &t->cells[t->rows[t->nrows - 1].first];
	const char	*p;
	char		*safe;
	size_t		 i;

	for (i = 0; i < t->ncols && cells[i] != 0; i++)
		;
	if (i == t->ncols)
		return;
	if (s == NULL)
		s = "-";
	for (p = s; *p >= 0x20 && *p < 0x7f; p++)
		;
	if (*p == '\0')	/* printable ASCII: safe as it is */
		cells[i] = table_str(t, s, NULL) + 1;
	else {
		safe = term_safe(s);
		cells[i] = table_str(t, safe, safe) + 1;
	}
}

/* n spaces. */
static void
put_pad(FILE *f, int n)
{
	static const char	sp[] = "                                ";

	for (; n > 0; n -= (int)sizeof sp - 1)
		fwrite(sp, 1, n < (int)sizeof sp - 1 ? (size_t)n : sizeof sp - 1, f);
}

/* Writes s cut to at most w display columns (in one write: it was one a character). */
static void
put_cut(FILE *f, const char *s, int w)
{
	fwrite(s, 1, u8_fit(s, w), f);
}

void
out_table_print(struct table *t, FILE *f)
{
	int		*w = xcalloc(t->ncols, sizeof *w);
	int		 tw = f == stdout ? out_width() : 0, x, cw, avail;
	size_t		 i, c, k;
	const size_t	*cells;
	const char	*s;

	for (c = 0; c < t->ncols; c++)
		w[c] = u8_width(t->headers[c]);
	for (i = 0; i < t->nrows; i++) {
		cells = &t->cells[t->rows[i].first];
		for (c = 0; c < t->ncols; c++)
			if (cells[c] != 0 && t->width[cells[c] - 1] > w[c])
				w[c] = t->width[cells[c] - 1];
	}
	for (i = 0; i <= t->nrows; i++) {
		enum out_color	 col = i == 0 ? OUT_BOLD : t->rows[i - 1].color;

		cells = i == 0 ? NULL : &t->cells[t->rows[i - 1].first];
		if (col != OUT_PLAIN && out_color_enabled())
			fputs(codes[col], f);
		for (c = 0, x = 0; c < t->ncols; c++) {
			if (i == 0) {
				s = t->headers[c];
				cw = u8_width(s);
			} else if ((k = cells[c]) != 0) {
				s = t->strs[k - 1];
				cw = t->width[k - 1];
			} else {
				s = "-";
				cw = 1;
			}
			if (c + 1 == t->ncols) {
				avail = tw > 0 ? tw - x : cw;
				if (avail < 1)
					avail = 1;
				put_cut(f, s, avail);
				break;
			}
			if (t->right[c])
				put_pad(f, w[c] - cw);
			fputs(s, f);
			if (!t->right[c])
				put_pad(f, w[c] - cw);
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

	for (i = 0; i < t->nstrs; i++)
		free(t->strs[i]);
	for (c = 0; c < t->ncols; c++)
		free(t->headers[c]);
	free(t->strs);
	free(t->width);
	strix_free(&t->x);
	free(t->cells);
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
