/* Tests for seed.c: zip entries that escape their folder, and pip's shebangs. */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "check.h"
#include "create.h"
#include "seed.h"
#include "util.h"

static char	tmp[] = "/tmp/test_seed.XXXXXX";

/* Writes a zip at path with one entry per name (content "x"); symlink: the last is a link. */
static void
mkzip(const char *path, const char *const *names, size_t n, int symlink_last)
{
	zip_source_t	*src;
	zip_t		*z;
	zip_int64_t	 i;
	size_t		 k;
	int		 err;

	unlink(path);
	if ((z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL) {
		fprintf(stderr, "zip_open %s: %d\n", path, err);
		exit(1);
	}
	for (k = 0; k < n; k++) {
		src = zip_source_buffer(z, "x\n", 2, 0);
		if ((i = zip_file_add(z, names[k], src, ZIP_FL_ENC_UTF_8)) < 0) {
			fprintf(stderr, "zip_file_add %s: %s\n", names[k], zip_strerror(z));
			exit(1);
		}
		if (symlink_last && k == n - 1)
			zip_file_set_external_attributes(z, (zip_uint64_t)i, 0,
			    ZIP_OPSYS_UNIX, (zip_uint32_t)(S_IFLNK | 0777) << 16);
	}
	if (zip_close(z) == -1) {
		fprintf(stderr, "zip_close: %s\n", zip_strerror(z));
		exit(1);
	}
}

static int
exists(const char *path)
{
	struct stat	st;

	return lstat(path, &st) == 0;
}

/* Unpacking a zip of names into a fresh folder: 0 or -1. */
static int
unpack(const char *const *names, size_t n, int symlink_last, char **err)
{
	char	*zip, *dest;
	int	 rc;

	zip = xasprintf("%s/w.whl", tmp);
	dest = xasprintf("%s/out", tmp);
	create_rmtree(dest, 0);
	mkzip(zip, names, n, symlink_last);
	*err = NULL;
	rc = seed_unpack(zip, dest, err);
	free(zip);
	free(dest);
	return rc;
}

static void
test_escapes(void)
{
	static const char *const good[] = {
		"pkg/__init__.py", "pkg/sub/mod.py", "pkg-1.0.dist-info/RECORD",
		"pkg/..hidden", "pkg/a..b",
	};
	static const char *const bad[] = {
		"../evil.py", "/tmp/abs.py", "pkg/../../evil.py", "pkg/..",
		"..", "pkg\\..\\..\\evil.py", "C:/evil.py",
	};
	const char	*one[2];
	char		*err, *p;
	size_t		 i;

	CHECK_INT(unpack(good, nitems(good), 0, &err), 0);
	p = xasprintf("%s/out/pkg/sub/mod.py", tmp);
	CHECK(exists(p));
	free(p);
	free(err);

	for (i = 0; i < nitems(bad); i++) {
		CHECK(!seed_safe_name(bad[i]));
		one[0] = "pkg/ok.py";
		one[1] = bad[i];
		CHECK_INT(unpack(one, 2, 0, &err), -1);
		CHECK(err != NULL && strstr(err, "outside its folder") != NULL);
		free(err);
		/* Nothing written at all: the names are checked first. */
		p = xasprintf("%s/out", tmp);
		CHECK(!exists(p));
		free(p);
	}
	p = xasprintf("%s/evil.py", tmp);
	CHECK(!exists(p));
	free(p);

	/* A symbolic link entry, even with a harmless name. */
	one[0] = "pkg/ok.py";
	one[1] = "pkg/link";
	CHECK_INT(unpack(one, 2, 1, &err), -1);
	CHECK(err != NULL && strstr(err, "symbolic link") != NULL);
	free(err);

	/* Not a zip at all. */
	p = xasprintf("%s/junk.whl", tmp);
	create_write(p, "not a zip", 9, 0644);
	err = NULL;
	CHECK_INT(seed_unpack(p, tmp, &err), -1);
	CHECK(err != NULL);
	free(err);
	free(p);
}

static void
test_shebang(void)
{
	struct sbuf	 sb = { 0 };
	char		*s, *want;

	s = seed_shebang("/venv/bin/python3");
	CHECK_STR(s, "#!/venv/bin/python3\n");
	free(s);

	/* "#!" + path + "\n" of exactly 127 bytes is still simple; 128 is not. */
	sbuf_addc(&sb, '/');
	while (sb.len < 124)
		sbuf_addc(&sb, 'a');
	s = seed_shebang(sb.s);
	CHECK_INT(strlen(s), 127);
	CHECK(strncmp(s, "#!/a", 4) == 0);
	free(s);
	sbuf_addc(&sb, 'a');
	s = seed_shebang(sb.s);
	want = xasprintf("#!/bin/sh\n'''exec' %s \"$0\" \"$@\"\n' '''\n", sb.s);
	CHECK_STR(s, want);
	free(want);
	free(s);
	sbuf_free(&sb);

	/* A space: quoted, and the /bin/sh form whatever the length. */
	s = seed_shebang("/my env/bin/python3");
	CHECK_STR(s, "#!/bin/sh\n'''exec' \"/my env/bin/python3\" \"$0\" \"$@\"\n' '''\n");
	free(s);
}

int
main(void)
{
	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		return 77;
	}
	test_escapes();
	test_shebang();
	create_rmtree(tmp, 0);
	return check_done();
}
