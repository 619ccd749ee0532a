/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_keygen.c: unknot keygen, a minisign key pair for signing routines. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_sign.h"
#include "sign.h"
#include "util.h"
#include "text.h"

/* Refuse to go on if path exists and --force was not given. */
static int
cmd_keygen_free_path(const char *path, bool force)
{
	struct stat	sb;

	if (force || lstat(path, &sb) != 0)
		return 0;
	fprintf(stderr, "unknot: %s already exists (--force replaces it, "
	    "and whatever it signed can no longer be checked with it)\n",
	    path);
	return -1;
}

/* The directory path is in, made real; NULL if it is not there. */
static char *
cmd_keygen_dir_of(const char *path)
{
	char	*copy, *real;

	copy = xstrdup(path);
	real = realpath(dirname(copy), NULL);
	free(copy);
	return real;
}

/* Whether the two paths name the same file: the same words, the same
 * file where both exist, or the same name in the same real directory. */
static bool
cmd_keygen_same(const char *a, const char *b)
{
	struct stat	 sa, sb;
	char		*da, *db, *ca, *cb;
	bool		 same;

	if (strcmp(a, b) == 0)
		return true;
	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	da = cmd_keygen_dir_of(a);
	db = cmd_keygen_dir_of(b);
	ca = xstrdup(a);
	cb = xstrdup(b);
	same = da != NULL && db != NULL && strcmp(da, db) == 0 &&
	    strcmp(basename(ca), basename(cb)) == 0;
	free(cb);
	free(ca);
	free(db);
	free(da);
	return same;
}

/* Make sure the directory of path is there: the default one is made
 * (with its parents), one named on the command line must exist, as for
 * every file a command is told to write. */
static int
cmd_keygen_dir(const char *path, bool named, char **cause)
{
	struct stat	 sb;
	char		*copy, *dir;
	int		 r = 0;

	copy = xstrdup(path);
	dir = dirname(copy);
	if (!named)
		r = util_mkdirs(dir, cause);
	else if (stat(dir, &sb) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		r = -1;
	} else if (!S_ISDIR(sb.st_mode)) {
		xasprintf(cause, "%s: %s", path, strerror(ENOTDIR));
		r = -1;
	}
	free(copy);
	return r;
}

/* Encrypt the secret key with a password asked for twice. */
static int
cmd_keygen_encrypt(struct sign_key *k, char **cause)
{
	char	*pw;
	int	 r;

	if ((pw = cmd_sign_password("Password for the new secret key: ", true,
	    cause)) == NULL)
		return -1;
	if (*pw == '\0') {
		xasprintf(cause, "an empty password; --unencrypted makes a "
		    "key without one");
		cmd_sign_password_free(pw);
		return -1;
	}
	fprintf(stderr, "Deriving a key from the password...\n");
	r = sign_key_encrypt(k, pw, cause);
	cmd_sign_password_free(pw);
	return r;
}

/* Write both key files: the secret one 0600, the public one 0644. A
 * secret key written new is taken away again if its public key cannot
 * be written, so that no key is left without its other half. */
static int
cmd_keygen_write(const char *skpath, const char *pkpath,
    const struct sign_key *k, const struct sign_pubkey *pk, bool force,
    char **cause)
{
	struct stat	 st;
	char		*sk, *pub;
	bool		 had;
	int		 r;

	had = lstat(skpath, &st) == 0;
	sk = sign_key_text(k);
	pub = sign_pubkey_text(pk, NULL);
	r = cmd_sign_install(skpath, sk, strlen(sk), 0600, force, cause);
	if (r == 0 && (r = cmd_sign_install(pkpath, pub, strlen(pub), 0644,
	    force, cause)) != 0 && !had)
		unlink(skpath);
	explicit_bzero(sk, strlen(sk));
	free(sk);
	free(pub);
	return r;
}

/* Tell where the keys are and how clients check signatures. */
static void
cmd_keygen_done(const char *skpath, const char *pkpath,
    const struct sign_pubkey *pk)
{
	char	id[17], *b64, *sk, *pub;

	sign_keyid(pk->keynum, id);
	b64 = sign_pubkey_base64(pk);
	sk = text_sanitize_line(skpath);
	pub = text_sanitize_line(pkpath);
	printf("Key %s\n"
	    "Secret key: %s (keep it to yourself)\n"
	    "Public key: %s\n"
	    "Sign a routine with: unknot sign ROUTINE --author \"YOUR NAME\"\n"
	    "Anyone can check it with: minisign -Vm ROUTINE -P %s\n",
	    id, sk, pub, b64);
	free(pub);
	free(sk);
	free(b64);
}

/* unknot keygen: a new key pair for signing routines. */
int
cmd_keygen(const struct cmd_args *a, struct opts *o)
{
	struct sign_key		 k;
	struct sign_pubkey	 pk;
	char			*sk = NULL, *pub = NULL, *cause = NULL;
	bool			 plain, force;
	int			 rv = 1;

	(void)o;
	plain = cmd_has(a, "unencrypted");
	force = cmd_has(a, "force");
	if (cmd_arg(a, "secret-key") != NULL)
		sk = xstrdup(cmd_arg(a, "secret-key"));
	if (cmd_arg(a, "public-key") != NULL)
		pub = xstrdup(cmd_arg(a, "public-key"));
	if (sk == NULL)
		sk = cmd_sign_key_path("key");
	if (pub == NULL)
		pub = cmd_sign_key_path("pub");
	if (!sign_available())
		cause = xstrdup(sign_unavailable());
	else if (cmd_keygen_same(sk, pub)) {
		fprintf(stderr, "unknot: the secret and the public key would "
		    "be the same file, %s: give each its own\n", sk);
		rv = 2;
		goto out;
	} else if (cmd_keygen_free_path(sk, force) != 0 ||
	    cmd_keygen_free_path(pub, force) != 0)
		goto out;
	else if (cmd_keygen_dir(sk, cmd_arg(a, "secret-key") != NULL,
	    &cause) != 0 || cmd_keygen_dir(pub, cmd_arg(a, "public-key") !=
	    NULL, &cause) != 0)
		goto said;
	else if (sign_keygen(&k, &pk, &cause) == 0 &&
	    (plain || cmd_keygen_encrypt(&k, &cause) == 0) &&
	    cmd_keygen_write(sk, pub, &k, &pk, force, &cause) == 0) {
		cmd_keygen_done(sk, pub, &pk);
		rv = 0;
	}
	sign_key_wipe(&k);
said:
	if (cause != NULL) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
	}
out:
	free(sk);
	free(pub);
	return rv;
}
