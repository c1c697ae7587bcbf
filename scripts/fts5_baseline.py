#!/usr/bin/env python3
"""SQLite FTS5 peer baseline for searchd's performance table (issue 4). Standard library only.

  scripts/fts5_baseline.py CORPUS.jsonl[.gz] --queries QUERIES.jsonl
      [--db FILE] [--limit N] [--warmup 5] [--duration 30] [--clients 8] [--json]

1. Ingest: reads the corpus (the common schema: id, title, body, date?, source) into an FTS5
   table `articles(title, body)` with the porter tokenizer (`porter unicode61`) and a plain table
   `meta(rowid, source, date)` beside it (same rowids; a facet or filter read from an UNINDEXED
   FTS5 column would read each match's whole stored row, body included: 14x slower for the source
   facet of a common word), in transactions of 1,000 rows, then runs FTS5's 'optimize' (merges the
   index into one b-tree, as a compact index would be served). Reports articles/s and MB/s of raw
   text (UTF-8 bytes of title + body, as searchd bench ingest counts them), the database size and
   its ratio to the raw text. Time includes reading and decompressing the corpus, like searchd's.
   The load runs with journal_mode=OFF and synchronous=OFF, SQLite's fastest bulk-load settings
   (not crash-safe during the load): the baseline is given its best case.
2. Queries: the JSON Lines file of `searchd bench queries`. Each query does the work that
   searchd's GET /api/search does for the comparison: AND of every word and phrase of `q` over
   title and body; the top 10 by bm25 (title weighted 2, body 1) with snippet() of the body; a
   source facet (GROUP BY source over all matches, top 10 kept) and the match count (the sum of
   the groups). Filters: `source` is an equality on meta.source; `since`/`until` compare
   meta.date (YYYY-MM-DD, inclusive), the corpus's own dates (searchd also dates articles from
   their text, so a date-filtered query may find more there). FTS5 knows no speakers: a `speaker` filter is
   approximated by also requiring the speaker's name as a phrase in the text.
3. One client for --duration seconds after --warmup seconds (not counted): p50/p95/p99/max
   latency and QPS. Then --clients clients for --duration seconds: QPS and latency. The clients
   are processes (multiprocessing), not threads: Python threads hold the GIL while they run
   Python code between SQLite calls, which would throttle the baseline unfairly. Each process
   opens its own read-only connection and starts at a different place in the query list.

Prints a table, or one JSON object with --json. The database goes to a temporary directory that
is removed afterwards unless --db is given (an existing --db is replaced).
"""
import argparse
import gzip
import json
import multiprocessing as mp
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time

BATCH = 1000
TOP = 10


def open_corpus(path):
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")


def ingest(corpus, db, limit):
    """Loads the corpus into db and returns the ingest measures."""
    start = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE articles USING fts5(title, body, tokenize='porter unicode61')")
    con.execute("CREATE TABLE meta(rowid INTEGER PRIMARY KEY, source TEXT, date TEXT)")
    n, raw, rows = 0, 0, []
    with open_corpus(corpus) as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            title, body = a.get("title") or "", a.get("body") or ""
            raw += len(title.encode("utf-8")) + len(body.encode("utf-8"))
            n += 1
            rows.append((n, title, body, a.get("source") or "", (a.get("date") or "")[:10]))
            if len(rows) == BATCH:
                insert(con, rows)
                rows = []
            if limit and n >= limit:
                break
    insert(con, rows)
    loaded = time.perf_counter() - start
    with con:
        con.execute("INSERT INTO articles(articles) VALUES ('optimize')")
    con.close()
    took = time.perf_counter() - start
    size = os.path.getsize(db)
    return {"articles": n, "seconds": round(took, 3), "seconds_before_optimize": round(loaded, 3),
            "articles_per_sec": round(n / took, 1), "raw_bytes": raw, "mb_per_sec": round(raw / 1e6 / took, 2),
            "db_bytes": size, "ratio": round(size / raw, 3) if raw else None}


def insert(con, rows):
    """Writes one transaction of (rowid, title, body, source, date) rows."""
    with con:
        con.executemany("INSERT INTO articles(rowid, title, body) VALUES (?,?,?)", [r[:3] for r in rows])
        con.executemany("INSERT INTO meta(rowid, source, date) VALUES (?,?,?)", [(r[0], r[3], r[4]) for r in rows])


def fts_string(s):
    return '"' + s.replace('"', '""') + '"'


def match_expr(q):
    """Turns a query-set line into an FTS5 MATCH expression (AND of words and phrases)."""
    parts, text = [], q.get("q") or ""
    while text:
        text = text.strip()
        if not text:
            break
        if text.startswith('"'):
            end = text.find('"', 1)
            end = len(text) if end < 0 else end
            phrase, text = text[1:end], text[end + 1:]
            if phrase.strip():
                parts.append(fts_string(phrase))
        else:
            word, _, text = text.partition(" ")
            parts.append(fts_string(word))
    if q.get("speaker"):
        parts.append(fts_string(q["speaker"]))
    return " AND ".join(parts)


def prepare(queries):
    """Returns (match, where-suffix, params) per query; queries with nothing to match are dropped."""
    out = []
    for q in queries:
        m = match_expr(q)
        if not m:
            continue
        where, params = "", [m]
        if q.get("source"):
            where += " AND m.source = ?"
            params.append(q["source"])
        if q.get("since"):
            where += " AND m.date >= ?"
            params.append(q["since"])
        if q.get("until"):
            where += " AND m.date != '' AND m.date <= ?"
            params.append(q["until"])
        out.append((where, params))
    return out


