/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sign.c: minisign signatures on routine files, and pinned keys. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#ifdef HAVE_SODIUM
#include <sodium.h>
#endif

#include "sign.h"
#include "util.h"

#define SIGN_COMMENT	"untrusted comment: "
#define SIGN_TRUSTED	"trusted comment: "
#define SIGN_PIN	"unknot: key of "
#define SIGN_MAX_TRUSTED 8000	/* minisign takes 8192 with its prefix */
#define SIGN_MAX_SIG	(64 * 1024)

/* The layout of a secret key file (minisign's SeckeyStruct). */
#define SK_ALG		0	/* "Ed" */
#define SK_KDF		2	/* "Sc" (scrypt) or two zero bytes */
#define SK_CHKALG	4	/* "B2" */
#define SK_SALT		6	/* 32 bytes */
#define SK_OPS		38	/* 8 bytes, little-endian */
#define SK_MEM		46	/* 8 bytes, little-endian */
#define SK_KEYNUM	54	/* keynum, sk, chk: encrypted together */
#define SK_SK		(SK_KEYNUM + SIGN_KEYNUM)
#define SK_CHK		(SK_SK + SIGN_SK)
#define SK_END		(SK_CHK + 32)
_Static_assert(SK_END == sizeof ((struct sign_key *)0)->raw, "key size");

/* The name of each state, for messages. */
static const char *const sign_states[] = {
	[SIGN_VERIFIED] = "signature verified",
	[SIGN_NEW_KEY] = "signature good, key not yet trusted",
	[SIGN_EXPIRED] = "signature expired",
	[SIGN_OTHER_KEY] = "signed with another key than the one trusted",
	[SIGN_CHANGED] = "changed since it was signed",
	[SIGN_NO_KEY] = "signed, but no key to check it with",
	[SIGN_BROKEN] = "signature unreadable",
	[SIGN_UNSIGNED] = "unsigned",
	[SIGN_UNSUPPORTED] = "signature not checked (built without libsodium)"
};
_Static_assert(nitems(sign_states) == SIGN_UNSUPPORTED + 1, "sign_states");

/* The key id: the key number read as a little-endian 64-bit number. */
void
sign_keyid(const unsigned char keynum[SIGN_KEYNUM], char out[17])
{
	int	i;

	for (i = 0; i < SIGN_KEYNUM; i++)
		snprintf(out + 2 * i, 3, "%02X", keynum[SIGN_KEYNUM - 1 - i]);
}

/* Whether s may go into a trusted comment field (one line, no tabs). */
static int
sign_field_ok(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	}
	return 1;
}

/* Append "\tname:value" to the trusted comment if value is set. */
static int
sign_comment_add(char **out, const char *name, const char *value,
    char **cause)
{
	char	*s;

	if (value == NULL || *value == '\0')
		return 0;
	if (!sign_field_ok(value)) {
		xasprintf(cause, "the %s may not hold tabs, line breaks or "
		    "control characters", name);
		return -1;
	}
	xasprintf(&s, "%s%s%s:%s", *out, **out == '\0' ? "" : "\t", name,
	    value);
	free(*out);
	*out = s;
	return 0;
}

/* The trusted comment for a routine. */
int
sign_comment(char **out, const char *file, time_t now, const char *author,
    const char *client, const char *expires, const char *comment,
    const struct sign_pubkey *pk, char **cause)
{
	struct tm	 tm;
	const char	*base;
	char		 day[11], *key;
	int		 r = 0;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(day, sizeof day, "%Y-%m-%d", &tm) == 0) {
		xasprintf(cause, "the date is not on the calendar");
		return -1;
	}
	base = strrchr(file, '/');
	base = base != NULL ? base + 1 : file;
	xasprintf(out, "timestamp:%lld", (long long)now);
	key = sign_pubkey_base64(pk);
	if (sign_comment_add(out, "file", base, cause) != 0 ||
	    sign_comment_add(out, "author", author, cause) != 0 ||
	    sign_comment_add(out, "client", client, cause) != 0 ||
	    sign_comment_add(out, "issued", day, cause) != 0 ||
	    sign_comment_add(out, "expires", expires, cause) != 0 ||
	    sign_comment_add(out, "comment", comment, cause) != 0 ||
	    sign_comment_add(out, "key", key, cause) != 0)
		r = -1;
	else if (strlen(*out) > SIGN_MAX_TRUSTED) {
		xasprintf(cause, "the trusted comment is too long (%zu "
		    "bytes, at most %d)", strlen(*out), SIGN_MAX_TRUSTED);
		r = -1;
	}
	free(key);
	if (r != 0) {
		free(*out);
		*out = NULL;
	}
	return r;
}

