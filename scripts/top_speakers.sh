#!/usr/bin/env bash
# top_speakers.sh: the most frequent speaker facet values over AllSides, BBC and Reuters-21578.
#
#   scripts/top_speakers.sh [N] [SHARED_DIR]     (default 100, ../shared beside the repo)
#
# Builds searchd, runs `searchd extract` over the three corpora of the data kit and prints the N
# named speakers found in the most articles (each counted once per article), with their kind, for
# reading: no caption text, bill, fragment, place-as-person or role word inside a name, and no
# person twice. Needs Go and Python 3 (standard library only).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100}
shared=${2:-${SEARCHD_SHARED:-$repo/../shared}}
shared=$(cd "$shared" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$repo" && go build -o "$work/searchd" ./cmd/searchd)
for c in allsides bbc reuters21578; do
	gzip -dc "$shared/corpora/$c.jsonl.gz" >"$work/$c.jsonl"
	"$work/searchd" extract "$work/$c.jsonl" >"$work/$c.pred.jsonl"
done
python3 - "$n" "$work"/*.pred.jsonl <<'PY'
import collections, json, sys
n, files = int(sys.argv[1]), sys.argv[2:]
count, kind = collections.Counter(), {}
for path in files:
    with open(path, encoding="utf-8") as f:
        for line in f:
            names = set()
            for s in json.loads(line).get("speakers") or []:
                if s.get("name") and s.get("kind") != "unnamed":
                    names.add(s["name"])
                    kind[s["name"]] = s["kind"]
            count.update(names)
for i, (name, k) in enumerate(count.most_common(n), 1):
    print(f"{i:4d} {k:6d} {kind[name]:12s} {name}")
PY
