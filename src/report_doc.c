// SPDX-License-Identifier: GPL-2.0
/* report_doc.c - headings, paragraphs and tables as HTML or GitHub Markdown. */
#include <inttypes.h>
#include <stdarg.h>

#include "report_doc.h"
#include "report_escape.h"

void doc_text(struct doc *d, const char *s)
{
	escape_puts(d->out, s, d->md ? &escape_md : &escape_xml_text);
}

/* An HTML attribute, name="val" with a space before it, when val is not NULL. */
static void html_attr(struct doc *d, const char *name, const char *val)
{
	if (!val)
		return;
	fprintf(d->out, " %s=\"", name);
	escape_puts(d->out, val, &escape_xml_attr);
	fputc('"', d->out);
}

void doc_heading(struct doc *d, int level, const char *id, const char *title)
{
	if (d->md) {
		/* a blank line before a heading, but not before the first */
		fprintf(d->out, "%s%.*s ", level > 1 ? "\n" : "", level, "###");
		doc_text(d, title);
		fputs("\n\n", d->out);
		return;
	}
	fprintf(d->out, "<h%d", level);
	html_attr(d, "id", id);
	fputc('>', d->out);
	doc_text(d, title);
	fprintf(d->out, "</h%d>\n", level);
}

void doc_section(struct doc *d, const char *id, const char *title)
{
	if (!d->md) {
		fputs("<section", d->out);
		html_attr(d, "id", id);
		fputs(">\n", d->out);
	}
	doc_heading(d, 2, NULL, title);
}

void doc_section_end(struct doc *d)
{
	if (!d->md)
		fputs("</section>\n", d->out);
}

void doc_para(struct doc *d, const char *id, const char *cls, const char *s)
{
	if (d->md) {
		doc_text(d, s);
		fputs("\n\n", d->out);
		return;
	}
	fputs("<p", d->out);
	html_attr(d, "id", id);
	html_attr(d, "class", cls);
	fputc('>', d->out);
	doc_text(d, s);
	fputs("</p>\n", d->out);
}

void doc_table(struct doc *d, const char *id, const struct doc_col *cols, size_t n)
{
	bool head = false;

	for (size_t i = 0; i < n; i++)
		head |= cols[i].title != NULL;
	if (!d->md) {
		fputs("<table", d->out);
		html_attr(d, "id", id);
		fputs(head ? ">\n<thead>" : ">\n", d->out);
	}
	d->cols = cols;
	d->n_cols = n;
	/* Markdown needs a header row, even an empty one */
	if (head || d->md) {
		doc_row(d, NULL, NULL, NULL);
		for (size_t i = 0; i < n; i++)
			doc_head_cell(d, cols[i].title ? cols[i].title : "");
		doc_row_end(d);
	}
	if (d->md) {
		fputc('|', d->out);
		for (size_t i = 0; i < n; i++)
			fputs(cols[i].num ? "---:|" : "---|", d->out);
		fputc('\n', d->out);
		return;
	}
	fputs(head ? "</thead>\n<tbody>\n" : "<tbody>\n", d->out);
}

void doc_table_end(struct doc *d)
{
	fputs(d->md ? "\n" : "</tbody>\n</table>\n", d->out);
	d->cols = NULL;
	d->n_cols = 0;
}

void doc_row(struct doc *d, const char *cls, const char *key, const char *val)
{
	d->col = 0;
	if (d->md) {
		fputc('|', d->out);
		return;
	}
	fputs("<tr", d->out);
	html_attr(d, "class", cls);
	if (key) {
		char name[32];

		snprintf(name, sizeof(name), "data-%s", key);
		html_attr(d, name, val);
	}
	fputc('>', d->out);
}

void doc_row_end(struct doc *d)
{
	fputs(d->md ? "\n" : "</tr>\n", d->out);
}

/* Open a cell of the next column: tag is "td" or "th". */
static void cell_begin(struct doc *d, const char *tag)
{
	bool num = d->col < d->n_cols && d->cols[d->col].num;

	d->col++;
	if (d->md)
		fputc(' ', d->out);
	else
		fprintf(d->out, "<%s%s>", tag, num ? " class=\"n\"" : "");
}

static void cell_end(struct doc *d, const char *tag)
{
	if (d->md)
		fputs(" |", d->out);
	else
		fprintf(d->out, "</%s>", tag);
}

void doc_cell(struct doc *d, const char *s)
{
	cell_begin(d, "td");
	doc_text(d, s);
	cell_end(d, "td");
}

void doc_head_cell(struct doc *d, const char *s)
{
	cell_begin(d, "th");
	doc_text(d, s);
	cell_end(d, "th");
}

void doc_code_cell(struct doc *d, const char *s)
{
	cell_begin(d, "td");
	if (!d->md)
		fputs("<code>", d->out);
	doc_text(d, s);
	if (!d->md)
		fputs("</code>", d->out);
	cell_end(d, "td");
}

void doc_num_cell(struct doc *d, uint64_t v)
{
	doc_fmt_cell(d, "%" PRIu64, v);
}

void doc_fmt_cell(struct doc *d, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	doc_cell(d, buf);
}
