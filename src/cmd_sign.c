/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_sign.c: unknot sign, and what the signing commands share. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "calendar.h"
#include "cmd.h"
#include "cmd_sign.h"
#include "diag.h"
#include "library.h"
#include "routine.h"
#include "sign.h"
#include "text.h"
#include "util.h"

#define CMD_SIGN_PASSWORD_MAX	1024

/* The default key file with extension ext. */
char *
cmd_sign_key_path(const char *ext)
{
	char	*dir, *path;

	dir = util_data_dir();
	xasprintf(&path, "%s/signing.%s", dir, ext);
	free(dir);
	return path;
}

/* Read one line from fd into buf; -1 at once on end of file or error. */
static int
cmd_sign_read_line(int fd, char *buf, size_t size)
{
	size_t	n = 0;
	ssize_t	r = 0;
	char	c;

	while (n + 1 < size) {
		r = read(fd, &c, 1);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (c == '\n')
			break;
		buf[n++] = c;
	}
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return n == 0 && r <= 0 ? -1 : 0;
}

/* Ask for a password on the terminal with echo off. */
static int
cmd_sign_ask(int fd, const char *prompt, char *buf, size_t size)
{
	struct termios	 old, quiet;
	int		 r;

	if (write(fd, prompt, strlen(prompt)) < 0 || tcgetattr(fd, &old) != 0)
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	if (tcsetattr(fd, TCSAFLUSH, &quiet) != 0)
		return -1;
	r = cmd_sign_read_line(fd, buf, size);
	tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0)
		r = -1;
	return r;
}

/* A password from UNKNOT_PASSWORD_FD or the terminal. */
char *
cmd_sign_password(const char *prompt, bool confirm, char **cause)
{
	const char	*env = getenv("UNKNOT_PASSWORD_FD");
	char		*pw, *again, *end;
	long		 fd;
	int		 tty, r;

	pw = xcalloc(1, CMD_SIGN_PASSWORD_MAX);
	if (env != NULL && *env != '\0') {
		fd = strtol(env, &end, 10);
		if (*end != '\0' || fd < 0 || fd > 1024 ||
		    cmd_sign_read_line((int)fd, pw, CMD_SIGN_PASSWORD_MAX)
		    != 0) {
			xasprintf(cause, "no password on the file descriptor "
			    "UNKNOT_PASSWORD_FD=%s", env);
			cmd_sign_password_free(pw);
			return NULL;
		}
		return pw;
	}
	if ((tty = open("/dev/tty", O_RDWR | O_CLOEXEC)) == -1) {
		xasprintf(cause, "no terminal to ask for the password on "
		    "(give it on a file descriptor: UNKNOT_PASSWORD_FD)");
		free(pw);
		return NULL;
	}
	r = cmd_sign_ask(tty, prompt, pw, CMD_SIGN_PASSWORD_MAX);
	if (r == 0 && confirm) {
		again = xcalloc(1, CMD_SIGN_PASSWORD_MAX);
		r = cmd_sign_ask(tty, "Password (again): ", again,
		    CMD_SIGN_PASSWORD_MAX);
		if (r == 0 && strcmp(pw, again) != 0) {
			xasprintf(cause, "the passwords differ");
			r = -2;
		}
		cmd_sign_password_free(again);
	}
	close(tty);
	if (r != 0) {
		if (r == -1)
			xasprintf(cause, "no password given");
		cmd_sign_password_free(pw);
		return NULL;
	}
	return pw;
}

/* Forget a password. */
void
cmd_sign_password_free(char *pw)
{
	if (pw == NULL)
		return;
	explicit_bzero(pw, CMD_SIGN_PASSWORD_MAX);
	free(pw);
}

/* Write buf to an open file descriptor, all of it. */
static int
cmd_sign_write_all(int fd, const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write path whole or not at all; never over a file unless replace.
 * outfile_write does not serve here: a secret key must be 0600 from the
 * moment it exists (outfile makes new files 0666 less the umask), and
 * where link() fails it falls back to a rename, which could replace a
 * routine or key that appeared meanwhile; these names are ours, never
 * "-", a FIFO or a device. */
int
cmd_sign_install(const char *path, const void *buf, size_t len, mode_t mode,
    bool replace, char **cause)
{
	char	*tmp;
	int	 fd, r = 0;

	xasprintf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, mode) != 0 || cmd_sign_write_all(fd, buf, len) != 0 ||
	    fsync(fd) != 0)
		r = -1;
	if (close(fd) != 0)
		r = -1;
	if (r == 0 && replace)
		r = rename(tmp, path);
	else if (r == 0) {
		/* link() fails if path exists: no window to overwrite. */
		r = link(tmp, path);
	}
	if (r != 0) {
		if (errno == EEXIST)
			xasprintf(cause, "%s already exists", path);
		else
			xasprintf(cause, "%s: %s", path, strerror(errno));
	}
	unlink(tmp);
	free(tmp);
	return r == 0 ? 0 : -1;
}

