/*
 * req: one requirement as pip reads it (PEP 508 lines, name @ URL, local
 * paths and archives) and the list of them that the readers of files fill:
 * reqfile.h (requirements files) and pipfile.h (Pipfile.lock). Nothing is
 * fetched and nothing is run.
 */
#ifndef VENVDEX_REQ_H
#define VENVDEX_REQ_H

#include <stddef.h>

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
 * Parses one requirement (no options: "name[extras] spec ; marker",
 * "name @ url", a path or a URL) into r. Returns 0, or -1 with *err
 * allocated. r's strings are allocated; free with req_free().
 */
int	 req_parse(const char *line, struct req *, char **err);
/* The same for a line of the requirements file file (paths relative to its folder). */
int	 req_parse_in(const char *line, const char *file, struct req *, char **err);
void	 req_free(struct req *);
/* Sets r's name (n bytes of name) and its PEP 503 form. */
void	 req_set_name(struct req *r, const char *name, size_t n);
/* pip's is_url(): a scheme pip knows (http, git+https, ...) before a colon. */
int	 req_is_url(const char *);

/*
 * The version a requirement pins ("==X", "===X", or name @ an archive whose
 * file name gives it), allocated; else NULL.
 */
char	*req_pinned(const struct req *);

/* Moves *r (then zeroed) to the end of l. */
void	 req_list_add(struct req_list *l, struct req *r);
void	 req_list_free(struct req_list *);
/* Adds "file:line: message" (line 0: "file: message") to l->warn, bounded. */
void	 req_warn(struct req_list *l, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
