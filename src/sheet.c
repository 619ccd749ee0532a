/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet.c: the homework sheet's words, shared by the PDF and the HTML,
 * the points to mark on each view, and the HTML page (inline SVG, print
 * styles, no scripts and nothing fetched). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "aftercare.h"
#include "bodymap.h"
#include "calendar.h"
#include "sheet.h"
#include "text.h"
#include "util.h"

/* Seconds as "30 s" or "1 min 30 s". */
static void
sheet_seconds(unsigned s, char *buf, size_t size)
{
	if (s < 60)
		snprintf(buf, size, "%u s", s);
	else if (s % 60 == 0)
		snprintf(buf, size, "%u min", s / 60);
	else
		snprintf(buf, size, "%u min %u s", s / 60, s % 60);
}

/* The sides of a step in words, with a leading ", " when there are any. */
static const char *
sheet_sides(const struct rt_step *st)
{
	if (st->kind == RT_RELEASE && st->after == RT_AFTER_EACH)
		return ", after each side of the hold";
	if (st->sides == (RT_SIDE_LEFT | RT_SIDE_RIGHT))
		return st->right_first ? ", each side: right, then left" :
		    ", each side: left, then right";
	if (st->sides == RT_SIDE_LEFT)
		return ", left side only";
	if (st->sides == RT_SIDE_RIGHT)
		return ", right side only";
	return "";
}

/* The time of a step with its sides: "30 s, each side: left, then
 * right", or per side "45 s on the left, then 30 s on the right". */
static void
sheet_time(const struct rt_step *st, char *buf, size_t size)
{
	unsigned	x = routine_first_side(st);
	unsigned	y = x ^ (RT_SIDE_LEFT | RT_SIDE_RIGHT);
	char		a[32], b[32];

	if (!routine_per_side(st)) {
		sheet_seconds(st->seconds, a, sizeof a);
		snprintf(buf, size, "%s%s", a, sheet_sides(st));
		return;
	}
	sheet_seconds(routine_side_seconds(st, x), a, sizeof a);
	sheet_seconds(routine_side_seconds(st, y), b, sizeof b);
	snprintf(buf, size, "%s on the %s, then %s on the %s", a,
	    x == RT_SIDE_RIGHT ? "right" : "left", b, y == RT_SIDE_RIGHT ?
	    "right" : "left");
}

/* What a step asks for in a few words. */
void
sheet_step_detail(const struct routine *r, const struct rt_step *st,
    char *buf, size_t size)
{
	const struct rt_pattern	*p;
	char			 a[128], b[32];

	sheet_time(st, a, sizeof a);
	switch (st->kind) {
	case RT_HOLD:
		sheet_seconds(st->max_seconds, b, sizeof b);
		snprintf(buf, size, "Hold %s (up to %s)", a, b);
		break;
	case RT_BREATHE:
		p = routine_pattern(r, st->pattern);
		if (p == NULL)
			snprintf(buf, size, "%u breaths", st->cycles);
		else if (p->hold_in > 0)
			snprintf(buf, size, "%u breaths: %g s in, hold %g s, "
			    "%g s out", st->cycles, p->inhale, p->hold_in,
			    p->exhale);
		else
			snprintf(buf, size, "%u breaths: %g s in, %g s out",
			    st->cycles, p->inhale, p->exhale);
		break;
	case RT_EXERCISE:
		snprintf(buf, size, "%u set%s of %u reps, %u s each%s%s",
		    st->sets, st->sets == 1 ? "" : "s", st->reps,
		    st->rep_seconds, st->sets > 1 ? ", rest between sets" : "",
		    sheet_sides(st));
		break;
	default:
		snprintf(buf, size, "%s", a);
		break;
	}
}

/* The discomfort target and the ease-off rule in plain words. */
char *
sheet_discomfort(const struct routine *r)
{
	char	*s;

	xasprintf(&s, "Aim for a discomfort of %u to %u out of 10: clearly "
	    "tender, you can feel it working, and you can still breathe "
	    "slowly and let the muscle go soft. If it reaches %u or more, "
	    "ease off: lighten the pressure and breathe out slowly. Never "
	    "press so hard that you brace or hold your breath.",
	    r->target_lo, r->target_hi, r->ease_off_at);
	return s;
}

