// SPDX-License-Identifier: GPL-2.0
/*
 * trace_file.c - write and read trace files (format: trace_file.h).
 *
 * A trace is a source of raw records, like the loader, so it is one of the
 * few files that include bpf/events.h, and only for the record ABI: the sizes
 * of struct rec_*.  Records themselves pass through untouched; decode.c
 * still checks each one.
 *
 * The reader trusts no length before checking it against a cap and, where
 * the size of the input is known, against what is left of it; an
 * uncompressed length is also checked against deflate's best ratio before
 * anything is allocated.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/types.h>
#include <zlib.h>
#ifdef HAVE_LIBDEFLATE
#include <libdeflate.h>
#endif

#include "trace_file.h"
#include "../bpf/events.h"

/*
 * A fuzzing build (make fuzz) accepts bad CRCs and any record ABI, so that
 * mutated inputs reach the parsers behind them; every length and structure
 * is still checked.
 */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define crc_ok(stored, computed) ((void)(stored), (void)(computed), true)
#else
#define crc_ok(stored, computed) ((stored) == (computed))
#endif

#define PREAMBLE_LEN 16
#define SEC_HDR_LEN 16
#define BLOCK_HDR_LEN 12		/* nrec, ulen, ucrc */
#define TRAILER_LEN 48			/* without lost[] */
#define DEFLATE_MAX_RATIO 1032		/* deflate never expands data more */
#define BTF_CHUNK 65536
#define READ_BUF_BYTES (256 * 1024)	/* the reader's stdio buffer */

static const uint8_t trace_magic[8] = { 'C', 'C', 'T', 'R', 'A', 'C', 'E', '\n' };

_Static_assert(REC__MAX <= TRACE_ABI_TYPES, "TRACE_ABI_TYPES too small for enum rec_type");
_Static_assert(OBS__COUNT <= TRACE_POINTS_MAX, "TRACE_POINTS_MAX below OBS__COUNT");
_Static_assert(OBS__COUNT <= 32, "obs_mask is 32 bits");

/* ---------------------------------------------------------- little-endian */

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static void put_le64(uint8_t *p, uint64_t v)
{
	put_le32(p, (uint32_t)v);
	put_le32(p + 4, (uint32_t)(v >> 32));
}

