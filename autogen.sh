#!/bin/sh
# Generates ./configure from configure.ac and Makefile.am.
exec autoreconf -fi "$@"