/* Columns of the grid: the sessions a week, or one for every day. */
unsigned
sheet_grid_columns(const struct routine *r)
{
	return r->per_week != 0 ? r->per_week : 7;
}

#ifndef HAVE_SHEET
/* Whether this build writes PDF: not without cairo and pango. */
bool
sheet_pdf_available(void)
{
	return false;
}

/* The PDF cannot be written by this build; say how to get it. */
int
sheet_pdf(FILE *f, const struct sheet_info *si, char **cause)
{
	(void)f;
	(void)si;
	xasprintf(cause, "this unknot was built without PDF sheets: install "
	    "cairo and pango (Debian: libcairo2-dev libpango1.0-dev) and "
	    "configure with --enable-sheet; '--format html' works without "
	    "them");
	return -1;
}
#endif

/* The date in words. */
void
sheet_date(time_t t, char *buf, size_t size)
{
	calendar_format(buf, size, "%-d %B %Y", t, false);
}

/* Add a spot to a growing list. */
static void
sheet_spot_add(struct sheet_spot **v, size_t *n, double x, double y,
    double r, unsigned step, bool area)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].x = x;
	(*v)[*n].y = y;
	(*v)[*n].r = r;
	(*v)[*n].step = step;
	(*v)[*n].area = area;
	(*n)++;
}

/* The referral areas and the points of a hold on each side it runs. */
static void
sheet_spots_step(const struct rt_step *st, unsigned step,
    struct sheet_spot **v, size_t *n, bool area)
{
	const struct bodymap_where	*w = st->where;
	unsigned			 a;
	int				 s;

	for (s = RT_SIDE_LEFT; s <= RT_SIDE_RIGHT; s <<= 1) {
		int side = st->sides == 0 ? 0 : s;

		if (st->sides != 0 && (st->sides & s) == 0)
			continue;
		for (a = 0; area && a < w->n_area; a++)
			sheet_spot_add(v, n, bodymap_place_x(w, side,
			    w->area[a].x), w->area[a].y, w->area[a].r, step,
			    true);
		if (!area)
			sheet_spot_add(v, n, bodymap_place(w, side), w->y, 0,
			    step, false);
		if (st->sides == 0)
			break;
	}
}

/* What to draw on a view: referral areas first, then the points. */
size_t
sheet_spots(const struct routine *r, enum bodymap_view view,
    struct sheet_spot **v)
{
	size_t		n = 0;
	unsigned	i;
	int		pass;

	*v = NULL;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < r->n_steps; i++) {
			if (r->steps[i].kind == RT_HOLD &&
			    r->steps[i].where != NULL &&
			    r->steps[i].where->view == view)
				sheet_spots_step(&r->steps[i], i + 1, v, &n,
				    pass == 0);
		}
	}
	return n;
}

/* The style sheet: A4 or Letter with margins, nothing from outside. */
static const char sheet_css[] =
	"body{font-family:'DejaVu Sans',sans-serif;font-size:10pt;"
	"color:#000;max-width:48em;margin:1em auto;padding:0 1em}\n"
	"h1{font-size:16pt;margin:0 0 .2em}\n"
	"h2{font-size:11pt;margin:.8em 0 .2em}\n"
	".who{margin:0 0 .6em}\n"
	".top{display:flex;gap:1em;align-items:flex-start}\n"
	".steps{flex:1}\n.steps ol{margin:0;padding-left:1.4em}\n"
	".steps li{margin-bottom:.3em}\n.detail,.point{font-size:9pt}\n"
	".maps{display:flex;gap:.5em}\n.maps figure{margin:0;"
	"text-align:center;font-size:8pt}\n"
	"svg{width:11em;height:16.5em}\n"
	"table{border-collapse:collapse;width:100%}\n"
	"td,th{border:1px solid #000;padding:.3em;font-size:9pt}\n"
	"td{height:2.2em;vertical-align:top}\n"
	"@media print{body{margin:0;max-width:none}"
	"@page{margin:15mm}h2{break-after:avoid}}\n";

