/* rx: PCRE2 with smart case and JIT. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rx.h"
#include "util.h"

struct rx {
	pcre2_code		*code;
	pcre2_match_data	*md;
	char			 err[512];	/* why the last rx_match() gave -1 */
};

static int
has_upper(const char *p)
{
	for (; *p != '\0'; p++) {
		/* Escapes like \S or \W are not letters the user typed. */
		if (*p == '\\' && p[1] != '\0') {
			p++;
			continue;
		}
		if (*p >= 'A' && *p <= 'Z')
			return 1;
	}
	return 0;
}

struct rx *
rx_compile(const char *pattern, char **err)
{
	struct rx	*rx;
	PCRE2_SIZE	 off;
	PCRE2_UCHAR	 msg[256];
	uint32_t	 opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
	int		 code;

	*err = NULL;
	if (!has_upper(pattern))
		opts |= PCRE2_CASELESS;
	rx = xcalloc(1, sizeof *rx);
	rx->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts,
	    &code, &off, NULL);
	if (rx->code == NULL) {
		pcre2_get_error_message(code, msg, sizeof msg);
		*err = xasprintf("%s at offset %zu", (char *)msg, (size_t)off);
		free(rx);
		return NULL;
	}
	pcre2_jit_compile(rx->code, PCRE2_JIT_COMPLETE);	/* falls back silently */
	rx->md = pcre2_match_data_create_from_pattern(rx->code, NULL);
	return rx;
}

int
rx_match(struct rx *rx, const char *s, size_t len)
{
	PCRE2_UCHAR	msg[256];
	int		rc;

	rc = pcre2_match(rx->code, (PCRE2_SPTR)s, len, 0, 0, rx->md, NULL);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
		return 0;
	/* A match or depth limit, or memory: not an answer, never "no match". */
	if (pcre2_get_error_message(rc, msg, sizeof msg) < 0)
		snprintf((char *)msg, sizeof msg, "error %d", rc);
	snprintf(rx->err, sizeof rx->err, "regular expression gave up: %s "
	    "(simplify it: nested repeats such as (a+)+ backtrack without end)",
	    (char *)msg);
	return -1;
}

const char *
rx_error(const struct rx *rx)
{
	return rx->err;
}

int
rx_find(struct rx *rx, const char *s, size_t len, size_t start, size_t *so,
    size_t *eo)
{
	PCRE2_SIZE	*ov;

	if (start > len || pcre2_match(rx->code, (PCRE2_SPTR)s, len, start, 0,
	    rx->md, NULL) < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(rx->md);
	*so = ov[0];
	*eo = ov[1];
	return 1;
}

void
rx_free(struct rx *rx)
{
	if (rx == NULL)
		return;
	pcre2_match_data_free(rx->md);
	pcre2_code_free(rx->code);
	free(rx);
}

static void
rx_aux_free(void *p)
{
	rx_free(p);
}

/* regexp(P, X): SQLite's X REGEXP P. */
static void
rx_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*pat, *s;
	struct rx	*rx;
	char		*err;

	if ((s = (const char *)sqlite3_value_text(argv[1])) == NULL) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	if ((rx = sqlite3_get_auxdata(ctx, 0)) == NULL) {
		if ((pat = (const char *)sqlite3_value_text(argv[0])) == NULL) {
			sqlite3_result_null(ctx);
			return;
		}
		if ((rx = rx_compile(pat, &err)) == NULL) {
			sqlite3_result_error(ctx, err, -1);
			free(err);
			return;
		}
		sqlite3_set_auxdata(ctx, 0, rx, rx_aux_free);
		if ((rx = sqlite3_get_auxdata(ctx, 0)) == NULL) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	switch (rx_match(rx, s, (size_t)sqlite3_value_bytes(argv[1]))) {
	case -1:
		sqlite3_result_error(ctx, rx_error(rx), -1);
		break;
	case 1:
		sqlite3_result_int(ctx, 1);
		break;
	default:
		sqlite3_result_int(ctx, 0);
		break;
	}
}

void
rx_sqlite_register(sqlite3 *db)
{
	sqlite3_create_function(db, "regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	    NULL, rx_sql, NULL, NULL);
}
