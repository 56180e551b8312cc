/* msg: the engine's reports, to the sink the front end chose. */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "msg.h"
#include "util.h"

static pthread_mutex_t	 msg_lock = PTHREAD_MUTEX_INITIALIZER;
static msg_fn		*msg_fn_now;
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
