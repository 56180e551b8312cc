/* Tests for pyvenv.c: pyvenv.cfg as venv, virtualenv and uv write it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pyvenv.h"

#define S(lit) lit, sizeof(lit) - 1

static void
test_venv38(void)
{
	struct pyvenv_cfg	c;

	pyvenv_parse(S(
	    "home = /usr/bin\n"
	    "include-system-site-packages = false\n"
	    "version = 3.8.10\n"), &c);
	CHECK_STR(c.home, "/usr/bin");
	CHECK_STR(c.version, "3.8.10");
	CHECK_INT(c.system_site, 0);
	CHECK_STR(c.executable, NULL);
	CHECK_STR(c.command, NULL);
	CHECK_STR(c.prompt, NULL);
	CHECK_STR(c.virtualenv, NULL);
	CHECK_STR(c.uv, NULL);
	CHECK_STR(c.base_prefix, NULL);
	CHECK_STR(pyvenv_creator(&c), "venv");
	pyvenv_free(&c);
	CHECK(c.home == NULL && c.version == NULL);
}

static void
test_venv311(void)
{
	struct pyvenv_cfg	c;

	pyvenv_parse(S(
	    "home = /root/.pyenv/versions/3.11.7/bin\n"
	    "include-system-site-packages = true\n"
	    "version = 3.11.7\n"
	    "prompt = 'my app'\n"
	    "executable = /root/.pyenv/versions/3.11.7/bin/python3.11\n"
	    "command = /root/.pyenv/versions/3.11.7/bin/python3 -m venv "
	    "--system-site-packages --prompt=my app /srv/app/.venv\n"), &c);
	CHECK_STR(c.home, "/root/.pyenv/versions/3.11.7/bin");
	CHECK_STR(c.version, "3.11.7");
	CHECK_INT(c.system_site, 1);
	CHECK_STR(c.prompt, "my app");
	CHECK_STR(c.executable, "/root/.pyenv/versions/3.11.7/bin/python3.11");
	CHECK_STR(c.command, "/root/.pyenv/versions/3.11.7/bin/python3 -m venv "
	    "--system-site-packages --prompt=my app /srv/app/.venv");
	CHECK_STR(pyvenv_creator(&c), "venv");
	pyvenv_free(&c);
}

static void
test_virtualenv(void)
{
	struct pyvenv_cfg	c;

	pyvenv_parse(S(
	    "home = /usr/bin\n"
	    "implementation = CPython\n"
	    "version_info = 3.11.7.final.0\n"
	    "virtualenv = 20.25.0\n"
	    "include-system-site-packages = false\n"
	    "base-prefix = /usr\n"
	    "base-exec-prefix = /usr\n"
	    "base-executable = /usr/bin/python3.11\n"), &c);
	CHECK_STR(c.home, "/usr/bin");
	CHECK_STR(c.version, "3.11.7");
	CHECK_STR(c.virtualenv, "20.25.0");
	CHECK_STR(c.base_prefix, "/usr");
	CHECK_STR(c.executable, NULL);
	CHECK_INT(c.system_site, 0);
	CHECK_STR(pyvenv_creator(&c), "virtualenv");
	pyvenv_free(&c);

	/* A release candidate, as virtualenv joins sys.version_info. */
	pyvenv_parse(S("version_info = 3.13.0.candidate.1\nvirtualenv = 20.26.6\n"),
	    &c);
	CHECK_STR(c.version, "3.13.0rc1");
	pyvenv_free(&c);
	pyvenv_parse(S("version_info = 3.12.0.beta.4\n"), &c);
	CHECK_STR(c.version, "3.12.0b4");
	pyvenv_free(&c);
	pyvenv_parse(S("version_info = 3.14.0.alpha.2\n"), &c);
	CHECK_STR(c.version, "3.14.0a2");
	pyvenv_free(&c);
	pyvenv_parse(S("version_info = 3.11.7.weird.x\n"), &c);
	CHECK_STR(c.version, "3.11.7.weird.x");
	pyvenv_free(&c);
	pyvenv_parse(S("version_info = 3.11 x.final.0\n"), &c);
	CHECK_STR(c.version, "3.11 x.final.0");
	pyvenv_free(&c);
	pyvenv_parse(S("version_info = .final.0\n"), &c);
	CHECK_STR(c.version, ".final.0");
	pyvenv_free(&c);
}

static void
test_uv(void)
{
	struct pyvenv_cfg	c;

	pyvenv_parse(S(
	    "home = /home/u/.local/share/uv/python/cpython-3.12.1-linux-x86_64-gnu/bin\n"
	    "implementation = CPython\n"
	    "uv = 0.4.0\n"
	    "version_info = 3.12.1\n"
	    "include-system-site-packages = false\n"
	    "prompt = app\n"), &c);
	CHECK_STR(c.home,
	    "/home/u/.local/share/uv/python/cpython-3.12.1-linux-x86_64-gnu/bin");
	CHECK_STR(c.version, "3.12.1");
	CHECK_STR(c.uv, "0.4.0");
	CHECK_STR(c.prompt, "app");
	CHECK_STR(pyvenv_creator(&c), "uv");
	pyvenv_free(&c);

	/* uv wins over virtualenv when both keys are there. */
	pyvenv_parse(S("virtualenv = 20.0\nuv = 0.5.1\nversion_info = 3.13.0rc1\n"),
	    &c);
	CHECK_STR(pyvenv_creator(&c), "uv");
	CHECK_STR(c.version, "3.13.0rc1");
	pyvenv_free(&c);
}

