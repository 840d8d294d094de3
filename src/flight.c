// SPDX-License-Identifier: GPL-2.0
/*
 * flight.c - a byte ring of records: each entry is a u32 length, a u32
 * spare, then the record, padded to 8 bytes.  An entry never wraps: when
 * the end of the buffer is too short, a zero-length entry marks the rest
 * of it unused and the next entry starts at 0.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flight.h"

#define ENTRY_HDR 8u
#define ALIGN8(n) (((n) + 7u) & ~(size_t)7u)

struct flight {
	unsigned char *buf;
	size_t cap;		/* bytes of buf, a multiple of 8 */
	size_t head;		/* where the next entry goes */
	size_t tail;		/* the oldest entry */
	size_t n;		/* records kept */
	uint64_t dropped;	/* records dropped to make room, or too big */
};

struct flight *flight__new(size_t cap)
{
	struct flight *f = calloc(1, sizeof(*f));

	cap &= ~(size_t)7u;
	if (!f || cap < 64)
		goto out_free;
	f->buf = malloc(cap);
	if (!f->buf)
		goto out_free;
	f->cap = cap;
	return f;

out_free:
	free(f);
	return NULL;
}

static uint32_t entry_len(const struct flight *f, size_t at)
{
	uint32_t len;

	memcpy(&len, f->buf + at, sizeof(len));
	return len;
}

/* The entry after the one at @at (past a wrap marker: 0). */
static size_t next_entry(const struct flight *f, size_t at)
{
	uint32_t len = entry_len(f, at);

	at = len ? at + ENTRY_HDR + ALIGN8(len) : f->cap;
	return at == f->cap ? 0 : at;
}

/* Drop the oldest record (after a wrap marker, the one at 0). */
static void drop_oldest(struct flight *f)
{
	if (!entry_len(f, f->tail))
		f->tail = 0;
	f->tail = next_entry(f, f->tail);
	f->n--;
	f->dropped++;
}

/*
 * Make room for need bytes at head.  Entries fill [tail, head) around the
 * ring; with head past tail the room is the end of the buffer (or, once a
 * wrap marker is written there, the start up to tail); with head before
 * tail it is [head, tail).
 */
static void make_room(struct flight *f, size_t need)
{
	for (;;) {
		if (!f->n) {
			f->head = f->tail = 0;
			return;
		}
		if (f->head > f->tail) {
			if (f->cap - f->head >= need)
				return;
			/* a wrap marker; then head == tail (full) if tail is 0 */
			memset(f->buf + f->head, 0, sizeof(uint32_t));
			f->head = 0;
		} else {	/* head < tail, or == tail: full */
			if (f->tail - f->head >= need)
				return;
			drop_oldest(f);
		}
	}
}

void flight__add(struct flight *f, const void *rec, size_t len)
{
	size_t need = ENTRY_HDR + ALIGN8(len);
	uint32_t l = (uint32_t)len;

	if (!len || need > f->cap / 2) {
		f->dropped++;
		return;
	}
	make_room(f, need);
	memcpy(f->buf + f->head, &l, sizeof(l));
	memset(f->buf + f->head + 4, 0, 4);
	memcpy(f->buf + f->head + ENTRY_HDR, rec, len);
	/* padding bytes too: a trace file may copy them */
	memset(f->buf + f->head + ENTRY_HDR + len, 0, ALIGN8(len) - len);
	f->head += need;
	if (f->head == f->cap)
		f->head = 0;
	f->n++;
}

size_t flight__records(const struct flight *f)
{
	return f->n;
}

uint64_t flight__dropped(const struct flight *f)
{
	return f->dropped;
}

int flight__each(const struct flight *f, int (*cb)(void *ctx, const void *rec, size_t len),
		 void *ctx)
{
	size_t at = f->tail;

	for (size_t left = f->n; left; left--) {
		int err;

		if (!entry_len(f, at))
			at = 0;
		err = cb(ctx, f->buf + at + ENTRY_HDR, entry_len(f, at));
		if (err)
			return err;
		at = next_entry(f, at);
	}
	return 0;
}

struct write_ctx {
	uint64_t clone_id;
	const char *path;
	const struct trace_meta *m;
	struct trace_writer *w;
	int written;
};

static int write_one(void *ctx, const void *rec, size_t len)
{
	struct write_ctx *x = ctx;
	uint64_t id, ts;
	int err;

	if (decode_header(rec, len, &id, &ts) || id != x->clone_id)
		return 0;
	if (!x->w) {
		x->w = trace_writer__open(x->path, x->m, &err);
		if (!x->w)
			return err;
	}
	err = trace_writer__add(x->w, rec, len);
	if (!err)
		x->written++;
	return err;
}

int flight__write(const struct flight *f, uint64_t clone_id, const char *path,
		  const struct trace_meta *m, const struct trace_counts *c)
{
	struct write_ctx x = { .clone_id = clone_id, .path = path, .m = m };
	int err = flight__each(f, write_one, &x);

	if (!x.w)
		return err;
	if (err) {
		trace_writer__close(x.w, c);
		unlink(path);
		return err;
	}
	err = trace_writer__close(x.w, c);
	if (err)
		unlink(path);
	return err ? err : x.written;
}

void flight__free(struct flight *f)
{
	if (!f)
		return;
	free(f->buf);
	free(f);
}
