#!/usr/bin/env bash
# top_speakers.sh: the most frequent speaker facet values over AllSides, BBC and Reuters-21578.
#
#   scripts/top_speakers.sh [N] [SHARED_DIR]     (default 100, ../shared beside the repo)
#
# Builds searchd, indexes the three corpora of the data kit into a temporary index with
# `searchd index` (which ends by resolving short speaker names across the archive, so that
# "Roe" in one article counts for the "Jane Roe" of the others) and prints, with `searchd
# speakers`, the N named speakers found in the most articles (each counted once per article),
# with their kind, for reading: no caption text, bill, fragment, place-as-person or role word
# inside a name, and no person twice. Set KEEP_INDEX=DIR to keep the index in DIR. Needs Go.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100}
shared=${2:-${SEARCHD_SHARED:-$repo/../shared}}
shared=$(cd "$shared" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
idx=${KEEP_INDEX:-$work/index}

(cd "$repo" && go build -o "$work/searchd" ./cmd/searchd)
for c in allsides bbc reuters21578; do
	gzip -dc "$shared/corpora/$c.jsonl.gz" >"$work/$c.jsonl"
done
SEARCHD_LOG_LEVEL=warn "$work/searchd" index --quiet --index "$idx" "$work"/allsides.jsonl "$work"/bbc.jsonl "$work"/reuters21578.jsonl >&2
"$work/searchd" speakers --log-level warn --index "$idx" --top "$n"
