#!/usr/bin/env bash
# perf.sh: the README's performance table: searchd beside SQLite FTS5, PostgreSQL 15, Xapian 1.4
# and Sphinx 2.2, in one run, as the medians of N rounds.
#
#   scripts/perf.sh [--runs N] [--duration SECONDS] [--quick] [--corpus FILE] [--out DIR]
#   scripts/perf.sh --report DIR        # the table again from the rounds a run left in DIR
#
# The engines run under the shared peer harness, ../shared/tools/peers/bench.py (what
# ../shared/tools/peers/run.sh drives; the shared data is ../shared beside the repository, or
# $SEARCHD_SHARED): the same corpus (default AllSides), the same 2,000 queries (1–2 title words,
# 10% quoted phrases, seed 1) and the same results-page work (AND of the words, top 10 with a
# ~240-character snippet, the total and a count per source over all matches), from identical
# Python clients. Each round, one engine after the other, so that all see the same machine load:
#   1. every engine ingests the corpus into a fresh index (searchd: `searchd index`, extraction
#      on; the others as the harness's README says, with their durability);
#   2. bare Bleve, the floor searchd's ingest is compared with (`searchd bench ingest --bare`:
#      Bleve's offline builder, title and body with term vectors, stored; no extraction);
#   3. searchd only: the corpus POSTed in batches of 1,000 articles (`searchd index --server
#      --batch-size 1000`) to a `searchd serve` on an empty index: articles/s, and per CPU-second
#      of the server;
#   4. searchd serve on the ingested index: seconds from exec to the first answered search;
#   5. every engine answers the 300 warm-up queries, the 2,000 at 1 client, then 8 client
#      processes for DURATION seconds (default 20).
# Then it prints the medians of the rounds as a Markdown table. An engine that is not installed
# (`run.sh setup` installs them) is listed as such and not measured. --quick is one round over
# the first 5,000 articles, 300 queries and 5 s at 8 clients: a check that everything runs (a
# few minutes), not a measurement. A full round takes 10–20 minutes on 2 shared cores. Needs
# Go, Debian's /usr/bin/python3, curl; run as root (the harness runs PostgreSQL as `postgres`).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SEARCHD_SHARED:-$repo/../shared}
runs=3 duration=20 out="" corpus="" quick="" report=""
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift 2 ;;
	--duration) duration=${2%s}; shift 2 ;;
	--corpus) corpus=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--quick) quick=1; shift ;;
	--report) report=$2; shift 2 ;;
	*) echo "usage: $0 [--runs N] [--duration SECONDS] [--quick] [--corpus FILE] [--out DIR] | --report DIR" >&2; exit 2 ;;
	esac
done
peers=$shared/tools/peers
[ -f "$peers/bench.py" ] || { echo "perf.sh: no peer harness at $peers (set SEARCHD_SHARED)" >&2; exit 1; }
py=/usr/bin/python3 # Debian's python sees python3-xapian, psycopg2 and MySQLdb

