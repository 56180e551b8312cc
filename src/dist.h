/* dist: the distributions installed in an environment. */
#ifndef VENVDEX_DIST_H
#define VENVDEX_DIST_H

#include <stddef.h>
#include <stdint.h>

#include "str.h"

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
	const char *format;	/* "dist-info", "egg-info", "egg-link", "egg", "conda" (static) */
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

/*
 * Code may append to v directly; dist_find() indexes what was appended.
 * Code that reorders or removes entries calls dist_list_reindex() after.
 */
struct dist_list {
	struct dist	*v;
	size_t		 n, cap;
	struct strix	 ix;		/* v[0 .. nix) by norm */
	size_t		 nix;
	unsigned	 denied;	/* entries that could not be read (permissions) */
};

/*
 * Adds the distributions found in the folder site (a site-packages or
 * dist-packages folder) to list, skipping names already in it, as
 * importlib.metadata does along sys.path. Follows .egg-link files and the
 * folders and eggs named by .pth files, as pip list --local does: prefix is
 * the virtual environment's folder (what a .pth line names outside it does
 * not count), or NULL for an interpreter (everything counts). Eggs (folders
 * and zip files, EGG-INFO inside) are read too. Returns the number added,
 * or -1 when site cannot be read at all.
 */
int	 dist_read_site(struct jsonf *, const char *site, const char *prefix,
	    struct dist_list *);
/*
 * Adds the conda packages recorded in prefix/conda-meta, then what pip
 * installed into site (may be NULL) beside them.
 */
int	 dist_read_conda(struct jsonf *, const char *prefix, const char *site,
	    struct dist_list *);

/*
 * What a re-scan must notice that site's own time does not show: the
 * metadata of the projects its .egg-link files name (legacy editable
 * installs keep their egg-info there). A hash of times and sizes, 0 when
 * there are none. Sets *denied when a distribution's folder (or egg-info
 * file) there cannot be read: a chmod leaves site's time as it was.
 */
int64_t	 dist_site_stamp(const char *site, int *denied);

struct dist *dist_find(struct dist_list *, const char *norm);
void	 dist_list_reindex(struct dist_list *);
void	 dist_list_free(struct dist_list *);

#endif
