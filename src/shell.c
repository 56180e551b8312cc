/* shell: the user's shell with an environment active after its start-up files. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe.h"
#include "shell.h"
#include "util.h"

extern char **environ;

#define ACT_MAXVARS	16

/* What activating one environment means, whatever the shell. */
struct act {
	const char	*set[ACT_MAXVARS][2];	/* name, value (owned by strs) */
	int		 nset;
	const char	*unset[ACT_MAXVARS];
	int		 nunset;
	char		*bin;		/* put first in PATH */
	char		*prompt;	/* the prompt's prefix, "(name) " made safe */
	char		**scripts;	/* conda's activate.d, by suffix below */
	int		 nscripts;
	char		*strs[ACT_MAXVARS];	/* values to free */
	int		 nstrs;
};

enum shell_kind
shell_kind_of(const char *path)
{
	static const struct {
		const char	*name;
		enum shell_kind	 kind;
	} names[] = {
		{ "bash", SHELL_BASH }, { "zsh", SHELL_ZSH }, { "fish", SHELL_FISH },
		{ "tcsh", SHELL_CSH }, { "csh", SHELL_CSH }, { "nu", SHELL_NU },
		{ "sh", SHELL_SH }, { "dash", SHELL_SH }, { "ash", SHELL_SH },
		{ "ksh", SHELL_SH }, { "ksh93", SHELL_SH }, { "mksh", SHELL_SH },
		{ "pdksh", SHELL_SH }, { "oksh", SHELL_SH }, { "posh", SHELL_SH },
		{ "yash", SHELL_SH },
	};
	const char	*b = path_base(path);
	size_t		 i;

	if (*b == '-')
		b++;
	for (i = 0; i < nitems(names); i++)
		if (strcmp(b, names[i].name) == 0)
			return names[i].kind;
	return SHELL_OTHER;
}

/* name found in the folders of path (PATH's syntax), allocated; or NULL. */
static char *
shell_which(const char *name, const char *path)
{
	const char	*p, *end;
	char		*dir, *f;

	if (strchr(name, '/') != NULL)
		return access(name, X_OK) == 0 ? xstrdup(name) : NULL;
	for (p = path != NULL ? path : ""; ; p = end + 1) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		dir = end == p ? xstrdup(".") : xstrndup(p, (size_t)(end - p));
		f = path_join(dir, name);
		free(dir);
		if (access(f, X_OK) == 0) {
			struct stat	st;

			if (stat(f, &st) == 0 && S_ISREG(st.st_mode))
				return f;
		}
		free(f);
		if (*end == '\0')
			return NULL;
	}
}

/* The user's shell: $SHELL, else the password file's, else /bin/sh. */
static char *
shell_user(void)
{
	const char	*s = getenv("SHELL");
	struct passwd	*pw;
	char		*f;

	if ((s == NULL || *s == '\0') && (pw = getpwuid(getuid())) != NULL)
		s = pw->pw_shell;
	if (s == NULL || *s == '\0')
		s = "/bin/sh";
	if ((f = shell_which(s, getenv("PATH"))) == NULL && strchr(s, '/') == NULL)
		return xstrdup(s);	/* refused below */
	return f != NULL ? f : xstrdup(s);
}

/* The prompt's prefix: "(name) ", with only characters no shell's prompt interprets. */
static char *
shell_prompt(const char *name)
{
	char		*u = u8_valid(name, strlen(name)), *p;

	for (p = u; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(" ._+:@/~=,-", c) != NULL)
			continue;
		*p = '_';
	}
	p = xasprintf("(%s) ", u);
	free(u);
	return p;
}

static void
act_set(struct act *a, const char *name, char *value)
{
	a->strs[a->nstrs++] = value;
	a->set[a->nset][0] = name;
	a->set[a->nset++][1] = value;
}

static int
script_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* conda's etc/conda/activate.d scripts (every suffix; each shell picks its own). */
static void
act_conda_scripts(struct act *a, const char *prefix)
{
	char		*dir = path_join(prefix, "etc/conda/activate.d");
	struct dirent	*de;
	DIR		*d;

	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL && a->nscripts < 256) {
			if (de->d_name[0] == '.' || strchr(de->d_name, '\n') != NULL)
				continue;
			a->scripts = xrealloc(a->scripts,
			    (size_t)(a->nscripts + 1) * sizeof *a->scripts);
			a->scripts[a->nscripts++] = path_join(dir, de->d_name);
		}
		closedir(d);
	}
	free(dir);
	if (a->nscripts > 1)
		xqsort(a->scripts, (size_t)a->nscripts, sizeof *a->scripts, script_cmp);
}