def run_query(con, where, params):
    """Top 10 with snippets, then the source facet and count over all matches."""
    hits = con.execute(
        "SELECT articles.rowid, title, snippet(articles, 1, '<mark>', '</mark>', '…', 20) "
        f"FROM articles JOIN meta m ON m.rowid = articles.rowid WHERE articles MATCH ?{where} "
        f"ORDER BY bm25(articles, 2.0, 1.0) LIMIT {TOP}", params).fetchall()
    groups = con.execute("SELECT m.source, count(*) FROM articles JOIN meta m ON m.rowid = articles.rowid "
                         f"WHERE articles MATCH ?{where} GROUP BY m.source", params).fetchall()
    groups.sort(key=lambda g: -g[1])
    return len(hits), sum(c for _, c in groups), groups[:TOP]


def connect_ro(db):
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)


def loop(db, prepared, offset, warmup, duration, barrier=None):
    """Runs the queries in order from offset; returns (latencies in s, errors, zero-hit queries)."""
    con = connect_ro(db)
    if barrier is not None:
        barrier.wait()
    lat, errors, empty, i = [], 0, 0, offset
    t0 = time.perf_counter()
    measure, end = t0 + warmup, t0 + warmup + duration
    while True:
        now = time.perf_counter()
        if now >= end:
            break
        where, params = prepared[i % len(prepared)]
        i += 1
        try:
            _, total, _ = run_query(con, where, params)
            ok = True
        except sqlite3.Error:
            ok = False
        t1 = time.perf_counter()
        if now >= measure:
            if ok:
                lat.append(t1 - now)
                empty += total == 0
            else:
                errors += 1
    con.close()
    return lat, errors, empty


def _worker(db, prepared, offset, duration, barrier, results):
    results.put(loop(db, prepared, offset, 0, duration, barrier))


def many_clients(db, prepared, clients, duration):
    """Runs clients processes at once (started together by a barrier); returns their results."""
    ctx = mp.get_context("fork")
    barrier, results = ctx.Barrier(clients), ctx.Queue()
    step = max(1, len(prepared) // clients)
    procs = [ctx.Process(target=_worker, args=(db, prepared, k * step, duration, barrier, results))
             for k in range(clients)]
    for p in procs:
        p.start()
    parts = [results.get() for _ in procs]
    for p in procs:
        p.join()
    return parts


def summary(lat, duration, errors, empty):
    s = sorted(lat)

    def pct(p):
        if not s:
            return None
        k = max(1, -(-len(s) * p // 100))  # nearest rank
        return round(s[int(k) - 1] * 1e3, 3)

    return {"requests": len(s) + errors, "errors": errors, "zero_hits": empty,
            "qps": round((len(s) + errors) / duration, 1), "p50_ms": pct(50), "p95_ms": pct(95),
            "p99_ms": pct(99), "max_ms": round(s[-1] * 1e3, 3) if s else None,
            "mean_ms": round(statistics.fmean(s) * 1e3, 3) if s else None}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--queries", required=True)
    ap.add_argument("--db", help="database file to keep (default: a temporary one)")
    ap.add_argument("--limit", type=int, default=0, help="index only the first N articles")
    ap.add_argument("--warmup", type=float, default=5)
    ap.add_argument("--duration", type=float, default=30)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()

    tmp = None
    if a.db:
        db = a.db
        if os.path.exists(db):
            os.remove(db)
    else:
        tmp = tempfile.mkdtemp(prefix="fts5-baseline-")
        db = os.path.join(tmp, "fts5.db")
    try:
        ing = ingest(a.corpus, db, a.limit)
        with open(a.queries, encoding="utf-8") as f:
            queries = [json.loads(l) for l in f if l.strip()]
        prepared = prepare(queries)
        lat, err, empty = loop(db, prepared, 0, a.warmup, a.duration)
        one = summary(lat, a.duration, err, empty)
        parts = many_clients(db, prepared, a.clients, a.duration)
        many = summary([x for p in parts for x in p[0]], a.duration, sum(p[1] for p in parts), sum(p[2] for p in parts))
        many["clients"] = a.clients
        one["clients"] = 1
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    rep = {"sqlite": sqlite3.sqlite_version, "corpus": a.corpus, "queries": len(prepared), "ingest": ing,
           "one_client": one, "many_clients": many, "cpus": os.cpu_count(), "load_avg": os.getloadavg()}
    if a.json:
        json.dump(rep, sys.stdout, indent=2)
        print()
        return
    print(f"SQLite {rep['sqlite']} FTS5 (porter unicode61), {ing['articles']} articles, {len(prepared)} queries, "
          f"{rep['cpus']} CPUs, load {rep['load_avg'][0]:.1f}")
    print(f"ingest   {ing['articles_per_sec']:>9.1f} articles/s  {ing['mb_per_sec']:.2f} MB/s  {ing['seconds']:.1f} s "
          f"({ing['seconds_before_optimize']:.1f} s before optimize)  db {ing['db_bytes'] / 1e6:.1f} MB  "
          f"ratio {ing['ratio']}")
    print(f"{'clients':>8} {'QPS':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7} {'0 hits':>7}")
    for r in (one, many):
        print(f"{r['clients']:>8} {r['qps']:>8.1f} {r['p50_ms'] or 0:>8.2f} {r['p95_ms'] or 0:>8.2f} "
              f"{r['p99_ms'] or 0:>8.2f} {r['max_ms'] or 0:>8.2f} {r['errors']:>7} {r['zero_hits']:>7}")


if __name__ == "__main__":
    main()
