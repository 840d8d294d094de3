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
  storm       2-worker vfork+thread storm under `clonecheck -a`: rate, lost
              records, the consumer's CPU share
  start/stop  `clonecheck -c true` wall time; -a: load to ready, SIGINT to exit
  offline     `clonecheck check` of a recorded trace: clones/s, records/s
  daemon rss  `clonecheck daemon` (system-wide, default settings): peak RSS after
              one million clones (vfork and thread on 2 workers each)
  max rate    the highest clone rate with 0 lost under `clonecheck -a` (default
              settings): 4 vfork workers unpaced, then paced rates bisected below
              the unpaced one if it lost records; the consumer's CPU share there
"""
import argparse
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


def stats(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return None
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs), "n": len(xs)}


def ratio(a, b):
    if not a or not b:
        return None
    return a["median"] / b["median"]


class Bench:
    def __init__(self, out, reps, scale):
        self.out = out
        self.reps = reps
        self.scale = scale
        self.cc = os.path.join(out, "clonecheck")
        self.cb = os.path.join(out, "clone_bench")
        self.bt = os.path.join(os.path.dirname(os.path.abspath(__file__)), "clonecheck.bt")
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
        path = "/proc/sys/kernel/bpf_stats_enabled"
        with open(path) as f:
            old = f.read().strip()
        per = {}
        try:
            with open(path, "w") as f:
                f.write("1")
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
        finally:
            with open(path, "w") as f:
                f.write(old)
        return per

    def storm(self):
        p, _ = self.cc_all_start()
        t0 = time.monotonic()
        w = [subprocess.Popen([self.cb, k, str(self.n(k) * 4), "2"], stdout=subprocess.PIPE,
                              text=True) for k in ("vfork", "thread")]
        rate = sum(float(x.communicate()[0].split()[3]) for x in w)
        wall = time.monotonic() - t0
        r = self.cc_all_stop(p)
        return {"clones_per_s": rate, "lost": r["lost"], "clones_judged": r["clones"],
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

    def start_stop(self):
        xs = []
        for _ in range(self.reps):
            t0 = time.monotonic()
            subprocess.run([self.cc, "--backend=tracepoint", "-c", "true"],
                           capture_output=True, timeout=120)
            xs.append(time.monotonic() - t0)
        return stats(xs)

    def offline(self):
        trace = os.path.join(self.tmp, "bench.cct")
        n = self.n("vfork") * 2
        subprocess.run([self.cc, "record", "-o", trace, "--backend=tracepoint", "-c",
                        f"{self.cb} vfork {n} >/dev/null"], capture_output=True, timeout=600)
        xs, clones = [], None
        for _ in range(self.reps):
            t0 = time.monotonic()
            p = subprocess.run([self.cc, "check", trace], capture_output=True, text=True,
                               timeout=600)
            xs.append(time.monotonic() - t0)
            m = re.search(r"^clones\s+(\d+):", p.stdout, re.M)
            clones = int(m.group(1)) if m else None
        t = stats(xs)
        if not clones:
            return {"seconds": t}
        # a successful clone on the tracepoint backend is 6 records (O-01..O-06)
        return {"seconds": t, "clones": clones, "clones_per_s": clones / t["median"],
                "records_per_s": 6 * clones / t["median"]}


def fmt_rate(s):
    return "-" if not s else f"{s['median']:9.0f} [{s['min']:.0f}-{s['max']:.0f}]"


def fmt_ratio(r):
    return "-" if r is None else f"{r:.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", required=True, help="the build's output directory")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--scale", type=float, default=1.0, help="scale every count")
    a = ap.parse_args()
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
        res["storm"] = b.storm()
        res["c_true_s"] = b.start_stop()
        res["offline"] = b.offline()
        res["daemon_rss"] = b.daemon_rss()
        res["max_rate"] = b.max_rate()
        res["load_after"] = os.getloadavg()
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
    s = res["storm"]
    print(f"storm: {s['clones_per_s']:.0f} clones/s, {s['lost']} lost, "
          f"consumer {100 * s['consumer_cpu_share']:.1f}% of a CPU")
    print(f"start/stop: -c true {res['c_true_s']['median']:.3f} s "
          f"[{res['c_true_s']['min']:.3f}-{res['c_true_s']['max']:.3f}], "
          f"-a ready {res['ready_s']['median']:.3f} s, stop {res['stop_s']['median']:.3f} s")
    o = res["offline"]
    if "clones" in o:
        print(f"offline: {o['clones']} clones in {o['seconds']['median']:.3f} s: "
              f"{o['clones_per_s']:.0f} clones/s, {o['records_per_s'] / 1e6:.2f} M records/s")
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


if __name__ == "__main__":
    main()
