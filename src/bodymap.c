/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bodymap.c: the body outline, where a point is on it and in words, and
 * the figure in braille cells (2 x 4 dots each). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bodymap.h"
#include "util.h"

/* The right half of the outline as drawn, fractions of the box (x across,
 * y down), from the top of the head round the arm and the leg to the
 * crotch; the left half is its mirror image. Both views share it. */
static const double bodymap_half[][2] = {
	/* BEGIN OUTLINE */
	{ 0.500, 0.015 }, { 0.542, 0.022 }, { 0.572, 0.045 }, { 0.583, 0.078 },
	{ 0.575, 0.110 }, { 0.552, 0.135 }, { 0.542, 0.148 }, { 0.540, 0.170 },
	{ 0.605, 0.183 }, { 0.672, 0.197 }, { 0.718, 0.215 }, { 0.740, 0.245 },
	{ 0.755, 0.320 }, { 0.785, 0.400 }, { 0.804, 0.440 }, { 0.833, 0.520 },
	{ 0.853, 0.565 }, { 0.875, 0.600 }, { 0.883, 0.635 }, { 0.867, 0.665 },
	{ 0.838, 0.670 }, { 0.815, 0.640 }, { 0.807, 0.600 }, { 0.800, 0.570 },
	{ 0.770, 0.500 }, { 0.740, 0.445 }, { 0.710, 0.380 }, { 0.688, 0.300 },
	{ 0.672, 0.275 }, { 0.662, 0.300 }, { 0.650, 0.360 }, { 0.643, 0.420 },
	{ 0.657, 0.470 }, { 0.677, 0.520 }, { 0.680, 0.560 }, { 0.665, 0.640 },
	{ 0.645, 0.720 }, { 0.635, 0.770 }, { 0.632, 0.840 }, { 0.613, 0.925 },
	{ 0.608, 0.945 }, { 0.635, 0.975 }, { 0.627, 0.985 }, { 0.568, 0.985 },
	{ 0.557, 0.950 }, { 0.554, 0.880 }, { 0.545, 0.780 }, { 0.537, 0.720 },
	{ 0.521, 0.600 }, { 0.512, 0.565 }, { 0.500, 0.560 },
	/* END OUTLINE */
};
#define BODYMAP_HALF	nitems(bodymap_half)
#define BODYMAP_NPTS	(2 * BODYMAP_HALF - 2)

/* Lines inside the back view: the spine and the shoulder blades. */
static const double bodymap_back_lines[][4] = {
	{ 0.500, 0.185, 0.500, 0.540 },
	{ 0.560, 0.230, 0.610, 0.320 }, { 0.440, 0.230, 0.390, 0.320 },
	{ 0.470, 0.555, 0.440, 0.600 }, { 0.530, 0.555, 0.560, 0.600 },
};
/* Lines inside the front view: the collarbones and the breastbone. */
static const double bodymap_front_lines[][4] = {
	{ 0.510, 0.195, 0.650, 0.205 }, { 0.490, 0.195, 0.350, 0.205 },
	{ 0.500, 0.210, 0.500, 0.320 },
	{ 0.480, 0.080, 0.480, 0.085 }, { 0.520, 0.080, 0.520, 0.085 },
};

/* The whole outline, built from the half on first use. */
static double bodymap_poly[BODYMAP_NPTS][2];

/* Fill the whole outline from its right half. */
static void
bodymap_build(void)
{
	size_t	i, n = BODYMAP_HALF;

	if (bodymap_poly[0][1] != 0)
		return;
	for (i = 0; i < n; i++) {
		bodymap_poly[i][0] = bodymap_half[i][0];
		bodymap_poly[i][1] = bodymap_half[i][1];
	}
	for (i = 1; i + 1 < n; i++) {
		bodymap_poly[n + i - 1][0] = 1.0 - bodymap_half[n - 1 - i][0];
		bodymap_poly[n + i - 1][1] = bodymap_half[n - 1 - i][1];
	}
}

/* The outline as a closed polygon. */
size_t
bodymap_outline(const double (**pts)[2])
{
	bodymap_build();
	*pts = (const double (*)[2])bodymap_poly;
	return BODYMAP_NPTS;
}

