#!/usr/bin/env bash
# score_extract.sh: extraction quality of searchd against the gold sets of the data kit.
#
#   scripts/score_extract.sh [SHARED_DIR]      (default: ../shared beside the repo, or $SEARCHD_SHARED)
#
# Builds searchd, turns each gold set into plain `searchd extract` input with
# score_extract.py, runs the extractor and scores its output, then prints one table:
# measure, value, target. Work files go to a temporary directory that is removed on exit.
# Needs Go and Python 3 (standard library only).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${1:-${SEARCHD_SHARED:-$repo/../shared}}
shared=$(cd "$shared" && pwd)
scorer=$shared/tools/score_extract.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$repo" && go build -o "$work/searchd" ./cmd/searchd)

# run NAME GOLD: writes $work/NAME.json, the scorer's JSON result.
run() {
	local name=$1 gold=$2
	python3 "$scorer" input "$gold" >"$work/$name.in.jsonl"
	"$work/searchd" extract "$work/$name.in.jsonl" >"$work/$name.pred.jsonl" 2>"$work/$name.log" || {
		cat "$work/$name.log" >&2
		return 1
	}
	python3 "$scorer" score "$gold" "$work/$name.pred.jsonl" --json >"$work/$name.json"
}

run ggt "$shared/gold/quotes-ggt.jsonl"
run polnear-dev "$shared/gold/quotes-polnear-dev.jsonl"
run polnear-test "$shared/gold/quotes-polnear-test.jsonl"
run reuters "$shared/gold/datelines-reuters.jsonl.gz"
run wikinews "$shared/corpora/wikinews.jsonl.gz"

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
def r(name):
    with open(f"{work}/{name}.json") as f:
        return json.load(f)
# measure, gold set, field, target ("" when the issue sets none)
rows = [
    ("GGT speaker F1", "ggt", "speaker_f1", ""),
    ("GGT speaker precision", "ggt", "speaker_precision", ""),
    ("GGT speaker recall", "ggt", "speaker_recall", ""),
    ("GGT quote F1", "ggt", "quote_f1", ""),
    ("GGT quote attribution accuracy", "ggt", "quote_attribution_accuracy", ""),
    ("PolNeAR dev quote F1", "polnear-dev", "quote_f1", ""),
    ("PolNeAR dev named source accuracy", "polnear-dev", "named_source_accuracy", ""),
    ("PolNeAR test quote F1", "polnear-test", "quote_f1", ""),
    ("PolNeAR test named source accuracy", "polnear-test", "named_source_accuracy", ""),
    ("Reuters dateline place accuracy", "reuters", "dateline_place_accuracy", ">= 0.98"),
    ("Reuters coordinates rate", "reuters", "dateline_coordinates_rate", ">= 0.95"),
    ("Wikinews date accuracy (text only)", "wikinews", "date_accuracy", ">= 0.98"),
]
print(f"{'measure':40s} {'value':>7s}  target")
for label, name, field, target in rows:
    print(f"{label:40s} {r(name)[field]:7.3f}  {target}")
PY
