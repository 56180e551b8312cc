/* test_which: shebang forms, garbage, pyenv's version rules, through which_run(). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "util.h"
#include "which.h"

static char	 dir[] = "/tmp/test_which.XXXXXX";

static char *
at(const char *rel)
{
	return path_join(dir, rel);
}

static void
mkdirs(const char *rel)
{
	char	*p = at(rel), *s;

	for (s = p + strlen(dir) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	mkdir(p, 0755);
	free(p);
}

static void
put(const char *rel, const char *text, size_t len, int mode)
{
	char	*p = at(rel);
	FILE	*f = fopen(p, "wb");

	if (f == NULL) {
		perror(p);
		exit(77);
	}
	fwrite(text, 1, len, f);
	fclose(f);
	chmod(p, (mode_t)mode);
	free(p);
}

#define PUTS(rel, text) put(rel, text, strlen(text), 0755)

/* A fake interpreter installation at rel (never run). */
static void
fake_python(const char *rel, const char *mm)
{
	char	*p;

	p = xasprintf("%s/lib/python%s", rel, mm);
	mkdirs(p);
	free(p);
	p = xasprintf("%s/lib/python%s/os.py", rel, mm);
	PUTS(p, "");
	free(p);
	p = xasprintf("%s/bin", rel);
	mkdirs(p);
	free(p);
	p = xasprintf("%s/bin/python%s", rel, mm);
	put(p, "\177ELF\2\1\1\0\0\0", 10, 0755);
	free(p);
}

/* The winner's interpreter for command with PATH path (relative to dir). */
static struct which_result *
run(const char *command, const char *pathrel)
{
	char	*path = at(pathrel);
	struct which_result *r = which_run(NULL, command, path, dir);

	free(path);
	return r;
}

static int
has_problem(const struct which_result *r, const char *needle)
{
	size_t	i;

	for (i = 0; i < r->nproblems; i++)
		if (strstr(r->problems[i].text, needle) != NULL)
			return 1;
	return 0;
}