static uint16_t get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t get_le64(const uint8_t *p)
{
	return (uint64_t)get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

static uint32_t crc(const void *p, size_t n)
{
#ifdef HAVE_LIBDEFLATE
	/* the same CRC-32, carry-less multiplied (callgrind: zlib's was 2% of `check`) */
	return libdeflate_crc32(0, p, n);
#else
	return crc32(crc32(0, Z_NULL, 0), p, n);
#endif
}

/* ------------------------------------------------------------- shared */

/* One entry per enum rec_type (test_trace_abi_complete checks that). */
void trace_abi_current(struct trace_abi *abi)
{
	const uint16_t probe = 1;
	struct decode_layout l;

	decode_layout_current(&l);
	memset(abi, 0, sizeof(*abi));
	abi->byte_order = *(const uint8_t *)&probe ? 1 : 2;
	abi->hdr_size = sizeof(struct rec_hdr);
	abi->n_types = REC__MAX;
	for (uint32_t t = 0; t < abi->n_types; t++)
		abi->size[t] = decode_layout_size(&l, t);
}

int trace_btf_identity(const char *path, uint64_t *size, uint32_t *crcp)
{
	uint32_t c = crc32(0, Z_NULL, 0);
	uint64_t n = 0;
	uint8_t *buf;
	size_t got;
	FILE *f;
	int err = 0;

	buf = malloc(BTF_CHUNK);
	if (!buf)
		return -ENOMEM;
	f = fopen(path, "rb");
	if (!f) {
		err = -errno;
		goto out_free;
	}
	while ((got = fread(buf, 1, BTF_CHUNK, f)) > 0) {
		c = crc32(c, buf, got);
		n += got;
	}
	if (ferror(f))
		err = -EIO;
	fclose(f);
	if (!err) {
		*size = n;
		*crcp = c;
	}
out_free:
	free(buf);
	return err;
}

const char *trace_strerror(int err)
{
	switch (err) {
	case 0:
		return "no error";
	case -ENOEXEC:
		return "not a clonecheck trace";
	case -EPROTO:
		return "unsupported trace format version";
	case -EPROTONOSUPPORT:
		return "trace records have another layout";
	case -EBADMSG:
		return "corrupt trace";
	case -ENODATA:
		return "truncated trace";
	default:
		return strerror(err < 0 ? -err : err);
	}
}

/* ------------------------------------------------------------- writer */

struct trace_writer {
	FILE *f;		/* the file being written */
	uint8_t *buf;		/* records of the block being filled */
	size_t len;		/* bytes used in buf */
	uint32_t nrec;		/* records in buf */
	uint8_t *zbuf;		/* compressed block */
	uLong zcap;		/* zbuf's size */
	/*
	 * The compressor, made once: compress2() per block set up and freed
	 * ~270 KiB of deflate state every 64 KiB block, and glibc gave it back
	 * and took it again through brk(), a TLB shootdown of every CPU the
	 * recording's threads ran on each time (half the consumer's time under
	 * a vfork storm, which then lost records).
	 */
#ifdef HAVE_LIBDEFLATE
	struct libdeflate_compressor *lc;	/* preferred: ~2x zlib's speed */
#endif
	z_stream zs;
	bool zs_init;
	uint64_t records;	/* records written so far */
	uint64_t blocks;	/* blocks written so far */
	int err;		/* first error, sticky */
};

#define WRITER_BUF_CAP (TRACE_BLOCK_BYTES + 4 + TRACE_REC_MAX)

static int writer_put(struct trace_writer *w, const void *p, size_t n)
{
	if (w->err)
		return w->err;
	errno = 0;
	if (n && fwrite(p, 1, n, w->f) != n)
		w->err = errno ? -errno : -EIO;
	return w->err;
}

/* One section: header (with both CRCs), then head and body as its payload. */
static int writer_section(struct trace_writer *w, uint32_t type, const void *head,
			  size_t head_len, const void *body, size_t body_len)
{
	uint8_t h[SEC_HDR_LEN];
	uint32_t c;

	c = crc(head, head_len);
	if (body_len)	/* crc32() of a NULL buffer is its initial value, 0 */
		c = crc32(c, body, body_len);
	put_le32(h, type);
	put_le32(h + 4, head_len + body_len);
	put_le32(h + 8, c);
	put_le32(h + 12, crc(h, 12));
	writer_put(w, h, sizeof(h));
	writer_put(w, head, head_len);
	return writer_put(w, body, body_len);
}

/*
 * w->buf's w->len bytes as one zlib stream (header, raw deflate, adler32:
 * what compress2() makes, and what the reader takes) into w->zbuf; 0 or -1.
 */
static int writer_compress(struct trace_writer *w, uLong *zlen)
{
#ifdef HAVE_LIBDEFLATE
	if (w->lc) {
		size_t n = libdeflate_zlib_compress(w->lc, w->buf, w->len, w->zbuf, w->zcap);

		if (n) {
			*zlen = n;
			return 0;
		}
		/* did not fit in zlib's bound: zlib's own below */
	}
#endif
	if (!w->zs_init) {
		if (deflateInit(&w->zs, Z_BEST_SPEED) != Z_OK)
			return -1;
		w->zs_init = true;
	} else if (deflateReset(&w->zs) != Z_OK) {
		return -1;
	}
	w->zs.next_in = w->buf;
	w->zs.avail_in = (uInt)w->len;
	w->zs.next_out = w->zbuf;
	w->zs.avail_out = (uInt)w->zcap;
	if (deflate(&w->zs, Z_FINISH) != Z_STREAM_END)
		return -1;
	*zlen = w->zs.total_out;
	return 0;
}

static void writer_free(struct trace_writer *w)
{
#ifdef HAVE_LIBDEFLATE
	libdeflate_free_compressor(w->lc);
#endif
	if (w->zs_init)
		deflateEnd(&w->zs);
	free(w->buf);
	free(w->zbuf);
	free(w);
}

static int writer_flush(struct trace_writer *w)
{
	uint8_t h[BLOCK_HDR_LEN];
	uLong zlen = w->zcap;

	if (w->err || !w->len)
		return w->err;
	/* the ring-buffer consumer runs this: level 1 is ~2.7x faster than 6, ~20% larger */
	if (writer_compress(w, &zlen)) {
		w->err = -ENOMEM;
		return w->err;
	}
	put_le32(h, w->nrec);
	put_le32(h + 4, w->len);
	put_le32(h + 8, crc(w->buf, w->len));
	writer_section(w, TRACE_SEC_BLOCK, h, sizeof(h), w->zbuf, zlen);
	/* out of stdio's buffer: a recording killed now keeps this block */
	if (!w->err && fflush(w->f))
		w->err = -errno;
	w->blocks++;
	w->len = 0;
	w->nrec = 0;
	return w->err;
}

/* Append one TLV to a META buffer of TRACE_META_MAX bytes. */
static size_t meta_put(uint8_t *p, size_t off, uint16_t tag, const void *v, size_t n)
{
	put_le16(p + off, tag);
	put_le16(p + off + 2, n);
	memcpy(p + off + 4, v, n);
	return off + 4 + n;
}

static int meta_put_str(uint8_t *p, size_t *off, uint16_t tag, const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	if (n >= size)
		return -EINVAL;
	*off = meta_put(p, *off, tag, s, n);
	return 0;
}

static int writer_meta(struct trace_writer *w, const struct trace_meta *m)
{
	uint8_t v[8 + 4 * DECODE_TYPES * DECODE_PART__COUNT];
	struct decode_layout layout;
	struct trace_abi abi;
	size_t off = 0;
	uint32_t i;
	uint8_t *p;
	int err;

	/* 6 strings, 3 integer tags: far below TRACE_META_MAX */
	p = calloc(1, TRACE_META_MAX);
	if (!p)
		return -ENOMEM;
	err = meta_put_str(p, &off, TRACE_TAG_RELEASE, m->release, sizeof(m->release));
	err = err ?: meta_put_str(p, &off, TRACE_TAG_MACHINE, m->machine, sizeof(m->machine));
	err = err ?: meta_put_str(p, &off, TRACE_TAG_BACKEND, m->backend, sizeof(m->backend));
	err = err ?: meta_put_str(p, &off, TRACE_TAG_OBS_TEXT, m->obs_text, sizeof(m->obs_text));
	err = err ?: meta_put_str(p, &off, TRACE_TAG_PROFILE, m->profile, sizeof(m->profile));
	err = err ?: meta_put_str(p, &off, TRACE_TAG_WORKLOAD, m->workload, sizeof(m->workload));
	if (err)
		goto out_free;
	put_le32(v, m->obs_mask);
	off = meta_put(p, off, TRACE_TAG_OBS_MASK, v, 4);
	put_le64(v, m->btf_size);
	put_le32(v + 8, m->btf_crc32);
	off = meta_put(p, off, TRACE_TAG_BTF, v, 12);
	trace_abi_current(&abi);
	put_le32(v, abi.byte_order);
	put_le32(v + 4, abi.hdr_size);
	put_le32(v + 8, abi.n_types);
	for (i = 0; i < abi.n_types; i++)
		put_le32(v + 12 + 4 * i, abi.size[i]);
	off = meta_put(p, off, TRACE_TAG_ABI, v, 12 + 4 * abi.n_types);
	decode_layout_current(&layout);
	put_le32(v, abi.n_types);
	put_le32(v + 4, DECODE_PART__COUNT);
	for (i = 0; i < abi.n_types; i++)
		for (int k = 0; k < DECODE_PART__COUNT; k++)
			put_le32(v + 8 + 4 * (i * DECODE_PART__COUNT + k), layout.part[i][k]);
	off = meta_put(p, off, TRACE_TAG_PARTS, v, 8 + 4 * abi.n_types * DECODE_PART__COUNT);
	err = writer_section(w, TRACE_SEC_META, p, off, NULL, 0);
out_free:
	free(p);
	return err;
}

struct trace_writer *trace_writer__open(const char *path, const struct trace_meta *m, int *err)
{
	uint8_t pre[PREAMBLE_LEN];
	struct trace_writer *w;

	w = calloc(1, sizeof(*w));
	if (!w) {
		*err = -ENOMEM;
		return NULL;
	}
	w->zcap = compressBound(WRITER_BUF_CAP);
	w->buf = malloc(WRITER_BUF_CAP);
	w->zbuf = malloc(w->zcap);
#ifdef HAVE_LIBDEFLATE
	w->lc = libdeflate_alloc_compressor(1);	/* NULL: zlib does it */
#endif
	if (!w->buf || !w->zbuf) {
		*err = -ENOMEM;
		goto out_free;
	}
	w->f = fopen(path, "wb");
	if (!w->f) {
		*err = -errno;
		goto out_free;
	}
	memcpy(pre, trace_magic, sizeof(trace_magic));
	put_le16(pre + 8, TRACE_MAJOR);
	put_le16(pre + 10, TRACE_MINOR);
	put_le32(pre + 12, crc(pre, 12));
	*err = writer_put(w, pre, sizeof(pre));
	if (!*err)
		*err = writer_meta(w, m);
	if (!*err && fflush(w->f))
		*err = -errno;
	if (!*err)
		return w;
	/* a half-written trace goes; a device or a pipe named by path stays */
	{
		struct stat st;

		if (!fstat(fileno(w->f), &st) && S_ISREG(st.st_mode))
			unlink(path);
	}
	fclose(w->f);
out_free:
	writer_free(w);
	return NULL;
}

int trace_writer__add(struct trace_writer *w, const void *rec, size_t len)
{
	if (w->err)
		return w->err;
	if (!len)
		return -EINVAL;
	if (len > TRACE_REC_MAX)
		return -E2BIG;
	put_le32(w->buf + w->len, len);
	memcpy(w->buf + w->len + 4, rec, len);
	w->len += 4 + len;
	w->nrec++;
	w->records++;
	if (w->len >= TRACE_BLOCK_BYTES)
		return writer_flush(w);
	return 0;
}

int trace_writer__flush(struct trace_writer *w)
{
	return writer_flush(w);
}

int trace_writer__close(struct trace_writer *w, const struct trace_counts *c)
{
	uint8_t t[TRAILER_LEN + 8 * OBS__COUNT];
	int err, i;

	writer_flush(w);
	put_le64(t, w->records);
	put_le64(t + 8, w->blocks);
	put_le64(t + 16, c->lost_total);
	put_le64(t + 24, c->undecodable);
	put_le64(t + 32, c->untracked);
	put_le32(t + 40, OBS__COUNT);
	put_le32(t + 44, 0);
	for (i = 0; i < OBS__COUNT; i++)
		put_le64(t + TRAILER_LEN + 8 * i, c->lost[i]);
	writer_section(w, TRACE_SEC_TRAILER, t, sizeof(t), NULL, 0);
	err = w->err;
	if (!err && fflush(w->f))
		err = -errno;
	/* fsync of a pipe or /dev/null says EINVAL: nothing to make durable */
	if (!err && fsync(fileno(w->f)) && errno != EINVAL && errno != ENOTSUP)
		err = -errno;
	if (fclose(w->f) && !err)
		err = -errno;
	writer_free(w);
	return err;
}

/* ------------------------------------------------------------- reader */

struct trace_reader {
	FILE *f;		/* file source, or NULL */
	char *iobuf;		/* f's buffer, freed after f is closed */
	const uint8_t *mem;	/* memory source (f == NULL) */
	uint64_t size;		/* bytes in the source, UINT64_MAX unknown */
	uint64_t off;		/* bytes consumed */
	char *name;		/* path or "<memory>", for messages */
	uint16_t minor;		/* the file's minor version */
	uint8_t *sec;		/* section payload (file source) */
	size_t sec_cap;		/* sec's size */
	uint8_t *ubuf;		/* uncompressed block */
	size_t ubuf_cap;	/* ubuf's size */
	size_t ulen;		/* bytes in ubuf */
	size_t upos;		/* next record's offset in ubuf */
	uint32_t uleft;		/* records left in ubuf */
	uint64_t block_off;	/* file offset of the current block's section */
	uint64_t blocks;	/* blocks read */
	uint64_t records;	/* records delivered */
	uint64_t *rec;		/* the current record, copied to be aligned */
	z_stream zs;		/* raw inflate, reset per block */
	bool zs_ready;		/* zs initialised (inflateInit2 done) */
#ifdef HAVE_LIBDEFLATE
	struct libdeflate_decompressor *dd; /* the fast path of rd_inflate(), or NULL */
#endif
	bool done;		/* the trailer has been read */
	struct trace_counts counts; /* the trailer's, once done */
	struct trace_error e;	/* first error, sticky */
};

__attribute__((format(printf, 4, 5)))
static int fail(struct trace_reader *r, int err, uint64_t off, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (r->e.err)
		return r->e.err;
	r->e.err = err;
	r->e.offset = off;
	n = snprintf(r->e.msg, sizeof(r->e.msg), "%s: byte %llu: ", r->name,
		     (unsigned long long)off);
	if (n < 0 || (size_t)n >= sizeof(r->e.msg))
		return err;
	va_start(ap, fmt);
	vsnprintf(r->e.msg + n, sizeof(r->e.msg) - n, fmt, ap);
	va_end(ap);
	return err;
}

/* Read up to n bytes; returns how many (short only at the end) or -errno. */
static ssize_t rd_some(struct trace_reader *r, void *buf, size_t n)
{
	size_t got;

	if (!r->f) {
		got = r->size - r->off < n ? r->size - r->off : n;
		memcpy(buf, r->mem + r->off, got);
	} else {
		errno = 0;
		got = fread(buf, 1, n, r->f);
		if (got < n && ferror(r->f)) {
			int err = errno ? -errno : -EIO;

			return fail(r, err, r->off + got, "read error: %s", strerror(-err));
		}
	}
	r->off += got;
	return got;
}

/* Exactly n bytes of `what`, else -ENODATA. */
static int rd_exact(struct trace_reader *r, void *buf, size_t n, const char *what)
{
	uint64_t at = r->off;
	ssize_t got = rd_some(r, buf, n);

	if (got < 0)
		return got;
	if ((size_t)got < n)
		return fail(r, -ENODATA, at + got, "truncated: %s needs %zu bytes, %zd left",
			    what, n, got);
	return 0;
}

/* Whether len more bytes can be there (known-size sources only). */
static int rd_check_left(struct trace_reader *r, uint64_t len, const char *what)
{
	if (r->size != UINT64_MAX && r->size - r->off < len)
		return fail(r, -ENODATA, r->size, "truncated: %s needs %llu bytes, %llu left",
			    what, (unsigned long long)len,
			    (unsigned long long)(r->size - r->off));
	return 0;
}

/* A section payload of len (already capped) bytes, checked against crc. */
static int rd_payload(struct trace_reader *r, size_t len, uint32_t want, const char *what,
		      const uint8_t **p)
{
	uint64_t at = r->off;
	uint32_t got;
	int err;

	err = rd_check_left(r, len, what);
	if (err)
		return err;
	if (!r->f) {
		*p = r->mem + r->off;
		r->off += len;
	} else {
		if (len > r->sec_cap) {
			uint8_t *n = realloc(r->sec, len);

			if (!n)
				return fail(r, -ENOMEM, at, "%s: cannot allocate %zu bytes", what,
					    len);
			r->sec = n;
			r->sec_cap = len;
		}
		err = rd_exact(r, r->sec, len, what);
		if (err)
			return err;
		*p = r->sec;
	}
	got = crc(*p, len);
	if (!crc_ok(want, got))
		return fail(r, -EBADMSG, at, "%s: CRC mismatch (stored %08x, computed %08x)", what,
			    want, got);
	return 0;
}

/* Skip an unknown section's payload, still checking its CRC. */
static int rd_skip(struct trace_reader *r, size_t len, uint32_t want)
{
	uint32_t c = crc32(0, Z_NULL, 0);
	uint64_t at = r->off;
	uint8_t buf[4096];
	int err;

	err = rd_check_left(r, len, "unknown section");
	if (err)
		return err;
	while (len) {
		size_t n = len < sizeof(buf) ? len : sizeof(buf);

		err = rd_exact(r, buf, n, "unknown section");
		if (err)
			return err;
		c = crc32(c, buf, n);
		len -= n;
	}
	if (!crc_ok(want, c))
		return fail(r, -EBADMSG, at, "unknown section: CRC mismatch (stored %08x, computed %08x)",
			    want, c);
	return 0;
}

struct sec_hdr {
	uint64_t off;		/* where the header starts */
	uint32_t type;		/* enum trace_section */
	uint32_t len;		/* payload bytes */
	uint32_t crc;		/* payload crc32 */
};

/*
 * The next section header; 1 with *s, or 0 at a clean end of the input (a
 * section boundary), or -errno.
 */
static int rd_section(struct trace_reader *r, struct sec_hdr *s)
{
	uint8_t h[SEC_HDR_LEN];
	uint32_t want, got;
	ssize_t n;

	s->off = r->off;
	n = rd_some(r, h, 1);
	if (n <= 0)
		return n;
	if (rd_exact(r, h + 1, sizeof(h) - 1, "section header"))
		return r->e.err;
	want = get_le32(h + 12);
	got = crc(h, 12);
	if (!crc_ok(want, got))
		return fail(r, -EBADMSG, s->off,
			    "section header CRC mismatch (stored %08x, computed %08x)", want, got);
	s->type = get_le32(h);
	s->len = get_le32(h + 4);
	s->crc = get_le32(h + 8);
	return 1;
}

static int rd_str(struct trace_reader *r, uint64_t at, const uint8_t *v, uint16_t n,
		  char *dst, const char *what)
{
	if (n > TRACE_STR_MAX)
		return fail(r, -EBADMSG, at, "meta %s: %u bytes, at most %d", what, n,
			    TRACE_STR_MAX);
	if (memchr(v, '\0', n))
		return fail(r, -EBADMSG, at, "meta %s: contains a NUL byte", what);
	memcpy(dst, v, n);
	dst[n] = '\0';
	return 0;
}

static int rd_abi(struct trace_reader *r, uint64_t at, const uint8_t *v, uint16_t n,
		  struct trace_abi *abi)
{
	uint32_t i;

	if (n < 12)
		return fail(r, -EBADMSG, at, "meta abi: %u bytes, need 12", n);
	abi->byte_order = get_le32(v);
	abi->hdr_size = get_le32(v + 4);
	abi->n_types = get_le32(v + 8);
	if (abi->byte_order != 1 && abi->byte_order != 2)
		return fail(r, -EBADMSG, at, "meta abi: byte order %u", abi->byte_order);
	if (abi->n_types > TRACE_ABI_TYPES || n != 12 + 4 * abi->n_types)
		return fail(r, -EBADMSG, at, "meta abi: %u record types in %u bytes",
			    abi->n_types, n);
	for (i = 0; i < abi->n_types; i++)
		abi->size[i] = get_le32(v + 12 + 4 * i);
	return 0;
}

/* PARTS: the size of each part of each record type (src/decode.h). */
static int rd_parts(struct trace_reader *r, uint64_t at, const uint8_t *v, uint16_t n,
		    struct decode_layout *l)
{
	uint32_t types, parts;

	if (n < 8)
		return fail(r, -EBADMSG, at, "meta parts: %u bytes, need 8", n);
	types = get_le32(v);
	parts = get_le32(v + 4);
	if (types > DECODE_TYPES || parts != DECODE_PART__COUNT ||
	    n != 8 + 4 * (size_t)types * parts)
		return fail(r, -EBADMSG, at, "meta parts: %u types of %u parts in %u bytes", types,
			    parts, n);
	memset(l, 0, sizeof(*l));
	for (uint32_t t = 0; t < types; t++)
		for (uint32_t k = 0; k < parts; k++) {
			l->part[t][k] = get_le32(v + 8 + 4 * (t * parts + k));
			if (l->part[t][k] > TRACE_REC_MAX)
				return fail(r, -EBADMSG, at, "meta parts: type %u part %u of %u bytes",
					    t, k, l->part[t][k]);
		}
	return 0;
}

/* Parse META's tag-length-values into *m. */
static int rd_meta(struct trace_reader *r, uint64_t at, const uint8_t *p, size_t len,
		   struct trace_meta *m)
{
	/* tags 1..9; PARTS too from 1.1 on */
	const uint32_t need = ((1u << (TRACE_TAG_ABI + 1)) - 2) |
			      (r->minor >= 1 ? 1u << TRACE_TAG_PARTS : 0);
	uint32_t seen = 0;
	size_t off = 0;
	int err = 0;

	while (off < len && !err) {
		uint64_t fat = at + off;
		const uint8_t *v;
		uint16_t tag, n;

		if (len - off < 4)
			return fail(r, -EBADMSG, fat, "meta: %zu stray bytes at the end", len - off);
		tag = get_le16(p + off);
		n = get_le16(p + off + 2);
		v = p + off + 4;
		if (n > len - off - 4)
			return fail(r, -EBADMSG, fat, "meta tag %u: %u bytes, %zu left", tag, n,
				    len - off - 4);
		off += 4 + n;
		if (tag >= 1 && tag <= TRACE_TAG_PARTS) {
			if (seen & 1u << tag)
				return fail(r, -EBADMSG, fat, "meta tag %u: twice", tag);
			seen |= 1u << tag;
		}
		switch (tag) {
		case TRACE_TAG_RELEASE:
			err = rd_str(r, fat, v, n, m->release, "release");
			break;
		case TRACE_TAG_MACHINE:
			err = rd_str(r, fat, v, n, m->machine, "machine");
			break;
		case TRACE_TAG_BACKEND:
			err = rd_str(r, fat, v, n, m->backend, "backend");
			break;
		case TRACE_TAG_OBS_TEXT:
			err = rd_str(r, fat, v, n, m->obs_text, "observes");
			break;
		case TRACE_TAG_PROFILE:
			err = rd_str(r, fat, v, n, m->profile, "profile");
			break;
		case TRACE_TAG_WORKLOAD:
			err = rd_str(r, fat, v, n, m->workload, "workload");
			break;
		case TRACE_TAG_OBS_MASK:
			if (n != 4)
				return fail(r, -EBADMSG, fat, "meta obs mask: %u bytes, need 4", n);
			m->obs_mask = get_le32(v);
			break;
		case TRACE_TAG_BTF:
			if (n != 12)
				return fail(r, -EBADMSG, fat, "meta btf: %u bytes, need 12", n);
			m->btf_size = get_le64(v);
			m->btf_crc32 = get_le32(v + 8);
			break;
		case TRACE_TAG_ABI:
			err = rd_abi(r, fat, v, n, &m->abi);
			break;
		case TRACE_TAG_PARTS:
			err = rd_parts(r, fat, v, n, &m->layout);
			break;
		default:
			if (r->minor <= TRACE_MINOR)
				return fail(r, -EBADMSG, fat, "meta: unknown tag %u in a %d.%u file",
					    tag, TRACE_MAJOR, r->minor);
			break;	/* a newer minor's: skip */
		}
	}
	if (err)
		return err;
	if ((seen & need) != need)
		return fail(r, -EBADMSG, at, "meta: missing tags (have %#x, need %#x)", seen, need);
	if (!(seen & 1u << TRACE_TAG_PARTS))
		decode_layout_v1(&m->layout);	/* a 1.0 file */
	return 0;
}

/*
 * Refuse records this build cannot decode: another byte order or header.
 * Every record size the ABI lists must be what the parts add up to (a 1.0
 * file's parts are 1.0's: any other size is a layout this reader never
 * knew).  Sizes may differ from this build's: decode_record_as() rebuilds.
 */
static int rd_check_abi(struct trace_reader *r, uint64_t at, const struct trace_meta *m)
{
	const struct trace_abi *f = &m->abi;
	struct trace_abi me;
	uint32_t i;

#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	return 0;	/* let mutated ABI tags through to the blocks */
#endif
	trace_abi_current(&me);
	if (f->byte_order != me.byte_order)
		return fail(r, -EPROTONOSUPPORT, at, "records are %s-endian, this host is %s-endian",
			    f->byte_order == 1 ? "little" : "big",
			    me.byte_order == 1 ? "little" : "big");
	if (f->hdr_size != me.hdr_size)
		return fail(r, -EPROTONOSUPPORT, at,
			    "record ABI differs: rec_hdr is %u bytes in the trace, %u here",
			    f->hdr_size, me.hdr_size);
	for (i = 0; i < f->n_types; i++) {
		size_t parts = decode_layout_size(&m->layout, i);

		if (!f->size[i] || f->size[i] == parts)
			continue;
		if (r->minor == 0)
			return fail(r, -EPROTONOSUPPORT, at,
				    "record type %u is %u bytes: not a 1.0 record layout", i,
				    f->size[i]);
		return fail(r, -EBADMSG, at, "meta: record type %u is %u bytes, its parts %zu", i,
			    f->size[i], parts);
	}
	return 0;
}

static int rd_preamble(struct trace_reader *r)
{
	uint8_t p[PREAMBLE_LEN];
	uint32_t want, got;
	uint16_t major;
	ssize_t n;

	n = rd_some(r, p, sizeof(p));
	if (n < 0)
		return n;
	if (memcmp(p, trace_magic, (size_t)n < sizeof(trace_magic) ? (size_t)n : sizeof(trace_magic)))
		return fail(r, -ENOEXEC, 0, "not a clonecheck trace (bad magic)");
	if ((size_t)n < sizeof(p))
		return fail(r, -ENODATA, n, "truncated: preamble needs %zu bytes, %zd there",
			    sizeof(p), n);
	want = get_le32(p + 12);
	got = crc(p, 12);
	if (!crc_ok(want, got))
		return fail(r, -EBADMSG, 12, "preamble CRC mismatch (stored %08x, computed %08x)",
			    want, got);
	major = get_le16(p + 8);
	r->minor = get_le16(p + 10);
	if (major != TRACE_MAJOR)
		return fail(r, -EPROTO, 8, "format version %u.%u, this reader reads %d.x",
			    major, r->minor, TRACE_MAJOR);
	return 0;
}

static struct trace_reader *reader_open(struct trace_reader *r, struct trace_meta *m,
					struct trace_error *e)
{
	const uint8_t *p;
	struct sec_hdr s;
	int err;

	memset(m, 0, sizeof(*m));
	r->rec = malloc(TRACE_REC_MAX);
	if (!r->rec) {
		fail(r, -ENOMEM, 0, "cannot allocate the record buffer");
		goto out_fail;
	}
	if (rd_preamble(r))
		goto out_fail;
	m->major = TRACE_MAJOR;
	m->minor = r->minor;
	err = rd_section(r, &s);
	if (err < 0)
		goto out_fail;
	if (!err) {
		fail(r, -ENODATA, r->off, "truncated: no META section");
		goto out_fail;
	}
	if (s.type != TRACE_SEC_META) {
		fail(r, -EBADMSG, s.off, "section type %u where META must be", s.type);
		goto out_fail;
	}
	if (s.len > TRACE_META_MAX) {
		fail(r, -EBADMSG, s.off, "META of %u bytes, at most %d", s.len, TRACE_META_MAX);
		goto out_fail;
	}
	if (rd_payload(r, s.len, s.crc, "META", &p))
		goto out_fail;
	if (rd_meta(r, s.off + SEC_HDR_LEN, p, s.len, m))
		goto out_fail;
	if (rd_check_abi(r, s.off + SEC_HDR_LEN, m))
		goto out_fail;
	return r;

out_fail:
	*e = r->e;
	trace_reader__close(r);
	return NULL;
}

struct trace_reader *trace_reader__open(const char *path, struct trace_meta *m,
					struct trace_error *e)
{
	struct trace_reader *r;
	struct stat st;

	memset(e, 0, sizeof(*e));
	r = calloc(1, sizeof(*r));
	if (r)
		r->name = strdup(path);
	if (!r || !r->name) {
		e->err = -ENOMEM;
		snprintf(e->msg, sizeof(e->msg), "%s: out of memory", path);
		free(r);
		return NULL;
	}
	r->size = UINT64_MAX;
	r->f = fopen(path, "rb");
	if (!r->f) {
		int err = -errno;

		fail(r, err, 0, "cannot open: %s", strerror(-err));
		*e = r->e;
		trace_reader__close(r);
		return NULL;
	}
	/*
	 * Blocks are a few KiB compressed: with stdio's 4 KiB buffer a
	 * 16,001-clone trace took 791 read()s, with this one 26.  Ours:
	 * glibc ignores the size asked for a buffer it allocates.  Without
	 * memory for it, stdio's default.
	 */
	r->iobuf = malloc(READ_BUF_BYTES);
	if (r->iobuf)
		setvbuf(r->f, r->iobuf, _IOFBF, READ_BUF_BYTES);
	if (!fstat(fileno(r->f), &st) && S_ISREG(st.st_mode))
		r->size = st.st_size;
	return reader_open(r, m, e);
}

struct trace_reader *trace_reader__open_mem(const void *buf, size_t len, struct trace_meta *m,
					    struct trace_error *e)
{
	struct trace_reader *r;

	memset(e, 0, sizeof(*e));
	r = calloc(1, sizeof(*r));
	if (r)
		r->name = strdup("<memory>");
	if (!r || !r->name) {
		e->err = -ENOMEM;
		snprintf(e->msg, sizeof(e->msg), "<memory>: out of memory");
		free(r);
		return NULL;
	}
	r->mem = buf;
	r->size = len;
	return reader_open(r, m, e);
}

/*
 * Inflate the zlib stream Z (CLEN bytes) into ubuf, exactly ULEN bytes; *DONE
 * says how many came out.  Z_OK, or a zlib error (Z_DATA_ERROR for a bad
 * header or bytes after the stream).  The deflate data is inflated raw, with
 * one z_stream for the whole file: zlib's own adler32 of the output would be
 * a checksum of bytes whose compressed form the section's CRC has covered
 * (trailer included), like the block's ucrc (see rd_block()).  perf: adler32
 * was 14% of `check`.
 */
static int rd_inflate(struct trace_reader *r, const uint8_t *z, uLong clen, uint32_t ulen,
		      uLongf *done)
{
	int zerr;

	*done = 0;
	/* RFC 1950: CM 8, a window of at most 32 KiB, FCHECK, no preset dictionary */
	if (clen < 2 + 4 || (z[0] & 0x0f) != Z_DEFLATED || (z[0] >> 4) > 7 ||
	    ((unsigned)z[0] << 8 | z[1]) % 31 || (z[1] & 0x20))
		return Z_DATA_ERROR;
#ifdef HAVE_LIBDEFLATE
	/*
	 * libdeflate first, under the same conditions: the whole raw stream
	 * up to the 4-byte trailer, to exactly ulen bytes.  perf and
	 * callgrind: zlib's inflate was 29% of `check` (a 16,001-clone trace;
	 * its records' runs of zeros are overlapping copies zlib makes a byte
	 * at a time).  Anything else goes through zlib, which says why.
	 */
	if (!r->dd)
		r->dd = libdeflate_alloc_decompressor();
	if (r->dd) {
		size_t in = 0, out = 0;

		if (libdeflate_deflate_decompress_ex(r->dd, z + 2, clen - 2 - 4, r->ubuf, ulen,
						     &in, &out) == LIBDEFLATE_SUCCESS &&
		    in == clen - 2 - 4 && out == ulen) {
			*done = ulen;
			return Z_OK;
		}
	}
#endif
	if (!r->zs_ready) {
		zerr = inflateInit2(&r->zs, -MAX_WBITS);
		if (zerr != Z_OK)
			return zerr;
		r->zs_ready = true;
	} else if (inflateReset(&r->zs) != Z_OK) {
		return Z_STREAM_ERROR;
	}
	r->zs.next_in = (Bytef *)z + 2;
	r->zs.avail_in = (uInt)(clen - 2 - 4);
	r->zs.next_out = r->ubuf;
	r->zs.avail_out = ulen;
	zerr = inflate(&r->zs, Z_FINISH);
	*done = ulen - r->zs.avail_out;
	if (zerr == Z_STREAM_END)
		/* all of the output, and only the adler32 trailer after the stream */
		return r->zs.avail_out || r->zs.avail_in ? Z_DATA_ERROR : Z_OK;
	return zerr == Z_OK || zerr == Z_BUF_ERROR ? Z_DATA_ERROR : zerr;
}

/* Check and inflate one BLOCK section into ubuf. */
static int rd_block(struct trace_reader *r, const struct sec_hdr *s)
{
	uint64_t at = s->off + SEC_HDR_LEN;
	uLongf dlen;
	uLong clen;
	uint32_t nrec, ulen;
	const uint8_t *p;
	int zerr;

	if (s->len <= BLOCK_HDR_LEN || s->len > BLOCK_HDR_LEN + compressBound(TRACE_BLOCK_MAX))
		return fail(r, -EBADMSG, s->off, "block %llu: impossible length %u",
			    (unsigned long long)r->blocks, s->len);
	if (rd_payload(r, s->len, s->crc, "block", &p))
		return r->e.err;
	nrec = get_le32(p);
	ulen = get_le32(p + 4);
	clen = s->len - BLOCK_HDR_LEN;
	if (ulen > TRACE_BLOCK_MAX || ulen < 5 || (uint64_t)ulen > (uint64_t)clen * DEFLATE_MAX_RATIO)
		return fail(r, -EBADMSG, at + 4,
			    "block %llu: impossible uncompressed length %u from %lu bytes",
			    (unsigned long long)r->blocks, ulen, clen);
	if (nrec == 0 || nrec > ulen / 5)
		return fail(r, -EBADMSG, at, "block %llu: impossible record count %u in %u bytes",
			    (unsigned long long)r->blocks, nrec, ulen);
	if (ulen > r->ubuf_cap) {
		uint8_t *n = realloc(r->ubuf, ulen);

		if (!n)
			return fail(r, -ENOMEM, at, "block %llu: cannot allocate %u bytes",
				    (unsigned long long)r->blocks, ulen);
		r->ubuf = n;
		r->ubuf_cap = ulen;
	}
	zerr = rd_inflate(r, p + BLOCK_HDR_LEN, clen, ulen, &dlen);
	if (zerr != Z_OK)
		return fail(r, -EBADMSG, at + BLOCK_HDR_LEN,
			    "block %llu: bad compressed data (zlib %d, %lu of %u bytes)",
			    (unsigned long long)r->blocks, zerr, (unsigned long)dlen, ulen);
	/*
	 * ucrc is not checked: the section's CRC covers every compressed
	 * byte, the raw inflate's header and end are checked above, and
	 * inflate is deterministic, so a block that passed both inflates to
	 * the bytes its writer compressed.  Checking it again cost 11% of
	 * `check` (perf, a 16,001-clone trace: 612 bytes a record).
	 */
	r->ulen = ulen;
	r->upos = 0;
	r->uleft = nrec;
	r->block_off = s->off;
	r->blocks++;
	return 0;
}

static int rd_trailer(struct trace_reader *r, const struct sec_hdr *s)
{
	uint64_t at = s->off + SEC_HDR_LEN, blocks;
	uint32_t npoints, i;
	const uint8_t *p;
	uint8_t extra;

	if (s->len < TRAILER_LEN || s->len > TRAILER_LEN + 8 * TRACE_POINTS_MAX)
		return fail(r, -EBADMSG, s->off, "trailer: impossible length %u", s->len);
	if (rd_payload(r, s->len, s->crc, "trailer", &p))
		return r->e.err;
	npoints = get_le32(p + 40);
	if (get_le32(p + 44) || npoints > TRACE_POINTS_MAX ||
	    (s->len != TRAILER_LEN + 8 * npoints &&
	     !(r->minor > TRACE_MINOR && s->len > TRAILER_LEN + 8 * npoints)))
		return fail(r, -EBADMSG, at + 40, "trailer: %u points in %u bytes", npoints, s->len);
	r->counts.records = get_le64(p);
	blocks = get_le64(p + 8);
	r->counts.lost_total = get_le64(p + 16);
	r->counts.undecodable = get_le64(p + 24);
	r->counts.untracked = get_le64(p + 32);
	/* points this build does not know are still in lost_total */
	for (i = 0; i < npoints && i < OBS__COUNT; i++)
		r->counts.lost[i] = get_le64(p + TRAILER_LEN + 8 * i);
	if (r->counts.records != r->records || blocks != r->blocks)
		return fail(r, -EBADMSG, at,
			    "trailer counts %llu records in %llu blocks, the file has %llu in %llu",
			    (unsigned long long)r->counts.records, (unsigned long long)blocks,
			    (unsigned long long)r->records, (unsigned long long)r->blocks);
	if (rd_some(r, &extra, 1) != 0)
		return fail(r, r->e.err ?: -EBADMSG, r->off - 1, "data after the trailer");
	r->done = true;
	return 0;
}

/* Hand out the next record of ubuf. */
static int rd_record(struct trace_reader *r, const void **rec, size_t *len)
{
	uint64_t at = r->block_off;
	uint32_t n;

	if (r->ulen - r->upos < 4)
		return fail(r, -EBADMSG, at,
			    "block %llu: record at uncompressed byte %zu: length cut off",
			    (unsigned long long)r->blocks - 1, r->upos);
	n = get_le32(r->ubuf + r->upos);
	if (n == 0 || n > TRACE_REC_MAX || n > r->ulen - r->upos - 4)
		return fail(r, -EBADMSG, at,
			    "block %llu: record at uncompressed byte %zu: impossible length %u",
			    (unsigned long long)r->blocks - 1, r->upos, n);
	memcpy(r->rec, r->ubuf + r->upos + 4, n);
	r->upos += 4 + n;
	r->uleft--;
	if (!r->uleft && r->upos != r->ulen)
		return fail(r, -EBADMSG, at, "block %llu: %zu bytes after its last record",
			    (unsigned long long)r->blocks - 1, r->ulen - r->upos);
	r->records++;
	*rec = r->rec;
	*len = n;
	return 1;
}

int trace_reader__next(struct trace_reader *r, const void **rec, size_t *len)
{
	struct sec_hdr s;
	int err;

	if (r->e.err)
		return r->e.err;
	while (!r->done) {
		if (r->uleft)
			return rd_record(r, rec, len);
		err = rd_section(r, &s);
		if (err < 0)
			return err;
		if (!err)
			return fail(r, -ENODATA, r->off,
				    "truncated: ends after %llu blocks, without a trailer",
				    (unsigned long long)r->blocks);
		switch (s.type) {
		case TRACE_SEC_BLOCK:
			err = rd_block(r, &s);
			break;
		case TRACE_SEC_TRAILER:
			err = rd_trailer(r, &s);
			break;
		case TRACE_SEC_META:
			return fail(r, -EBADMSG, s.off, "a second META section");
		default:
			if (r->minor <= TRACE_MINOR)
				return fail(r, -EBADMSG, s.off, "unknown section type %u in a %d.%u file",
					    s.type, TRACE_MAJOR, r->minor);
			if (s.len > TRACE_SKIP_MAX)
				return fail(r, -EBADMSG, s.off,
					    "unknown section type %u: impossible length %u",
					    s.type, s.len);
			err = rd_skip(r, s.len, s.crc);
			break;
		}
		if (err)
			return err;
	}
	return 0;
}

int trace_reader__counts(const struct trace_reader *r, struct trace_counts *c)
{
	if (!r->done)
		return -EAGAIN;
	*c = r->counts;
	return 0;
}

const struct trace_error *trace_reader__error(const struct trace_reader *r)
{
	return &r->e;
}

void trace_reader__close(struct trace_reader *r)
{
	if (!r)
		return;
	if (r->f)
		fclose(r->f);
	free(r->iobuf);
	free(r->sec);
	if (r->zs_ready)
		inflateEnd(&r->zs);
#ifdef HAVE_LIBDEFLATE
	if (r->dd)
		libdeflate_free_decompressor(r->dd);
#endif
	free(r->ubuf);
	free(r->rec);
	free(r->name);
	free(r);
}
