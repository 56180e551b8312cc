/* shebang: a script's #! line as Linux reads it, and pip's sh + exec form. */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "fs.h"
#include "path.h"
#include "shebang.h"
#include "str.h"
#include "util.h"

#define SH_EXEC_MAX	8192	/* pip's sh + exec form: its second line too */

static int
blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

enum shebang
shebang_read(const char *buf, size_t len, char **interp, char **arg)
{
	char	 b[SHEBANG_MAX], *last = b + sizeof b - 1, *end, *name, *sep, *a;

	memset(b, 0, sizeof b);
	memcpy(b, buf, len < sizeof b ? len : sizeof b);
	if (b[0] != '#' || b[1] != '!')
		return SHEBANG_NONE;
	for (end = b; end < b + sizeof b && *end != '\0' && *end != '\n'; end++)
		;
	if (end == b + sizeof b || *end != '\n') {
		/* No newline: the name must end before the buffer does. */
		for (name = b + 2; name <= last && blank(*name); name++)
			;
		for (sep = name; sep <= last && !blank(*sep) && *sep != '\0'; sep++)
			;
		if (name > last)
			return SHEBANG_NONE;
		if (sep > last)
			return SHEBANG_LONG;
		end = last;
	}
	while (blank(end[-1]))
		end--;
	for (name = b + 2; name < end && blank(*name); name++)
		;
	if (name == end || *name == '\0')
		return SHEBANG_NONE;
	for (sep = name; sep < end && !blank(*sep) && *sep != '\0'; sep++)
		;
	*interp = xstrndup(name, (size_t)(sep - name));
	for (a = sep; a < end && *a != '\0' && blank(*a); a++)
		;
	*arg = a < end && *sep != '\0' ? xstrndup(a, strnlen(a, (size_t)(end - a))) :
	    xstrdup("");
	return SHEBANG_OK;
}

char *
shebang_env_command(const char *arg)
{
	const char	*p = arg, *s;
	char		*w;

	if (strncmp(p, "-S", 2) != 0) {
		/* Without -S the kernel passes the rest as one word. */
		return p[0] != '\0' && p[0] != '-' ? xstrdup(p) : NULL;
	}
	p += 2;
	for (;;) {
		while (blank(*p))
			p++;
		if (*p == '\0')
			return NULL;
		for (s = p; *p != '\0' && !blank(*p); p++)
			;
		w = xstrndup(s, (size_t)(p - s));
		if (strcmp(w, "-u") == 0 || strcmp(w, "-C") == 0 ||
		    strcmp(w, "--unset") == 0 || strcmp(w, "--chdir") == 0) {
			free(w);
			while (blank(*p))
				p++;
			while (*p != '\0' && !blank(*p))
				p++;
			continue;
		}
		if (w[0] == '-' || strchr(w, '=') != NULL) {
			free(w);
			continue;
		}
		return w;
	}
}

/* uv's relocatable scripts: their own folder, as two versions of uv write it. */
static const char reloc_real[] = "\"$(dirname -- \"$(realpath -- \"$0\")\")\"";
static const char reloc_cd[] =
    "\"$(CDPATH= cd -- \"$(dirname -- \"$0\")\" && echo \"$PWD\")\"";

/*
 * The first word of the shell line p as sh expands it: quotes and
 * backslashes removed, uv's relocatable forms replaced by the folder of
 * script ($0) or of real (the file it resolves to). NULL when it needs
 * anything else expanded or is not an absolute path. Allocated.
 */
static char *
sh_word(const char *p, const char *script, const char *real)
{
	struct sbuf	 sb = { 0 };
	const char	*q;
	char		*d;

	sbuf_add(&sb, "", 0);
	while (*p != '\0' && strchr(" \t\n;&|<>()", *p) == NULL) {
		if (strncmp(p, reloc_real, sizeof reloc_real - 1) == 0) {
			d = path_dir(real);
			sbuf_adds(&sb, d);
			free(d);
			p += sizeof reloc_real - 1;
		} else if (strncmp(p, reloc_cd, sizeof reloc_cd - 1) == 0) {
			d = path_dir(script);
			sbuf_adds(&sb, d);
			free(d);
			p += sizeof reloc_cd - 1;
		} else if (*p == '\'') {
			if ((q = strchr(p + 1, '\'')) == NULL)
				goto bad;
			sbuf_add(&sb, p + 1, (size_t)(q - p - 1));
			p = q + 1;
		} else if (*p == '"') {
			for (p++; *p != '"'; p++) {
				if (*p == '\0' || *p == '$' || *p == '`')
					goto bad;
				if (*p == '\\' && p[1] != '\0' && strchr("$`\"\\", p[1]) != NULL)
					p++;
				sbuf_addc(&sb, *p);
			}
			p++;
		} else if (*p == '\\' && p[1] != '\0' && p[1] != '\n') {
			sbuf_addc(&sb, p[1]);
			p += 2;
		} else if (*p == '$' || *p == '`' || *p == '\\')
			goto bad;
		else
			sbuf_addc(&sb, *p++);
	}
	if (sb.s[0] == '/')
		return sbuf_steal(&sb);
bad:
	sbuf_free(&sb);
	return NULL;
}

char *
shebang_sh_exec(const char *script, const char *real)
{
	char	*buf, *p, *r = NULL;
	size_t	 len;

	if ((buf = read_file_at(AT_FDCWD, real, SH_EXEC_MAX, &len)) == NULL)
		return NULL;
	if (memchr(buf, '\0', len) == NULL && (p = strchr(buf, '\n')) != NULL &&
	    strncmp(p + 1, "'''exec' ", 9) == 0) {
		for (p += 10; blank(*p); p++)
			;
		r = sh_word(p, script, real);
	}
	free(buf);
	return r;
}
