/* meta: core metadata (METADATA, PKG-INFO): RFC 822 style headers. */
#ifndef VENVDEX_META_H
#define VENVDEX_META_H

#include <stddef.h>

/*
 * Only the header block is read: parsing stops at the first empty line
 * (the description body), at a line that is not a header, or at len. Folded
 * continuation lines (starting with a space or tab) are kept in headers;
 * in summary and requires they are joined with a space. Invalid UTF-8
 * is repaired (U+FFFD). Every string is allocated and owned by the struct
 * until meta_free(); absent fields are NULL.
 */
struct meta {
	char	*name;
	char	*version;
	char	*summary;	/* folded lines joined with a space */
	char	*requires;	/* every Requires-Dist value (or Requires for PKG-INFO 1.1), one per line */
	char	*headers;	/* the whole header block, repaired, for the detail view */
};

void	 meta_parse(const char *buf, size_t len, struct meta *);
/*
 * An egg-info requires.txt as Requires-Dist lines, one a line, as
 * importlib.metadata converts it: a line of section [extra] gets
 * '; extra == "extra"', of [:marker] '; marker', of [extra:marker]
 * '; (marker) and extra == "extra"'. Allocated; NULL when it holds none.
 */
char	*meta_requires_txt(const char *buf, size_t len);
void	 meta_free(struct meta *);

#endif
