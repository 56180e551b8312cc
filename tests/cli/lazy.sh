#!/bin/sh
# lazy: libzip and libcurl are not linked (no NEEDED entry, not loaded by
# --version or list): venvdex loads them when a command needs them. Each use
# still works (create's wheel unpacking, a zipped egg, an OSV zip), and where
# the library cannot be loaded (a file of its soname that is no library, first
# on LD_LIBRARY_PATH) the command says which library it needs, by its soname.
# A create whose wheel is already unpacked never loads libzip.
. "$top_srcdir/tests/cli/lib.sh"

BIN=$top_builddir/venvdex
soname() {
	sed -n "s/^#define $1 \"\\(.*\\)\"\$/\\1/p" "$top_builddir/config.h"
}
ZIPSO=$(soname LIBZIP_SONAME)
CURLSO=$(soname LIBCURL_SONAME)
[ -n "$ZIPSO" ] && [ -n "$CURLSO" ] || fail "no LIBZIP_SONAME or LIBCURL_SONAME in config.h"

# --- not NEEDED, not loaded at start ------------------------------------------
if command -v readelf >/dev/null 2>&1; then
	readelf -d "$BIN" >"$T/dyn" || fail "readelf -d $BIN"
elif command -v objdump >/dev/null 2>&1; then
	objdump -p "$BIN" >"$T/dyn" || fail "objdump -p $BIN"
else
	skip "neither readelf nor objdump is installed"
fi
grep -q NEEDED "$T/dyn" || skip "$BIN has no NEEDED entries (not ELF?)"
if grep NEEDED "$T/dyn" | grep -E "libzip|libcurl|$ZIPSO|$CURLSO"; then
	fail "venvdex is linked with libzip or libcurl"
fi
# glibc's loader says what it loads.
for cmd in --version "--db $T/index.db list"; do
	# shellcheck disable=SC2086
	LD_DEBUG=files "$BIN" $cmd >/dev/null 2>"$T/ld" || :
	if grep -q 'file=' "$T/ld" && grep -E "file=.*(libzip|libcurl)" "$T/ld"; then
		fail "venvdex $cmd loads libzip or libcurl"
	fi
done

# Files named as the libraries that are none: dlopen() fails on them.
mkdir "$T/fake"
echo "not a library" >"$T/fake/$ZIPSO"
echo "not a library" >"$T/fake/$CURLSO"
nolib() {
	LD_LIBRARY_PATH=$T/fake${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} "$@"
}

# --- create: the wheel unpacked once, with libzip -----------------------------
run nolib vx create "$T/a" --python "$PY"
if grep -q "no pip wheel" "$T/err"; then
	note "no pip wheel for $PY: create's unpacking not tested"
else
	[ "$rc" -eq 1 ] || fail "create with no libzip exited $rc"
	has "$T/err" "needs libzip ($ZIPSO): "
	err_is_venvdex
	[ ! -e "$T/a" ] || fail "a failed create left $T/a"
	expect_rc 0 vx create "$T/a" --python "$PY"
	"$T/a/bin/python" -m pip --version >"$T/pipv" 2>&1 || fail "pip does not run in $T/a"
	# The wheel is in the cache now: no libzip needed.
	expect_rc 0 nolib vx create "$T/b" --python "$PY"
	"$T/b/bin/python" -m pip --version >"$T/pipv" 2>&1 || fail "pip does not run in $T/b"
fi

# --- a zipped egg -------------------------------------------------------------
expect_rc 0 vx create "$T/e" --python "$PY" --without-pip
SITE=$(echo "$T"/e/lib/python*/site-packages)
$PY - "$SITE/Eggy_Thing-1.2.3-py3.egg" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('EGG-INFO/PKG-INFO', 'Metadata-Version: 2.1\nName: Eggy-Thing\nVersion: 1.2.3\n')
    z.writestr('eggy/__init__.py', 'X = 1\n')
EOF
printf './Eggy_Thing-1.2.3-py3.egg\n' >"$SITE/easy-install.pth"
run nolib vx scan --full "$T/e"
has "$T/err" "a zipped egg, not read: reading it needs libzip ($ZIPSO): "
expect_rc 0 vx scan --full "$T/e"
expect_rc 0 vx pkgs "$T/e" --json
jassert "$T/out" '[p["version"] for p in d if p["name"] == "Eggy-Thing"] == ["1.2.3"]' \
    "the zipped egg is not listed"

# --- an OSV zip -----------------------------------------------------------------
$PY - "$T/all.zip" <<'EOF'
import json, sys, zipfile
rec = {"id": "PYSEC-0-1", "modified": "2024-01-01T00:00:00Z",
       "affected": [{"package": {"ecosystem": "PyPI", "name": "eggy-thing"},
                     "versions": ["1.2.3"]}]}
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('PYSEC-0-1.json', json.dumps(rec))
EOF
expect_rc 1 nolib vx audit --advisories "$T/all.zip"
has "$T/err" "reading a zip needs libzip ($ZIPSO): "
err_is_venvdex
expect_rc 1 vx audit --advisories "$T/all.zip" --json
jassert "$T/out" '[f["id"] for f in d] == ["PYSEC-0-1"]' "the OSV zip was not read"

# --- audit --fetch: libcurl ---------------------------------------------------
# Nothing listens on the discard port of loopback: the real libcurl is refused.
VENVDEX_OSV_URL=http://127.0.0.1:9/all.zip
export VENVDEX_OSV_URL
expect_rc 1 nolib vx audit --fetch
has "$T/err" "audit --fetch needs libcurl ($CURLSO): "
err_is_venvdex
expect_rc 1 vx audit --fetch
if grep -q "needs libcurl" "$T/err"; then
	fail "audit --fetch could not load libcurl: $(cat "$T/err")"
fi
has "$T/err" "127.0.0.1"
exit 0
