#!/usr/bin/env python3
# Generates tests/unit/pep440-cases.txt from packaging's own answers (the copy
# pip vendors), so test_pep440 needs no python when it runs. It needs
# packaging 22 or later, which pip vendors from 24.1 on: run it with a python
# whose pip is that recent, for example
#	~/.pyenv/versions/3.13.0/bin/python3 tests/unit/pep440-gen.py \
#	    > tests/unit/pep440-cases.txt
# The output depends only on packaging's version (named on its first line).
# Lines are tab-separated:
#	cmp	A	B	-1|0|1		ordering of two versions
#	norm	INPUT	OUTPUT|!	str(Version(INPUT)), ! when invalid
#	spec	SPEC	VERSION	0|1	SpecifierSet(SPEC).contains(VERSION)
#	specpre	SPEC	VERSION	0|1	the same with prereleases=True
#	specbad	SPEC			SpecifierSet(SPEC) raises InvalidSpecifier
# packaging 22 dropped LegacyVersion; venvdex keeps its rules for what is not
# a version: it sorts before every version, such versions compare as strings,
# and it is in no specifier set but one that names it with ===.
import itertools
import random
import sys
import warnings

from pip._vendor import packaging
from pip._vendor.packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from pip._vendor.packaging.version import InvalidVersion, Version

if int(packaging.__version__.split(".")[0]) < 22:
    sys.exit("pep440-gen.py: packaging %s is older than 22: run it with a python "
             "whose pip is 24.1 or later" % packaging.__version__)
warnings.simplefilter("ignore")
rng = random.Random(440)


def valid(s):
    try:
        Version(s)
        return True
    except InvalidVersion:
        return False


def order(a, b):
    va, vb = valid(a), valid(b)
    if va and vb:
        x, y = Version(a), Version(b)
    elif va != vb:
        return 1 if va else -1
    else:
        x, y = a, b
    return (x > y) - (x < y)


# --- a combinatorial set of versions -----------------------------------------
epochs = ["", "1!"]
releases = ["0", "1", "2", "10", "1.0", "1.1", "1.0.0", "1.2", "2.0",
            "1.0.1", "1.0.0.0", "1.2.3.4", "0.9", "01.0", "1.01"]
pres = ["", "a1", "a2", "b1", "rc1", "rc2", "c1", "alpha", "beta3", "pre2",
        "preview1", ".a1", "-rc.1", "_b_2"]
posts = ["", ".post1", ".post2", "-1", "post", ".rev3", "r4", "-post-5"]
devs = ["", ".dev0", ".dev1", "dev", "-dev_2"]
locals_ = ["", "+abc", "+1", "+1.2", "+abc.1", "+1.abc", "+ubuntu-1", "+a.b.c",
           "+001", "+ABC"]

core = []
for r in ["1.0", "1", "1.0.0", "2.0"]:
    for pre in ["", "a1", "b1", "rc1", "a2"]:
        for post in ["", ".post1", ".post2"]:
            for dev in ["", ".dev0", ".dev1"]:
                core.append(r + pre + post + dev)
core += ["1!1.0", "1!0.1", "2!0", "1.0+abc", "1.0+1", "1.0+abc.1", "1.0+1.abc",
         "1.0+a.b", "1.0+1.2", "1.0a1+x", "1.0.post1+x", "1.0.dev1+x",
         "1.0+0", "1.0+00", "1.0+a", "1.0+b", "1.0+a1", "1.0+2", "1.0+10",
         "1.2.3.4", "1.2.3.4.5", "10", "1.10", "1.9", "01.0", "1.00"]

allv = []
for e, r, pre, post, dev, loc in itertools.product(epochs, releases, pres, posts,
                                                   devs, locals_):
    allv.append(e + r + pre + post + dev + loc)

legacy = ["foo", "1.0-beta-x", "1.0_final", "banana", "", "1.0 1", "1..0",
          "1.0+", "1.0+a..b", "1.0.", "release-1"]

out = sys.stdout
out.write("# pep440-gen.py with packaging %s\n" % packaging.__version__)
seen = set()


def emit(*fields):
    line = "\t".join(fields)
    if line not in seen:
        seen.add(line)
        out.write(line + "\n")


# Every pair of the core set.
for i, a in enumerate(core):
    for b in core[i:]:
        emit("cmp", a, b, str(order(a, b)))
# Random pairs of the combinatorial set, plus near neighbours.
for _ in range(6000):
    a, b = rng.choice(allv), rng.choice(allv)
    emit("cmp", a, b, str(order(a, b)))
ordered = sorted(rng.sample(allv, 400), key=Version)
for a, b in zip(ordered, ordered[1:]):
    emit("cmp", a, b, str(order(a, b)))
    emit("cmp", b, a, str(order(b, a)))
for a in legacy:
    for b in legacy[:5] + ["1.0", "0", "1!0"]:
        emit("cmp", a, b, str(order(a, b)))
        emit("cmp", b, a, str(order(b, a)))
emit("cmp", "1.99999999999999999999999", "1.99999999999999999999998", "1")
emit("cmp", "1.0", "1.0.0.0.0.0.0.0.0.0.0.0.0.0", "0")
emit("cmp", "1.0.0.0.0.0.0.0.0.0.1", "1.0.0.0.0.0.0.0.0.0.0.1", "1")

