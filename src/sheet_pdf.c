/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet_pdf.c: the homework sheet as PDF, with cairo for the drawing and
 * pango for the text (any script the fonts cover); the body map is
 * drawn as vectors. Blocks flow onto a new page when one is full. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "aftercare.h"
#include "bodymap.h"
#include "sheet.h"
#include "util.h"

#define SHEET_MM	(72.0 / 25.4)
#define SHEET_MARGIN	(13 * SHEET_MM)
#define SHEET_FONT	"DejaVu Sans"

/* Where the drawing is. */
struct sheet_pdf {
	cairo_t		*cr;
	double		 w, h;		/* page, points */
	double		 y;		/* next free line */
	unsigned	 pages;
};

/* Write cairo's output to the FILE it was given. */
static cairo_status_t
sheet_pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

/* A layout of text in a font, wrapped to width. */
static PangoLayout *
sheet_pdf_layout(struct sheet_pdf *p, const char *font, double width,
    const char *text)
{
	PangoLayout		*l = pango_cairo_create_layout(p->cr);
	PangoFontDescription	*fd = pango_font_description_from_string(font);

	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text, -1);
	return l;
}

/* The height of text in a font at a width. */
static double
sheet_pdf_height(struct sheet_pdf *p, const char *font, double width,
    const char *text)
{
	PangoLayout	*l = sheet_pdf_layout(p, font, width, text);
	int		 w, h;

	pango_layout_get_size(l, &w, &h);
	g_object_unref(l);
	return (double)h / PANGO_SCALE;
}

/* Draw text at x, y; returns its height. */
static double
sheet_pdf_text(struct sheet_pdf *p, const char *font, double x, double y,
    double width, const char *text)
{
	PangoLayout	*l = sheet_pdf_layout(p, font, width, text);
	int		 w, h;

	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	pango_layout_get_size(l, &w, &h);
	g_object_unref(l);
	return (double)h / PANGO_SCALE;
}

/* Start a new page if h more points do not fit on this one. */
static void
sheet_pdf_room(struct sheet_pdf *p, double h)
{
	if (p->y + h <= p->h - SHEET_MARGIN || p->y <= SHEET_MARGIN)
		return;
	cairo_show_page(p->cr);
	p->pages++;
	p->y = SHEET_MARGIN;
}

/* A paragraph across the page. */
static void
sheet_pdf_para(struct sheet_pdf *p, const char *font, const char *text,
    double after)
{
	double	width = p->w - 2 * SHEET_MARGIN;

	sheet_pdf_room(p, sheet_pdf_height(p, font, width, text));
	p->y += sheet_pdf_text(p, font, SHEET_MARGIN, p->y, width, text) +
	    after;
}

/* The outline path in a box at x, y of height h. */
static void
sheet_pdf_outline(struct sheet_pdf *p, double x, double y, double h)
{
	const double	(*pts)[2];
	size_t		 n, i;
	double		 w = h * BODYMAP_ASPECT;

	n = bodymap_outline(&pts);
	cairo_new_path(p->cr);
	for (i = 0; i < n; i++)
		cairo_line_to(p->cr, x + pts[i][0] * w, y + pts[i][1] * h);
	cairo_close_path(p->cr);
}

/* One view of the body at x, y, h points high, every point marked. */
static void
sheet_pdf_view(struct sheet_pdf *p, const struct routine *r,
    enum bodymap_view view, double x, double y, double h)
{
	const double	 (*segs)[4];
	struct sheet_spot *v;
	size_t		  n, i;
	double		  w = h * BODYMAP_ASPECT;
	char		  num[16];
	cairo_t		 *cr = p->cr;

