#!/usr/bin/env python3
"""1-client search latency of two searchd binaries, alternating, as the peer harness measures it.

  scripts/latency_ab.py --old BIN --new BIN --index DIR --queries FILE [--warmup FILE] [--runs 4] [--size 10]

FILE holds the queries as JSON Lines ({"q": ...}; the peer harness's queries.json gives them
with `jq -c '.measured[] | {q: .text}'`, the warm-up with `.warmup[]`). Copies the index twice
(each server gets one, so neither sees the other's page cache state as its own work), starts
both servers on free loopback ports, waits until both have finished their start-up work (the
log line "resolved names"), sends the warm-up queries to each, then the queries once to each
keeping the answers, and then RUNS times to OLD and NEW in turn. Each run prints p50 and p99
latency (ms, one Python http.client connection, as bench.py's SearchdClient) and the server's
CPU per search (utime+stime from /proc/PID/stat). At the end: the medians of the runs, NEW over
OLD, and whether the JSON answers are byte-identical but took_ms. Standard library only;
Linux (reads /proc).
"""
import argparse, http.client, json, os, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.parse


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pct(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def run(port, pid, queries, size, answers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    lat, cpu0 = [], cpu_seconds(pid)
    for q in queries:
        t0 = time.perf_counter()
        c.request("GET", "/api/search?" + urllib.parse.urlencode({"q": q, "size": size}))
        r = c.getresponse()
        body = r.read()
        if r.status != 200:
            raise SystemExit(f"HTTP {r.status} for {q!r}: {body[:200]!r}")
        d = json.loads(body)
        lat.append(time.perf_counter() - t0)
        if answers is not None:
            d.pop("took_ms", None)
            answers.append(json.dumps(d))
    cpu = cpu_seconds(pid) - cpu0
    c.close()
    return {"p50": pct(lat, 50) * 1000, "p99": pct(lat, 99) * 1000, "cpu_ms": cpu * 1000 / len(queries)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--warmup")
    ap.add_argument("--runs", type=int, default=4)
    ap.add_argument("--size", type=int, default=10)
    args = ap.parse_args()
    load = lambda p: [json.loads(l)["q"] for l in open(p) if l.strip()]
    queries, warm = load(args.queries), load(args.warmup) if args.warmup else []
    work = tempfile.mkdtemp(prefix="latency_ab.")
    procs = {}
    try:
        for name, binary in (("old", args.old), ("new", args.new)):
            shutil.copytree(args.index, os.path.join(work, name))
            port, log = free_port(), open(os.path.join(work, name + ".log"), "w")
            p = subprocess.Popen([binary, "serve", "--addr", f"127.0.0.1:{port}", "--index", os.path.join(work, name)],
                                 stdout=log, stderr=subprocess.STDOUT)
            procs[name] = (p, port)
        deadline = time.time() + 300
        while not all("resolved names" in open(os.path.join(work, n + ".log")).read() for n in procs):
            if time.time() > deadline or any(p.poll() is not None for p, _ in procs.values()):
                raise SystemExit(f"servers did not finish starting; see {work}/*.log")
            time.sleep(0.5)
        answers = {}
        for name, (p, port) in procs.items():
            run(port, p.pid, warm, args.size)
            answers[name] = []
            run(port, p.pid, queries, args.size, answers[name])
        res = {"old": [], "new": []}
        for i in range(args.runs):
            for name, (p, port) in procs.items():
                r = run(port, p.pid, queries, args.size)
                res[name].append(r)
                load_avg = open("/proc/loadavg").read().split()[:3]
                print(f"run {i + 1} {name}: p50 {r['p50']:.2f} ms, p99 {r['p99']:.2f} ms, "
                      f"server CPU {r['cpu_ms']:.2f} ms/search (load {' '.join(load_avg)})", flush=True)
        med = {n: {k: statistics.median(r[k] for r in rs) for k in ("p50", "p99", "cpu_ms")} for n, rs in res.items()}
        for k in ("p50", "p99", "cpu_ms"):
            print(f"median {k}: {med['old'][k]:.2f} -> {med['new'][k]:.2f} ({med['new'][k] / med['old'][k]:.2f}x)")
        same = answers["old"] == answers["new"]
        print("answers: byte-identical but took_ms" if same else
              f"answers DIFFER: {sum(a != b for a, b in zip(answers['old'], answers['new']))} of {len(queries)}")
        return 0 if same else 1
    finally:
        for p, _ in procs.values():
            p.terminate()
            p.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