static void
test_syntax(void)
{
	struct pyvenv_cfg	c;
	static const char	nul[] = "home = /usr/bin\n\0garbage\nversion = 3.9.1\n";

	/* CRLF, odd spacing, case and '_' for '-'. */
	pyvenv_parse(S(
	    "\xef\xbb\xbfHOME=/opt/py/bin\r\n"
	    "  Include_System_Site_Packages\t=\tTRUE  \r\n"
	    "Version   =3.10.12\r\n"
	    "\r\n"
	    "# home = /comment\r\n"
	    "; version = 1.0\r\n"
	    "a line without an equals sign\r\n"
	    "= value without a key\r\n"
	    "base_prefix = /opt/py"), &c);
	CHECK_STR(c.home, "/opt/py/bin");
	CHECK_INT(c.system_site, 1);
	CHECK_STR(c.version, "3.10.12");
	CHECK_STR(c.base_prefix, "/opt/py");
	pyvenv_free(&c);

	/* Both version keys: version wins, whatever the order. */
	pyvenv_parse(S("version_info = 3.11.7.final.0\nversion = 3.11.6\n"), &c);
	CHECK_STR(c.version, "3.11.6");
	pyvenv_free(&c);
	pyvenv_parse(S("version = \nversion_info = 3.11.7.final.0\n"), &c);
	CHECK_STR(c.version, "3.11.7");
	pyvenv_free(&c);

	/* The last of a repeated key wins, as in site.py. */
	pyvenv_parse(S("home = /a\nhome = /b\n"), &c);
	CHECK_STR(c.home, "/b");
	pyvenv_free(&c);

	/* Values keep inner '=' and spaces. */
	pyvenv_parse(S("command = /usr/bin/python3 -m venv --prompt=a b /x\n"), &c);
	CHECK_STR(c.command, "/usr/bin/python3 -m venv --prompt=a b /x");
	pyvenv_free(&c);

	pyvenv_parse(S("include-system-site-packages = yes\n"), &c);
	CHECK_INT(c.system_site, 0);
	pyvenv_free(&c);
	pyvenv_parse(S("include-system-site-packages = True\n"), &c);
	CHECK_INT(c.system_site, 1);
	pyvenv_free(&c);
	pyvenv_parse(S("include-system-site-packages = truex\n"), &c);
	CHECK_INT(c.system_site, 0);
	pyvenv_free(&c);

	/* NUL bytes do not end the file: len does. */
	pyvenv_parse(nul, sizeof nul - 1, &c);
	CHECK_STR(c.home, "/usr/bin");
	CHECK_STR(c.version, "3.9.1");
	pyvenv_free(&c);

	/* A NUL inside a value ends it. */
	pyvenv_parse(S("home = /usr/bin \0junk\nprompt=\0\n"), &c);
	CHECK_STR(c.home, "/usr/bin");
	CHECK_STR(c.prompt, "");
	pyvenv_free(&c);

	/* len is authoritative: nothing after it is read. */
	pyvenv_parse("home = /usr/bin", 9, &c);
	CHECK_STR(c.home, "/u");
	pyvenv_free(&c);

	/* Keys with a prefix or suffix of a known key do not match. */
	pyvenv_parse(S("homes = /x\nhom = /y\nuvx = 1\n"), &c);
	CHECK_STR(c.home, NULL);
	CHECK_STR(c.uv, NULL);
	CHECK_STR(pyvenv_creator(&c), "venv");
	pyvenv_free(&c);

	/* Empty and missing input. */
	pyvenv_parse("", 0, &c);
	CHECK_STR(c.home, NULL);
	CHECK_STR(c.version, NULL);
	CHECK_INT(c.system_site, 0);
	CHECK_STR(pyvenv_creator(&c), "venv");
	pyvenv_free(&c);
	pyvenv_parse(S("\n\n\r\n=\n==\n"), &c);
	CHECK_STR(c.home, NULL);
	pyvenv_free(&c);
	pyvenv_parse(S("home =\n"), &c);
	CHECK_STR(c.home, "");
	pyvenv_free(&c);
}

/*
 * venv writes the prompt as Python's repr() of it: the quotes and escapes
 * are taken off as Python reads them (show printed 'my proj' with them).
 */
static void
test_prompt_quotes(void)
{
	static const struct {
		const char	*cfg, *want;
	} t[] = {
		{ "prompt = 'my proj'\n", "my proj" },
		{ "prompt = \"it's\"\n", "it's" },
		{ "prompt = 'it\\'s \"x\"'\n", "it's \"x\"" },
		{ "prompt = 'back\\\\slash'\n", "back\\slash" },
		{ "prompt = 'tab\\there'\n", "tab\there" },
		{ "prompt = 'caf\\xe9 \\u20ac \\U0001f40d'\n",
		    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\x8d" },
		{ "prompt = 'caf\xc3\xa9'\n", "caf\xc3\xa9" },
		/* Bad or NUL escapes stay as written. */
		{ "prompt = 'a\\x0 \\x00 \\ud800 \\q'\n", "a\\x0 \\x00 \\ud800 \\q" },
		{ "prompt = 'trail\\'\n", "trail\\" },
		/* virtualenv and uv write it bare; unmatched quotes are text. */
		{ "prompt = my proj\n", "my proj" },
		{ "prompt = 'half\n", "'half" },
		{ "prompt = 'mixed\"\n", "'mixed\"" },
		{ "prompt = '\n", "'" },
		{ "prompt = ''\n", "" },
	};
	struct pyvenv_cfg	c;
	size_t			i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		pyvenv_parse(t[i].cfg, strlen(t[i].cfg), &c);
		if (!CHECK_STR(c.prompt, t[i].want))
			fprintf(stderr, "  for %s", t[i].cfg);
		pyvenv_free(&c);
	}
}

int
main(void)
{
	test_venv38();
	test_venv311();
	test_virtualenv();
	test_uv();
	test_syntax();
	test_prompt_quotes();
	return check_done();
}
