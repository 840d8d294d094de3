// SPDX-License-Identifier: GPL-2.0
/* json_writer.c - streaming JSON writer; see json_writer.h for the contract. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "report_escape.h"

struct json_writer {
	FILE *out;			/* where the JSON goes */
	int err;			/* first error, 0 or -errno (sticky) */
	int depth;			/* open objects and arrays */
	bool is_obj[JSON_WRITER_MAX_DEPTH]; /* level i is an object (else array) */
	bool has_elem[JSON_WRITER_MAX_DEPTH]; /* level i has a member already */
	bool name_due;			/* in an object and no name given yet */
};

static void jw_fail(struct json_writer *w, int err)
{
	if (!w->err)
		w->err = err;
}

int json_escape_str(FILE *out, const char *s, size_t len)
{
	fputc('"', out);
	escape_write(out, s, len, &escape_json);
	fputc('"', out);
	return ferror(out) ? -EIO : 0;
}

struct json_writer *json_writer__new(FILE *out)
{
	struct json_writer *w;

	if (!out) {
		errno = EINVAL;
		return NULL;
	}
	w = calloc(1, sizeof(*w));
	if (!w)
		return NULL;
	w->out = out;
	return w;
}

int json_writer__free(struct json_writer *w)
{
	int err;

	if (!w)
		return 0;
	if (w->depth)
		jw_fail(w, -EINVAL);	/* unbalanced: a truncated value */
	if (fflush(w->out))
		jw_fail(w, -errno);
	err = w->err;
	free(w);
	return err;
}

int json_writer__err(const struct json_writer *w)
{
	return w->err;
}

/* Before a value: the comma, and the check that a name came first. */
static void jw_value_prefix(struct json_writer *w)
{
	int d = w->depth - 1;

	if (d < 0)
		return;
	if (w->is_obj[d]) {
		if (w->name_due)
			jw_fail(w, -EINVAL);	/* value without a name */
		w->name_due = true;
		return;
	}
	if (w->has_elem[d])
		fputc(',', w->out);
	w->has_elem[d] = true;
}

/* After a value: a newline if it completed a top-level value. */
static void jw_value_done(struct json_writer *w)
{
	if (!w->depth)
		fputc('\n', w->out);
	if (ferror(w->out))
		jw_fail(w, -EIO);
}

static void jw_open(struct json_writer *w, bool obj)
{
	jw_value_prefix(w);
	if (w->depth >= JSON_WRITER_MAX_DEPTH) {
		jw_fail(w, -E2BIG);
		return;
	}
	fputc(obj ? '{' : '[', w->out);
	w->is_obj[w->depth] = obj;
	w->has_elem[w->depth] = false;
	w->depth++;
	w->name_due = obj;
}

static void jw_close(struct json_writer *w, bool obj)
{
	if (!w->depth || w->is_obj[w->depth - 1] != obj ||
	    (obj && !w->name_due)) {
		jw_fail(w, -EINVAL);	/* unbalanced, or a name without value */
		return;
	}
	fputc(obj ? '}' : ']', w->out);
	w->depth--;
	/* back in the parent: an object wants its next name */
	w->name_due = w->depth && w->is_obj[w->depth - 1];
	jw_value_done(w);
}

void json_writer__obj_begin(struct json_writer *w)
{
	jw_open(w, true);
}

void json_writer__obj_end(struct json_writer *w)
{
	jw_close(w, true);
}

void json_writer__arr_begin(struct json_writer *w)
{
	jw_open(w, false);
}

void json_writer__arr_end(struct json_writer *w)
{
	jw_close(w, false);
}

void json_writer__name(struct json_writer *w, const char *name)
{
	int d = w->depth - 1;

	if (d < 0 || !w->is_obj[d] || !w->name_due) {
		jw_fail(w, -EINVAL);
		return;
	}
	if (w->has_elem[d])
		fputc(',', w->out);
	w->has_elem[d] = true;
	json_escape_str(w->out, name, strlen(name));
	fputc(':', w->out);
	w->name_due = false;
}

void json_writer__strn(struct json_writer *w, const char *s, size_t len)
{
	jw_value_prefix(w);
	json_escape_str(w->out, s, len);
	jw_value_done(w);
}

void json_writer__str(struct json_writer *w, const char *s)
{
	if (!s) {
		json_writer__null(w);
		return;
	}
	json_writer__strn(w, s, strlen(s));
}

void json_writer__u64(struct json_writer *w, uint64_t v)
{
	jw_value_prefix(w);
	fprintf(w->out, "%" PRIu64, v);
	jw_value_done(w);
}

void json_writer__s64(struct json_writer *w, int64_t v)
{
	jw_value_prefix(w);
	fprintf(w->out, "%" PRId64, v);
	jw_value_done(w);
}

void json_writer__bool(struct json_writer *w, bool v)
{
	jw_value_prefix(w);
	fputs(v ? "true" : "false", w->out);
	jw_value_done(w);
}

void json_writer__null(struct json_writer *w)
{
	jw_value_prefix(w);
	fputs("null", w->out);
	jw_value_done(w);
}

void json_writer__float(struct json_writer *w, double v)
{
	if (!isfinite(v)) {
		json_writer__null(w);
		return;
	}
	jw_value_prefix(w);
	fprintf(w->out, "%.6g", v);
	jw_value_done(w);
}

void json_writer__str_field(struct json_writer *w, const char *name, const char *s)
{
	json_writer__name(w, name);
	json_writer__str(w, s);
}

void json_writer__u64_field(struct json_writer *w, const char *name, uint64_t v)
{
	json_writer__name(w, name);
	json_writer__u64(w, v);
}

void json_writer__s64_field(struct json_writer *w, const char *name, int64_t v)
{
	json_writer__name(w, name);
	json_writer__s64(w, v);
}

void json_writer__bool_field(struct json_writer *w, const char *name, bool v)
{
	json_writer__name(w, name);
	json_writer__bool(w, v);
}

void json_writer__null_field(struct json_writer *w, const char *name)
{
	json_writer__name(w, name);
	json_writer__null(w);
}

int json_print_error(FILE *out, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	fputs("{\"error\":", out);
	json_escape_str(out, buf, strnlen(buf, sizeof(buf)));
	fputs("}\n", out);
	if (fflush(out) || ferror(out))
		return -EIO;
	return 0;
}
