/* fuzz: the entry point of every fuzz target, as libFuzzer calls it. */
#ifndef VENVDEX_FUZZ_H
#define VENVDEX_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Runs the parser on size bytes at data; returns 0. Aborts on a bug. */
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
