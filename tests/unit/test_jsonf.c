/* Tests for jsonf.c: conda-meta records, direct_url.json, pipx metadata. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "jsonf.h"

#define S(lit) lit, sizeof(lit) - 1

static const char conda_python[] =
	"{\n"
	"  \"build\": \"hab00c5b_0_cpython\",\n"
	"  \"build_number\": 0,\n"
	"  \"channel\": \"https://conda.anaconda.org/conda-forge/linux-64\",\n"
	"  \"constrains\": [\n    \"python_abi 3.11.* *_cp311\"\n  ],\n"
	"  \"depends\": [\n"
	"    \"bzip2 >=1.0.8,<2.0a0\",\n"
	"    \"ld_impl_linux-64 >=2.36.1\",\n"
	"    \"libffi >=3.4,<4.0a0\",\n"
	"    \"libgcc-ng >=12\",\n"
	"    \"libsqlite >=3.43.0,<4.0a0\",\n"
	"    \"libzlib >=1.2.13,<1.3.0a0\",\n"
	"    \"ncurses >=6.4,<7.0a0\",\n"
	"    \"openssl >=3.1.2,<4.0a0\",\n"
	"    \"readline >=8.2,<9.0a0\",\n"
	"    \"tk >=8.6.12,<8.7.0a0\",\n"
	"    \"tzdata\",\n"
	"    \"xz >=5.2.6,<6.0a0\"\n"
	"  ],\n"
	"  \"extracted_package_dir\": \"/opt/conda/pkgs/python-3.11.5-hab00c5b_0_cpython\",\n"
	"  \"features\": \"\",\n"
	"  \"files\": [\n    \"bin/2to3\",\n    \"bin/python3.11\",\n"
	"    \"lib/python3.11/site-packages/README.txt\"\n  ],\n"
	"  \"fn\": \"python-3.11.5-hab00c5b_0_cpython.conda\",\n"
	"  \"license\": \"Python-2.0\",\n"
	"  \"link\": {\n    \"source\": \"/opt/conda/pkgs/python-3.11.5-hab00c5b_0_cpython\",\n"
	"    \"type\": 1\n  },\n"
	"  \"md5\": \"64d4e2c3a7d6d5cb4b3a8dd0e9a6b7c2\",\n"
	"  \"name\": \"python\",\n"
	"  \"package_tarball_full_path\": \"/opt/conda/pkgs/python-3.11.5-hab00c5b_0_cpython.conda\",\n"
	"  \"paths_data\": {\n    \"paths\": [\n      {\n        \"_path\": \"bin/2to3\",\n"
	"        \"path_type\": \"hardlink\",\n        \"size_in_bytes\": 92\n      }\n"
	"    ],\n    \"paths_version\": 1\n  },\n"
	"  \"requested_spec\": \"conda-forge::python=3.11\",\n"
	"  \"sha256\": \"2f54f40d5ed04c3d4a4e0b6d1f2b2bd2d8b6e4b0f0e83b3c0a9e6e3d2b1c0a98\",\n"
	"  \"size\": 30720625,\n"
	"  \"subdir\": \"linux-64\",\n"
	"  \"timestamp\": 1693590016434,\n"
	"  \"track_features\": \"\",\n"
	"  \"url\": \"https://conda.anaconda.org/conda-forge/linux-64/python-3.11.5-hab00c5b_0_cpython.conda\",\n"
	"  \"version\": \"3.11.5\"\n"
	"}\n";

static const char conda_numpy[] =
	"{\"arch\": \"x86_64\", \"build\": \"py311h08b1b3b_0\", \"build_number\": 0, "
	"\"depends\": [\"blas 1.0 mkl\", \"libgcc-ng >=11.2.0\", \"mkl >=2023.1.0,<2024.0a0\", "
	"\"numpy-base 1.26.0 py311hf175353_0\", \"python >=3.11,<3.12.0a0\"], "
	"\"files\": [], \"fn\": \"numpy-1.26.0-py311h08b1b3b_0.conda\", "
	"\"license\": \"BSD-3-Clause\", \"md5\": \"1c5b4b6e6f1c2a8d9e0f\", "
	"\"name\": \"numpy\", \"platform\": \"linux\", \"requested_spec\": \"numpy\", "
	"\"size\": 11195, \"subdir\": \"linux-64\", \"timestamp\": 1695836468000, "
	"\"url\": \"https://repo.anaconda.com/pkgs/main/linux-64/numpy-1.26.0-py311h08b1b3b_0.conda\", "
	"\"version\": \"1.26.0\"}";

static void
test_conda(struct jsonf *j)
{
	struct conda_pkg	p;

	CHECK_INT(jsonf_conda(j, conda_python, sizeof conda_python - 1, &p), 0);
	CHECK_STR(p.name, "python");
	CHECK_STR(p.version, "3.11.5");
	CHECK_STR(p.channel, "conda-forge");
	CHECK_STR(p.requested, "conda-forge::python=3.11");
	CHECK_INT(p.size, 30720625);
	CHECK_STR(p.depends,
	    "bzip2 >=1.0.8,<2.0a0\nld_impl_linux-64 >=2.36.1\nlibffi >=3.4,<4.0a0\n"
	    "libgcc-ng >=12\nlibsqlite >=3.43.0,<4.0a0\nlibzlib >=1.2.13,<1.3.0a0\n"
	    "ncurses >=6.4,<7.0a0\nopenssl >=3.1.2,<4.0a0\nreadline >=8.2,<9.0a0\n"
	    "tk >=8.6.12,<8.7.0a0\ntzdata\nxz >=5.2.6,<6.0a0");
	conda_pkg_free(&p);
	CHECK(p.name == NULL && p.depends == NULL);

	CHECK_INT(jsonf_conda(j, conda_numpy, sizeof conda_numpy - 1, &p), 0);
	CHECK_STR(p.name, "numpy");
	CHECK_STR(p.version, "1.26.0");
	CHECK_STR(p.channel, "pkgs/main");
	CHECK_STR(p.requested, "numpy");
	CHECK_INT(p.size, 11195);
	CHECK_STR(p.depends, "blas 1.0 mkl\nlibgcc-ng >=11.2.0\n"
	    "mkl >=2023.1.0,<2024.0a0\nnumpy-base 1.26.0 py311hf175353_0\n"
	    "python >=3.11,<3.12.0a0");
	conda_pkg_free(&p);

	/* The least a record can be. */
	CHECK_INT(jsonf_conda(j, S("{\"name\": \"tzdata\"}"), &p), 0);
	CHECK_STR(p.name, "tzdata");
	CHECK_STR(p.version, NULL);
	CHECK_STR(p.channel, NULL);
	CHECK_STR(p.requested, NULL);
	CHECK_INT(p.size, -1);
	CHECK_STR(p.depends, NULL);
	conda_pkg_free(&p);
}

