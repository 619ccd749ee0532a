/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stdin-fuzzer.c: libFuzzer target for the plain front end's input side:
 * the bytes read from stdin, in reads of any size, buffered, split into
 * lines, overlong lines dropped, a partial last line taken at the end of
 * input. The first byte says how the rest arrives (read sizes, reads that
 * find nothing, an error at the end). Aborts unless every line gives what
 * plain_parse() makes of it, in order, or one notice, and the end of input
 * comes after the last of them. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plain.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define STDIN_FUZZER_TOO_LONG	"input line too long"

/* The reads the front end is given: the bytes, how they come. */
struct stdin_fuzzer_feed {
	const char	*data;
	size_t		 size, off;
	unsigned	 how;		/* the first byte of the input */
	unsigned	 reads;
	int		 waited;	/* said "nothing yet" since the last */
	int		 ended;
};

/* What the lines should give, worked out from the whole input at once. */
struct stdin_fuzzer_want {
	struct fe_input	*in;
	size_t		 n_in;
	const char	**notice;
	size_t		 n_notice;
};

/* One read: a size from a table the input picks its way through, now and
 * then nothing yet, then the end (or an error). */
static ssize_t
stdin_fuzzer_read(void *arg, void *buf, size_t n)
{
	static const size_t		 sizes[] = {
		1, 256, 3, 64, 2, 255, 7, 128
	};
	struct stdin_fuzzer_feed	*f = arg;
	size_t				 want;

	if (f->ended || n == 0 || n > PLAIN_MAX_LINE)
		abort();
	if ((f->how & 0x08) && !f->waited) {
		f->waited = 1;
		errno = (f->how & 0x10) ? EINTR : EAGAIN;
		return -1;
	}
	f->waited = 0;
	if (f->off == f->size) {
		f->ended = 1;
		if (f->how & 0x20) {
			errno = EIO;
			return -1;
		}
		return 0;
	}
	want = sizes[(f->how + f->reads++) % (sizeof sizes / sizeof *sizes)];
	if (want > n)
		want = n;
	if (want > f->size - f->off)
		want = f->size - f->off;
	memcpy(buf, f->data + f->off, want);
	f->off += want;
	return (ssize_t)want;
}

/* What one line should give. */
static void
stdin_fuzzer_line(struct stdin_fuzzer_want *w, const char *line, size_t len)
{
	const char	*error;
	struct fe_input	 in;

	if (len >= PLAIN_MAX_LINE) {
		w->notice[w->n_notice++] = STDIN_FUZZER_TOO_LONG;
		return;
	}
	in = plain_parse(line, len, &error);
	if (error != NULL)
		w->notice[w->n_notice++] = error;
	else
		w->in[w->n_in++] = in;
}

/* Split the whole input at its newlines, the last line with or without
 * one, into what each line should give. */
static void
stdin_fuzzer_expect(struct stdin_fuzzer_want *w, const char *data,
    size_t size)
{
	const char	*nl;
	size_t		 off = 0;

	w->in = calloc(size + 1, sizeof *w->in);
	w->notice = calloc(size + 1, sizeof *w->notice);
	if (w->in == NULL || w->notice == NULL)
		abort();
	while (off < size) {
		nl = memchr(data + off, '\n', size - off);
		if (nl == NULL) {
			stdin_fuzzer_line(w, data + off, size - off);
			break;
		}
		stdin_fuzzer_line(w, data + off, (size_t)(nl - data) - off);
		off = (size_t)(nl - data) + 1;
	}
}

/* Abort unless two inputs are the same. */
static void
stdin_fuzzer_same(const struct fe_input *got, const struct fe_input *want)
{
	if (got->kind != want->kind)
		abort();
	if (got->kind == FE_SESSION && (got->input != want->input ||
	    (got->input == SI_RATING && got->value != want->value)))
		abort();
}

/* Abort unless what was printed is the notices wanted, one line each. */
static void
stdin_fuzzer_notices(const char *out, size_t len,
    const struct stdin_fuzzer_want *w)
{
	static const char	 prefix[] = "[00:00] notice: ";
	const char		*nl;
	size_t			 i, off = 0;

	for (i = 0; i < w->n_notice; i++) {
		nl = memchr(out + off, '\n', len - off);
		if (nl == NULL ||
		    strncmp(out + off, prefix, sizeof prefix - 1) != 0)
			abort();
		off += sizeof prefix - 1;
		if ((size_t)(nl - out) - off != strlen(w->notice[i]) ||
		    memcmp(out + off, w->notice[i], strlen(w->notice[i])) != 0)
			abort();
		off = (size_t)(nl - out) + 1;
	}
	if (off != len)
		abort();
}

/* Read everything the way the run loop does, until the end of input, and
 * compare with what each line should give. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stdin_fuzzer_feed	 f = { 0 };
	struct stdin_fuzzer_want	 w = { 0 };
	struct frontend			 fe = { 0 };
	struct fe_input			 in;
	size_t				 n_in = 0, calls = 0, len = 0;
	char				*out = NULL;
	FILE				*fp;

	if (size == 0)
		return 0;
	f.how = data[0];
	f.data = (const char *)data + 1;
	f.size = size - 1;
	stdin_fuzzer_expect(&w, f.data, f.size);
	if ((fp = open_memstream(&out, &len)) == NULL)
		abort();
	plain_open_reader(&fe, fp, stdin_fuzzer_read, &f);
	while ((in = fe.ops->read(&fe)).kind != FE_EOF) {
		/* Every call reads at least a byte or says why not. */
		if (++calls > 4 * size + 16)
			abort();
		if (in.kind == FE_NONE)
			continue;
		if (n_in == w.n_in)
			abort();
		stdin_fuzzer_same(&in, &w.in[n_in++]);
	}
	if (n_in != w.n_in || !f.ended)
		abort();
	if (fe.ops->read(&fe).kind != FE_EOF)
		abort();
	fe.ops->close(&fe);
	fclose(fp);
	stdin_fuzzer_notices(out, len, &w);
	free(out);
	free(w.in);
	free(w.notice);
	return 0;
}
