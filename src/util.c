/* util: memory that never runs out, and the messages of the last resort. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

static void	vwarnx(const char *, va_list) __attribute__((format(printf, 1, 0)));

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		fatalx("out of memory");
	return p;
}

void *
xcalloc(size_t n, size_t m)
{
	void	*p = calloc(n ? n : 1, m ? m : 1);

	if (p == NULL)
		fatalx("out of memory");
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		fatalx("out of memory");
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	char	*s;
	int	 n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatalx("bad format");
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

/*
 * Messages hold paths and text from disk: written like term_safe() does,
 * but keeping their line breaks, and without allocating (the message may
 * be "out of memory").
 */
static void
vwarnx(const char *fmt, va_list ap)
{
	const unsigned char	*p;
	char			 buf[1024], *msg = buf;
	size_t			 len, i = 0, n;
	uint32_t		 cp;
	va_list			 ap2;
	int			 r;

	va_copy(ap2, ap);
	if ((r = vsnprintf(buf, sizeof buf, fmt, ap)) < 0)
		buf[0] = '\0';
	if (r >= (int)sizeof buf && (msg = malloc((size_t)r + 1)) != NULL)
		vsnprintf(msg, (size_t)r + 1, fmt, ap2);
	else
		msg = buf;
	va_end(ap2);
	p = (const unsigned char *)msg;
	len = strlen(msg);
	fputs("venvdex: ", stderr);
	while (i < len) {
		if ((n = u8_seq(p + i, len - i, &cp)) == 0) {
			fputs("\xef\xbf\xbd", stderr);
			i++;
			continue;
		}
		if (cp != '\n' && u8_control(cp))
			fputc('?', stderr);
		else
			fwrite(p + i, 1, n, stderr);
		i += n;
	}
	fputc('\n', stderr);
	if (msg != buf)
		free(msg);
}

void
warnx_(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	exit(1);
}