static void
check_channel(struct jsonf *j, const char *json, size_t len, const char *want)
{
	struct conda_pkg	p;

	CHECK_INT(jsonf_conda(j, json, len, &p), 0);
	if (!CHECK_STR(p.channel, want))
		fprintf(stderr, "  for %s\n", json);
	conda_pkg_free(&p);
}

static void
test_channel(struct jsonf *j)
{
	check_channel(j, S("{\"name\":\"a\",\"channel\":\"conda-forge\"}"),
	    "conda-forge");
	check_channel(j, S("{\"name\":\"a\",\"channel\":"
	    "\"https://conda.anaconda.org/conda-forge\"}"), "conda-forge");
	check_channel(j, S("{\"name\":\"a\",\"channel\":"
	    "\"https://repo.anaconda.com/pkgs/main/noarch\"}"), "pkgs/main");
	check_channel(j, S("{\"name\":\"a\",\"channel\":\"pkgs/r\"}"), "pkgs/r");
	check_channel(j, S("{\"name\":\"a\",\"channel\":\"linux-channel\"}"),
	    "linux-channel");
	/* The channel field wins over the URL. */
	check_channel(j, S("{\"name\":\"a\",\"channel\":\"bioconda\",\"url\":"
	    "\"https://conda.anaconda.org/conda-forge/noarch/a-1-0.tar.bz2\"}"),
	    "bioconda");
	/* An empty or non-text channel falls back to the URL. */
	check_channel(j, S("{\"name\":\"a\",\"channel\":\"\",\"url\":"
	    "\"https://conda.anaconda.org/conda-forge/noarch/a-1-0.tar.bz2\"}"),
	    "conda-forge");
	check_channel(j, S("{\"name\":\"a\",\"channel\":7,\"url\":"
	    "\"https://conda.anaconda.org/bioconda/linux-64/a-1-0.tar.bz2\"}"),
	    "bioconda");
	check_channel(j, S("{\"name\":\"a\",\"url\":"
	    "\"https://conda.anaconda.org/t/tk-0123/private-chan/osx-arm64/a-1.conda\"}"),
	    "private-chan");
	check_channel(j, S("{\"name\":\"a\",\"url\":"
	    "\"https://mirror.example.org/conda/conda-forge/win-64/a-1.conda\"}"),
	    "https://mirror.example.org/conda/conda-forge");
	check_channel(j, S("{\"name\":\"a\",\"url\":"
	    "\"file:///opt/local-channel/noarch/a-1-0.tar.bz2\"}"),
	    "file:///opt/local-channel");
	check_channel(j, S("{\"name\":\"a\",\"url\":\"a-1.conda\"}"), NULL);
	check_channel(j, S("{\"name\":\"a\",\"url\":\"https://conda.anaconda.org/\"}"),
	    NULL);
	check_channel(j, S("{\"name\":\"a\",\"url\":\"\"}"), NULL);
}

