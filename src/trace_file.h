/* SPDX-License-Identifier: GPL-2.0 */
/*
 * trace_file.h - record and replay: a file of raw ring-buffer records.
 *
 * `clonecheck record -o FILE` writes what the BPF side delivered, byte for
 * byte, with a self-describing header; `clonecheck check FILE` reads it back
 * and feeds each record to session__record() as the loader would.  The
 * header carries what a struct run_info and the model profile need, the
 * trailer the loss counts.
 *
 * On-disk format, version 1.0.  Every integer is little-endian on disk and
 * is encoded and decoded byte by byte; CRCs are zlib's crc32().
 *
 *   preamble (16 bytes)
 *     u8  magic[8]      "CCTRACE\n"
 *     u16 major         TRACE_MAJOR; another major is refused (-EPROTO)
 *     u16 minor         TRACE_MINOR; a newer minor may add section types and
 *                       meta tags, which this reader skips
 *     u32 crc           crc32 of the 12 bytes above
 *   sections, each:
 *     u32 type          enum trace_section
 *     u32 len           payload bytes (capped per type, see TRACE_*_MAX)
 *     u32 crc           crc32 of the payload
 *     u32 hdr_crc       crc32 of the 12 bytes above
 *     u8  payload[len]
 *
 *   META (exactly one, first): tag-length-value fields, each
 *     u16 tag (enum trace_tag), u16 len, u8 value[len].  Strings are
 *     1..TRACE_STR_MAX bytes (or empty), no NUL, no terminator.  Integers as
 *     listed at enum trace_tag.
 *   BLOCK (any number): u32 nrec, u32 ulen, u32 ucrc (crc32 of the
 *     uncompressed bytes: written, not checked by this reader, since the
 *     section CRC covers the compressed bytes; nor is zlib's adler32), then
 *     a zlib stream (compress2()) of ulen bytes
 *     that holds nrec records, each u32 len (1..TRACE_REC_MAX) then the
 *     record's own bytes exactly as the ring buffer delivered them.
 *   TRAILER (exactly one, last, then end of file): u64 records, u64 blocks,
 *     u64 lost_total, u64 undecodable, u64 untracked, u32 npoints
 *     (<= TRACE_POINTS_MAX), u32 zero, u64 lost[npoints].
 *
 * Every byte of a file is covered by a CRC, so a flipped byte is always
 * reported.  A section type or meta tag this reader does not know is an
 * error unless the file's minor is newer than TRACE_MINOR, then it is
 * skipped.  Records are the recording host's bytes, not converted: the meta
 * carries their byte order, the size of each struct rec_* (the record ABI)
 * and, since 1.1, the size of each part of each record type (PARTS,
 * src/decode.h).  Parts grow only at their end, so records of an older or
 * newer layout decode part by part, zero-extended or cut (decode_record_as());
 * a 1.0 file has the parts of decode_layout_v1().  Only another byte order
 * or header size, or 1.0 sizes that are not 1.0's, are refused.
 *
 * Errors (returned as -errno, described by struct trace_error):
 *   -ENOEXEC          not a clonecheck trace (bad magic)
 *   -EPROTO           unsupported major version
 *   -EPROTONOSUPPORT  records of another byte order or an unknown 1.0 layout
 *   -EBADMSG          corrupt: CRC mismatch, impossible length, bad field,
 *                     sections out of order, counts that do not add up
 *   -ENODATA          truncated: the file ends before its trailer
 *   -ENOMEM, -EIO and other -errno from the system
 */
#ifndef CLONECHECK_TRACE_FILE_H
#define CLONECHECK_TRACE_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"

#define TRACE_MAJOR 1
#define TRACE_MINOR 1

#define TRACE_STR_MAX 255		/* bytes of a meta string, without NUL */
#define TRACE_REC_MAX (64 * 1024)	/* largest record, bytes */
#define TRACE_BLOCK_BYTES (64 * 1024)	/* the writer compresses a block here */
#define TRACE_BLOCK_MAX (16 * 1024 * 1024) /* uncompressed block cap (reader) */
#define TRACE_META_MAX (64 * 1024)	/* META payload cap */
#define TRACE_SKIP_MAX (32 * 1024 * 1024) /* cap of a skipped unknown section */
#define TRACE_ABI_TYPES 32		/* rec_type slots in struct trace_abi */
#define TRACE_POINTS_MAX 32		/* lost[] entries a trailer may carry */

enum trace_section {
	TRACE_SEC_META = 1,
	TRACE_SEC_BLOCK = 2,
	TRACE_SEC_TRAILER = 3,
};

/* META tags; (s) string, (uN) little-endian integer. */
enum trace_tag {
	TRACE_TAG_RELEASE = 1,		/* (s) uname -r of the recorded kernel */
	TRACE_TAG_MACHINE = 2,		/* (s) uname -m */
	TRACE_TAG_BACKEND = 3,		/* (s) backend that observed */
	TRACE_TAG_OBS_MASK = 4,		/* (u32) bit p: enum obs_point p observable */
	TRACE_TAG_OBS_TEXT = 5,		/* (s) what the backend observes, in words */
	TRACE_TAG_BTF = 6,		/* (u64 size, u32 crc32) of the kernel's BTF */
	TRACE_TAG_PROFILE = 7,		/* (s) model profile, e.g. "6.18/x86_64" */
	TRACE_TAG_WORKLOAD = 8,		/* (s) what was observed */
	TRACE_TAG_ABI = 9,		/* (u32 byte order, u32 hdr size, u32 n, u32 size[n]) */
	TRACE_TAG_PARTS = 10,		/* (u32 n, u32 parts, u32 size[n][parts]): 1.1+ */
};