/* Is this an environment conda itself made (its base, or one in an envs folder)? */
static char *
conda_name(const char *path)
{
	char		*parent = path_dir(path), *f;
	struct stat	 st;
	int		 base;

	f = path_join(path, "condabin");
	base = stat(f, &st) == 0 && S_ISDIR(st.st_mode);
	free(f);
	if (base)
		f = xstrdup("base");
	else if (strcmp(path_base(parent), "envs") == 0)
		f = xstrdup(path_base(path));
	else
		f = xstrdup(path);
	free(parent);
	return f;
}

static void
act_fill(struct act *a, const struct env *e, char **name)
{
	const char	*v;
	char		*n;
	long		 lvl;

	memset(a, 0, sizeof *a);
	a->bin = path_join(e->path, "bin");
	act_set(a, "VENVDEX_SHELL", xstrdup(e->path));
	a->unset[a->nunset++] = "PYTHONHOME";
	switch (e->kind) {
	case KIND_VENV:
	case KIND_LEGACY:
		n = e->prompt != NULL && *e->prompt != '\0' ? xstrdup(e->prompt) :
		    xstrdup(path_base(e->path));
		act_set(a, "VIRTUAL_ENV", xstrdup(e->path));
		act_set(a, "VIRTUAL_ENV_PROMPT", xstrdup(n));
		if (e->manager != NULL && strcmp(e->manager, "pyenv-virtualenv") == 0) {
			act_set(a, "PYENV_VERSION", xstrdup(path_base(e->path)));
			act_set(a, "PYENV_VIRTUAL_ENV", xstrdup(e->path));
		}
		break;
	case KIND_CONDA:
		n = conda_name(e->path);
		v = getenv("CONDA_SHLVL");
		lvl = v != NULL ? strtol(v, NULL, 10) : 0;
		lvl = lvl < 0 || lvl > 1000 ? 0 : lvl;
		if ((v = getenv("CONDA_PREFIX")) != NULL && *v != '\0' && lvl > 0) {
			char *key = xasprintf("CONDA_PREFIX_%ld", lvl);

			/* The name must outlive the act: keep it with the values. */
			act_set(a, key, xstrdup(v));
			a->strs[a->nstrs++] = key;
		}
		act_set(a, "CONDA_PREFIX", xstrdup(e->path));
		act_set(a, "CONDA_DEFAULT_ENV", xstrdup(n));
		act_set(a, "CONDA_SHLVL", xasprintf("%ld", lvl + 1));
		act_set(a, "CONDA_PROMPT_MODIFIER", xasprintf("(%s) ", n));
		a->unset[a->nunset++] = "VIRTUAL_ENV";
		a->unset[a->nunset++] = "VIRTUAL_ENV_PROMPT";
		act_conda_scripts(a, e->path);
		break;
	case KIND_INTERPRETER:
	default:
		n = xstrdup(e->name != NULL ? e->name : path_base(e->path));
		if (e->manager != NULL && strcmp(e->manager, "pyenv") == 0)
			act_set(a, "PYENV_VERSION", xstrdup(path_base(e->path)));
		a->unset[a->nunset++] = "VIRTUAL_ENV";
		a->unset[a->nunset++] = "VIRTUAL_ENV_PROMPT";
		break;
	}
	a->prompt = shell_prompt(n);
	*name = n;
}

static void
act_free(struct act *a)
{
	int	i;

	for (i = 0; i < a->nstrs; i++)
		free(a->strs[i]);
	for (i = 0; i < a->nscripts; i++)
		free(a->scripts[i]);
	free(a->scripts);
	free(a->bin);
	free(a->prompt);
}

/* --- quoting ---------------------------------------------------------- */

/* 'text' for sh, bash and zsh. */
static void
q_sh(struct sbuf *sb, const char *s)
{
	sbuf_addc(sb, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			sbuf_adds(sb, "'\\''");
		else
			sbuf_addc(sb, *s);
	}
	sbuf_addc(sb, '\'');
}

/* 'text' for fish: \ and ' escaped inside. */
static void
q_fish(struct sbuf *sb, const char *s)
{
	sbuf_addc(sb, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'' || *s == '\\')
			sbuf_addc(sb, '\\');
		sbuf_addc(sb, *s);
	}
	sbuf_addc(sb, '\'');
}

