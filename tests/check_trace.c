// SPDX-License-Identifier: GPL-2.0
/*
 * check_trace.c - trace files: round trips, and every class of bad file.
 *
 * Bad files are made by surgery on files the writer produced: the helpers
 * below walk the sections as trace_file.h documents them and fix up CRCs,
 * so each test damages exactly one thing.  The golden files in
 * tests/corpus/ (also the fuzzer's seeds) are checked here too;
 * CLONECHECK_UPDATE_CORPUS=1 rewrites them first.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/types.h>
#include <zlib.h>

#include "decode.h"
#include "tests.h"
#include "trace_file.h"
#include "../bpf/events.h"

#define PREAMBLE 16
#define SEC_HDR 16

/* ------------------------------------------------------------ helpers */

struct bytes {
	uint8_t *p;		/* data */
	size_t n;		/* bytes used */
};

struct sec {
	size_t off;		/* section header offset */
	uint32_t type;		/* enum trace_section */
	uint32_t len;		/* payload bytes */
};

static void le32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint32_t crc(const void *p, size_t n)
{
	return crc32(crc32(0, Z_NULL, 0), p, n);
}

static void fix_preamble(struct bytes *b)
{
	le32(b->p + 12, crc(b->p, 12));
}

/* Recompute a section's payload CRC and header CRC. */
static void fix_section(struct bytes *b, size_t off)
{
	le32(b->p + off + 8, crc(b->p + off + SEC_HDR, rd32(b->p + off + 4)));
	le32(b->p + off + 12, crc(b->p + off, 12));
}

/* Walk the sections of a well-formed file; returns how many. */
static int walk(const struct bytes *b, struct sec *s, int max)
{
	size_t off = PREAMBLE;
	int n = 0;

	while (off + SEC_HDR <= b->n && n < max) {
		s[n].off = off;
		s[n].type = rd32(b->p + off);
		s[n].len = rd32(b->p + off + 4);
		off += SEC_HDR + s[n].len;
		n++;
	}
	ck_assert_msg(off == b->n, "walk: sections end at %zu, file at %zu", off, b->n);
	return n;
}

static void splice(struct bytes *b, size_t at, size_t del, const void *ins, size_t n)
{
	uint8_t *p = malloc(b->n - del + n);

	ck_assert_ptr_nonnull(p);
	memcpy(p, b->p, at);
	if (n)
		memcpy(p + at, ins, n);
	memcpy(p + at + n, b->p + at + del, b->n - at - del);
	free(b->p);
	b->p = p;
	b->n = b->n - del + n;
}

/* A whole section (header with CRCs, then payload). */
static struct bytes make_section(uint32_t type, const void *payload, size_t n)
{
	struct bytes s = { malloc(SEC_HDR + n), SEC_HDR + n };

	ck_assert_ptr_nonnull(s.p);
	le32(s.p, type);
	le32(s.p + 4, n);
	memcpy(s.p + SEC_HDR, payload, n);
	fix_section(&s, 0);
	return s;
}

/* A BLOCK section over raw uncompressed bytes, claiming nrec records. */
static struct bytes make_block(uint32_t nrec, const void *u, size_t ulen)
{
	uLong zlen = compressBound(ulen);
	uint8_t *p = malloc(12 + zlen);
	struct bytes s;

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(compress2(p + 12, &zlen, u, ulen, 6), Z_OK);
	le32(p, nrec);
	le32(p + 4, ulen);
	le32(p + 8, crc(u, ulen));
	s = make_section(TRACE_SEC_BLOCK, p, 12 + zlen);
	free(p);
	return s;
}

static struct bytes slurp(const char *path)
{
	struct bytes b = { NULL, 0 };
	struct stat st;
	FILE *f = fopen(path, "rb");

	ck_assert_msg(f != NULL, "open %s: %s", path, strerror(errno));
	ck_assert_int_eq(fstat(fileno(f), &st), 0);
	b.n = st.st_size;
	b.p = malloc(b.n + 1);
	ck_assert_ptr_nonnull(b.p);
	ck_assert_uint_eq(fread(b.p, 1, b.n, f), b.n);
	fclose(f);
	return b;
}

static void spit(const char *path, const struct bytes *b)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "create %s: %s", path, strerror(errno));
	ck_assert_uint_eq(fwrite(b->p, 1, b->n, f), b->n);
	ck_assert_int_eq(fclose(f), 0);
}

static char tmpdir[64];

static void tmp_setup(void)
{
	strcpy(tmpdir, "/tmp/cc-trace-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void tmp_teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd))
		fprintf(stderr, "check_trace: cannot remove %s\n", tmpdir);
}

static const char *tmp(const char *name)
{
	static char path[2][128];
	static int i;

	i ^= 1;
	snprintf(path[i], sizeof(path[i]), "%s/%s", tmpdir, name);
	return path[i];
}

static void fill_meta(struct trace_meta *m)
{
	memset(m, 0, sizeof(*m));
	strcpy(m->release, "6.18.44-fc-v657");
	strcpy(m->machine, "x86_64");
	strcpy(m->backend, "tracepoint (tp_btf + syscall tracepoints)");
	m->obs_mask = (1u << OBS__COUNT) - 1;
	strcpy(m->obs_text, "sys_enter task_newtask sched_process_fork sched_wakeup_new "
			    "sys_exit child_sys_exit");
	m->btf_size = 5u << 20;
	m->btf_crc32 = 0xdeadbeef;
	strcpy(m->profile, "6.18/x86_64");
	strcpy(m->workload, "built-in (this process's clones)");
}

static void fill_counts(struct trace_counts *c)
{
	int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < OBS__COUNT; i++)
		c->lost[i] = 100 + i;
	c->lost_total = 615;
	c->undecodable = 3;
	c->untracked = 5;
	c->records = 999999;	/* ignored: the writer counts */
}

/*
 * The record streams of the tests.  RANDOM and SPARSE do not depend on
 * bpf/events.h, so the golden files' contents stay valid when it changes.
 */
enum stream {
	RANDOM,		/* 1..700 random bytes, every 97th TRACE_REC_MAX */
	SPARSE,		/* 500 bytes, mostly zero: compresses ~100:1 */
	REAL,		/* sys_enter .. child_ret records, decodable */
	ANY,		/* drain() only: do not compare contents */
};

