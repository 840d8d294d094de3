// SPDX-License-Identifier: GPL-2.0
/*
 * check_flight.c - the daemon's flight recorder: what it keeps is always
 * the newest records, whole and in order, within its size; the evidence it
 * writes is a trace file of one clone's records.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/types.h>

#include "flight.h"
#include "tests.h"
#include "../bpf/events.h"

/* Record i: a header (clone i / 3) and bytes that say who they are. */
static size_t make_rec(unsigned int i, unsigned char *buf)
{
	size_t len = sizeof(struct rec_hdr) + (i * 7919u) % 900;
	struct rec_hdr h = { .type = REC_SYS_EXIT, .size = (__u32)len, .ts_ns = i,
			     .clone_id = i / 3 };

	for (size_t k = sizeof(h); k < len; k++)
		buf[k] = (unsigned char)(i + k);
	memcpy(buf, &h, sizeof(h));
	return len;
}

struct walk {
	unsigned int next;	/* the record expected next */
	size_t n, bytes;
};

static int check_one(void *ctx, const void *rec, size_t len)
{
	struct walk *w = ctx;
	static unsigned char want[1024];
	size_t wl = make_rec(w->next, want);

	ck_assert_msg(len == wl && !memcmp(rec, want, len), "record %u damaged", w->next);
	w->next++;
	w->n++;
	w->bytes += 8 + ((len + 7) & ~7u);
	return 0;
}

START_TEST(test_flight_keeps_newest_in_order)
{
	static const size_t caps[] = { 4096, 10000, 1 << 16 };
	unsigned char rec[1024];

	for (size_t c = 0; c < sizeof(caps) / sizeof(caps[0]); c++) {
		struct flight *f = flight__new(caps[c]);
		unsigned int total = 0;

		ck_assert_ptr_nonnull(f);
		for (unsigned int i = 0; i < 5000; i++) {
			struct walk w = {};

			flight__add(f, rec, make_rec(i, rec));
			total++;
			/* what is kept ends at the record just added, with none missing */
			w.next = total - (unsigned int)flight__records(f);
			ck_assert_int_eq(flight__each(f, check_one, &w), 0);
			ck_assert_uint_eq(w.next, total);
			ck_assert_uint_eq(w.n, flight__records(f));
			ck_assert_uint_le(w.bytes, caps[c]);
			/* a full recorder holds at least a quarter of its size (worst wrap) */
			if (i > 200)
				ck_assert_uint_ge(w.bytes + 8 + 1024, caps[c] / 4);
			ck_assert_uint_eq(flight__dropped(f), total - flight__records(f));
		}
		flight__free(f);
	}
}
END_TEST

/* A record bigger than half the recorder is refused and counted, not kept. */
START_TEST(test_flight_refuses_huge)
{
	struct flight *f = flight__new(1024);
	unsigned char rec[1024] = { 0 };

	flight__add(f, rec, 600);
	ck_assert_uint_eq(flight__records(f), 0);
	ck_assert_uint_eq(flight__dropped(f), 1);
	flight__free(f);
	ck_assert_ptr_null(flight__new(8));
}
END_TEST

/* The evidence: one clone's records, as a trace file that reads back. */
START_TEST(test_flight_write_one_clone)
{
	struct flight *f = flight__new(1 << 16);
	char path[] = "/tmp/cc-flight-XXXXXX";
	struct trace_meta m = { 0 }, rm;
	struct trace_counts c = { 0 };
	struct trace_error e;
	struct trace_reader *r;
	unsigned char rec[1024];
	const void *p;
	size_t len;
	int fd, n = 0;

	for (unsigned int i = 0; i < 30; i++)
		flight__add(f, rec, make_rec(i, rec));
	snprintf(m.release, sizeof(m.release), "6.18.0-test");
	snprintf(m.profile, sizeof(m.profile), "6.18/x86_64");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(flight__write(f, 4, path, &m, &c), 3);	/* records 12, 13, 14 */
	r = trace_reader__open(path, &rm, &e);
	ck_assert_msg(r, "%s", e.msg);
	ck_assert_str_eq(rm.release, "6.18.0-test");
	while (trace_reader__next(r, &p, &len) == 1) {
		unsigned char want[1024];

		ck_assert_uint_eq(len, make_rec(12 + n, want));
		ck_assert(!memcmp(p, want, len));
		n++;
	}
	ck_assert_int_eq(n, 3);
	trace_reader__close(r);
	/* a clone no longer (or never) kept: no file */
	unlink(path);
	ck_assert_int_eq(flight__write(f, 999, path, &m, &c), 0);
	ck_assert_int_eq(access(path, F_OK), -1);
	flight__free(f);
}
END_TEST

Suite *flight_suite(void)
{
	Suite *s = suite_create("flight");
	TCase *tc = tcase_create("Core");

	/* 15,000 walks of up to a thousand records: seconds on a busy machine */
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_flight_keeps_newest_in_order);
	tcase_add_test(tc, test_flight_refuses_huge);
	tcase_add_test(tc, test_flight_write_one_clone);
	suite_add_tcase(s, tc);
	return s;
}
