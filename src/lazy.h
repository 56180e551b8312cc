/*
 * lazy: libzip and libcurl, opened with dlopen() the first time something
 * needs them (libzip: a pip wheel unpacked into the cache, a zipped egg, an
 * OSV zip export; libcurl: audit --fetch), so that no other command pays
 * for loading them and the dozens of libraries behind them. The sonames
 * are the ones configure found (LIBZIP_SONAME, LIBCURL_SONAME).
 *
 * Call lazy_load_zip() (or lazy_load_curl()) first: once it has returned
 * 0, lazy_F points at the library's function F, with F's own type, for
 * every F of its list below; the library stays loaded. Thread-safe.
 */
#ifndef VENVDEX_LAZY_H
#define VENVDEX_LAZY_H

#include <curl/curl.h>
#include <zip.h>

#define LAZY_ZIP_FUNCS(F) \
	F(zip_open) F(zip_fdopen) F(zip_open_from_source) F(zip_discard) \
	F(zip_get_num_entries) F(zip_get_name) F(zip_stat) F(zip_stat_index) \
	F(zip_fopen) F(zip_fopen_index) F(zip_fread) F(zip_fclose) \
	F(zip_strerror) F(zip_file_strerror) \
	F(zip_file_get_external_attributes) \
	F(zip_error_init) F(zip_error_init_with_code) F(zip_error_strerror) \
	F(zip_error_fini) F(zip_source_buffer_create) F(zip_source_free)

#define LAZY_CURL_FUNCS(F) \
	F(curl_global_init) F(curl_easy_init) F(curl_easy_setopt) \
	F(curl_easy_perform) F(curl_easy_getinfo) F(curl_easy_strerror) \
	F(curl_easy_cleanup) F(curl_slist_append) F(curl_slist_free_all)

#define LAZY_DECLARE(f)	extern __typeof__(f) *lazy_##f;
LAZY_ZIP_FUNCS(LAZY_DECLARE)
LAZY_CURL_FUNCS(LAZY_DECLARE)
#undef LAZY_DECLARE

/*
 * Loads the library (once); 0, or -1 with *err allocated, as
 * "libzip (libzip.so.4): <why>", the same each time it is asked again.
 */
int	lazy_load_zip(char **err);
int	lazy_load_curl(char **err);

#endif
