/*
 * pep440: version parsing, ordering and specifier matching as the
 * `packaging` library does them (22 and later: the copy pip 24.1 and later
 * vendor). Versions that are not PEP 440 (legacy) sort before every valid
 * one, compare as strings among themselves, and are in no specifier set but
 * one that names them with ===. Every function runs in time linear in its
 * input and reads nothing past the terminating NUL.
 */
#ifndef VENVDEX_PEP440_H
#define VENVDEX_PEP440_H

/* 1 when s is a valid PEP 440 version. */
int	 pep440_valid(const char *s);
/* The normal form ("1.0RC1" -> "1.0rc1"), allocated; NULL when invalid. */
char	*pep440_normalize(const char *s);
/* -1, 0 or 1 as a orders before, with or after b (1.0 == 1.0.0). NULL sorts first. */
int	 pep440_cmp(const char *a, const char *b);
/* 1 when the version is a pre-release or a development release. */
int	 pep440_is_prerelease(const char *s);

/* 1 when spec is a valid specifier set (">=1.0, !=1.3.*, <2"); "" is valid. */
int	 pep440_spec_valid(const char *spec);
/*
 * Whether version is in the specifier set: 1 yes, 0 no, -1 the set is not
 * valid. prereleases: -1 for packaging's default rules (pre-releases only
 * when a specifier names one), 0 never, 1 always allowed.
 */
int	 pep440_contains(const char *spec, const char *version, int prereleases);

#endif
