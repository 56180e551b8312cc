/* pyvenv: the pyvenv.cfg file of a PEP 405 environment. */
#ifndef VENVDEX_PYVENV_H
#define VENVDEX_PYVENV_H

#include <stddef.h>

/*
 * Every field is an allocated copy (or NULL when the key is absent) owned by
 * the struct until pyvenv_free(). Keys are matched case-insensitively with
 * surrounding white space removed; '-' and '_' in keys are equivalent.
 */
struct pyvenv_cfg {
	char	*home;		/* home = /usr/bin */
	char	*version;	/* version, else version_info (3.11.7.final.0 -> 3.11.7) */
	char	*executable;	/* executable = /usr/bin/python3.11 (3.11+) */
	char	*command;	/* command = /usr/bin/python3 -m venv /x */
	char	*prompt;
	char	*virtualenv;	/* virtualenv = 20.17.1: made by virtualenv */
	char	*uv;		/* uv = 0.4.0: made by uv */
	char	*base_prefix;	/* base-prefix (virtualenv) */
	int	 system_site;	/* include-system-site-packages = true */
};

/* Parses buf (len bytes, need not be terminated). Never fails: unknown lines are skipped. */
void	 pyvenv_parse(const char *buf, size_t len, struct pyvenv_cfg *);
void	 pyvenv_free(struct pyvenv_cfg *);
/* "venv", "virtualenv" or "uv", from the keys present. */
const char *pyvenv_creator(const struct pyvenv_cfg *);

#endif
