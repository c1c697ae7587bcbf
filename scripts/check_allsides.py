#!/usr/bin/env python3
"""End-to-end acceptance check of searchd over a real corpus (issue 2's "done when").

  scripts/check_allsides.py [--corpus ../shared/corpora/allsides.jsonl.gz] [--workdir DIR] [--skip-index]

Builds searchd, indexes the corpus into WORKDIR/index twice (the second run must add nothing),
starts the server on a free loopback port and checks over HTTP that:
  - the match-all total equals the articles read minus the duplicates and skipped ones reported;
  - q=ukraine&speaker=Vladimir Putin returns only hits quoting Vladimir Putin;
  - every facet value's count (speaker, location, source, date) equals the total of the search
    filtered on that value;
and prints the index size against the raw text, the ingest rate and the median latency of ten typical
queries (each query run 5 times after a warm-up). Standard library only.
"""
import argparse, gzip, json, os, re, socket, statistics, subprocess, sys, time, urllib.parse, urllib.request

QUERIES = ["ukraine", "climate change", "supreme court", "\"health care\"", "trump tariffs",
           "election", "immigration border", "federal reserve interest rates", "gun control", "covid vaccine"]


def sh(cmd, **kw):
    print("+", " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, check=True, **kw)


def get(base, path, **params):
    q = urllib.parse.urlencode(params, doseq=True)
    with urllib.request.urlopen(f"{base}{path}?{q}", timeout=60) as r:
        return json.load(r)


def raw_text_bytes(corpus):
    n = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            n += len((d.get("title") or "").encode()) + len((d.get("body") or "").encode())
    return n


def dir_bytes(d):
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)


def summary_numbers(stderr):
    m = re.search(r"read (\d+), indexed (\d+), unchanged (\d+), skipped (\d+), duplicates (\d+), failed (\d+) in (\S+) \((\d+) articles/s\)", stderr)
    if not m:
        sys.exit("no summary line in searchd index output:\n" + stderr[-2000:])
    return dict(zip(["read", "indexed", "unchanged", "skipped", "duplicates", "failed", "took", "rate"], m.groups()))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpora", "allsides.jsonl.gz"))
    ap.add_argument("--workdir", default="/tmp/searchd-check")
    ap.add_argument("--skip-index", action="store_true", help="reuse WORKDIR/index from an earlier run")
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    binary = os.path.join(a.workdir, "searchd")
    sh(["go", "build", "-o", binary, "./cmd/searchd"], cwd=os.path.join(here, ".."))
    idx = os.path.join(a.workdir, "index")
    failures = []
    runs = []
    if not a.skip_index:
        subprocess.run(["rm", "-rf", idx], check=True)
        for i in range(2):
            p = subprocess.run([binary, "index", "--quiet", "--index", idx, a.corpus], capture_output=True, text=True)
            print(p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "", file=sys.stderr)
            if p.returncode != 0:
                sys.exit(f"searchd index failed ({p.returncode}):\n{p.stderr[-2000:]}")
            runs.append(summary_numbers(p.stderr))
    size = dir_bytes(idx)
    raw = raw_text_bytes(a.corpus)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, SEARCHD_INDEX_LOAD_SAMPLE="false")
    srv = subprocess.Popen([binary, "serve", "--index", idx, "--addr", f"127.0.0.1:{port}"], env=env,
                           stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                get(base, "/healthz"); break
            except OSError:
                time.sleep(0.1)
        total = get(base, "/api/search", size=1)["total"]
        if runs:
            r = runs[0]
            want = int(r["read"]) - int(r["duplicates"]) - int(r["skipped"]) - int(r["failed"])
            if total != want:
                failures.append(f"match-all total {total}, want read-duplicates-skipped-failed = {want}")
            if int(runs[1]["indexed"]) != 0 or int(runs[1]["unchanged"]) != want:
                failures.append(f"second run: indexed {runs[1]['indexed']}, unchanged {runs[1]['unchanged']}; want 0 and {want}")
        res = get(base, "/api/search", q="ukraine", speaker="Vladimir Putin", size=100)
        bad = [h["id"] for h in res["hits"] if "Vladimir Putin" not in h["speakers"]]
        if bad or res["total"] == 0:
            failures.append(f"ukraine+Putin: total {res['total']}, hits without Putin: {bad[:5]}")
        checked = 0
        for params in ({"q": "ukraine", "speaker": "Vladimir Putin"}, {"q": "ukraine"}, {}):
            r = get(base, "/api/search", size=1, **params)
            for field in ("speaker", "location", "source"):
                for fv in r["facets"][field][:10]:
                    if field in params and fv["value"] != params[field]:
                        continue  # values of one field are ORed: "A and B" cannot be asked for
                    sub = get(base, "/api/search", size=1, **dict(params, **{field: fv["value"]}))
                    checked += 1
                    if sub["total"] != fv["count"]:
                        failures.append(f"{params} {field}={fv['value']!r}: facet {fv['count']}, filtered total {sub['total']}")
            for b in r["facets"]["date"]:
                extra = {}
                if b.get("from"):
                    extra["since"] = b["from"]
                if b.get("to"):
                    to = time.strftime("%Y-%m-%d", time.gmtime(time.mktime(time.strptime(b["to"], "%Y-%m-%d")) - 43200))
                    extra["until"] = to
                sub = get(base, "/api/search", size=1, **params, **extra)
                checked += 1
                if sub["total"] != b["count"]:
                    failures.append(f"{params} date {b['label']}: facet {b['count']}, filtered total {sub['total']}")
        lat = []
        for q in QUERIES:
            get(base, "/api/search", q=q)
            ts = []
            for _ in range(5):
                t0 = time.perf_counter(); get(base, "/api/search", q=q); ts.append((time.perf_counter() - t0) * 1000)
            lat.append(statistics.median(ts))
    finally:
        srv.terminate()
        srv.wait(timeout=60)
    print(f"articles in index        {total}")
    for i, r in enumerate(runs, 1):
        print(f"index run {i}              read {r['read']} indexed {r['indexed']} unchanged {r['unchanged']} skipped {r['skipped']} duplicates {r['duplicates']} took {r['took']} ({r['rate']} articles/s)")
    print(f"index size               {size/1e6:.0f} MB; raw text {raw/1e6:.0f} MB; ratio {size/raw:.2f}x")
    print(f"facet values checked     {checked}")
    print(f"ukraine+Putin total      {res['total']}")
    print("query latency (median of 5, ms): " + ", ".join(f"{q}={l:.1f}" for q, l in zip(QUERIES, lat)))
    print(f"median of the ten        {statistics.median(lat):.1f} ms")
    if srv.returncode not in (0, -15):
        failures.append(f"server exited {srv.returncode} on SIGTERM")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
