#!/usr/bin/env bash
# Takes the UI screenshots of docs/screenshots (README, issue 14): builds searchd, indexes the
# bundled sample into a temporary folder, serves it on a free loopback port and runs
# TestDocScreenshots against it in headless Chromium.
#
#   scripts/screenshots.sh [OUT_DIR]     (default docs/screenshots; SEARCHD_DOC_QUERY=word to pick the search)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-docs/screenshots}")"
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o "$work/searchd" ./cmd/searchd
"$work/searchd" index --index "$work/index" sample/articles.jsonl
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$work/searchd" serve --addr "127.0.0.1:$port" --index "$work/index" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
SEARCHD_DOC_SCREENSHOTS="$out" SEARCHD_DOC_URL="http://127.0.0.1:$port" \
  go test -count=1 -run '^TestDocScreenshots$' -v ./internal/web/ | grep -E 'wrote|FAIL|ok|---'