static void
test_types(struct jsonf *j)
{
	struct conda_pkg	p;

	/* A name of the wrong type is no name. */
	CHECK_INT(jsonf_conda(j, S("{\"name\": 42, \"version\": \"1\"}"), &p), -1);
	CHECK(p.name == NULL && p.version == NULL);
	CHECK_INT(jsonf_conda(j, S("{\"name\": null}"), &p), -1);
	CHECK_INT(jsonf_conda(j, S("{\"name\": [\"x\"]}"), &p), -1);
	CHECK_INT(jsonf_conda(j, S("{\"Name\": \"x\"}"), &p), -1);
	CHECK_INT(jsonf_conda(j, S("{\"version\": \"1\"}"), &p), -1);

	/* Other fields of the wrong type are absent. */
	CHECK_INT(jsonf_conda(j, S("{\"name\": \"x\", \"version\": 1.5, "
	    "\"size\": \"123\", \"depends\": \"python\", \"requested_spec\": true, "
	    "\"url\": {\"a\": 1}}"), &p), 0);
	CHECK_STR(p.name, "x");
	CHECK_STR(p.version, NULL);
	CHECK_INT(p.size, -1);
	CHECK_STR(p.depends, NULL);
	CHECK_STR(p.requested, NULL);
	CHECK_STR(p.channel, NULL);
	conda_pkg_free(&p);
	CHECK_INT(jsonf_conda(j, S("{\"name\":\"x\",\"size\":1.5e3}"), &p), 0);
	CHECK_INT(p.size, -1);
	conda_pkg_free(&p);
	CHECK_INT(jsonf_conda(j, S("{\"name\":\"x\",\"size\":-7}"), &p), 0);
	CHECK_INT(p.size, -1);
	conda_pkg_free(&p);
	CHECK_INT(jsonf_conda(j, S("{\"name\":\"x\",\"size\":0}"), &p), 0);
	CHECK_INT(p.size, 0);
	conda_pkg_free(&p);
	CHECK_INT(jsonf_conda(j, S("{\"name\":\"x\",\"size\":9007199254740993}"), &p),
	    0);
	CHECK_INT(p.size, 9007199254740993LL);
	conda_pkg_free(&p);

	/* Non-text depends are skipped; an empty list is absent. */
	CHECK_INT(jsonf_conda(j, S("{\"name\":\"x\",\"depends\":"
	    "[\"a\", 1, null, [\"b\"], \"c >=1\"]}"), &p), 0);
	CHECK_STR(p.depends, "a\nc >=1");
	conda_pkg_free(&p);
	CHECK_INT(jsonf_conda(j, S("{\"name\":\"x\",\"depends\":[]}"), &p), 0);
	CHECK_STR(p.depends, NULL);
	conda_pkg_free(&p);

	/* Escapes are decoded; NUL and bad UTF-8 are repaired. */
	CHECK_INT(jsonf_conda(j, S("{\"name\":\"caf\\u00e9 \\\"q\\\" \\u0000z\"}"),
	    &p), 0);
	/* SQLite ends the string at \u0000 or keeps it (U+FFFD): both do. */
	CHECK(p.name != NULL && strncmp(p.name, "caf\xc3\xa9 \"q\" ", 10) == 0);
	conda_pkg_free(&p);
	CHECK_INT(jsonf_conda(j, S("{\"name\":\"caf\xe9\"}"), &p), 0);
	CHECK_STR(p.name, "caf\xef\xbf\xbd");
	conda_pkg_free(&p);
}

