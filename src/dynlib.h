/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dynlib.h: a library loaded with dlopen() on the first call into it,
 * its functions defined under their own names and prototypes (the
 * library's header says so, and the compiler checks it), so that callers
 * are written as for a linked library. A library that cannot be loaded
 * makes its functions fail as they fail on an error of their own. Used
 * for what only some commands need: sound (soundlib.c) and the printed
 * sheet (sheetlib.c). */
#ifndef UNKNOT_DYNLIB_H
#define UNKNOT_DYNLIB_H

#include <dlfcn.h>
#include <pthread.h>

/* One library: its file, whether and why it failed to load. */
struct dynlib {
	const char	*file;
	pthread_once_t	 once;
	void		*handle;
	char		 error[256];
};

/* Load a library; -1 with the reason kept if it cannot be. */
int		 dynlib_open(struct dynlib *);
/* Give up a library that lacks a function. */
void		 dynlib_missing(struct dynlib *, const char *name);

/* A library's functions are listed as X(return type, name, (parameters),
 * (arguments), what it returns when the library is not there), and those
 * that return nothing as V(name, (parameters), (arguments)). This defines
 * the library (dynlib_LIB, from the file FILE), a pointer for each
 * function, the loader that finds them all (once) and dynlib_LIB_ready(),
 * true once it is loaded. */
#define DYNLIB_DEFINE(lib, FILE, LIST)					\
	static struct dynlib dynlib_##lib = { FILE, PTHREAD_ONCE_INIT,	\
	    NULL, "" };							\
	LIST(DYNLIB_PTR, DYNLIB_VPTR)					\
	/* Load the library and find its functions. */			\
	static void							\
	dynlib_##lib##_load(void)					\
	{								\
		struct dynlib	*l = &dynlib_##lib;			\
		const char	*missing = NULL;			\
									\
		if (dynlib_open(l) != 0)				\
			return;						\
		LIST(DYNLIB_SYM, DYNLIB_VSYM)				\
		if (missing != NULL)					\
			dynlib_missing(l, missing);			\
	}								\
	/* True once the library is loaded. */				\
	static int							\
	dynlib_##lib##_ready(void)					\
	{								\
		pthread_once(&dynlib_##lib.once, dynlib_##lib##_load);	\
		return dynlib_##lib.handle != NULL;			\
	}
#define DYNLIB_PTR(ret, name, params, args, fail)			\
	static ret (*dynlib_fn_##name) params;
#define DYNLIB_SYM(ret, name, params, args, fail)			\
	if (missing == NULL && (*(void **)&dynlib_fn_##name =		\
	    dlsym(l->handle, #name)) == NULL)				\
		missing = #name;
#define DYNLIB_VPTR(name, params, args)					\
	DYNLIB_PTR(void, name, params, args, )
#define DYNLIB_VSYM(name, params, args)					\
	DYNLIB_SYM(void, name, params, args, )
/* The function itself, under the library's name (in parentheses, so
 * that a macro of the same name in the library's header, as GLib has for
 * g_free, does not expand here). */
#define DYNLIB_STUB(lib, ret, name, params, args, fail)			\
	ret								\
	(name) params							\
	{								\
		if (!dynlib_##lib##_ready())				\
			return fail;					\
		return dynlib_fn_##name args;				\
	}
/* The same for a function that returns nothing: nothing happens if the
 * library is not there. */
#define DYNLIB_VSTUB(lib, name, params, args)				\
	void								\
	(name) params							\
	{								\
		if (dynlib_##lib##_ready())				\
			dynlib_fn_##name args;				\
	}

#endif