# table prints the medians of the rounds under $1.
table() {
	"$py" - "$1" <<'EOF'
import glob, json, os, re, statistics, sys
out = sys.argv[1]
res = os.path.join(out, "peers", "results")
meta = json.load(open(os.path.join(out, "meta.json")))
def rounds(pattern):
    found = []
    for p in sorted(glob.glob(os.path.join(res, pattern))):
        m = re.search(r"-r?(\d+)\.json$", p)
        if m:
            found.append((int(m.group(1)), json.load(open(p))))
    return [d for _, d in sorted(found)]
def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None
def num(x, fmt="{:,.0f}"):
    return fmt.format(x) if x is not None else "–"
labels = {
    "searchd": "**searchd** (`searchd index`: extraction, quotes, MinHash stories; bulk build, fsynced)",
    "sphinx": "Sphinx 2.2 (batch `indexer`)",
    "fts5": "SQLite FTS5 (WAL, synchronous=FULL, commit per 1,000)",
    "pg": "PostgreSQL 15 (COPY per 1,000 with fsync, GIN built after)",
    "xapian": "Xapian 1.4 (commit per 1,000)",
}
print(f"Medians of {meta['runs']} round(s){' (--quick)' if meta['quick'] else ''}, {meta['date']}, commit {meta['commit']}, "
      f"{meta['cpus']} CPUs, corpus {meta['corpus']} ({meta['articles']:,} articles); load average "
      f"{meta['load_min']:.1f}–{meta['load_max']:.1f} over the run.")
print()
print("| engine | ingest art/s (per CPU-s) | size ÷ text | peak RSS ingesting, MiB | 1-client p50 / p99 ms | 8-client QPS (p99 ms) | errors |")
print("|---|---|---|---|---|---|---|")
qps = {}
for e in ["searchd", "sphinx", "fts5", "pg", "xapian"]:
    if e not in meta["engines"]:
        print(f"| {labels[e]} | not installed here (`run.sh setup`) | | | | | |")
        continue
    ing, q = rounds(f"ingest-{e}-r[0-9]*.json"), rounds(f"query-{e}-[0-9]*.json")
    if not ing and not q:
        print(f"| {labels[e]} | not measured | | | | | |")
        continue
    aps, apc = med([d["articles_per_s"] for d in ing]), med([d["articles_per_cpu_s"] for d in ing])
    size, rss = med([d["size_ratio"] for d in ing]), med([d["ru_maxrss_mib"] for d in ing])
    p50, p99 = med([d["c1"]["p50_ms"] for d in q]), med([d["c1"]["p99_ms"] for d in q])
    q8, q8p99 = med([d["c8"]["qps"] for d in q]), med([d["c8"]["p99_ms"] for d in q])
    qps[e] = q8
    errs = sum(d["c1"]["errors"] + d["c8"]["errors"] for d in q)
    name = labels[e]
    print(f"| {name} | {num(aps)} ({num(apc)}) | {num(size, '{:.2f}')} | {num(rss)} | {num(p50, '{:.1f}')} / {num(p99, '{:.1f}')} "
          f"| {num(q8)} ({num(q8p99, '{:.0f}')}) | {errs} |")
bare = [d["runs"][0] for d in rounds("bare-[0-9]*.json")]
if bare:
    bare_apc = med([d["articles"] / d["cpu_seconds"] for d in bare])
    print(f"| bare Bleve, the floor (`searchd bench ingest --bare`: Bleve's builder; title and body with term vectors, stored; "
          f"no extraction, quotes, stories or columns) | {num(med([d['articles_per_sec'] for d in bare]))} ({num(bare_apc)}) "
          f"| {num(med([d['ratio'] for d in bare]), '{:.2f}')} | {num(med([d['peak_rss_bytes'] / 2**20 for d in bare]))} | | | |")
print()
if bare and "searchd" in meta["engines"] and rounds("ingest-searchd-r[0-9]*.json"):
    sd = med([d["articles_per_cpu_s"] for d in rounds("ingest-searchd-r[0-9]*.json")])
    print(f"Ingest per CPU-second, searchd ÷ bare Bleve: {sd / bare_apc:.2f} (each the median of its rounds).")
post, start = rounds("post-[0-9]*.json"), rounds("start-[0-9]*.json")
if post:
    print(f"searchd, online: POST of {meta['articles']:,} articles in batches of 1,000 to `searchd serve` on an empty index: "
          f"{num(med([d['articles_per_s'] for d in post]))} articles/s ({num(med([d['articles_per_server_cpu_s'] for d in post]))} "
          f"per CPU-second of the server), fsynced per batch.")
if start:
    print(f"searchd serve: start to the first answered search {med([d['start_seconds'] for d in start]):.2f} s; "
          f"peak RSS serving {num(med([d['server_peak_rss_mib'] for d in rounds('query-searchd-[0-9]*.json')]))} MiB.")
peer = {e: v for e, v in qps.items() if e != "searchd" and v}
if "searchd" in qps and peer:
    best = max(peer, key=peer.get)
    print(f"8-client QPS, searchd ÷ the best peer ({best}): {qps['searchd'] / peer[best]:.2f}.")
EOF
}

if [ -n "$report" ]; then
	table "$report"
	exit 0
fi

[ -n "$corpus" ] || corpus=$shared/corpora/allsides.jsonl.gz
[ -f "$corpus" ] || { echo "perf.sh: no corpus at $corpus" >&2; exit 1; }
corpus=$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")
limit=0 limitq=0
if [ -n "$quick" ]; then runs=1 duration=5 limit=5000 limitq=300; fi
if [ -z "$out" ]; then out=$(mktemp -d); fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
chmod 755 "$out" # PostgreSQL runs as postgres, under $out/peers
echo "results in $out" >&2
bin=$out/searchd
(cd "$repo" && go build -o "$bin" ./cmd/searchd)

export PEERS_WORK=$out/peers PEERS_SEARCHD=$bin PEERS_CORPUS=$corpus
mkdir -p "$PEERS_WORK/results"
res=$PEERS_WORK/results
b() { "$py" "$peers/bench.py" "$@"; }

# The engines installed here.
engines=searchd
"$py" -c "import sqlite3; sqlite3.connect(':memory:').execute('CREATE VIRTUAL TABLE t USING fts5(x)')" 2>/dev/null && engines+=" fts5"
[ -x /usr/lib/postgresql/15/bin/initdb ] && "$py" -c "import psycopg2" 2>/dev/null && engines+=" pg"
"$py" -c "import xapian" 2>/dev/null && engines+=" xapian"
command -v indexer >/dev/null && "$py" -c "import MySQLdb" 2>/dev/null && engines+=" sphinx"
for e in fts5 pg xapian sphinx; do
	case " $engines " in *" $e "*) ;; *) echo "perf.sh: $e is not installed here: not measured (../shared/tools/peers/run.sh setup installs it)" >&2 ;; esac
done
has() { case " $engines " in *" $1 "*) return 0 ;; esac; return 1; }

