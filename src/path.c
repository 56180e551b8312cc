/* path: lexical path helpers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "path.h"
#include "util.h"

char *
path_join(const char *a, const char *b)
{
	size_t	la = strlen(a);

	if (la > 0 && a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

char *
path_absolute(const char *in)
{
	struct sbuf	 sb = { 0 };
	const char	*p, *q;
	char		 cwd[4096];
	char		*full;
	size_t		 n;

	if (in[0] != '/') {
		if (getcwd(cwd, sizeof cwd) == NULL)
			return xstrdup(in);
		full = path_join(cwd, in);
	} else
		full = xstrdup(in);

	for (p = full; *p != '\0'; p = q) {
		while (*p == '/')
			p++;
		for (q = p; *q != '\0' && *q != '/'; q++)
			;
		n = (size_t)(q - p);
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (sb.len > 0 && sb.s[sb.len - 1] != '/')
				sb.len--;
			if (sb.len > 0)
				sb.len--;
			if (sb.s != NULL)
				sb.s[sb.len] = '\0';
			continue;
		}
		sbuf_addc(&sb, '/');
		sbuf_add(&sb, p, n);
	}
	free(full);
	if (sb.len == 0)
		sbuf_addc(&sb, '/');
	return sbuf_steal(&sb);
}

int
path_is_under(const char *path, const char *dir)
{
	size_t	n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 1 && dir[0] == '/')
		return path[0] == '/';
	if (strncmp(path, dir, n) != 0)
		return 0;
	return path[n] == '\0' || path[n] == '/';
}

const char *
path_base(const char *p)
{
	const char	*s = strrchr(p, '/');

	if (s == NULL)
		return p;
	if (s[1] == '\0' && s != p) {
		/* trailing slash: not expected from our own paths */
		return s;
	}
	return s + 1;
}

char *
path_dir(const char *p)
{
	const char	*s = strrchr(p, '/');

	if (s == NULL)
		return xstrdup(".");
	if (s == p)
		return xstrdup("/");
	return xstrndup(p, (size_t)(s - p));
}

char *
path_tilde(const char *p)
{
	const char	*home = getenv("HOME");
	size_t		 n;

	if (home == NULL || home[0] != '/' || strcmp(home, "/") == 0)
		return xstrdup(p);
	n = strlen(home);
	while (n > 1 && home[n - 1] == '/')
		n--;
	if (strncmp(p, home, n) == 0 && (p[n] == '\0' || p[n] == '/'))
		return xasprintf("~%s", p + n);
	return xstrdup(p);
}

char *
path_home(const char *rel)
{
	const char	*home = getenv("HOME");

	return path_join(home != NULL && home[0] == '/' ? home : "/", rel);
}