/* The layout of the records in a trace: struct rec_* of bpf/events.h. */
struct trace_abi {
	uint32_t byte_order;		/* 1 little-endian, 2 big-endian */
	uint32_t hdr_size;		/* sizeof(struct rec_hdr) */
	uint32_t n_types;		/* entries used in size[] */
	uint32_t size[TRACE_ABI_TYPES];	/* record size per enum rec_type, 0 none */
};

/* The header of a trace.  Strings are NUL-terminated. */
struct trace_meta {
	uint16_t major;			/* format version read (reader fills) */
	uint16_t minor;			/* format minor read (reader fills) */
	char release[TRACE_STR_MAX + 1];	/* uname -r */
	char machine[TRACE_STR_MAX + 1];	/* uname -m */
	char backend[TRACE_STR_MAX + 1];	/* struct run_info.backend */
	uint32_t obs_mask;		/* bit p set: obs_point p is observed */
	char obs_text[TRACE_STR_MAX + 1];	/* the same in words, free text */
	uint64_t btf_size;		/* /sys/kernel/btf/vmlinux size, 0 unknown */
	uint32_t btf_crc32;		/* its crc32, see trace_btf_identity() */
	char profile[TRACE_STR_MAX + 1];	/* model profile, e.g. "6.18/x86_64" */
	char workload[TRACE_STR_MAX + 1];	/* struct run_info.workload */
	struct trace_abi abi;		/* record sizes (writer: this build's) */
	struct decode_layout layout;	/* record parts (reader fills; a 1.0 file's
					 * are decode_layout_v1()) */
};

/* The trailer: struct run_info's loss fields plus the record count. */
struct trace_counts {
	uint64_t records;		/* records in the file (writer counts) */
	uint64_t lost[OBS__COUNT];	/* records BPF could not submit, per point */
	uint64_t lost_total;		/* struct run_info.lost_total */
	uint64_t undecodable;		/* records the decoder refused */
	uint64_t untracked;		/* child points with no known clone_id */
};

#define TRACE_ERRMSG_LEN 256

/* Why a reader failed: one line, with the byte offset where it went wrong. */
struct trace_error {
	int err;			/* -errno, 0 none */
	uint64_t offset;		/* byte of the file where it went wrong */
	char msg[TRACE_ERRMSG_LEN];	/* "FILE: byte N: what" */
};

struct trace_writer;
struct trace_reader;

/* This build's record ABI (from bpf/events.h, through decode_layout_current()). */
void trace_abi_current(struct trace_abi *abi);
/*
 * Identity of a BTF file (normally /sys/kernel/btf/vmlinux): its size and
 * crc32, for struct trace_meta.  0 or -errno.
 */
int trace_btf_identity(const char *path, uint64_t *size, uint32_t *crc);
/* A short phrase for one of the -errno values above, e.g. "corrupt trace". */
const char *trace_strerror(int err);

/*
 * Create (truncate) path and write the preamble and META from m.  m->major,
 * m->minor and m->abi are ignored: the file gets this build's.  Returns NULL
 * with *err = -errno (-EINVAL for a string without NUL in its array).
 */
struct trace_writer *trace_writer__open(const char *path, const struct trace_meta *m,
					int *err);
/*
 * Append one record (1..TRACE_REC_MAX bytes, else -E2BIG/-EINVAL).  Buffers;
 * writes a block each TRACE_BLOCK_BYTES.  0 or -errno; an I/O error sticks
 * and is returned again by every later call and by close.
 */
int trace_writer__add(struct trace_writer *w, const void *rec, size_t len);
/*
 * Write what is buffered as a block now, even a small one: a recording
 * killed later keeps it.  0 or -errno (sticky, as for add).
 */
int trace_writer__flush(struct trace_writer *w);
/*
 * Write the last block and the trailer (c->records is ignored: the writer
 * counts), flush, fsync and close.  Always frees w.  0 or the first -errno.
 */
int trace_writer__close(struct trace_writer *w, const struct trace_counts *c);

/*
 * Open a trace and read its preamble and META into *m.  Returns NULL with
 * *e filled on failure; on -EPROTONOSUPPORT *m is complete, so the caller
 * can say what the file holds.
 */
struct trace_reader *trace_reader__open(const char *path, struct trace_meta *m,
					struct trace_error *e);
/* The same over bytes in memory; buf must outlive the reader. */
struct trace_reader *trace_reader__open_mem(const void *buf, size_t len, struct trace_meta *m,
					    struct trace_error *e);
/*
 * Next record: 1 with *rec and *len set (valid until the next call, 8-byte
 * aligned), 0 at the trailer (the file is whole), or -errno, then sticky;
 * trace_reader__error() says why.  Records before a damaged block are
 * delivered before the error.
 */
int trace_reader__next(struct trace_reader *r, const void **rec, size_t *len);
/* The trailer's counts, once next() has returned 0; else -EAGAIN. */
int trace_reader__counts(const struct trace_reader *r, struct trace_counts *c);
/* The reader's last error (err 0: none). */
const struct trace_error *trace_reader__error(const struct trace_reader *r);
void trace_reader__close(struct trace_reader *r);

#endif /* CLONECHECK_TRACE_FILE_H */
