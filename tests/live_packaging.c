// SPDX-License-Identifier: GPL-2.0
/*
 * live_packaging.c - what `make install` and the .deb ship, each part
 * checked by tests/packaging.sh against the built binary: the man pages
 * render with no warning and name every option --help lists, the bash
 * completion completes, the systemd unit verifies and its sandbox lets
 * clonecheck observe (root, BPF), systemd as PID 1 starts, reloads and
 * stops it as installed, make install lays every file out with
 * its mode.  The .deb is built by `make deb` only: it takes minutes.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tests.h"

#define PK_OUT_MAX 8192		/* the script's messages kept for the failure */

/*
 * Run tests/packaging.sh NAME at the top of the tree, with the binary under
 * test; fail with the script's messages (one line per failed check).
 */
static void run_packaging(const char *name)
{
	char file[4096], bin[4096], cmd[12288], out[PK_OUT_MAX] = "";
	size_t len = 0, n;
	FILE *p;
	int st;

	/* __FILE__ is tests/live_packaging.c, relative to the top or absolute */
	snprintf(file, sizeof(file), "%s", __FILE__);
	snprintf(bin, sizeof(bin), "%s", CLONECHECK_BIN);
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && CLONECHECK_BIN='%s' OUTPUT='%s' tests/packaging.sh %s 2>&1",
		 dirname(dirname(file)), CLONECHECK_BIN, dirname(bin), name);
	p = popen(cmd, "r");
	ck_assert_msg(p, "popen: %s", strerror(errno));
	while (len < sizeof(out) - 1 && (n = fread(out + len, 1, sizeof(out) - 1 - len, p)) > 0)
		len += n;
	out[len] = '\0';
	while (fread(cmd, 1, sizeof(cmd), p) > 0)
		;	/* the rest, unkept, so that the script is not cut short */
	st = pclose(p);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "packaging.sh %s (status %#x):\n%s",
		      name, st, out);
}

START_TEST(test_packaging_man_pages_render_clean)
{
	run_packaging("man");
}
END_TEST

START_TEST(test_packaging_man_pages_match_help)
{
	run_packaging("man-options");
}
END_TEST

START_TEST(test_packaging_bash_completion)
{
	run_packaging("completion");
}
END_TEST

START_TEST(test_packaging_unit_verifies)
{
	run_packaging("unit");
}
END_TEST

START_TEST(test_packaging_unit_sandbox_observes)
{
	run_packaging("sandbox");
}
END_TEST

START_TEST(test_packaging_unit_under_systemd)
{
	run_packaging("boot");
}
END_TEST

START_TEST(test_packaging_make_install)
{
	run_packaging("install");
}
END_TEST

Suite *live_packaging_suite(void)
{
	Suite *s = suite_create("live_packaging");
	TCase *tc = tcase_create("Install");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_packaging_man_pages_render_clean);
	tcase_add_test(tc, test_packaging_man_pages_match_help);
	tcase_add_test(tc, test_packaging_bash_completion);
	tcase_add_test(tc, test_packaging_unit_verifies);
	tcase_add_test(tc, test_packaging_unit_sandbox_observes);
	tcase_add_test(tc, test_packaging_unit_under_systemd);
	tcase_add_test(tc, test_packaging_make_install);
	suite_add_tcase(s, tc);
	return s;
}
