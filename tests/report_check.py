#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""report_check.py - parse a report back with a real parser and answer queries.

Used by tests/check_report.c: the C test writes a report, runs

    report_check.py MODE FILE QUERY...

and compares each printed line (one per query, a JSON value, ASCII only)
with what it expects.  Exit status: 0 parsed; 1 the file does not parse or
is misshapen (message on stderr); 2 usage; 3 a tool (chromium) is missing.

MODE
  json    JSON Lines, every line parsed by json.loads (strict UTF-8).
          QUERY: "#" (number of lines) or a path "LINE/key/index/...",
          where LINE is a line number from 0, "id=N" (the clone object with
          clone_id N) or "summary" (the summary object).
  xml     XML (JUnit, and our HTML, which is written well-formed) parsed by
          xml.etree.  QUERY: "count:XPATH", "attr:XPATH@name" (first match),
          "text:XPATH" (first match, all its text), "texts:XPATH" (a list,
          one text per match).
  dom     FILE loaded by a real headless Chromium (--dump-dom); the DOM it
          serialises is read with html.parser into an ElementTree; queries
          as for xml (SVG elements lose their namespace).
  md      GitHub Markdown tables: every row must have the header's number of
          cells.  QUERY: "cell:HEADING/ROW/COL" (the cell's text once
          backslash escapes and entities are rendered, CommonMark rules) or
          "rows:HEADING".
  ktap    KTAP version 1, read by tests/ktap_check.py (a parser written from
          the kernel's specification); queries as that script documents.
"""
import html
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def die(code, msg):
    sys.stderr.write("report_check: %s\n" % msg)
    sys.exit(code)


def out(v):
    print(json.dumps(v, ensure_ascii=True))


def q_json(path, args):
    with open(path, "rb") as f:
        raw = f.read()
    if not raw.endswith(b"\n"):
        die(1, "JSON Lines output does not end with a newline")
    objs = []
    for n, line in enumerate(raw.split(b"\n")[:-1]):
        try:
            objs.append(json.loads(line.decode("utf-8", errors="strict")))
        except (ValueError, UnicodeDecodeError) as e:
            die(1, "line %d is not JSON: %s" % (n + 1, e))
    for q in args:
        if q == "#":
            out(len(objs))
            continue
        first, _, rest = q.partition("/")
        if first.startswith("id="):
            sel = [o for o in objs if o.get("type") == "clone" and
                   str(o.get("clone_id")) == first[3:]]
        elif first == "summary":
            sel = [o for o in objs if o.get("type") == "summary"]
        else:
            sel = None
        if sel is not None:
            if len(sel) != 1:
                die(1, "%s selects %d objects" % (first, len(sel)))
            v, q = sel[0], rest
        else:
            v = objs
        try:
            for k in q.split("/") if q else []:
                v = v[int(k)] if isinstance(v, list) else v[k]
        except (KeyError, IndexError, ValueError, TypeError):
            v = "<absent>"
        out(v)


def q_tree(root, args):
    for q in args:
        kind, _, expr = q.partition(":")
        if kind == "count":
            out(len(root.findall(expr)))
        elif kind == "attr":
            xp, _, name = expr.rpartition("@")
            e = root.find(xp)
            out(None if e is None else e.get(name))
        elif kind == "text":
            e = root.find(expr)
            out(None if e is None else "".join(e.itertext()))
        elif kind == "texts":
            out(["".join(e.itertext()) for e in root.findall(expr)])
        else:
            die(2, "unknown query %r" % q)


def q_xml(path, args):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        die(1, "not well-formed XML: %s" % e)
    q_tree(root, args)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}


class DomBuilder(html.parser.HTMLParser):
    """Chromium's serialised DOM: every non-void element is closed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tb = ET.TreeBuilder()
        self.stack = []

    def handle_starttag(self, tag, attrs):
        self.tb.start(tag, {k: (v or "") for k, v in attrs})
        if tag in VOID:
            self.tb.end(tag)
        else:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tb.start(tag, {k: (v or "") for k, v in attrs})
        self.tb.end(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            die(1, "DOM serialisation: </%s> closes <%s>" %
                (tag, self.stack[-1] if self.stack else "nothing"))
        self.stack.pop()
        self.tb.end(tag)

    def handle_data(self, data):
        if self.stack:
            self.tb.data(data)


def q_dom(path, args):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        die(3, "chromium not found (scripts/install-deps installs it)")
    with tempfile.TemporaryDirectory(prefix="clonecheck-chromium-") as prof:
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync",
               "--user-data-dir=" + prof, "--dump-dom",
               "file://" + os.path.abspath(path)]
        try:
            r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=60)
        except subprocess.TimeoutExpired:
            die(1, "chromium timed out")
    if r.returncode != 0 or not r.stdout:
        die(1, "chromium failed (%d): %s" % (r.returncode, r.stderr.decode()[-500:]))
    p = DomBuilder()
    p.feed(r.stdout.decode("utf-8"))
    p.close()
    if p.stack:
        die(1, "DOM serialisation: <%s> not closed" % p.stack[-1])
    q_tree(p.tb.close(), args)


