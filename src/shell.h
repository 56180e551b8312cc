/*
 * shell: the user's shell, started with an environment active after the
 * shell's own start-up files have run (so pyenv or conda init lines, or a
 * prompt framework, in them cannot undo it). No typing into a terminal:
 * each shell is given start-up files of its own in a temporary folder that
 * source the user's, then activate:
 *	bash	--rcfile FILE: /etc/bash.bashrc, ~/.bashrc, then FILE's rest
 *	zsh	ZDOTDIR=TMP: .zshenv .zprofile .zshrc .zlogin source the
 *		user's own (from the user's ZDOTDIR) and the last one activates
 *	fish	-C 'source FILE', which fish runs after its config
 *	sh	ENV=FILE (dash, ksh, mksh, ...): the user's $ENV, then activates
 *	csh	HOME=TMP, whose .tcshrc and .cshrc put HOME back and source
 *		the user's ~/.tcshrc or ~/.cshrc, then activate
 *	nu	-e with the variables (not tested: nushell was not installed)
 * Any other shell gets the variables through its environment only.
 *
 * What is set is what the environment's own activate script sets:
 * VIRTUAL_ENV, VIRTUAL_ENV_PROMPT, PATH, PYTHONHOME unset, the prompt
 * prefix unless VIRTUAL_ENV_DISABLE_PROMPT is set; for a conda
 * environment CONDA_PREFIX, CONDA_DEFAULT_ENV, CONDA_SHLVL,
 * CONDA_PROMPT_MODIFIER, PATH and its etc/conda/activate.d scripts; for a
 * pyenv version PYENV_VERSION and PATH. VENVDEX_SHELL holds the
 * environment's path, so a venvdex shell inside one is noticed.
 */
#ifndef VENVDEX_SHELL_H
#define VENVDEX_SHELL_H

struct env;

enum shell_kind {
	SHELL_SH,
	SHELL_BASH,
	SHELL_ZSH,
	SHELL_FISH,
	SHELL_CSH,
	SHELL_NU,
	SHELL_OTHER
};

/* A prepared start; everything allocated is freed by shell_done(). */
struct shell_run {
	enum shell_kind	 kind;
	char		*shell;		/* the shell's path */
	char		*name;		/* the name the prompt shows */
	char		**argv;		/* what to run (NULL-terminated) */
	char		**envp;		/* its environment (NULL-terminated) */
	char		*dir;		/* the start-up files' folder, or NULL */
	char		**files;	/* the files written there */
	int		 nfiles;
	/* Set when an environment is already active here: what, for a note. */
	char		*nested;
};

/*
 * Prepares the user's shell ($SHELL, else the password file's, else
 * /bin/sh) to start with e active; with ncmd > 0, to run cmd (words, as
 * given) in it after the same start-up files, and exit with its status.
 * For a shell venvdex cannot give start-up files to, cmd is run directly.
 * Returns 0, or -1 with *err set (allocated).
 */
int	 shell_prepare(const struct env *e, char *const *cmd, int ncmd,
	    struct shell_run *, char **err);
/* Removes the start-up files and frees r. */
void	 shell_done(struct shell_run *r);

/* The shell's kind from its path ("/usr/bin/zsh", "-bash"). */
enum shell_kind shell_kind_of(const char *path);

#endif
