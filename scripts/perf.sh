#!/usr/bin/env bash
# perf.sh: searchd's performance table (README "Performance") against SQLite FTS5, in one run.
#
#   scripts/perf.sh [--runs N] [--duration D] [--corpus FILE] [--out DIR]
#
# Defaults: 3 rounds, 30s per query measurement, ../shared/corpora/allsides.jsonl.gz, results
# in a temporary directory (printed) unless --out. Each round, interleaved so that both engines
# see the same machine load:
#   1. searchd bench ingest: full ingest with extraction into a fresh index (articles/s, size
#      over raw text, peak RSS, CPU seconds);
#   2. searchd serve on that index: seconds from exec to the first answered search;
#   3. searchd bench query with the query set at 1 client and at 8 clients (closed loop, top 10,
#      facets, snippets);
#   4. scripts/fts5_baseline.py: the same corpus and query set in SQLite FTS5 (ingest, 1 client,
#      8 client processes).
# Then prints the medians of the rounds as a table. The query set is `searchd bench queries
# --n 500 --seed 1` over the corpus. Needs Go, Python 3, curl; takes about 10 minutes a round
# on a 2-core machine.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
runs=3 duration=30s out="" corpus=${SEARCHD_SHARED:-$repo/../shared}/corpora/allsides.jsonl.gz
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift 2 ;;
	--duration) duration=$2; shift 2 ;;
	--corpus) corpus=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	*) echo "usage: $0 [--runs N] [--duration D] [--corpus FILE] [--out DIR]" >&2; exit 2 ;;
	esac
done
[ -f "$corpus" ] || { echo "perf.sh: no corpus at $corpus" >&2; exit 1; }
if [ -z "$out" ]; then out=$(mktemp -d); fi
mkdir -p "$out"
echo "results in $out" >&2
bin=$out/searchd
(cd "$repo" && go build -o "$bin" ./cmd/searchd)
secs=${duration%s}

"$bin" bench queries --corpus "$corpus" --n 500 --seed 1 --out "$out/queries.jsonl"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
for r in $(seq 1 "$runs"); do
	echo "round $r: ingest" >&2
	rm -rf "$out/index"
	"$bin" bench ingest --corpus "$corpus" --index "$out/index" --json --log-level warn >"$out/ingest-$r.json"

	echo "round $r: serve and query" >&2
	t0=$(date +%s.%N)
	"$bin" serve --index "$out/index" --addr "127.0.0.1:$port" --log-level warn 2>"$out/serve-$r.log" &
	pid=$!
	until curl -sf "http://127.0.0.1:$port/api/search?q=president" >/dev/null 2>&1; do
		kill -0 $pid 2>/dev/null || { cat "$out/serve-$r.log" >&2; exit 1; }
		sleep 0.01
	done
	t1=$(date +%s.%N)
	python3 -c "import json,sys; print(json.dumps({'start_seconds': $t1 - $t0}))" >"$out/start-$r.json"
	"$bin" bench query --addr "http://127.0.0.1:$port" --queries "$out/queries.jsonl" --concurrency 1 \
		--duration "$duration" --warmup 10s --json >"$out/query1-$r.json"
	"$bin" bench query --addr "http://127.0.0.1:$port" --queries "$out/queries.jsonl" --concurrency 8 \
		--duration "$duration" --warmup 5s --json >"$out/query8-$r.json"
	grep VmHWM "/proc/$pid/status" | awk '{print "{\"serve_peak_rss_kb\": " $2 "}"}' >"$out/serve-rss-$r.json"
	kill $pid
	wait $pid || true

	echo "round $r: SQLite FTS5" >&2
	python3 "$repo/scripts/fts5_baseline.py" "$corpus" --queries "$out/queries.jsonl" --db "$out/fts5.db" \
		--warmup 10 --duration "$secs" --clients 8 --json >"$out/fts5-$r.json"
	rm -f "$out/fts5.db"
done

python3 - "$out" "$runs" <<'EOF'
import json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
def load(name):
    return [json.load(open(f"{out}/{name}-{r}.json")) for r in range(1, runs + 1)]
def med(xs):
    return statistics.median(xs)
ing = [d["runs"][0] for d in load("ingest")]
q1, q8, fts, st = load("query1"), load("query8"), load("fts5"), load("start")
rss = load("serve-rss")
rows = [
    ("ingest, articles/s (end to end, extraction on)", med([i["articles_per_sec"] for i in ing]), med([f["ingest"]["articles_per_sec"] for f in fts])),
    ("ingest, articles per CPU-second", med([i["articles"] / i["cpu_seconds"] for i in ing]), None),
    ("index size / raw text", med([i["ratio"] for i in ing]), med([f["ingest"]["ratio"] for f in fts])),
    ("peak RSS while ingesting, MiB", med([i["peak_rss_bytes"] / 2**20 for i in ing]), None),
    ("  of which anonymous (not mapped index files), MiB", med([i["peak_anon_rss_bytes"] / 2**20 for i in ing]), None),
    ("query p50, ms, 1 client", med([q["latency"]["p50_ms"] for q in q1]), med([f["one_client"]["p50_ms"] for f in fts])),
    ("query p99, ms, 1 client", med([q["latency"]["p99_ms"] for q in q1]), med([f["one_client"]["p99_ms"] for f in fts])),
    ("QPS, 1 client", med([q["qps"] for q in q1]), med([f["one_client"]["qps"] for f in fts])),
    ("QPS, 8 clients", med([q["qps"] for q in q8]), med([f["many_clients"]["qps"] for f in fts])),
    ("query p99, ms, 8 clients", med([q["latency"]["p99_ms"] for q in q8]), med([f["many_clients"]["p99_ms"] for f in fts])),
    ("errors (searchd 1 + 8 clients)", sum(q["errors"] for q in q1 + q8), sum(f["one_client"]["errors"] + f["many_clients"]["errors"] for f in fts)),
    ("server start to first answer, s", med([s["start_seconds"] for s in st]), None),
    ("serve peak RSS, MiB", med([r["serve_peak_rss_kb"] / 1024 for r in rss]), None),
]
print(f"medians of {runs} rounds; per round searchd and FTS5 ran one after the other")
print(f"{'measure':50} {'searchd':>10} {'FTS5':>10} {'ratio':>7}")
for name, a, b in rows:
    ratio = f"{a / b:.2f}" if b else ""
    bs = f"{b:10.2f}" if b is not None else f"{'':10}"
    print(f"{name:50} {a:10.2f} {bs} {ratio:>7}")
EOF
