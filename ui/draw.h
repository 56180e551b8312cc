/* draw: text on the screen by display width, safe and clipped. */
#ifndef VENVDEX_UI_DRAW_H
#define VENVDEX_UI_DRAW_H

struct rx;

/* Call once after initscr(): whether the locale is UTF-8. */
void	 draw_init(void);
int	 draw_utf8(void);
/*
 * Draws s (already terminal-safe) at y, x in at most w columns with attr;
 * pads with spaces to w when pad is set. Non-ASCII becomes '?' when the
 * terminal is not UTF-8. Matches of rx (if not NULL) get mattr. Returns the
 * columns used.
 */
int	 draw_str(int y, int x, int w, const char *s, int attr, int pad,
	    struct rx *rx, int mattr);
/* The same, right-aligned in w columns. */
void	 draw_right(int y, int x, int w, const char *s, int attr);
void	 draw_fill(int y, int x, int w, int attr);
/* Display width of s as draw_str() would draw it. */
int	 draw_width(const char *s);

#endif
