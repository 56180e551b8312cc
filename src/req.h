/*
 * req: requirements files read as pip reads them (comments, continuations,
 * -r/-c includes, -e lines, URLs and paths, per-line and global options),
 * and Pipfile.lock files. Nothing is fetched and nothing is run.
 */
#ifndef VENVDEX_REQ_H
#define VENVDEX_REQ_H

#include <stddef.h>
#include <sqlite3.h>

/* One requirement. Strings are allocated and owned by the req_list. */
struct req {
	char	*name;		/* as written; NULL when the line names no project */
	char	*norm;		/* PEP 503 name, or NULL */
	char	*extras;	/* "a,b", or NULL */
	char	*spec;		/* the specifier set without blanks; "" when none */
	char	*url;		/* name @ URL, a path or an archive URL; else NULL */
	char	*url_version;	/* name @ URL of an archive: the version its
				   file name gives (pip freeze of a local
				   wheel); else NULL */
	char	*marker;	/* NULL when none */
	char	*file;		/* where it was read */
	int	 line;
	int	 editable;
	int	 constraint;	/* from a -c file: constrains, does not require */
};

struct req_list {
	struct req	*v;
	size_t		 n, cap;
	char		**warn;		/* "file:line: problem", skipped lines */
	size_t		 nwarn;
};

/*
 * Reads the requirements file at path ("-": standard input) and the files it
 * includes into list. Lines that cannot be used are skipped with a warning
 * in list->warn. Returns 0, or -1 when path itself cannot be read (*err
 * allocated).
 */
int	 req_read_file(const char *path, struct req_list *, char **err);
/* The same for text already in memory (len bytes); includes are relative to path's folder. */
int	 req_read_text(const char *path, const char *text, size_t len,
	    struct req_list *);
/*
 * The text of a requirements or lock file: path, or standard input for "-"
 * (a pipe is read too), at most 16 MB, UTF-16 decoded by its byte order
 * mark, binary refused. Allocated (len bytes, NUL-terminated), or NULL
 * with *err allocated.
 */
char	*req_load(const char *path, size_t *len, char **err);
/*
 * Reads a Pipfile.lock's text ("default" and "develop") with SQLite's JSON
 * functions on db; path names it in messages. Returns 0, or -1 with *err
 * allocated.
 */
int	 req_read_pipfile_lock(sqlite3 *, const char *path, const char *text,
	    size_t len, struct req_list *, char **err);

/*
 * Parses one requirement (no options: "name[extras] spec ; marker",
 * "name @ url", a path or a URL) into r. Returns 0, or -1 with *err
 * allocated. r's strings are allocated; free with req_free().
 */
int	 req_parse(const char *line, struct req *, char **err);
void	 req_free(struct req *);

/*
 * The version a requirement pins ("==X", "===X", or name @ an archive whose
 * file name gives it), allocated; else NULL.
 */
char	*req_pinned(const struct req *);

void	 req_list_free(struct req_list *);
/* Adds "file:line: message" (line 0: "file: message") to l->warn, bounded. */
void	 req_warn(struct req_list *l, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
