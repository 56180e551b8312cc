/*
 * rmenv: deleting an environment, safely. rmenv_check() decides whether a
 * folder may go (the safety rules of DESIGN.md, each refusal a sentence)
 * and measures what deleting it frees; rmenv_delete() removes it with
 * openat/unlinkat on one file system, never following a symlink, then
 * tidies what its manager kept about it (conda's environments.txt, pipx's
 * links, pyenv's shims) and marks it gone in the index. Never prints.
 */
#ifndef VENVDEX_RMENV_H
#define VENVDEX_RMENV_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct index;

enum {
	RMENV_FORCE = 0x1	/* lift the refusals marked forceable */
};

/* A list of allocated strings. */
struct rmenv_strs {
	char	**v;
	size_t	 n;
};

/*
 * One folder asked for. Every string is allocated and owned by the struct
 * until rmenv_free().
 */
struct rmenv {
	char		*arg;		/* as given */
	char		*path;		/* its real path (NULL: none) */
	char		*name;		/* the index's name, or the folder's */
	const char	*kind;		/* "venv", ... or NULL when it is none */
	const char	*manager;	/* static, or NULL */
	char		*python;
	char		*project;
	int		 ok;		/* no refusal stands: it may be deleted */
	struct rmenv_strs refused;	/* why not, one sentence each */
	int		 forceable;	/* every refusal is one --force lifts */
	struct rmenv_strs notes;	/* worth saying: a manager recreates it, ... */
	int64_t		 size;		/* bytes it frees (blocks; a hard link's when all are inside) */
	int64_t		 files;		/* entries under it */
	/* After rmenv_delete(): */
	int		 removed;
	int64_t		 freed;
	char		*error;		/* why the deletion stopped, or NULL */
	int		 missing;	/* it is not on disk (any more) */
	/* Private to rmenv.c. */
	dev_t		 dev;
	ino_t		 ino;
	int		 kindnum;
	void		*privp;
};

/* The state shared by the checks of one command (processes, mounts). */
struct rmenv_ctx;
struct rmenv_ctx *rmenv_ctx_new(struct index *, int flags);
void	 rmenv_ctx_free(struct rmenv_ctx *);

/*
 * Checks arg (a path, or a name from the index) and fills r. Returns 1
 * when it may be deleted (r->ok), 0 when refused (r->refused says why).
 */
int	 rmenv_check(struct rmenv_ctx *, const char *arg, struct rmenv *r);

/* Progress of a deletion: called about ten times a second. */
struct rmenv_progress {
	const char	*path;
	int64_t		 files, total_files;
	int64_t		 freed;
};
typedef void rmenv_progress_fn(const struct rmenv_progress *, void *);

/*
 * Deletes r (checked ok by rmenv_check()), then its manager's traces, and
 * marks it (and environments inside it) gone in the index. Returns 0, or -1
 * with r->error set; r->freed counts what went either way.
 */
int	 rmenv_delete(struct rmenv_ctx *, struct rmenv *r, rmenv_progress_fn *,
	    void *arg);

void	 rmenv_free(struct rmenv *);

/*
 * Measures the tree at path (a folder, not followed if a symlink) as
 * rmenv_check() does: *size gets the bytes deleting it would free, *files
 * the entries. Returns 0, or -1 (errno) when it cannot be opened; *other_fs
 * (if not NULL) gets an allocated path of the first folder on another file
 * system, or NULL.
 */
int	 rmenv_measure(const char *path, int64_t *size, int64_t *files,
	    char **other_fs);

#endif
