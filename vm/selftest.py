#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""selftest.py - show that vm/console.py fails when it must (no QEMU needed).

Builds console logs the way vm/init.c frames them, one good and many doctored
(bad CRC, truncated, no DONE, a missing run, a crash signal, a mismatch, an
oops, the wrong backend, a QEMU timeout...), runs console.py on each and
checks its exit status: 0 for the good ones, 1 for every doctored one.
Prints one line per case and "N passed, N failed"; exits 1 if any failed.
"""
import base64
import os
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

REPORT = """clonecheck: conformance of process creation
kernel   6.1.0-50-cloud-arm64 aarch64
backend  %s (test)
profile  6.1/arm64
workload built-in (this process's clones)

RULE   STATEMENT                                          CHECKED  PASS FAIL
R-02   child mm is the parent's iff CLONE_VM, else a new        5     5    0
S-07   __sched_fork: on_rq = 0                                 10    %d    %d

rules    2 checked, 15 checks, %d failed
clones   8: %d pass, %d mismatch, 0 incomplete, 0 unjudged; 3 syscalls failed
lost     0 records; 0 undecodable, 0 untracked
%s
verdict  %s
"""
FINDING = """
findings
  clone #4 vfork: vfork by 77 -> 78: mismatch
    S-07  wake_up_new_task.on_rq = 0, predicted == 0x1
"""


def report(backend, bad=False):
    if bad:
        return REPORT % (backend, 9, 1, 1, 7, 1, FINDING,
                         "DOES NOT CONFORM (or not fully observed)")
    return REPORT % (backend, 10, 0, 0, 8, 0, "", "CONFORMS")


def frame(name, data):
    data = data.encode() if isinstance(data, str) else data
    b = base64.b64encode(data).decode()
    lines = ["@@CC BEGIN %s %d %08x" % (name, len(data), zlib.crc32(data))]
    lines += ["@@D " + b[i:i + 76] for i in range(0, len(b), 76)]
    lines.append("@@CC END %s" % name)
    return lines


def trace_bytes(major=1, crc_ok=True):
    """A trace file's preamble (src/trace_file.h) and some binary bytes after it."""
    head = b"CCTRACE\n" + major.to_bytes(2, "little") + (0).to_bytes(2, "little")
    crc = zlib.crc32(head) ^ (0 if crc_ok else 1)
    return head + crc.to_bytes(4, "little") + bytes(range(256)) + b"\r\n\x00@@D x\n"


def guest_log(runs, done=True, extra=None):
    """runs: {run: (status, report, stderr[, trace])}.  extra(lines) may doctor the log."""
    lines = ["[    0.000000] Booting Linux on physical CPU 0x0",
             "@@CC START 6.1.0-50-cloud-arm64 aarch64 %d" % len(runs)]
    n = 0
    for run, (status, rep, err, *trace) in runs.items():
        lines.append("@@CC RUN " + run)
        for name, data in ((run + ".report", rep), (run + ".stderr", err),
                           (run + ".status", status + "\nseconds 1.00\n")):
            lines += frame(name, data)
            n += 1
        if trace and trace[0] is not None:
            lines += frame(run + ".cct", trace[0])
            n += 1
    lines += frame("meta", "btf: present\n") + frame("dmesg", "<6>[0.0] hello\n")
    n += 2
    if done:
        lines.append("@@CC DONE %d" % n)
    if extra:
        lines = extra(lines)
    return "\r\n".join(lines) + "\r\n"


def good_runs():
    return {"auto": ("exit 0", report("kprobe"), ""),
            "fentry": ("exit 2", "", "clonecheck: backend fentry cannot run on this kernel: "
                       "the kernel cannot attach to kernel_clone: not supported by this kernel or arch (ENOTSUPP)\n"),
            "kprobe": ("exit 0", report("kprobe"), ""),
            "tracepoint": ("exit 0", report("tracepoint"), ""),
            "record": ("exit 0", report("kprobe"), "", trace_bytes())}


def with_run(**kw):
    r = good_runs()
    for k, v in kw.items():
        if v is None:
            del r[k]
        else:
            r[k] = v
    return r


def flip_crc(lines):
    i = next(i for i, ln in enumerate(lines) if ln.startswith("@@CC BEGIN kprobe.report"))
    parts = lines[i].split()
    parts[4] = "%08x" % (int(parts[4], 16) ^ 1)
    lines[i] = " ".join(parts)
    return lines


def flip_data(lines):
    i = next(i for i, ln in enumerate(lines) if ln.startswith("@@CC BEGIN auto.report")) + 2
    ln = lines[i]
    lines[i] = ln[:10] + ("A" if ln[10] != "A" else "B") + ln[11:]
    return lines


def flip_data_of(marker):
    def f(lines):
        i = next(i for i, ln in enumerate(lines) if ln.startswith(marker)) + 1
        ln = lines[i]
        lines[i] = ln[:10] + ("A" if ln[10] != "A" else "B") + ln[11:]
        return lines
    return f


def drop_line(lines):
    i = next(i for i, ln in enumerate(lines) if ln.startswith("@@CC BEGIN auto.report")) + 3
    del lines[i]
    return lines


def cut_after(marker):
    def f(lines):
        i = next(i for i, ln in enumerate(lines) if ln.startswith(marker))
        return lines[:i + 3]
    return f


def insert_after(marker, text):
    def f(lines):
        i = next(i for i, ln in enumerate(lines) if ln.startswith(marker))
        return lines[:i + 1] + [text] + lines[i + 1:]
    return f


# --series/--flavour/--arch of the good log's kernel (6.1.0-50-cloud-arm64 aarch64)
OWN_KERNEL = ["--series", "6.1", "--flavour", "cloud", "--arch", "arm64"]
FENTRY_NO_BTF = ("clonecheck: backend fentry cannot run on this kernel: the kernel cannot "
                 "attach to kernel_clone: not supported by this kernel or arch (ENOTSUPP)\n")

CASES = [
    # name, expected console.py status, guest, runs, log kwargs, extra args
    ("good", 0, "arm64-6.1", good_runs(), {}, []),
    ("kernel line inside a frame", 0, "arm64-6.1", good_runs(),
     {"extra": insert_after("@@CC BEGIN auto.report", "[   3.1] random: crng init done")}, []),
    ("bad crc", 1, "arm64-6.1", good_runs(), {"extra": flip_crc}, []),
    ("corrupted data", 1, "arm64-6.1", good_runs(), {"extra": flip_data}, []),
    ("lost data line", 1, "arm64-6.1", good_runs(), {"extra": drop_line}, []),
    ("no DONE", 1, "arm64-6.1", good_runs(), {"done": False}, []),
    ("console ends inside a frame", 1, "arm64-6.1", good_runs(),
     {"extra": cut_after("@@CC BEGIN kprobe.report")}, []),
    ("missing run", 1, "arm64-6.1", with_run(tracepoint=None), {}, []),
    ("mismatch (exit 1)", 1, "arm64-6.1", with_run(kprobe=("exit 1", report("kprobe", True), "")),
     {}, []),
    ("crash signal", 1, "arm64-6.1", with_run(kprobe=("signal 11", "", "")), {}, []),
    ("in-guest timeout", 1, "arm64-6.1", with_run(kprobe=("timeout 240", "", "")), {}, []),
    ("auto picks the wrong backend", 1, "arm64-6.1",
     with_run(auto=("exit 0", report("tracepoint"), "")), {}, []),
    ("fentry does not fail on arm64 6.1", 1, "arm64-6.1",
     with_run(fentry=("exit 0", report("fentry"), "")), {}, []),
    ("fentry fails without the reason", 1, "arm64-6.1",
     with_run(fentry=("exit 2", "", "clonecheck: load failed\n")), {}, []),
    ("exit 0 but lost records", 1, "arm64-6.1",
     with_run(kprobe=("exit 0", report("kprobe").replace("lost     0 records",
                                                          "lost     3 records"), "")), {}, []),
    ("exit 0 but nothing judged", 1, "arm64-6.1",
     with_run(kprobe=("exit 0", report("kprobe").replace(
         "8: 8 pass, 0 mismatch, 0 incomplete, 0 unjudged; 3 syscalls failed",
         "7: 0 pass, 0 mismatch, 0 incomplete, 7 unjudged; 0 syscalls failed"), "")),
     {}, []),
    ("one unjudged, the kernel skipped a run", 0, "arm64-6.1",
     with_run(kprobe=("exit 0", report("kprobe").replace(
         "8: 8 pass, 0 mismatch, 0 incomplete, 0 unjudged",
         "8: 7 pass, 0 mismatch, 0 incomplete, 1 unjudged"),
         "clonecheck: the kernel skipped 1 runs of handle_sys_exit_clone (recursion)\n")),
     {}, []),
    ("one unjudged, no run skipped", 1, "arm64-6.1",
     with_run(kprobe=("exit 0", report("kprobe").replace(
         "8: 8 pass, 0 mismatch, 0 incomplete, 0 unjudged",
         "8: 7 pass, 0 mismatch, 0 incomplete, 1 unjudged"), "")),
     {}, []),
    ("two unjudged, one run skipped", 1, "arm64-6.1",
     with_run(kprobe=("exit 0", report("kprobe").replace(
         "8: 8 pass, 0 mismatch, 0 incomplete, 0 unjudged",
         "8: 6 pass, 0 mismatch, 0 incomplete, 2 unjudged"),
         "clonecheck: the kernel skipped 1 runs of handle_sys_exit_clone (recursion)\n")),
     {}, []),
    ("oops on the console", 1, "arm64-6.1", good_runs(),
     {"extra": insert_after("@@CC RUN kprobe",
                            "[   9.9] Unable to handle kernel NULL pointer dereference")}, []),
    ("record without its trace frame", 1, "arm64-6.1",
     with_run(record=("exit 0", report("kprobe"), "")), {}, []),
    ("record trace frame empty", 1, "arm64-6.1",
     with_run(record=("exit 0", report("kprobe"), "", b"")), {}, []),
    ("record trace is not a trace", 1, "arm64-6.1",
     with_run(record=("exit 0", report("kprobe"), "", b"clonecheck: cannot write\n")), {},
     []),
    ("record trace preamble crc", 1, "arm64-6.1",
     with_run(record=("exit 0", report("kprobe"), "", trace_bytes(crc_ok=False))), {}, []),
    ("record trace of another major", 1, "arm64-6.1",
     with_run(record=("exit 0", report("kprobe"), "", trace_bytes(major=2))), {}, []),
    ("record trace frame corrupted", 1, "arm64-6.1", good_runs(),
     {"extra": flip_data_of("@@CC BEGIN record.cct")}, []),
    ("QEMU timeout", 1, "arm64-6.1", good_runs(), {}, ["--qemu-status", "124"]),
    ("the guest's own kernel", 0, "arm64-6.1", good_runs(), {}, OWN_KERNEL),
    ("a kernel of another series", 1, "arm64-6.1", good_runs(), {},
     ["--series", "6.12", "--flavour", "cloud", "--arch", "arm64"]),
    ("a kernel of another flavour", 1, "arm64-6.1", good_runs(), {},
     ["--series", "6.1", "--flavour", "rt", "--arch", "arm64"]),
    ("a kernel of another arch", 1, "arm64-6.1", good_runs(), {},
     ["--series", "6.1", "--flavour", "cloud", "--arch", "amd64"]),
    ("arm64 5.10: fentry, no trampoline", 0, "arm64-5.10",
     with_run(fentry=("exit 2", "", FENTRY_NO_BTF)), {}, []),
    ("arm64 5.10: fentry fails another way", 1, "arm64-5.10",
     with_run(fentry=("exit 2", "", "clonecheck: backend fentry cannot run on this kernel: "
                      "load failed: Operation not permitted\n")), {}, []),
    ("empty console", 1, "arm64-6.1", None, {}, []),
    ("no expectations for the guest", 1, "riscv-9.9", good_runs(), {}, []),
]


def main():
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, want, guest, runs, kw, extra) in enumerate(CASES):
            log = os.path.join(tmp, "c%d.log" % i)
            with open(log, "w") as f:
                f.write(guest_log(runs, **kw) if runs is not None else "")
            out = os.path.join(tmp, "g%d" % i, "files")
            p = subprocess.run([sys.executable, os.path.join(HERE, "console.py"), "--guest",
                                guest, "--expect", os.path.join(HERE, "expect"), "--out", out]
                               + extra + [log], capture_output=True, text=True)
            ok = p.returncode == want
            if ok and name == "good":
                # the binary trace frame comes back byte for byte
                with open(os.path.join(out, "record.cct"), "rb") as f:
                    ok = f.read() == trace_bytes()
            passed += ok
            failed += not ok
            print("%-4s %-38s console.py exit %d (want %d)" % ("ok" if ok else "FAIL", name,
                                                              p.returncode, want))
            if not ok:
                sys.stdout.write(p.stdout + p.stderr)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
