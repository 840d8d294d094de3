/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report_escape.h - one escaping loop for every output format.
 *
 * A string is walked once as UTF-8.  Each format says, in a table, what
 * replaces the ASCII bytes it cannot carry as they are, and how it writes a
 * byte it cannot carry at all: a control byte, 0x7f, or a byte that is not
 * part of valid UTF-8 (overlong forms and surrogates are not valid).  Valid
 * UTF-8 otherwise passes through unchanged.
 */
#ifndef CLONECHECK_REPORT_ESCAPE_H
#define CLONECHECK_REPORT_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* How one format writes text. */
struct escape_rules {
	const char *ascii[128];	/* replacement of an ASCII byte; NULL: the byte itself
				 * (or, for a control byte or 0x7f, bad) */
	const char *bad;	/* printf format of a byte the format cannot carry */
};

/* JSON string contents: \" \\ \n \t \r \b \f, other controls and bytes not
 * in UTF-8 as \u00XX (the byte read as Latin-1). */
extern const struct escape_rules escape_json;
/* XML 1.0 / HTML text: & < > " ' as entities, CR as &#13;, tab and LF as
 * they are; other controls and bytes not in UTF-8 as the text \xNN. */
extern const struct escape_rules escape_xml_text;
/* The same in an attribute value: tab and LF as &#9; and &#10;. */
extern const struct escape_rules escape_xml_attr;
/* One GitHub Markdown table cell or inline text: & < > as entities,
 * \ ` * _ [ ] | # ~ with a backslash, controls as the text \xNN (so never a
 * line break or a cell boundary). */
extern const struct escape_rules escape_md;
/* One KTAP diagnostic line: controls (so never a line break) as \xNN. */
extern const struct escape_rules escape_ktap;
/* A KTAP test name: as escape_ktap, and '#' (which would start the
 * directive) as \x23. */
extern const struct escape_rules escape_ktap_name;

/*
 * Length (1..4) of the valid UTF-8 sequence at s[0..left), 0 if s[0] does
 * not start one.
 */
size_t utf8_seq_len(const char *s, size_t left);

/* Write s[0..len) to out by the rules.  0, or -EIO if out has an error. */
int escape_write(FILE *out, const char *s, size_t len, const struct escape_rules *rules);
/* escape_write() of a NUL-terminated string; NULL writes nothing. */
int escape_puts(FILE *out, const char *s, const struct escape_rules *rules);

#endif /* CLONECHECK_REPORT_ESCAPE_H */