/* 'text' for csh: ' closed and reopened, ! escaped (no newlines: refused before). */
static void
q_csh(struct sbuf *sb, const char *s)
{
	sbuf_addc(sb, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			sbuf_adds(sb, "'\\''");
		else if (*s == '!')
			sbuf_adds(sb, "\\!");
		else
			sbuf_addc(sb, *s);
	}
	sbuf_addc(sb, '\'');
}

/* r#'text'# for nushell, with as many # as it takes. */
static void
q_nu(struct sbuf *sb, const char *s)
{
	struct sbuf	 close = { 0 };
	int		 n = 1;

	for (;;) {
		sbuf_free(&close);
		sbuf_addc(&close, '\'');
		for (int i = 0; i < n; i++)
			sbuf_addc(&close, '#');
		if (strstr(s, close.s) == NULL)
			break;
		n++;
	}
	sbuf_addc(sb, 'r');
	sbuf_add(sb, close.s + 1, (size_t)n);
	sbuf_addc(sb, '\'');
	sbuf_adds(sb, s);
	sbuf_adds(sb, close.s);
	sbuf_free(&close);
}

/* --- the start-up files ----------------------------------------------- */

static int
shell_write(struct shell_run *r, const char *name, const char *text, char **err)
{
	char	*path = path_join(r->dir, name);
	size_t	 len = strlen(text);
	ssize_t	 n;
	int	 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd == -1) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	r->files = xrealloc(r->files, (size_t)(r->nfiles + 1) * sizeof *r->files);
	r->files[r->nfiles++] = path;
	n = write(fd, text, len);
	if (close(fd) == -1 || n != (ssize_t)len) {
		*err = xasprintf("%s: %s", path, n == -1 ? strerror(errno) :
		    "short write");
		return -1;
	}
	return 0;
}

/*
 * How each shell sets, unsets, quotes and sources: the part of the activation
 * the shells share in shape. PATH and the prompt differ too much to tabulate.
 */
struct syntax {
	const char	*set;		/* before NAME */
	const char	*is;		/* between NAME and the quoted value */
	int		 export;	/* sh: "; export NAME" after the value */
	const char	*unset;		/* before NAME */
	void		(*quote)(struct sbuf *, const char *);
	const char	*source;	/* before a quoted script path */
	const char	*ext;		/* the conda activate.d scripts it runs */
};

static const struct syntax syn_sh = { "", "=", 1, "unset ", q_sh, ". ", ".sh" };
static const struct syntax syn_fish = { "set -gx ", " ", 0, "set -e ", q_fish,
	"source ", ".fish" };
static const struct syntax syn_csh = { "setenv ", " ", 0, "unsetenv ", q_csh,
	"source ", ".csh" };

/* The variables set and unset, a line each. */
static void
act_vars(struct sbuf *sb, const struct act *a, const struct syntax *syn)
{
	int	i;

	for (i = 0; i < a->nset; i++) {
		sbuf_printf(sb, "%s%s%s", syn->set, a->set[i][0], syn->is);
		syn->quote(sb, a->set[i][1]);
		if (syn->export)
			sbuf_printf(sb, "; export %s", a->set[i][0]);
		sbuf_addc(sb, '\n');
	}
	for (i = 0; i < a->nunset; i++)
		sbuf_printf(sb, "%s%s\n", syn->unset, a->unset[i]);
}

/* The environment's own activate.d scripts this shell can run. */
static void
act_scripts(struct sbuf *sb, const struct act *a, const struct syntax *syn)
{
	int	i;

	for (i = 0; i < a->nscripts; i++) {
		if (!str_ends(a->scripts[i], syn->ext))
			continue;
		sbuf_adds(sb, syn->source);
		syn->quote(sb, a->scripts[i]);
		sbuf_addc(sb, '\n');
	}
}