[ -f "$PEERS_WORK/queries.json" ] || b gen-queries >&2
serve_pid=""
cleanup() {
	if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
	rm -f "$PEERS_WORK/searchd-serve.pid"
	if has sphinx; then b stop sphinx >/dev/null 2>&1 || true; fi
	if has pg; then b stop pg >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
loads=()
load() { loads+=("$(cut -d' ' -f1 /proc/loadavg)"); }
port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# serve starts searchd serve on index $1 with the API key, waits for its first answered search
# and sets serve_pid, serve_url and serve_secs.
serve() {
	local p t0 t1
	p=$(port)
	t0=$(date +%s.%N)
	SEARCHD_INDEX_LOAD_SAMPLE=false SEARCHD_API_KEY=perf-key "$bin" serve --index "$1" --addr "127.0.0.1:$p" \
		--log-level warn 2>>"$res/searchd-serve.log" &
	serve_pid=$!
	serve_url=http://127.0.0.1:$p
	until curl -sf "$serve_url/api/search?q=president" >/dev/null 2>&1; do
		kill -0 "$serve_pid" 2>/dev/null || { tail "$res/searchd-serve.log" >&2; exit 1; }
		sleep 0.01
	done
	t1=$(date +%s.%N)
	serve_secs=$("$py" -c "print($t1 - $t0)")
}
stop_serve() {
	kill "$serve_pid"
	wait "$serve_pid" || true
	serve_pid=""
}

lim=()
[ "$limit" -gt 0 ] && lim=(--limit "$limit")
for r in $(seq 1 "$runs"); do
	for e in $engines; do
		echo "round $r: ingest $e (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
		load
		b ingest "$e" --tag="-r$r" "${lim[@]}" >/dev/null
	done

	src=$corpus
	[ "$limit" -gt 0 ] && src=$PEERS_WORK/idx/corpus-$limit.jsonl.gz # written by the searchd ingest
	echo "round $r: bare Bleve (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
	load
	rm -rf "$out/bare-index"
	"$bin" bench ingest --bare --corpus "$src" --index "$out/bare-index" --json >"$res/bare-$r.json"
	rm -rf "$out/bare-index"

	echo "round $r: searchd, POST in batches of 1,000" >&2
	load
	rm -rf "$out/post-index"
	serve "$out/post-index"
	c0=$(ticks "$serve_pid")
	t0=$(date +%s.%N)
	SEARCHD_API_KEY=perf-key "$bin" index --quiet --server "$serve_url" --batch-size 1000 "$src" 2>"$res/post-$r.log"
	t1=$(date +%s.%N)
	c1=$(ticks "$serve_pid")
	stop_serve
	"$py" - "$res/post-$r.log" "$t0" "$t1" "$c0" "$c1" "$(getconf CLK_TCK)" >"$res/post-$r.json" <<'EOF'
import json, re, sys
log, t0, t1, c0, c1, hz = sys.argv[1], *map(float, sys.argv[2:])
m = re.search(r"indexed (\d+)", open(log).read())
n = int(m.group(1))
print(json.dumps({"articles": n, "seconds": t1 - t0, "articles_per_s": n / (t1 - t0),
                  "server_cpu_s": (c1 - c0) / hz, "articles_per_server_cpu_s": n * hz / (c1 - c0)}))
EOF
	rm -rf "$out/post-index"

	echo "round $r: queries" >&2
	serve "$PEERS_WORK/idx/searchd"
	echo "{\"start_seconds\": $serve_secs}" >"$res/start-$r.json"
	echo "$serve_pid" >"$PEERS_WORK/searchd-serve.pid"
	echo "${serve_url##*:}" >"$PEERS_WORK/searchd-serve.port"
	if has pg; then b start pg >/dev/null; fi
	if has sphinx; then b start sphinx >/dev/null; fi
	for e in $engines; do
		echo "round $r: query $e (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
		load
		b query "$e" --round "$r" --duration "$duration" --limit-queries "$limitq" >/dev/null
	done
	stop_serve
	if has sphinx; then b stop sphinx >/dev/null; fi
	if has pg; then b stop pg >/dev/null; fi
	load
	lo=$(printf '%s\n' "${loads[@]}" | sort -g | head -1) hi=$(printf '%s\n' "${loads[@]}" | sort -g | tail -1)
	"$py" -c 'import json, sys; a = sys.argv; print(json.dumps({"runs": int(a[1]), "quick": a[2] == "1", "date": a[3], "commit": a[4],
"cpus": int(a[5]), "corpus": a[6], "articles": int(a[7]), "engines": a[8].split(), "load_min": float(a[9]), "load_max": float(a[10])}))' \
		"$r" "${quick:-0}" "$(date -u +%Y-%m-%d)" "$(git -C "$repo" rev-parse --short HEAD)" "$(nproc)" "$(basename "$corpus")" \
		"$("$py" -c "import json; print(json.load(open('$res/raw-${limit/#0/all}.json'))['articles'])")" "$engines" "$lo" "$hi" >"$out/meta.json"
done
table "$out"
