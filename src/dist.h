/* dist: the distributions installed in an environment. */
#ifndef VENVDEX_DIST_H
#define VENVDEX_DIST_H

#include <stddef.h>
#include <stdint.h>

struct jsonf;

/* One installed distribution; every string is allocated and owned by its dist_list. */
struct dist {
	char	*name;		/* as written in the metadata's Name field */
	char	*norm;		/* PEP 503 normalised name */
	char	*version;
	char	*summary;
	char	*installer;	/* INSTALLER, "conda" for conda records, or NULL */
	char	*location;	/* the folder on sys.path that holds it */
	char	*url;		/* direct_url.json url, or the project folder of an egg-link */
	char	*requires;	/* Requires-Dist (or conda depends), one per line */
	char	*meta;		/* the raw header block */
	const char *format;	/* "dist-info", "egg-info", "egg-link", "conda" (static) */
	int	 editable;
	int	 requested;	/* REQUESTED exists (or a conda requested_spec) */
	int64_t	 size;		/* bytes from RECORD (or conda's size), -1 when unknown */
	/*
	 * For finding copies (dupes): the digest of RECORD's hashes (0: none),
	 * and the identity of its largest file on disk, (st_dev, st_ino) mixed
	 * (0: unknown). A largest file whose size is not RECORD's changes the
	 * digest: that copy was patched in place.
	 */
	uint64_t digest;
	uint64_t inode;
};

struct dist_list {
	struct dist	*v;
	size_t		 n, cap;
};

/*
 * Adds the distributions found in the folder site (a site-packages or
 * dist-packages folder) to list, skipping names already in it, as
 * importlib.metadata does along sys.path. Follows .egg-link files and the
 * folders named by .pth files (editable installs). Returns the number added,
 * or -1 when site cannot be read at all.
 */
int	 dist_read_site(struct jsonf *, const char *site, struct dist_list *);
/*
 * Adds the conda packages recorded in prefix/conda-meta, then what pip
 * installed into site (may be NULL) beside them.
 */
int	 dist_read_conda(struct jsonf *, const char *prefix, const char *site,
	    struct dist_list *);

struct dist *dist_find(struct dist_list *, const char *norm);
void	 dist_list_free(struct dist_list *);

#endif
