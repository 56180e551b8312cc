/* ui: the full-screen browser. The only part of venvdex that uses curses. */
#ifndef VENVDEX_UI_H
#define VENVDEX_UI_H

struct index;

/* Runs the browser over the index until the user quits; returns the exit status. */
int	 ui_main(struct index *);
/* Prints the key list as mdoc lines for the man page (venvdex --keys-mdoc). */
void	 ui_keys_mdoc(void);

#endif