static void
test_shebangs(void)
{
	struct which_result	*r;
	char			 big[6000], *want, *s;

	fake_python("py", "3.12");
	mkdirs("bin");
	PUTS("bin/plain", "#!/nonexistent/x/bin/python3\nprint(1)\n");
	s = xasprintf("#!  %s/py/bin/python3.12 -E -s\nimport sys\n", dir);
	PUTS("bin/args", s);
	free(s);
	s = xasprintf("#!/bin/sh\n'''exec' %s/py/bin/python3.12 \"$0\" \"$@\"\n' '''\n", dir);
	PUTS("bin/shexec", s);
	free(s);
	s = xasprintf("#!/bin/sh\n'''exec' \"%s/py/bin/python3.12\" \"$0\" \"$@\"\n' '''\n", dir);
	PUTS("bin/shexecq", s);
	free(s);
	PUTS("bin/envpy", "#!/usr/bin/env python3.12\n");
	PUTS("bin/envs", "#!/usr/bin/env -S A=1 -u X python3.12 -u\n");
	PUTS("bin/envbad", "#!/usr/bin/env python3.12 -u\n");
	PUTS("bin/hashonly", "#!");
	put("bin/nul", "#!/usr/bin/py\0thon\n", 19, 0755);
	memset(big, 'a', sizeof big);
	memcpy(big, "#!/", 3);
	put("bin/huge", big, sizeof big, 0755);
	put("bin/noexec", "#!/bin/sh\n", 10, 0644);
	mkdirs("bin/adir");
	s = at("bin/loop1");
	symlink("loop2", s);
	free(s);
	s = at("bin/loop2");
	symlink("loop1", s);
	free(s);
	s = at("py/bin/python3.12");
	want = xstrdup(s);
	free(s);

	r = run("plain", "bin");
	CHECK_INT(r->nmatches, 1);
	CHECK_STR(r->matches[0].interpreter, "/nonexistent/x/bin/python3");
	CHECK(r->matches[0].interp_missing);
	CHECK(r->matches[0].env == NULL);
	CHECK(has_problem(r, "does not exist"));
	which_free(r);

	r = run("args", "bin");
	CHECK_STR(r->matches[0].interpreter, want);
	s = at("py");
	CHECK_STR(r->matches[0].env, s);
	free(s);
	CHECK_STR(r->matches[0].version, "3.12");
	CHECK_INT(r->nproblems, 0);
	which_free(r);

	r = run("shexec", "bin");
	CHECK_STR(r->matches[0].interpreter, want);
	which_free(r);
	r = run("shexecq", "bin");
	CHECK_STR(r->matches[0].interpreter, want);
	which_free(r);

	s = xasprintf("%s/bin:%s/py/bin", dir, dir);
	r = which_run(NULL, "envpy", s, dir);
	CHECK_STR(r->matches[0].interpreter, want);
	which_free(r);
	r = which_run(NULL, "envs", s, dir);
	CHECK_STR(r->matches[0].interpreter, want);
	which_free(r);
	/* Without -S the kernel hands env one word: "python3.12 -u" is no command. */
	r = which_run(NULL, "envbad", s, dir);
	CHECK(r->matches[0].interpreter == NULL);
	CHECK(has_problem(r, "is not on PATH"));
	which_free(r);
	free(s);

	/* Garbage: found like the shell finds it, no interpreter, no crash. */
	r = run("hashonly", "bin");
	CHECK_INT(r->nmatches, 1);
	CHECK(r->matches[0].interpreter == NULL);
	which_free(r);
	/* The kernel's name ends at the NUL: /usr/bin/py, which is not there. */
	r = run("nul", "bin");
	CHECK_STR(r->matches[0].interpreter, "/usr/bin/py");
	CHECK(r->matches[0].interp_missing);
	which_free(r);
	/* A name longer than the kernel reads: it refuses, sh runs the file. */
	r = run("huge", "bin");
	CHECK_INT(r->nmatches, 1);
	CHECK(r->matches[0].interpreter == NULL);
	CHECK(has_problem(r, "longer than the 255 bytes"));
	which_free(r);
	r = run("noexec", "bin");
	CHECK_INT(r->nmatches, 0);
	which_free(r);
	r = run("adir", "bin");
	CHECK_INT(r->nmatches, 0);
	which_free(r);
	r = run("loop1", "bin");
	CHECK_INT(r->nmatches, 0);
	CHECK(has_problem(r, "symbolic link loop"));
	which_free(r);
	free(want);
}

static int
has_fix(const struct which_result *r, const char *needle)
{
	size_t	i;

	for (i = 0; i < r->nproblems; i++)
		if (strstr(r->problems[i].fix, needle) != NULL)
			return 1;
	return 0;
}