void
sign_info_free(struct sign_info *info)
{
	free(info->author);
	free(info->client);
	free(info->issued);
	free(info->expires);
	free(info->comment);
	free(info->why);
	memset(info, 0, sizeof *info);
}

/* Whether a state lets a routine in without --force. */
bool
sign_acceptable(enum sign_state s)
{
	return s == SIGN_VERIFIED || s == SIGN_NEW_KEY;
}

/* One line saying who signed and what the signature says. */
char *
sign_describe(const struct sign_info *info)
{
	char	*s;

	switch (info->state) {
	case SIGN_UNSIGNED:
	case SIGN_UNSUPPORTED:
	case SIGN_CHANGED:
		return xstrdup(sign_states[info->state]);
	case SIGN_BROKEN:
		xasprintf(&s, "%s (%s)", sign_states[info->state],
		    info->why != NULL ? info->why : "?");
		return s;
	case SIGN_OTHER_KEY:
		xasprintf(&s, "signed as %s with key %s, but the key trusted "
		    "for %s is %s", info->author, info->keyid, info->author,
		    info->pinned);
		return s;
	case SIGN_EXPIRED:
		xasprintf(&s, "from %s (key %s), signature expired on %s",
		    info->author != NULL ? info->author : "an unnamed author",
		    info->keyid, info->expires);
		return s;
	default:
		break;
	}
	xasprintf(&s, "from %s (key %s), %s",
	    info->author != NULL ? info->author : "an unnamed author",
	    info->keyid, sign_states[info->state]);
	return s;
}

/* What the signature of a routine file says, in one line. */
char *
sign_summary(const char *path, time_t now)
{
	struct sign_info	 info;
	char			*s;

	sign_check(path, NULL, now, &info);
	s = sign_describe(&info);
	sign_info_free(&info);
	return s;
}

/* The directory of pinned keys. */
char *
sign_pin_dir(void)
{
	char	*data, *dir;

	data = util_data_dir();
	xasprintf(&dir, "%s/keys", data);
	free(data);
	return dir;
}

/* The text of a pin file. */
char *
sign_pin_text(const struct sign_pubkey *pk, const char *author)
{
	char	*comment, *text;

	xasprintf(&comment, SIGN_PIN "%s", author);
	text = sign_pubkey_text(pk, comment);
	free(comment);
	return text;
}

/* Whether the pin file text names author; fills pk if it does. */
static int
sign_pin_match(const char *text, const char *author, struct sign_pubkey *pk)
{
	const char	*p = text;
	size_t		 n;

	if (strncmp(p, SIGN_COMMENT SIGN_PIN, strlen(SIGN_COMMENT SIGN_PIN))
	    != 0)
		return 0;
	p += strlen(SIGN_COMMENT SIGN_PIN);
	n = strcspn(p, "\n");
	if (n != strlen(author) || strncmp(p, author, n) != 0)
		return 0;
	return sign_pubkey_parse(text, pk, NULL) == 0;
}

/* The key pinned for author. */
int
sign_pin_find(const char *author, struct sign_pubkey *pk, char **cause)
{
	DIR		*d;
	struct dirent	*de;
	char		*dir, *path, *text, *why;
	size_t		 len, n;
	int		 found = 0;

	dir = sign_pin_dir();
	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT) {
			free(dir);
			return 0;
		}
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	while (!found && (de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 4 || strcmp(de->d_name + n - 4, ".pub") != 0)
			continue;
		xasprintf(&path, "%s/%s", dir, de->d_name);
		if (util_read_file(path, 4096, &text, &len, &why) == 0) {
			found = sign_pin_match(text, author, pk);
			free(text);
		} else
			free(why);
		free(path);
	}
	closedir(d);
	free(dir);
	return found;
}

/* Read a whole .minisig beside path; NULL if there is none. */
static char *
sign_read_sig(const char *path, char **cause)
{
	struct stat	 sb;
	char		*sigpath, *buf;
	size_t		 len;

	xasprintf(&sigpath, "%s" SIGN_SUFFIX, path);
	if (lstat(sigpath, &sb) == -1 && errno == ENOENT)
		buf = NULL;
	else if (util_read_file(sigpath, SIGN_MAX_SIG, &buf, &len, cause)
	    != 0)
		buf = NULL;
	free(sigpath);
	return buf;
}