/* The head of the page and the sheet's heading. */
static void
sheet_html_head(FILE *f, const struct sheet_info *si)
{
	const struct routine	*r = si->r;
	char			 date[64];

	sheet_date(si->date, date, sizeof date);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", f);
	text_html(f, r->title);
	fprintf(f, "</title>\n<style>\n%s@page{size:%s}\n</style>\n"
	    "</head>\n<body>\n<h1>", sheet_css, si->paper_w < 600 ? "A4" :
	    "letter");
	text_html(f, r->title);
	fputs("</h1>\n<p class=\"who\">For: <strong>", f);
	text_html(f, r->assigned_to != NULL ? r->assigned_to :
	    "________________");
	fputs("</strong> &middot; From: <strong>", f);
	text_html(f, r->author != NULL ? r->author :
	    "________________");
	fputs("</strong> &middot; Date: ", f);
	text_html(f, date);
	if (r->per_week != 0) {
		fprintf(f, " &middot; %u times a week", r->per_week);
		if (r->weeks != 0)
			fprintf(f, " for %u weeks", r->weeks);
	}
	fputs("</p>\n", f);
	if (r->contact != NULL) {
		fputs("<p class=\"who\">To reach your therapist: ", f);
		text_html(f, r->contact);
		fputs("</p>\n", f);
	}
	if (r->notes != NULL) {
		fputs("<p>", f);
		text_html(f, r->notes);
		fputs("</p>\n", f);
	}
}

/* The outline as SVG polygon points in a 200 x 300 box. */
static void
sheet_html_points(FILE *f)
{
	const double	(*pts)[2];
	size_t		 n, i;

	n = bodymap_outline(&pts);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%.1f,%.1f", i ? " " : "", pts[i][0] * 200,
		    pts[i][1] * 300);
}

/* One view of the body as inline SVG with every point marked. */
static void
sheet_html_view(FILE *f, const struct routine *r, enum bodymap_view view)
{
	const char	 *name = bodymap_view_name(view);
	const double	(*segs)[4];
	struct sheet_spot *v;
	size_t		  n, i;

	fprintf(f, "<figure><svg viewBox=\"0 0 200 300\" role=\"img\" "
	    "aria-label=\"%s view of the body\">\n<defs><clipPath id=\"body-"
	    "%s\"><polygon points=\"", name, name);
	sheet_html_points(f);
	fprintf(f, "\"/></clipPath></defs>\n<g clip-path=\"url(#body-%s)\" "
	    "fill=\"#f4a0a0\">\n", name);
	n = sheet_spots(r, view, &v);
	for (i = 0; i < n && v[i].area; i++)
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>\n",
		    v[i].x * 200, v[i].y * 300, v[i].r * 300);
	fputs("</g>\n<polygon fill=\"none\" stroke=\"#000\" "
	    "stroke-width=\"1.2\" points=\"", f);
	sheet_html_points(f);
	fputs("\"/>\n", f);
	for (i = 0; i < bodymap_details(view, &segs); i++)
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#999\" stroke-width=\"0.8\"/>\n",
		    segs[i][0] * 200, segs[i][1] * 300, segs[i][2] * 200,
		    segs[i][3] * 300);
	for (i = 0; i < n; i++) {
		if (v[i].area)
			continue;
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
		    "fill=\"#b00000\"/><text x=\"%.1f\" y=\"%.1f\" "
		    "font-size=\"11\" font-weight=\"bold\" "
		    "text-anchor=\"%s\">%u</text>\n", v[i].x * 200,
		    v[i].y * 300, v[i].x * 200 + (v[i].x < 0.5 ? -6 : 6),
		    v[i].y * 300 + 4, v[i].x < 0.5 ? "end" : "start",
		    v[i].step);
	}
	free(v);
	fprintf(f, "</svg><figcaption>%s (%s)</figcaption></figure>\n",
	    view == BODYMAP_BACK ? "Back" : "Front", view == BODYMAP_BACK ?
	    "your left on the left" : "your left on the right");
}

