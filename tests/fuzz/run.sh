#!/bin/sh
# Runs every fuzz target over its seed corpus, then over random mutations of
# it (FUZZ_RUNS, default 20000, at most FUZZ_SECONDS each, default 5).
# A crash leaves its input in ./crash-fuzz_<target>.

: "${top_srcdir:=.}" "${top_builddir:=.}"
runs=${FUZZ_RUNS:-20000}
secs=${FUZZ_SECONDS:-5}
ASAN_OPTIONS="abort_on_error=1:${ASAN_OPTIONS:-}"
UBSAN_OPTIONS="abort_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
export ASAN_OPTIONS UBSAN_OPTIONS

status=0 ran=0
for t in meta pyvenv record jsonf pep440 marker req reqfile which; do
	bin=$top_builddir/tests/fuzz/fuzz_$t
	corpus=$top_srcdir/tests/fuzz/corpus/$t
	if [ ! -x "$bin" ]; then
		echo "fuzz_$t: not built, skipped"
		continue
	fi
	ran=$((ran + 1))
	if ! "$bin" "$corpus"; then
		echo "FAIL: fuzz_$t on its corpus"
		status=1
		continue
	fi
	if ! "$bin" -r "$runs" -t "$secs" "$corpus"; then
		echo "FAIL: fuzz_$t on random mutations"
		status=1
	fi
done
[ "$ran" -eq 0 ] && exit 77
exit $status