/* Record i of a test stream: deterministic length and bytes. */
static size_t rec_make(unsigned int i, uint8_t *buf, enum stream st)
{
	size_t len, j;
	uint32_t x = i * 2654435761u + 1;

	if (st == SPARSE) {
		memset(buf, 0, 500);
		memcpy(buf, &i, sizeof(i));
		buf[100] = i * 7;
		return 500;
	}
	if (st == REAL) {
		/* one clone's records in turn, mostly zeros as BPF's are */
		static const __u32 types[] = { REC_SYS_ENTER, REC_NEWTASK, REC_FORK,
					       REC_WAKEUP, REC_SYS_EXIT, REC_CHILD_RET };
		struct rec_sys_enter *e = (void *)buf;
		struct rec_task_point *tp = (void *)buf;
		struct rec_ret *ret = (void *)buf;
		struct rec_hdr h = { .type = types[i % 6], .ts_ns = 1000ull * i,
				     .clone_id = i / 6 };

		switch (h.type) {
		case REC_SYS_ENTER:
			memset(e, 0, sizeof(*e));
			h.size = sizeof(*e);
			e->entry = REC_ENTRY_CLONE;
			e->parent.pid = 4242;
			break;
		case REC_SYS_EXIT:
		case REC_CHILD_RET:
			memset(ret, 0, sizeof(*ret));
			h.size = sizeof(*ret);
			ret->entry = REC_ENTRY_CLONE;
			ret->ret = h.type == REC_SYS_EXIT ? 4243 : 0;
			break;
		default:
			memset(tp, 0, sizeof(*tp));
			h.size = sizeof(*tp);
			tp->entry = REC_ENTRY_CLONE;
			tp->child.pid = 4243;
			break;
		}
		memcpy(buf, &h, sizeof(h));
		return h.size;
	}
	len = 1 + (i * 37u) % 700;
	if (i % 97 == 13)
		len = TRACE_REC_MAX;
	for (j = 0; j < len; j++) {
		x = x * 1103515245u + 12345;
		buf[j] = x >> 16;
	}
	return len;
}

static void write_trace(const char *path, unsigned int n, enum stream st)
{
	static uint8_t buf[TRACE_REC_MAX];
	struct trace_counts c;
	struct trace_meta m;
	struct trace_writer *w;
	unsigned int i;
	int err = 0;

	fill_meta(&m);
	fill_counts(&c);
	w = trace_writer__open(path, &m, &err);
	ck_assert_msg(w != NULL, "trace_writer__open: %d", err);
	for (i = 0; i < n; i++) {
		size_t len = rec_make(i, buf, st);

		ck_assert_int_eq(trace_writer__add(w, buf, len), 0);
	}
	ck_assert_int_eq(trace_writer__close(w, &c), 0);
}

static struct bytes trace_bytes(unsigned int n, enum stream st)
{
	write_trace(tmp("t.cct"), n, st);
	return slurp(tmp("t.cct"));
}

/*
 * Read everything from a reader; returns next()'s final value (0 or
 * -errno) and checks that every record delivered is the one written.
 */
static const struct decode_layout *drain_layout; /* REAL records' layout, if not ours */

static int drain(struct trace_reader *r, unsigned int *nrec, enum stream st)
{
	static uint8_t want[TRACE_REC_MAX], now[TRACE_REC_MAX];
	const void *rec;
	size_t len;
	int ret;

	*nrec = 0;
	while ((ret = trace_reader__next(r, &rec, &len)) == 1) {
		if (st == REAL && drain_layout) {
			/* records of an older or newer layout, compared in ours */
			int n = decode_rebuild(drain_layout, rec, len, now, sizeof(now));

			ck_assert_msg(n > 0, "record %u: cannot rebuild (%d)", *nrec, n);
			rec = now;
			len = n;
		}
		if (st != ANY) {
			size_t wlen = rec_make(*nrec, want, st);

			ck_assert_msg(len == wlen, "record %u: length %zu, written %zu", *nrec,
				      len, wlen);
			ck_assert_msg(!memcmp(rec, want, len), "record %u: bytes differ", *nrec);
		}
		ck_assert_msg((uintptr_t)rec % 8 == 0, "record %u: not 8-byte aligned", *nrec);
		(*nrec)++;
	}
	return ret;
}

/*
 * Read a file image to its end: 0 when whole, else the -errno, with the
 * message checked to be one line naming the byte.
 */
static int read_all(const struct bytes *b, unsigned int *nrec, enum stream st)
{
	struct trace_error e;
	struct trace_meta m;
	struct trace_reader *r;
	unsigned int dummy;
	int ret;

	if (!nrec)
		nrec = &dummy;
	*nrec = 0;
	r = trace_reader__open_mem(b->p, b->n, &m, &e);
	if (!r) {
		ck_assert_int_lt(e.err, 0);
		ck_assert_msg(!strncmp(e.msg, "<memory>: byte ", 15), "open message: %s", e.msg);
		ck_assert_ptr_null(strchr(e.msg, '\n'));
		return e.err;
	}
	drain_layout = &m.layout;
	ret = drain(r, nrec, st);
	drain_layout = NULL;
	if (ret < 0) {
		const struct trace_error *re = trace_reader__error(r);

		ck_assert_int_eq(re->err, ret);
		ck_assert_msg(!strncmp(re->msg, "<memory>: byte ", 15), "message: %s", re->msg);
		ck_assert_ptr_null(strchr(re->msg, '\n'));
		/* sticky */
		ck_assert_int_eq(trace_reader__next(r, &(const void *){ NULL }, &(size_t){ 0 }), ret);
	}
	trace_reader__close(r);
	return ret;
}

