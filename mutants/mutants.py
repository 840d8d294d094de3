#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""mutants.py - how much of model/ the real kernels' behaviour can catch.

USAGE: mutants.py --output DIR --cc CC --cflags FLAGS --cppflags FLAGS
                  --libs LIBS --objs OBJS [--list FILE] [--only PATTERNS]
                  [--jobs N] [--live] [--min PERCENT] [--json FILE]
                  [--unit-srcs SRCS --unit-objs OBJS --unit-cflags FLAGS
                   --unit-libs LIBS]
(make mutants passes the build's flags and objects; run from the tree's top.)

Each mutant of the list (mutants/mutants.txt, format in its header) is one
small change to one file of model/: a boundary, a dropped or inverted flag
test, two checks in the other order, a version cut-off moved, an arch test
swapped, an operator or a constant changed.  For each one:

  1. the change is applied to a copy of the tree (DIR/mutants/w<N>/), never
     to the working tree; a mutant whose anchor is not found once is "stale";
  2. the files it touches are compiled (a header: every model/ and src/ file
     that includes it) and compared with the unmutated objects, both without
     debug info: a mutant that does not compile, or leaves the object code
     unchanged, is "invalid" and not counted;
  3. clonecheck is relinked from the build's other objects and judges every
     recorded trace of tests/fixtures/ (`clonecheck check FILE --json`): the
     mutant is "killed" if any fixture's exit status, verdict, a clone's
     verdict, its set of failed checks, or whether its outcome was decided
     or only allowed as an alternative (and by which rule: the JSON clone
     record's "allowed_by") differs from the unmutated build's: a mutant
     that can no longer decide what the kernel did, only excuse it, is told
     from the model by the kernel's behaviour;
  4. with --live (root): the mutant also runs the built-in workload on this
     kernel (`clonecheck record -o T --json`) and is killed if its judgement
     differs from the unmutated build's judgement of the very trace it
     recorded (`clonecheck check T --json`), so a racy environment cannot
     kill a mutant.

With --unit-srcs (MUTANTS_UNIT=1), the model's unit tests (Check suite
"model") are relinked with the mutant and run too; whether they fail is
reported apart and never kills a mutant: the question is whether the
kernels' behaviour tells the mutant from the model.

A mutant marked `equivalent:` in the list is believed to behave as the
original on every input: it is run, reported apart and not counted; one that
is killed is an error in the list.  A mutant with `expect:` (the selftest
list) must end with that status.

