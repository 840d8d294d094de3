#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""ktap_check.py - a KTAP version 1 parser, written from the specification
(the kernel's Documentation/dev-tools/ktap.rst), independently of the
writer it checks (src/report_ktap.c).

    ktap_check.py FILE QUERY...

prints one line per query (a JSON value, ASCII only).  Exit status: 0
parsed; 1 the file is not valid KTAP (message on stderr); 2 usage.

What is checked (strictly: clonecheck writes no unknown lines):
  - the first line is a version line ("KTAP version 1"; "TAP version 13/14"
    are accepted as the spec says parsers should);
  - a plan "1..N" follows it, and exactly N results follow at that level;
  - results are "ok|not ok <number> [<description>][ # [<directive>] [data]]",
    numbered 1, 2, ... at each level; the description holds no '#';
  - a directive is SKIP, TODO, XFAIL, TIMEOUT or ERROR; TIMEOUT and ERROR
    only on "not ok";
  - diagnostic lines start with "#"; nested tests are indented two spaces and
    begin with their own version line; a parent with a failing subtest fails;
  - every line is valid UTF-8 and none is an unknown line.

QUERY
  "plan"             the top-level plan N
  "names"            the top-level test names, in order
  "result:NAME"      "ok", "not ok" or "skip" (ok or not ok with # SKIP)
  "directive:NAME"   [directive, diagnostic data] of the test, or null
  "diag:NAME"        the diagnostic lines just before the test's result
  "count:RESULT"     how many top-level tests are "ok", "not ok" or "skip"
  "head"             the diagnostic lines between the version and the plan
  "tail"             the diagnostic lines after the last result
"""
import json
import re
import sys

VERSION_RE = re.compile(r"^(KTAP version 1|TAP version 1[34])$")
PLAN_RE = re.compile(r"^1\.\.(\d+)$")
RESULT_RE = re.compile(r"^(ok|not ok) ([0-9]+)(?: ([^#]*?))?\s*(?:#(.*))?$")
DIRECTIVES = {"SKIP", "TODO", "XFAIL", "TIMEOUT", "ERROR"}


class KtapError(Exception):
    pass


class Test:
    def __init__(self, number, name, ok, directive, data, diag, subtests):
        self.number, self.name, self.ok = number, name, ok
        self.directive, self.data = directive, data
        self.diag, self.subtests = diag, subtests

    @property
    def result(self):
        if self.directive == "SKIP":
            return "skip"
        return "ok" if self.ok else "not ok"


def parse_result(text, lineno):
    m = RESULT_RE.match(text)
    if not m:
        raise KtapError("line %d: not a result line: %r" % (lineno, text))
    ok, number, name, rest = m.group(1) == "ok", int(m.group(2)), m.group(3) or "", m.group(4)
    directive, data = None, None
    if rest is not None:
        rest = rest.strip()
        word, _, tail = rest.partition(" ")
        if word.upper() in DIRECTIVES:
            directive, data = word.upper(), tail
        else:
            data = rest
    if directive in ("TIMEOUT", "ERROR") and ok:
        raise KtapError("line %d: %s on an ok result" % (lineno, directive))
    return ok, number, name.strip(), directive, data


class Parser:
    def __init__(self, lines):
        self.lines = lines
        self.i = 0

    def peek(self):
        return self.lines[self.i] if self.i < len(self.lines) else None

    def parse_block(self, indent):
        """A version line, a plan, then results (each maybe with subtests)."""
        pad = " " * indent
        first = self.peek()
        if first is None or not first.startswith(pad) or \
           not VERSION_RE.match(first[indent:]):
            raise KtapError("line %d: expected a version line, got %r" % (self.i + 1, first))
        self.i += 1
        head = []
        while self.peek() is not None and self.peek().startswith(pad + "#"):
            head.append(self.peek()[indent + 1:].strip())
            self.i += 1
        line = self.peek()
        m = PLAN_RE.match(line[indent:]) if line is not None and line.startswith(pad) else None
        if not m:
            raise KtapError("line %d: expected a plan 1..N, got %r" % (self.i + 1, line))
        self.i += 1
        plan, tests, diag = int(m.group(1)), [], []
        while self.peek() is not None:
            line = self.peek()
            if not line.startswith(pad):
                break           # the parent's result line
            body = line[indent:]
            if body.startswith("#"):
                diag.append(body[1:].strip())
                self.i += 1
            elif body.startswith("  ") and VERSION_RE.match(body.strip()):
                subs = self.parse_block(indent + 2)
                while self.peek() is not None and self.peek().startswith(pad + "#"):
                    diag.append(self.peek()[indent + 1:].strip())
                    self.i += 1
                line = self.peek()
                if line is None or not line.startswith(pad) or \
                   not RESULT_RE.match(line[indent:]):
                    raise KtapError("line %d: subtests without a parent result" % self.i)
                t = self.result(line[indent:], diag, subs["tests"])
                if t.ok and any(not s.ok and s.directive != "SKIP" for s in subs["tests"]):
                    raise KtapError("line %d: %s is ok but a subtest failed" %
                                    (self.i + 1, t.name))
                tests.append(t)
                diag = []
                self.i += 1
            elif body.startswith("ok ") or body.startswith("not ok "):
                tests.append(self.result(body, diag, []))
                diag = []
                self.i += 1
            else:
                raise KtapError("line %d: unknown line %r" % (self.i + 1, line))
            if tests and tests[-1].number != len(tests):
                raise KtapError("line %d: test number %d, expected %d" %
                                (self.i, tests[-1].number, len(tests)))
        if len(tests) != plan:
            raise KtapError("plan says %d tests, %d results" % (plan, len(tests)))
        return {"plan": plan, "head": head, "tests": tests, "tail": diag}

    def result(self, body, diag, subtests):
        ok, number, name, directive, data = parse_result(body, self.i + 1)
        return Test(number, name, ok, directive, data, list(diag), subtests)


def parse(path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        raise KtapError("not UTF-8: %s" % e)
    if not text.endswith("\n"):
        raise KtapError("does not end with a newline")
    p = Parser(text[:-1].split("\n"))
    top = p.parse_block(0)
    if p.i != len(p.lines):
        raise KtapError("line %d: text after the last result: %r" % (p.i + 1, p.lines[p.i]))
    return top


def answer(top, q):
    by_name = {}
    for t in top["tests"]:
        if t.name in by_name:
            raise KtapError("two tests named %r" % t.name)
        by_name[t.name] = t
    kind, _, arg = q.partition(":")
    if kind == "plan":
        return top["plan"]
    if kind == "names":
        return [t.name for t in top["tests"]]
    if kind == "head":
        return top["head"]
    if kind == "tail":
        return top["tail"]
    if kind == "count":
        return sum(1 for t in top["tests"] if t.result == arg)
    t = by_name.get(arg)
    if kind == "result":
        return t.result if t else None
    if kind == "directive":
        return [t.directive, t.data] if t and t.directive else None
    if kind == "diag":
        return t.diag if t else None
    raise KtapError("unknown query %r" % q)


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: ktap_check.py FILE QUERY...\n")
        sys.exit(2)
    try:
        top = parse(sys.argv[1])
        for q in sys.argv[2:]:
            print(json.dumps(answer(top, q), ensure_ascii=True))
    except KtapError as e:
        sys.stderr.write("ktap_check: %s\n" % e)
        sys.exit(1)


if __name__ == "__main__":
    main()
