/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_keygen.c: unknot keygen, a minisign key pair for signing routines. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* Create the directory path is in. */
static int
cmd_keygen_dir(const char *path, char **cause)
{
	char	*copy;
	int	 r;

	copy = xstrdup(path);
	r = util_mkdirs(dirname(copy), cause);
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

/* Write both key files: the secret one 0600, the public one 0644. */
static int
cmd_keygen_write(const char *skpath, const char *pkpath,
    const struct sign_key *k, const struct sign_pubkey *pk, bool force,
    char **cause)
{
	char	*sk, *pub;
	int	 r;

	if (cmd_keygen_dir(skpath, cause) != 0 ||
	    cmd_keygen_dir(pkpath, cause) != 0)
		return -1;
	sk = sign_key_text(k);
	pub = sign_pubkey_text(pk, NULL);
	r = cmd_sign_install(skpath, sk, strlen(sk), 0600, force, cause);
	if (r == 0)
		r = cmd_sign_install(pkpath, pub, strlen(pub), 0644, force,
		    cause);
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
	else if (cmd_keygen_free_path(sk, force) != 0 ||
	    cmd_keygen_free_path(pub, force) != 0)
		goto out;
	else if (sign_keygen(&k, &pk, &cause) == 0 &&
	    (plain || cmd_keygen_encrypt(&k, &cause) == 0) &&
	    cmd_keygen_write(sk, pub, &k, &pk, force, &cause) == 0) {
		cmd_keygen_done(sk, pub, &pk);
		rv = 0;
	}
	sign_key_wipe(&k);
	if (cause != NULL) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
	}
out:
	free(sk);
	free(pub);
	return rv;
}