/* Read a file image through a pipe: the reader cannot know its size. */
static int read_pipe(const struct bytes *b, unsigned int *nrec, enum stream st)
{
	struct trace_error e;
	struct trace_meta m;
	struct trace_reader *r;
	char path[64];
	int fd[2], ret, status;
	pid_t pid;

	ck_assert_int_eq(pipe(fd), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		close(fd[0]);
		_exit(write(fd[1], b->p, b->n) == (ssize_t)b->n ? 0 : 1);
	}
	close(fd[1]);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd[0]);
	r = trace_reader__open(path, &m, &e);
	*nrec = 0;
	ret = r ? drain(r, nrec, st) : e.err;
	trace_reader__close(r);
	close(fd[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return ret;
}

static const char *last_msg(const struct bytes *b)
{
	static struct trace_error e;
	struct trace_meta m;
	struct trace_reader *r;
	const void *rec;
	size_t len;

	r = trace_reader__open_mem(b->p, b->n, &m, &e);
	if (!r)
		return e.msg;
	while (trace_reader__next(r, &rec, &len) == 1)
		;
	e = *trace_reader__error(r);
	trace_reader__close(r);
	return e.msg;
}

/* The bad files, one damage each; shared by the tests and the corpus. */
static void mut_magic(struct bytes *b)
{
	b->p[0] = 'X';
}

static void mut_major(struct bytes *b)
{
	b->p[8] = 2;
	fix_preamble(b);
}

/* A byte of the first block's compressed data. */
static void mut_crc(struct bytes *b)
{
	struct sec s[4];

	ck_assert_int_ge(walk(b, s, 4), 3);
	b->p[s[1].off + SEC_HDR + s[1].len - 1] ^= 0x10;
}

/* The first block's section claims 4 GiB, with a valid header CRC. */
static void mut_huge(struct bytes *b)
{
	struct sec s[4];

	ck_assert_int_ge(walk(b, s, 4), 3);
	le32(b->p + s[1].off + 4, 0xfffffff0u);
	le32(b->p + s[1].off + 12, crc(b->p + s[1].off, 12));
}

/* Cut in the middle of the first block. */
static void mut_cut(struct bytes *b)
{
	struct sec s[4];

	ck_assert_int_ge(walk(b, s, 4), 3);
	b->n = s[1].off + SEC_HDR + s[1].len / 2;
}

/* Offset of a META tag's TLV (its value is 4 bytes further). */
static size_t tag_off(const struct bytes *b, unsigned int tag)
{
	struct sec s[4];
	size_t off;

	ck_assert_int_ge(walk(b, s, 4), 2);
	for (off = s[0].off + SEC_HDR; rd32(b->p + off) % 65536 != tag;
	     off += 4 + (rd32(b->p + off) >> 16))
		ck_assert_uint_lt(off, s[1].off);
	return off;
}

/* Offset of the ABI tag's value in META. */
static size_t abi_off(const struct bytes *b)
{
	return tag_off(b, TRACE_TAG_ABI) + 4;
}

/* rec_sys_enter 8 bytes longer in the ABI than its parts add up to. */
static void mut_abi(struct bytes *b)
{
	size_t off = abi_off(b);

	le32(b->p + off + 12 + 4 * REC_SYS_ENTER, sizeof(struct rec_sys_enter) + 8);
	fix_section(b, PREAMBLE);
}

/* Make a 1.1 file a 1.0 one: no PARTS tag, minor 0. */
static void to_v1(struct bytes *b)
{
	size_t off = tag_off(b, TRACE_TAG_PARTS);
	uint32_t n = 4 + (rd32(b->p + off) >> 16);

	splice(b, off, n, NULL, 0);
	le32(b->p + PREAMBLE + 4, rd32(b->p + PREAMBLE + 4) - n);
	fix_section(b, PREAMBLE);
	b->p[10] = 0;
	fix_preamble(b);
}

/* --------------------------------------------------------------- Core */

START_TEST(test_trace_round_trip)
{
	struct trace_counts c, want;
	struct trace_meta m, wm;
	struct trace_abi abi;
	struct trace_error e;
	struct trace_reader *r;
	unsigned int n;
	const void *rec;
	size_t len;

	write_trace(tmp("rt.cct"), 500, RANDOM);
	r = trace_reader__open(tmp("rt.cct"), &m, &e);
	ck_assert_msg(r != NULL, "open: %s", e.msg);
	fill_meta(&wm);
	ck_assert_uint_eq(m.major, TRACE_MAJOR);
	ck_assert_uint_eq(m.minor, TRACE_MINOR);
	ck_assert_str_eq(m.release, wm.release);
	ck_assert_str_eq(m.machine, wm.machine);
	ck_assert_str_eq(m.backend, wm.backend);
	ck_assert_str_eq(m.obs_text, wm.obs_text);
	ck_assert_str_eq(m.profile, wm.profile);
	ck_assert_str_eq(m.workload, wm.workload);
	ck_assert_uint_eq(m.obs_mask, wm.obs_mask);
	ck_assert_uint_eq(m.btf_size, wm.btf_size);
	ck_assert_uint_eq(m.btf_crc32, wm.btf_crc32);
	trace_abi_current(&abi);
	ck_assert_msg(!memcmp(&m.abi, &abi, sizeof(abi)), "abi");
	ck_assert_uint_eq(m.abi.size[REC_SYS_ENTER], sizeof(struct rec_sys_enter));
	ck_assert_uint_eq(m.abi.size[REC_SYS_EXIT], sizeof(struct rec_ret));

	ck_assert_int_eq(trace_reader__counts(r, &c), -EAGAIN);
	ck_assert_int_eq(drain(r, &n, RANDOM), 0);
	ck_assert_uint_eq(n, 500);
	ck_assert_int_eq(trace_reader__next(r, &rec, &len), 0);	/* stays at end */
	ck_assert_int_eq(trace_reader__counts(r, &c), 0);
	fill_counts(&want);
	ck_assert_uint_eq(c.records, 500);
	ck_assert_msg(!memcmp(c.lost, want.lost, sizeof(c.lost)), "lost[]");
	ck_assert_uint_eq(c.lost_total, want.lost_total);
	ck_assert_uint_eq(c.undecodable, want.undecodable);
	ck_assert_uint_eq(c.untracked, want.untracked);
	ck_assert_int_eq(trace_reader__error(r)->err, 0);
	trace_reader__close(r);
}
END_TEST

START_TEST(test_trace_multi_block)
{
	struct bytes b = trace_bytes(3000, RANDOM);
	struct sec s[256];
	unsigned int n;
	int i, ns, blocks = 0;

	ns = walk(&b, s, 256);
	for (i = 0; i < ns; i++)
		blocks += s[i].type == TRACE_SEC_BLOCK;
	ck_assert_int_ge(blocks, 10);
	ck_assert_uint_eq(s[0].type, TRACE_SEC_META);
	ck_assert_uint_eq(s[ns - 1].type, TRACE_SEC_TRAILER);
	ck_assert_int_eq(read_all(&b, &n, RANDOM), 0);
	ck_assert_uint_eq(n, 3000);
	free(b.p);

	/* the file reader, too, on the same file */
	{
		struct trace_error e;
		struct trace_meta m;
		struct trace_reader *r = trace_reader__open(tmp("t.cct"), &m, &e);

		ck_assert_msg(r != NULL, "open: %s", e.msg);
		ck_assert_int_eq(drain(r, &n, RANDOM), 0);
		ck_assert_uint_eq(n, 3000);
		trace_reader__close(r);
	}
}
END_TEST

START_TEST(test_trace_empty)
{
	struct bytes b = trace_bytes(0, RANDOM);
	struct sec s[4];
	unsigned int n;

	ck_assert_int_eq(walk(&b, s, 4), 2);	/* META, TRAILER */
	ck_assert_int_eq(read_all(&b, &n, RANDOM), 0);
	ck_assert_uint_eq(n, 0);
	free(b.p);
}
END_TEST

/* What a replay does: every record read back decodes as it did live. */
START_TEST(test_trace_replay_decodes)
{
	struct trace_error e;
	struct trace_meta m;
	struct trace_reader *r;
	unsigned int n = 0;
	const void *rec;
	size_t len;
	struct obs o;

	write_trace(tmp("d.cct"), 200, REAL);
	r = trace_reader__open(tmp("d.cct"), &m, &e);
	ck_assert_msg(r != NULL, "open: %s", e.msg);
	while (trace_reader__next(r, &rec, &len) == 1) {
		ck_assert_msg(decode_record(rec, len, &o) == 0, "record %u", n);
		ck_assert_uint_eq(o.clone_id, n / 6);
		ck_assert_uint_eq(o.ts_ns, 1000ull * n);
		if (n % 6 == 0) {
			ck_assert_int_eq(o.point, OBS_SYS_ENTER);
			ck_assert_uint_eq(o.enter.parent.pid, 4242);
		}
		n++;
	}
	ck_assert_uint_eq(n, 200);
	trace_reader__close(r);
}
END_TEST

/* Every record type of bpf/events.h is part of the record ABI. */
START_TEST(test_trace_abi_complete)
{
	struct trace_abi abi;
	int t;

	trace_abi_current(&abi);
	ck_assert_uint_eq(abi.n_types, REC__MAX);
	ck_assert_uint_eq(abi.hdr_size, sizeof(struct rec_hdr));
	ck_assert_uint_eq(abi.size[0], 0);
	for (t = 1; t < REC__MAX; t++)
		ck_assert_msg(abi.size[t] >= sizeof(struct rec_hdr),
			      "record type %d has no size in trace_abi_current()", t);
}
END_TEST

START_TEST(test_trace_btf_identity)
{
	struct bytes b = { (uint8_t *)"0123456789", 10 };
	uint64_t size = 0;
	uint32_t c = 0;

	spit(tmp("btf"), &b);
	ck_assert_int_eq(trace_btf_identity(tmp("btf"), &size, &c), 0);
	ck_assert_uint_eq(size, 10);
	ck_assert_uint_eq(c, crc(b.p, 10));
	ck_assert_int_eq(trace_btf_identity(tmp("nope"), &size, &c), -ENOENT);
}
END_TEST

/* ------------------------------------------------------------- Writer */

START_TEST(test_trace_writer_limits)
{
	static uint8_t big[TRACE_REC_MAX + 1];
	struct trace_counts c;
	struct trace_meta m;
	struct trace_writer *w;
	int err = 0;

	fill_meta(&m);
	fill_counts(&c);
	w = trace_writer__open(tmp("l.cct"), &m, &err);
	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(trace_writer__add(w, big, 0), -EINVAL);
	ck_assert_int_eq(trace_writer__add(w, big, TRACE_REC_MAX + 1), -E2BIG);
	ck_assert_int_eq(trace_writer__add(w, big, TRACE_REC_MAX), 0);
	ck_assert_int_eq(trace_writer__close(w, &c), 0);
}
END_TEST

START_TEST(test_trace_writer_bad_meta)
{
	struct trace_meta m;
	int err = 0;

	fill_meta(&m);
	memset(m.workload, 'x', sizeof(m.workload));	/* no NUL */
	ck_assert_ptr_null(trace_writer__open(tmp("m.cct"), &m, &err));
	ck_assert_int_eq(err, -EINVAL);
	ck_assert_int_eq(access(tmp("m.cct"), F_OK), -1);	/* removed */
}
END_TEST

START_TEST(test_trace_unwritable)
{
	struct trace_meta m;
	int err = 0;

	fill_meta(&m);
	ck_assert_ptr_null(trace_writer__open("/nonexistent-cc/dir/t.cct", &m, &err));
	ck_assert_int_eq(err, -ENOENT);
	err = 0;
	ck_assert_ptr_null(trace_writer__open(tmpdir, &m, &err));
	ck_assert_int_eq(err, -EISDIR);
}
END_TEST

/*
 * A full disk is reported at once: the header is flushed by open (so that a
 * recording killed later has it), and each block as it is written.
 */
START_TEST(test_trace_write_error)
{
	struct trace_meta m;
	struct stat st;
	int err = 0;

	if (access("/dev/full", W_OK))
		return;
	fill_meta(&m);
	ck_assert_ptr_null(trace_writer__open("/dev/full", &m, &err));
	ck_assert_int_eq(err, -ENOSPC);
	/* a failed open removes its half-written file, never a device it was given */
	ck_assert_int_eq(stat("/dev/full", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
}
END_TEST

/* Each block is out of the writer's buffers when add returns, and flush writes a partial one. */
START_TEST(test_trace_blocks_written_as_they_fill)
{
	static uint8_t buf[TRACE_REC_MAX];
	struct trace_counts c;
	struct trace_meta m;
	struct trace_writer *w;
	struct stat st0, st1;
	int err = 0;

	fill_meta(&m);
	fill_counts(&c);
	w = trace_writer__open(tmp("blocks.cct"), &m, &err);
	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(stat(tmp("blocks.cct"), &st0), 0);
	ck_assert_int_gt(st0.st_size, 0);	/* the header is there */
	ck_assert_int_eq(trace_writer__add(w, buf, rec_make(0, buf, REAL)), 0);
	ck_assert_int_eq(trace_writer__flush(w), 0);
	ck_assert_int_eq(stat(tmp("blocks.cct"), &st1), 0);
	ck_assert_int_gt(st1.st_size, st0.st_size);	/* and the block */
	ck_assert_int_eq(trace_writer__close(w, &c), 0);
}
END_TEST

START_TEST(test_trace_open_missing)
{
	struct trace_error e;
	struct trace_meta m;

	ck_assert_ptr_null(trace_reader__open(tmp("missing.cct"), &m, &e));
	ck_assert_int_eq(e.err, -ENOENT);
	ck_assert_ptr_nonnull(strstr(e.msg, "missing.cct: byte 0: cannot open"));
	/* a directory opens, then cannot be read */
	ck_assert_ptr_null(trace_reader__open(tmpdir, &m, &e));
	ck_assert_int_eq(e.err, -EISDIR);
	ck_assert_ptr_nonnull(strstr(e.msg, "byte 0: read error"));
}
END_TEST

/* ---------------------------------------------------------------- Bad */

/* Cut anywhere: always "truncated", never a crash or a success. */
START_TEST(test_trace_truncated_everywhere)
{
	struct bytes b = trace_bytes(150, SPARSE);	/* two blocks, < 1 KiB */
	struct sec s[8];
	unsigned int n, full;
	size_t k;

	ck_assert_int_eq(walk(&b, s, 8), 4);	/* META, 2 BLOCK, TRAILER */
	ck_assert_int_eq(read_all(&b, &full, SPARSE), 0);
	for (k = 0; k < b.n; k++) {
		struct bytes t = { b.p, k };
		int ret = read_all(&t, &n, SPARSE);

		ck_assert_msg(ret == -ENODATA, "cut at %zu: %d (%s)", k, ret, last_msg(&t));
		ck_assert_uint_le(n, full);
	}
	/* the file reader, through stat()'s size and through a pipe's EOF */
	for (k = 0; k < b.n; k += 7) {
		struct bytes t = { b.p, k };
		struct trace_error e;
		struct trace_meta m;
		struct trace_reader *r;
		int ret;

		spit(tmp("cut.cct"), &t);
		r = trace_reader__open(tmp("cut.cct"), &m, &e);
		ret = r ? drain(r, &n, SPARSE) : e.err;
		ck_assert_msg(ret == -ENODATA, "file cut at %zu: %d", k, ret);
		trace_reader__close(r);
		ret = read_pipe(&t, &n, SPARSE);
		ck_assert_msg(ret == -ENODATA, "pipe cut at %zu: %d", k, ret);
	}
	ck_assert_int_eq(read_pipe(&b, &n, SPARSE), 0);
	ck_assert_uint_eq(n, full);
	free(b.p);
}
END_TEST

/*
 * Flip each byte: every byte of the format is under a CRC (there is no
 * uncovered padding), so each flip must give a clean error.
 */
START_TEST(test_trace_flip_every_byte)
{
	static const uint8_t masks[] = { 0x01, 0x80, 0xff };
	struct bytes b = trace_bytes(150, SPARSE);
	size_t i, k;

	for (i = 0; i < b.n; i++) {
		for (k = 0; k < sizeof(masks); k++) {
			int ret;

			b.p[i] ^= masks[k];
			ret = read_all(&b, NULL, SPARSE);
			ck_assert_msg(ret < 0, "flip %02x at %zu: read back %d", masks[k], i, ret);
			ck_assert_msg(ret == -EBADMSG || ret == -ENOEXEC, "flip at %zu: %d", i, ret);
			b.p[i] ^= masks[k];
		}
	}
	ck_assert_int_eq(read_all(&b, NULL, SPARSE), 0);
	free(b.p);
}
END_TEST

START_TEST(test_trace_bad_magic)
{
	struct bytes b = trace_bytes(3, RANDOM);
	struct bytes text = { (uint8_t *)"hello, world\n", 13 };
	struct bytes empty = { b.p, 0 };

	mut_magic(&b);
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), -ENOEXEC);
	ck_assert_ptr_nonnull(strstr(last_msg(&b), "byte 0: not a clonecheck trace"));
	ck_assert_int_eq(read_all(&text, NULL, RANDOM), -ENOEXEC);
	ck_assert_int_eq(read_all(&empty, NULL, RANDOM), -ENODATA);
	free(b.p);
}
END_TEST

START_TEST(test_trace_bad_crc)
{
	struct bytes b = trace_bytes(300, RANDOM);
	struct sec s[16];
	unsigned int n;
	char want[64];

	ck_assert_int_ge(walk(&b, s, 16), 4);
	ck_assert_uint_eq(s[2].type, TRACE_SEC_BLOCK);
	b.p[s[2].off + SEC_HDR + 40] ^= 0x10;	/* compressed data of block 1 */
	ck_assert_int_eq(read_all(&b, &n, RANDOM), -EBADMSG);
	ck_assert_uint_gt(n, 0);	/* block 0's records came first */
	snprintf(want, sizeof(want), "byte %zu: block: CRC mismatch", s[2].off + SEC_HDR);
	ck_assert_msg(strstr(last_msg(&b), want), "message: %s", last_msg(&b));
	free(b.p);
}
END_TEST

/* Impossible lengths are refused before anything is allocated for them. */
START_TEST(test_trace_huge_length)
{
	struct bytes b = trace_bytes(5, RANDOM);
	struct sec s[4];
	size_t blk;

	ck_assert_int_eq(walk(&b, s, 4), 3);
	blk = s[1].off;

	/* a block section claiming 4 GiB */
	mut_huge(&b);
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), -EBADMSG);
	ck_assert_ptr_nonnull(strstr(last_msg(&b), "impossible length 4294967280"));
	free(b.p);

	/* a block whose uncompressed length claims 4 GiB, or 16 MiB from a few bytes */
	b = trace_bytes(5, RANDOM);
	le32(b.p + blk + SEC_HDR + 4, 0xffffffffu);
	fix_section(&b, blk);
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), -EBADMSG);
	ck_assert_ptr_nonnull(strstr(last_msg(&b), "impossible uncompressed length"));
	le32(b.p + blk + SEC_HDR + 4, TRACE_BLOCK_MAX);
	fix_section(&b, blk);
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), -EBADMSG);
	ck_assert_ptr_nonnull(strstr(last_msg(&b), "impossible uncompressed length"));
	free(b.p);

	/* a META section over its cap */
	b = trace_bytes(5, RANDOM);
	le32(b.p + s[0].off + 4, TRACE_META_MAX + 1);
	le32(b.p + s[0].off + 12, crc(b.p + s[0].off, 12));
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), -EBADMSG);
	free(b.p);
}
END_TEST