Prints one line per mutant, the kill rate (killed / counted) overall and by
kind, for the fixtures alone and (--live) with the live workload, and every
surviving mutant by rule; writes the same to DIR/mutants.json.
Exit status: 0 done; 1 an `expect:` not met, an equivalent mutant killed, or
the rate below --min; 2 a bad list, a build or baseline that cannot run, or
--live without root.
"""
import argparse
import concurrent.futures
import fnmatch
import json
import os
import queue
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time

KINDS = ("boundary", "level", "flag", "check", "errno-order", "version", "arch",
         "operator", "constant")
KEYS = ("id", "kind", "file", "rule", "after", "find", "regex", "replace", "swap",
        "desc", "equivalent", "expect")
STATUSES = ("killed", "survived", "invalid", "stale")
TREE_DIRS = ("model", "src", "bpf", "tests")	# what a worker's copy holds
UNIT_SUITE = "model"	# the unit tests reported apart (Check's CK_RUN_SUITE)
FIXTURES = "tests/fixtures"
CHECK_TIMEOUT = 120	# s, one `clonecheck check` of one fixture
LIVE_TIMEOUT = 600	# s, one live workload run
CC_TIMEOUT = 300	# s, one compile or link


class Fatal(Exception):
    """A setup error: one line on stderr, exit status 2."""


# ------------------------------------------------------------------ the list

def parse_list(path):
    """The mutants of a list file: blocks of `key: value` lines separated by
    blank lines; `#` starts a comment line; a line starting with white space
    continues the previous value (joined with one space)."""
    try:
        with open(path) as f:
            lines = f.read().split("\n")
    except OSError as e:
        raise Fatal("%s: %s" % (path, e.strerror))
    blocks, cur, key = [], None, None
    for no, ln in enumerate(lines + [""], 1):
        if ln.startswith("#"):
            continue
        if not ln.strip():
            if cur:
                blocks.append(cur)
            cur, key = None, None
            continue
        if ln[0] in " \t":
            if key is None:
                raise Fatal("%s:%d: continuation line without a key" % (path, no))
            cur[key] += " " + ln.strip()
            continue
        m = re.match(r"^([a-z]+):(?:\s(.*))?$", ln)
        if not m or m.group(1) not in KEYS:
            raise Fatal("%s:%d: expected `key: value` with key one of %s" %
                        (path, no, ", ".join(KEYS)))
        if cur is None:
            cur = {"line": no}
        key = m.group(1)
        if key in cur:
            raise Fatal("%s:%d: %s given twice" % (path, no, key))
        cur[key] = (m.group(2) or "").strip()
    seen = set()
    for b in blocks:
        where = "%s:%d" % (path, b["line"])
        for k in ("id", "kind", "file", "desc"):
            if not b.get(k):
                raise Fatal("%s: mutant without %s" % (where, k))
        if b["id"] in seen:
            raise Fatal("%s: id %s used twice" % (where, b["id"]))
        seen.add(b["id"])
        if b["kind"] not in KINDS:
            raise Fatal("%s: %s: kind %s is not one of %s" %
                        (where, b["id"], b["kind"], ", ".join(KINDS)))
        if not re.match(r"^model/[A-Za-z0-9_]+\.[ch]$", b["file"]):
            raise Fatal("%s: %s: file %s is not a model/*.c or model/*.h" %
                        (where, b["id"], b["file"]))
        if ("find" in b) == ("regex" in b):
            raise Fatal("%s: %s: give exactly one of find and regex" % (where, b["id"]))
        if ("replace" in b) == ("swap" in b):
            raise Fatal("%s: %s: give exactly one of replace and swap" % (where, b["id"]))
        if "swap" in b and "regex" in b:
            raise Fatal("%s: %s: swap takes find, not regex" % (where, b["id"]))
        if "regex" in b:
            try:
                re.compile(b["regex"])
            except re.error as e:
                raise Fatal("%s: %s: regex: %s" % (where, b["id"], e))
        if b.get("expect") and b["expect"] not in STATUSES:
            raise Fatal("%s: %s: expect is one of %s" % (where, b["id"], ", ".join(STATUSES)))
    return blocks


def select(mutants, only):
    """Mutants whose id or kind matches one of the comma-separated patterns."""
    if not only:
        return mutants
    pats = [p.strip() for p in only.replace(" ", ",").split(",") if p.strip()]
    out = [m for m in mutants
           if any(fnmatch.fnmatchcase(m["id"], p) or p == m["kind"] for p in pats)]
    if not out:
        raise Fatal("MUTANTS=%s matches no mutant (ids or kinds)" % only)
    return out


def flex(text):
    """A pattern for @text in which any run of white space matches any run."""
    return re.compile(r"\s+".join(re.escape(w) for w in text.split()))


def apply_mutant(m, text):
    """(mutated text, None), or (None, why the anchor is stale)."""
    start = 0
    if m.get("after"):
        hits = list(flex(m["after"]).finditer(text))
        if len(hits) != 1:
            return None, "after-anchor found %d times" % len(hits)
        start = hits[0].end()
    pat = re.compile(m["regex"], re.M) if "regex" in m else flex(m["find"])
    hits = list(pat.finditer(text, start))
    what = "regex" if "regex" in m else "find"
    if not hits or (not m.get("after") and len(hits) > 1):
        return None, "%s text found %d times" % (what, len(hits))
    a = hits[0]
    if "swap" in m:
        hits = list(flex(m["swap"]).finditer(text, start))
        if len(hits) != 1:
            return None, "swap text found %d times" % len(hits)
        b = hits[0]
        if a.start() < b.end() and b.start() < a.end():
            return None, "find and swap texts overlap"
        first, second = sorted((a, b), key=lambda h: h.start())
        return (text[:first.start()] + second.group(0) + text[first.end():second.start()] +
                first.group(0) + text[second.end():]), None
    rep = a.expand(m["replace"]) if "regex" in m else m["replace"]
    return text[:a.start()] + rep + text[a.end():], None


# ---------------------------------------------------------------- judging

def signature(rc, out):
    """What a run decided: exit status, verdict, each clone's verdict and
    failed checks (rule, kind, stage, field, op, expected)."""
    clones, verdict, rules, labels = {}, None, {}, {}
    for ln in out.split("\n"):
        try:
            o = json.loads(ln)
        except ValueError:
            continue
        if not isinstance(o, dict):
            continue
        if o.get("type") == "summary":
            verdict = o.get("verdict")
            rules = {r.get("rule"): r.get("checked") for r in o.get("rules") or []
                     if isinstance(r, dict)}
        elif o.get("type") == "clone":
            failed = sorted(tuple(str(c.get(k)) for k in ("rule", "kind", "stage", "field",
                                                         "op", "expected"))
                            for c in o.get("checks") or [] if not c.get("ok"))
            cid = str(o.get("clone_id"))
            clones.setdefault(cid, []).append({"verdict": o.get("verdict"), "failed": failed,
                                               "allowed_by": o.get("allowed_by")})
            if o.get("label"):
                labels[cid] = o["label"]
    return {"exit": rc, "verdict": verdict, "clones": clones, "rules": rules,
            "labels": labels}


def count_changes(base, mut):
    """How the checks made per rule differ (not a kill: a survivor whose
    prediction changed where the kernel agrees with both), e.g. "R-04 94->90"."""
    out = []
    for rule in sorted(set(base["rules"]) | set(mut["rules"])):
        b, m = base["rules"].get(rule, 0), mut["rules"].get(rule, 0)
        if b != m:
            out.append("%s %s->%s" % (rule, b, m))
    return out


def compare(base, mut):
    """None if the mutant decided as the baseline, else one line saying how not."""
    diffs = []
    if base["exit"] != mut["exit"]:
        diffs.append("exit %s -> %s" % (base["exit"], mut["exit"]))
    if base["verdict"] != mut["verdict"]:
        diffs.append("verdict %s -> %s" % (base["verdict"], mut["verdict"]))
    changed = [cid for cid in sorted(set(base["clones"]) | set(mut["clones"]),
                                     key=lambda c: (len(c), c))
               if base["clones"].get(cid) != mut["clones"].get(cid)]
    if changed:
        cid = changed[0]
        b = (base["clones"].get(cid) or [None])[0]
        m = (mut["clones"].get(cid) or [None])[0]
        first = "clone %s" % cid
        label = mut["labels"].get(cid) or base["labels"].get(cid)
        if label:
            first += " (%s)" % label
        if b and m and b["verdict"] != m["verdict"]:
            first += " %s -> %s" % (b["verdict"], m["verdict"])
        elif b and m and b.get("allowed_by") != m.get("allowed_by"):
            # the kernel's outcome decided by one, only allowed by the other
            first += " %s -> %s" % (
                "allowed by " + b["allowed_by"] if b.get("allowed_by") else "decided",
                "allowed by " + m["allowed_by"] if m.get("allowed_by") else "decided")
        extra = [f for f in (m["failed"] if m else []) if not b or f not in b["failed"]]
        if extra:
            first += ": " + " ".join(x for x in extra[0][:4] if x != "None")
        diffs.append("%d clone%s differ, first %s" %
                     (len(changed), "" if len(changed) == 1 else "s", first))
    return "; ".join(diffs) if diffs else None


def run(cmd, cwd=None, timeout=CHECK_TIMEOUT):
    """(exit status, stdout, stderr); a timeout gives status "timeout"."""
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout, universal_newlines=True, errors="replace")
    except subprocess.TimeoutExpired:
        return "timeout", "", "timed out after %d s" % timeout
    return p.returncode, p.stdout, p.stderr


def judge_fixture(binary, path):
    rc, out, _ = run([binary, "check", path, "--json"])
    return signature(rc, out)


# ------------------------------------------------------------------ harness

class Harness:
    def __init__(self, args):
        self.a = args
        self.top = os.getcwd()
        self.out = os.path.abspath(args.output)
        self.work = os.path.join(self.out, "mutants")
        self.cflags = shlex.split(args.cflags) + ["-g0"]
        self.cppflags = shlex.split(args.cppflags)
        self.libs = shlex.split(args.libs)
        self.objs = shlex.split(args.objs)
        self.unit_srcs = shlex.split(args.unit_srcs)
        self.unit_objs = shlex.split(args.unit_objs)
        self.unit_cflags = shlex.split(args.unit_cflags)
        self.unit_libs = shlex.split(args.unit_libs)
        self.baseline = os.path.join(self.out, "clonecheck")
        self.print_lock = threading.Lock()
        self.live_lock = threading.Lock()
        self.ref_lock = threading.Lock()
        self.ref_objs = {}		# source -> unmutated object (no debug info)
        self.deps = None		# header -> sources that include it
        self.pristine = {}		# model file -> its text

    # -- setup
    def setup(self, mutants):
        if not os.access(self.baseline, os.X_OK):
            raise Fatal("%s: not built (make mutants builds it)" % self.baseline)
        self.sources = self.object_sources("--objs", self.objs)
        self.unit_sources = self.object_sources("--unit-objs", self.unit_objs)
        for src in self.unit_srcs:
            if not os.path.exists(src):
                raise Fatal("--unit-srcs: %s does not exist" % src)
        fixtures = sorted(f for f in os.listdir(FIXTURES) if f.endswith(".cct"))
        if not fixtures:
            raise Fatal("no *.cct in %s" % FIXTURES)
        self.fixtures = [os.path.abspath(os.path.join(FIXTURES, f)) for f in fixtures]
        if os.path.isdir(self.work):
            shutil.rmtree(self.work)
        tree = os.path.join(self.work, "tree")
        for d in TREE_DIRS:
            shutil.copytree(d, os.path.join(tree, d),
                            ignore=shutil.ignore_patterns("fixtures", "corpus"))
        for m in mutants:
            if m["file"] not in self.pristine:
                try:
                    with open(os.path.join(tree, m["file"])) as f:
                        self.pristine[m["file"]] = f.read()
                except OSError:
                    self.pristine[m["file"]] = None
        self.tree = tree
        self.workers = queue.Queue()
        for i in range(self.a.jobs):
            w = os.path.join(self.work, "w%d" % i)
            shutil.copytree(tree, w)
            os.makedirs(os.path.join(w, "obj"))
            self.workers.put(w)

    def object_sources(self, opt, objs):
        """{source: object} for objects built below the output directory."""
        sources = {}
        for o in objs:
            rel = os.path.relpath(os.path.abspath(o), self.out)
            if not rel.endswith(".o") or rel.startswith(".."):
                raise Fatal("%s: %s is not an object below %s" % (opt, o, self.out))
            src = rel[:-2] + ".c"
            if not os.path.exists(src):
                raise Fatal("%s: %s has no source %s" % (opt, o, src))
            sources[src] = os.path.abspath(o)
        return sources

    def header_users(self, header):
        """Sources (clonecheck's and the unit tests') that include @header
        (gcc -MM, computed once)."""
        with self.ref_lock:
            if self.deps is None:
                self.deps = {}
                for src in sorted(set(self.sources) | set(self.unit_srcs)):
                    rc, out, err = run([self.a.cc, "-MM"] + self.cppflags +
                                       self.unit_cflags + [src],
                                       cwd=self.tree, timeout=CC_TIMEOUT)
                    if rc != 0:
                        raise Fatal("%s -MM %s: %s" % (self.a.cc, src, err.strip()[:200]))
                    for h in out.replace("\\\n", " ").split(":", 1)[1].split():
                        self.deps.setdefault(os.path.normpath(h), set()).add(src)
        return sorted(self.deps.get(header, ()))

    def compile(self, cwd, src, obj):
        extra = self.unit_cflags if src in self.unit_srcs else []
        os.makedirs(os.path.dirname(obj), exist_ok=True)
        return run([self.a.cc] + self.cflags + self.cppflags + extra +
                   ["-c", src, "-o", obj], cwd=cwd, timeout=CC_TIMEOUT)

    def ref_obj(self, src):
        """The unmutated object of @src without debug info (compiled once)."""
        with self.ref_lock:
            if src not in self.ref_objs:
                obj = os.path.join(self.work, "ref", src[:-2] + ".o")
                rc, _, err = self.compile(self.tree, src, obj)
                if rc != 0:
                    raise Fatal("unmutated %s does not compile: %s" %
                                (src, err.strip().split("\n")[0]))
                self.ref_objs[src] = obj
            return self.ref_objs[src]

    def link(self, cwd, replaced, binary):
        objs = [replaced.get(s, self.sources[s]) for s in sorted(self.sources)]
        return run([self.a.cc] + self.cflags + objs + self.libs + ["-o", binary],
                   cwd=cwd, timeout=CC_TIMEOUT)

    def unit(self, cwd, replaced):
        """Link the unit tests with @replaced objects and run the model suite:
        its exit status (0: every test passed), or None without --unit-srcs."""
        if not self.unit_srcs:
            return None
        objs = [replaced.get(s) or self.ref_obj(s) for s in self.unit_srcs]
        objs += [replaced.get(s, self.unit_sources[s]) for s in sorted(self.unit_sources)]
        binary = os.path.join(cwd, "check_unit")
        rc, _, err = run([self.a.cc] + self.cflags + objs + self.unit_libs + ["-o", binary],
                         cwd=cwd, timeout=CC_TIMEOUT)
        if rc != 0:
            return "link: %s" % err.strip()[:200]
        env = dict(os.environ, CK_RUN_SUITE=UNIT_SUITE, CK_VERBOSITY="silent")
        try:
            p = subprocess.run([binary], cwd=self.top, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=CHECK_TIMEOUT)
        except subprocess.TimeoutExpired:
            return "timeout"
        return p.returncode

    def judge_all(self, binary):
        return {os.path.basename(f)[:-4]: judge_fixture(binary, f) for f in self.fixtures}

    def live(self, binary, trace):
        """The live workload judged by @binary vs the baseline's judgement of
        the trace that run recorded: (None if the same, else how not; None,
        or why the run could not be compared: no trace written)."""
        if os.path.exists(trace):
            os.unlink(trace)
        with self.live_lock:
            rc, out, err = run([binary, "record", "-o", trace, "--json"], timeout=LIVE_TIMEOUT)
        if not os.path.exists(trace):
            lines = err.strip().split("\n")
            return None, "no trace written (exit %s: %s)" % (rc, lines[-1])
        base = judge_fixture(self.baseline, trace)
        return compare(base, signature(rc, out)), None

    def baselines(self):
        """The unmutated build's judgement of every fixture; the harness's own
        link of the unmutated model objects must agree with it."""
        self.base = self.judge_all(self.baseline)
        w = self.workers.get()
        try:
            refs = {s: self.ref_obj(s) for s in self.sources if s.startswith("model/")}
            binary = os.path.join(w, "clonecheck")
            rc, _, err = self.link(w, refs, binary)
            if rc != 0:
                raise Fatal("link of the unmutated objects failed: %s" % err.strip()[:300])
            for name, sig in self.judge_all(binary).items():
                d = compare(self.base[name], sig)
                if d:
                    raise Fatal("the harness's unmutated link judges %s otherwise than %s: %s"
                                % (name, self.baseline, d))
            u = self.unit(w, refs)
            if u not in (None, 0):
                raise Fatal("the unmutated unit tests (suite %s) fail: %s" % (UNIT_SUITE, u))
            if self.a.live:
                d, err = self.live(self.baseline, os.path.join(w, "live.cct"))
                if d or err:
                    raise Fatal("live run of the unmutated build: %s" %
                                (err or "differs from its own trace's replay: %s" % d))
        finally:
            self.workers.put(w)

    # -- one mutant
    def mutate(self, m):
        r = {k: m.get(k) for k in ("id", "kind", "file", "rule", "desc")}
        r.update(status=None, reason=None, killed_by={}, seconds=0.0)
        if m.get("equivalent"):
            r["equivalent"] = m["equivalent"]
        if m.get("expect"):
            r["expect"] = m["expect"]
        t0 = time.time()
        text = self.pristine.get(m["file"])
        if text is None:
            r.update(status="stale", reason="%s does not exist" % m["file"])
            return r
        new, why = apply_mutant(m, text)
        if new is None:
            r.update(status="stale", reason=why)
            return r
        w = self.workers.get()
        try:
            self._mutate_in(w, m, new, r)
        finally:
            with open(os.path.join(w, m["file"]), "w") as f:
                f.write(text)
            self.workers.put(w)
        r["seconds"] = round(time.time() - t0, 2)
        return r

    def _mutate_in(self, w, m, new, r):
        with open(os.path.join(w, m["file"]), "w") as f:
            f.write(new)
        srcs = [m["file"]] if m["file"].endswith(".c") else self.header_users(m["file"])
        srcs = [s for s in srcs if s in self.sources or s in self.unit_srcs]
        if not any(s in self.sources for s in srcs):
            r.update(status="invalid", reason="no object of clonecheck is built from it")
            return
        replaced, changed = {}, False
        for s in srcs:
            obj = os.path.join(w, "obj", s[:-2] + ".o")
            rc, _, err = self.compile(w, s, obj)
            if rc != 0:
                first = [ln for ln in err.split("\n") if "error" in ln][:1] or [err.strip()]
                r.update(status="invalid", reason="does not compile: %s" % first[0][:200])
                return
            if s in self.sources:
                with open(obj, "rb") as a, open(self.ref_obj(s), "rb") as b:
                    changed |= a.read() != b.read()
            replaced[s] = obj
        if not changed:
            r.update(status="invalid", reason="object code unchanged")
            return
        binary = os.path.join(w, "clonecheck")
        rc, _, err = self.link(w, replaced, binary)
        if rc != 0:
            r.update(status="invalid", reason="does not link: %s" % err.strip()[:200])
            return
        effect = []
        for name, sig in self.judge_all(binary).items():
            d = compare(self.base[name], sig)
            if d:
                r["killed_by"][name] = d
            effect += ["%s: %s" % (name, c) for c in count_changes(self.base[name], sig)]
        r["check_counts_changed"] = effect
        if self.a.live:
            d, err = self.live(binary, os.path.join(w, "live.cct"))
            if d:
                r["killed_by"]["live"] = d
            if err:
                r["live_error"] = err
        r["status"] = "killed" if r["killed_by"] else "survived"
        u = self.unit(w, replaced)
        if u is not None:
            r["unit_tests"] = "pass" if u == 0 else "fail (%s)" % u

    # -- report
    def say(self, s):
        with self.print_lock:
            print(s, flush=True)


def rate(k, n):
    return "%5.1f%%" % (100.0 * k / n) if n else "    -"


def summarise(results, live):
    """Counts overall and by kind: counted = valid and not marked equivalent."""
    def counts(rs):
        c = {s: sum(r["status"] == s for r in rs) for s in STATUSES}
        counted = [r for r in rs if r["status"] in ("killed", "survived") and
                   not r.get("equivalent")]
        c["equivalent"] = sum(1 for r in rs if r["status"] in ("killed", "survived") and
                              r.get("equivalent"))
        c["counted"] = len(counted)
        c["killed_fixtures"] = sum(1 for r in counted
                                   if any(k != "live" for k in r["killed_by"]))
        c["killed_live"] = sum(1 for r in counted if "live" in r["killed_by"]) if live else None
        c["killed_any"] = sum(1 for r in counted if r["killed_by"])
        c["failed_unit"] = sum(1 for r in counted if r.get("unit_tests", "pass") != "pass")
        c["survived_failed_unit"] = sum(1 for r in counted if not r["killed_by"] and
                                        r.get("unit_tests", "pass") != "pass")
        for k in ("fixtures", "live", "any"):
            n = c["killed_" + k]
            c["rate_" + k] = round(100.0 * n / c["counted"], 1) if n is not None and \
                c["counted"] else None
        return c
    return counts(results), {k: counts([r for r in results if r["kind"] == k])
                             for k in KINDS if any(r["kind"] == k for r in results)}


def report(h, results, seconds, list_path):
    live = h.a.live
    total, by_kind = summarise(results, live)
    p = print
    p("")
    line = "mutants: %d killed of %d counted by the fixtures (%s)" % (
        total["killed_fixtures"], total["counted"],
        rate(total["killed_fixtures"], total["counted"]).strip())
    if live:
        line += ", %d by the live workload (%s), %d by either (%s)" % (
            total["killed_live"], rate(total["killed_live"], total["counted"]).strip(),
            total["killed_any"], rate(total["killed_any"], total["counted"]).strip())
    p(line)
    p("         %d mutants: %d invalid, %d stale, %d equivalent (not counted)" % (
        len(results), total["invalid"], total["stale"], total["equivalent"]))
    if any("unit_tests" in r for r in results):
        p("         apart: the unit tests (suite %s) fail on %d of the %d counted, on %d of"
          % (UNIT_SUITE, total["failed_unit"], total["counted"],
             total["survived_failed_unit"]))
        p("         the %d survivors (\"u\" below)" % (total["counted"] - total["killed_any"]))
    p("")
    p("  %-12s %7s %8s %8s" % ("KIND", "COUNTED", "KILLED", "RATE") +
      ("  %8s %8s" % ("LIVE", "EITHER") if live else ""))
    for k, c in by_kind.items():
        p("  %-12s %7d %8d %8s" % (k, c["counted"], c["killed_fixtures"],
                                  rate(c["killed_fixtures"], c["counted"])) +
          ("  %8s %8s" % (rate(c["killed_live"], c["counted"]),
                          rate(c["killed_any"], c["counted"])) if live else ""))
    surv = [r for r in results if r["status"] == "survived" and not r.get("equivalent")]
    if surv:
        p("")
        p("surviving mutants (%d), by rule; \"~\": some rule's check count changed, the"
          % len(surv))
        p("kernel agreed with both; \" \": no check count changed (not reached, or the")
        p("same outcome); \"u\": the unit tests fail on it:")
        for r in sorted(surv, key=lambda r: (r.get("rule") or "~", r["id"])):
            p("  %-6s %s%s %-24s %s" % (r.get("rule") or "-",
                                       "~" if r.get("check_counts_changed") else " ",
                                       "u" if r.get("unit_tests", "pass") != "pass" else " ",
                                       r["id"], r["desc"]))
    eq = [r for r in results if r.get("equivalent") and r["status"] in ("killed", "survived")]
    if eq:
        p("")
        p("equivalent mutants (%d, not counted):" % len(eq))
        for r in eq:
            p("  %-24s %-8s %s" % (r["id"], r["status"], r["equivalent"]))
    lerr = [r for r in results if r.get("live_error")]
    if lerr:
        p("")
        p("live runs not compared (%d; the fixtures alone judged these):" % len(lerr))
        for r in lerr:
            p("  %-24s %s" % (r["id"], r["live_error"]))
    for st in ("invalid", "stale"):
        rs = [r for r in results if r["status"] == st]
        if rs:
            p("")
            p("%s mutants (%d, not counted):" % (st, len(rs)))
            for r in rs:
                p("  %-24s %s: %s" % (r["id"], r["file"], r["reason"]))
    doc = {
        "list": list_path,
        "commit": git_commit(),
        "fixtures": [os.path.basename(f) for f in h.fixtures],
        "live": bool(live),
        "jobs": h.a.jobs,
        "seconds": round(seconds, 1),
        "totals": total,
        "by_kind": by_kind,
        "baseline": {n: {"exit": s["exit"], "verdict": s["verdict"], "clones": len(s["clones"])}
                     for n, s in h.base.items()},
        "mutants": results,
    }
    path = h.a.json or os.path.join(h.out, "mutants.json")
    with open(path + ".tmp", "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)
    p("")
    p("wrote %s (%d mutants in %.0f s, %d jobs)" % (os.path.relpath(path), len(results),
                                                     seconds, h.a.jobs))
    return total


def git_commit():
    rc, out, _ = run(["git", "describe", "--always", "--dirty"], timeout=30)
    return out.strip() if rc == 0 else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", default="mutants/mutants.txt")
    ap.add_argument("--output", required=True)
    ap.add_argument("--cc", required=True)
    ap.add_argument("--cflags", required=True)
    ap.add_argument("--cppflags", required=True)
    ap.add_argument("--libs", required=True)
    ap.add_argument("--objs", required=True)
    ap.add_argument("--unit-srcs", default="")
    ap.add_argument("--unit-objs", default="")
    ap.add_argument("--unit-cflags", default="")
    ap.add_argument("--unit-libs", default="")
    ap.add_argument("--only", default="")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--live", action="store_true")
    ap.add_argument("--min", type=float, default=None)
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    t0 = time.time()
    try:
        if a.jobs < 1:
            raise Fatal("--jobs must be at least 1")
        if a.live and os.geteuid() != 0:
            raise Fatal("MUTANTS_LIVE=1 runs the live workload: it needs root")
        mutants = select(parse_list(a.list), a.only)
        h = Harness(a)
        h.setup(mutants)
        h.baselines()
        print("mutants: %d of %s, %d jobs, fixtures: %s%s" % (
            len(mutants), a.list, a.jobs,
            ", ".join(os.path.basename(f)[:-4] for f in h.fixtures),
            "; live workload too" if a.live else ""), flush=True)
        results = [None] * len(mutants)
        width = len(str(len(mutants)))
        done = [0]

        def one(i):
            r = h.mutate(mutants[i])
            results[i] = r
            with h.print_lock:
                done[0] += 1
                what = ", ".join(r["killed_by"]) if r["status"] == "killed" else \
                    (r["reason"] or "")
                print("  [%*d/%d] %-8s %-24s %s" % (width, done[0], len(mutants), r["status"],
                                                   r["id"], what), flush=True)
        with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
            for f in [ex.submit(one, i) for i in range(len(mutants))]:
                f.result()
    except Fatal as e:
        print("mutants: %s" % e, file=sys.stderr)
        return 2
    total = report(h, results, time.time() - t0, a.list)
    status = 0
    for r in results:
        if r.get("expect") and r["status"] != r["expect"]:
            print("mutants: %s: expected %s, got %s" % (r["id"], r["expect"], r["status"]),
                  file=sys.stderr)
            status = 1
        if r.get("equivalent") and r["status"] == "killed" and not r.get("expect"):
            print("mutants: %s is marked equivalent but was killed (%s)" % (
                r["id"], "; ".join("%s: %s" % kv for kv in r["killed_by"].items())),
                file=sys.stderr)
            status = 1
    best = total["rate_any"] if a.live else total["rate_fixtures"]
    if a.min is not None and (best is None or best < a.min):
        print("mutants: kill rate %s%% below MUTANTS_MIN=%g%%" % (best, a.min), file=sys.stderr)
        status = 1
    if any(r.get("expect") for r in results):
        bad = sum(1 for r in results if r.get("expect") and r["status"] != r["expect"])
        print("selftest: %d passed, %d failed" % (len(results) - bad, bad))
    return status


if __name__ == "__main__":
    sys.exit(main())
