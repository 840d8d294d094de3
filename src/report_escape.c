// SPDX-License-Identifier: GPL-2.0
/* report_escape.c - one UTF-8 loop, a table per output format. */
#include <errno.h>
#include <string.h>

#include "report_escape.h"

const struct escape_rules escape_json = {
	.ascii = { ['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t",
		   ['\r'] = "\\r", ['\b'] = "\\b", ['\f'] = "\\f" },
	.bad = "\\u%04x",
};

#define XML_ENTITIES                                                                    \
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;", \
	['\r'] = "&#13;"

const struct escape_rules escape_xml_text = {
	.ascii = { XML_ENTITIES, ['\t'] = "\t", ['\n'] = "\n" },
	.bad = "\\x%02x",
};

const struct escape_rules escape_xml_attr = {
	.ascii = { XML_ENTITIES, ['\t'] = "&#9;", ['\n'] = "&#10;" },
	.bad = "\\x%02x",
};

const struct escape_rules escape_md = {
	.ascii = { ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['\\'] = "\\\\",
		   ['`'] = "\\`", ['*'] = "\\*", ['_'] = "\\_", ['['] = "\\[", [']'] = "\\]",
		   ['|'] = "\\|", ['#'] = "\\#", ['~'] = "\\~" },
	.bad = "\\x%02x",
};

const struct escape_rules escape_ktap = {
	.bad = "\\x%02x",
};

const struct escape_rules escape_ktap_name = {
	.ascii = { ['#'] = "\\x23" },
	.bad = "\\x%02x",
};

size_t utf8_seq_len(const char *str, size_t left)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t n;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;		/* overlong */
	else if (c == 0xed)
		hi = 0x9f;		/* surrogates */
	else if (c == 0xf0)
		lo = 0x90;		/* overlong */
	else if (c == 0xf4)
		hi = 0x8f;		/* past U+10FFFF */
	if (left < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

int escape_write(FILE *out, const char *s, size_t len, const struct escape_rules *rules)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n = 1;

		if (c < 0x80 && rules->ascii[c])
			fputs(rules->ascii[c], out);
		else if (c < 0x20 || c == 0x7f || !(n = utf8_seq_len(s + i, len - i))) {
			fprintf(out, rules->bad, c);
			n = 1;
		} else if (n == 1)
			fputc(c, out);
		else
			fwrite(s + i, 1, n, out);
		i += n;
	}
	return ferror(out) ? -EIO : 0;
}

int escape_puts(FILE *out, const char *s, const struct escape_rules *rules)
{
	return s ? escape_write(out, s, strlen(s), rules) : 0;
}