/* The POSIX activation (bash, zsh, sh): after the user's files, so it wins. */
static char *
act_sh(const struct act *a, int interactive)
{
	struct sbuf	sb = { 0 };

	sbuf_adds(&sb, "# venvdex: the environment, activated after the start-up files\n");
	act_vars(&sb, a, &syn_sh);
	sbuf_adds(&sb, "_venvdex_bin=");
	q_sh(&sb, a->bin);
	sbuf_adds(&sb, "\n_venvdex_p=\":${PATH-}:\"\n"
	    "while :; do\n"
	    "\tcase $_venvdex_p in\n"
	    "\t*:\"$_venvdex_bin\":*) _venvdex_p=\"${_venvdex_p%%:\"$_venvdex_bin\":*}:"
	    "${_venvdex_p#*:\"$_venvdex_bin\":}\" ;;\n"
	    "\t*) break ;;\n"
	    "\tesac\n"
	    "done\n"
	    "_venvdex_p=${_venvdex_p#:}\n"
	    "_venvdex_p=${_venvdex_p%:}\n"
	    "PATH=\"$_venvdex_bin${_venvdex_p:+:$_venvdex_p}\"; export PATH\n");
	act_scripts(&sb, a, &syn_sh);
	if (interactive) {
		sbuf_adds(&sb, "if [ -z \"${VIRTUAL_ENV_DISABLE_PROMPT-}\" ]; then\n\tPS1=");
		q_sh(&sb, a->prompt);
		sbuf_adds(&sb, "\"${PS1-}\"\nfi\n");
	}
	sbuf_adds(&sb, "hash -r 2>/dev/null\nunset _venvdex_bin _venvdex_p\n");
	return sbuf_steal(&sb);
}

static char *
act_fish(const struct act *a, int interactive)
{
	struct sbuf	sb = { 0 };

	sbuf_adds(&sb, "# venvdex: the environment, activated after the configuration\n");
	act_vars(&sb, a, &syn_fish);
	sbuf_adds(&sb, "set -l _venvdex_bin ");
	q_fish(&sb, a->bin);
	sbuf_adds(&sb, "\nset -l _venvdex_path $_venvdex_bin\n"
	    "for _venvdex_d in $PATH\n"
	    "\ttest \"$_venvdex_d\" = \"$_venvdex_bin\"; or set -a _venvdex_path $_venvdex_d\n"
	    "end\n"
	    "set -gx PATH $_venvdex_path\n");
	act_scripts(&sb, a, &syn_fish);
	if (interactive) {
		sbuf_adds(&sb, "if not set -q VIRTUAL_ENV_DISABLE_PROMPT\n"
		    "\tand functions -q fish_prompt\n"
		    "\tfunctions -c fish_prompt _venvdex_fish_prompt\n"
		    "\tfunction fish_prompt\n"
		    "\t\tset -l old_status $status\n"
		    "\t\tprintf '%s' ");
		q_fish(&sb, a->prompt);
		sbuf_adds(&sb, "\n\t\techo \"exit $old_status\" | source\n"
		    "\t\t_venvdex_fish_prompt\n"
		    "\tend\n"
		    "end\n");
	}
	return sbuf_steal(&sb);
}

static char *
act_csh(const struct act *a, int interactive)
{
	struct sbuf	sb = { 0 };

	sbuf_adds(&sb, "# venvdex: the environment, activated after the start-up files\n");
	act_vars(&sb, a, &syn_csh);
	sbuf_adds(&sb, "set _venvdex_bin = ");
	q_csh(&sb, a->bin);
	sbuf_adds(&sb, "\nset _venvdex_p = ( )\n"
	    "foreach _venvdex_d ( $path:q )\n"
	    "\tif ( \"$_venvdex_d\" != \"$_venvdex_bin\" ) set _venvdex_p = ( $_venvdex_p:q $_venvdex_d:q )\n"
	    "end\n"
	    "set path = ( $_venvdex_bin:q $_venvdex_p:q )\n");
	act_scripts(&sb, a, &syn_csh);
	if (interactive) {
		sbuf_adds(&sb, "if ( ! $?VIRTUAL_ENV_DISABLE_PROMPT && $?prompt ) then\n"
		    "\tset prompt = \"");
		sbuf_adds(&sb, a->prompt);	/* made safe by shell_prompt() */
		sbuf_adds(&sb, "$prompt:q\"\n"
		    "endif\n");
	}
	sbuf_adds(&sb, "rehash\nunset _venvdex_bin _venvdex_p _venvdex_d\n");
	return sbuf_steal(&sb);
}

static char *
act_nu(const struct act *a)
{
	struct sbuf	sb = { 0 };
	int		i;

	for (i = 0; i < a->nset; i++) {
		sbuf_printf(&sb, "$env.%s = ", a->set[i][0]);
		q_nu(&sb, a->set[i][1]);
		sbuf_adds(&sb, "; ");
	}
	for (i = 0; i < a->nunset; i++)
		sbuf_printf(&sb, "hide-env -i %s; ", a->unset[i]);
	sbuf_adds(&sb, "$env.PATH = ($env.PATH | prepend ");
	q_nu(&sb, a->bin);
	sbuf_adds(&sb, ")");
	return sbuf_steal(&sb);
}