/* A block holding a record longer than TRACE_REC_MAX, or a bad count. */
START_TEST(test_trace_record_too_long)
{
	static uint8_t u[4 + TRACE_REC_MAX + 1];
	struct bytes b = trace_bytes(1, RANDOM);
	struct bytes blk;
	struct sec s[4];

	ck_assert_int_eq(walk(&b, s, 4), 3);
	le32(u, TRACE_REC_MAX + 1);
	blk = make_block(1, u, sizeof(u));
	splice(&b, s[1].off, SEC_HDR + s[1].len, blk.p, blk.n);
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), -EBADMSG);
	ck_assert_ptr_nonnull(strstr(last_msg(&b), "impossible length 65537"));
	free(blk.p);
	free(b.p);

	/* two records in the bytes, one claimed: bytes after the last record */
	b = trace_bytes(1, RANDOM);
	le32(u, 1);
	le32(u + 5, 1);
	blk = make_block(1, u, 10);
	splice(&b, s[1].off, SEC_HDR + s[1].len, blk.p, blk.n);
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), -EBADMSG);
	ck_assert_ptr_nonnull(strstr(last_msg(&b), "after its last record"));
	free(blk.p);
	free(b.p);
}
END_TEST

/*
 * A block whose section CRC holds but whose zlib stream does not: the reader
 * inflates raw and checks the zlib header and the stream's end itself.
 */