	n = sheet_spots(r, view, &v);
	cairo_save(cr);
	sheet_pdf_outline(p, x, y, h);
	cairo_clip(cr);
	cairo_set_source_rgb(cr, 0.96, 0.63, 0.63);
	for (i = 0; i < n && v[i].area; i++) {
		cairo_new_path(cr);
		cairo_arc(cr, x + v[i].x * w, y + v[i].y * h, v[i].r * h, 0,
		    2 * G_PI);
		cairo_fill(cr);
	}
	cairo_restore(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 1.0);
	sheet_pdf_outline(p, x, y, h);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(cr, 0.5);
	for (i = 0; i < bodymap_details(view, &segs); i++) {
		cairo_move_to(cr, x + segs[i][0] * w, y + segs[i][1] * h);
		cairo_line_to(cr, x + segs[i][2] * w, y + segs[i][3] * h);
		cairo_stroke(cr);
	}
	for (i = 0; i < n; i++) {
		if (v[i].area)
			continue;
		cairo_set_source_rgb(cr, 0.7, 0, 0);
		cairo_new_path(cr);
		cairo_arc(cr, x + v[i].x * w, y + v[i].y * h, 3, 0, 2 * G_PI);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		snprintf(num, sizeof num, "%u", v[i].step);
		sheet_pdf_text(p, SHEET_FONT " Bold 7", v[i].x < 0.5 ?
		    x + v[i].x * w - 9 : x + v[i].x * w + 4, y + v[i].y * h - 5,
		    12, num);
	}
	free(v);
	cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
	sheet_pdf_text(p, SHEET_FONT " Bold 7", x, y + 0.2 * h, 10,
	    view == BODYMAP_BACK ? "L" : "R");
	sheet_pdf_text(p, SHEET_FONT " Bold 7", x + w - 6, y + 0.2 * h, 10,
	    view == BODYMAP_BACK ? "R" : "L");
	cairo_set_source_rgb(cr, 0, 0, 0);
	sheet_pdf_text(p, SHEET_FONT " 7", x, y + h + 2, w,
	    view == BODYMAP_BACK ? "Back" : "Front");
}

/* The body maps in the right-hand column; returns their bottom. */
static double
sheet_pdf_maps(struct sheet_pdf *p, const struct routine *r, double x,
    double width)
{
	struct sheet_spot	*v;
	int			 views[2], n = 0, i;
	double			 h, slot;

	for (i = BODYMAP_BACK; i >= BODYMAP_FRONT; i--) {
		if (sheet_spots(r, (enum bodymap_view)i, &v) > 0)
			views[n++] = i;
		free(v);
	}
	if (n == 0)
		return p->y;
	slot = width / n;
	h = (slot - 6) / BODYMAP_ASPECT;
	if (h > 200)
		h = 200;
	for (i = 0; i < n; i++)
		sheet_pdf_view(p, r, (enum bodymap_view)views[i], x + i * slot +
		    (slot - h * BODYMAP_ASPECT) / 2, p->y + 4, h);
	return p->y + 4 + h + 14;
}

/* The heading: title, who it is for and from, the date, how often. */
static void
sheet_pdf_head(struct sheet_pdf *p, const struct sheet_info *si)
{
	const struct routine	*r = si->r;
	char			 date[64], *who, often[64] = "";

	sheet_date(si->date, date, sizeof date);
	if (r->per_week != 0)
		snprintf(often, sizeof often, "  \xc2\xb7  %u times a week%s%.0u%s",
		    r->per_week, r->weeks ? " for " : "", r->weeks,
		    r->weeks ? " weeks" : "");
	sheet_pdf_para(p, SHEET_FONT " Bold 16", r->title, 2);
	xasprintf(&who, "For: %s  \xc2\xb7  From: %s  \xc2\xb7  Date: %s%s",
	    r->assigned_to != NULL ? r->assigned_to : "________________",
	    r->author != NULL ? r->author : "________________", date, often);
	sheet_pdf_para(p, SHEET_FONT " 9", who, 4);
	free(who);
	if (r->contact != NULL) {
		xasprintf(&who, "To reach your therapist: %s", r->contact);
		sheet_pdf_para(p, SHEET_FONT " 9", who, 4);
		free(who);
	}
	if (r->notes != NULL)
		sheet_pdf_para(p, SHEET_FONT " Italic 9", r->notes, 4);
}

/* Draw pango markup at x, y in a font, width wide; returns its height
 * (measure only when draw is false). */
static double
sheet_pdf_markup(struct sheet_pdf *p, const char *font, double x, double y,
    double width, const char *markup, bool draw)
{
	PangoLayout	*l = sheet_pdf_layout(p, font, width, "");
	int		 w, h;

	pango_layout_set_markup(l, markup, -1);
	if (draw) {
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, l);
	}
	pango_layout_get_size(l, &w, &h);
	g_object_unref(l);
	return (double)h / PANGO_SCALE;
}

/* A step's heading as markup: number and title in bold, then what it
 * asks for. */
static char *
sheet_pdf_step_markup(const struct routine *r, unsigned i)
{
	const struct rt_step	*st = &r->steps[i];
	char			 detail[160], *t, *d, *m;

	sheet_step_detail(r, st, detail, sizeof detail);
	t = g_markup_escape_text(routine_step_title(st), -1);
	d = g_markup_escape_text(detail, -1);
	xasprintf(&m, "<b>%u. %s</b>  <span size=\"smaller\">%s</span>",
	    i + 1, t, d);
	g_free(t);
	g_free(d);
	return m;
}

