#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""bench/run.py - what observing costs, all figures from one run (`make bench`).

Every rate is compared with untraced runs measured in the same run,
interleaved repetition by repetition; medians with min and max.  No figure is
asserted: this prints a table and writes OUTPUT/bench.json.  Needs root
(BPF, kernel.bpf_stats_enabled, bpftrace, which `make bench` installs); on a
shared machine run nothing else meanwhile.

  creation    fork/vfork/thread/clone3 on 1 and 2 workers: untraced, under
              `clonecheck -c`, under bench/clonecheck.bt (bpftrace)
  unrelated   pipe ping-pong and a syscall loop, untraced vs under `clonecheck -a`
  bpf         BPF run time per clone and per program (kernel.bpf_stats_enabled,
              restored after)
  hooks       every BPF link `clonecheck -a` and `clonecheck -c` hold, from
              /proc/PID/fdinfo: is anything on sched_switch, and what it costs
  storm       35 s of fork, clone3, vfork and pthread on 2 workers each under
              `clonecheck -a` (default settings): rates, lost records, the
              consumer's CPU share
  start/stop  `clonecheck -c true` wall time, alone (the previous run's perf
              events released) and back to back; -a: load to ready, SIGINT to exit;
              with BENCH_PROFILE=1, one run under strace -f -tt -T, its phases
  offline     `clonecheck check` of a recorded trace: records/s per core (CPU
              time) and wall; with BENCH_PROFILE=1 and valgrind, callgrind
  daemon rss  `clonecheck daemon` (system-wide, default settings): peak RSS after
              one million clones (vfork and thread on 2 workers each)
  max rate    the highest clone rate with 0 lost under `clonecheck -a` (default
              settings): 4 vfork workers unpaced, then paced rates bisected below
              the unpaced one if it lost records; the consumer's CPU share there
  targets     one row per issue 14 target: the figure of this run, met or
              missed, and for a missed one where the time goes, what was tried
              and the profile that shows it (text kept in bench/targets.json)

