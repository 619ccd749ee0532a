/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_import.c: unknot import, a routine from a therapist checked, its
 * signature verified and the routine installed in the data directory. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "cmd.h"
#include "cmd_sign.h"
#include "diag.h"
#include "routine.h"
#include "sign.h"
#include "text.h"
#include "util.h"

/* What import works on: the bytes checked are the bytes installed. */
struct cmd_import {
	const char		*file;
	char			*buf;
	size_t			 len;
	char			*sig;		/* FILE.minisig, or NULL */
	struct routine		*r;
	struct sign_info	 info;
	bool			 force;
	char			*dir;		/* data dir's routines/ */
	char			*dest;		/* dir/ID.yaml */
};

/* Read the routine and its signature, and check the routine. */
static int
cmd_import_read(struct cmd_import *im)
{
	struct diags	 d;
	char		*sigpath, *cause, *data;
	size_t		 len;

	/* A routine that cannot be read is bad input, as for check. */
	if (util_read_file(im->file, ROUTINE_MAX_BYTES, &im->buf, &im->len,
	    &cause) != 0) {
		return cmd_fail(cause, 2);
	}
	diags_init(&d);
	im->r = routine_parse(im->file, im->buf, im->len, &d);
	diags_print(&d, stderr);
	diags_free(&d);
	if (im->r == NULL) {
		fprintf(stderr, "unknot: %s has errors; it is not imported\n",
		    im->file);
		return 2;
	}
	data = util_data_dir();
	xasprintf(&im->dir, "%s/routines", data);
	xasprintf(&im->dest, "%s/%s.yaml", im->dir, im->r->id);
	free(data);
	xasprintf(&sigpath, "%s" SIGN_SUFFIX, im->file);
	if (util_read_file(sigpath, 64 * 1024, &im->sig, &len, &cause) != 0) {
		im->sig = NULL;
		if (access(sigpath, F_OK) == 0) {
			fprintf(stderr, "unknot: %s\n", cause);
			free(cause);
			free(sigpath);
			return 1;
		}
		free(cause);
	}
	free(sigpath);
	return 0;
}

/* Pin the key of an author seen for the first time. */
static int
cmd_import_pin(const struct sign_info *info)
{
	struct sign_pubkey	 pk;
	char			*dir, *path, *text, *cause = NULL, *who;
	int			 r;

	if (info->author == NULL || !info->has_key ||
	    sign_pin_find(info->author, &pk, &cause) != 0) {
		if (cause != NULL) {
			fprintf(stderr, "unknot: %s\n", cause);
			free(cause);
			return -1;
		}
		return 0;
	}
	dir = sign_pin_dir();
	xasprintf(&path, "%s/%s.pub", dir, info->keyid);
	text = sign_pin_text(&info->key, info->author);
	r = util_mkdirs(dir, &cause);
	if (r == 0)
		r = cmd_sign_install(path, text, strlen(text), 0644, false,
		    &cause);
	if (r == 0) {
		who = text_sanitize(info->author);
		printf("Trusting key %s for %s from now on.\n", info->keyid,
		    who);
		free(who);
	} else {
		fprintf(stderr, "unknot: cannot trust the key: %s\n", cause);
		free(cause);
	}
	free(text);
	free(path);
	free(dir);
	return r;
}

/* Say what was installed where: the file's name as text a terminal shows
 * and does not act on. */
static void
cmd_import_said(const char *file, const char *id, const char *dest)
{
	char	*f = text_sanitize_line(file), *d = text_sanitize_line(dest);

	printf("Installed %s as '%s': %s\n", f, id, d);
	free(d);
	free(f);
}

/* Write the signature and then the routine into the routines directory. */
static int
cmd_import_install(struct cmd_import *im)
{
	char	*sigpath, *cause = NULL;
	int	 r;

	xasprintf(&sigpath, "%s" SIGN_SUFFIX, im->dest);
	if ((r = util_mkdirs(im->dir, &cause)) != 0)
		goto out;
	if (im->sig != NULL)
		r = cmd_sign_install(sigpath, im->sig, strlen(im->sig), 0644,
		    true, &cause);
	else if (unlink(sigpath) != 0 && errno != ENOENT) {
		xasprintf(&cause, "%s: %s", sigpath, strerror(errno));
		r = -1;
	}
	if (r == 0)
		r = cmd_sign_install(im->dest, im->buf, im->len, 0644,
		    im->force, &cause);
	if (r == 0)
		cmd_import_said(im->file, im->r->id, im->dest);
out:
	if (r != 0) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
	}
	free(sigpath);
	return r;
}

/* Verify, tell, and install if the signature or --force allows it. */
static int
cmd_import_run(struct cmd_import *im, const struct sign_pubkey *pk)
{
	int	rv;

	if ((rv = cmd_import_read(im)) != 0)
		return rv;
	sign_check_buffer(im->buf, im->len, im->sig, pk, calendar_now(),
	    &im->info);
	cmd_sign_print(stdout, &im->info);
	if (!sign_acceptable(im->info.state)) {
		cmd_sign_refuse(im->file, &im->info);
		if (!im->force) {
			fprintf(stderr, "unknot: not installed; --force "
			    "installs it anyway\n");
			return 1;
		}
	}
	if (!im->force && access(im->dest, F_OK) == 0) {
		fprintf(stderr, "unknot: %s is already installed (--force "
		    "replaces it)\n", im->dest);
		return 1;
	}
	if (sign_acceptable(im->info.state) && cmd_import_pin(&im->info) != 0)
		return 1;
	return cmd_import_install(im) == 0 ? 0 : 1;
}

/* unknot import: install a routine a therapist sent. */
int
cmd_import(const struct cmd_args *a, struct opts *o)
{
	struct cmd_import	 im;
	struct sign_pubkey	 pk;
	const char		*key = cmd_arg(a, "public-key");
	char			*cause;
	int			 rv;

	(void)o;
	memset(&im, 0, sizeof im);
	im.force = cmd_has(a, "force");
	if ((rv = cmd_sign_ready()) != -1)
		return rv;
	if (key != NULL && cmd_sign_pubkey(key, &pk, &cause) != 0) {
		return cmd_fail(cause, 2);
	}
	im.file = a->argv[0];
	rv = cmd_import_run(&im, key != NULL ? &pk : NULL);
	sign_info_free(&im.info);
	if (im.r != NULL)
		routine_free(im.r);
	free(im.sig);
	free(im.buf);
	free(im.dest);
	free(im.dir);
	return rv;
}
