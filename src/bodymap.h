/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bodymap.h: a front and a back outline of the body, where a point is on
 * it, and the figure drawn in braille cells for a terminal or as a
 * polygon for a printed page. */
#ifndef UNKNOT_BODYMAP_H
#define UNKNOT_BODYMAP_H

#include <stddef.h>
#include <stdio.h>

/* Width over height of the figure's box, as drawn (the outline data and
 * the x and y of a point are fractions of this box). */
#define BODYMAP_ASPECT		(2.0 / 3.0)

/* The two sizes of the terminal figure, a caption row included. */
#define BODYMAP_COLS		20
#define BODYMAP_ROWS		16
#define BODYMAP_SMALL_COLS	10
#define BODYMAP_SMALL_ROWS	8

enum bodymap_view { BODYMAP_FRONT, BODYMAP_BACK };

/* Body sides, the same bits as enum rt_side. */
#define BODYMAP_LEFT	1
#define BODYMAP_RIGHT	2

/* A circle of the referral area: centre and radius, fractions of the
 * figure's height for r. */
struct bodymap_area {
	double	x, y, r;
};

/* Where a point is: the view, x across the box (0 its left edge as
 * drawn), y down (0 the top of the head, 1 the soles). A point on one
 * side of the body is mirrored to the other side when that side runs. */
struct bodymap_where {
	enum bodymap_view	 view;
	double			 x, y;
	struct bodymap_area	*area;	unsigned n_area;
};

/* What a cell of the terminal figure is. */
enum bodymap_role {
	BODYMAP_BLANK, BODYMAP_OUTLINE, BODYMAP_SHADE, BODYMAP_MARK,
	BODYMAP_LABEL
};

struct bodymap_cell {
	char			ch[8];	/* UTF-8, NUL-ended */
	enum bodymap_role	role;
};

/* True if (x, y) lies inside the outline (even-odd rule). */
int		 bodymap_inside(double x, double y);
/* The body side a point is on (BODYMAP_LEFT or _RIGHT), 0 on the midline. */
int		 bodymap_side(enum bodymap_view, double x);
/* x of the point on the given side (mirrored if it is on the other). */
double		 bodymap_place(const struct bodymap_where *, int side);
/* x of something tied to the point (its referral area) on that side. */
double		 bodymap_place_x(const struct bodymap_where *, int side,
		    double x);
/* The outline as a closed polygon in box fractions; returns the number
 * of points and sets *pts to static data. */
size_t		 bodymap_outline(const double (**pts)[2]);
/* Interior detail lines of a view (spine, collarbones): pairs of points,
 * returns the number of segments. */
size_t		 bodymap_details(enum bodymap_view, const double (**segs)[4]);
/* Draw the figure into cols x rows cells (rows includes the caption row),
 * marking the point on each side in sides (0: as given). */
void		 bodymap_render(const struct bodymap_where *, int sides,
		    int cols, int rows, struct bodymap_cell *cells);
/* Print the figure, one line per row, trailing blanks cut, each line
 * started with indent. */
void		 bodymap_print(const struct bodymap_where *, int sides,
		    int cols, int rows, const char *indent, FILE *);
/* Print the region in words for each side in sides, then the figure. */
void		 bodymap_show(const struct bodymap_where *, int sides,
		    const char *indent, FILE *);
/* The region in words ("back of the left shoulder") into buf. */
void		 bodymap_region(const struct bodymap_where *, int side,
		    char *buf, size_t size);
/* "front" or "back". */
const char	*bodymap_view_name(enum bodymap_view);

#endif