`bench/run.py --markdown BENCH_JSON` prints a bench.json's targets as the
Markdown table README's Performance section carries.
"""
import argparse
import contextlib
import glob
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

KINDS = {"fork": 300, "vfork": 8000, "thread": 8000, "clone3": 8000}
UNRELATED = {"pingpong": 40000, "syscall": 400000}
STORM_SECONDS = 35
HERE = os.path.dirname(os.path.abspath(__file__))


def stats(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return None
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs), "n": len(xs)}


def ratio(a, b):
    if not a or not b:
        return None
    return a["median"] / b["median"]


OFFLINE_CPU_RUNS = 15


@contextlib.contextmanager
def bpf_stats_enabled():
    """kernel.bpf_stats_enabled on for the block, as it was after it."""
    path = "/proc/sys/kernel/bpf_stats_enabled"
    with open(path) as f:
        old = f.read().strip()
    try:
        with open(path, "w") as f:
            f.write("1")
        yield
    finally:
        with open(path, "w") as f:
            f.write(old)


class Bench:
    def __init__(self, out, reps, scale):
        self.out = out
        self.reps = reps
        self.scale = scale
        self.cc = os.path.join(out, "clonecheck")
        self.cb = os.path.join(out, "clone_bench")
        self.bt = os.path.join(HERE, "clonecheck.bt")
        self.profile = os.environ.get("BENCH_PROFILE") == "1"
        self.tmp = tempfile.mkdtemp(prefix="clonecheck-bench.")
        self.notes = []

    def n(self, kind, table=KINDS):
        return max(10, int(table[kind] * self.scale))

    def bench(self, kind, n, w=1):
        """Rate of clone_bench alone."""
        p = subprocess.run([self.cb, kind, str(n), str(w)], capture_output=True, text=True,
                           timeout=600)
        if p.returncode:
            raise SystemExit(f"bench: clone_bench {kind} failed: {p.stderr.strip()}")
        return float(p.stdout.split()[3])

    def traced(self, kind, n, w=1, extra=()):
        """Rate of clone_bench under `clonecheck -c`; its report must say 0 lost."""
        res = os.path.join(self.tmp, "one")
        cmd = [self.cc, "--backend=tracepoint", *extra, "-c", f"{self.cb} {kind} {n} {w} > {res}"]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        lost = re.search(r"^lost\s+(\d+) records", p.stdout, re.M)
        if p.returncode not in (0, 1) or not lost:
            raise SystemExit(f"bench: clonecheck failed under {kind}: {p.stderr.strip()}")
        if int(lost.group(1)):
            self.notes.append(f"{kind} x{w} under clonecheck: {lost.group(1)} records lost")
        with open(res) as f:
            return float(f.read().split()[3])

    # ---- bpftrace
    def bpftrace_start(self):
        if not shutil.which("bpftrace"):
            return None
        log = os.path.join(self.tmp, "bpftrace.out")
        p = subprocess.Popen(["bpftrace", self.bt], stdout=open(log, "w"),
                             stderr=subprocess.DEVNULL)
        # BEGIN prints "attached" once every probe is attached
        deadline = time.time() + 60
        while time.time() < deadline and p.poll() is None:
            with open(log) as f:
                if "attached" in f.read(4096):
                    return p
            time.sleep(0.2)
        p.kill()
        p.wait()
        self.notes.append("bpftrace did not attach; no bpftrace figures")
        return None

    def stop(self, p):
        p.send_signal(signal.SIGINT)
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()

    # ---- clonecheck -a (or the daemon) in the background
    def cc_all_start(self, extra=(), verb=(), ready="cannot see:"):
        t0 = time.monotonic()
        p = subprocess.Popen([self.cc, *verb, "-v", "--backend=tracepoint", "-a", *extra],
                             stdout=open(os.path.join(self.tmp, "all.report"), "w"),
                             stderr=subprocess.PIPE, text=True)
        while True:
            line = p.stderr.readline()
            if not line:
                raise SystemExit("bench: clonecheck -a did not start")
            if ready in line:  # logged once loaded and attached
                break
        ready = time.monotonic() - t0
        time.sleep(0.2)  # the gate opens after the watch setup
        return p, ready

    def cc_all_stop(self, p):
        t0 = time.monotonic()
        p.send_signal(signal.SIGINT)
        _, status, ru = os.wait4(p.pid, 0)
        dt = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        err = p.stderr.read()
        with open(os.path.join(self.tmp, "all.report")) as f:
            rep = f.read()
        lost = re.search(r"^lost\s+(\d+) records", rep, re.M)
        clones = re.search(r"^clones\s+(\d+):", rep, re.M)
        return {"stop_s": dt, "cpu_s": ru.ru_utime + ru.ru_stime, "maxrss_kib": ru.ru_maxrss,
                "lost": int(lost.group(1)) if lost else None,
                "clones": int(clones.group(1)) if clones else None, "stderr": err}

    # ---- the sections
    def creation(self):
        rows = {}
        samples = {(k, w, c): [] for k in KINDS for w in (1, 2)
                   for c in ("untraced", "clonecheck", "bpftrace")}
        for rep in range(self.reps):
            for k in KINDS:
                for w in (1, 2):
                    samples[(k, w, "untraced")].append(self.bench(k, self.n(k), w))
                    samples[(k, w, "clonecheck")].append(self.traced(k, self.n(k), w))
            bt = self.bpftrace_start()
            if bt:
                for k in KINDS:
                    for w in (1, 2):
                        samples[(k, w, "bpftrace")].append(self.bench(k, self.n(k), w))
                self.stop(bt)
            print(f"  creation: repetition {rep + 1} of {self.reps}", file=sys.stderr)
        for k in KINDS:
            for w in (1, 2):
                base = stats(samples[(k, w, "untraced")])
                cc = stats(samples[(k, w, "clonecheck")])
                bt = stats(samples[(k, w, "bpftrace")])
                rows[f"{k} x{w}"] = {"untraced": base, "clonecheck": cc, "bpftrace": bt,
                                     "clonecheck_ratio": ratio(cc, base),
                                     "bpftrace_ratio": ratio(bt, base)}
        return rows

    def unrelated(self):
        samples = {(k, c): [] for k in UNRELATED for c in ("untraced", "clonecheck -a")}
        ready, stop = [], []
        for rep in range(self.reps):
            for k in UNRELATED:
                samples[(k, "untraced")].append(self.bench(k, self.n(k, UNRELATED)))
            p, r = self.cc_all_start()
            ready.append(r)
            for k in UNRELATED:
                samples[(k, "clonecheck -a")].append(self.bench(k, self.n(k, UNRELATED)))
            stop.append(self.cc_all_stop(p)["stop_s"])
        rows = {}
        for k in UNRELATED:
            base, cc = stats(samples[(k, "untraced")]), stats(samples[(k, "clonecheck -a")])
            rows[k] = {"untraced": base, "clonecheck -a": cc, "ratio": ratio(cc, base)}
        return rows, stats(ready), stats(stop)

    def bpf_stats(self):
        per = {}
        with bpf_stats_enabled():
            for k in ("vfork", "thread"):
                n = self.n(k)
                cmd = [self.cc, "-v", "--backend=tracepoint", "-c", f"{self.cb} {k} {n} >/dev/null"]
                p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
                progs, total = {}, 0
                for m in re.finditer(r"bpf stats: (\S+) (\d+) runs (\d+) ns", p.stderr):
                    progs[m.group(1)] = {"runs": int(m.group(2)), "ns": int(m.group(3)),
                                         "ns_per_clone": int(m.group(3)) / n}
                    total += int(m.group(3))
                per[k] = {"clones": n, "ns_per_clone": total / n if progs else None,
                          "programs": progs}
        return per

    @staticmethod
    def hooks(pid):
        """Every BPF program PID has attached, as the kernel accounts for it: its BPF links
        (/proc/PID/fdinfo) and its perf events with a program, link or not (`bpftool perf`)."""
        links, seen = [], set()
        fd_dir = f"/proc/{pid}/fd"
        for fd in os.listdir(fd_dir):
            try:
                target = os.readlink(os.path.join(fd_dir, fd))
                with open(f"/proc/{pid}/fdinfo/{fd}") as f:
                    info = dict(ln.split(":", 1) for ln in f.read().splitlines() if ":" in ln)
            except OSError:
                continue
            info = {k.strip(): v.strip() for k, v in info.items()}
            if target != "anon_inode:bpf_link":
                continue
            hook = (info.get("tp_name") or info.get("func_name")
                    or f"attach_type {info.get('attach_type')} btf_id "
                       f"{info.get('target_btf_id')}")
            seen.add((info.get("prog_id"), hook))
            links.append({"type": info.get("link_type"), "prog_id": info.get("prog_id"),
                          "hook": hook})
        # a program set on a perf event without a link (PERF_EVENT_IOC_SET_BPF) has no fdinfo
        if shutil.which("bpftool"):
            p = subprocess.run(["bpftool", "-j", "perf", "list"], capture_output=True, text=True)
            try:
                perf = [x for x in json.loads(p.stdout or "[]") if x.get("pid") == pid]
            except ValueError:
                perf = []
            for x in perf:
                hook = x.get("tracepoint") or x.get("func") or x.get("filename")
                if (str(x.get("prog_id")), hook) not in seen:
                    seen.add((str(x.get("prog_id")), hook))
                    links.append({"type": "perf_event " + x.get("fd_type", "?"),
                                  "prog_id": str(x.get("prog_id")), "hook": hook})
        return {"links": sorted(links, key=lambda x: x["hook"] or "")}

    def hook_cost(self, prog_id):
        """ns per run of one program (bpftool, kernel.bpf_stats_enabled on)."""
        p = subprocess.run(["bpftool", "-j", "prog", "show", "id", str(prog_id)],
                           capture_output=True, text=True)
        try:
            info = json.loads(p.stdout)
            return info["run_time_ns"] / info["run_cnt"] if info.get("run_cnt") else None
        except (ValueError, KeyError):
            return None

    def sched_switch(self):
        """What clonecheck attaches (-a and -c), read from the kernel, not from its source."""
        res = {}
        with bpf_stats_enabled():
            # -a: ready once loaded and attached
            p, _ = self.cc_all_start()
            time.sleep(1.0)  # a second of the machine's context switches
            res["-a"] = self.hooks(p.pid)
            res["-a"]["sched_switch_ns"] = [self.hook_cost(x["prog_id"]) for x in
                                            res["-a"]["links"] if x["hook"] == "sched_switch"]
            self.cc_all_stop(p)
            # -c: the command runs once everything is attached; it says so with a file
            flag = os.path.join(self.tmp, "attached")
            p = subprocess.Popen([self.cc, "--backend=tracepoint", "-c",
                                  f"touch {flag}; sleep 2"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            deadline = time.time() + 60
            while not os.path.exists(flag) and time.time() < deadline and p.poll() is None:
                time.sleep(0.05)
            time.sleep(1.0)
            res["-c"] = self.hooks(p.pid)
            res["-c"]["sched_switch_ns"] = [self.hook_cost(x["prog_id"]) for x in
                                            res["-c"]["links"] if x["hook"] == "sched_switch"]
            p.wait(timeout=60)
        for mode, r in res.items():
            if not r["links"]:
                self.notes.append(f"clonecheck {mode}: no BPF link found in /proc/PID/fdinfo")
        return res

    def storm(self):
        """STORM_SECONDS of fork, clone3, vfork and pthread, 2 workers each, under -a."""
        p, _ = self.cc_all_start()
        t0 = time.monotonic()
        kinds = ("fork", "clone3", "vfork", "thread")
        w = [subprocess.Popen([self.cb, k, f"{STORM_SECONDS}s", "2"], stdout=subprocess.PIPE,
                              text=True) for k in kinds]
        out = [x.communicate()[0].split() for x in w]
        wall = time.monotonic() - t0
        r = self.cc_all_stop(p)
        made = sum(int(o[1]) for o in out)
        return {"seconds": wall, "clones_made": made, "clones_per_s": made / wall,
                "per_kind": {k: float(o[3]) for k, o in zip(kinds, out)},
                "lost": r["lost"], "clones_judged": r["clones"],
                "consumer_cpu_share": r["cpu_s"] / (wall + r["stop_s"])}

    def daemon_rss(self):
        """Peak RSS of `clonecheck daemon` (system-wide) after a million clones."""
        n = max(1000, int(1_000_000 * self.scale))
        # "daemon: BACKEND, system-wide" is logged once loaded, attached and watching
        p, _ = self.cc_all_start(verb=("daemon",), ready="system-wide")
        t0 = time.monotonic()
        w = [subprocess.Popen([self.cb, k, str(n // 2), "2"], stdout=subprocess.PIPE,
                              text=True) for k in ("vfork", "thread")]
        made = sum(int(x.communicate()[0].split()[1]) for x in w)
        wall = time.monotonic() - t0
        r = self.cc_all_stop(p)
        if r["clones"] is None or r["lost"] is None:
            self.notes.append("daemon: no final report to count clones and losses from")
        return {"clones_made": made, "seconds": wall, "clones_judged": r["clones"],
                "lost": r["lost"], "peak_rss_mib": r["maxrss_kib"] / 1024,
                "consumer_cpu_share": r["cpu_s"] / (wall + r["stop_s"])}

    def rate_probe(self, rate, seconds):
        """4 vfork workers at RATE clones/s (0: unpaced) under `clonecheck -a`."""
        n = max(400, int((rate or 30000) * seconds)) // 4 * 4
        p, _ = self.cc_all_start()
        t0 = time.monotonic()
        out = subprocess.run([self.cb, "vfork", str(n), "4", str(rate)], capture_output=True,
                             text=True, timeout=600).stdout
        wall = time.monotonic() - t0
        r = self.cc_all_stop(p)
        return {"target": rate or None, "achieved": float(out.split()[3]), "lost": r["lost"],
                "consumer_cpu_share": r["cpu_s"] / (wall + r["stop_s"])}

    def max_rate(self):
        """The highest clone rate with 0 lost: unpaced first, then bisected below it."""
        seconds = max(1.0, 3.0 * self.scale)
        top = self.rate_probe(0, seconds)
        probes = [top]
        if top["lost"] == 0:
            # nothing lost at the most the workers make: the machine, not clonecheck, is the limit
            return {"clones_per_s": top["achieved"], "bound": "generator",
                    "consumer_cpu_share": top["consumer_cpu_share"], "probes": probes}
        lo, hi, best = 0.0, top["achieved"], None
        for _ in range(6):
            mid = (lo + hi) / 2 if lo else hi / 2
            r = self.rate_probe(mid, seconds)
            probes.append(r)
            if r["lost"] == 0:
                lo, best = mid, r
            else:
                hi = mid
        if not best:
            return {"clones_per_s": None, "bound": "loss at every rate tried", "probes": probes}
        return {"clones_per_s": best["achieved"], "bound": "loss",
                "consumer_cpu_share": best["consumer_cpu_share"], "probes": probes}

    @staticmethod
    def releasers():
        """Live clonecheck-rel processes: a run's perf-event releaser (src/loader.c)."""
        n = 0
        for c in glob.glob("/proc/[0-9]*/comm"):
            try:
                with open(c) as f:
                    n += f.read().strip() == "clonecheck-rel"
            except OSError:
                pass
        return n

    def start_stop(self):
        """`-c true` wall times: each alone (once the previous run's perf events are
        released: its releaser holds the kernel's event_mutex, which the next
        attach needs), and back to back, as a loop of runs sees them."""
        def one():
            t0 = time.monotonic()
            subprocess.run([self.cc, "--backend=tracepoint", "-c", "true"],
                           capture_output=True, timeout=120)
            return time.monotonic() - t0

        alone = []
        for _ in range(self.reps):
            end = time.monotonic() + 5
            while self.releasers() and time.monotonic() < end:
                time.sleep(0.01)
            time.sleep(0.2)
            alone.append(one())
        b2b = [one() for _ in range(self.reps)]
        return stats(alone), stats(b2b)

    def c_true_profile(self):
        """One `-c true` under strace -f -tt -T: where its wall time goes (strace slows it)."""
        if not self.profile or not shutil.which("strace"):
            return None
        out = os.path.join(self.out, "bench-c-true.strace")
        subprocess.run(["strace", "-f", "-tt", "-T", "-o", out, self.cc,
                        "--backend=tracepoint", "-c", "true"], capture_output=True, timeout=120)

        def sec(line):
            h, m, x = line.split()[1].split(":")
            return int(h) * 3600 + int(m) * 60 + float(x)
        with open(out) as f:
            lines = f.read().splitlines()
        main = lines[0].split()[0]
        # our wall time ends with our exit; a grandchild may release the
        # syscall tracepoints' perf events after it (src/loader.c)
        m_exit = next((ln for ln in lines if ln.split()[0] == main and "+++ exited" in ln),
                      lines[-1])
        t_exec, t_end = sec(lines[0]), sec(m_exit)
        fork = next((ln for ln in lines if ln.split()[0] == main and
                     re.search(r"\bclone\(.*SIGCHLD", ln)), None)
        child = fork.rsplit("=", 1)[1].split()[0] if fork else None
        c_exit = next((ln for ln in lines if child and ln.startswith(child + " ")
                       and "+++ exited" in ln), None)
        closes = [ln for ln in lines if ln.split()[0] != main and "close resumed" in ln]
        slow = [float(re.search(r"<([\d.]+)>$", ln).group(1)) for ln in closes
                if re.search(r"<([\d.]+)>$", ln)]
        slow = [x for x in slow if x > 0.005]
        prof = {"file": out, "total_s": t_end - t_exec,
                "start_s": sec(fork) - t_exec if fork else None,
                "command_s": sec(c_exit) - sec(fork) if fork and c_exit else None,
                "stop_s": t_end - sec(c_exit) if c_exit else None,
                "released_after_exit_s": sec(lines[-1]) - t_end,
                "detach_closes_over_5ms": len(slow),
                "detach_first_to_last_s": (sec(closes[-1]) - min(
                    sec(ln) - float(re.search(r"<([\d.]+)>$", ln).group(1))
                    for ln in closes)) if closes else None}
        return prof

    def offline(self):
        trace = os.path.join(self.tmp, "bench.cct")
        n = self.n("vfork") * 2
        subprocess.run([self.cc, "record", "-o", trace, "--backend=tracepoint", "-c",
                        f"{self.cb} vfork {n} >/dev/null"], capture_output=True, timeout=600)
        xs, clones, records = [], None, None
        for _ in range(self.reps):
            t0 = time.monotonic()
            p = subprocess.Popen([self.cc, "-v", "check", trace], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
            out, err = p.communicate(timeout=600)
            xs.append(time.monotonic() - t0)
            m = re.search(r"^clones\s+(\d+):", out, re.M)
            clones = int(m.group(1)) if m else None
            m = re.search(r"replayed (\d+) records", err)
            records = int(m.group(1)) if m else None
        t = stats(xs)
        if not clones or not records:
            self.notes.append("offline: check gave no clone or record count")
            return {"seconds": t}
        res = {"seconds": t, "clones": clones, "records": records,
               "clones_per_s": clones / t["median"], "records_per_s": records / t["median"]}
        res["cpu_seconds"] = stats(self.offline_cpu(trace))
        res["records_per_cpu_s"] = records / res["cpu_seconds"]["median"]
        if self.profile and shutil.which("valgrind"):
            res["callgrind"] = self.callgrind(trace)
        return res

    def offline_cpu(self, trace):
        """CPU seconds (user + system) of each `check` of TRACE: the per-core rate.
        A check takes about 50 ms of CPU, which varies by a fifth from run to
        run here: the median of at least OFFLINE_CPU_RUNS."""
        xs = []
        for _ in range(max(self.reps, OFFLINE_CPU_RUNS)):
            p = subprocess.Popen([self.cc, "check", trace], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            _, _, ru = os.wait4(p.pid, 0)
            p.returncode = 0
            xs.append(ru.ru_utime + ru.ru_stime)
        return xs

    def callgrind(self, trace):
        """Where `check` spends its instructions: callgrind_annotate's top functions."""
        raw = os.path.join(self.tmp, "callgrind.out")
        out = os.path.join(self.out, "bench-offline.callgrind.txt")
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={raw}",
                        self.cc, "check", trace], capture_output=True, timeout=1200)
        p = subprocess.run(["callgrind_annotate", "--threshold=95", raw], capture_output=True,
                           text=True)
        with open(out, "w") as f:
            f.write(p.stdout)
        m = re.search(r"^\s*([\d,]+)\s.*PROGRAM TOTALS", p.stdout, re.M)
        return {"file": out, "instructions": int(m.group(1).replace(",", "")) if m else None}