/* The detail lines of a view. */
size_t
bodymap_details(enum bodymap_view view, const double (**segs)[4])
{
	if (view == BODYMAP_BACK) {
		*segs = bodymap_back_lines;
		return nitems(bodymap_back_lines);
	}
	*segs = bodymap_front_lines;
	return nitems(bodymap_front_lines);
}

/* Whether (x, y) is inside the outline, by counting crossings. */
int
bodymap_inside(double x, double y)
{
	size_t	i, j;
	int	in = 0;

	bodymap_build();
	for (i = 0, j = BODYMAP_NPTS - 1; i < BODYMAP_NPTS; j = i++) {
		const double *a = bodymap_poly[i], *b = bodymap_poly[j];

		if ((a[1] > y) != (b[1] > y) &&
		    x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0])
			in = !in;
	}
	return in;
}

/* The name of a view. */
const char *
bodymap_view_name(enum bodymap_view view)
{
	return view == BODYMAP_BACK ? "back" : "front";
}

/* The body side of a point: seen from behind, the left is on the left. */
int
bodymap_side(enum bodymap_view view, double x)
{
	if (fabs(x - 0.5) < 0.01)
		return 0;
	if ((x < 0.5) == (view == BODYMAP_BACK))
		return BODYMAP_LEFT;
	return BODYMAP_RIGHT;
}

/* Mirror an x onto the given side if it is on the other one. */
static double
bodymap_mirror(enum bodymap_view view, double px, double x, int side)
{
	int	s = bodymap_side(view, px);

	if (side == 0 || s == 0 || s == side)
		return x;
	return 1.0 - x;
}

/* x of the point on a side. */
double
bodymap_place(const struct bodymap_where *w, int side)
{
	return bodymap_mirror(w->view, w->x, w->x, side);
}

/* x of a spot belonging to a point (its referral area) on a side. */
double
bodymap_place_x(const struct bodymap_where *w, int side, double x)
{
	return bodymap_mirror(w->view, w->x, x, side);
}

/* The dots of one figure, one byte each. */
struct bodymap_dots {
	int		 w, h;
	unsigned char	*in;	/* inside the outline */
	unsigned char	*on;	/* drawn */
	unsigned char	*shade;	/* in the referral area */
};

/* Whether dot (i, j) is inside; outside the grid is outside. */
static int
bodymap_dot_in(const struct bodymap_dots *d, int i, int j)
{
	if (i < 0 || j < 0 || i >= d->w || j >= d->h)
		return 0;
	return d->in[j * d->w + i];
}

/* Draw the outline: inside dots with a neighbour outside. */
static void
bodymap_dots_outline(struct bodymap_dots *d)
{
	int	i, j;

	for (j = 0; j < d->h; j++) {
		for (i = 0; i < d->w; i++)
			d->in[j * d->w + i] = bodymap_inside((i + 0.5) / d->w,
			    (j + 0.5) / d->h);
	}
	for (j = 0; j < d->h; j++) {
		for (i = 0; i < d->w; i++) {
			if (bodymap_dot_in(d, i, j) &&
			    (!bodymap_dot_in(d, i - 1, j) ||
			    !bodymap_dot_in(d, i + 1, j) ||
			    !bodymap_dot_in(d, i, j - 1) ||
			    !bodymap_dot_in(d, i, j + 1)))
				d->on[j * d->w + i] = 1;
		}
	}
}

/* Draw the view's detail lines, every other dot. */
static void
bodymap_dots_details(struct bodymap_dots *d, enum bodymap_view view)
{
	const double	(*segs)[4];
	size_t		 n, k;
	int		 s, steps, i, j;

	n = bodymap_details(view, &segs);
	for (k = 0; k < n; k++) {
		steps = (int)(fmax(fabs(segs[k][2] - segs[k][0]) * d->w,
		    fabs(segs[k][3] - segs[k][1]) * d->h)) + 1;
		for (s = 0; s <= steps; s += 2) {
			i = (int)((segs[k][0] + (segs[k][2] - segs[k][0]) * s /
			    steps) * d->w);
			j = (int)((segs[k][1] + (segs[k][3] - segs[k][1]) * s /
			    steps) * d->h);
			if (bodymap_dot_in(d, i, j))
				d->on[j * d->w + i] = 1;
		}
	}
}

