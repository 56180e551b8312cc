/* sha256: FIPS 180-4 SHA-256, for the path hashes poetry and hatch name environments by. */
#ifndef VENVDEX_SHA256_H
#define VENVDEX_SHA256_H

#include <stddef.h>
#include <stdint.h>

void	 sha256(const void *data, size_t len, uint8_t out[32]);
/* The first 8 characters of base64url(sha256(s)): poetry's and hatch's path hash. */
void	 sha256_tag8(const char *s, char out[9]);

#endif
