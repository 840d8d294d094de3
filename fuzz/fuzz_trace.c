// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_trace.c - libFuzzer target: any bytes as a trace file.
 *
 * Built by `make fuzz` with FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION, so the
 * reader ignores CRCs and the record ABI and mutated inputs reach the
 * parsers behind them.  Mutating compressed bytes seldom yields a valid
 * zlib stream, so an input that starts with STREAM_MARK is instead the
 * inside of one block: u16 record count, then the uncompressed record
 * stream (u32 len, bytes ...), which this target compresses and wraps in a
 * whole file.  Besides ASan/UBSan, it checks the reader's contract:
 * a failure always carries an -errno and a one-line message, strings are
 * NUL-terminated, records are 1..TRACE_REC_MAX bytes, and each record goes
 * on to the decoder as a replay would send it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "decode.h"
#include "trace_file.h"

#define must(cond)                                                             \
	do {                                                                   \
		if (!(cond))                                                   \
			__builtin_trap();                                      \
	} while (0)

static void check_error(const struct trace_error *e)
{
	must(e->err < 0);
	must(memchr(e->msg, '\0', sizeof(e->msg)));
	must(e->msg[0] && !strchr(e->msg, '\n'));
	must(strstr(e->msg, ": byte "));
}

static void check_meta(const struct trace_meta *m)
{
	must(memchr(m->release, '\0', sizeof(m->release)));
	must(memchr(m->machine, '\0', sizeof(m->machine)));
	must(memchr(m->backend, '\0', sizeof(m->backend)));
	must(memchr(m->obs_text, '\0', sizeof(m->obs_text)));
	must(memchr(m->profile, '\0', sizeof(m->profile)));
	must(memchr(m->workload, '\0', sizeof(m->workload)));
	must(m->abi.n_types <= TRACE_ABI_TYPES);
}

#define STREAM_MARK 0xb1	/* first byte of a block-inside input */

static uint8_t *head;		/* preamble + META of a real trace */
static size_t head_len;

static void le32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static void le64(uint8_t *p, uint64_t v)
{
	le32(p, (uint32_t)v);
	le32(p + 4, (uint32_t)(v >> 32));
}

/* Section header for a payload at p + 16 of len bytes. */
static void section(uint8_t *p, uint32_t type, uint32_t len)
{
	le32(p, type);
	le32(p + 4, len);
	le32(p + 8, crc32(0, p + 16, len));
	le32(p + 12, crc32(0, p, 12));
}

/* Keep the head of a trace this build writes, for wrapping record streams. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[] = "/tmp/fuzz_trace-XXXXXX";
	struct trace_counts c = { 0 };
	struct trace_meta m = { 0 };
	struct trace_writer *w;
	int fd, err = 0;
	FILE *f;

	(void)argc;
	(void)argv;
	fd = mkstemp(path);
	must(fd >= 0);
	close(fd);
	strcpy(m.release, "6.18.44-fuzz");
	strcpy(m.machine, "x86_64");
	strcpy(m.profile, "6.18/x86_64");
	w = trace_writer__open(path, &m, &err);
	must(w && trace_writer__close(w, &c) == 0);
	head = malloc(TRACE_META_MAX + 32);
	f = fopen(path, "rb");
	must(head && f);
	head_len = fread(head, 1, TRACE_META_MAX + 32, f);
	fclose(f);
	unlink(path);
	/* preamble, then META: its length is at 16 + 4 */
	must(head_len > 32);
	head_len = 32 + (head[20] | head[21] << 8 | (uint32_t)head[22] << 16);
	return 0;
}

static void read_trace(const uint8_t *data, size_t size);

/* data: u16 nrec, record stream.  Wrap it in one block of a whole file. */
static void read_stream(const uint8_t *data, size_t size)
{
	size_t ulen = size - 2, tlen = 48 + 8 * OBS__COUNT;
	uLong zlen = compressBound(ulen);
	uint32_t nrec = data[0] | data[1] << 8;
	uint8_t *p, *b, *t;

	p = malloc(head_len + 16 + 12 + zlen + 16 + tlen);
	must(p);
	memcpy(p, head, head_len);
	b = p + head_len;
	must(compress2(b + 28, &zlen, data + 2, ulen, 1) == Z_OK);
	le32(b + 16, nrec);
	le32(b + 20, ulen);
	le32(b + 24, crc32(0, data + 2, ulen));
	section(b, TRACE_SEC_BLOCK, 12 + zlen);
	t = b + 28 + zlen;
	memset(t, 0, 16 + tlen);
	le64(t + 16, nrec);	/* records */
	le64(t + 24, 1);	/* blocks */
	le32(t + 16 + 40, OBS__COUNT);
	section(t, TRACE_SEC_TRAILER, tlen);
	read_trace(p, t + 16 + tlen - p);
	free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 3 && data[0] == STREAM_MARK && size - 3 <= TRACE_BLOCK_MAX)
		read_stream(data + 1, size - 1);
	else
		read_trace(data, size);
	return 0;
}

static void read_trace(const uint8_t *data, size_t size)
{
	struct trace_counts c;
	struct trace_error e;
	struct trace_meta m;
	struct trace_reader *r;
	const void *rec;
	size_t len;
	struct obs o;
	int ret;

	r = trace_reader__open_mem(data, size, &m, &e);
	if (!r) {
		check_error(&e);
		return;
	}
	check_meta(&m);
	while ((ret = trace_reader__next(r, &rec, &len)) == 1) {
		must(len >= 1 && len <= TRACE_REC_MAX);
		must((uintptr_t)rec % 8 == 0);
		decode_record(rec, len, &o);
	}
	if (ret == 0) {
		must(trace_reader__counts(r, &c) == 0);
		must(trace_reader__error(r)->err == 0);
	} else {
		must(trace_reader__counts(r, &c) == -EAGAIN);
		must(trace_reader__error(r)->err == ret);
		check_error(trace_reader__error(r));
		must(trace_reader__next(r, &rec, &len) == ret);	/* sticky */
	}
	trace_reader__close(r);
}