/* A public key from a file or a base64 line. */
int
cmd_sign_pubkey(const char *arg, struct sign_pubkey *pk, char **cause)
{
	char	*text, *why;
	size_t	 len;
	int	 r;

	if (sign_pubkey_parse(arg, pk, NULL) == 0)
		return 0;
	if (util_read_file(arg, 4096, &text, &len, &why) != 0) {
		xasprintf(cause, "%s (not a key and not a key file)", why);
		free(why);
		return -1;
	}
	r = sign_pubkey_parse(text, pk, &why);
	free(text);
	if (r != 0) {
		xasprintf(cause, "%s: %s", arg, why);
		free(why);
	}
	return r;
}

/* Is signing available? -1 to go on, else the exit status. */
int
cmd_sign_ready(void)
{
	if (!sign_available()) {
		fprintf(stderr, "unknot: %s\n", sign_unavailable());
		return 1;
	}
	return -1;
}

/* Print one field if it is set. */
static void
cmd_sign_field(FILE *f, const char *label, const char *v)
{
	char	*s;

	if (v == NULL)
		return;
	s = text_sanitize(v);
	fprintf(f, "%-10s %s\n", label, s);
	free(s);
}

/* Print what a signature says. */
void
cmd_sign_print(FILE *f, const struct sign_info *info)
{
	char	*line;

	line = sign_describe(info);
	cmd_sign_field(f, "Signature:", line);
	free(line);
	cmd_sign_field(f, "Author:", info->author);
	cmd_sign_field(f, "Client:", info->client);
	cmd_sign_field(f, "Issued:", info->issued);
	cmd_sign_field(f, "Expires:", info->expires);
	cmd_sign_field(f, "Comment:", info->comment);
	if (info->keyid[0] != '\0')
		cmd_sign_field(f, "Key:", info->keyid);
}

/* Say plainly why a routine is not let in. */
void
cmd_sign_refuse(const char *file, const struct sign_info *info)
{
	char	*s, *why, *who;

	s = text_sanitize(file);
	why = info->why != NULL ? text_sanitize(info->why) : NULL;
	who = info->author != NULL ? text_sanitize(info->author) : NULL;
	switch (info->state) {
	case SIGN_UNSIGNED:
		fprintf(stderr, "unknot: %s is not signed: nothing says who "
		    "wrote it or that it arrived as written\n", s);
		break;
	case SIGN_CHANGED:
		fprintf(stderr, "unknot: %s was changed since it was signed "
		    "(%s)\n", s, why);
		break;
	case SIGN_OTHER_KEY:
		fprintf(stderr, "unknot: %s is signed as %s with key %s, but "
		    "the key trusted for them is %s: ask them whether they "
		    "changed keys\n", s, who, info->keyid, info->pinned);
		break;
	case SIGN_EXPIRED:
		fprintf(stderr, "unknot: the signature on %s expired on %s: "
		    "ask for a current copy\n", s, info->expires);
		break;
	case SIGN_NO_KEY:
		fprintf(stderr, "unknot: %s is signed with key %s, which it "
		    "does not carry and which is not trusted: give it with "
		    "-p KEY\n", s, info->keyid);
		break;
	default:
		fprintf(stderr, "unknot: %s: signature unreadable (%s)\n", s,
		    why != NULL ? why : "?");
		break;
	}
	free(who);
	free(why);
	free(s);
}

/* Read and decrypt the secret key at path. */
static int
cmd_sign_load_key(const char *path, struct sign_key *k, char **cause)
{
	char	*text, *pw, *why;
	size_t	 len;
	int	 r;

	if (util_read_file(path, 4096, &text, &len, cause) != 0)
		return -1;
	r = sign_key_parse(text, k, &why);
	explicit_bzero(text, len);
	free(text);
	if (r != 0) {
		xasprintf(cause, "%s: %s", path, why);
		free(why);
		return -1;
	}
	if (!k->encrypted)
		return 0;
	if ((pw = cmd_sign_password("Password for the secret key: ", false,
	    cause)) == NULL)
		return -1;
	r = sign_key_decrypt(k, pw, cause);
	cmd_sign_password_free(pw);
	return r;
}

/* Read and check the routine to be signed: a broken one is never signed. */
static struct routine *
cmd_sign_routine(const char *path, char **buf, size_t *len)
{
	struct routine	*r;
	struct diags	 d;
	char		*cause;

	if (util_read_file(path, ROUTINE_MAX_BYTES, buf, len, &cause) != 0) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
		return NULL;
	}
	diags_init(&d);
	r = routine_parse(path, *buf, *len, &d);
	diags_print(&d, stderr);
	diags_free(&d);
	if (r == NULL) {
		fprintf(stderr, "unknot: %s has errors; it is not signed\n",
		    path);
		free(*buf);
	}
	return r;
}