/* Shade the referral area: every inside dot within one of its circles. */
static void
bodymap_dots_area(struct bodymap_dots *d, const struct bodymap_where *w,
    int side)
{
	const struct bodymap_area	*a;
	double				 ax, dx, dy;
	unsigned			 k;
	int				 i, j;

	for (k = 0; k < w->n_area; k++) {
		a = &w->area[k];
		ax = bodymap_place_x(w, side, a->x);
		for (j = 0; j < d->h; j++) {
			for (i = 0; i < d->w; i++) {
				dx = ((i + 0.5) / d->w - ax) * BODYMAP_ASPECT;
				dy = (j + 0.5) / d->h - a->y;
				if (bodymap_dot_in(d, i, j) &&
				    dx * dx + dy * dy <= a->r * a->r) {
					d->on[j * d->w + i] = 1;
					d->shade[j * d->w + i] = 1;
				}
			}
		}
	}
}

/* The braille character for the 2 x 4 dots of cell (c, r). */
static void
bodymap_cell_dots(const struct bodymap_dots *d, int c, int r,
    struct bodymap_cell *cell)
{
	static const unsigned	 bit[4][2] = {
		{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 }
	};
	unsigned		 code = 0;
	int			 i, j, shade = 0;

	for (j = 0; j < 4; j++) {
		for (i = 0; i < 2; i++) {
			if (d->on[(r * 4 + j) * d->w + c * 2 + i])
				code |= bit[j][i];
			if (d->shade[(r * 4 + j) * d->w + c * 2 + i])
				shade = 1;
		}
	}
	cell->role = shade ? BODYMAP_SHADE : code ? BODYMAP_OUTLINE :
	    BODYMAP_BLANK;
	if (code == 0) {
		memcpy(cell->ch, " ", 2);
		return;
	}
	code += 0x2800;
	cell->ch[0] = (char)(0xe0 | (code >> 12));
	cell->ch[1] = (char)(0x80 | ((code >> 6) & 0x3f));
	cell->ch[2] = (char)(0x80 | (code & 0x3f));
	cell->ch[3] = '\0';
}

/* The caption row: the view's name with the body's left and right. */
static void
bodymap_caption(enum bodymap_view view, int cols, struct bodymap_cell *row)
{
	const char	*name = bodymap_view_name(view);
	int		 c, start = (cols - (int)strlen(name)) / 2;

	for (c = 0; c < cols; c++) {
		row[c].role = BODYMAP_LABEL;
		memcpy(row[c].ch, " ", 2);
		if (c >= start && c - start < (int)strlen(name))
			row[c].ch[0] = name[c - start];
	}
	row[0].ch[0] = view == BODYMAP_BACK ? 'L' : 'R';
	row[cols - 1].ch[0] = view == BODYMAP_BACK ? 'R' : 'L';
}

/* Put the marker in the cell that holds the point on a side; a mirrored
 * point takes the mirrored cell, so both sides look alike. */
static void
bodymap_mark(const struct bodymap_where *w, int side, int cols, int rows,
    struct bodymap_cell *cells)
{
	int	c = (int)(w->x * cols), r = (int)(w->y * (rows - 1));

	if (bodymap_place(w, side) != w->x)
		c = cols - 1 - c;
	if (c < 0 || c >= cols || r < 0 || r >= rows - 1)
		return;
	memcpy(cells[(r + 1) * cols + c].ch, "\xe2\x97\x8f", 4);
	cells[(r + 1) * cols + c].role = BODYMAP_MARK;
}

/* Draw the figure into cells. */
void
bodymap_render(const struct bodymap_where *w, int sides, int cols, int rows,
    struct bodymap_cell *cells)
{
	struct bodymap_dots	d;
	int			c, r, s;

	d.w = cols * 2;
	d.h = (rows - 1) * 4;
	d.in = xcalloc((size_t)d.w * d.h, 1);
	d.on = xcalloc((size_t)d.w * d.h, 1);
	d.shade = xcalloc((size_t)d.w * d.h, 1);
	bodymap_dots_outline(&d);
	if (cols >= BODYMAP_COLS)
		bodymap_dots_details(&d, w->view);
	for (s = BODYMAP_LEFT; s <= BODYMAP_RIGHT; s <<= 1) {
		if (sides == 0 || (sides & s))
			bodymap_dots_area(&d, w, sides == 0 ? 0 : s);
		if (sides == 0)
			break;
	}
	bodymap_caption(w->view, cols, cells);
	for (r = 0; r < rows - 1; r++) {
		for (c = 0; c < cols; c++)
			bodymap_cell_dots(&d, c, r, &cells[(r + 1) * cols + c]);
	}
	for (s = BODYMAP_LEFT; s <= BODYMAP_RIGHT; s <<= 1) {
		if (sides == 0 || (sides & s))
			bodymap_mark(w, sides == 0 ? 0 : s, cols, rows, cells);
		if (sides == 0)
			break;
	}
	free(d.in);
	free(d.on);
	free(d.shade);
}

