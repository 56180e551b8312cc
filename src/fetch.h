/*
 * fetch: the one network access venvdex makes, and only when asked (audit
 * --fetch): a conditional HTTP download with libcurl. Never prints.
 */
#ifndef VENVDEX_FETCH_H
#define VENVDEX_FETCH_H

#include <stdint.h>

/* OSV's PyPI export, unless $VENVDEX_OSV_URL says otherwise. */
#define FETCH_OSV_URL	"https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip"

/* The URL to fetch the advisories from: $VENVDEX_OSV_URL, else FETCH_OSV_URL. */
const char *fetch_osv_url(void);

/* Called as bytes arrive: got so far, of total (0: unknown). */
typedef void fetch_progress_fn(int64_t got, int64_t total, void *arg);

/*
 * Downloads url (http or https) into dest, through dest.part and a rename,
 * creating dest's folder. A conditional request: If-Modified-Since dest's
 * mtime (set to the server's Last-Modified) and If-None-Match the ETag kept
 * in dest.etag. progress may be NULL. Returns 1 downloaded, 0 not modified
 * (dest kept), -1 with *err allocated (dest kept).
 */
int	 fetch_url(const char *url, const char *dest, fetch_progress_fn *progress,
	    void *arg, char **err);

#endif