/* Linux's binfmt_script rules: 255 bytes, a name up to a blank, '\r' kept. */
static void
test_kernel_rules(void)
{
	struct which_result	*r;
	char			*s, *want = at("py/bin/python3.12"), *path;
	char			 line[400];

	mkdirs("k");
	s = xasprintf("#!%s\r\nimport sys\r\n", want);
	PUTS("k/crlf", s);
	free(s);
	s = xasprintf("#!%s -E\r\nimport sys\r\n", want);
	PUTS("k/crlfarg", s);
	free(s);
	PUTS("k/crlfenv", "#!/usr/bin/env python3.12\r\n");
	s = xasprintf("#!%s", want);			/* no newline at all */
	PUTS("k/nonl", s);
	free(s);
	PUTS("k/blanks", "#!  \t \necho hi\n");
	PUTS("k/rel", "#!py/bin/python3.12\n");
	/* A long line whose name fits: the rest is cut, the name is fine. */
	s = xasprintf("#!%s %0300d\n", want, 0);
	PUTS("k/longarg", s);
	free(s);
	/* A name of exactly 253 bytes fits; one more byte and it does not. */
	memset(line, 'x', sizeof line);
	memcpy(line, "#!/", 3);
	line[255] = '\n';
	put("k/fits", line, 256, 0755);
	line[255] = 'x';
	line[256] = '\n';
	put("k/toolong", line, 257, 0755);
	path = xasprintf("%s/k:%s/py/bin", dir, dir);

	r = which_run(NULL, "crlf", path, dir);
	s = xasprintf("%s\r", want);
	CHECK_STR(r->matches[0].interpreter, s);
	free(s);
	CHECK(r->matches[0].interp_missing);
	CHECK(r->matches[0].env == NULL);
	CHECK(has_problem(r, "Windows (CRLF) line endings"));
	CHECK(!has_problem(r, "does not exist"));	/* one problem, the right one */
	CHECK(has_fix(r, "dos2unix"));
	which_free(r);
	r = which_run(NULL, "crlfarg", path, dir);
	CHECK_STR(r->matches[0].interpreter, want);	/* found; its option is bad */
	CHECK(has_problem(r, "Windows (CRLF) line endings"));
	which_free(r);
	r = which_run(NULL, "crlfenv", path, dir);
	CHECK(r->matches[0].interpreter == NULL);
	CHECK(has_problem(r, "Windows (CRLF) line endings"));
	CHECK(!has_problem(r, "is not on PATH"));
	which_free(r);
	r = which_run(NULL, "nonl", path, dir);
	CHECK_STR(r->matches[0].interpreter, want);
	CHECK_INT(r->nproblems, 0);
	which_free(r);
	r = which_run(NULL, "blanks", path, dir);
	CHECK(r->matches[0].interpreter == NULL);
	CHECK_INT(r->nproblems, 0);
	which_free(r);
	/* A relative name is opened from the current folder. */
	r = which_run(NULL, "rel", path, dir);
	CHECK_STR(r->matches[0].interpreter, want);
	which_free(r);
	s = at("k");
	r = which_run(NULL, "rel", path, s);
	free(s);
	CHECK(r->matches[0].interp_missing);
	which_free(r);
	r = which_run(NULL, "longarg", path, dir);
	CHECK_STR(r->matches[0].interpreter, want);
	CHECK_INT(r->nproblems, 0);
	which_free(r);
	r = which_run(NULL, "fits", path, dir);
	CHECK(r->matches[0].interp_missing);
	CHECK_INT(strlen(r->matches[0].interpreter), 253);
	CHECK(!has_problem(r, "longer than"));
	which_free(r);
	r = which_run(NULL, "toolong", path, dir);
	CHECK(r->matches[0].interpreter == NULL);
	CHECK(has_problem(r, "longer than the 255 bytes"));
	CHECK(has_problem(r, "runs the file as a shell script"));
	which_free(r);
	free(path);
	free(want);
}