static void
test_garbage(struct jsonf *j)
{
	static const char *const bad[] = { "", " ", "null", "true", "42",
	    "\"name\"", "[]", "[{\"name\":\"x\"}]", "{", "{\"name\":\"x\"",
	    "{\"name\":\"x\",}", "{name:\"x\"}", "{'name':'x'}",
	    "{\"name\":\"x\"} {}", "\xff\xfe{", "{\"name\":\"x\"}]",
	    /* SQLite 3.40 accepted these, then crashed on them */
	    "{\"\":\"\",{\"\":\"\"}:\"\"}",
	    "{\"name\":\"x\",{\"a\":\"b\"}:\"1\"}",
	    "{\"name\":\"x\",[\"a\"]:\"1\"}",
	    "{\"name\":\"x\", \"depends\": [{\"k\":1,{\"\":\"\"}:\"\"}]}" };
	static const char	nul[] = "{\"name\":\"x\"}\0junk";
	static const char	tail[] = "{\"name\":\"x\"}garbage";
	struct conda_pkg	p;
	char			*url;
	int			 ed;
	size_t			 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (!CHECK_INT(jsonf_conda(j, bad[i], strlen(bad[i]), &p), -1))
			fprintf(stderr, "  for %s\n", bad[i]);
		CHECK(p.name == NULL && p.channel == NULL && p.size == -1);
		CHECK_INT(jsonf_direct_url(j, bad[i], strlen(bad[i]), &url, &ed),
		    -1);
		CHECK(url == NULL && ed == 0);
	}

	/* len is authoritative: a NUL inside is not JSON, a tail is not read. */
	CHECK_INT(jsonf_conda(j, nul, sizeof nul - 1, &p), -1);
	CHECK_INT(jsonf_conda(j, tail, 12, &p), 0);
	CHECK_STR(p.name, "x");
	conda_pkg_free(&p);
	CHECK_INT(jsonf_conda(j, tail, 11, &p), -1);

	/* Deep nesting. */
	{
		char	deep[4096];

		memset(deep, '[', sizeof deep);
		CHECK_INT(jsonf_conda(j, deep, sizeof deep, &p), -1);
		CHECK_INT(jsonf_direct_url(j, deep, sizeof deep, &url, &ed), -1);
		CHECK(url == NULL && ed == 0);
	}
}