/* Whether some hold is placed on a view. */
static bool
sheet_uses_view(const struct routine *r, enum bodymap_view view)
{
	unsigned	i;

	for (i = 0; i < r->n_steps; i++) {
		if (r->steps[i].kind == RT_HOLD && r->steps[i].where != NULL &&
		    r->steps[i].where->view == view)
			return true;
	}
	return false;
}

/* The numbered steps. */
static void
sheet_html_steps(FILE *f, const struct routine *r)
{
	char		detail[160];
	unsigned	i;

	fputs("<div class=\"steps\"><h2>Steps</h2>\n<ol>\n", f);
	for (i = 0; i < r->n_steps; i++) {
		const struct rt_step *st = &r->steps[i];

		sheet_step_detail(r, st, detail, sizeof detail);
		fputs("<li><strong>", f);
		text_html(f, routine_step_title(st));
		fputs("</strong><br><span class=\"detail\">", f);
		text_html(f, detail);
		fputs("</span>", f);
		if (st->point != NULL) {
			fputs("<br><span class=\"point\">Point: ", f);
			text_html(f, st->point);
			fputs("</span>", f);
		}
		fputs("</li>\n", f);
	}
	fputs("</ol></div>\n", f);
}

/* A titled list of strings, standard lines first if given. */
static void
sheet_html_list(FILE *f, const char *title, const char *const *first,
    char **v, unsigned n)
{
	unsigned	i;

	fprintf(f, "<h2>%s</h2>\n<ul>\n", title);
	for (i = 0; first != NULL && first[i] != NULL; i++) {
		fputs("<li>", f);
		text_html(f, first[i]);
		fputs("</li>\n", f);
	}
	for (i = 0; i < n; i++) {
		fputs("<li>", f);
		text_html(f, v[i]);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
}

/* The grid to tick sessions and write a soreness score. */
static void
sheet_html_grid(FILE *f, const struct routine *r)
{
	unsigned	w, c, n = sheet_grid_columns(r);

	fprintf(f, "<h2>Four weeks</h2>\n<p>Tick each session and write how "
	    "sore you are the next day, 0 to 10.</p>\n<table>\n<tr><th>"
	    "</th>");
	for (c = 0; c < n; c++)
		fprintf(f, "<th>Session %u</th>", c + 1);
	fputs("</tr>\n", f);
	for (w = 0; w < SHEET_WEEKS; w++) {
		fprintf(f, "<tr><th>Week %u</th>", w + 1);
		for (c = 0; c < n; c++)
			fputs("<td>&#9744; &nbsp; __/10</td>", f);
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* Write the sheet as HTML. */
int
sheet_html(FILE *f, const struct sheet_info *si, char **cause)
{
	const struct routine	*r = si->r;
	const char		**after;
	char			*d;

	sheet_html_head(f, si);
	fputs("<div class=\"top\">\n", f);
	sheet_html_steps(f, r);
	if (sheet_uses_view(r, BODYMAP_FRONT) ||
	    sheet_uses_view(r, BODYMAP_BACK)) {
		fputs("<div class=\"maps\">\n", f);
		if (sheet_uses_view(r, BODYMAP_BACK))
			sheet_html_view(f, r, BODYMAP_BACK);
		if (sheet_uses_view(r, BODYMAP_FRONT))
			sheet_html_view(f, r, BODYMAP_FRONT);
		fputs("</div>\n", f);
	}
	fputs("</div>\n<h2>How hard to press</h2>\n<p>", f);
	d = sheet_discomfort(r);
	text_html(f, d);
	free(d);
	fputs("</p>\n", f);
	if (r->n_safety > 0)
		sheet_html_list(f, "Safety", NULL, r->safety, r->n_safety);
	after = aftercare_list(r, aftercare_routine_kind(r));
	sheet_html_list(f, "Afterwards", after, NULL, 0);
	free(after);
	sheet_html_grid(f, r);
	fputs("</body>\n</html>\n", f);
	if (ferror(f)) {
		xasprintf(cause, "writing the sheet failed");
		return -1;
	}
	return 0;
}
