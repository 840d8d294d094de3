// SPDX-License-Identifier: GPL-2.0
/*
 * rules.c - the names of the stages, and the kernel profile parsed from
 * uname.  The rule table is in catalogue.c, the fields of a task in
 * fields.c.
 */
#include "model.h"
#include "clone_flags.h"
#include "pred.h"

static const char *const model_stage_names[MODEL_STAGE__COUNT] = {
	[MODEL_STAGE_SYS_ENTER]	= "sys_enter",
	[MODEL_STAGE_NEWTASK]	= "task_newtask",
	[MODEL_STAGE_FORK]	= "sched_process_fork",
	[MODEL_STAGE_WAKEUP]	= "sched_wakeup_new",
	[MODEL_STAGE_SYS_EXIT]	= "sys_exit",
	[MODEL_STAGE_CHILD_RET]	= "child_sys_exit",
};

/* Stage name after its tracepoint; "?" if out of range. */
const char *model_stage_name(enum model_stage s)
{
	if ((unsigned int)s >= MODEL_STAGE__COUNT)
		return "?";
	return model_stage_names[s];
}

/* Parse a decimal number of at most 4 digits; NULL if none. */
static const char *model_parse_num(const char *s, int *out)
{
	int v = 0, n = 0;

	while (*s >= '0' && *s <= '9' && n < 4) {
		v = v * 10 + (*s - '0');
		s++;
		n++;
	}
	if (n == 0 || (*s >= '0' && *s <= '9'))
		return NULL;
	*out = v;
	return s;
}

/*
 * Parse uname -r / uname -m, e.g. "6.18.44-fc-v657" and "x86_64", into a
 * profile.  major.minor are kept as they are: the model branches on the
 * version each change entered (E- notes), which also places kernels
 * between the families (e.g. 6.6 behaves as 6.1 for V-16/E-12 but has
 * ret_from_fork_asm); model_profile_family() names the nearest family at
 * or below.  The point release is kept when it is real: Debian's ABI
 * strings ("6.1.0-37-amd64") show .0 for every 6.1.y, so ".0-<digit>"
 * leaves it unknown.  "x86_64" -> X86_64, "aarch64" or "arm64" -> ARM64.
 * Releases before 5.10 (no kernel_clone(), which the BPF side attaches to)
 * are refused.  Other profile members stay zero (unknown).
 * Returns 0 or -EINVAL (anything else, or a malformed release).
 */
int model_profile_from_uname(const char *release, const char *machine,
			     struct model_profile *out)
{
	struct model_profile p = { 0 };
	const char *s, *t;

	if (!release || !machine || !out)
		return -MODEL_EINVAL;
	s = model_parse_num(release, &p.major);
	if (!s || *s != '.')
		return -MODEL_EINVAL;
	s = model_parse_num(s + 1, &p.minor);
	if (!s || (*s != '\0' && *s != '.' && *s != '-' && *s != '+'))
		return -MODEL_EINVAL;
	if (p.major < 5 || (p.major == 5 && p.minor < 10))
		return -MODEL_EINVAL;
	if (*s == '.') {
		t = model_parse_num(s + 1, &p.patch);
		p.patch_known = t != NULL;
		if (t && p.patch == 0 && t[0] == '-' && t[1] >= '0' && t[1] <= '9')
			p.patch_known = false;	/* Debian ABI name */
		if (!p.patch_known)
			p.patch = 0;
	}

	if (model_streq(machine, "x86_64"))
		p.arch = MODEL_ARCH_X86_64;
	else if (model_streq(machine, "aarch64") || model_streq(machine, "arm64"))
		p.arch = MODEL_ARCH_ARM64;
	else
		return -MODEL_EINVAL;

	*out = p;
	return 0;
}

/*
 * The catalogue's version family of a profile: the nearest family at or
 * below its version (5.10 for anything older than 6.0).
 */
enum model_family model_profile_family(const struct model_profile *prof)
{
	if (prof->major > 6 || (prof->major == 6 && prof->minor >= 18))
		return MODEL_FAMILY_6_18;
	if (prof->major == 6 && prof->minor >= 12)
		return MODEL_FAMILY_6_12;
	if (prof->major == 6)
		return MODEL_FAMILY_6_1;
	return MODEL_FAMILY_5_10;
}
