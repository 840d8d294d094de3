/* SPDX-License-Identifier: GPL-2.0 */
/*
 * json_writer.h - streaming JSON writer (bpftool's json_writer shape).
 *
 * Compact output, no pretty printing.  Every complete top-level value is
 * followed by a newline, so a stream of objects is JSON Lines.  Strings are
 * escaped byte by byte: '"', '\\' and every byte below 0x20 (and 0x7f) are
 * escaped; valid UTF-8 passes through; a byte that is not part of valid
 * UTF-8 is written as \u00XX (its Latin-1 reading), so the output is always
 * valid UTF-8 JSON whatever a comm or label holds.
 *
 * Errors are sticky: the first write error or misuse (a value where a name
 * is due, unbalanced ends, nesting too deep) is kept and returned by
 * json_writer__err() and json_writer__free().
 */
#ifndef CLONECHECK_JSON_WRITER_H
#define CLONECHECK_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_WRITER_MAX_DEPTH 32

struct json_writer;

/* A writer on out (not closed by the writer); NULL with errno set. */
struct json_writer *json_writer__new(FILE *out);
/* Flush, free; returns the sticky error, 0 or -errno (w may be NULL). */
int json_writer__free(struct json_writer *w);
/* The first error so far: 0 or -errno. */
int json_writer__err(const struct json_writer *w);

void json_writer__obj_begin(struct json_writer *w);
void json_writer__obj_end(struct json_writer *w);
void json_writer__arr_begin(struct json_writer *w);
void json_writer__arr_end(struct json_writer *w);
/* The name of the next member of the current object. */
void json_writer__name(struct json_writer *w, const char *name);

/* Values. */
void json_writer__str(struct json_writer *w, const char *s);	/* NULL: null */
void json_writer__strn(struct json_writer *w, const char *s, size_t len);
void json_writer__u64(struct json_writer *w, uint64_t v);
void json_writer__s64(struct json_writer *w, int64_t v);
void json_writer__bool(struct json_writer *w, bool v);
void json_writer__null(struct json_writer *w);
/* A double with up to 6 significant decimals; NaN/inf become null. */
void json_writer__float(struct json_writer *w, double v);

/* name + value in one call. */
void json_writer__str_field(struct json_writer *w, const char *name, const char *s);
void json_writer__u64_field(struct json_writer *w, const char *name, uint64_t v);
void json_writer__s64_field(struct json_writer *w, const char *name, int64_t v);
void json_writer__bool_field(struct json_writer *w, const char *name, bool v);
void json_writer__null_field(struct json_writer *w, const char *name);

/* Write s[0..len) as a JSON string literal, quotes included; 0 or -errno. */
int json_escape_str(FILE *out, const char *s, size_t len);

/*
 * The CLI's error line in JSON mode (bpftool's p_err): {"error":"..."}
 * and a newline on out.  0 or -errno.
 */
int json_print_error(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* CLONECHECK_JSON_WRITER_H */