/* #!/bin/sh + '''exec' PYTHON: pip's double quotes, uv's and installer's single ones. */
static void
test_sh_exec(void)
{
	struct which_result	*r;
	char			*s, *want = at("py/bin/python3.12"), *sp, *path;

	mkdirs("sx/bin");
	mkdirs("sp ace/bin");
	mkdirs("ln");
	sp = at("sp ace/bin/python3.12");
	CHECK_INT(symlink(want, sp), 0);
	s = xasprintf("#!/bin/sh\n'''exec' '%s' \"$0\" \"$@\"\n' '''\n", sp);
	PUTS("sx/bin/uvq", s);
	free(s);
	s = xasprintf("#!/bin/sh\n'''exec' \"%s\" -E \"$0\" \"$@\"\n' '''\n", sp);
	PUTS("sx/bin/pipq", s);
	free(s);
	s = xasprintf("#!/bin/sh\n'''exec' %s/sp\\ ace/bin/python3.12 \"$0\" \"$@\"\n", dir);
	PUTS("sx/bin/bs", s);
	free(s);
	PUTS("sx/bin/var", "#!/bin/sh\n'''exec' \"$PYTHON\" \"$0\" \"$@\"\n");
	PUTS("sx/bin/cmd", "#!/bin/sh\n'''exec' `which python3` \"$0\" \"$@\"\n");
	PUTS("sx/bin/open", "#!/bin/sh\n'''exec' '/never/closed \"$0\" \"$@\"\n");
	/* uv --relocatable: the script's folder, by realpath or by cd. */
	PUTS("py/bin/relreal", "#!/bin/sh\n'''exec' \"$(dirname -- \"$(realpath -- "
	    "\"$0\")\")\"/'python3.12' \"$0\" \"$@\"\n' '''\n");
	PUTS("py/bin/relcd", "#!/bin/sh\n'''exec' \"$(CDPATH= cd -- \"$(dirname -- "
	    "\"$0\")\" && echo \"$PWD\")\"/'python3.12' \"$0\" \"$@\"\n' '''\n");
	s = at("ln/relreal");
	CHECK_INT(symlink("../py/bin/relreal", s), 0);
	free(s);
	s = at("ln/relcd");
	CHECK_INT(symlink("../py/bin/relcd", s), 0);
	free(s);
	path = xasprintf("%s/sx/bin:%s/ln", dir, dir);

	r = which_run(NULL, "uvq", path, dir);
	CHECK_STR(r->matches[0].interpreter, sp);
	s = at("py");
	CHECK_STR(r->matches[0].env, s);	/* a link to an installation's python */
	free(s);
	which_free(r);
	r = which_run(NULL, "pipq", path, dir);
	CHECK_STR(r->matches[0].interpreter, sp);
	which_free(r);
	r = which_run(NULL, "bs", path, dir);
	CHECK_STR(r->matches[0].interpreter, sp);
	which_free(r);
	r = which_run(NULL, "var", path, dir);
	CHECK(r->matches[0].interpreter == NULL);
	which_free(r);
	r = which_run(NULL, "cmd", path, dir);
	CHECK(r->matches[0].interpreter == NULL);
	which_free(r);
	r = which_run(NULL, "open", path, dir);
	CHECK(r->matches[0].interpreter == NULL);
	which_free(r);
	/* realpath follows the link to py/bin; cd stays in the link's folder. */
	r = which_run(NULL, "relreal", path, dir);
	CHECK_STR(r->matches[0].interpreter, want);
	which_free(r);
	r = which_run(NULL, "relcd", path, dir);
	s = at("ln/python3.12");
	CHECK_STR(r->matches[0].interpreter, s);
	free(s);
	CHECK(r->matches[0].interp_missing);
	which_free(r);
	free(path);
	free(sp);
	free(want);
}

/* #!/usr/bin/env with arguments but no -S: the fix is -S. */
static void
test_env_args(void)
{
	struct which_result	*r;
	char			*path = xasprintf("%s/bin:%s/py/bin", dir, dir);

	r = which_run(NULL, "envbad", path, dir);
	CHECK(has_fix(r, "#!/usr/bin/env -S python3.12 -u"));
	which_free(r);
	free(path);
}

static void
test_path(void)
{
	struct which_result	*r;
	char			*p;

	mkdirs("p1");
	mkdirs("p2");
	PUTS("p1/tool", "#!/bin/sh\n");
	PUTS("p2/tool", "#!/bin/sh\n");
	p = xasprintf("%s/p2:%s/p1::p1:%s/p2:%s/missing", dir, dir, dir, dir);
	r = which_run(NULL, "tool", p, dir);
	/* A folder repeated on PATH ("p1" relative to the folder given) is one match. */
	CHECK_INT(r->nmatches, 2);
	CHECK(r->nmatches == 2 && r->matches[0].wins && !r->matches[1].wins);
	free(p);
	p = at("p1/tool");
	if (r->nmatches == 2)
		CHECK_STR(r->matches[1].path, p);
	free(p);
	CHECK(has_problem(r, "empty entry"));
	CHECK(has_problem(r, "relative"));
	CHECK(has_problem(r, "more than once"));
	CHECK(has_problem(r, "does not exist"));
	which_free(r);
	r = which_run(NULL, "tool", NULL, dir);
	CHECK_INT(r->nmatches, 0);
	CHECK_INT(r->nproblems, 0);
	which_free(r);
}