static void block_variant(size_t zoff, int zdelta, int extra_byte, uint32_t ulen_delta,
			  const char *want)
{
	static const uint8_t u[10] = { 1, 0, 0, 0, 0x5a, 1, 0, 0, 0, 0xa5 };
	struct bytes b = trace_bytes(2, RANDOM);
	struct bytes blk = make_block(2, u, sizeof(u));
	uint8_t *pl = blk.p + SEC_HDR;
	uint8_t zero = 0;
	struct sec s[4];

	ck_assert_int_eq(walk(&b, s, 4), 3);
	pl[12 + zoff] += zdelta;
	le32(pl + 4, rd32(pl + 4) + ulen_delta);
	if (extra_byte) {	/* one byte between the deflate data and the adler32 */
		splice(&blk, blk.n - 4, 0, &zero, 1);
		le32(blk.p + 4, rd32(blk.p + 4) + 1);
	}
	fix_section(&blk, 0);
	splice(&b, s[1].off, SEC_HDR + s[1].len, blk.p, blk.n);
	ck_assert_int_eq(read_all(&b, NULL, ANY), -EBADMSG);
	ck_assert_msg(strstr(last_msg(&b), want), "%s: want \"%s\"", last_msg(&b), want);
	free(blk.p);
	free(b.p);
}

