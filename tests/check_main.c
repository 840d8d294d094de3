// SPDX-License-Identifier: GPL-2.0
/*
 * check_main.c - one Check runner over every suite; prints Check's summary
 * line.  CK_RUN_SUITE=name runs one suite (Check's own variable).
 */
#include <stdlib.h>

#include "log.h"
#include "tests.h"

int log_verbose;

int main(void)
{
	SRunner *sr;
	int failed;

#ifdef WITH_LIVE
	if (getenv("CC_VFORK_KILLED"))
		return live_vfork_killed_helper();
#endif
	sr = srunner_create(model_suite());
	srunner_add_suite(sr, decode_suite());
	srunner_add_suite(sr, correlate_suite());
	srunner_add_suite(sr, diff_suite());
	srunner_add_suite(sr, report_suite());
	srunner_add_suite(sr, trace_suite());
	srunner_add_suite(sr, fixtures_suite());
	srunner_add_suite(sr, flight_suite());
#ifdef WITH_LIVE
	srunner_add_suite(sr, live_suite());
	srunner_add_suite(sr, live_workload_suite());
	srunner_add_suite(sr, live_trace_suite());
	srunner_add_suite(sr, live_daemon_suite());
	srunner_add_suite(sr, live_stop_suite());
	srunner_add_suite(sr, live_packaging_suite());
#endif
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