def fmt_rate(s):
    return "-" if not s else f"{s['median']:9.0f} [{s['min']:.0f}-{s['max']:.0f}]"


def fmt_ratio(r):
    return "-" if r is None else f"{r:.2f}"


def load_targets():
    with open(os.path.join(HERE, "targets.json")) as f:
        return {t["id"]: t for t in json.load(f)["targets"]}


def judge(res):
    """One row per issue 14 target: this run's figure, met / missed / not measured."""
    rows = []

    def row(tid, figure, met, profile_file=None):
        status = "not measured" if met is None else "met" if met else "missed"
        rows.append({"id": tid, "figure": figure, "status": status,
                     "profile_file": profile_file})

    # BPF run time per clone, vfork and pthread together
    b = [r for r in res["bpf"].values() if r["ns_per_clone"] is not None]
    if len(b) == 2:
        ns = sum(r["ns_per_clone"] * r["clones"] for r in b)
        mix = ns / sum(r["clones"] for r in b) / 1000
        each = ", ".join(f"{'pthread' if k == 'thread' else k} "
                         f"{r['ns_per_clone'] / 1000:.2f}" for k, r in res["bpf"].items())
        row("bpf_per_clone", f"{mix:.2f} us ({each})", mix <= 2.0)
    else:
        row("bpf_per_clone", "no BPF statistics", None)

    # sched_switch: programs clonecheck holds a link to on that hook
    sw = res["sched_switch"]
    on = {m: [x for x in r["links"] if x["hook"] == "sched_switch"] for m, r in sw.items()}
    seen = all(r["links"] for r in sw.values())
    if not seen:
        row("sched_switch", "no link found to look at", None)
    elif not any(on.values()):
        row("sched_switch", "no program on sched_switch (" + "; ".join(
            f"{m}: {len(r['links'])} links, on "
            f"{', '.join(sorted(set(x['hook'] for x in r['links'])))}"
            for m, r in sw.items()) + ")", True)
    else:
        costs = [c for r in sw.values() for c in r["sched_switch_ns"]]
        known = [c for c in costs if c is not None]
        row("sched_switch", f"{sum(len(v) for v in on.values())} programs on sched_switch, "
            + (f"{max(known):.0f} ns/run" if known else "cost unknown"),
            max(known) <= 30 if known and len(known) == len(costs) else None)

    # the storm
    st = res["storm"]
    full = st["seconds"] >= STORM_SECONDS
    row("storm_lost", f"{st['lost']} lost; {st['clones_made']} clones in "
        f"{st['seconds']:.1f} s ({st['clones_per_s']:.0f}/s), {st['clones_judged']} judged, "
        f"consumer {100 * st['consumer_cpu_share']:.1f}% of a CPU",
        None if st["lost"] is None or not full else st["lost"] == 0)

    # -c true
    ct = res["c_true_s"]
    prof = res.get("c_true_profile")
    fig = f"{ct['median']:.3f} s [{ct['min']:.3f}-{ct['max']:.3f}]"
    bb = res.get("c_true_back_to_back_s")
    if bb:
        fig += f" (back to back: {bb['median']:.3f} s [{bb['min']:.3f}-{bb['max']:.3f}])"
    if prof and prof.get("start_s") is not None and prof.get("stop_s") is not None:
        fig += (f"; under strace: start {prof['start_s']:.3f} s, stop "
                f"{prof['stop_s']:.3f} s ({prof['detach_closes_over_5ms']} closes over 5 ms"
                f"{'; perf events released %.3f s after our exit' % prof['released_after_exit_s'] if prof.get('released_after_exit_s', 0) > 0.001 else ''})")
    row("c_true", fig, ct["median"] <= 0.3, prof and prof["file"])

    # offline, per core
    o = res["offline"]
    if "records_per_cpu_s" in o:
        cg = o.get("callgrind")
        row("offline", f"{o['records_per_cpu_s'] / 1e6:.2f} M records/s per core "
            f"({o['records']} records, {o['cpu_seconds']['median'] * 1000:.0f} ms of CPU; "
            f"wall {o['records_per_s'] / 1e6:.2f} M/s)",
            o["records_per_cpu_s"] >= 2e6, cg and cg["file"])
    else:
        row("offline", "no count from check", None)

    # creation overhead on every kind, and against bpftrace
    cr = res["creation"]
    worst = min(((k, r["clonecheck_ratio"]) for k, r in cr.items()
                 if r["clonecheck_ratio"] is not None), key=lambda x: x[1], default=None)
    if worst:
        over = [k for k, r in cr.items() if r["clonecheck_ratio"] is not None
                and r["clonecheck_ratio"] < 0.95]
        row("overhead", f"worst {worst[0]} {100 * (1 - worst[1]):.0f}%; over 5% on "
            f"{len(over)} of {len(cr)} ({', '.join(over) or 'none'})", not over)
    else:
        row("overhead", "no ratio", None)
    both = {k: r for k, r in cr.items()
            if r["clonecheck_ratio"] is not None and r["bpftrace_ratio"] is not None}
    if both:
        behind = [k for k, r in both.items() if r["clonecheck_ratio"] <= r["bpftrace_ratio"]]
        gap = min(r["clonecheck_ratio"] - r["bpftrace_ratio"] for r in both.values())
        row("vs_bpftrace", f"above bpftrace on {len(both) - len(behind)} of {len(both)} kinds "
            f"(closest {gap:+.2f} in ratio; behind: {', '.join(behind) or 'none'})",
            not behind and len(both) == len(cr))
    else:
        row("vs_bpftrace", "no bpftrace figures", None)
    return rows


