/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report_doc.h - one emitter for a document written as HTML or as GitHub
 * Markdown: headings, paragraphs and tables.  A table is described once
 * (its columns, then rows of cells) and the same calls write either format;
 * HTML additionally carries ids, row classes and data attributes for
 * styling and for tests, which Markdown has no place for.
 */
#ifndef CLONECHECK_REPORT_DOC_H
#define CLONECHECK_REPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct doc_col {
	const char *title;	/* header text; NULL in every column: no header row (HTML) */
	bool num;		/* a number: right-aligned */
};

struct doc {
	FILE *out;
	bool md;			/* GitHub Markdown, else HTML */
	const struct doc_col *cols;	/* the table being written */
	size_t n_cols;
	size_t col;			/* the next cell's column */
};

/* Text, escaped for the format. */
void doc_text(struct doc *d, const char *s);
/* A heading of level 1..3; HTML gives it id when not NULL. */
void doc_heading(struct doc *d, int level, const char *id, const char *title);
/* A section: HTML <section id> with an <h2>; Markdown a "##" heading. */
void doc_section(struct doc *d, const char *id, const char *title);
void doc_section_end(struct doc *d);
/* A paragraph of text; HTML gives it id and class when not NULL. */
void doc_para(struct doc *d, const char *id, const char *cls, const char *s);
/* Start a table of n columns (HTML: <table id>). */
void doc_table(struct doc *d, const char *id, const struct doc_col *cols, size_t n);
void doc_table_end(struct doc *d);
/* Start a row; HTML: class cls and the attribute data-<key>="val" when not NULL. */
void doc_row(struct doc *d, const char *cls, const char *key, const char *val);
void doc_row_end(struct doc *d);
/* A cell of text (aligned by its column). */
void doc_cell(struct doc *d, const char *s);
/* A header cell of a row (HTML <th>). */
void doc_head_cell(struct doc *d, const char *s);
/* A cell of code (HTML <code>; Markdown: plain, escaped). */
void doc_code_cell(struct doc *d, const char *s);
/* A number cell. */
void doc_num_cell(struct doc *d, uint64_t v);
/* A printf() cell. */
void doc_fmt_cell(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* CLONECHECK_REPORT_DOC_H */