/* "NAME='value'" (or unset NAME) putting back a variable as it was. */
static void
restore_sh(struct sbuf *sb, const char *name, const char *value)
{
	if (value == NULL) {
		sbuf_printf(sb, "unset %s\n", name);
		return;
	}
	sbuf_printf(sb, "%s=", name);
	q_sh(sb, value);
	sbuf_printf(sb, "; export %s\n", name);
}

static int
files_bash(struct shell_run *r, const char *act, char **err)
{
	struct sbuf	sb = { 0 };
	int		rc;

	sbuf_adds(&sb, "# venvdex: the user's ~/.bashrc, then the environment\n"
	    "if [ -f \"$HOME/.bashrc\" ]; then . \"$HOME/.bashrc\"; fi\n");
	sbuf_adds(&sb, act);
	rc = shell_write(r, "bashrc", sb.s, err);
	sbuf_free(&sb);
	return rc;
}

static int
files_sh(struct shell_run *r, const char *act, char **err)
{
	struct sbuf	 sb = { 0 };
	const char	*orig = getenv("ENV"), *b = path_base(r->shell);
	int		 rc;

	sbuf_adds(&sb, "# venvdex: the user's $ENV, then the environment\n");
	restore_sh(&sb, "ENV", orig);
	if (orig != NULL)
		sbuf_adds(&sb, "if [ -r \"$ENV\" ]; then . \"$ENV\"; fi\n");
	else if (strcmp(b, "mksh") == 0)
		sbuf_adds(&sb, "if [ -r \"$HOME/.mkshrc\" ]; then . \"$HOME/.mkshrc\"; fi\n");
	else if (strncmp(b, "ksh", 3) == 0)
		sbuf_adds(&sb, "if [ -r \"$HOME/.kshrc\" ]; then . \"$HOME/.kshrc\"; fi\n");
	sbuf_adds(&sb, act);
	rc = shell_write(r, "env.sh", sb.s, err);
	sbuf_free(&sb);
	return rc;
}

/*
 * zsh reads $ZDOTDIR/.zshenv, then .zprofile (login), .zshrc (interactive),
 * .zlogin (login). Each of ours puts back the user's ZDOTDIR, sources the
 * user's file, and points ZDOTDIR back here for the next; the last one the
 * shell will read activates. Run with -c (not interactive), .zshenv also
 * sources the user's .zshrc, as the prompt's commands would have it.
 */
static int
files_zsh(struct shell_run *r, const char *act, char **err)
{
	static const char restore[] =
	    "if (( ${_venvdex_zset:-0} )); then ZDOTDIR=$_venvdex_zdot; else unset ZDOTDIR; fi\n";
	static const char save[] =
	    "typeset -g _venvdex_zset=${+ZDOTDIR} _venvdex_zdot=${ZDOTDIR-}\n"
	    "ZDOTDIR=$_venvdex_dir\n";
	static const char done[] =
	    ". \"$_venvdex_dir/activate.sh\"\n"
	    "unset _venvdex_dir _venvdex_zset _venvdex_zdot\n";
	static const char *const names[] = { ".zprofile", ".zshrc", ".zlogin" };
	struct sbuf	 sb = { 0 };
	const char	*orig = getenv("ZDOTDIR");
	int		 i;

	if (shell_write(r, "activate.sh", act, err) == -1)
		return -1;
	sbuf_adds(&sb, "# venvdex: the user's .zshenv, then on to the next file\n"
	    "typeset -g _venvdex_dir=$ZDOTDIR\n");
	restore_sh(&sb, "ZDOTDIR", orig);
	sbuf_adds(&sb, "if [[ -r ${ZDOTDIR:-$HOME}/.zshenv ]]; then . ${ZDOTDIR:-$HOME}/.zshenv; fi\n"
	    "if [[ -o interactive || -o login ]]; then\n");
	sbuf_adds(&sb, save);
	sbuf_adds(&sb, "else\n"
	    "if [[ -r ${ZDOTDIR:-$HOME}/.zshrc ]]; then . ${ZDOTDIR:-$HOME}/.zshrc; fi\n");
	sbuf_adds(&sb, done);
	sbuf_adds(&sb, "fi\n");
	if (shell_write(r, ".zshenv", sb.s, err) == -1)
		goto fail;
	for (i = 0; i < (int)nitems(names); i++) {
		sbuf_free(&sb);
		sbuf_printf(&sb, "# venvdex: the user's %s\n", names[i]);
		sbuf_adds(&sb, restore);
		sbuf_printf(&sb, "if [[ -r ${ZDOTDIR:-$HOME}/%s ]]; then . ${ZDOTDIR:-$HOME}/%s; fi\n",
		    names[i], names[i]);
		if (i == 0)		/* .zprofile: .zshrc or .zlogin follows */
			sbuf_adds(&sb, save);
		else if (i == 1) {	/* .zshrc: last unless a login shell */
			sbuf_adds(&sb, "if [[ -o login ]]; then\n");
			sbuf_adds(&sb, save);
			sbuf_adds(&sb, "else\n");
			sbuf_adds(&sb, done);
			sbuf_adds(&sb, "fi\n");
		} else
			sbuf_adds(&sb, done);
		if (shell_write(r, names[i], sb.s, err) == -1)
			goto fail;
	}
	sbuf_free(&sb);
	return 0;
fail:
	sbuf_free(&sb);
	return -1;
}

