/* SPDX-License-Identifier: GPL-2.0 */
/* tests.h - the suites check_main.c runs. */
#ifndef CLONECHECK_TESTS_H
#define CLONECHECK_TESTS_H

#include <check.h>

Suite *model_suite(void);
Suite *decode_suite(void);
Suite *correlate_suite(void);
Suite *diff_suite(void);
Suite *report_suite(void);
Suite *trace_suite(void);
Suite *fixtures_suite(void);
Suite *flight_suite(void);
#ifdef WITH_LIVE
Suite *live_suite(void);
Suite *live_workload_suite(void);
Suite *live_trace_suite(void);
Suite *live_daemon_suite(void);
Suite *live_stop_suite(void);
Suite *live_packaging_suite(void);
/* CC_VFORK_KILLED=1: check_all runs as live_clone.c's vfork helper (its exit status) */
int live_vfork_killed_helper(void);
#endif

#endif /* CLONECHECK_TESTS_H */