def print_targets(rows, markdown=False):
    tt = load_targets()
    if markdown:
        print("| target (issue 14) | this run | | where the time goes; tried; profile |")
        print("|---|---|---|---|")
    else:
        print("targets (issue 14; explanations in bench/targets.json)")
    for r in rows:
        t = tt[r["id"]]
        prof = t["profile"] + (f"; this run: {r['profile_file']}" if r["profile_file"] else "")
        if markdown:
            why = ("" if r["status"] == "met" else
                   f"**Where:** {t['where']} **Tried:** {t['tried']} **Profile:** {prof}")
            print(f"| {t['target']} | {r['figure']} | {r['status']} | {why} |")
            continue
        print(f"  [{r['status']}] {t['target']}: {r['figure']}")
        if r["status"] != "met":
            for k, v in (("where", t["where"]), ("tried", t["tried"]), ("profile", prof)):
                print(f"      {k}: {v}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", help="the build's output directory (required to run)")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--scale", type=float, default=1.0, help="scale every count")
    ap.add_argument("--markdown", metavar="BENCH_JSON",
                    help="print BENCH_JSON's targets as a Markdown table, run nothing")
    a = ap.parse_args()
    if a.markdown:
        try:
            with open(a.markdown) as f:
                rows = json.load(f)["targets"]
        except (OSError, ValueError, KeyError) as e:
            sys.exit(f"bench: cannot read targets from {a.markdown}: {e}")
        print_targets(rows, markdown=True)
        return
    if not a.output:
        sys.exit("bench: --output DIR is required (or --markdown BENCH_JSON)")
    if os.geteuid() != 0:
        sys.exit("bench: needs root (BPF, kernel.bpf_stats_enabled, bpftrace)")
    if a.reps < 1 or a.scale <= 0:
        sys.exit("bench: --reps must be 1 or more and --scale above 0")
    b = Bench(a.output, a.reps, a.scale)
    try:
        res = {"kernel": os.uname().release, "cpus": os.cpu_count(), "reps": a.reps,
               "load_before": os.getloadavg()}
        res["creation"] = b.creation()
        res["unrelated"], res["ready_s"], res["stop_s"] = b.unrelated()
        res["bpf"] = b.bpf_stats()
        res["sched_switch"] = b.sched_switch()
        res["storm"] = b.storm()
        res["c_true_s"], res["c_true_back_to_back_s"] = b.start_stop()
        res["c_true_profile"] = b.c_true_profile()
        res["offline"] = b.offline()
        res["daemon_rss"] = b.daemon_rss()
        res["max_rate"] = b.max_rate()
        res["load_after"] = os.getloadavg()
        res["targets"] = judge(res)
        res["notes"] = b.notes
    finally:
        shutil.rmtree(b.tmp, ignore_errors=True)
    with open(os.path.join(a.output, "bench.json"), "w") as f:
        json.dump(res, f, indent=1)

    print(f"kernel {res['kernel']}, {res['cpus']} CPUs, {a.reps} repetitions, "
          f"load {res['load_before'][0]:.1f} -> {res['load_after'][0]:.1f}; "
          "rates/s median [min-max]; ratio = traced/untraced")
    print(f"{'creation':11} {'untraced':>24} {'clonecheck':>24} {'ratio':>6} "
          f"{'bpftrace':>24} {'ratio':>6}")
    for k, r in res["creation"].items():
        print(f"{k:11} {fmt_rate(r['untraced']):>24} {fmt_rate(r['clonecheck']):>24} "
              f"{fmt_ratio(r['clonecheck_ratio']):>6} {fmt_rate(r['bpftrace']):>24} "
              f"{fmt_ratio(r['bpftrace_ratio']):>6}")
    for k, r in res["unrelated"].items():
        print(f"{k:11} {fmt_rate(r['untraced']):>24} {fmt_rate(r['clonecheck -a']):>24} "
              f"{fmt_ratio(r['ratio']):>6}   (under clonecheck -a)")
    for k, r in res["bpf"].items():
        if r["ns_per_clone"] is None:
            print(f"bpf {k}: no statistics")
            continue
        progs = ", ".join(f"{p} {v['ns_per_clone']:.0f}" for p, v in
                          sorted(r["programs"].items(), key=lambda x: -x[1]["ns"]))
        print(f"bpf {k}: {r['ns_per_clone'] / 1000:.2f} us/clone ({progs} ns)")
    for m, r in res["sched_switch"].items():
        hooks = sorted(set(x["hook"] for x in r["links"]))
        print(f"hooks {m}: {len(r['links'])} BPF links on {len(hooks)} hooks "
              f"({', '.join(hooks)}); on sched_switch: "
              f"{sum(x['hook'] == 'sched_switch' for x in r['links']) or 'none'}")
    s = res["storm"]
    kinds = ", ".join(f"{k} {v:.0f}" for k, v in s["per_kind"].items())
    print(f"storm: {s['seconds']:.1f} s, {s['clones_per_s']:.0f} clones/s ({kinds}), "
          f"{s['lost']} lost, {s['clones_judged']} judged, "
          f"consumer {100 * s['consumer_cpu_share']:.1f}% of a CPU")
    bb = res["c_true_back_to_back_s"]
    print(f"start/stop: -c true {res['c_true_s']['median']:.3f} s "
          f"[{res['c_true_s']['min']:.3f}-{res['c_true_s']['max']:.3f}] "
          f"(back to back {bb['median']:.3f} s [{bb['min']:.3f}-{bb['max']:.3f}]), "
          f"-a ready {res['ready_s']['median']:.3f} s, stop {res['stop_s']['median']:.3f} s")
    o = res["offline"]
    if "clones" in o:
        print(f"offline: {o['clones']} clones, {o['records']} records in "
              f"{o['seconds']['median']:.3f} s: {o['clones_per_s']:.0f} clones/s, "
              f"{o['records_per_s'] / 1e6:.2f} M records/s; "
              f"{o['cpu_seconds']['median']:.3f} s of CPU: "
              f"{o['records_per_cpu_s'] / 1e6:.2f} M records/s per core")
    d = res["daemon_rss"]
    print(f"daemon: peak RSS {d['peak_rss_mib']:.1f} MiB after {d['clones_made']} clones "
          f"({d['clones_judged']} judged, {d['lost']} lost, {d['clones_made'] / d['seconds']:.0f}"
          f" clones/s, consumer {100 * d['consumer_cpu_share']:.1f}% of a CPU)")
    m = res["max_rate"]
    if m["clones_per_s"] is None:
        print(f"max rate with 0 lost: none ({m['bound']})")
    else:
        why = ("the most 4 vfork workers made: nothing lost even unpaced"
               if m["bound"] == "generator" else "bisected below a rate that lost records")
        print(f"max rate with 0 lost: {m['clones_per_s']:.0f} clones/s ({why}), "
              f"consumer {100 * m['consumer_cpu_share']:.1f}% of a CPU")
    for n in res["notes"]:
        print("note:", n)
    print_targets(res["targets"])


if __name__ == "__main__":
    main()
