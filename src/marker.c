/*
 * marker: PEP 508 environment markers. A marker is tokenised and evaluated in
 * one pass by recursive descent (nesting is bounded), in three values: a
 * comparison with an unknown variable is "unknown", and stays so unless and/or
 * decide without it. Comparisons follow packaging: a version specifier when the right
 * side makes one, else Python's string operators.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "marker.h"
#include "pep440.h"
#include "util.h"

#define M_FALSE		0
#define M_TRUE		1
#define M_UNKNOWN	2
#define M_ERROR		(-1)
#define MAX_DEPTH	32
#define MAX_VALUE	1024
#define NO_VALUE	((size_t)-1)

struct mp {
	const char		*p;
	const struct marker_env	*env;
	int			 depth;
	const char		*unknown;	/* the first unknown variable */
};

static void
skip_ws(struct mp *m)
{
	while (*m->p == ' ' || *m->p == '\t' || *m->p == '\n' || *m->p == '\r' ||
	    *m->p == '\f' || *m->p == '\v')
		m->p++;
}

static int
is_ident(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.';
}

/* A keyword (and, or, in, not) at m->p, followed by a non-identifier. */
static int
keyword(struct mp *m, const char *w)
{
	size_t	n = strlen(w);

	skip_ws(m);
	if (strncmp(m->p, w, n) == 0 && !is_ident((unsigned char)m->p[n])) {
		m->p += n;
		return 1;
	}
	return 0;
}

/*
 * A value: a quoted string or a variable. *known is 0 for an unknown
 * variable. Returns 0 or -1.
 */
static int
value(struct mp *m, char *out, size_t outsz, int *known)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} vars[] = {
#define V(n, f) { n, offsetof(struct marker_env, f) }
		V("python_version", python_version),
		V("python_full_version", python_full_version),
		V("sys_platform", sys_platform),
		V("sys.platform", sys_platform),
		V("platform_system", platform_system),
		V("platform_machine", platform_machine),
		V("platform.machine", platform_machine),
		V("platform_release", platform_release),
		V("os_name", os_name),
		V("os.name", os_name),
		V("implementation_name", implementation_name),
		V("platform_python_implementation", platform_python_implementation),
		V("platform.python_implementation", platform_python_implementation),
		V("python_implementation", platform_python_implementation),
		V("extra", extra),
		/* Never known without running the interpreter. */
		{ "platform_version", NO_VALUE },
		{ "platform.version", NO_VALUE },
		{ "implementation_version", NO_VALUE },
#undef V
	};
	const char	*s, *v;
	size_t		 n, i;
	char		 q;

	skip_ws(m);
	*known = 1;
	if (*m->p == '\'' || *m->p == '"') {
		q = *m->p++;
		s = m->p;
		while (*m->p != '\0' && *m->p != q)
			m->p++;
		if (*m->p != q)
			return -1;
		n = (size_t)(m->p - s);
		m->p++;
		if (n >= outsz)
			return -1;
		memcpy(out, s, n);
		out[n] = '\0';
		return 0;
	}
	s = m->p;
	while (is_ident((unsigned char)*m->p))
		m->p++;
	n = (size_t)(m->p - s);
	for (i = 0; i < nitems(vars); i++) {
		if (strlen(vars[i].name) != n || strncmp(vars[i].name, s, n) != 0)
			continue;
		if (vars[i].off == NO_VALUE)
			v = NULL;
		else
			v = *(const char *const *)(const void *)
			    ((const char *)m->env + vars[i].off);
		if (v == NULL) {
			*known = 0;
			out[0] = '\0';
			if (m->unknown == NULL)
				m->unknown = vars[i].name;
			return 0;
		}
		if (strlen(v) >= outsz)
			return -1;
		strcpy(out, v);
		return 0;
	}
	return -1;
}

/* The operator at m->p into op; -1 when there is none. */
static int
oper(struct mp *m, char *op)
{
	static const char *const ops[] = { "===", "==", "!=", "<=", ">=", "~=",
	    "<", ">", NULL };
	size_t	i, n;

	skip_ws(m);
	for (i = 0; ops[i] != NULL; i++) {
		n = strlen(ops[i]);
		if (strncmp(m->p, ops[i], n) == 0) {
			m->p += n;
			strcpy(op, ops[i]);
			return 0;
		}
	}
	if (keyword(m, "in")) {
		strcpy(op, "in");
		return 0;
	}
	if (keyword(m, "not")) {
		if (!keyword(m, "in"))
			return -1;
		strcpy(op, "not in");
		return 0;
	}
	return -1;
}

