/* pyvenv: the pyvenv.cfg file of a PEP 405 environment. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pyvenv.h"
#include "util.h"

static int
pyvenv_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Key equality ignoring ASCII case, with '-' and '_' equivalent. */
static int
pyvenv_key_is(const char *k, size_t n, const char *want)
{
	size_t	i;
	int	a, b;

	if (strlen(want) != n)
		return 0;
	for (i = 0; i < n; i++) {
		a = (unsigned char)k[i];
		b = (unsigned char)want[i];
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (a == '-')
			a = '_';
		if (a != b)
			return 0;
	}
	return 1;
}

static int
pyvenv_true(const char *v)
{
	const char	*t = "true";

	for (; *t != '\0'; v++, t++) {
		if (*v != *t && *v != *t - 'a' + 'A')
			return 0;
	}
	return *v == '\0';
}

/* "3.11.7.final.0" -> "3.11.7", "3.13.0.candidate.1" -> "3.13.0rc1". */
static char *
pyvenv_version(const char *v)
{
	static const struct {
		const char	*level, *tag;
	} levels[] = {
		{ ".final.", "" },
		{ ".candidate.", "rc" },
		{ ".beta.", "b" },
		{ ".alpha.", "a" },
	};
	const char	*p, *serial;
	size_t		 i, n;

	for (i = 0; i < nitems(levels); i++) {
		if ((p = strstr(v, levels[i].level)) == NULL ||
		    p == v || strspn(v, "0123456789.") < (size_t)(p - v))
			continue;
		serial = p + strlen(levels[i].level);
		n = strspn(serial, "0123456789");
		if (n == 0 || serial[n] != '\0')
			continue;
		if (*levels[i].tag == '\0')
			return xstrndup(v, (size_t)(p - v));
		return xasprintf("%.*s%s%s", (int)(p - v), v, levels[i].tag,
		    serial);
	}
	return xstrdup(v);
}

static void
pyvenv_set(char **field, const char *v, size_t n)
{
	free(*field);
	*field = xstrndup(v, n);
}

/* cp as UTF-8 at p; the number of bytes written. */
static size_t
pyvenv_utf8(char *p, unsigned long cp)
{
	if (cp < 0x80) {
		p[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		p[0] = (char)(0xc0 | cp >> 6);
		p[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		p[0] = (char)(0xe0 | cp >> 12);
		p[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		p[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	p[0] = (char)(0xf0 | cp >> 18);
	p[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	p[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	p[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * The prompt as venv writes it, Python's repr() ('my proj', "it's",
 * 'tab\there'), read back as the string it was: quotes off, escapes
 * decoded (one that would give NUL or no character stays as written).
 * A value without matching quotes (virtualenv's, uv's) is taken as it is.
 */
static char *
pyvenv_unquote(const char *v, size_t n)
{
	static const char	 from[] = "\\'\"ntr", to[] = "\\'\"\n\t\r";
	static const char	 hex[] = "0123456789abcdefABCDEF";
	const char		*e;
	char			*r, *s, *p, num[9];
	unsigned long		 cp;
	size_t			 digits;

	if (n < 2 || (v[0] != '\'' && v[0] != '"') || v[n - 1] != v[0])
		return xstrndup(v, n);
	/* Decoded in place: no escape is shorter than what it gives. */
	r = xstrndup(v + 1, n - 2);
	for (s = p = r; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			*p++ = *s;
			continue;
		}
		if ((e = strchr(from, s[1])) != NULL) {
			*p++ = to[e - from];
			s++;
			continue;
		}
		digits = s[1] == 'x' ? 2 : s[1] == 'u' ? 4 : s[1] == 'U' ? 8 : 0;
		if (digits == 0 || strspn(s + 2, hex) < digits) {
			*p++ = *s;
			continue;
		}
		memcpy(num, s + 2, digits);
		num[digits] = '\0';
		cp = strtoul(num, NULL, 16);
		if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
			*p++ = *s;
			continue;
		}
		p += pyvenv_utf8(p, cp);
		s += 1 + digits;
	}
	*p = '\0';
	return r;
}

void
pyvenv_parse(const char *buf, size_t len, struct pyvenv_cfg *cfg)
{
	const char	*p = buf, *end = buf + len, *eol, *eq, *k, *ke, *v, *ve;
	char		*version_info = NULL, *tmp;
	size_t		 kn, vn;

	memset(cfg, 0, sizeof *cfg);
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; p < end; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		for (k = p; k < eol && pyvenv_space((unsigned char)*k); k++)
			;
		if (k == eol || *k == '#' || *k == ';')
			continue;
		if ((eq = memchr(k, '=', (size_t)(eol - k))) == NULL)
			continue;
		for (ke = eq; ke > k && pyvenv_space((unsigned char)ke[-1]); ke--)
			;
		for (v = eq + 1; v < eol && pyvenv_space((unsigned char)*v); v++)
			;
		/* A NUL ends the value: C strings could not hold the rest. */
		for (ve = v; ve < eol && *ve != '\0'; ve++)
			;
		for (; ve > v && pyvenv_space((unsigned char)ve[-1]); ve--)
			;
		kn = (size_t)(ke - k);
		vn = (size_t)(ve - v);

		if (pyvenv_key_is(k, kn, "home"))
			pyvenv_set(&cfg->home, v, vn);
		else if (pyvenv_key_is(k, kn, "version"))
			pyvenv_set(&cfg->version, v, vn);
		else if (pyvenv_key_is(k, kn, "version_info"))
			pyvenv_set(&version_info, v, vn);
		else if (pyvenv_key_is(k, kn, "executable"))
			pyvenv_set(&cfg->executable, v, vn);
		else if (pyvenv_key_is(k, kn, "command"))
			pyvenv_set(&cfg->command, v, vn);
		else if (pyvenv_key_is(k, kn, "prompt")) {
			free(cfg->prompt);
			cfg->prompt = pyvenv_unquote(v, vn);
		}
		else if (pyvenv_key_is(k, kn, "virtualenv"))
			pyvenv_set(&cfg->virtualenv, v, vn);
		else if (pyvenv_key_is(k, kn, "uv"))
			pyvenv_set(&cfg->uv, v, vn);
		else if (pyvenv_key_is(k, kn, "base_prefix"))
			pyvenv_set(&cfg->base_prefix, v, vn);
		else if (pyvenv_key_is(k, kn, "include_system_site_packages")) {
			tmp = xstrndup(v, vn);
			cfg->system_site = pyvenv_true(tmp);
			free(tmp);
		}
	}

	if (cfg->version != NULL && *cfg->version == '\0') {
		free(cfg->version);
		cfg->version = NULL;
	}
	if (cfg->version == NULL)
		cfg->version = version_info;
	else
		free(version_info);
	if (cfg->version != NULL) {
		tmp = pyvenv_version(cfg->version);
		free(cfg->version);
		cfg->version = *tmp != '\0' ? tmp : NULL;
		if (cfg->version == NULL)
			free(tmp);
	}
}

void
pyvenv_free(struct pyvenv_cfg *cfg)
{
	free(cfg->home);
	free(cfg->version);
	free(cfg->executable);
	free(cfg->command);
	free(cfg->prompt);
	free(cfg->virtualenv);
	free(cfg->uv);
	free(cfg->base_prefix);
	memset(cfg, 0, sizeof *cfg);
}

const char *
pyvenv_creator(const struct pyvenv_cfg *cfg)
{
	if (cfg->uv != NULL)
		return "uv";
	if (cfg->virtualenv != NULL)
		return "virtualenv";
	return "venv";
}
