/* record: the RECORD file of a dist-info folder (CSV: path,hash,size). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "util.h"

enum record_state {
	RECORD_START,		/* at the start of a field */
	RECORD_FIELD,		/* in an unquoted field */
	RECORD_QUOTED,		/* in a quoted field */
	RECORD_QUOTE,		/* a quote seen in a quoted field */
};

struct record_row {
	struct sbuf	 path;		/* field 0, when wanted */
	char		 size[24];	/* field 2, as far as it is a size */
	size_t		 sizelen;
	int		 sizebad;
	unsigned	 field;
};

static void
record_add(struct record_row *row, int want_path, char c)
{
	if (row->field == 0 && want_path)
		sbuf_addc(&row->path, c);
	else if (row->field == 2 && !row->sizebad) {
		if (row->sizelen == sizeof row->size)
			row->sizebad = 1;
		else
			row->size[row->sizelen++] = c;
	}
}

/* The size field as a byte count, or 0 if it is not a plain decimal number. */
static int64_t
record_size_value(const struct record_row *row)
{
	const char	*p = row->size, *e = row->size + row->sizelen;
	int64_t		 v = 0;
	int		 d;

	if (row->sizebad)
		return 0;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (p == e)
		return 0;
	for (; p < e; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		d = *p - '0';
		if (v > (INT64_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	return v;
}

static int64_t
record_scan(const char *buf, size_t len, int64_t *files,
    void (*fn)(const char *, size_t, void *), void *arg)
{
	struct record_row	 row;
	enum record_state	 st = RECORD_START;
	const char		*p = buf, *end = buf + len;
	int64_t			 total = 0, n = 0, v;
	int			 inrow = 0, eor;
	char			 c;

	memset(&row, 0, sizeof row);
	while (p < end || inrow) {
		eor = 0;
		if (p == end)
			eor = 1;
		else {
			c = *p++;
			if (st == RECORD_QUOTED || (c != '\n' && c != '\r'))
				inrow = 1;
			switch (st) {
			case RECORD_START:
			case RECORD_FIELD:
			case RECORD_QUOTE:
				if (c == '"' && st == RECORD_START)
					st = RECORD_QUOTED;
				else if (c == '"' && st == RECORD_QUOTE) {
					record_add(&row, fn != NULL, c);
					st = RECORD_QUOTED;
				} else if (c == ',') {
					row.field++;
					st = RECORD_START;
				} else if (c == '\n' || c == '\r') {
					if (c == '\r' && p < end && *p == '\n')
						p++;
					eor = 1;
				} else {
					record_add(&row, fn != NULL, c);
					st = RECORD_FIELD;
				}
				break;
			case RECORD_QUOTED:
				if (c == '"')
					st = RECORD_QUOTE;
				else
					record_add(&row, fn != NULL, c);
				break;
			}
		}
		if (!eor)
			continue;

		/* An empty line is not a row. */
		if (inrow) {
			n++;
			v = record_size_value(&row);
			total = total > INT64_MAX - v ? INT64_MAX : total + v;
			if (fn != NULL && row.path.len > 0)
				fn(row.path.s, row.path.len, arg);
		}
		row.path.len = 0;
		row.sizelen = 0;
		row.sizebad = 0;
		row.field = 0;
		st = RECORD_START;
		inrow = 0;
	}
	sbuf_free(&row.path);
	if (files != NULL)
		*files = n;
	return total;
}

int64_t
record_size(const char *buf, size_t len, int64_t *files)
{
	return record_scan(buf, len, files, NULL, NULL);
}

void
record_paths(const char *buf, size_t len,
    void (*fn)(const char *, size_t, void *), void *arg)
{
	record_scan(buf, len, NULL, fn, arg);
}
