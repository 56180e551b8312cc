/* path: lexical path helpers. */
#ifndef VENVDEX_PATH_H
#define VENVDEX_PATH_H


/* Path helpers; results are allocated. */
char	*path_join(const char *, const char *);
char	*path_absolute(const char *);	/* lexical: cwd-joined, "." and ".." folded */
int	 path_is_under(const char *path, const char *dir);	/* component-wise, dir itself counts */
const char *path_base(const char *);
char	*path_dir(const char *);
char	*path_tilde(const char *);	/* $HOME/x -> ~/x, for display */
char	*path_home(const char *rel);	/* $HOME/rel ("/" when HOME is not absolute) */

#endif
