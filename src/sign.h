/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sign.h: routine files signed in the minisign format, and the therapists'
 * keys pinned on first import (trust on first use, like ssh).
 *
 * A signature is ROUTINE.minisig beside the routine: Ed25519 over the
 * BLAKE2b-512 of the file ("ED"), and a trusted comment of tab-separated
 * name:value fields (minisign's own default is "timestamp:N\tfile:NAME"):
 * author, client, issued (YYYY-MM-DD), expires, comment and key (the
 * signer's public key, so that a client can check the first file without
 * being sent the key apart). Keys and secret keys are minisign's files, so
 * `minisign -V` checks what `unknot sign` wrote and the other way round.
 *
 * Without libsodium (configure --enable-signing=no) every function that
 * needs it fails with a cause saying so, and sign_check() says
 * SIGN_UNSUPPORTED. */
#ifndef UNKNOT_SIGN_H
#define UNKNOT_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define SIGN_SUFFIX	".minisig"
#define SIGN_KEYNUM	8
#define SIGN_PK		32
#define SIGN_SK		64

/* A public key: its number (the key id) and the Ed25519 key. */
struct sign_pubkey {
	unsigned char	keynum[SIGN_KEYNUM];
	unsigned char	pk[SIGN_PK];
};

/* A secret key as minisign stores it; encrypted until sign_key_decrypt(). */
struct sign_key {
	unsigned char	raw[158];
	bool		encrypted;
};

/* What a routine's signature says, from best to worst. */
enum sign_state {
	SIGN_VERIFIED,		/* good, by the key pinned for its author (or
				 * the one given) */
	SIGN_NEW_KEY,		/* good, by the key it carries; its author is
				 * not pinned yet */
	SIGN_EXPIRED,		/* good, but past its expiry date */
	SIGN_OTHER_KEY,		/* its author is pinned with another key */
	SIGN_CHANGED,		/* the file (or the trusted comment) was
				 * changed since it was signed */
	SIGN_NO_KEY,		/* nothing to check it with */
	SIGN_BROKEN,		/* the .minisig file cannot be read */
	SIGN_UNSIGNED,		/* no .minisig file */
	SIGN_UNSUPPORTED	/* built without libsodium */
};

struct sign_info {
	enum sign_state	 state;
	char		 keyid[17];	/* of the signature: hex, as minisign */
	char		 pinned[17];	/* SIGN_OTHER_KEY: the pinned key's id */
	char		*author;	/* trusted comment fields, or NULL */
	char		*client;
	char		*issued;
	char		*expires;
	char		*comment;
	char		*why;		/* SIGN_BROKEN, SIGN_CHANGED: details */
	struct sign_pubkey key;		/* the key it was checked with ... */
	bool		 has_key;	/* ... if any */
};

/* Whether unknot was built with libsodium. */
bool	 sign_available(void);
/* What to say when it was not. */
const char *sign_unavailable(void);

/* A new key pair. */
int	 sign_keygen(struct sign_key *, struct sign_pubkey *, char **cause);
/* Encrypt a new secret key with a password (scrypt as minisign does). */
int	 sign_key_encrypt(struct sign_key *, const char *password,
	     char **cause);
/* Decrypt a secret key read from a file; -1 on a wrong password. */
int	 sign_key_decrypt(struct sign_key *, const char *password,
	     char **cause);
/* A secret key file's text, and reading one back. */
char	*sign_key_text(const struct sign_key *);
int	 sign_key_parse(const char *text, struct sign_key *, char **cause);
/* The public half of a (decrypted) secret key. */
void	 sign_key_public(const struct sign_key *, struct sign_pubkey *);
/* Forget a secret key. */
void	 sign_key_wipe(struct sign_key *);

/* A public key as minisign's base64 line (without newline), the text of
 * a public key file with comment as its untrusted comment, and parsing
 * either (a file's text or the bare line). */
char	*sign_pubkey_base64(const struct sign_pubkey *);
char	*sign_pubkey_text(const struct sign_pubkey *, const char *comment);
int	 sign_pubkey_parse(const char *text, struct sign_pubkey *,
	     char **cause);
/* The key id: the key number as minisign prints it. */
void	 sign_keyid(const unsigned char keynum[SIGN_KEYNUM], char out[17]);

/* The trusted comment for a routine; fields may be NULL. -1 if one
 * holds a tab or a control character. */
int	 sign_comment(char **out, const char *file, time_t now,
	     const char *author, const char *client, const char *expires,
	     const char *comment, const struct sign_pubkey *, char **cause);
/* The text of FILE.minisig for buf, signed with a decrypted key. */
int	 sign_buffer(const void *buf, size_t len, const struct sign_key *,
	     const char *trusted, char **out, char **cause);

/* Check buf against the text of its .minisig (NULL: unsigned) at time now:
 * with pk if it is not NULL, else the key pinned for the author, else the
 * key the signature carries. Fills info; free with sign_info_free(). */
void	 sign_check_buffer(const void *buf, size_t len, const char *sig,
	     const struct sign_pubkey *pk, time_t now, struct sign_info *);
/* The same for a file and FILE.minisig. */
void	 sign_check(const char *path, const struct sign_pubkey *pk,
	     time_t now, struct sign_info *);
void	 sign_info_free(struct sign_info *);
/* One line for the picker, show, the pre-screen and reports: "from Jane
 * Doe LMT (key 3F2A...), signature verified", "unsigned", "changed since
 * it was signed", ... Not sanitised. */
char	*sign_describe(const struct sign_info *);
/* sign_check() of path with the pinned keys, and sign_describe(). */
char	*sign_summary(const char *path, time_t now);
/* Whether a state lets a routine in without --force. */
bool	 sign_acceptable(enum sign_state);

/* The pinned keys: $XDG_DATA_HOME/unknot/keys/KEYID.pub, minisign public
 * key files whose untrusted comment names the author. */
char	*sign_pin_dir(void);
/* The key pinned for author: 1 found, 0 none, -1 error. */
int	 sign_pin_find(const char *author, struct sign_pubkey *,
	     char **cause);
/* The text of the pin file for a key and its author. */
char	*sign_pin_text(const struct sign_pubkey *, const char *author);

#endif