/* Print the figure as lines of text. */
void
bodymap_print(const struct bodymap_where *w, int sides, int cols, int rows,
    const char *indent, FILE *f)
{
	struct bodymap_cell	*cells;
	int			 c, r, last;

	cells = xcalloc((size_t)cols * rows, sizeof *cells);
	bodymap_render(w, sides, cols, rows, cells);
	for (r = 0; r < rows; r++) {
		for (last = cols - 1; last >= 0; last--) {
			if (strcmp(cells[r * cols + last].ch, " ") != 0)
				break;
		}
		fputs(indent, f);
		for (c = 0; c <= last; c++)
			fputs(cells[r * cols + c].ch, f);
		fputc('\n', f);
	}
	free(cells);
}

/* The part of an arm at height y. */
static const char *
bodymap_region_arm(double y)
{
	if (y < 0.42)
		return "upper arm";
	if (y < 0.47)
		return "elbow";
	if (y < 0.58)
		return "forearm";
	return "hand";
}

/* The part of the head, neck or trunk at height y on a view. */
static const char *
bodymap_region_trunk(enum bodymap_view view, double dx, double y)
{
	int	back = view == BODYMAP_BACK;

	if (y < 0.12)
		return "head";
	if (y < 0.15)
		return back ? "base of the skull" : "jaw";
	if (y < 0.185 || (y < 0.21 && dx < 0.05))
		return back ? "back of the neck" : "front of the neck";
	if (y < 0.22 && dx > 0.06)
		return "top of the shoulder";
	if (y < 0.40)
		return back ? "upper back" : "chest";
	if (y < 0.47)
		return back ? "lower back" : "belly";
	if (y < 0.53)
		return back ? "upper buttock" : "hip";
	if (y < 0.62)
		return back ? "buttock" : "hip";
	if (y < 0.76)
		return back ? "back of the thigh" : "front of the thigh";
	if (y < 0.80)
		return back ? "back of the knee" : "knee";
	if (y < 0.93)
		return back ? "calf" : "shin";
	return "foot";
}

/* The region a point is in, in words. */
void
bodymap_region(const struct bodymap_where *w, int side, char *buf,
    size_t size)
{
	double		 x = bodymap_place(w, side);
	double		 dx = fabs(x - 0.5) * BODYMAP_ASPECT;
	const char	*part, *sname;
	int		 s = bodymap_side(w->view, x);

	if (w->y >= 0.25 && w->y < 0.70 && dx > 0.13)
		part = bodymap_region_arm(w->y);
	else
		part = bodymap_region_trunk(w->view, dx, w->y);
	sname = s == BODYMAP_LEFT ? "left" : s == BODYMAP_RIGHT ? "right" :
	    NULL;
	if (sname == NULL)
		snprintf(buf, size, "%s, middle (%s view)", part,
		    bodymap_view_name(w->view));
	else
		snprintf(buf, size, "%s, %s side (%s view)", part, sname,
		    bodymap_view_name(w->view));
}

/* Print where a point is, in words for each side, then the figure. */
void
bodymap_show(const struct bodymap_where *w, int sides, const char *indent,
    FILE *f)
{
	char	buf[128];
	int	s;

	for (s = BODYMAP_LEFT; s <= BODYMAP_RIGHT; s <<= 1) {
		if (sides != 0 && (sides & s) == 0)
			continue;
		bodymap_region(w, sides == 0 ? 0 : s, buf, sizeof buf);
		fprintf(f, "%sWhere: %s\n", indent, buf);
		if (sides == 0)
			break;
	}
	bodymap_print(w, sides, BODYMAP_COLS, BODYMAP_ROWS, indent, f);
}
