/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet.h: the printable homework sheet of a routine: the words both
 * formats share, the HTML page, and the PDF (cairo and pango, when
 * built with them). */
#ifndef UNKNOT_SHEET_H
#define UNKNOT_SHEET_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "routine.h"

#define SHEET_WEEKS	4	/* rows of the grid to tick sessions */

/* Paper sizes in points (1/72 inch). */
#define SHEET_A4_W	595.276
#define SHEET_A4_H	841.890
#define SHEET_LETTER_W	612.0
#define SHEET_LETTER_H	792.0

struct sheet_info {
	const struct routine	*r;
	time_t			 date;		/* printed on the sheet */
	double			 paper_w;	/* points */
	double			 paper_h;
};

/* A point (a marker with its step number) or a circle of a referral
 * area on one view, in the figure's fractions. */
struct sheet_spot {
	double		x, y, r;
	unsigned	step;		/* 1-based */
	bool		area;
};

/* What to draw on a view, areas first; returns the count, *v allocated. */
size_t	 sheet_spots(const struct routine *, enum bodymap_view,
	     struct sheet_spot **v);
/* Whether this build can write PDF. */
bool	 sheet_pdf_available(void);
/* Write the sheet as PDF to f; -1 with *cause. */
int	 sheet_pdf(FILE *f, const struct sheet_info *, char **cause);
/* Load cairo and pango (sheetlib.c); -1 with *cause if they cannot be. */
int	 sheetlib_load(char **cause);
/* Write the sheet as a self-contained HTML page to f; -1 with *cause. */
int	 sheet_html(FILE *f, const struct sheet_info *, char **cause);

/* What a step asks for in a few words: hold time, sides, sets and reps. */
void	 sheet_step_detail(const struct routine *, const struct rt_step *,
	     char *buf, size_t size);
/* The discomfort target and the ease-off rule in plain words (allocated). */
char	*sheet_discomfort(const struct routine *);
/* The sessions a week the grid has columns for. */
unsigned sheet_grid_columns(const struct routine *);
/* The date as "6 December 2026" into buf. */
void	 sheet_date(time_t, char *buf, size_t size);

#endif