/* csh and tcsh read ~/.tcshrc or ~/.cshrc: HOME points here while they start. */
static int
files_csh(struct shell_run *r, const char *act, char **err)
{
	struct sbuf	 sb = { 0 };
	const char	*home = getenv("HOME");
	char		*pw = NULL;
	int		 i, rc = 0, act_file;

	if (home == NULL || *home == '\0') {
		struct passwd *p = getpwuid(getuid());

		pw = xstrdup(p != NULL && p->pw_dir != NULL ? p->pw_dir : "/");
		home = pw;
	}
	if (shell_write(r, "activate.csh", act, err) == -1) {
		free(pw);
		return -1;
	}
	act_file = r->nfiles - 1;
	for (i = 0; i < 2 && rc == 0; i++) {
		sbuf_free(&sb);
		sbuf_adds(&sb, "# venvdex: HOME back, the user's own file, then the environment\n"
		    "setenv HOME ");
		q_csh(&sb, home);
		sbuf_adds(&sb, "\nset home = ");
		q_csh(&sb, home);
		if (i == 0)
			sbuf_adds(&sb, "\nif ( -r \"${home}/.tcshrc\" ) then\n"
			    "\tsource \"${home}/.tcshrc\"\n"
			    "else if ( -r \"${home}/.cshrc\" ) then\n"
			    "\tsource \"${home}/.cshrc\"\n"
			    "endif\n");
		else
			sbuf_adds(&sb, "\nif ( -r \"${home}/.cshrc\" ) source \"${home}/.cshrc\"\n");
		sbuf_adds(&sb, "source ");
		q_csh(&sb, r->files[act_file]);
		sbuf_addc(&sb, '\n');
		rc = shell_write(r, i == 0 ? ".tcshrc" : ".cshrc", sb.s, err);
	}
	sbuf_free(&sb);
	free(pw);
	return rc;
}

/* --- the environment and the command line ----------------------------- */

static int
env_named(const char *entry, const char *name)
{
	size_t	n = strlen(name);

	return strncmp(entry, name, n) == 0 && entry[n] == '=';
}

/* PATH with the folder drop taken out of it (every copy). Allocated. */
static char *
path_without(const char *path, const char *drop)
{
	struct sbuf	 sb = { 0 };
	const char	*p, *end;
	size_t		 n;

	if (path == NULL)
		return xstrdup("");
	for (p = path; ; p = end + 1) {
		end = strchr(p, ':');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		if (drop == NULL || strlen(drop) != n || strncmp(p, drop, n) != 0) {
			if (sb.len > 0 || sb.s != NULL)
				sbuf_addc(&sb, ':');
			sbuf_add(&sb, p, n);
		}
		if (end == NULL)
			break;
	}
	return sb.s != NULL ? sbuf_steal(&sb) : xstrdup("");
}

