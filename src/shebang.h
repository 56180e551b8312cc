/*
 * shebang: how the kernel and sh start a script, read from its first
 * bytes: the #! line as Linux's binfmt_script takes it, `#!/usr/bin/env`'s
 * command, and the `#!/bin/sh` + `'''exec' PYTHON` form pip, installer and
 * uv write for long paths. Nothing is run.
 */
#ifndef VENVDEX_SHEBANG_H
#define VENVDEX_SHEBANG_H

#include <stddef.h>

#define SHEBANG_MAX	256	/* what Linux reads of a script for its #! line */

enum shebang {
	SHEBANG_NONE,	/* no #! line the kernel takes: a binary, or sh runs it */
	SHEBANG_OK,
	SHEBANG_LONG	/* #!, but the interpreter's name does not fit in SHEBANG_MAX */
};

/*
 * The #! line of buf (len bytes) as Linux reads it: the first SHEBANG_MAX
 * bytes, the interpreter's name up to a blank or NUL, the rest of the line
 * one argument, blanks around it trimmed but a '\r' kept. *interp and *arg
 * are allocated (*arg "" when none) when SHEBANG_OK.
 */
enum shebang shebang_read(const char *buf, size_t len, char **interp, char **arg);
/* The command `#!/usr/bin/env ARG` runs (-S split, options skipped); allocated or NULL. */
char	*shebang_env_command(const char *arg);
/*
 * The interpreter of the sh + exec form in the file real, which runs as
 * script ($0; uv's relocatable scripts name their own folder): an absolute
 * path, allocated, or NULL when the file is not in that form.
 */
char	*shebang_sh_exec(const char *script, const char *real);

#endif
