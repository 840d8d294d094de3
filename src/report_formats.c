// SPDX-License-Identifier: GPL-2.0
/*
 * report_formats.c - which writer a report file gets, from its name's
 * extension.  Kept apart from report.c, which the writers use and which
 * so knows none of them.
 */
#include <string.h>

#include "log.h"
#include "report.h"

static const struct {
	const char *ext;
	const struct report_ops *ops;
} formats[] = {
	{ ".html", &report_html_ops }, { ".htm", &report_html_ops },
	{ ".md", &report_md_ops },     { ".xml", &report_junit_ops },
	{ ".json", &report_json_ops }, { ".jsonl", &report_json_ops },
	{ ".ktap", &report_ktap_ops }, { ".txt", &report_text_ops },
};

const struct report_ops *report_format_of(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;

	for (size_t i = 0; dot && i < ARRAY_SIZE(formats); i++)
		if (!strcmp(dot, formats[i].ext) && dot != path && dot[-1] != '/')
			return formats[i].ops;
	return NULL;
}

const char *report_format_list(void)
{
	return ".html, .htm, .md, .xml (JUnit), .json, .jsonl, .ktap, .txt";
}