def md_cells(row):
    """Split a GFM table row on pipes that are not backslash-escaped."""
    row = row.strip()
    if not row.startswith("|") or not row.endswith("|") or row.endswith("\\|"):
        return None
    cells, cur, i = [], "", 1
    while i < len(row) - 1:
        c = row[i]
        if c == "\\" and i + 1 < len(row) - 1:
            cur += row[i:i + 2]
            i += 2
            continue
        if c == "|":
            cells.append(cur.strip())
            cur = ""
        else:
            cur += c
        i += 1
    cells.append(cur.strip())
    return cells


def md_render(cell):
    """CommonMark: a backslash before ASCII punctuation escapes it; then entities."""
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", cell))


def q_md(path, args):
    with open(path, encoding="utf-8", errors="strict") as f:
        lines = f.read().split("\n")
    tables, heading, i = {}, None, 0
    while i < len(lines):
        ln = lines[i]
        if ln.startswith("#"):
            heading = ln.lstrip("#").strip()
        if ln.startswith("|"):
            head = md_cells(ln)
            delim = md_cells(lines[i + 1]) if i + 1 < len(lines) else None
            if head is None or delim is None or len(head) != len(delim) or \
               not all(re.fullmatch(r":?-+:?", d) for d in delim):
                die(1, "line %d: not a table header" % (i + 1))
            rows, i = [], i + 2
            while i < len(lines) and lines[i].startswith("|"):
                cells = md_cells(lines[i])
                if cells is None or len(cells) != len(head):
                    die(1, "line %d: %s cells, header has %d" %
                        (i + 1, "?" if cells is None else len(cells), len(head)))
                rows.append(cells)
                i += 1
            tables[heading] = rows
            continue
        i += 1
    for q in args:
        kind, _, expr = q.partition(":")
        if kind == "rows":
            out(len(tables[expr]) if expr in tables else None)
        elif kind == "cell":
            h, r, c = expr.rsplit("/", 2)
            try:
                out(md_render(tables[h][int(r)][int(c)]))
            except (KeyError, IndexError):
                out(None)
        else:
            die(2, "unknown query %r" % q)


def q_ktap(path, args):
    import ktap_check
    try:
        top = ktap_check.parse(path)
        for q in args:
            out(ktap_check.answer(top, q))
    except ktap_check.KtapError as e:
        die(1, "not valid KTAP: %s" % e)


def main():
    if len(sys.argv) < 3:
        die(2, "usage: report_check.py json|xml|dom|md|ktap FILE QUERY...")
    mode, path, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    modes = {"json": q_json, "xml": q_xml, "dom": q_dom, "md": q_md, "ktap": q_ktap}
    if mode not in modes:
        die(2, "unknown mode %r" % mode)
    modes[mode](path, args)


if __name__ == "__main__":
    main()
