#!/bin/sh
# Quick start: installs what is missing (Debian/Ubuntu), builds venvdex, and
# opens the browser on your own environments (the first run scans them).
# Options:
#   --no-run   build only (CI)
#   --no-deps  do not install packages
set -eu
cd "$(dirname "$0")"
run=1 deps=1
for a in "$@"; do
	case $a in
	--no-run) run=0 ;;
	--no-deps) deps=0 ;;
	*) echo "usage: sh build.sh [--no-run] [--no-deps]" >&2; exit 2 ;;
	esac
done

missing=""
need_pkg() { missing="$missing $1"; }
command -v cc >/dev/null 2>&1 || need_pkg build-essential
command -v make >/dev/null 2>&1 || need_pkg make
command -v autoreconf >/dev/null 2>&1 || need_pkg autoconf
command -v automake >/dev/null 2>&1 || need_pkg automake
command -v pkg-config >/dev/null 2>&1 || need_pkg pkg-config
pc() { pkg-config --exists "$1" 2>/dev/null; }
pc ncursesw || need_pkg libncurses-dev
pc sqlite3 || need_pkg libsqlite3-dev
pc libpcre2-8 || need_pkg libpcre2-dev
pc libzip || need_pkg libzip-dev
pc libcurl || need_pkg libcurl4-openssl-dev
# For the test suite: real environments, virtualenv, tmux for the browser.
command -v python3 >/dev/null 2>&1 || need_pkg python3
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need_pkg python3-venv
command -v virtualenv >/dev/null 2>&1 || need_pkg virtualenv
command -v tmux >/dev/null 2>&1 || need_pkg tmux

if [ -n "$missing" ] && [ $deps = 1 ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "build.sh: please install:$missing (see README.md for other systems)" >&2
		exit 1
	fi
	sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	echo "build.sh: installing:$missing"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

[ -x configure ] || ./autogen.sh
[ -f Makefile ] || ./configure
make -j"$(nproc 2>/dev/null || echo 2)"

if [ $run = 1 ]; then
	if [ -t 0 ] && [ -t 1 ]; then
		exec ./venvdex
	fi
	./venvdex scan	# not on a terminal: the command line instead
	exec ./venvdex list
fi