static void
envp_add(char ***v, int *n, char *s)
{
	*v = xrealloc(*v, (size_t)(*n + 2) * sizeof **v);
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

/*
 * The shell's environment: ours, with the activation's variables, PATH
 * with the environment's bin first (and the bin of what was active before
 * taken out), and extra ("NAME=value" strings, allocated, taken over).
 */
static char **
shell_envp(const struct act *a, char **extra, int nextra)
{
	char		**v = NULL, **ep, *path, *p;
	const char	*old;
	int		 n = 0, i, skip;

	for (ep = environ; *ep != NULL; ep++) {
		skip = env_named(*ep, "PATH");
		for (i = 0; !skip && i < a->nset; i++)
			skip = env_named(*ep, a->set[i][0]);
		for (i = 0; !skip && i < a->nunset; i++)
			skip = env_named(*ep, a->unset[i]);
		for (i = 0; !skip && i < nextra; i++)
			skip = strncmp(*ep, extra[i], strcspn(extra[i], "=") + 1) == 0;
		if (!skip)
			envp_add(&v, &n, xstrdup(*ep));
	}
	for (i = 0; i < a->nset; i++)
		envp_add(&v, &n, xasprintf("%s=%s", a->set[i][0], a->set[i][1]));
	for (i = 0; i < nextra; i++)
		envp_add(&v, &n, extra[i]);

	path = path_without(getenv("PATH"), a->bin);
	if ((old = getenv("VIRTUAL_ENV")) != NULL && *old != '\0') {
		char *b = path_join(old, "bin");

		p = path_without(path, b);
		free(path);
		free(b);
		path = p;
	}
	if ((old = getenv("CONDA_PREFIX")) != NULL && *old != '\0') {
		/* conda replaces the active environment (as without --stack). */
		int	conda = 0;

		for (i = 0; i < a->nset; i++)
			conda |= strcmp(a->set[i][0], "CONDA_PREFIX") == 0;
		if (conda) {
			char *b = path_join(old, "bin");

			p = path_without(path, b);
			free(path);
			free(b);
			path = p;
		}
	}
	envp_add(&v, &n, xasprintf("PATH=%s%s%s", a->bin, *path != '\0' ? ":" : "",
	    path));
	free(path);
	return v;
}

static void
argv_add(struct shell_run *r, int *n, char *s)
{
	r->argv = xrealloc(r->argv, (size_t)(*n + 2) * sizeof *r->argv);
	r->argv[(*n)++] = s;
	r->argv[*n] = NULL;
}

/* What is already active here, for a note; NULL when nothing is. */
static char *
shell_nested(const struct env *e)
{
	const char	*vx = getenv("VENVDEX_SHELL"), *ve = getenv("VIRTUAL_ENV");
	const char	*cp = getenv("CONDA_PREFIX");

	if (vx != NULL && *vx != '\0')
		return xasprintf("%s in a venvdex shell (of %s)",
		    strcmp(vx, e->path) == 0 ? "already" : "nested", vx);
	if (ve != NULL && *ve != '\0')
		return xasprintf("%s is already active (VIRTUAL_ENV)", ve);
	if (e->kind == KIND_CONDA && cp != NULL && strcmp(cp, e->path) == 0)
		return xasprintf("%s is already active (CONDA_PREFIX)", cp);
	return NULL;
}

int
shell_prepare(const struct env *e, char *const *cmd, int ncmd,
    struct shell_run *r, char **err)
{
	struct act	 a;
	struct sbuf	 sb = { 0 };
	const char	*tmp;
	char		*act = NULL, *tmpl, *extra[2];
	int		 n = 0, nextra = 0, i, interactive = ncmd == 0;

	memset(r, 0, sizeof *r);
	*err = NULL;
	if (strchr(e->path, '\n') != NULL || strchr(e->path, ':') != NULL) {
		*err = xasprintf("%s: a path holding a newline or a ':' cannot be "
		    "put in PATH", e->path);
		return -1;
	}
	r->shell = shell_user();
	r->kind = shell_kind_of(r->shell);
	if (access(r->shell, X_OK) == -1) {
		*err = xasprintf("cannot run the shell %s (SHELL): %s", r->shell,
		    strerror(errno));
		return -1;
	}
	act_fill(&a, e, &r->name);
	r->nested = shell_nested(e);

	if (r->kind != SHELL_OTHER && r->kind != SHELL_NU) {
		if ((tmp = getenv("TMPDIR")) == NULL || *tmp != '/')
			tmp = "/tmp";
		tmpl = xasprintf("%s/venvdex-shell.XXXXXX", tmp);
		if (mkdtemp(tmpl) == NULL) {
			*err = xasprintf("%s: %s", tmpl, strerror(errno));
			free(tmpl);
			goto fail;
		}
		r->dir = tmpl;
	}

	argv_add(r, &n, xstrdup(r->shell));
	switch (r->kind) {
	case SHELL_BASH:
		act = act_sh(&a, interactive);
		if (files_bash(r, act, err) == -1)
			goto fail;
		if (interactive) {
			argv_add(r, &n, xstrdup("--rcfile"));
			argv_add(r, &n, xstrdup(r->files[0]));
			argv_add(r, &n, xstrdup("-i"));
		} else {
			argv_add(r, &n, xstrdup("-c"));
			sbuf_adds(&sb, ". ");
			q_sh(&sb, r->files[0]);
			sbuf_adds(&sb, "; \"$@\"");
			argv_add(r, &n, sbuf_steal(&sb));
			argv_add(r, &n, xstrdup("bash"));
		}
		break;
	case SHELL_SH:
		act = act_sh(&a, interactive);
		if (files_sh(r, act, err) == -1)
			goto fail;
		if (interactive) {
			extra[nextra++] = xasprintf("ENV=%s", r->files[0]);
			argv_add(r, &n, xstrdup("-i"));
		} else {
			argv_add(r, &n, xstrdup("-c"));
			sbuf_adds(&sb, ". ");
			q_sh(&sb, r->files[0]);
			sbuf_adds(&sb, "; \"$@\"");
			argv_add(r, &n, sbuf_steal(&sb));
			argv_add(r, &n, xstrdup("sh"));
		}
		break;
	case SHELL_ZSH:
		act = act_sh(&a, interactive);
		if (files_zsh(r, act, err) == -1)
			goto fail;
		extra[nextra++] = xasprintf("ZDOTDIR=%s", r->dir);
		if (interactive)
			argv_add(r, &n, xstrdup("-i"));
		else {
			argv_add(r, &n, xstrdup("-c"));
			argv_add(r, &n, xstrdup("\"$@\""));
			argv_add(r, &n, xstrdup("zsh"));
		}
		break;
	case SHELL_FISH:
		act = act_fish(&a, interactive);
		if (shell_write(r, "activate.fish", act, err) == -1)
			goto fail;
		argv_add(r, &n, xstrdup("-C"));
		sbuf_adds(&sb, "source ");
		q_fish(&sb, r->files[0]);
		argv_add(r, &n, sbuf_steal(&sb));
		if (interactive)
			argv_add(r, &n, xstrdup("-i"));
		else {
			argv_add(r, &n, xstrdup("-c"));
			argv_add(r, &n, xstrdup("$argv"));
		}
		break;
	case SHELL_CSH:
		act = act_csh(&a, interactive);
		if (files_csh(r, act, err) == -1)
			goto fail;
		extra[nextra++] = xasprintf("HOME=%s", r->dir);
		if (interactive)
			argv_add(r, &n, xstrdup("-i"));
		else {
			/* Each word on its own: $argv:q would drop empty ones. */
			argv_add(r, &n, xstrdup("-c"));
			for (i = 1; i <= ncmd; i++)
				sbuf_printf(&sb, "%s\"$argv[%d]:q\"", i > 1 ? " " : "", i);
			argv_add(r, &n, sbuf_steal(&sb));
		}
		break;
	case SHELL_NU:
		if (interactive) {
			argv_add(r, &n, xstrdup("-e"));
			argv_add(r, &n, act_nu(&a));
		}
		break;
	case SHELL_OTHER:
		break;
	}
	r->envp = shell_envp(&a, extra, nextra);
	nextra = 0;
	if (!interactive) {
		if (r->kind == SHELL_NU || r->kind == SHELL_OTHER) {
			/* No start-up files to give: the command runs directly. */
			const char	*path = NULL;
			char		*f, **ep;

			for (ep = r->envp; *ep != NULL; ep++)
				if (env_named(*ep, "PATH"))
					path = *ep + 5;
			if ((f = shell_which(cmd[0], path)) == NULL) {
				*err = xasprintf("%s: command not found", cmd[0]);
				goto fail;
			}
			free(r->argv[0]);
			r->argv[0] = f;
			n = 1;
			for (i = 1; i < ncmd; i++)
				argv_add(r, &n, xstrdup(cmd[i]));
		} else
			for (i = 0; i < ncmd; i++)
				argv_add(r, &n, xstrdup(cmd[i]));
	}
	free(act);
	act_free(&a);
	return 0;
fail:
	for (i = 0; i < nextra; i++)
		free(extra[i]);
	free(act);
	act_free(&a);
	shell_done(r);
	return -1;
}

void
shell_done(struct shell_run *r)
{
	char	**p;
	int	  i;

	for (i = 0; i < r->nfiles; i++) {
		unlink(r->files[i]);
		free(r->files[i]);
	}
	free(r->files);
	if (r->dir != NULL)
		rmdir(r->dir);
	free(r->dir);
	for (p = r->argv; p != NULL && *p != NULL; p++)
		free(*p);
	free(r->argv);
	for (p = r->envp; p != NULL && *p != NULL; p++)
		free(*p);
	free(r->envp);
	free(r->shell);
	free(r->name);
	free(r->nested);
	memset(r, 0, sizeof *r);
}