/* Entries that are files, loops or ~ (which bash expands and execvp does not). */
static void
test_path_entries(void)
{
	struct which_result	*r;
	char			*p, *s;

	mkdirs("pe2/bin");
	PUTS("pe2/afile", "x");
	PUTS("pe2/bin/tool", "#!/usr/bin/env python3.12\n");
	s = at("pe2/loop");
	CHECK_INT(symlink("loop", s), 0);
	free(s);
	p = xasprintf("%s/pe2/afile:%s/pe2/loop:~/pe2/bin:%s/py/bin", dir, dir, dir);
	r = which_run(NULL, "tool", p, dir);
	CHECK(has_problem(r, "pe2/afile is a file, not a folder"));
	CHECK(has_problem(r, "pe2/loop is a symbolic link loop"));
	CHECK(has_problem(r, "PATH entry '~/pe2/bin' starts with ~"));
	CHECK(!has_problem(r, "does not exist"));
	/* HOME is dir: bash finds ~/pe2/bin/tool; its env looks in py/bin. */
	CHECK_INT(r->nmatches, 1);
	s = at("pe2/bin/tool");
	CHECK_STR(r->matches[0].path, s);
	free(s);
	s = at("py/bin/python3.12");
	CHECK_STR(r->matches[0].interpreter, s);
	free(s);
	which_free(r);
	free(p);
	/* A folder we may not search (root searches everything). */
	if (geteuid() != 0) {
		mkdirs("pe2/closed");
		s = at("pe2/closed");
		chmod(s, 0);
		p = xasprintf("%s:%s/py/bin", s, dir);
		r = which_run(NULL, "python3.12", p, dir);
		CHECK(has_problem(r, "pe2/closed cannot be searched"));
		CHECK_INT(r->nmatches, 1);
		which_free(r);
		chmod(s, 0755);
		free(p);
		free(s);
	}
	/* execvp does not expand ~: a script's env does not find python there. */
	p = xasprintf("%s/pe2/bin:~/py/bin", dir);
	r = which_run(NULL, "tool", p, dir);
	CHECK(r->matches[0].interpreter == NULL);
	CHECK(has_problem(r, "python3.12 is not on PATH"));
	which_free(r);
	free(p);
}

/* VIRTUAL_ENV: only Python's commands are its business; pyenv-virtualenv's way. */
static void
test_active(void)
{
	struct which_result	*r;
	char			*p, *venv = at("av");

	mkdirs("av/bin");
	PUTS("av/pyvenv.cfg", "home = /usr/bin\n");
	mkdirs("other");
	PUTS("other/ls", "\177ELF");
	PUTS("other/black", "#!/usr/bin/env python3.12\n");
	p = xasprintf("%s/av/bin:%s/other:%s/py/bin", dir, dir, dir);
	setenv("VIRTUAL_ENV", venv, 1);
	r = which_run(NULL, "ls", p, dir);
	CHECK_INT(r->nproblems, 0);
	which_free(r);
	r = which_run(NULL, "black", p, dir);
	CHECK(has_problem(r, "has no black"));
	which_free(r);
	free(p);
	/* pyenv activate: VIRTUAL_ENV and PYENV_VIRTUAL_ENV, PATH left to the shims. */
	p = xasprintf("%s/py/bin", dir);
	r = which_run(NULL, "python3.12", p, dir);
	CHECK(has_problem(r, "/bin is not on PATH"));
	which_free(r);
	setenv("PYENV_VIRTUAL_ENV", venv, 1);
	r = which_run(NULL, "python3.12", p, dir);
	CHECK(!has_problem(r, "/bin is not on PATH"));
	CHECK(has_problem(r, "has no python3.12"));	/* but python is not in it */
	which_free(r);
	unsetenv("PYENV_VIRTUAL_ENV");
	unsetenv("VIRTUAL_ENV");
	free(p);
	free(venv);
}