START_TEST(test_trace_bad_zlib)
{
	/* the unchanged block reads: the variants below fail for their change alone */
	static const uint8_t u[10] = { 1, 0, 0, 0, 0x5a, 1, 0, 0, 0, 0xa5 };
	struct bytes b = trace_bytes(2, RANDOM);
	struct bytes blk = make_block(2, u, sizeof(u));
	struct sec s[4];

	ck_assert_int_eq(walk(&b, s, 4), 3);
	splice(&b, s[1].off, SEC_HDR + s[1].len, blk.p, blk.n);
	ck_assert_int_eq(read_all(&b, NULL, ANY), 0);
	free(blk.p);
	free(b.p);

	block_variant(0, 1, 0, 0, "bad compressed data");	/* CM 9, FCHECK off */
	block_variant(1, 0x20, 0, 0, "bad compressed data");	/* FDICT set */
	block_variant(0, 0, 1, 0, "bad compressed data");	/* a byte after the stream */
	block_variant(0, 0, 0, 1, "bad compressed data");	/* ulen one more than inflates */

	/* ucrc is written, not checked: the section CRC covers the compressed bytes */
	b = trace_bytes(2, RANDOM);
	blk = make_block(2, u, sizeof(u));
	le32(blk.p + SEC_HDR + 8, rd32(blk.p + SEC_HDR + 8) ^ 1);
	fix_section(&blk, 0);
	splice(&b, s[1].off, SEC_HDR + s[1].len, blk.p, blk.n);
	ck_assert_int_eq(read_all(&b, NULL, ANY), 0);
	free(blk.p);
	free(b.p);
}
END_TEST

START_TEST(test_trace_unknown_major)
{
	struct bytes b = trace_bytes(3, RANDOM);

	mut_major(&b);
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), -EPROTO);
	ck_assert_ptr_nonnull(strstr(last_msg(&b), "format version 2."));
	ck_assert_ptr_nonnull(strstr(last_msg(&b), "this reader reads 1.x"));
	b.p[8] = 0;
	fix_preamble(&b);
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), -EPROTO);
	free(b.p);
}
END_TEST

/* Add an unknown meta tag and unknown sections (after META, before TRAILER). */
static void add_unknowns(struct bytes *b)
{
	static const uint8_t junk[] = "a section from the future";
	uint8_t tlv[4 + 5] = { 200, 0, 5, 0, 'h', 'e', 'l', 'l', 'o' };
	struct bytes u = make_section(77, junk, sizeof(junk));
	struct sec s[64];
	int ns = walk(b, s, 64);

	ck_assert_int_ge(ns, 3);
	/* from the back, so earlier offsets stay valid */
	splice(b, s[ns - 1].off, 0, u.p, u.n);
	splice(b, s[1].off, 0, u.p, u.n);
	splice(b, s[0].off + SEC_HDR + s[0].len, 0, tlv, sizeof(tlv));
	le32(b->p + s[0].off + 4, s[0].len + sizeof(tlv));
	fix_section(b, s[0].off);
	free(u.p);
}

