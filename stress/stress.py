#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""stress.py - `make stress`: a bounded soak of clonecheck under a clone storm.

Rounds, drawn from a seed (printed; STRESS_SEED reproduces them), run until
STRESS_SECONDS have passed.  Each round runs cc-storm (stress/storm.c) on
both cores, in a pid namespace of its own with a low pid_max in most rounds
(so pids wrap; the host's pid_max is never written), against one of:

  c-exact      clonecheck -c STORM, the storm ends by itself:
               clones seen = clones the storm counted (no loss: exactly)
  c-signal     the same, stopped by SIGINT, SIGTERM, SIGHUP or SIGKILL
  a-duration   a running storm, clonecheck -a --comm cc-storm -d D
  a-signal     the same, stopped by a signal
  rec-exact    clonecheck record -c STORM, then check of the file: exact
  rec-signal   record stopped by a signal (SIGKILL: check --salvage)
  rec-full     record into a small tmpfs that fills: exit 2, ENOSPC named,
               the file's intact part judged with check --salvage

A round fails on: a mismatch; a clone unaccounted for (exact rounds: made =
seen; other -c and record rounds: seen <= made <= seen + lost + evicted;
-a rounds: seen <= made while clonecheck ran); an incomplete clone with
nothing lost or evicted; a stop slower than STOP_LIMIT_S from the signal to
exit; peak RSS over STRESS_RSS_MIB; anything left behind (BPF programs,
maps or links the run held, processes (clonecheck's perf-event releaser,
clonecheck-rel, gets RELEASE_LIMIT_S to end), clonecheck-wl-<pid>-* cgroups, mounts,
files in /tmp or /dev/shm, the host's pid_max).  Exit 0 when every round
passed, 1 if one failed, 2 on an error (one line on stderr).
"""
import argparse
import ctypes
import glob
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

STOP_LIMIT_S = 1.0
SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL]
KINDS = [("c-exact", 3), ("c-signal", 3), ("a-duration", 2), ("a-signal", 2),
         ("rec-exact", 2), ("rec-signal", 2), ("rec-full", 1)]
CLONE_RE = re.compile(r"^clones\s+(\d+): (\d+) pass, (\d+) mismatch, (\d+) incomplete, "
                      r"(\d+) unjudged", re.M)
PROGRESS_RE = re.compile(r"unjudged: (\d+) in progress", re.M)
LOST_RE = re.compile(r"^lost\s+(\d+) records", re.M)
OPEN_RE = re.compile(r"^open\s+(\d+) clones judged early \(too many open\), (\d+)", re.M)
VERDICT_RE = re.compile(r"^verdict\s+(.*)$", re.M)

libc = ctypes.CDLL(None, use_errno=True)


def die(msg):
    print(f"stress: {msg}", file=sys.stderr)
    sys.exit(2)


def counts(path):
    """The storm's counter file (struct storm_counts of stress/storm.c)."""
    try:
        with open(path, "rb") as f:
            data = f.read(72)
    except OSError:
        return None
    if len(data) < 72:
        return None
    v = [int.from_bytes(data[i:i + 8], sys.byteorder) for i in range(0, 72, 8)]
    return {"made": v[0], "failed": v[1], "wraps": v[2], "done": v[3], "pgid": v[4]}


def report(text):
    """The figures of a text report, or None when it has none."""
    m = CLONE_RE.search(text)
    if not m:
        return None
    r = dict(zip(("seen", "pass", "mismatch", "incomplete", "unjudged"),
                 map(int, m.groups())))
    m = PROGRESS_RE.search(text)
    r["in_progress"] = int(m.group(1)) if m else 0
    m = LOST_RE.search(text)
    r["lost"] = int(m.group(1)) if m else 0
    m = OPEN_RE.search(text)
    r["evicted"] = int(m.group(1)) if m else 0
    r["expired"] = int(m.group(2)) if m else 0
    m = VERDICT_RE.search(text)
    r["verdict"] = m.group(1) if m else "?"
    return r


def bpf_objects(kind):
    try:
        out = subprocess.run(["bpftool", kind, "show", "-j"], capture_output=True,
                             text=True, timeout=30).stdout
        return json.loads(out or "[]")
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None


def fd_bpf_ids(pid):
    """The BPF programs, maps and links a process holds now: {(kind, id)}."""
    ids = set()
    try:
        fds = os.listdir(f"/proc/{pid}/fdinfo")
    except OSError:
        return ids
    for fd in fds:
        try:
            with open(f"/proc/{pid}/fdinfo/{fd}") as f:
                for ln in f:
                    k, _, v = ln.partition(":")
                    if k in ("prog_id", "map_id", "link_id"):
                        ids.add((k[:-3], int(v)))
        except (OSError, ValueError):
            pass
    return ids


def bpf_left(ours, grace=5.0):
    """
    Which of `ours` (BPF objects a run held, from its fdinfo) still exist
    `grace` seconds on: the last reference goes with the process, but the
    kernel frees an object a moment later (RCU).  bpftool cannot say who
    holds an object here (no pids), and other clonecheck runs share the
    machine, so objects are followed by id.
    """
    deadline = time.monotonic() + grace
    while True:
        now = set()
        for kind in ("prog", "map", "link"):
            objs = bpf_objects(kind)
            if objs is None:
                return [f"bpftool {kind} show failed"]
            now |= {(kind, o.get("id")) for o in objs}
        left = sorted(ours & now)
        if not left or time.monotonic() >= deadline:
            return [f"{k} {i}" for k, i in left]
        time.sleep(0.2)


def children_of(pid):
    kids = []
    for task in glob.glob(f"/proc/{pid}/task/*/children"):
        try:
            with open(task) as f:
                kids += [int(x) for x in f.read().split()]
        except OSError:
            pass
    return kids


def reap():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def comm_of(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return None


# clonecheck hands its syscall tracepoints' perf events, programs already
# detached, to a grandchild that closes them after it exits (src/loader.c,
# release_perf_events(): a grace period or two per event, one after another);
# as this harness's subreaper child it is left behind only if it outlives this
RELEASE_COMM = "clonecheck-rel"
RELEASE_LIMIT_S = 5.0


def wait_release():
    end = time.monotonic() + RELEASE_LIMIT_S
    while time.monotonic() < end:
        reap()
        if not any(comm_of(k) == RELEASE_COMM for k in children_of(os.getpid())):
            return
        time.sleep(0.01)


def pgid_alive(pgid):
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        reap()
        if not pgid_alive(pgid):
            return
        time.sleep(0.01)


def rss_kib(pid):
    """(VmRSS, VmHWM) in KiB, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            st = f.read()
    except OSError:
        return None
    m1 = re.search(r"^VmRSS:\s+(\d+)", st, re.M)
    m2 = re.search(r"^VmHWM:\s+(\d+)", st, re.M)
    if not m1 or not m2:
        return None
    return int(m1.group(1)), int(m2.group(1))


def private_mounts():
    """This process in a mount namespace of its own, nothing propagated back."""
    CLONE_NEWNS, MS_REC, MS_PRIVATE = 0x20000, 0x4000, 1 << 18
    if libc.unshare(CLONE_NEWNS):
        die(f"unshare(CLONE_NEWNS): {os.strerror(ctypes.get_errno())}")
    if libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None):
        die(f"mount --make-rprivate /: {os.strerror(ctypes.get_errno())}")


def mount_tmpfs(path, size):
    if libc.mount(b"cc-stress", path.encode(), b"tmpfs", 0, f"size={size}".encode()):
        die(f"cannot mount a tmpfs on {path}: {os.strerror(ctypes.get_errno())}")


def umount(path):
    libc.umount2(path.encode(), 0)


def mounts_under(path, mountinfo):
    try:
        with open(mountinfo) as f:
            return [ln.split()[4] for ln in f if ln.split()[4].startswith(path)]
    except OSError:
        return []


def tmp_names():
    names = set()
    for d in ("/tmp", "/dev/shm"):
        try:
            names |= {os.path.join(d, n) for n in os.listdir(d)}
        except OSError:
            pass
    return names


class Stress:
    def __init__(self, args):
        self.a = args
        self.rng = random.Random(args.seed)
        self.pidns = args.pidns
        self.rows = []
        self.failures = []
        self.slowest = (0.0, "")
        self.slowest_load = (0.0, "")
        self.peak_rss = 0
        self.wraps = 0
        self.leftovers = 0
        self.made_exact = self.seen_exact = 0

    # ------------------------------------------------------------ a round
    def storm_cmd(self, rd, secs, pid_max):
        cmd = [self.a.storm, "-c", os.path.join(rd, "counts"), "-s", f"{secs:.2f}",
               "-w", "2", "-m", self.rng.choice(["fvtc", "ffvc", "tttc", "fc", "vt", "cfvt"])]
        if pid_max:
            cmd += ["-p", str(pid_max)]
        return cmd

    def start_cc(self, rd, argv):
        out = open(os.path.join(rd, "stdout"), "w")
        err = open(os.path.join(rd, "stderr"), "w")
        p = subprocess.Popen([self.a.clonecheck] + argv, stdout=out, stderr=err,
                             stdin=subprocess.DEVNULL)
        out.close()
        err.close()
        return p

    def attached(self, rd):
        """When clonecheck said (-v) it had attached, or None."""
        if self.t_attach is None:
            with open(os.path.join(rd, "stderr")) as f:
                if "clonecheck: backend: " in f.read():
                    self.t_attach = time.monotonic()
        return self.t_attach

    def watch(self, p, rd, delay, from_attach, sig, fails):
        """
        Sample RSS; `delay` seconds after the attach (from_attach) or after
        the start, signal it; wait.  The stop's time, and whether the
        signal came before the attach.
        """
        first = None
        grew = False
        peak = 0
        self.t_attach = None
        until = self.t0 + delay
        self.held = set()
        sampled = 0.0
        while p.poll() is None:
            if time.monotonic() - sampled > 0.25:
                self.held |= fd_bpf_ids(p.pid)
                sampled = time.monotonic()
            if from_attach:
                t = self.attached(rd)
                until = t + delay if t is not None else time.monotonic() + 1
            if time.monotonic() >= until:
                break
            r = rss_kib(p.pid)
            if r:
                if first is None and time.monotonic() > self.t0 + 1.5:
                    first = r[0]
                peak = max(peak, r[1])
                if first is not None and not grew and \
                        r[0] - first > self.a.rss_growth_mib * 1024:
                    fails.append(f"RSS grew {r[0] - first} KiB past {first} KiB")
                    grew = True
            time.sleep(0.05)
        stop = None
        early = False
        if sig is not None and p.poll() is None:
            early = self.attached(rd) is None
            self.held |= fd_bpf_ids(p.pid)
            t = time.monotonic()
            p.send_signal(sig)
            while p.poll() is None and time.monotonic() - t < 20:
                time.sleep(0.002)
            stop = time.monotonic() - t
        try:
            p.wait(timeout=120)
        except subprocess.TimeoutExpired:
            fails.append("clonecheck did not exit within 120 s: killed")
            p.kill()
            p.wait()
        if peak > self.a.rss_mib * 1024:
            fails.append(f"peak RSS {peak} KiB over {self.a.rss_mib} MiB")
        self.peak_rss = max(self.peak_rss, peak)
        return stop, early

    def judge(self, r, fails, what):
        if r is None:
            fails.append(f"{what}: no report")
            return
        if r["mismatch"]:
            fails.append(f"{what}: {r['mismatch']} mismatch")
        if r["incomplete"] and not (r["lost"] or r["evicted"] or r["expired"]):
            fails.append(f"{what}: {r['incomplete']} incomplete with nothing lost or evicted")

    def round(self, n, kind):
        rd = os.path.join(self.a.dir, f"round-{n}")
        os.makedirs(rd)
        fails = []
        sig = self.rng.choice(SIGNALS) if kind.endswith("signal") else None
        pid_max = self.rng.randrange(301, 2000) if self.pidns and self.rng.random() < 0.8 else 0
        # -c and record rounds that end by themselves run long enough, next
        # to a bystander storm that clonecheck must not judge, for the
        # host's pids (32768 here) to wrap: a watched pid that is reused
        # is then taken by a process that is not the command's
        long_round = kind in ("c-exact", "rec-exact") and self.rng.random() < 0.5
        secs = self.rng.uniform(8.0, 15.0) if long_round else self.rng.uniform(1.5, 5.0)
        bystander = not kind.startswith("a-") and self.rng.random() < 0.6
        row = {"n": n, "kind": kind, "sig": signal.Signals(sig).name if sig else "",
               "pid_max": pid_max, "exact": False, "bystander": bystander}
        before_tmp = tmp_names()
        storm = None
        by = None
        tmpfs = None
        trace = None
        argv = []
        if kind.startswith("a-"):
            # the storm first, then clonecheck on a busy machine
            storm = subprocess.Popen(self.storm_cmd(rd, secs + 6, pid_max), start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=open(os.path.join(rd, "storm.err"), "w"))
            time.sleep(0.3)
            c0 = counts(os.path.join(rd, "counts")) or {"made": 0}
            d = self.rng.uniform(1.0, 3.0)
            argv = ["-a", "--comm", "cc-storm"]
            if kind == "a-duration":
                argv += ["-d", f"{d:.2f}"]
        else:
            cmd = "exec " + " ".join(self.storm_cmd(rd, secs, pid_max))
            if kind.startswith("rec-"):
                if kind == "rec-full":
                    tmpfs = os.path.join(rd, "tmpfs")
                    os.mkdir(tmpfs)
                    mount_tmpfs(tmpfs, self.rng.choice(["256k", "512k", "1m", "2m"]))
                    trace = os.path.join(tmpfs, "r.cct")
                else:
                    trace = os.path.join(rd, "r.cct")
                argv = ["record", "-o", trace]
            argv += ["-c", cmd]
        if bystander:
            by = subprocess.Popen([self.a.storm, "-c", os.path.join(rd, "bystander"), "-s",
                                   f"{secs + 60:.2f}", "-w", "1", "-m", "fc"],
                                  start_new_session=True, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        self.t0 = time.monotonic()
        p = self.start_cc(rd, ["-v"] + argv if argv[0] != "record" else
                          ["record", "-v"] + argv[1:])
        dead = {p.pid}
        # a signal once observation runs, at a random moment; one round in
        # six while BPF is still loading (timed apart: the verifier's time)
        from_attach = self.rng.random() >= 1 / 6
        delay = self.rng.uniform(0.0, secs + 0.5) if from_attach else self.rng.uniform(0.05, 0.6)
        if not kind.endswith("signal"):
            delay, from_attach = 3600, False
        stop, early = self.watch(p, rd, delay, from_attach, sig, fails)
        rc = p.returncode
        row["rc"] = rc
        if stop is None:
            sig = None  # it ended (the storm did, or -d) before its moment
            row["sig"] = ""
        if stop is not None and early:
            row["stop_load"] = stop
            if stop > self.slowest_load[0]:
                self.slowest_load = (stop, f"round {n} {kind} {row['sig']}")
        elif stop is not None:
            row["stop"] = stop
            if sig != signal.SIGKILL and stop > STOP_LIMIT_S:
                fails.append(f"stop took {stop:.3f} s after {row['sig']}")
            if sig != signal.SIGKILL and stop > self.slowest[0]:
                self.slowest = (stop, f"round {n} {kind} {row['sig']}")
        with open(os.path.join(rd, "stdout")) as f:
            text = f.read()
        with open(os.path.join(rd, "stderr")) as f:
            errtext = f.read()
        r = report(text)
        if kind.startswith("a-"):
            c1 = counts(os.path.join(rd, "counts")) or {"made": 0}
            kill_group(storm.pid)
            storm.wait()
        if by:
            kill_group(by.pid)
            by.wait()
        reap()
        c = counts(os.path.join(rd, "counts"))
        if c:
            self.wraps += c["wraps"]
            row["made"] = c["made"]
            row["wraps"] = c["wraps"]

        # -c: a stop that is not SIGKILL takes the storm's whole group with
        # it (what was dying at clonecheck's exit has a moment to go)
        if not kind.startswith("a-") and c and c["pgid"] > 1:
            gone = time.monotonic() + 1.0
            while pgid_alive(c["pgid"]) and time.monotonic() < gone:
                reap()
                time.sleep(0.01)
            if sig != signal.SIGKILL and pgid_alive(c["pgid"]):
                fails.append("the command's process group outlived clonecheck")
            kill_group(c["pgid"])

        if kind == "rec-full":
            r = self.judge_full(rd, trace, rc, r, errtext, fails)
        elif kind.startswith("rec-"):
            r = self.judge_file(rd, trace, sig, rc, r, fails)
        elif sig == signal.SIGKILL:
            if rc != -signal.SIGKILL:
                fails.append(f"exit {rc} after SIGKILL")
            r = None
        elif rc not in (0, 1) or r is None:
            fails.append(f"exit {rc}: {errtext.strip()[:200]}")
        if r is not None:
            self.judge(r, fails, "report")
            row.update({k: r[k] for k in ("seen", "pass", "mismatch", "incomplete",
                                          "unjudged", "in_progress", "lost", "evicted")})
            self.account(kind, sig, r, c, c0 if kind.startswith("a-") else None,
                         c1 if kind.startswith("a-") else None, row, fails)
        # what is left behind
        left = self.left_behind(rd, dead, before_tmp, tmpfs)
        if tmpfs:
            umount(tmpfs)
            if mounts_under(tmpfs, "/proc/self/mountinfo"):
                left.append(f"mount {tmpfs}")
        self.leftovers += len(left)
        fails += [f"left behind: {x}" for x in left]
        row["fails"] = fails
        self.rows.append(row)
        status = "FAIL" if fails else "ok"
        print(f"round {n:3d} {kind:10s} {row['sig']:7s} pid_max {pid_max or '-':>4}"
              f"{' +by' if bystander else '    '} "
              f"made {row.get('made', '-'):>6} seen {row.get('seen', '-'):>6} "
              f"pass {row.get('pass', '-'):>6} inc {row.get('incomplete', '-'):>4} "
              f"unj {row.get('unjudged', '-'):>4} lost {row.get('lost', '-'):>4}"
              f"{'' if stop is None else f' stop {stop:.3f}s'}"
              f"{' (while loading)' if early and stop is not None else ''} {status}", flush=True)
        for f in fails:
            print(f"          {f}", flush=True)
        if fails:
            self.failures.append((n, kind, fails, rd))
        else:
            shutil.rmtree(rd, ignore_errors=True)

    def judge_file(self, rd, trace, sig, rc, r, fails):
        """record rounds: the file judged by check (--salvage after SIGKILL)."""
        if sig == signal.SIGKILL:
            if rc != -signal.SIGKILL:
                fails.append(f"record: exit {rc} after SIGKILL")
        elif rc not in (0, 1) or r is None:
            fails.append(f"record: exit {rc}")
        argv = [self.a.clonecheck, "check", trace] + (["--salvage"] if sig == signal.SIGKILL else [])
        if sig == signal.SIGKILL and not os.path.exists(trace):
            return None
        chk = subprocess.run(argv, capture_output=True, text=True, timeout=600)
        with open(os.path.join(rd, "check.out"), "w") as f:
            f.write(chk.stdout + chk.stderr)
        cr = report(chk.stdout)
        if chk.returncode not in (0, 1) or cr is None:
            fails.append(f"check of the trace: exit {chk.returncode}: {chk.stderr.strip()[:200]}")
            return r
        if r is not None:
            for k in ("seen", "pass", "mismatch", "incomplete", "unjudged"):
                if r[k] != cr[k]:
                    fails.append(f"check of the trace: {k} {cr[k]}, the live run said {r[k]}")
        return cr

    def judge_full(self, rd, trace, rc, r, errtext, fails):
        """rec-full: a full tmpfs ends the recording with exit 2 and ENOSPC named."""
        if rc == 2:
            if "No space left on device" not in errtext:
                fails.append(f"record on a full tmpfs: exit 2 without ENOSPC: {errtext.strip()[:200]}")
        elif rc not in (0, 1):
            fails.append(f"record on a full tmpfs: exit {rc}")
        if not os.path.exists(trace):
            return None
        chk = subprocess.run([self.a.clonecheck, "check", "--salvage", trace],
                             capture_output=True, text=True, timeout=600)
        with open(os.path.join(rd, "check.out"), "w") as f:
            f.write(chk.stdout + chk.stderr)
        cr = report(chk.stdout)
        if chk.returncode not in (0, 1) or cr is None:
            # a file cut before its first block holds nothing to judge
            if "no intact block" not in chk.stderr and "no record" not in chk.stderr:
                fails.append(f"check --salvage of the full trace: exit {chk.returncode}: "
                             f"{chk.stderr.strip()[:200]}")
            return None
        return cr

    def account(self, kind, sig, r, c, c0, c1, row, fails):
        """Every clone accounted for."""
        if not c:
            # no counter file: the storm never started (a stop while BPF loaded)
            c = {"made": 0, "done": 0, "wraps": 0}
        seen, made = r["seen"], c["made"]
        gaps = r["lost"] + r["evicted"]
        if kind.startswith("a-"):
            made = c1["made"] - c0["made"]
            row["made"] = made
            if seen > made:
                fails.append(f"-a saw {seen} clones by cc-storm, which made {made} meanwhile")
            if seen == 0 and kind == "a-duration":
                fails.append("-a saw no clone of the storm")
            return
        if kind == "rec-full" or sig == signal.SIGKILL:
            # the file holds what fitted, or what was flushed before the
            # kill: never more than was made
            if seen > made + 4:
                fails.append(f"the full trace holds {seen} clones, the storm made {made}")
            return
        exact = sig is None and c["done"] == 2 and not gaps
        if exact:
            row["exact"] = True
            self.made_exact += made
            self.seen_exact += seen
            if seen != made:
                fails.append(f"made {made} clones, seen {seen}")
            if r["pass"] != seen:
                fails.append(f"{seen - r['pass']} of {seen} clones not a pass")
        elif not (seen <= made + 4 and made <= seen + gaps):
            # + 4: each of a killed storm's processes (main, pid 1 of its
            # namespace, two workers) may have made a clone it did not count
            fails.append(f"made {made} clones, seen {seen}, lost {r['lost']}, "
                         f"evicted {r['evicted']}: not accounted for")

    def left_behind(self, rd, dead, before_tmp, tmpfs):
        left = []
        wait_release()
        reap()
        for kid in children_of(os.getpid()):
            left.append(f"process {kid}")
            try:
                os.kill(kid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        reap()
        left += bpf_left(self.held)
        for pid in dead:
            left += glob.glob(f"/sys/fs/cgroup/**/clonecheck-wl-{pid}-*", recursive=True)
        with open("/proc/sys/kernel/pid_max") as f:
            if f.read().strip() != self.host_pid_max:
                left.append("the host's pid_max changed")
        left += [f"mount {m}" for m in mounts_under(self.a.dir, "/proc/1/mountinfo")]
        for t in tmp_names() - before_tmp:
            base = os.path.basename(t)
            if any(re.search(rf"(?<!\d){pid}(?!\d)", base) for pid in dead) or \
                    base.endswith(".cct"):
                left.append(f"file {t}")
        return left

    # ------------------------------------------------------------ the run
    def run(self):
        with open("/proc/sys/kernel/pid_max") as f:
            self.host_pid_max = f.read().strip()
        print(f"stress: seed {self.a.seed} (STRESS_SEED={self.a.seed} repeats these rounds), "
              f"{self.a.seconds} s, clonecheck {self.a.clonecheck}", flush=True)
        if not self.pidns:
            print("stress: this kernel has no pid_max per pid namespace (6.14+): "
                  "pids wrap only at the host's pid_max", flush=True)
        end = time.monotonic() + self.a.seconds
        names, weights = zip(*KINDS)
        n = 0
        while time.monotonic() < end or n < len(KINDS) and self.a.seconds >= 60:
            kind = KINDS[n][0] if n < len(KINDS) else self.rng.choices(names, weights)[0]
            n += 1
            self.round(n, kind)
            if time.monotonic() >= end:
                break
        self.summary()
        return 1 if self.failures else 0

    def summary(self):
        print("\nkind        rounds failed  exact      made      seen      pass mismatch "
              "incomplete unjudged (in progress)  lost")
        tot = {}
        for kind, _ in KINDS + [("total", 0)]:
            rows = self.rows if kind == "total" else [r for r in self.rows if r["kind"] == kind]
            if not rows:
                continue
            s = lambda k: sum(r.get(k, 0) or 0 for r in rows)
            print(f"{kind:11s} {len(rows):6d} {sum(1 for r in rows if r['fails']):6d} "
                  f"{sum(1 for r in rows if r['exact']):6d} {s('made'):9d} {s('seen'):9d} "
                  f"{s('pass'):9d} {s('mismatch'):8d} {s('incomplete'):10d} {s('unjudged'):8d} "
                  f"{s('in_progress'):13d} {s('lost'):5d}")
            tot = rows
        print(f"\nexact rounds: {sum(1 for r in self.rows if r['exact'])}, "
              f"{self.made_exact} clones made = {self.seen_exact} seen"
              f"{'' if self.made_exact == self.seen_exact else '  (DIFFERENT)'}")
        print(f"pid wraps (worker 0 of each storm): {self.wraps}")
        print(f"slowest stop: {self.slowest[0]:.3f} s ({self.slowest[1] or 'no signal round'}); "
              f"limit {STOP_LIMIT_S} s")
        print(f"slowest stop while BPF was loading: {self.slowest_load[0]:.3f} s "
              f"({self.slowest_load[1] or 'none'}; not bounded: the verifier's time)")
        print(f"peak RSS: {self.peak_rss / 1024:.1f} MiB (limit {self.a.rss_mib} MiB)")
        print(f"left behind: {self.leftovers}")
        print(f"seed {self.a.seed}: {len(self.rows)} rounds, {len(self.failures)} failed")
        for n, kind, fails, rd in self.failures:
            print(f"  round {n} {kind}: {'; '.join(fails)}  [{rd}]")


def main():
    ap = argparse.ArgumentParser(description="make stress: clonecheck under a clone storm")
    ap.add_argument("--clonecheck", required=True)
    ap.add_argument("--storm", required=True)
    ap.add_argument("--dir", required=True, help="work directory (emptied first)")
    a = ap.parse_args()
    try:
        a.seconds = float(os.environ.get("STRESS_SECONDS", "60"))
        if not (a.seconds > 0 and a.seconds < 86400):
            raise ValueError
    except ValueError:
        die(f"bad STRESS_SECONDS {os.environ.get('STRESS_SECONDS')!r}: seconds, more than 0")
    seed = os.environ.get("STRESS_SEED", "")
    try:
        a.seed = int(seed) if seed else random.SystemRandom().randrange(1 << 31)
    except ValueError:
        die(f"bad STRESS_SEED {seed!r}: an integer")
    try:
        a.rss_mib = int(os.environ.get("STRESS_RSS_MIB", "128"))
        a.rss_growth_mib = int(os.environ.get("STRESS_RSS_GROWTH_MIB", "64"))
    except ValueError:
        die("bad STRESS_RSS_MIB or STRESS_RSS_GROWTH_MIB: MiB, an integer")
    if os.geteuid() != 0:
        die("must run as root (clonecheck loads BPF; the storm makes pid namespaces)")
    for exe in (a.clonecheck, a.storm):
        if not os.access(exe, os.X_OK):
            die(f"{exe}: not an executable (run make first)")
    if not shutil.which("bpftool"):
        die("bpftool not found (scripts/install-deps installs it)")
    a.clonecheck = os.path.abspath(a.clonecheck)
    a.storm = os.path.abspath(a.storm)
    a.dir = os.path.abspath(a.dir)
    rel = os.uname().release.split(".")
    a.pidns = (int(rel[0]), int(re.match(r"\d+", rel[1]).group())) >= (6, 14)
    shutil.rmtree(a.dir, ignore_errors=True)
    os.makedirs(a.dir)
    PR_SET_CHILD_SUBREAPER = 36
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    private_mounts()
    sys.exit(Stress(a).run())


if __name__ == "__main__":
    main()