/* Where pip install writes: PIP_USER, PYTHONUSERBASE, a site not writable, PEP 668. */
static void
test_site(void)
{
	struct which_result	*r;
	char			*p, *s, *home;

	fake_python("inst", "3.12");
	mkdirs("inst/lib/python3.12/site-packages");
	mkdirs("vs/bin");
	mkdirs("vs/lib/python3.12/site-packages");
	PUTS("vs/pyvenv.cfg", "home = /x\ninclude-system-site-packages = true\n");
	s = xasprintf("%s/inst/bin/python3.12", dir);
	p = at("vs/bin/python3.12");
	CHECK_INT(symlink(s, p), 0);
	free(p);
	free(s);
	mkdirs("vn/bin");
	mkdirs("vn/lib/python3.12/site-packages");
	PUTS("vn/pyvenv.cfg", "home = /x\ninclude-system-site-packages = false\n");
	s = xasprintf("#!%s/vn/bin/python3.12\n", dir);
	PUTS("vn/bin/pip", s);
	free(s);
	s = xasprintf("%s/inst/bin/python3.12", dir);
	p = at("vn/bin/python3.12");
	CHECK_INT(symlink(s, p), 0);
	free(p);
	free(s);
	home = xasprintf("%s/.local/lib/python3.12/site-packages", dir);

	p = xasprintf("%s/inst/bin", dir);
	r = which_run(NULL, "python3.12", p, dir);
	s = at("inst/lib/python3.12/site-packages");
	CHECK_STR(r->matches[0].site, s);
	free(s);
	CHECK(!r->matches[0].user_site && !r->matches[0].externally_managed);
	which_free(r);
	setenv("PIP_USER", "yes", 1);
	r = which_run(NULL, "python3.12", p, dir);
	CHECK_STR(r->matches[0].site, home);
	CHECK(r->matches[0].user_site);
	which_free(r);
	setenv("PYTHONUSERBASE", "/ub", 1);
	r = which_run(NULL, "python3.12", p, dir);
	CHECK_STR(r->matches[0].site, "/ub/lib/python3.12/site-packages");
	which_free(r);
	unsetenv("PYTHONUSERBASE");
	free(p);
	/* A venv that sees the system site sees the user site too. */
	p = xasprintf("%s/vs/bin", dir);
	r = which_run(NULL, "python3.12", p, dir);
	CHECK_STR(r->matches[0].site, home);
	which_free(r);
	free(p);
	/* One that does not: pip refuses --user. */
	p = xasprintf("%s/vn/bin", dir);
	r = which_run(NULL, "pip", p, dir);
	s = at("vn/lib/python3.12/site-packages");
	CHECK_STR(r->matches[0].site, s);
	free(s);
	CHECK(has_problem(r, "PIP_USER is set"));
	which_free(r);
	setenv("PIP_USER", "0", 1);
	r = which_run(NULL, "pip", p, dir);
	CHECK_INT(r->nproblems, 0);
	which_free(r);
	unsetenv("PIP_USER");
	free(p);

	/* Not writable: pip defaults to the user site (root writes anywhere). */
	p = xasprintf("%s/inst/bin", dir);
	if (geteuid() != 0) {
		s = at("inst/lib/python3.12/site-packages");
		chmod(s, 0555);
		r = which_run(NULL, "python3.12", p, dir);
		CHECK_STR(r->matches[0].site, home);
		CHECK(r->matches[0].user_site);
		which_free(r);
		setenv("PYTHONNOUSERSITE", "1", 1);
		r = which_run(NULL, "python3.12", p, dir);
		CHECK(!r->matches[0].user_site);
		which_free(r);
		unsetenv("PYTHONNOUSERSITE");
		chmod(s, 0755);
		free(s);
	}
	/* PEP 668: an installation (not a venv) with EXTERNALLY-MANAGED. */
	PUTS("inst/lib/python3.12/EXTERNALLY-MANAGED", "[externally-managed]\n");
	r = which_run(NULL, "python3.12", p, dir);
	CHECK(r->matches[0].externally_managed);
	which_free(r);
	setenv("PIP_BREAK_SYSTEM_PACKAGES", "1", 1);
	r = which_run(NULL, "python3.12", p, dir);
	CHECK(!r->matches[0].externally_managed);
	which_free(r);
	unsetenv("PIP_BREAK_SYSTEM_PACKAGES");
	free(p);
	p = xasprintf("%s/vs/bin", dir);
	r = which_run(NULL, "python3.12", p, dir);
	CHECK(!r->matches[0].externally_managed);	/* a venv is never */
	which_free(r);
	free(p);
	free(home);
}

