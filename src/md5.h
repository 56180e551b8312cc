/* md5: RFC 1321 MD5, for the path hash pdm names its central environments by. */
#ifndef VENVDEX_MD5_H
#define VENVDEX_MD5_H

#include <stddef.h>
#include <stdint.h>

void	 md5(const void *data, size_t len, uint8_t out[16]);
/* The first 8 characters of base64url(md5(s)): pdm's path hash. */
void	 md5_tag8(const char *s, char out[9]);

#endif