START_TEST(test_trace_newer_minor_skips)
{
	struct bytes b = trace_bytes(300, RANDOM);
	struct trace_error e;
	struct trace_meta m;
	struct trace_reader *r;
	unsigned int n;

	add_unknowns(&b);
	b.p[10] = TRACE_MINOR + 1;
	fix_preamble(&b);
	r = trace_reader__open_mem(b.p, b.n, &m, &e);
	ck_assert_msg(r != NULL, "open: %s", e.msg);
	ck_assert_uint_eq(m.minor, TRACE_MINOR + 1);
	ck_assert_str_eq(m.profile, "6.18/x86_64");
	ck_assert_int_eq(drain(r, &n, RANDOM), 0);
	ck_assert_uint_eq(n, 300);
	trace_reader__close(r);

	/* the same file at this reader's own minor: the unknowns are corruption */
	b.p[10] = TRACE_MINOR;
	fix_preamble(&b);
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), -EBADMSG);
	ck_assert_ptr_nonnull(strstr(last_msg(&b), "unknown tag 200"));
	free(b.p);
}
END_TEST

/*
 * Record sizes that their parts do not add up to are corrupt; a 1.0 file
 * (no parts) with sizes that are not 1.0's and records of the other byte
 * order are refused, with the meta still readable.
 */
START_TEST(test_trace_abi_mismatch)
{
	struct bytes b = trace_bytes(3, RANDOM);
	struct trace_error e;
	struct trace_meta m;
	size_t off;

	mut_abi(&b);
	ck_assert_ptr_null(trace_reader__open_mem(b.p, b.n, &m, &e));
	ck_assert_int_eq(e.err, -EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.msg, "record type 1"));

	to_v1(&b);
	ck_assert_ptr_null(trace_reader__open_mem(b.p, b.n, &m, &e));
	ck_assert_int_eq(e.err, -EPROTONOSUPPORT);
	ck_assert_ptr_nonnull(strstr(e.msg, "not a 1.0 record layout"));
	ck_assert_str_eq(m.release, "6.18.44-fc-v657");

	/* the other byte order */
	off = abi_off(&b);
	le32(b.p + off + 12 + 4 * REC_SYS_ENTER, sizeof(struct rec_sys_enter));
	le32(b.p + off, 3 - rd32(b.p + off));
	fix_section(&b, PREAMBLE);
	ck_assert_ptr_null(trace_reader__open_mem(b.p, b.n, &m, &e));
	ck_assert_int_eq(e.err, -EPROTONOSUPPORT);
	ck_assert_ptr_nonnull(strstr(e.msg, "-endian"));
	free(b.p);
}
END_TEST

static const char *corpus_path(const char *name)
{
	static char path[512];
	const char *slash = strrchr(__FILE__, '/');
	int dir = slash ? (int)(slash - __FILE__) : 1;

	snprintf(path, sizeof(path), "%.*s/corpus/%s", dir, slash ? __FILE__ : ".", name);
	return path;
}

/* A 1.0 file (no PARTS), kept from that release, reads with 1.0's layout. */
START_TEST(test_trace_v1_file)
{
	struct bytes b = slurp(corpus_path("valid-1.0-small.cct"));
	struct decode_layout v1;
	struct trace_error e;
	struct trace_meta m;
	struct trace_reader *r;
	unsigned int n;

	r = trace_reader__open_mem(b.p, b.n, &m, &e);
	ck_assert_msg(r != NULL, "open: %s", e.msg);
	ck_assert_uint_eq(m.minor, 0);
	decode_layout_v1(&v1);
	ck_assert(!memcmp(&m.layout, &v1, sizeof(v1)));
	ck_assert_uint_eq(m.abi.size[REC_SYS_ENTER], decode_layout_size(&v1, REC_SYS_ENTER));
	ck_assert_int_eq(drain(r, &n, ANY), 0);
	ck_assert_uint_eq(n, 7);
	trace_reader__close(r);
	free(b.p);
}
END_TEST

START_TEST(test_trace_structure)
{
	struct bytes b = trace_bytes(300, RANDOM);
	struct sec s[16];
	uint8_t extra = 0;
	int ns = walk(&b, s, 16);
	size_t n0 = b.n;

	/* a byte after the trailer */
	splice(&b, b.n, 0, &extra, 1);
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), -EBADMSG);
	ck_assert_ptr_nonnull(strstr(last_msg(&b), "data after the trailer"));
	b.n = n0;
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), 0);

	/* a block cut out: the trailer's counts no longer add up */
	splice(&b, s[2].off, SEC_HDR + s[2].len, NULL, 0);
	ck_assert_int_eq(read_all(&b, NULL, ANY), -EBADMSG);
	ck_assert_ptr_nonnull(strstr(last_msg(&b), "trailer counts 300 records"));
	free(b.p);

	/* the trailer cut out: truncated, whatever came before */
	b = trace_bytes(300, RANDOM);
	b.n = s[ns - 1].off;
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), -ENODATA);
	ck_assert_ptr_nonnull(strstr(last_msg(&b), "without a trailer"));

	/* META twice */
	b.n = n0;
	splice(&b, s[1].off, 0, b.p + s[0].off, SEC_HDR + s[0].len);
	ck_assert_int_eq(read_all(&b, NULL, RANDOM), -EBADMSG);
	ck_assert_ptr_nonnull(strstr(last_msg(&b), "a second META"));
	free(b.p);
}
END_TEST

/* ------------------------------------------------------------- Corpus */

/*
 * The committed seed corpus: each file, what reading it must give.  The
 * valid ones are golden files for this format version: later readers must
 * still read them.
 */
struct corpus_file {
	const char *name;	/* under tests/corpus/ */
	int want;		/* read_all()'s result */
	unsigned int nrec;	/* records, for valid files */
	enum stream st;		/* which rec_make() stream */
	bool after_meta;	/* the result comes after the ABI check */
};

