/*
 * driver: main() for the fuzz targets when they are not built with libFuzzer.
 *
 *	fuzz_x FILE|DIR...		run the target once on each file
 *	fuzz_x -r N [-t SECS] [-s SEED] DIR
 *					run it on N random mutations of the
 *					seed files in DIR, for at most SECS
 *
 * On a crash the input is written to ./crash-<target> (with
 * ASAN_OPTIONS=abort_on_error=1, sanitizer reports end the same way); so
 * it is when one input runs longer than DRIVER_TIMEOUT seconds (a hang).
 */
#ifndef VENVDEX_LIBFUZZER
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

#define DRIVER_MAXSEED	(1024 * 1024)
#define DRIVER_MAXLEN	(256 * 1024)
#define DRIVER_TIMEOUT	10

struct driver_buf {
	uint8_t	*p;
	size_t	 len;
};

static const char	*driver_name = "fuzz";
static char		 driver_crash[256];
static const uint8_t	*driver_cur;
static size_t		 driver_curlen;
static uint64_t		 driver_rng;

static void
driver_signal(int sig)
{
	ssize_t	r = 0;
	int	fd;

	if (driver_cur != NULL) {
		fd = open(driver_crash, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd != -1) {
			r += write(fd, driver_cur, driver_curlen);
			close(fd);
		}
		if (sig == SIGALRM)
			r += write(2, "driver: timeout (a hang?)\n", 26);
		r += write(2, "driver: input saved to ", 23);
		r += write(2, driver_crash, strlen(driver_crash));
		r += write(2, "\n", 1);
	}
	(void)r;
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Runs the target on an exact-size copy, so reads past the end are caught. */
static void
driver_run(const uint8_t *data, size_t len)
{
	uint8_t	*copy = malloc(len > 0 ? len : 1);

	if (copy == NULL) {
		fprintf(stderr, "%s: out of memory\n", driver_name);
		exit(1);
	}
	if (len > 0)
		memcpy(copy, data, len);
	driver_cur = copy;
	driver_curlen = len;
	alarm(DRIVER_TIMEOUT);
	LLVMFuzzerTestOneInput(copy, len);
	alarm(0);
	driver_cur = NULL;
	free(copy);
}

static int
driver_read(const char *path, struct driver_buf *b)
{
	FILE	*f;
	size_t	 n;

	b->p = NULL;
	b->len = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	b->p = malloc(DRIVER_MAXSEED);
	if (b->p == NULL) {
		fclose(f);
		return -1;
	}
	n = fread(b->p, 1, DRIVER_MAXSEED, f);
	fclose(f);
	b->len = n;
	return 0;
}

/* Calls fn for each regular file in dir (sorted, no dot files). */
static int
driver_dir(const char *dir, void (*fn)(const char *, void *), void *arg)
{
	struct dirent	**ents;
	struct stat	  st;
	char		  path[4096];
	int		  i, n;

	if ((n = scandir(dir, &ents, NULL, alphasort)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			snprintf(path, sizeof path, "%s/%s", dir,
			    ents[i]->d_name);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
				fn(path, arg);
		}
		free(ents[i]);
	}
	free(ents);
	return 0;
}

static void
driver_run_file(const char *path, void *arg)
{
	struct driver_buf	 b;
	int			*count = arg;

	if (driver_read(path, &b) == -1) {
		fprintf(stderr, "%s: %s: %s\n", driver_name, path,
		    strerror(errno));
		exit(1);
	}
	driver_run(b.p, b.len);
	free(b.p);
	(*count)++;
}

struct driver_seeds {
	struct driver_buf	*v;
	size_t			 n;
};

static void
driver_add_seed(const char *path, void *arg)
{
	struct driver_seeds	*s = arg;
	struct driver_buf	 b;

	if (driver_read(path, &b) == -1)
		return;
	s->v = realloc(s->v, (s->n + 1) * sizeof *s->v);
	if (s->v == NULL)
		exit(1);
	s->v[s->n++] = b;
}

static uint64_t
driver_rand(void)
{
	driver_rng ^= driver_rng >> 12;
	driver_rng ^= driver_rng << 25;
	driver_rng ^= driver_rng >> 27;
	return driver_rng * 2685821657736338717ULL;
}

static size_t
driver_below(size_t n)
{
	return n == 0 ? 0 : (size_t)(driver_rand() % n);
}

/* Inserts n bytes at off; the buffer has room for DRIVER_MAXLEN. */
static void
driver_insert(struct driver_buf *b, size_t off, const void *p, size_t n)
{
	if (b->len + n > DRIVER_MAXLEN)
		n = DRIVER_MAXLEN - b->len;
	memmove(b->p + off + n, b->p + off, b->len - off);
	memmove(b->p + off, p, n);
	b->len += n;
}

static void
driver_mutate(struct driver_buf *b, const struct driver_seeds *seeds)
{
	static const char *const tokens[] = { "\r\n", "\n", ":", "\"", ",",
	    "{", "}", "[", "]", " ", "\t", "=", "\\", "\"\"", "\\u0000",
	    "\xff", "\xc3", "\xef\xbb\xbf", "\xe2\x80\xae", "#", ";", "\n ",
	    "\r", "Name: ", "Requires-Dist: ", "Summary: ", "version_info = ",
	    "uv = ", "\"name\": ", "\"url\": ", "\"size\": ", "\"depends\": [",
	    "9223372036854775807", "99999999999999999999", "-1", "true",
	    "null", "1e999", "https://conda.anaconda.org/t/x/" };
	const struct driver_buf	*o;
	uint8_t			 chunk[256];
	size_t			 i, off, n, k, reps;
	int			 op;

	n = 1 + driver_below(6);
	for (i = 0; i < n; i++) {
		op = (int)driver_below(10);
		off = driver_below(b->len + 1);
		switch (op) {
		case 0:		/* flip a bit */
			if (b->len > 0)
				b->p[driver_below(b->len)] ^=
				    (uint8_t)(1u << driver_below(8));
			break;
		case 1:		/* a random byte */
			if (b->len > 0)
				b->p[driver_below(b->len)] =
				    (uint8_t)driver_rand();
			break;
		case 2:		/* NUL */
			driver_insert(b, off, "", 1);
			break;
		case 3:
		case 4:		/* a token */
			k = driver_below(sizeof tokens / sizeof tokens[0]);
			driver_insert(b, off, tokens[k], strlen(tokens[k]));
			break;
		case 5:		/* delete a range */
			k = driver_below(b->len - off + 1);
			if (k > 32)
				k = driver_below(32);
			memmove(b->p + off, b->p + off + k, b->len - off - k);
			b->len -= k;
			break;
		case 6:		/* truncate */
			b->len = off;
			break;
		case 7:		/* repeat a chunk */
			k = driver_below(b->len - off + 1);
			if (k > sizeof chunk)
				k = sizeof chunk;
			memcpy(chunk, b->p + off, k);
			reps = 1 + driver_below(64);
			while (reps-- > 0 && k > 0 && b->len < DRIVER_MAXLEN)
				driver_insert(b, off, chunk, k);
			break;
		case 8:		/* splice from another seed */
			o = &seeds->v[driver_below(seeds->n)];
			k = driver_below(o->len + 1);
			if (k > sizeof chunk)
				k = sizeof chunk;
			if (k > 0) {
				memcpy(chunk, o->p + driver_below(o->len - k + 1),
				    k);
				driver_insert(b, off, chunk, k);
			}
			break;
		case 9:		/* random bytes */
			k = driver_below(16);
			for (reps = 0; reps < k; reps++)
				chunk[reps] = (uint8_t)driver_rand();
			driver_insert(b, off, chunk, k);
			break;
		}
	}
}

static void
driver_usage(void)
{
	fprintf(stderr, "usage: %s FILE|DIR...\n"
	    "       %s -r N [-t SECS] [-s SEED] DIR\n", driver_name,
	    driver_name);
	exit(2);
}

int
main(int argc, char **argv)
{
	static const uint8_t	 empty[1];
	struct driver_seeds	 seeds = { NULL, 0 };
	struct driver_buf	 b, *s;
	struct timespec		 t0, t1;
	struct stat		 st;
	const char		*e;
	unsigned long		 runs = 0, i, max = 0;
	unsigned long long	 seed;
	double			 secs = 0;
	int			 c, count = 0;

	if ((e = strrchr(argv[0], '/')) != NULL)
		driver_name = e + 1;
	else
		driver_name = argv[0];
	snprintf(driver_crash, sizeof driver_crash, "crash-%s", driver_name);
	signal(SIGSEGV, driver_signal);
	signal(SIGABRT, driver_signal);
	signal(SIGBUS, driver_signal);
	signal(SIGFPE, driver_signal);
	signal(SIGILL, driver_signal);
	signal(SIGALRM, driver_signal);

	seed = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 20);
	if ((e = getenv("VENVDEX_FUZZ_SEED")) != NULL)
		seed = strtoull(e, NULL, 0);
	while ((c = getopt(argc, argv, "r:s:t:")) != -1) {
		switch (c) {
		case 'r':
			runs = strtoul(optarg, NULL, 10);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 't':
			secs = strtod(optarg, NULL);
			break;
		default:
			driver_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		driver_usage();

	if (runs == 0) {
		for (c = 0; c < argc; c++) {
			if (stat(argv[c], &st) == 0 && S_ISDIR(st.st_mode))
				driver_dir(argv[c], driver_run_file, &count);
			else
				driver_run_file(argv[c], &count);
		}
		printf("%s: %d inputs\n", driver_name, count);
		return 0;
	}

	if (argc != 1)
		driver_usage();
	if (driver_dir(argv[0], driver_add_seed, &seeds) == -1) {
		fprintf(stderr, "%s: %s: %s\n", driver_name, argv[0],
		    strerror(errno));
		return 1;
	}
	if (seeds.n == 0) {
		seeds.v = malloc(sizeof *seeds.v);
		if (seeds.v == NULL)
			return 1;
		seeds.v[0].p = (uint8_t *)empty;
		seeds.v[0].len = 0;
		seeds.n = 1;
	}
	driver_rng = seed != 0 ? seed : 0x9e3779b97f4a7c15ULL;
	if ((b.p = malloc(DRIVER_MAXLEN)) == NULL)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < runs; i++) {
		s = &seeds.v[driver_below(seeds.n)];
		b.len = s->len < DRIVER_MAXLEN ? s->len : DRIVER_MAXLEN;
		memcpy(b.p, s->p, b.len);
		driver_mutate(&b, &seeds);
		driver_run(b.p, b.len);
		if (b.len > max)
			max = b.len;
		if (secs > 0 && i % 64 == 63) {
			clock_gettime(CLOCK_MONOTONIC, &t1);
			if ((double)(t1.tv_sec - t0.tv_sec) +
			    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9 >= secs) {
				i++;
				break;
			}
		}
	}
	printf("%s: %lu runs from %zu seeds (seed %llu, largest %lu bytes)\n",
	    driver_name, i, seeds.n, seed, max);
	free(b.p);
	for (i = 0; i < seeds.n; i++) {
		if (seeds.v[i].p != empty)
			free(seeds.v[i].p);
	}
	free(seeds.v);
	return 0;
}

#endif /* !VENVDEX_LIBFUZZER */
