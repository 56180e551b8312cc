/*
 * query: what the command line and the browser ask of the index. The one
 * layer over the index's tables for reading: no SQL text lives in the
 * command front ends (src/cli-*.c) or in ui/. Writes are index.c's.
 */
#ifndef VENVDEX_QUERY_H
#define VENVDEX_QUERY_H

struct index;

#endif