static const struct corpus_file corpus[] = {
	{ "valid-small.cct", 0, 7, RANDOM, true },
	{ "valid-2blocks.cct", 0, 150, SPARSE, true },
	{ "valid-empty.cct", 0, 0, RANDOM, true },
	{ "valid-real.cct", 0, 12, REAL, true },
	{ "valid-minor-newer.cct", 0, 12, RANDOM, true },
	{ "bad-magic.cct", -ENOEXEC, 0, RANDOM, false },
	{ "bad-major.cct", -EPROTO, 0, RANDOM, false },
	{ "bad-crc.cct", -EBADMSG, 0, RANDOM, true },
	{ "bad-huge-block.cct", -EBADMSG, 0, RANDOM, true },
	{ "bad-truncated.cct", -ENODATA, 0, RANDOM, true },
	{ "bad-abi.cct", -EBADMSG, 0, RANDOM, false },
	{ "valid-1.0-small.cct", 0, 7, ANY, true },
};


/* Rewrite tests/corpus/ from the writer and the surgery above. */
static void corpus_bad(const char *name, void (*mut)(struct bytes *b))
{
	struct bytes b = trace_bytes(7, RANDOM);

	mut(&b);
	spit(corpus_path(name), &b);
	free(b.p);
}

/*
 * A fuzzer-only seed (not a trace): 0xb1, u16 nrec, then a block's
 * uncompressed record stream; fuzz_trace.c wraps it in a file.
 */
static void corpus_stream(const char *name, uint16_t nrec)
{
	static uint8_t rec[TRACE_REC_MAX];
	struct bytes b = { malloc(3), 3 };
	unsigned int i;

	ck_assert_ptr_nonnull(b.p);
	b.p[0] = 0xb1;
	b.p[1] = nrec;
	b.p[2] = nrec >> 8;
	for (i = 0; i < nrec; i++) {
		size_t len = rec_make(i, rec, REAL);
		uint8_t l[4];

		le32(l, len);
		splice(&b, b.n, 0, l, 4);
		splice(&b, b.n, 0, rec, len);
	}
	spit(corpus_path(name), &b);
	free(b.p);
}

static void corpus_update(void)
{
	struct bytes b;

	write_trace(corpus_path("valid-small.cct"), 7, RANDOM);
	write_trace(corpus_path("valid-2blocks.cct"), 150, SPARSE);
	write_trace(corpus_path("valid-empty.cct"), 0, RANDOM);
	write_trace(corpus_path("valid-real.cct"), 12, REAL);
	corpus_stream("stream-real.bin", 6);
	b = trace_bytes(12, RANDOM);
	add_unknowns(&b);
	b.p[10] = TRACE_MINOR + 1;
	fix_preamble(&b);
	spit(corpus_path("valid-minor-newer.cct"), &b);
	free(b.p);
	corpus_bad("bad-magic.cct", mut_magic);
	corpus_bad("bad-major.cct", mut_major);
	corpus_bad("bad-crc.cct", mut_crc);
	corpus_bad("bad-huge-block.cct", mut_huge);
	corpus_bad("bad-truncated.cct", mut_cut);
	corpus_bad("bad-abi.cct", mut_abi);
}

START_TEST(test_trace_corpus)
{
	size_t i;

	if (getenv("CLONECHECK_UPDATE_CORPUS"))
		corpus_update();
	for (i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
		const struct corpus_file *c = &corpus[i];
		struct bytes b = slurp(corpus_path(c->name));
		int want = c->want;
		unsigned int n;
		int ret = read_all(&b, &n, c->st);

		ck_assert_msg(ret == want, "%s: %d, want %d (%s)", c->name, ret, want,
			      last_msg(&b));
		if (!want)
			ck_assert_msg(n == c->nrec, "%s: %u records, want %u", c->name, n, c->nrec);
		free(b.p);
	}
}
END_TEST

Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *core = tcase_create("Core");
	TCase *wr = tcase_create("Writer");
	TCase *bad = tcase_create("Bad");
	TCase *corp = tcase_create("Corpus");

	tcase_add_checked_fixture(core, tmp_setup, tmp_teardown);
	tcase_add_checked_fixture(wr, tmp_setup, tmp_teardown);
	tcase_add_checked_fixture(bad, tmp_setup, tmp_teardown);
	tcase_add_checked_fixture(corp, tmp_setup, tmp_teardown);
	tcase_set_timeout(core, 30);
	tcase_set_timeout(bad, 60);
	tcase_add_test(core, test_trace_blocks_written_as_they_fill);
	tcase_add_test(core, test_trace_round_trip);
	tcase_add_test(core, test_trace_multi_block);
	tcase_add_test(core, test_trace_empty);
	tcase_add_test(core, test_trace_replay_decodes);
	tcase_add_test(core, test_trace_abi_complete);
	tcase_add_test(core, test_trace_btf_identity);
	tcase_add_test(wr, test_trace_writer_limits);
	tcase_add_test(wr, test_trace_writer_bad_meta);
	tcase_add_test(wr, test_trace_unwritable);
	tcase_add_test(wr, test_trace_write_error);
	tcase_add_test(wr, test_trace_open_missing);
	tcase_add_test(bad, test_trace_truncated_everywhere);
	tcase_add_test(bad, test_trace_flip_every_byte);
	tcase_add_test(bad, test_trace_bad_magic);
	tcase_add_test(bad, test_trace_bad_crc);
	tcase_add_test(bad, test_trace_huge_length);
	tcase_add_test(bad, test_trace_record_too_long);
	tcase_add_test(bad, test_trace_bad_zlib);
	tcase_add_test(bad, test_trace_unknown_major);
	tcase_add_test(bad, test_trace_newer_minor_skips);
	tcase_add_test(bad, test_trace_abi_mismatch);
	tcase_add_test(core, test_trace_v1_file);
	tcase_add_test(bad, test_trace_structure);
	tcase_add_test(corp, test_trace_corpus);
	suite_add_tcase(s, core);
	suite_add_tcase(s, wr);
	suite_add_tcase(s, bad);
	suite_add_tcase(s, corp);
	return s;
}