/* The numbered steps in a column at x, width wide. */
static void
sheet_pdf_steps(struct sheet_pdf *p, const struct routine *r, double x,
    double width)
{
	char		*head, *point;
	unsigned	 i;
	double		 h;

	sheet_pdf_para(p, SHEET_FONT " Bold 11", "Steps", 2);
	for (i = 0; i < r->n_steps; i++) {
		head = sheet_pdf_step_markup(r, i);
		point = NULL;
		if (r->steps[i].point != NULL)
			xasprintf(&point, "Point: %s", r->steps[i].point);
		h = sheet_pdf_markup(p, SHEET_FONT " 9", x, p->y, width, head,
		    false) + (point != NULL ? sheet_pdf_height(p,
		    SHEET_FONT " 7.5", width - 10, point) : 0);
		sheet_pdf_room(p, h);
		p->y += sheet_pdf_markup(p, SHEET_FONT " 9", x, p->y, width,
		    head, true);
		if (point != NULL)
			p->y += sheet_pdf_text(p, SHEET_FONT " 7.5", x + 10,
			    p->y, width - 10, point);
		p->y += 2.5;
		free(head);
		free(point);
	}
}

/* The lines of a titled list, standard lines first if given; NULL-ended,
 * allocated. */
static char **
sheet_pdf_lines(const char *const *first, char **v, unsigned n)
{
	char		**lines;
	unsigned	  i, k = 0, nf = 0;

	while (first != NULL && first[nf] != NULL)
		nf++;
	lines = xcalloc(nf + n + 1, sizeof *lines);
	for (i = 0; first != NULL && first[i] != NULL; i++)
		xasprintf(&lines[k++], "\xe2\x80\xa2 %s", first[i]);
	for (i = 0; i < n; i++)
		xasprintf(&lines[k++], "\xe2\x80\xa2 %s", v[i]);
	return lines;
}

/* Draw (or only measure, if draw is false) a titled list in a column at
 * x, width wide, from y; returns its height. */
static double
sheet_pdf_list(struct sheet_pdf *p, const char *title, char **lines,
    double x, double width, bool draw)
{
	double		h = 0;
	unsigned	i;

	if (draw)
		sheet_pdf_text(p, SHEET_FONT " Bold 11", x, p->y, width, title);
	h += sheet_pdf_height(p, SHEET_FONT " Bold 11", width, title) + 1;
	for (i = 0; lines[i] != NULL; i++) {
		if (draw)
			sheet_pdf_text(p, SHEET_FONT " 8", x, p->y + h, width,
			    lines[i]);
		h += sheet_pdf_height(p, SHEET_FONT " 8", width, lines[i]) + 1.5;
	}
	return h;
}

/* Free a list of lines. */
static void
sheet_pdf_lines_free(char **lines)
{
	unsigned	i;

	for (i = 0; lines[i] != NULL; i++)
		free(lines[i]);
	free(lines);
}

/* The safety notes and the aftercare side by side. */
static void
sheet_pdf_notes(struct sheet_pdf *p, const struct routine *r)
{
	char	**safety, **after;
	const char **std;
	double	  half = (p->w - 2 * SHEET_MARGIN - 12) / 2, hs = 0, ha;
	double	  xs = SHEET_MARGIN, xa = SHEET_MARGIN + half + 12;

	safety = sheet_pdf_lines(NULL, r->safety, r->n_safety);
	std = aftercare_list(r, aftercare_routine_kind(r));
	after = sheet_pdf_lines(std, NULL, 0);
	free(std);
	if (r->n_safety > 0)
		hs = sheet_pdf_list(p, "Safety", safety, xs, half, false);
	ha = sheet_pdf_list(p, "Afterwards", after, xa, half, false);
	sheet_pdf_room(p, hs > ha ? hs : ha);
	if (r->n_safety > 0)
		sheet_pdf_list(p, "Safety", safety, xs, half, true);
	sheet_pdf_list(p, "Afterwards", after, xa, half, true);
	p->y += (hs > ha ? hs : ha) + 6;
	sheet_pdf_lines_free(safety);
	sheet_pdf_lines_free(after);
}