static int
compare(const char *l, const char *op, const char *r)
{
	char	 spec[MAX_VALUE + 8];
	int	 c;

	if (strcmp(op, "in") == 0)
		return strstr(r, l) != NULL;
	if (strcmp(op, "not in") == 0)
		return strstr(r, l) == NULL;
	if (strchr(r, ',') == NULL) {
		snprintf(spec, sizeof spec, "%s%s", op, r);
		if ((c = pep440_contains(spec, l, 1)) >= 0)
			return c;
	}
	c = strcmp(l, r);
	if (strcmp(op, "==") == 0)
		return c == 0;
	if (strcmp(op, "!=") == 0)
		return c != 0;
	if (strcmp(op, "<") == 0)
		return c < 0;
	if (strcmp(op, "<=") == 0)
		return c <= 0;
	if (strcmp(op, ">") == 0)
		return c > 0;
	if (strcmp(op, ">=") == 0)
		return c >= 0;
	return M_UNKNOWN;	/* ~= or === on strings: undefined */
}

static int	or_expr(struct mp *);

static int
atom(struct mp *m)
{
	char	l[MAX_VALUE], r[MAX_VALUE], op[8];
	int	kl, kr, v;

	skip_ws(m);
	if (*m->p == '(') {
		if (++m->depth > MAX_DEPTH)
			return M_ERROR;
		m->p++;
		v = or_expr(m);
		skip_ws(m);
		if (v == M_ERROR || *m->p != ')')
			return M_ERROR;
		m->p++;
		m->depth--;
		return v;
	}
	if (value(m, l, sizeof l, &kl) == -1 || oper(m, op) == -1 ||
	    value(m, r, sizeof r, &kr) == -1)
		return M_ERROR;
	if (!kl || !kr)
		return M_UNKNOWN;
	return compare(l, op, r);
}

static int
and_expr(struct mp *m)
{
	int	v = atom(m), w;

	while (v != M_ERROR && keyword(m, "and")) {
		if ((w = atom(m)) == M_ERROR)
			return M_ERROR;
		if (v == M_FALSE || w == M_FALSE)
			v = M_FALSE;
		else if (v == M_UNKNOWN || w == M_UNKNOWN)
			v = M_UNKNOWN;
	}
	return v;
}

static int
or_expr(struct mp *m)
{
	int	v = and_expr(m), w;

	while (v != M_ERROR && keyword(m, "or")) {
		if ((w = and_expr(m)) == M_ERROR)
			return M_ERROR;
		if (v == M_TRUE || w == M_TRUE)
			v = M_TRUE;
		else if (v == M_UNKNOWN || w == M_UNKNOWN)
			v = M_UNKNOWN;
	}
	return v;
}

int
marker_eval(const char *marker, const struct marker_env *env,
    const char **unknown)
{
	struct mp	m = { marker, env, 0, NULL };
	int		v = or_expr(&m);

	if (v == M_ERROR)
		return -1;
	skip_ws(&m);
	if (*m.p != '\0')
		return -1;
	if (unknown != NULL)
		*unknown = v == M_UNKNOWN ? m.unknown : NULL;
	return v == M_UNKNOWN ? 2 : v == M_TRUE;
}

void
marker_env_init(struct marker_env *env, struct marker_buf *buf,
    const char *python, int windows)
{
	struct utsname	u;
	const char	*p;
	int		dots = 0;

	memset(env, 0, sizeof *env);
	env->extra = "";
	if (python != NULL && python[0] >= '0' && python[0] <= '9') {
		for (p = python; *p != '\0' && ((*p >= '0' && *p <= '9') ||
		    *p == '.'); p++) {
			if (*p == '.' && ++dots == 2)
				break;
		}
		snprintf(buf->pyver, sizeof buf->pyver, "%.*s",
		    (int)(p - python), python);
		env->python_version = buf->pyver;
		if (dots == 2) {
			snprintf(buf->pyfull, sizeof buf->pyfull, "%s", python);
			env->python_full_version = buf->pyfull;
		}
		env->implementation_name = "cpython";
		env->platform_python_implementation = "CPython";
	}
	if (windows) {
		env->sys_platform = "win32";
		env->platform_system = "Windows";
		env->os_name = "nt";
		return;
	}
	env->os_name = "posix";
	if (uname(&u) == 0) {
		snprintf(buf->machine, sizeof buf->machine, "%s", u.machine);
		snprintf(buf->release, sizeof buf->release, "%s", u.release);
		env->platform_machine = buf->machine;
		env->platform_release = buf->release;
		if (strcmp(u.sysname, "Linux") == 0) {
			env->sys_platform = "linux";
			env->platform_system = "Linux";
		} else if (strcmp(u.sysname, "Darwin") == 0) {
			env->sys_platform = "darwin";
			env->platform_system = "Darwin";
		}
	}
}