static void
test_pyenv(void)
{
	static const char *vers[] = { "3.11.2", "3.11.10", "3.11.9", "3.12.0rc1",
	    "3.13.1t", "3.13.0" };
	struct which_result	*r;
	char			*root = at("pe"), *s, *path;
	size_t			 i;

	for (i = 0; i < nitems(vers); i++) {
		s = xasprintf("pe/versions/%s", vers[i]);
		fake_python(s, "3.11");
		free(s);
		s = xasprintf("pe/versions/%s/bin/python", vers[i]);
		PUTS(s, "\177ELF");
		free(s);
	}
	mkdirs("pe/shims");
	s = xasprintf("#!/usr/bin/env bash\nset -e\nprogram=\"${0##*/}\"\n"
	    "export PYENV_ROOT=\"%s\"\nexec \"%s/libexec/pyenv\" exec \"$program\" \"$@\"\n",
	    root, root);
	PUTS("pe/shims/python", s);
	free(s);
	path = at("pe/shims");

	/* Prefixes: the newest final release, numerically; not rc, not free-threaded. */
	setenv("PYENV_VERSION", "3.11", 1);
	r = which_run(NULL, "python", path, dir);
	CHECK_INT(r->matches[0].via, WHICH_PYENV_SHIM);
	s = xasprintf("%s/versions/3.11.10/bin/python", root);
	CHECK_STR(r->matches[0].target, s);
	free(s);
	CHECK_STR(r->matches[0].shim_version, "3.11.10");
	which_free(r);
	setenv("PYENV_VERSION", "3.12", 1);
	r = which_run(NULL, "python", path, dir);
	CHECK(r->matches[0].target == NULL);
	CHECK(has_problem(r, "version `3.12' is not installed"));
	which_free(r);
	setenv("PYENV_VERSION", "3.13", 1);
	r = which_run(NULL, "python", path, dir);
	CHECK_STR(r->matches[0].shim_version, "3.13.0");
	which_free(r);
	setenv("PYENV_VERSION", "3.13t", 1);
	r = which_run(NULL, "python", path, dir);
	CHECK_STR(r->matches[0].shim_version, "3.13.1t");
	which_free(r);

	/* The version file: comments, blank lines, unsafe names skipped, lines joined. */
	unsetenv("PYENV_VERSION");
	setenv("PYENV_ROOT", root, 1);
	mkdirs("proj/a/b");
	PUTS("proj/.python-version", "# comment\n\n  ../../etc extra\n3.99 x\r\n3.11.9\n");
	s = at("proj/a/b");
	r = which_run(NULL, "python", path, s);
	free(s);
	CHECK_STR(r->matches[0].shim_version, "3.11.9");
	s = at("proj/.python-version");
	CHECK_STR(r->matches[0].shim_origin, s);
	free(s);
	CHECK(has_problem(r, "version `3.99' is not installed"));
	which_free(r);
	/* No local file: $PYENV_ROOT/version; an empty one means system. */
	PUTS("pe/version", "3.11.2\n");
	r = which_run(NULL, "python", path, "/");
	CHECK_STR(r->matches[0].shim_version, "3.11.2");
	which_free(r);
	unsetenv("PYENV_ROOT");
	free(path);
	free(root);
}

