/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheetlib.c: cairo, pango and the parts of GLib they are driven with,
 * loaded with dlopen() when a PDF sheet is first drawn (dynlib.h).
 * Linked in, they and what they pull in (fontconfig, freetype, harfbuzz,
 * X11's client libraries) cost every command about 6 MiB and two
 * milliseconds, though only `sheet --format pdf` uses them. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stddef.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "dynlib.h"
#include "sheet.h"
#include "util.h"

#define SHEETLIB_CAIRO_LIST(X, V)					\
	V(cairo_arc, (cairo_t *cr, double x, double y, double r,	\
	    double a1, double a2), (cr, x, y, r, a1, a2))		\
	V(cairo_clip, (cairo_t *cr), (cr))				\
	V(cairo_close_path, (cairo_t *cr), (cr))			\
	X(cairo_t *, cairo_create, (cairo_surface_t *s), (s), NULL)	\
	V(cairo_destroy, (cairo_t *cr), (cr))				\
	V(cairo_fill, (cairo_t *cr), (cr))				\
	V(cairo_line_to, (cairo_t *cr, double x, double y), (cr, x, y)) \
	V(cairo_move_to, (cairo_t *cr, double x, double y), (cr, x, y)) \
	V(cairo_new_path, (cairo_t *cr), (cr))				\
	X(cairo_surface_t *, cairo_pdf_surface_create_for_stream,	\
	    (cairo_write_func_t fn, void *closure, double w, double h),	\
	    (fn, closure, w, h), NULL)					\
	V(cairo_pdf_surface_set_metadata, (cairo_surface_t *s,		\
	    cairo_pdf_metadata_t m, const char *utf8), (s, m, utf8))	\
	V(cairo_rectangle, (cairo_t *cr, double x, double y, double w,	\
	    double h), (cr, x, y, w, h))				\
	V(cairo_restore, (cairo_t *cr), (cr))				\
	V(cairo_save, (cairo_t *cr), (cr))				\
	V(cairo_set_line_width, (cairo_t *cr, double w), (cr, w))	\
	V(cairo_set_source_rgb, (cairo_t *cr, double r, double g,	\
	    double b), (cr, r, g, b))					\
	V(cairo_show_page, (cairo_t *cr), (cr))				\
	X(const char *, cairo_status_to_string, (cairo_status_t st),	\
	    (st), dynlib_cairo.error)					\
	V(cairo_stroke, (cairo_t *cr), (cr))				\
	V(cairo_surface_destroy, (cairo_surface_t *s), (s))		\
	V(cairo_surface_finish, (cairo_surface_t *s), (s))		\
	X(cairo_status_t, cairo_surface_status, (cairo_surface_t *s),	\
	    (s), CAIRO_STATUS_NULL_POINTER)
DYNLIB_DEFINE(cairo, "libcairo.so.2", SHEETLIB_CAIRO_LIST)
#define SHEETLIB_CAIRO_X(ret, name, params, args, fail)			\
	DYNLIB_STUB(cairo, ret, name, params, args, fail)
#define SHEETLIB_CAIRO_V(name, params, args)				\
	DYNLIB_VSTUB(cairo, name, params, args)
SHEETLIB_CAIRO_LIST(SHEETLIB_CAIRO_X, SHEETLIB_CAIRO_V)

#define SHEETLIB_PANGO_LIST(X, V)					\
	V(pango_font_description_free, (PangoFontDescription *d), (d))	\
	X(PangoFontDescription *, pango_font_description_from_string,	\
	    (const char *s), (s), NULL)					\
	V(pango_layout_get_size, (PangoLayout *l, int *w, int *h),	\
	    (l, w, h))							\
	V(pango_layout_set_font_description, (PangoLayout *l,		\
	    const PangoFontDescription *d), (l, d))			\
	V(pango_layout_set_markup, (PangoLayout *l, const char *m,	\
	    int n), (l, m, n))						\
	V(pango_layout_set_text, (PangoLayout *l, const char *t, int n), \
	    (l, t, n))							\
	V(pango_layout_set_width, (PangoLayout *l, int w), (l, w))	\
	V(pango_layout_set_wrap, (PangoLayout *l, PangoWrapMode m),	\
	    (l, m))
DYNLIB_DEFINE(pango, "libpango-1.0.so.0", SHEETLIB_PANGO_LIST)
#define SHEETLIB_PANGO_X(ret, name, params, args, fail)			\
	DYNLIB_STUB(pango, ret, name, params, args, fail)
#define SHEETLIB_PANGO_V(name, params, args)				\
	DYNLIB_VSTUB(pango, name, params, args)
SHEETLIB_PANGO_LIST(SHEETLIB_PANGO_X, SHEETLIB_PANGO_V)

#define SHEETLIB_PANGOCAIRO_LIST(X, V)					\
	X(PangoLayout *, pango_cairo_create_layout, (cairo_t *cr), (cr), \
	    NULL)							\
	V(pango_cairo_show_layout, (cairo_t *cr, PangoLayout *l), (cr, l))
DYNLIB_DEFINE(pangocairo, "libpangocairo-1.0.so.0",
    SHEETLIB_PANGOCAIRO_LIST)
#define SHEETLIB_PANGOCAIRO_X(ret, name, params, args, fail)		\
	DYNLIB_STUB(pangocairo, ret, name, params, args, fail)
#define SHEETLIB_PANGOCAIRO_V(name, params, args)			\
	DYNLIB_VSTUB(pangocairo, name, params, args)
SHEETLIB_PANGOCAIRO_LIST(SHEETLIB_PANGOCAIRO_X, SHEETLIB_PANGOCAIRO_V)

#define SHEETLIB_GLIB_LIST(X, V)					\
	V(g_free, (gpointer p), (p))					\
	X(gchar *, g_markup_escape_text, (const gchar *t, gssize n),	\
	    (t, n), NULL)
DYNLIB_DEFINE(glib, "libglib-2.0.so.0", SHEETLIB_GLIB_LIST)
#define SHEETLIB_GLIB_X(ret, name, params, args, fail)			\
	DYNLIB_STUB(glib, ret, name, params, args, fail)
#define SHEETLIB_GLIB_V(name, params, args)				\
	DYNLIB_VSTUB(glib, name, params, args)
SHEETLIB_GLIB_LIST(SHEETLIB_GLIB_X, SHEETLIB_GLIB_V)

#define SHEETLIB_GOBJECT_LIST(X, V)					\
	V(g_object_unref, (gpointer o), (o))
DYNLIB_DEFINE(gobject, "libgobject-2.0.so.0", SHEETLIB_GOBJECT_LIST)
#define SHEETLIB_GOBJECT_V(name, params, args)				\
	DYNLIB_VSTUB(gobject, name, params, args)
SHEETLIB_GOBJECT_LIST(, SHEETLIB_GOBJECT_V)

/* See sheet.h. */
int
sheetlib_load(char **cause)
{
	static const struct {
		int		 (*ready)(void);
		struct dynlib	*lib;
	} libs[] = {
		{ dynlib_glib_ready, &dynlib_glib },
		{ dynlib_gobject_ready, &dynlib_gobject },
		{ dynlib_cairo_ready, &dynlib_cairo },
		{ dynlib_pango_ready, &dynlib_pango },
		{ dynlib_pangocairo_ready, &dynlib_pangocairo },
	};
	size_t	i;

	for (i = 0; i < nitems(libs); i++) {
		if (!libs[i].ready()) {
			xasprintf(cause, "PDF sheets need cairo and pango, "
			    "which could not be loaded: %s", libs[i].lib->error);
			return -1;
		}
	}
	return 0;
}