/* Check a file and its .minisig. */
void
sign_check(const char *path, const struct sign_pubkey *pk, time_t now,
    struct sign_info *info)
{
	char	*buf, *sig, *cause = NULL;
	size_t	 len;

	memset(info, 0, sizeof *info);
	/* A routine that came from no file (built in memory) has no
	 * signature. */
	if (path == NULL) {
		info->state = SIGN_UNSIGNED;
		return;
	}
	if (util_read_file(path, SIGN_MAX_SIG * 16, &buf, &len, &cause)
	    != 0) {
		info->state = SIGN_BROKEN;
		info->why = cause;
		return;
	}
	sig = sign_read_sig(path, &cause);
	if (sig == NULL && cause != NULL) {
		info->state = SIGN_BROKEN;
		info->why = cause;
		free(buf);
		return;
	}
	sign_check_buffer(buf, len, sig, pk, now, info);
	free(sig);
	free(buf);
}

#ifdef HAVE_SODIUM

bool
sign_available(void)
{
	return sodium_init() >= 0;
}

const char *
sign_unavailable(void)
{
	return "libsodium could not be initialised";
}

/* The value of field name in a trusted comment, or NULL. */
static char *
sign_comment_field(const char *tc, const char *name)
{
	size_t		 n = strlen(name);
	const char	*p, *end;

	for (p = tc; p != NULL && *p != '\0'; p = end + (*end != '\0')) {
		end = p + strcspn(p, "\t");
		if ((size_t)(end - p) > n && strncmp(p, name, n) == 0 &&
		    p[n] == ':')
			return xstrndup(p + n + 1, end - p - n - 1);
		if (*end == '\0')
			break;
	}
	return NULL;
}

/* Fill the fields of info from a trusted comment. */
static void
sign_info_fields(struct sign_info *info, const char *tc)
{
	info->author = sign_comment_field(tc, "author");
	info->client = sign_comment_field(tc, "client");
	info->issued = sign_comment_field(tc, "issued");
	info->expires = sign_comment_field(tc, "expires");
	info->comment = sign_comment_field(tc, "comment");
}