# --- normalisation -----------------------------------------------------------
norms = set(rng.sample(allv, 1500)) | set(legacy) | {
    "v1.0", "V1.0", " 1.0 ", "\t1.0\n", "1.0RC1", "1.0ALPHA", "1.0-dev",
    "1.0.DEV2", "1.0a.", "1.0a-", "1.0a-1", "1.0a.-1", "1.0a..post1",
    "1.0prev", "1.0-r", "1.0rev", "1.0-post", "1.0.post.dev", "0001!0002.0003",
    "1.0+AbC.007", "1.0+a_b-c.d", "1.0+-a", "1.0+a-", "1.0 +a", "1!", "!1.0",
    "1.0ab", "1.0preview", "1.0pre", "1.0c", "1.0rc", "1.0-1", "1.0-", "1.0--1",
    "1.0post-1", "1.0.post-1", "v", "1.0a1b1", "1.0.dev1.post1", "1.0_dev_3",
    "1.0a1.post2.dev3+x.y", "१.0", "1.0a\u00e9"}
for s in sorted(norms):
    if "\t" in s.strip() or "\n" in s.strip():
        continue
    if "\t" in s or "\n" in s:
        s = s.strip()
    try:
        n = str(Version(s))
    except InvalidVersion:
        n = "!"
    emit("norm", s, n)

# --- specifiers --------------------------------------------------------------
spec_versions = ["1.0", "1", "1.0.0", "2.0", "1.1", "1.5", "1.0a1", "1.0rc1",
                 "1.0.post1", "1.0.dev1", "1.0+abc", "1!1.0", "1.2.3", "0.9",
                 "2.0b2", "1.1.dev0", "1.4.5", "2.2.post3", "1.0a1.post1"]
ops = ["==", "!=", "<", "<=", ">", ">=", "~=", "==="]
specs = []
for op in ops:
    for v in spec_versions:
        for s in [op + v, op + " " + v]:
            try:
                Specifier(s)
                specs.append(s)
            except InvalidSpecifier:
                pass
for v in ["1", "1.0", "1.0.0", "2", "1!1", "1.0a1", "1.0.post1", "1.0rc1",
          "0", "01", "1.00"]:
    for op in ["==", "!="]:
        specs.append(op + v + ".*")
for v in ["1!1.0", "1.0.0.0", "2.0.0", "0.9"]:
    for op in ["==", "!="]:
        specs.append(op + v + ".*")
specs += ["~=1.4.5a4", "~=2.2.post3", "~=1.4.5.0", "~=1!1.0", "~=1.0.dev1",
          "~=1.0.0", "~=01.0", "~=1.00", "~=v1.0", "~=1.0rc1", "~=1!1.0.post1",
          "===foo", "===1.0", "===1.0.0", "===1.0RC1", "===1.0+abc", "==1.0+ABC",
          "==1.0+abc.1", "==v1.0", "==V1.*", ">=1.0,<2.0", ">=1.0, !=1.5.*, <2",
          ">1.0a1", "<1.0.post1", ">=1.0.dev0", "<=2.0rc1", "", " ", ",",
          ">=1.0,,<3", "!=1.0.*,>=0.9", "==1.0a1,>=0.1", "==2.0.*,>=2.0.post1"]
test_versions = sorted(set(spec_versions + [
    "1.0.1", "1.0a2", "1.0b1", "1.0.post2", "1.0+xyz", "1.0+abc.1", "1.0.0+1",
    "1.1a1", "1.4.6", "1.5.0", "2.0.dev1", "2.0.0", "2.1", "2.2.post4", "2.3",
    "1.4.5a5", "1.4.5", "1.5a1", "0.1", "1!2.0", "1!1.0.post1", "1.0.dev0",
    "1.0rc1.post1", "1.0.0.0.1", "1.0-1", "foo", "1.0RC1", "01.0", "1.00"]))

test_versions += ["1!1.0.post1", "1.0.0.post1", "2.0.post1", "2.0.0.1", "1.4.9",
                  "1!1.5", "1.0+abc"]
test_versions = sorted(set(test_versions))


def spec_ok(s):
    try:
        SpecifierSet(s)
        return True
    except InvalidSpecifier:
        return False


def safe_pre(sp):
    # Specifier.prereleases parses the version: "===foo" raises.
    try:
        return sp.prereleases
    except InvalidVersion:
        return False


def contains(s, v, pre):
    ss = SpecifierSet(s)
    if not valid(v):
        # Not a version: only === names it (compared as strings).
        return all(sp.operator == "===" and sp.version.lower() == v.lower()
                   for sp in ss)
    if pre is None:
        pre = any(safe_pre(sp) for sp in ss)
    return ss.contains(v, prereleases=pre)


invalid_specs = ["=1.0", "==1.0.*.*", ">=1.0.*", "~=1", "<1.0+abc", "==1.0.dev1.*",
                 "==1.0+a.*", "== 1.0 .*", ">= 1 .0", "=== a b", "1.0",
                 ">=1.0;", "~=1.0+x", ">==1.0", "!==1.0", "foo", "==1.0rc1.*",
                 "==1.0.post1.*", "!=1.0a1.*", "===a;b", "===a)"]
for s in specs + invalid_specs:
    if not spec_ok(s):
        emit("specbad", s)
        continue
    for v in test_versions:
        emit("spec", s, v, str(int(contains(s, v, None))))
        if valid(v) and Version(v).is_prerelease:
            emit("specpre", s, v, str(int(contains(s, v, True))))