/* The parts of the trusted comment given on the command line. */
struct cmd_sign_args {
	const char	*key, *author, *client, *expires, *comment;
};

/* Say what was signed: names as text a terminal shows and does not act
 * on. */
static void
cmd_sign_said(const char *path, const char *author, const char *id,
    const char *sigpath)
{
	char	*p = text_sanitize_line(path), *a = text_sanitize_line(author);
	char	*s = text_sanitize_line(sigpath);

	printf("Signed %s as %s with key %s: %s\n", p, a, id, s);
	free(s);
	free(a);
	free(p);
}

/* Sign buf with the key and write path.minisig. */
static int
cmd_sign_write(const char *path, const char *buf, size_t len,
    const struct routine *r, const struct cmd_sign_args *a)
{
	struct sign_key		 k;
	struct sign_pubkey	 pk;
	char			*tc = NULL, *sig = NULL, *sigpath, *cause;
	char			 id[17];
	int			 rv = 1;

	if (cmd_sign_load_key(a->key, &k, &cause) != 0)
		goto fail;
	sign_key_public(&k, &pk);
	if (sign_comment(&tc, path, calendar_now(), a->author,
	    a->client != NULL ? a->client : r->assigned_to, a->expires,
	    a->comment, &pk, &cause) != 0 ||
	    sign_buffer(buf, len, &k, tc, &sig, &cause) != 0)
		goto fail;
	xasprintf(&sigpath, "%s" SIGN_SUFFIX, path);
	if (cmd_sign_install(sigpath, sig, strlen(sig), 0644, true, &cause)
	    == 0) {
		sign_keyid(pk.keynum, id);
		cmd_sign_said(path, a->author, id, sigpath);
		rv = 0;
	} else
		fprintf(stderr, "unknot: %s\n", cause);
	free(sigpath);
	goto out;
fail:
	fprintf(stderr, "unknot: %s\n", cause);
out:
	if (rv != 0)
		free(cause);
	sign_key_wipe(&k);
	free(tc);
	free(sig);
	return rv;
}

/* Check the expiry date given on the command line. */
static int
cmd_sign_expires(const char *s)
{
	time_t	t;

	if (s == NULL)
		return 0;
	if (strlen(s) != 10 || calendar_parse_date(s, &t) != 0) {
		fprintf(stderr, "unknot: --expires takes a date, YYYY-MM-DD, "
		    "not '%s'\n", s);
		return -1;
	}
	if (calendar_days(calendar_now(), t) < 0) {
		fprintf(stderr, "unknot: --expires %s is already past\n", s);
		return -1;
	}
	return 0;
}

/* The file of ROUTINE: a file name as it is, an id as the search path
 * finds it (the rule of run and show); NULL after saying why not. */
static char *
cmd_sign_file(const char *arg)
{
	struct diags	 d;
	char		*file, *cause = NULL;

	diags_init(&d);
	file = library_resolve(arg, &d, &cause);
	diags_print(&d, stderr);
	diags_free(&d);
	if (file == NULL) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
	}
	return file;
}

/* unknot sign: sign a routine file after checking it. */
int
cmd_sign(const struct cmd_args *ca, struct opts *o)
{
	struct cmd_sign_args	 a;
	struct routine		*r;
	char			*buf, *key = NULL, *file;
	size_t			 len;
	int			 rv;

	(void)o;
	memset(&a, 0, sizeof a);
	a.key = cmd_arg(ca, "key");
	a.comment = cmd_arg(ca, "comment");
	a.author = cmd_arg(ca, "author");
	a.client = cmd_arg(ca, "client");
	a.expires = cmd_arg(ca, "expires");
	if ((rv = cmd_sign_ready()) != -1)
		return rv;
	if (cmd_sign_expires(a.expires) != 0)
		return 2;
	if ((file = cmd_sign_file(ca->argv[0])) == NULL)
		return 2;
	if ((r = cmd_sign_routine(file, &buf, &len)) == NULL) {
		free(file);
		return 2;
	}
	if (a.author == NULL)
		a.author = r->author;
	if (a.author == NULL) {
		fprintf(stderr, "unknot: say who signs: --author NAME, or "
		    "author: in the routine\n");
		rv = 2;
	} else {
		if (a.key == NULL)
			a.key = key = cmd_sign_key_path("key");
		rv = cmd_sign_write(file, buf, len, r, &a);
	}
	free(file);
	free(key);
	free(buf);
	routine_free(r);
	return rv;
}
