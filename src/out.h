/* out: output for people (aligned, coloured tables) and for scripts. */
#ifndef VENVDEX_OUT_H
#define VENVDEX_OUT_H

#include <stdio.h>

enum out_color {
	OUT_PLAIN,
	OUT_BOLD,
	OUT_DIM,
	OUT_RED,
	OUT_YELLOW,
	OUT_GREEN,
	OUT_CYAN
};

/* Decides once whether stdout gets colour: a terminal, NO_COLOR unset, TERM not dumb. */
void	 out_init(void);
int	 out_color_enabled(void);
/* Width of the terminal on stdout; 0 when it is not a terminal. */
int	 out_width(void);

/*
 * A table: add columns, then rows of cells; out_table_print() aligns them
 * (by display width), makes every cell terminal-safe, and truncates the
 * last column to the terminal width. Cells are copied.
 */
struct table;
struct table *out_table_new(void);
void	 out_table_col(struct table *, const char *header, int right_align);
void	 out_table_row(struct table *, enum out_color);
void	 out_table_cell(struct table *, const char *);
void	 out_table_print(struct table *, FILE *);
void	 out_table_free(struct table *);

/* Prints s made terminal-safe, in colour c when colour is on. */
void	 out_print(FILE *, enum out_color, const char *s);

/* Appends `"key": s` (s as u8_json() writes it), after ", " when comma. */
struct sbuf;
void	 out_json_str(struct sbuf *, const char *key, const char *s, int comma);

#endif
