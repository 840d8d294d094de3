/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flight.h - the daemon's flight recorder: the last N bytes of raw records,
 * kept in memory, so that a finding can be written out as evidence (a trace
 * file `clonecheck check` judges) after the fact.
 */
#ifndef CLONECHECK_FLIGHT_H
#define CLONECHECK_FLIGHT_H

#include <stddef.h>
#include <stdint.h>

#include "trace_file.h"

struct flight;

/* A recorder of cap bytes (records and their 8-byte headers); NULL on ENOMEM. */
struct flight *flight__new(size_t cap);
/* Keep a copy of one record, dropping the oldest to make room (a record
 * larger than the recorder is dropped itself and counted). */
void flight__add(struct flight *f, const void *rec, size_t len);
/* Records kept now, records dropped to make room since the start. */
size_t flight__records(const struct flight *f);
uint64_t flight__dropped(const struct flight *f);
/* Each record kept, oldest first, until cb returns non-zero (returned). */
int flight__each(const struct flight *f, int (*cb)(void *ctx, const void *rec, size_t len),
		 void *ctx);
/*
 * Write the records of clone_id still kept, oldest first, to a trace file
 * at path with header m and trailer counts c.  The number of records
 * written (0 if none is kept: no file), or -errno.
 */
int flight__write(const struct flight *f, uint64_t clone_id, const char *path,
		  const struct trace_meta *m, const struct trace_counts *c);
void flight__free(struct flight *f);

#endif /* CLONECHECK_FLIGHT_H */