/* Store v little-endian. */
static void
sign_le64_store(unsigned char *p, uint64_t v)
{
	int	i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* Load a little-endian 64-bit number. */
static uint64_t
sign_le64_load(const unsigned char *p)
{
	uint64_t	v = 0;
	int		i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* Base64 of a buffer, as minisign writes it. */
static char *
sign_base64(const void *bin, size_t len)
{
	size_t	 n = sodium_base64_ENCODED_LEN(len,
	    sodium_base64_VARIANT_ORIGINAL);
	char	*s = xmalloc(n);

	sodium_bin2base64(s, n, bin, len, sodium_base64_VARIANT_ORIGINAL);
	return s;
}

/* Decode exactly len bytes of base64 from the line at s. */
static int
sign_unbase64(const char *s, size_t slen, void *bin, size_t len)
{
	size_t	got;

	while (slen > 0 && (s[slen - 1] == '\r' || s[slen - 1] == ' '))
		slen--;
	if (sodium_base642bin(bin, len, s, slen, NULL, &got, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0 || got != len)
		return -1;
	return 0;
}

/* The next line of text (without its newline); NULL at the end. */
static const char *
sign_line(const char **p, size_t *len)
{
	const char	*s = *p;

	if (s == NULL || *s == '\0')
		return NULL;
	*len = strcspn(s, "\n");
	*p = s[*len] == '\n' ? s + *len + 1 : s + *len;
	if (*len > 0 && s[*len - 1] == '\r')
		(*len)--;
	return s;
}

/* The checksum minisign keeps in a secret key (BLAKE2b-256). */
static void
sign_key_chk(const struct sign_key *k, unsigned char chk[32])
{
	crypto_generichash_state	hs;

	crypto_generichash_init(&hs, NULL, 0, 32);
	crypto_generichash_update(&hs, k->raw + SK_ALG, 2);
	crypto_generichash_update(&hs, k->raw + SK_KEYNUM, SIGN_KEYNUM);
	crypto_generichash_update(&hs, k->raw + SK_SK, SIGN_SK);
	crypto_generichash_final(&hs, chk, 32);
}

/* A new key pair, unencrypted. */
int
sign_keygen(struct sign_key *k, struct sign_pubkey *pk, char **cause)
{
	memset(k, 0, sizeof *k);
	memcpy(k->raw + SK_ALG, "Ed", 2);
	memcpy(k->raw + SK_CHKALG, "B2", 2);
	randombytes_buf(k->raw + SK_KEYNUM, SIGN_KEYNUM);
	if (crypto_sign_keypair(pk->pk, k->raw + SK_SK) != 0) {
		xasprintf(cause, "cannot make a key pair");
		return -1;
	}
	memcpy(pk->keynum, k->raw + SK_KEYNUM, SIGN_KEYNUM);
	sign_key_chk(k, k->raw + SK_CHK);
	return 0;
}

/* XOR the secret part with a stream derived from the password with the
 * key's scrypt limits; -1 if that takes more memory than there is. */
static int
sign_key_xor(struct sign_key *k, const char *password, char **cause)
{
	unsigned char	stream[SK_END - SK_KEYNUM];
	size_t		i;

	if (crypto_pwhash_scryptsalsa208sha256(stream, sizeof stream,
	    password, strlen(password), k->raw + SK_SALT,
	    sign_le64_load(k->raw + SK_OPS),
	    (size_t)sign_le64_load(k->raw + SK_MEM)) != 0) {
		xasprintf(cause, "cannot derive a key from the password "
		    "(not enough memory?)");
		return -1;
	}
	for (i = 0; i < sizeof stream; i++)
		k->raw[SK_KEYNUM + i] ^= stream[i];
	sodium_memzero(stream, sizeof stream);
	return 0;
}

/* Encrypt with minisign's scrypt limits, halved while memory lacks. */
int
sign_key_encrypt(struct sign_key *k, const char *password, char **cause)
{
	uint64_t	ops = crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE;
	uint64_t	mem = crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE;
	char		*why = NULL;

	memcpy(k->raw + SK_KDF, "Sc", 2);
	randombytes_buf(k->raw + SK_SALT, 32);
	for (;;) {
		sign_le64_store(k->raw + SK_OPS, ops);
		sign_le64_store(k->raw + SK_MEM, mem);
		if (sign_key_xor(k, password, &why) == 0)
			break;
		free(why);
		ops /= 2;
		mem /= 2;
		if (ops < crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN ||
		    mem < crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN) {
			xasprintf(cause, "not enough memory to encrypt the "
			    "key");
			return -1;
		}
	}
	k->encrypted = true;
	return 0;
}

/* Decrypt a secret key and check it against its checksum. */
int
sign_key_decrypt(struct sign_key *k, const char *password, char **cause)
{
	struct sign_key	plain;
	unsigned char	chk[32];
	int		r = 0;

	if (!k->encrypted)
		return 0;
	plain = *k;
	if (sign_key_xor(&plain, password, cause) != 0)
		r = -1;
	else {
		sign_key_chk(&plain, chk);
		if (sodium_memcmp(chk, plain.raw + SK_CHK, sizeof chk) != 0) {
			xasprintf(cause, "wrong password for that key");
			r = -1;
		} else {
			*k = plain;
			k->encrypted = false;
		}
	}
	sodium_memzero(&plain, sizeof plain);
	return r;
}

/* The text of a secret key file. */
char *
sign_key_text(const struct sign_key *k)
{
	char	*b64, *s;

	b64 = sign_base64(k->raw, sizeof k->raw);
	xasprintf(&s, SIGN_COMMENT "minisign %ssecret key\n%s\n",
	    k->encrypted ? "encrypted " : "", b64);
	sodium_memzero(b64, strlen(b64));
	free(b64);
	return s;
}

/* Read a secret key file's text. */
int
sign_key_parse(const char *text, struct sign_key *k, char **cause)
{
	const char	*p = text, *line;
	size_t		 len;

	memset(k, 0, sizeof *k);
	if ((line = sign_line(&p, &len)) == NULL ||
	    strncmp(line, SIGN_COMMENT, strlen(SIGN_COMMENT)) != 0 ||
	    (line = sign_line(&p, &len)) == NULL ||
	    sign_unbase64(line, len, k->raw, sizeof k->raw) != 0) {
		xasprintf(cause, "not a minisign secret key");
		return -1;
	}
	if (memcmp(k->raw + SK_ALG, "Ed", 2) != 0 ||
	    memcmp(k->raw + SK_CHKALG, "B2", 2) != 0) {
		xasprintf(cause, "unsupported secret key algorithm");
		return -1;
	}
	if (memcmp(k->raw + SK_KDF, "Sc", 2) == 0)
		k->encrypted = true;
	else if (memcmp(k->raw + SK_KDF, "\0\0", 2) != 0) {
		xasprintf(cause, "unsupported key derivation function");
		return -1;
	}
	return 0;
}

/* The public half of a secret key (Ed25519 keeps it in the last bytes). */
void
sign_key_public(const struct sign_key *k, struct sign_pubkey *pk)
{
	memcpy(pk->keynum, k->raw + SK_KEYNUM, SIGN_KEYNUM);
	crypto_sign_ed25519_sk_to_pk(pk->pk, k->raw + SK_SK);
}

void
sign_key_wipe(struct sign_key *k)
{
	sodium_memzero(k, sizeof *k);
}

/* A public key as minisign's base64 line. */
char *
sign_pubkey_base64(const struct sign_pubkey *pk)
{
	unsigned char	bin[2 + SIGN_KEYNUM + SIGN_PK];

	memcpy(bin, "Ed", 2);
	memcpy(bin + 2, pk->keynum, SIGN_KEYNUM);
	memcpy(bin + 2 + SIGN_KEYNUM, pk->pk, SIGN_PK);
	return sign_base64(bin, sizeof bin);
}

/* The text of a public key file. */
char *
sign_pubkey_text(const struct sign_pubkey *pk, const char *comment)
{
	char	*b64, *s, id[17];

	b64 = sign_pubkey_base64(pk);
	sign_keyid(pk->keynum, id);
	if (comment == NULL)
		xasprintf(&s, SIGN_COMMENT "minisign public key %s\n%s\n", id,
		    b64);
	else
		xasprintf(&s, SIGN_COMMENT "%s\n%s\n", comment, b64);
	free(b64);
	return s;
}

/* Parse a public key file's text or a bare base64 line. */
int
sign_pubkey_parse(const char *text, struct sign_pubkey *pk, char **cause)
{
	unsigned char	 bin[2 + SIGN_KEYNUM + SIGN_PK];
	const char	*p = text, *line;
	size_t		 len;

	line = sign_line(&p, &len);
	if (line != NULL && strncmp(line, SIGN_COMMENT, strlen(SIGN_COMMENT))
	    == 0)
		line = sign_line(&p, &len);
	if (line == NULL || sign_unbase64(line, len, bin, sizeof bin) != 0 ||
	    memcmp(bin, "Ed", 2) != 0) {
		if (cause != NULL)
			xasprintf(cause, "not a minisign public key");
		return -1;
	}
	memcpy(pk->keynum, bin + 2, SIGN_KEYNUM);
	memcpy(pk->pk, bin + 2 + SIGN_KEYNUM, SIGN_PK);
	return 0;
}

/* Sign buf: the .minisig text, as minisign -S writes it. */
int
sign_buffer(const void *buf, size_t len, const struct sign_key *k,
    const char *trusted, char **out, char **cause)
{
	unsigned char	 hash[crypto_generichash_BYTES_MAX];
	unsigned char	 sig[2 + SIGN_KEYNUM + crypto_sign_BYTES];
	unsigned char	 global[crypto_sign_BYTES], *msg;
	size_t		 tlen = strlen(trusted);
	char		*b64sig, *b64global, id[17];

	if (k->encrypted) {
		xasprintf(cause, "the secret key is still encrypted");
		return -1;
	}
	crypto_generichash(hash, sizeof hash, buf, len, NULL, 0);
	memcpy(sig, "ED", 2);
	memcpy(sig + 2, k->raw + SK_KEYNUM, SIGN_KEYNUM);
	crypto_sign_detached(sig + 2 + SIGN_KEYNUM, NULL, hash, sizeof hash,
	    k->raw + SK_SK);
	msg = xmalloc(crypto_sign_BYTES + tlen);
	memcpy(msg, sig + 2 + SIGN_KEYNUM, crypto_sign_BYTES);
	memcpy(msg + crypto_sign_BYTES, trusted, tlen);
	crypto_sign_detached(global, NULL, msg, crypto_sign_BYTES + tlen,
	    k->raw + SK_SK);
	free(msg);
	b64sig = sign_base64(sig, sizeof sig);
	b64global = sign_base64(global, sizeof global);
	sign_keyid(k->raw + SK_KEYNUM, id);
	xasprintf(out, SIGN_COMMENT "signature from unknot secret key %s\n"
	    "%s\n" SIGN_TRUSTED "%s\n%s\n", id, b64sig, trusted, b64global);
	free(b64sig);
	free(b64global);
	return 0;
}

/* The parts of a .minisig file. */
struct sign_sig {
	unsigned char	 alg[2];
	unsigned char	 keynum[SIGN_KEYNUM];
	unsigned char	 sig[crypto_sign_BYTES];
	char		*trusted;
	unsigned char	 global[crypto_sign_BYTES];
};

/* Parse the text of a .minisig file. */
static int
sign_sig_parse(const char *text, struct sign_sig *s, char **cause)
{
	unsigned char	 bin[2 + SIGN_KEYNUM + crypto_sign_BYTES];
	const char	*p = text, *line;
	size_t		 len, n = strlen(SIGN_TRUSTED);

	s->trusted = NULL;
	if ((line = sign_line(&p, &len)) == NULL ||
	    strncmp(line, SIGN_COMMENT, strlen(SIGN_COMMENT)) != 0 ||
	    (line = sign_line(&p, &len)) == NULL ||
	    sign_unbase64(line, len, bin, sizeof bin) != 0) {
		xasprintf(cause, "not a minisign signature");
		return -1;
	}
	memcpy(s->alg, bin, 2);
	memcpy(s->keynum, bin + 2, SIGN_KEYNUM);
	memcpy(s->sig, bin + 2 + SIGN_KEYNUM, crypto_sign_BYTES);
	if (memcmp(s->alg, "ED", 2) != 0) {
		xasprintf(cause, memcmp(s->alg, "Ed", 2) == 0 ? "a legacy "
		    "signature of the whole file; sign it again with "
		    "minisign 0.8 or later" : "unsupported signature "
		    "algorithm");
		return -1;
	}
	if ((line = sign_line(&p, &len)) == NULL || len < n ||
	    strncmp(line, SIGN_TRUSTED, n) != 0) {
		xasprintf(cause, "no trusted comment");
		return -1;
	}
	s->trusted = xstrndup(line + n, len - n);
	if ((line = sign_line(&p, &len)) == NULL ||
	    sign_unbase64(line, len, s->global, sizeof s->global) != 0) {
		xasprintf(cause, "the trusted comment is not signed");
		free(s->trusted);
		s->trusted = NULL;
		return -1;
	}
	return 0;
}

/* Check the signature on the file and on the trusted comment. */
static int
sign_sig_verify(const struct sign_sig *s, const void *buf, size_t len,
    const struct sign_pubkey *pk, char **why)
{
	unsigned char	 hash[crypto_generichash_BYTES_MAX], *msg;
	size_t		 tlen = strlen(s->trusted);
	int		 r;

	crypto_generichash(hash, sizeof hash, buf, len, NULL, 0);
	if (crypto_sign_verify_detached(s->sig, hash, sizeof hash, pk->pk)
	    != 0) {
		xasprintf(why, "the file does not match its signature");
		return -1;
	}
	msg = xmalloc(crypto_sign_BYTES + tlen);
	memcpy(msg, s->sig, crypto_sign_BYTES);
	memcpy(msg + crypto_sign_BYTES, s->trusted, tlen);
	r = crypto_sign_verify_detached(s->global, msg,
	    crypto_sign_BYTES + tlen, pk->pk);
	free(msg);
	if (r != 0) {
		xasprintf(why, "the trusted comment was changed");
		return -1;
	}
	return 0;
}

/* Which key to check with; the state if there is none to use. */
static int
sign_pick_key(const struct sign_sig *s, const struct sign_pubkey *given,
    struct sign_info *info, bool *pinned)
{
	struct sign_pubkey	 pk;
	char			*carried, *cause = NULL;
	int			 found = 0;

	*pinned = false;
	if (info->author != NULL &&
	    (found = sign_pin_find(info->author, &pk, &cause)) == 1) {
		*pinned = true;
		if (memcmp(pk.keynum, s->keynum, SIGN_KEYNUM) != 0) {
			sign_keyid(pk.keynum, info->pinned);
			return SIGN_OTHER_KEY;
		}
	} else if (found == -1) {
		info->why = cause;
		return SIGN_BROKEN;
	} else if (given != NULL) {
		pk = *given;
		*pinned = true;
	} else if ((carried = sign_comment_field(s->trusted, "key")) != NULL) {
		found = sign_pubkey_parse(carried, &pk, NULL);
		free(carried);
		if (found != 0) {
			info->why = xstrdup("the key in it is not a key");
			return SIGN_BROKEN;
		}
	} else
		return SIGN_NO_KEY;
	if (memcmp(pk.keynum, s->keynum, SIGN_KEYNUM) != 0) {
		if (given != NULL && *pinned) {
			sign_keyid(pk.keynum, info->pinned);
			return SIGN_OTHER_KEY;
		}
		info->why = xstrdup("made by another key than the one in it");
		return SIGN_BROKEN;
	}
	info->key = pk;
	info->has_key = true;
	return -1;
}

/* Whether the expiry date (YYYY-MM-DD) is before the local day of now. */
static int
sign_expired(const char *expires, time_t now)
{
	struct tm	tm;
	char		day[11];

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(day, sizeof day, "%Y-%m-%d", &tm) == 0)
		return 0;
	return strcmp(expires, day) < 0;
}

/* Check a buffer against the text of its signature. */
void
sign_check_buffer(const void *buf, size_t len, const char *text,
    const struct sign_pubkey *given, time_t now, struct sign_info *info)
{
	struct sign_sig	s;
	bool		pinned;
	int		state;

	memset(info, 0, sizeof *info);
	if (text == NULL) {
		info->state = SIGN_UNSIGNED;
		return;
	}
	if (sodium_init() < 0 || sign_sig_parse(text, &s, &info->why) != 0) {
		info->state = SIGN_BROKEN;
		if (info->why == NULL)
			info->why = xstrdup(sign_unavailable());
		return;
	}
	sign_keyid(s.keynum, info->keyid);
	sign_info_fields(info, s.trusted);
	if ((state = sign_pick_key(&s, given, info, &pinned)) != -1)
		info->state = state;
	else if (sign_sig_verify(&s, buf, len, &info->key, &info->why) != 0)
		info->state = SIGN_CHANGED;
	else if (info->expires != NULL && sign_expired(info->expires, now))
		info->state = SIGN_EXPIRED;
	else
		info->state = pinned ? SIGN_VERIFIED : SIGN_NEW_KEY;
	free(s.trusted);
}

#else /* !HAVE_SODIUM */

bool
sign_available(void)
{
	return false;
}

const char *
sign_unavailable(void)
{
	return "unknot was built without signing (configure "
	    "--enable-signing needs libsodium; Debian: libsodium-dev)";
}

/* What every function that needs libsodium says without it. */
static int
sign_none(char **cause)
{
	if (cause != NULL)
		*cause = xstrdup(sign_unavailable());
	return -1;
}

int
sign_keygen(struct sign_key *k, struct sign_pubkey *pk, char **cause)
{
	return sign_none(cause);
}

int
sign_key_encrypt(struct sign_key *k, const char *pw, char **cause)
{
	return sign_none(cause);
}

int
sign_key_decrypt(struct sign_key *k, const char *pw, char **cause)
{
	return sign_none(cause);
}

char *
sign_key_text(const struct sign_key *k)
{
	return xstrdup("");
}

int
sign_key_parse(const char *text, struct sign_key *k, char **cause)
{
	return sign_none(cause);
}

void
sign_key_public(const struct sign_key *k, struct sign_pubkey *pk)
{
	memset(pk, 0, sizeof *pk);
}

void
sign_key_wipe(struct sign_key *k)
{
	memset(k, 0, sizeof *k);
}

char *
sign_pubkey_base64(const struct sign_pubkey *pk)
{
	return xstrdup("");
}

char *
sign_pubkey_text(const struct sign_pubkey *pk, const char *comment)
{
	return xstrdup("");
}

int
sign_pubkey_parse(const char *text, struct sign_pubkey *pk, char **cause)
{
	return sign_none(cause);
}

int
sign_buffer(const void *buf, size_t len, const struct sign_key *k,
    const char *trusted, char **out, char **cause)
{
	return sign_none(cause);
}

void
sign_check_buffer(const void *buf, size_t len, const char *text,
    const struct sign_pubkey *given, time_t now, struct sign_info *info)
{
	memset(info, 0, sizeof *info);
	info->state = text == NULL ? SIGN_UNSIGNED : SIGN_UNSUPPORTED;
}

#endif /* HAVE_SODIUM */