static void
test_direct_url(struct jsonf *j)
{
	char	*url;
	int	 ed;

	CHECK_INT(jsonf_direct_url(j, S("{\"dir_info\": {\"editable\": true}, "
	    "\"url\": \"file:///home/u/src/proj\"}"), &url, &ed), 0);
	CHECK_STR(url, "file:///home/u/src/proj");
	CHECK_INT(ed, 1);
	free(url);

	CHECK_INT(jsonf_direct_url(j, S("{\"url\": \"file:///tmp/x\", "
	    "\"dir_info\": {}}"), &url, &ed), 0);
	CHECK_STR(url, "file:///tmp/x");
	CHECK_INT(ed, 0);
	free(url);

	CHECK_INT(jsonf_direct_url(j, S("{\"archive_info\": {\"hash\": "
	    "\"sha256=2cf6e2e4a5d6ab3d8e6a3f2b1\", \"hashes\": {\"sha256\": "
	    "\"2cf6e2e4a5d6ab3d8e6a3f2b1\"}}, \"url\": "
	    "\"https://files.pythonhosted.org/packages/ab/cd/x-1.0-py3-none-any.whl\"}"),
	    &url, &ed), 0);
	CHECK_STR(url,
	    "https://files.pythonhosted.org/packages/ab/cd/x-1.0-py3-none-any.whl");
	CHECK_INT(ed, 0);
	free(url);

	CHECK_INT(jsonf_direct_url(j, S("{\"url\": \"https://github.com/pypa/pip.git\", "
	    "\"vcs_info\": {\"commit_id\": \"7a53af2c3f0e4c6e8d1d2b5a6b8c9d0e1f2a3b4c\", "
	    "\"requested_revision\": \"main\", \"vcs\": \"git\"}}"), &url, &ed), 0);
	CHECK_STR(url, "https://github.com/pypa/pip.git");
	CHECK_INT(ed, 0);
	free(url);

	/* editable must be the JSON true. */
	CHECK_INT(jsonf_direct_url(j, S("{\"url\":\"file:///a\",\"dir_info\":"
	    "{\"editable\":\"true\"}}"), &url, &ed), 0);
	CHECK_INT(ed, 0);
	free(url);
	CHECK_INT(jsonf_direct_url(j, S("{\"url\":\"file:///a\",\"dir_info\":"
	    "{\"editable\":1}}"), &url, &ed), 0);
	CHECK_INT(ed, 0);
	free(url);
	CHECK_INT(jsonf_direct_url(j, S("{\"url\":\"file:///a\",\"dir_info\":"
	    "{\"editable\":false}}"), &url, &ed), 0);
	CHECK_INT(ed, 0);
	free(url);
	CHECK_INT(jsonf_direct_url(j, S("{\"dir_info\":\"editable\"}"), &url, &ed),
	    0);
	CHECK_STR(url, NULL);
	CHECK_INT(ed, 0);

	/* A url of the wrong type is absent. */
	CHECK_INT(jsonf_direct_url(j, S("{\"url\": 5}"), &url, &ed), 0);
	CHECK_STR(url, NULL);
	CHECK_INT(jsonf_direct_url(j, S("{}"), &url, &ed), 0);
	CHECK_STR(url, NULL);
}

/* The prepared statements are reused: many calls, interleaved. */
static void
test_reuse(struct jsonf *j)
{
	struct conda_pkg	 p;
	char			*url;
	int			 i, ed, ok = 1;

	for (i = 0; i < 2000; i++) {
		if (jsonf_conda(j, conda_numpy, sizeof conda_numpy - 1, &p) != 0 ||
		    strcmp(p.name, "numpy") != 0)
			ok = 0;
		conda_pkg_free(&p);
		if (jsonf_conda(j, S("{"), &p) != -1)
			ok = 0;
		if (jsonf_direct_url(j, S("{\"url\":\"u\"}"), &url, &ed) != 0 ||
		    strcmp(url, "u") != 0)
			ok = 0;
		free(url);
	}
	CHECK(ok);
}

int
main(void)
{
	struct jsonf	*j, *k;

	if ((j = jsonf_open()) == NULL) {
		fprintf(stderr, "jsonf_open failed\n");
		return 1;
	}
	test_conda(j);
	test_channel(j);
	test_types(j);
	test_garbage(j);
	test_direct_url(j);
	test_reuse(j);

	/* Two handles are independent. */
	k = jsonf_open();
	CHECK(k != NULL);
	if (k != NULL) {
		struct conda_pkg	p;

		CHECK_INT(jsonf_conda(k, conda_python, sizeof conda_python - 1,
		    &p), 0);
		CHECK_STR(p.name, "python");
		conda_pkg_free(&p);
	}
	jsonf_close(k);
	jsonf_close(j);
	jsonf_close(NULL);
	return check_done();
}
