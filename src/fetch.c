/* fetch: conditional downloads with libcurl (audit --fetch). */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>


#include "fetch.h"
#include "fs.h"
#include "lazy.h"
#include "path.h"
#include "str.h"
#include "util.h"

#define FETCH_ETAG_MAX	512

struct fetch {
	fetch_progress_fn	*progress;
	void			*arg;
	char			*etag;		/* from the response */
};

const char *
fetch_osv_url(void)
{
	const char	*u = getenv("VENVDEX_OSV_URL");

	return u != NULL && u[0] != '\0' ? u : FETCH_OSV_URL;
}

static size_t
fetch_header(char *b, size_t size, size_t n, void *arg)
{
	struct fetch	*f = arg;
	size_t		 len = size * n, i, e;

	if (len > 5 && len < FETCH_ETAG_MAX && strncasecmp(b, "ETag:", 5) == 0) {
		for (i = 5; i < len && (b[i] == ' ' || b[i] == '\t'); i++)
			;
		for (e = len; e > i && (b[e - 1] == '\r' || b[e - 1] == '\n' ||
		    b[e - 1] == ' '); e--)
			;
		free(f->etag);
		f->etag = xstrndup(b + i, e - i);
	}
	return len;
}

static int
fetch_xfer(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
    curl_off_t ulnow)
{
	struct fetch	*f = arg;

	(void)ultotal;
	(void)ulnow;
	if (f->progress != NULL)
		f->progress((int64_t)dlnow, (int64_t)dltotal, f->arg);
	return 0;
}

int
fetch_url(const char *url, const char *dest, fetch_progress_fn *progress,
    void *arg, char **err)
{
	struct fetch		 f;
	struct curl_slist	*hdr = NULL;
	struct stat		 sb;
	struct utimbuf		 ut;
	CURL			*c = NULL;
	CURLcode		 cc;
	FILE			*out = NULL;
	char			 ebuf[CURL_ERROR_SIZE] = "";
	char			*part, *etagf, *dir, *old = NULL, *h, *e;
	size_t			 len;
	long			 code = 0, filetime = -1;
	int			 rc = -1, have;

	*err = NULL;
	if (lazy_load_curl(&e) == -1) {
		*err = xasprintf("audit --fetch needs %s", e);
		free(e);
		return -1;
	}
	memset(&f, 0, sizeof f);
	f.progress = progress;
	f.arg = arg;
	part = xasprintf("%s.part", dest);
	etagf = xasprintf("%s.etag", dest);
	dir = path_dir(dest);
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		*err = xasprintf("%s: only http and https URLs are fetched", url);
		goto out;
	}
	if (fs_mkdirs(dir, 0700) == -1) {
		*err = xasprintf("%s: %s", dir, strerror(errno));
		goto out;
	}
	have = stat(dest, &sb) == 0 && S_ISREG(sb.st_mode);
	if ((out = fopen(part, "wbe")) == NULL) {
		*err = xasprintf("%s: %s", part, strerror(errno));
		goto out;
	}
	if (lazy_curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    (c = lazy_curl_easy_init()) == NULL) {
		*err = xstrdup("cannot start libcurl");
		goto out;
	}
	lazy_curl_easy_setopt(c, CURLOPT_URL, url);
	lazy_curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	lazy_curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	lazy_curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	lazy_curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	lazy_curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
	lazy_curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
	lazy_curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	lazy_curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
	lazy_curl_easy_setopt(c, CURLOPT_USERAGENT, "venvdex/" PACKAGE_VERSION);
	lazy_curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	lazy_curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	lazy_curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, fetch_header);
	lazy_curl_easy_setopt(c, CURLOPT_HEADERDATA, &f);
	lazy_curl_easy_setopt(c, CURLOPT_FILETIME, 1L);
	lazy_curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	lazy_curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, fetch_xfer);
	lazy_curl_easy_setopt(c, CURLOPT_XFERINFODATA, &f);
	if (have) {
		lazy_curl_easy_setopt(c, CURLOPT_TIMECONDITION,
		    (long)CURL_TIMECOND_IFMODSINCE);
		lazy_curl_easy_setopt(c, CURLOPT_TIMEVALUE, (long)sb.st_mtime);
		if ((old = read_file_at(AT_FDCWD, etagf, FETCH_ETAG_MAX, &len)) !=
		    NULL && len > 0 && strchr(old, '\n') == NULL) {
			h = xasprintf("If-None-Match: %s", old);
			hdr = lazy_curl_slist_append(hdr, h);
			free(h);
			lazy_curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
		}
	}
	cc = lazy_curl_easy_perform(c);
	if (fclose(out) != 0 && cc == CURLE_OK) {
		out = NULL;
		*err = xasprintf("%s: %s", part, strerror(errno));
		goto out;
	}
	out = NULL;
	if (cc != CURLE_OK) {
		*err = xasprintf("%s: %s", url, ebuf[0] != '\0' ? ebuf :
		    lazy_curl_easy_strerror(cc));
		goto out;
	}
	lazy_curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (code == 304 || (have && code == 200 && lazy_curl_easy_getinfo(c,
	    CURLINFO_CONDITION_UNMET, &filetime) == CURLE_OK && filetime != 0)) {
		rc = 0;
		goto out;
	}
	if (rename(part, dest) == -1) {
		*err = xasprintf("%s: %s", dest, strerror(errno));
		goto out;
	}
	filetime = -1;
	if (lazy_curl_easy_getinfo(c, CURLINFO_FILETIME, &filetime) ==
	    CURLE_OK && filetime > 0) {
		ut.actime = time(NULL);
		ut.modtime = (time_t)filetime;
		utime(dest, &ut);
	}
	unlink(etagf);
	if (f.etag != NULL && (out = fopen(etagf, "we")) != NULL) {
		fputs(f.etag, out);
		fclose(out);
		out = NULL;
	}
	rc = 1;
out:
	if (out != NULL)
		fclose(out);
	unlink(part);
	if (c != NULL)
		lazy_curl_easy_cleanup(c);
	lazy_curl_slist_free_all(hdr);
	free(f.etag);
	free(old);
	free(dir);
	free(etagf);
	free(part);
	return rc;
}
