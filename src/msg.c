/* msg: the engine's reports, to the sink the front end chose. */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "utf8.h"
#include "util.h"

static pthread_mutex_t	 msg_lock = PTHREAD_MUTEX_INITIALIZER;
static msg_fn		*msg_fn_now;
static void		 vwarnx(const char *, va_list)
			    __attribute__((format(printf, 1, 0)));
static void		*msg_arg_now;
static unsigned		 msg_counts[2];

msg_fn *
msg_sink(msg_fn *fn, void *arg, void **oldarg)
{
	msg_fn	*old;

	pthread_mutex_lock(&msg_lock);
	old = msg_fn_now;
	if (oldarg != NULL)
		*oldarg = msg_arg_now;
	msg_fn_now = fn;
	msg_arg_now = arg;
	pthread_mutex_unlock(&msg_lock);
	return old;
}

static void __attribute__((format(printf, 2, 0)))
msg_vsay(enum msg_level level, const char *fmt, va_list ap)
{
	char	*text;

	text = xvasprintf(fmt, ap);
	pthread_mutex_lock(&msg_lock);
	msg_counts[level == MSG_ERROR]++;
	if (msg_fn_now != NULL)
		msg_fn_now(level, text, msg_arg_now);
	else
		warnx_("%s", text);
	pthread_mutex_unlock(&msg_lock);
	free(text);
}

void
msg_warn(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	msg_vsay(MSG_WARN, fmt, ap);
	va_end(ap);
}

void
msg_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	msg_vsay(MSG_ERROR, fmt, ap);
	va_end(ap);
}

unsigned
msg_count(enum msg_level level)
{
	unsigned	n;

	pthread_mutex_lock(&msg_lock);
	n = msg_counts[level == MSG_ERROR];
	pthread_mutex_unlock(&msg_lock);
	return n;
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
