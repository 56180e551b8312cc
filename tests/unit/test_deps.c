/* Tests for deps.c: markers for this environment, extras asked or not, versions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "deps.h"
#include "marker.h"
#include "util.h"

/* The requirement of pkgs[from] that names norm. */
static const struct deps_req *
req_of(const struct deps *d, size_t from, const char *norm)
{
	size_t	j;

	for (j = d->first[from]; j < d->first[from + 1]; j++)
		if (d->v[j].norm != NULL && strcmp(d->v[j].norm, norm) == 0)
			return &d->v[j];
	return NULL;
}

/* How many applying requirements name pkgs[to] (its "required by"). */
static size_t
required_by(const struct deps *d, size_t to)
{
	size_t	j, n = 0;

	for (j = 0; j < d->n; j++)
		n += d->v[j].to == to && deps_applies(&d->v[j]);
	return n;
}

int
main(void)
{
	struct marker_env	 env;
	struct marker_buf	 mb;
	const struct deps_req	*q;
	struct deps		*d;

	marker_env_init(&env, &mb, "3.11.7", 0);

	/* The two cases: a marker false here, an extra nobody asked for. */
	{
		struct deps_pkg p[] = {
			{ "app", "app", "1.0", "typing ; python_version < \"3.5\"\n"
			    "requests>=2\nmoto[all]>=4; extra == \"test\"\n"
			    "six; python_version >= \"3\"\n", 0 },
			{ "requests", "requests", "2.31.0", "urllib3<3,>=1.21.1\n"
			    "PySocks!=1.5.7,>=1.5.6; extra == \"socks\"\n", 0 },
			{ "urllib3", "urllib3", "2.0.7", NULL, 0 },
			{ "moto", "moto", "4.2.0", "boto3>=1.9.201\n"
			    "docker>=3.0.0; extra == \"all\"\n", 0 },
			{ "docker", "docker", "7.0.0", NULL, 0 },
			{ "typing", "typing", "3.7.4", NULL, 0 },
		};

		d = deps_compute(p, nitems(p), &env);
		CHECK_INT(d->npkgs, 6);
		CHECK_INT(d->first[1] - d->first[0], 4);
		CHECK((q = req_of(d, 0, "typing")) != NULL);
		CHECK_INT(q->state, DEPS_NOT_NEEDED);
		CHECK_INT(q->to, 5);	/* installed, but not for this one */
		CHECK((q = req_of(d, 0, "requests")) != NULL);
		CHECK_INT(q->state, DEPS_OK);
		CHECK_INT(q->to, 1);
		CHECK_STR(q->spec, ">=2");
		CHECK((q = req_of(d, 0, "moto")) != NULL);
		CHECK_INT(q->state, DEPS_EXTRA);
		CHECK_STR(q->extra, "test");
		CHECK((q = req_of(d, 0, "six")) != NULL);
		CHECK_INT(q->state, DEPS_MISSING);
		CHECK((q = req_of(d, 1, "urllib3")) != NULL);
		CHECK_INT(q->state, DEPS_OK);
		CHECK((q = req_of(d, 1, "pysocks")) != NULL);
		CHECK_INT(q->state, DEPS_EXTRA);
		CHECK_STR(q->extra, "socks");
		CHECK((q = req_of(d, 3, "boto3")) != NULL);
		CHECK_INT(q->state, DEPS_MISSING);
		/* moto[all] is asked only behind app's unasked extra. */
		CHECK((q = req_of(d, 3, "docker")) != NULL);
		CHECK_INT(q->state, DEPS_EXTRA);
		CHECK_STR(q->extra, "all");
		CHECK_INT(required_by(d, 4), 0);	/* docker: nobody */
		CHECK_INT(required_by(d, 5), 0);	/* typing: nobody here */
		CHECK_INT(required_by(d, 1), 1);
		CHECK(d->asked[3] == NULL);
		deps_free(d);
	}

	/* An extra asked by an installed requirer, through a chain of extras. */
	{
		struct deps_pkg p[] = {
			{ "top", "top", "1", "Mid[Full]\n", 0 },
			{ "mid", "mid", "2", "low[x] ; extra == 'full'\n"
			    "gone; extra == \"full\" and python_version < \"3\"\n", 0 },
			{ "low", "low", "3", "leaf>=2; extra == \"x\"\n"
			    "other; extra == \"y\"\n", 0 },
			{ "leaf", "leaf", "1.5", NULL, 0 },
		};

		d = deps_compute(p, nitems(p), &env);
		CHECK_STR(d->asked[1], "full");
		CHECK_STR(d->asked[2], "x");
		CHECK((q = req_of(d, 1, "low")) != NULL);
		CHECK_INT(q->state, DEPS_OK);
		CHECK_STR(q->extra, "full");
		CHECK((q = req_of(d, 1, "gone")) != NULL);
		CHECK_INT(q->state, DEPS_NOT_NEEDED);
		CHECK((q = req_of(d, 2, "leaf")) != NULL);
		CHECK_INT(q->state, DEPS_CONFLICT);
		CHECK((q = req_of(d, 2, "other")) != NULL);
		CHECK_INT(q->state, DEPS_EXTRA);
		CHECK_INT(required_by(d, 3), 1);
		deps_free(d);
	}

	/* Garbage and edge cases fail soft; conda depends match by name. */
	{
		struct deps_pkg p[] = {
			{ "bad", "bad", "1", "\n  \r\n!!!\nx; python_version <\n"
			    "y ; extra == \"a\" or extra == \"b\"\nz @ file:///tmp/z.whl\n"
			    "pre>=1.0\n", 0 },
			{ "pre", "pre", "2.0rc1", NULL, 0 },
			{ "z", "z", "0.1", NULL, 0 },
			{ "numpy", "numpy", "1.26.4", "python >=3.11,<3.12.0a0\n"
			    "libblas >=3.9.0,<4.0a0\n", 1 },
			{ "python", "python", "3.11.7", NULL, 1 },
		};

		d = deps_compute(p, nitems(p), &env);
		CHECK_INT(d->first[1] - d->first[0], 5);
		CHECK_INT(d->v[0].state, DEPS_INVALID);
		CHECK_STR(d->v[0].line, "!!!");
		CHECK_INT(d->v[1].state, DEPS_INVALID);
		CHECK((q = req_of(d, 0, "y")) != NULL);
		CHECK_INT(q->state, DEPS_EXTRA);
		CHECK_STR(q->extra, "a");
		CHECK((q = req_of(d, 0, "z")) != NULL);
		CHECK_INT(q->state, DEPS_OK);
		CHECK((q = req_of(d, 0, "pre")) != NULL);
		CHECK_INT(q->state, DEPS_OK);	/* pip check allows pre-releases */
		CHECK((q = req_of(d, 3, "python")) != NULL);
		CHECK_INT(q->state, DEPS_OK);
		CHECK((q = req_of(d, 3, "libblas")) != NULL);
		CHECK_INT(q->state, DEPS_MISSING);
		deps_free(d);
	}

	/* Nothing at all. */
	d = deps_compute(NULL, 0, &env);
	CHECK_INT(d->n, 0);
	CHECK_INT(d->first[0], 0);
	deps_free(d);

	CHECK_STR(deps_state_name(DEPS_NOT_NEEDED), "not-needed");
	CHECK_STR(deps_state_name(DEPS_CONFLICT), "conflict");
	return check_done();
}