/* Files that can never start: #! or exec lines round a loop, #! chains too deep. */
static void
test_loops(void)
{
	struct which_result	*r;
	char			*s, *path = at("lp"), *py = at("py/bin/python3.12");
	char			 name[16];
	int			 i;

	mkdirs("lp");
	s = xasprintf("#!%s/lp/self\n", dir);
	PUTS("lp/self", s);
	free(s);
	s = xasprintf("#!%s/lp/b\n", dir);
	PUTS("lp/a", s);
	free(s);
	s = xasprintf("#!%s/lp/a\n", dir);
	PUTS("lp/b", s);
	free(s);
	PUTS("lp/python", "#!/usr/bin/env python\n");
	s = xasprintf("#!/bin/sh\n'''exec' \"%s/lp/pip\" \"$0\" \"$@\"\n' '''\n", dir);
	PUTS("lp/pip", s);
	free(s);
	/* d1 runs py's python (a binary); dN runs dN-1. */
	for (i = 1; i <= 6; i++) {
		if (i == 1)
			s = xasprintf("#!%s\n", py);
		else
			s = xasprintf("#!%s/lp/d%d\n", dir, i - 1);
		snprintf(name, sizeof name, "lp/d%d", i);
		PUTS(name, s);
		free(s);
	}

	r = which_run(NULL, "self", path, dir);
	CHECK_INT(r->matches[0].nloop, 2);
	CHECK(r->matches[0].env == NULL);
	CHECK(has_problem(r, "names itself"));
	which_free(r);
	r = which_run(NULL, "a", path, dir);
	CHECK_INT(r->matches[0].nloop, 3);
	CHECK(has_problem(r, "go round a loop"));
	which_free(r);
	r = which_run(NULL, "python", path, dir);
	CHECK_INT(r->matches[0].nloop, 2);
	CHECK(has_problem(r, "finds it again on PATH"));
	which_free(r);
	r = which_run(NULL, "pip", path, dir);
	CHECK_INT(r->matches[0].nloop, 2);
	CHECK(has_problem(r, "exec line runs it again"));
	which_free(r);
	r = which_run(NULL, "d5", path, dir);
	CHECK(r->matches[0].loop == NULL);
	CHECK_INT(r->nproblems, 0);
	which_free(r);
	r = which_run(NULL, "d6", path, dir);
	CHECK_INT(r->matches[0].nloop, 6);
	CHECK(has_problem(r, "more than 5 deep"));
	which_free(r);
	/* With a python binary first on PATH, env finds that one: fine. */
	s = xasprintf("%s/py/bin:%s", dir, path);
	put("py/bin/python", "\177ELF\2\1\1\0\0\0", 10, 0755);
	r = which_run(NULL, "lp/python", s, dir);
	CHECK(r->matches[0].loop == NULL);
	CHECK_INT(r->nproblems, 0);
	which_free(r);
	free(s);
	free(py);
	free(path);
}

int
main(void)
{
	char	*cmd;

	if (mkdtemp(dir) == NULL)
		return 77;
	setenv("HOME", dir, 1);
	unsetenv("PYENV_VERSION");
	unsetenv("PYENV_DIR");
	unsetenv("VIRTUAL_ENV");
	unsetenv("CONDA_PREFIX");
	unsetenv("ASDF_DATA_DIR");
	unsetenv("PYENV_VIRTUAL_ENV");
	unsetenv("PIP_USER");
	unsetenv("PIP_BREAK_SYSTEM_PACKAGES");
	unsetenv("PYTHONUSERBASE");
	unsetenv("PYTHONNOUSERSITE");
	test_shebangs();
	test_kernel_rules();
	test_sh_exec();
	test_loops();
	test_env_args();
	test_path();
	test_path_entries();
	test_active();
	test_site();
	test_pyenv();
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	return check_done();
}
