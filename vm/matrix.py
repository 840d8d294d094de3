#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""matrix.py - the rule x kernel matrix of a vmtest run, in markdown.

USAGE: matrix.py [-o MATRIX.md] GUESTDIR [GUESTDIR ...]

Each GUESTDIR is a vmtest result (OUTDIR/<guest>/ with summary.txt and
files/<run>.report).  Reads the text reports' rule tables ("RULE STATEMENT
CHECKED PASS FAIL") and prints, to stdout and to MATRIX.md:

  - the guests: kernel, the Debian package it came from, result, the
    backend `auto` chose, wall time;
  - rule x kernel, one column per guest: "pass" when every run that checked
    the rule passed it, "FAIL f/n" (failed checks / checks over that
    kernel's runs), or "not observed" when no run on that kernel checked it;
    and a last column saying on which guests the rule was exercised;
  - rule x kernel x backend, one column per forced backend that gave a report;
  - every run: status, backend, verdict, clones.

Exit status: 0 when written, 1 when a guest directory has no summary (that
guest did not get as far as being judged), 2 on a usage error.
"""
import argparse
import os
import re
import sys

RUNS = ["auto", "fentry", "kprobe", "tracepoint"]


def rule_table(text):
    """{rule: (statement, checked, passed, failed)} from a text report."""
    rows, on = {}, False
    for ln in text.split("\n"):
        if ln.startswith("RULE ") and ln.rstrip().endswith("FAIL"):
            on = True
            continue
        if not on:
            continue
        if not ln.strip():
            break
        m = re.match(r"^(\S+)\s+(.*?)\s*(\d+)\s+(\d+)\s+(\d+)\s*$", ln)
        if m:
            rows[m.group(1)] = (m.group(2), int(m.group(3)), int(m.group(4)),
                                int(m.group(5)))
    return rows


def not_exercised(text):
    """{rule: reason} from a text report's "not exercised" section."""
    rows, on = {}, False
    for ln in text.split("\n"):
        if ln.startswith("not exercised"):
            on = True
            continue
        if not on:
            continue
        m = re.match(r"^  (\S+)\s+(.*)$", ln)
        if not m:
            break
        rows[m.group(1)] = m.group(2).strip()
    return rows


def field(text, key):
    m = re.search(r"^%s\s+(.*)$" % re.escape(key), text, re.M)
    return m.group(1).strip() if m else ""


def load_guest(d):
    g = {"name": os.path.basename(os.path.normpath(d)), "runs": {}, "ok": True}
    try:
        with open(os.path.join(d, "summary.txt")) as f:
            s = f.read()
    except OSError:
        g.update(kernel="?", package="?", result="NO RESULT", time="?", ok=False)
        return g
    g["kernel"] = field(s, "kernel") or "?"
    try:
        with open(os.path.join(d, "kernel-package")) as f:
            g["package"] = f.read().split()[0]
    except (OSError, IndexError):
        g["package"] = "?"
    g["result"] = field(s, "result") or "?"
    g["time"] = (field(s, "time") or "?").split(" ")[0]
    g["fails"] = [ln[6:] for ln in s.split("\n") if ln.startswith("FAIL  ")]
    for run in RUNS:
        p = os.path.join(d, "files", run + ".report")
        st = os.path.join(d, "files", run + ".status")
        r = {"status": "missing", "text": "", "rules": {}, "unexercised": {}}
        if os.path.exists(st):
            with open(st, errors="replace") as f:
                r["status"] = f.readline().strip()
        if os.path.exists(p):
            with open(p, errors="replace") as f:
                r["text"] = f.read()
            r["rules"] = rule_table(r["text"])
            r["unexercised"] = not_exercised(r["text"])
        r["backend"] = field(r["text"], "backend").split(" ")[0] or "-"
        r["verdict"] = field(r["text"], "verdict") or "-"
        r["clones"] = field(r["text"], "clones") or "-"
        g["runs"][run] = r
    return g


def cell(rows):
    """One matrix cell from the rule rows of several runs (None: not checked)."""
    rows = [r for r in rows if r]
    if not rows:
        return "not observed"
    checked = sum(r[1] for r in rows)
    failed = sum(r[3] for r in rows)
    return "**FAIL %d/%d**" % (failed, checked) if failed else "pass"


def where(names, total):
    """Where a rule was exercised: the guests named, or all but some."""
    if not names:
        return "nowhere"
    if len(names) == total:
        return "all %d guests" % total
    return "%d of %d: %s" % (len(names), total, ", ".join(names))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output")
    ap.add_argument("guests", nargs="+")
    a = ap.parse_args()

    guests = [load_guest(d) for d in a.guests]
    statements = {}
    for g in guests:
        for r in g["runs"].values():
            for rule, row in r["rules"].items():
                if row[0] and len(row[0]) > len(statements.get(rule, "")):
                    statements[rule] = row[0]

    def order(rule):
        # A.* first, then V-, R-, S-, each numerically, unknown prefixes last.
        m = re.match(r"^([A-Z]+)[.-]?(\d+)?", rule)
        pfx = m.group(1) if m else rule
        num = int(m.group(2)) if m and m.group(2) else 0
        return ({"A": 0, "V": 1, "R": 2, "S": 3}.get(pfx, 9), pfx, num, rule)

    rules = sorted(statements.keys() | {r for g in guests for run in g["runs"].values()
                                        for r in run["rules"]}, key=order)
    out = ["# clonecheck on Debian kernels under QEMU (vmtest)", "",
           "| guest | kernel | package | result | auto chose | wall s |",
           "|---|---|---|---|---|---|"]
    for g in guests:
        auto = g["runs"].get("auto", {}).get("backend", "-")
        out.append("| %s | %s | %s | %s | %s | %s |" % (g["name"], g["kernel"], g["package"],
                                                        g["result"], auto, g["time"]))

    out += ["", "## Rule x kernel", "",
            "Every run on the kernel that gave a report (auto and each forced backend).", "",
            "| rule | statement | " + " | ".join(g["name"] for g in guests) +
            " | exercised on |", "|---|---|" + "---|" * (len(guests) + 1)]
    for rule in rules:
        cells = [cell([r["rules"].get(rule) for r in g["runs"].values()]) for g in guests]
        seen = [g["name"] for g, c in zip(guests, cells) if c != "not observed"]
        out.append("| %s | %s | %s | %s |" % (rule, statements.get(rule, ""), " | ".join(cells),
                                              where(seen, len(guests))))

    # Rules a report named as not exercised, that no run on any guest checked.
    never = {}
    for g in guests:
        for r in g["runs"].values():
            for rule, why in r["unexercised"].items():
                if rule not in rules:
                    never.setdefault(rule, set()).add(why)
    if never:
        out += ["", "## Not exercised on any guest", "",
                "Named by the reports as not exercised, and checked by no run on any guest.",
                "", "| rule | why (the reports' words) |", "|---|---|"]
        for rule in sorted(never, key=order):
            out.append("| %s | %s |" % (rule, "; ".join(sorted(never[rule]))))

    cols = [(g, run) for g in guests for run in RUNS[1:] if g["runs"].get(run, {}).get("rules")]
    out += ["", "## Rule x kernel x backend", "",
            "| rule | " + " | ".join("%s %s" % (g["name"], run) for g, run in cols) + " |",
            "|---|" + "---|" * len(cols)]
    for rule in rules:
        out.append("| %s | %s |" % (rule, " | ".join(
            cell([g["runs"][run]["rules"].get(rule)]) for g, run in cols)))

    out += ["", "## Runs", "", "| guest | run | status | backend | verdict | clones |",
            "|---|---|---|---|---|---|"]
    for g in guests:
        for run in RUNS:
            r = g["runs"].get(run)
            if r:
                out.append("| %s | %s | %s | %s | %s | %s |" % (
                    g["name"], run, r["status"], r["backend"], r["verdict"], r["clones"]))
    bad = [g for g in guests if g.get("fails") or not g["ok"]]
    if bad:
        out += ["", "## Failures", ""]
        for g in bad:
            for f in g.get("fails") or ["no summary: the guest was not judged"]:
                out.append("- %s: %s" % (g["name"], f))
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if a.output:
        with open(a.output, "w") as f:
            f.write(text)
    return 0 if all(g["ok"] for g in guests) else 1


if __name__ == "__main__":
    sys.exit(main())
