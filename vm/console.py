#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""console.py - rebuild a guest's results from its console log and judge them.

USAGE: console.py --guest NAME --expect vm/expect --out DIR [--qemu-status N]
                  [--series X.Y --flavour F --arch A] CONSOLE.LOG

Reads the frames vm/init.c writes (@@CC BEGIN name len crc32 / @@D base64 /
@@CC END name, between @@CC START and @@CC DONE), verifies each length and
CRC-32, writes each frame to DIR/<name>, then checks every run the expect file
lists for this guest.  Writes DIR/../summary.txt and prints it.

Exit status: 0 when every expectation holds; 1 on any failure: a bad or
truncated frame, no START or DONE (the guest crashed, hung or was cut off),
a missing run, a crash signal, an oops or panic in the console or dmesg, an
exit status other than the expected one, a report that is not CONFORMS with
0 mismatch / 0 incomplete / 0 lost, another backend than expected, a record
run without its trace file (<run>.cct, checked to be a clonecheck trace),
QEMU's timeout, or (with --series, --flavour and --arch) a guest that booted
another kernel than its own: the release must be X.Y.* of flavour F and
Debian arch A (6.19.14+deb13-cloud-arm64), the machine A's; 2 on a usage
error.
"""
import argparse
import base64
import os
import re
import sys
import zlib

# Kernel lines that mean the guest kernel is not well, wherever they appear.
CRASH_RE = re.compile(r"(Kernel panic|Oops|BUG: |WARNING: CPU|Unable to handle kernel|"
                      r"Internal error:|general protection fault|segfault at|"
                      r"Call trace:|Call Trace:|rcu_sched self-detected stall|"
                      r"soft lockup|blocked for more than)")
BEGIN_RE = re.compile(r"^@@CC BEGIN (\S+) (\d+) ([0-9a-f]{8})$")
# Runs that write a trace file (vm/init.c frames it as <run>.cct), and the
# trace preamble (src/trace_file.h): magic, u16 major, u16 minor, u32 crc32
# of the 12 bytes before it, all little-endian.
TRACE_RUNS = ("record",)
TRACE_MAGIC = b"CCTRACE\n"
TRACE_MAJOR = 1
END_RE = re.compile(r"^@@CC END (\S+)$")


def load_expect(path, guest):
    """Rows of the expect file for this guest: (run, exit, backend, stderr regex)."""
    rows = []
    with open(path) as f:
        for ln in f:
            ln = ln.split("#", 1)[0].rstrip()
            if not ln.strip():
                continue
            cols = ln.split(None, 4)
            if len(cols) < 4:
                raise SystemExit("console.py: bad expect line: %r" % ln)
            if cols[0] != guest:
                continue
            rows.append({"run": cols[1], "exit": int(cols[2]),
                         "backend": None if cols[3] == "-" else cols[3],
                         "stderr": cols[4] if len(cols) > 4 else None})
    return rows


def parse_console(text):
    """Frames and markers from the console text; problems as a list of strings."""
    frames, problems, outside = {}, [], []
    start = done = None
    cur = None  # [name, length, crc, [b64 lines]]
    for raw in text.split("\n"):
        ln = raw.rstrip("\r")
        if cur is not None:
            if ln.startswith("@@D "):
                cur[3].append(ln[4:].strip())
                continue
            m = END_RE.match(ln)
            if m:
                name, length, crc, lines = cur
                cur = None
                if m.group(1) != name:
                    problems.append("frame %s ended as %s" % (name, m.group(1)))
                    continue
                try:
                    data = base64.b64decode("".join(lines), validate=True)
                except ValueError as e:
                    problems.append("frame %s: bad base64 (%s)" % (name, e))
                    continue
                if len(data) != length:
                    problems.append("frame %s: %d bytes, header says %d"
                                    % (name, len(data), length))
                elif "%08x" % zlib.crc32(data) != crc:
                    problems.append("frame %s: crc32 %08x, header says %s"
                                    % (name, zlib.crc32(data), crc))
                elif name in frames:
                    problems.append("frame %s: sent twice" % name)
                else:
                    frames[name] = data
                continue
            if ln.startswith("@@"):
                problems.append("frame %s: cut off by %r" % (cur[0], ln[:60]))
                cur = None
            else:
                # A kernel line inside a frame: keep it, the frame is still whole.
                outside.append(ln)
                continue
        m = BEGIN_RE.match(ln)
        if m:
            cur = [m.group(1), int(m.group(2)), m.group(3), []]
        elif ln.startswith("@@CC START "):
            start = ln[len("@@CC START "):].split()
        elif ln.startswith("@@CC DONE "):
            done = ln.split()[2]
        elif ln.startswith("@@"):
            continue
        else:
            outside.append(ln)
    if cur is not None:
        problems.append("frame %s: no END (console ends inside it)" % cur[0])
    if start is None:
        problems.append("no '@@CC START': init never ran (boot failed?)")
    if done is None:
        problems.append("no '@@CC DONE': the guest did not finish "
                        "(crash, hang, timeout or truncated console)")
    elif done.isdigit() and int(done) != len(frames):
        problems.append("DONE says %s frames, %d arrived whole" % (done, len(frames)))
    return frames, start, done, outside, problems


def field(report, key):
    m = re.search(r"^%s\s+(.*)$" % re.escape(key), report, re.M)
    return m.group(1).strip() if m else None


def findings(report):
    """The report's findings section, verbatim (mismatch and incomplete clones):
    its indented lines, up to the next section ("not exercised", "verdict")."""
    m = re.search(r"^findings\n((?:[ \t].*\n|\n)*)", report, re.M)
    return m.group(1).rstrip("\n").split("\n") if m else []


def failed_rules(report):
    """Rule rows with FAIL > 0, verbatim."""
    rows = []
    for ln in report.split("\n"):
        m = re.match(r"^(\S+)\s+.*\s(\d+)\s+(\d+)\s+(\d+)$", ln)
        if m and not ln.startswith("RULE") and int(m.group(4)) > 0:
            rows.append(ln)
    return rows


def judge_trace(run, frames, fails):
    """A trace run's <run>.cct frame: present and a clonecheck trace file.

    Only the preamble is checked here (the frame CRC already covers the
    transport); `clonecheck check` and tests/check_fixtures.c judge the rest.
    Returns its size in bytes, or None."""
    data = frames.get(run + ".cct")
    if data is None:
        fails.append("%s: no trace file (frame %s.cct missing)" % (run, run))
        return None
    if len(data) < 16 or data[:8] != TRACE_MAGIC:
        fails.append("%s: %s.cct is not a clonecheck trace (%d bytes, starts %r)"
                     % (run, run, len(data), data[:8]))
        return None
    major = int.from_bytes(data[8:10], "little")
    crc = int.from_bytes(data[12:16], "little")
    if zlib.crc32(data[:12]) != crc:
        fails.append("%s: %s.cct preamble crc32 %08x, file says %08x"
                     % (run, run, zlib.crc32(data[:12]), crc))
        return None
    if major != TRACE_MAJOR:
        fails.append("%s: %s.cct is trace format %d, expected %d"
                     % (run, run, major, TRACE_MAJOR))
        return None
    return len(data)


MACHINES = {"arm64": "aarch64", "amd64": "x86_64"}


def judge_kernel(release, machine, series, flavour, arch, fails):
    """The guest booted its own kernel: series, flavour and arch of the release."""
    if not release:
        return
    if not re.match(r"^%s[.+-]" % re.escape(series), release) or \
            not release.endswith("-%s-%s" % (flavour, arch)):
        fails.append("kernel %s is not the guest's (%s, %s flavour, %s)"
                     % (release, series, flavour, arch))
    if machine != MACHINES.get(arch, arch):
        fails.append("machine %s is not %s's (%s)" % (machine, arch, MACHINES.get(arch, arch)))


def judge_run(exp, frames, release, fails, notes):
    """Check one expected run; append failures to fails, context to notes."""
    run = exp["run"]
    status = frames.get(run + ".status")
    if status is None:
        fails.append("%s: no result (status frame missing)" % run)
        return None
    status = status.decode(errors="replace")
    report = frames.get(run + ".report", b"").decode(errors="replace")
    stderr = frames.get(run + ".stderr", b"").decode(errors="replace")
    first = status.split("\n", 1)[0]
    secs = re.search(r"^seconds (\S+)", status, re.M)
    res = {"run": run, "status": first, "seconds": secs.group(1) if secs else "?",
           "backend": field(report, "backend") or "-", "verdict": field(report, "verdict")
           or "-", "clones": field(report, "clones") or "-"}
    if not first.startswith("exit "):
        fails.append("%s: clonecheck did not exit normally: %s" % (run, first))
        return res
    code = int(first.split()[1])
    if code != exp["exit"]:
        fails.append("%s: exit %d, expected %d" % (run, code, exp["exit"]))
    if code == 2 or exp["exit"] == 2:
        last = [ln for ln in stderr.split("\n") if ln.strip()][-3:]
        notes.append("%s stderr (last lines): %s" % (run, " | ".join(last)))
    if exp["stderr"] and not re.search(exp["stderr"], stderr):
        fails.append("%s: stderr lacks /%s/" % (run, exp["stderr"]))
    if exp["exit"] == 0 or code in (0, 1):
        for ln in failed_rules(report):
            notes.append("%s rule FAIL: %s" % (run, ln))
        for ln in findings(report):
            notes.append("%s finding: %s" % (run, ln))
    if exp["exit"] == 0 and code in (0, 1):
        # exit 1 is a report too: say which of its lines break the contract.
        if res["verdict"] != "CONFORMS":
            fails.append("%s: verdict %r" % (run, res["verdict"]))
        if not re.search(r"\b0 mismatch, 0 incomplete\b", res["clones"]):
            fails.append("%s: clones %r" % (run, res["clones"]))
        # The built-in workload makes clones that succeed and calls that must
        # fail: a run that judged none of them (or left some unjudged) saw
        # nothing, whatever its verdict says.
        m = re.match(r"(\d+): (\d+) pass, .*?(\d+) unjudged; (\d+) syscalls failed",
                     res["clones"])
        if not m:
            fails.append("%s: no clone counts in %r" % (run, res["clones"]))
        else:
            # A clone whose point the kernel itself did not let a program see
            # (bpf_prog_inc_misses_counter(): a program already running on
            # this CPU, which PREEMPT_RT allows) stays unjudged, and clonecheck
            # says how many runs were skipped: that many are excused, no more.
            skipped = sum(int(n) for n in re.findall(
                r"the kernel skipped (\d+) runs of \S+ \(recursion\)", stderr))
            total, passed, unjudged = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if (total == 0 or passed + unjudged != total or unjudged > skipped or
                    not int(m.group(4))):
                fails.append("%s: not every workload clone was judged: %r" % (run, res["clones"]))
            elif unjudged:
                notes.append("%s: %d unjudged, the kernel skipped %d program runs (recursion)"
                             % (run, unjudged, skipped))
        lost = field(report, "lost") or ""
        if not lost.startswith("0 records") or not re.search(r"\b0 undecodable\b", lost):
            fails.append("%s: lost %r" % (run, lost))
        if exp["backend"] and not res["backend"].startswith(exp["backend"]):
            fails.append("%s: backend %r, expected %s" % (run, res["backend"], exp["backend"]))
        kernel = field(report, "kernel") or ""
        if release and not kernel.startswith(release):
            fails.append("%s: report's kernel %r is not the guest's %s" % (run, kernel, release))
    if run in TRACE_RUNS and code == 0:
        size = judge_trace(run, frames, fails)
        if size is not None:
            notes.append("%s trace: files/%s.cct, %d bytes" % (run, run, size))
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--guest", required=True)
    ap.add_argument("--expect", required=True)
    ap.add_argument("--out", required=True, help="directory for the rebuilt files")
    ap.add_argument("--qemu-status", type=int, default=0,
                    help="exit status of `timeout qemu-...` (124/137: timed out)")
    ap.add_argument("--seconds", default="?", help="wall time of the guest, for the summary")
    ap.add_argument("--series", help="the guest's kernel series (X.Y)")
    ap.add_argument("--flavour", help="the guest's kernel flavour (cloud, rt)")
    ap.add_argument("--arch", help="the guest's Debian arch (arm64, amd64)")
    ap.add_argument("console")
    a = ap.parse_args()
    if (a.series, a.flavour, a.arch).count(None) not in (0, 3):
        ap.error("--series, --flavour and --arch go together")

    expect = load_expect(a.expect, a.guest)
    fails, notes, results = [], [], []
    if not expect:
        fails.append("no expectations for guest %s in %s" % (a.guest, a.expect))
    try:
        with open(a.console, "rb") as f:
            text = f.read().decode("latin-1")
    except OSError as e:
        text = ""
        fails.append("no console log: %s" % e)
    frames, start, done, outside, problems = parse_console(text)
    fails.extend(problems)
    if a.qemu_status in (124, 137):
        fails.append("timeout: QEMU killed after the time limit (status %d)" % a.qemu_status)
    elif a.qemu_status:
        fails.append("QEMU exited %d" % a.qemu_status)

    os.makedirs(a.out, exist_ok=True)
    for name, data in frames.items():
        if "/" in name or name.startswith("."):
            fails.append("frame name %r refused" % name)
            continue
        with open(os.path.join(a.out, name), "wb") as f:
            f.write(data)

    release = start[0] if start else None
    machine = start[1] if start and len(start) > 1 else "?"
    if a.series:
        judge_kernel(release, machine, a.series, a.flavour, a.arch, fails)
    for ln in outside:
        if CRASH_RE.search(ln):
            fails.append("console: %s" % ln.strip())
    dmesg = frames.get("dmesg", b"").decode(errors="replace")
    for ln in dmesg.split("\n"):
        if CRASH_RE.search(ln):
            fails.append("dmesg: %s" % ln.strip())
    for exp in expect:
        res = judge_run(exp, frames, release, fails, notes)
        if res:
            results.append(res)

    verdict = "PASS" if not fails else "FAIL"
    lines = ["guest    %s" % a.guest,
             "kernel   %s %s" % (release or "?", machine),
             "time     %s s (boot, %d runs, power off)" % (a.seconds, len(expect)),
             "result   %s" % verdict, "",
             "%-11s %-9s %7s  %-10s %-9s %s" % ("RUN", "STATUS", "SECONDS", "BACKEND",
                                              "VERDICT", "CLONES")]
    for r in results:
        lines.append("%-11s %-9s %7s  %-10s %-9s %s" % (
            r["run"], r["status"], r["seconds"], r["backend"].split(" ")[0],
            r["verdict"].split(" ")[0], r["clones"]))
    if notes:
        lines.append("")
        lines.extend("note  " + n for n in notes)
    if fails:
        lines.append("")
        lines.extend("FAIL  " + f for f in fails)
    summary = "\n".join(lines) + "\n"
    with open(os.path.join(os.path.dirname(os.path.abspath(a.out)), "summary.txt"), "w") as f:
        f.write(summary)
    sys.stdout.write(summary)
    return 0 if not fails else 1


if __name__ == "__main__":
    sys.exit(main())
