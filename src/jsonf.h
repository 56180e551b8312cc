/*
 * jsonf: reading the JSON files environments hold (the records in conda-meta,
 * direct_url.json) with SQLite's JSON functions, so no
 * JSON parser is written by hand.
 */
#ifndef VENVDEX_JSONF_H
#define VENVDEX_JSONF_H

#include <stddef.h>
#include <stdint.h>

struct jsonf;	/* one per thread: wraps a private in-memory SQLite connection */

/* Never NULL: the connection is made when the first file is read. */
struct jsonf	*jsonf_open(void);
void		 jsonf_close(struct jsonf *);

/* A conda package record; strings allocated, owned until conda_pkg_free(). */
struct conda_pkg {
	char	*name;
	char	*version;
	char	*channel;	/* "channel" or the channel part of "url", or NULL */
	char	*requested;	/* requested_spec, or NULL */
	int64_t	 size;		/* "size" (the package archive), -1 when absent */
	char	*depends;	/* "depends" joined with "\n", or NULL */
};

/* Returns 0 and fills pkg, or -1 when text is not a JSON object with a name. */
int	 jsonf_conda(struct jsonf *, const char *text, size_t len, struct conda_pkg *);
void	 conda_pkg_free(struct conda_pkg *);

/*
 * direct_url.json (PEP 610): *url gets the allocated "url" (or NULL) and
 * *editable 1 when "dir_info": {"editable": true}. Returns 0, or -1 if not JSON.
 */
int	 jsonf_direct_url(struct jsonf *, const char *text, size_t len,
	    char **url, int *editable);

#endif
