/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_sign.h: what keygen, sign, verify and import share. */
#ifndef UNKNOT_CMD_SIGN_H
#define UNKNOT_CMD_SIGN_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "sign.h"

/* The default key files: $XDG_DATA_HOME/unknot/signing.key and .pub. */
char	*cmd_sign_key_path(const char *ext);
/* A password: a line from the file descriptor in UNKNOT_PASSWORD_FD, or
 * asked on the terminal without echo (twice if confirm). NULL with *cause. */
char	*cmd_sign_password(const char *prompt, bool confirm, char **cause);
/* Forget a password. */
void	 cmd_sign_password_free(char *);
/* Write path whole through a temporary file beside it with the given
 * mode; an existing file is replaced only if replace is set. */
int	 cmd_sign_install(const char *path, const void *buf, size_t len,
	     mode_t mode, bool replace, char **cause);
/* A public key from a file name or minisign's base64 line (-p). */
int	 cmd_sign_pubkey(const char *arg, struct sign_pubkey *, char **cause);
/* -1 to go on if signing is available, else the exit status (said). */
int	 cmd_sign_ready(void);
/* Print what a signature says, one field a line, sanitised. */
void	 cmd_sign_print(FILE *, const struct sign_info *);
/* Say plainly what is wrong with a signature that is not acceptable. */
void	 cmd_sign_refuse(const char *file, const struct sign_info *);

#endif