/* The four-week grid: a box to tick and a soreness score per session. */
static void
sheet_pdf_grid(struct sheet_pdf *p, const struct routine *r)
{
	unsigned	 n = sheet_grid_columns(r), wk, c;
	double		 x0 = SHEET_MARGIN, lw = 50, rowh = 17;
	double		 cw = (p->w - 2 * SHEET_MARGIN - lw) / n;
	char		 label[32];
	cairo_t		*cr = p->cr;

	const char	*head = "Four weeks", *how = "Tick each session and "
	    "write how sore you are the next day, 0 to 10.";

	sheet_pdf_room(p, sheet_pdf_height(p, SHEET_FONT " Bold 11",
	    p->w, head) + sheet_pdf_height(p, SHEET_FONT " 8", p->w, how) +
	    4 + 14 + rowh * SHEET_WEEKS);
	sheet_pdf_para(p, SHEET_FONT " Bold 11", head, 1);
	sheet_pdf_para(p, SHEET_FONT " 8", how, 3);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.6);
	for (c = 0; c < n; c++) {
		snprintf(label, sizeof label, "Session %u", c + 1);
		sheet_pdf_text(p, SHEET_FONT " 7", x0 + lw + c * cw + 2,
		    p->y + 2, cw - 4, label);
	}
	for (wk = 0; wk < SHEET_WEEKS; wk++) {
		double y = p->y + 14 + wk * rowh;

		snprintf(label, sizeof label, "Week %u", wk + 1);
		sheet_pdf_text(p, SHEET_FONT " Bold 8", x0 + 2, y + 3, lw - 4,
		    label);
		for (c = 0; c < n; c++) {
			double x = x0 + lw + c * cw;

			cairo_rectangle(cr, x + 4, y + 4, 9, 9);
			cairo_stroke(cr);
			sheet_pdf_text(p, SHEET_FONT " 7", x + 16, y + 5,
			    cw - 18, "__/10");
		}
	}
	for (wk = 0; wk <= SHEET_WEEKS; wk++) {
		cairo_move_to(cr, x0, p->y + 14 + wk * rowh);
		cairo_line_to(cr, p->w - SHEET_MARGIN, p->y + 14 + wk * rowh);
	}
	for (c = 0; c <= n; c++) {
		cairo_move_to(cr, x0 + lw + c * cw, p->y);
		cairo_line_to(cr, x0 + lw + c * cw, p->y + 14 +
		    SHEET_WEEKS * rowh);
	}
	cairo_stroke(cr);
	p->y += 14 + SHEET_WEEKS * rowh + 6;
}

/* Whether this build writes PDF. */
bool
sheet_pdf_available(void)
{
	return true;
}

/* Draw every part of the sheet. */
static void
sheet_pdf_draw(struct sheet_pdf *p, const struct sheet_info *si)
{
	const struct routine	*r = si->r;
	double			 full = p->w - 2 * SHEET_MARGIN;
	double			 col = full * 0.64, top, bottom, right;
	char			*d;

	sheet_pdf_head(p, si);
	top = p->y;
	right = SHEET_MARGIN + col + 10;
	p->y = sheet_pdf_maps(p, r, right, full - col - 10);
	d = sheet_discomfort(r);
	p->y += sheet_pdf_text(p, SHEET_FONT " Bold 11", right, p->y,
	    full - col - 10, "How hard to press") + 1;
	p->y += sheet_pdf_text(p, SHEET_FONT " 8", right, p->y,
	    full - col - 10, d) + 6;
	free(d);
	bottom = p->y;
	p->y = top;
	sheet_pdf_steps(p, r, SHEET_MARGIN, col);
	if (p->pages == 1 && p->y < bottom)
		p->y = bottom;
	p->y += 4;
	sheet_pdf_notes(p, r);
	sheet_pdf_grid(p, r);
}

/* Write the sheet as PDF. */
int
sheet_pdf(FILE *f, const struct sheet_info *si, char **cause)
{
	struct sheet_pdf	 p;
	cairo_surface_t		*s;
	cairo_status_t		 st;

	if (sheetlib_load(cause) != 0)
		return -1;
	s = cairo_pdf_surface_create_for_stream(sheet_pdf_write, f,
	    si->paper_w, si->paper_h);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
	    si->r->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "unknot " PACKAGE_VERSION);
	memset(&p, 0, sizeof p);
	p.cr = cairo_create(s);
	p.w = si->paper_w;
	p.h = si->paper_h;
	p.y = SHEET_MARGIN;
	p.pages = 1;
	sheet_pdf_draw(&p, si);
	cairo_show_page(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		xasprintf(cause, "the PDF could not be written: %s",
		    cairo_status_to_string(st));
		return -1;
	}
	return 0;
}
