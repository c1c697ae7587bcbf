package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/ingest"
	"github.com/searchd/searchd/internal/news"
)

// `searchd index --server URL PATH...` reads the files as `searchd index` does and sends the
// articles to a running server (POST /api/articles, with the API key), which holds the index
// open: a second process cannot open it (index.ErrLocked).

// Limits of one POST of `searchd index --server`: well under the server's default
// http.max_body_bytes (32 MiB), so that one request's extraction stays short. --batch-size
// sets the articles per POST, and the bytes in proportion, up to remoteMaxBytes.
const (
	remoteBatchArticles = 500
	remoteBatchBytes    = 8 << 20
	remoteMaxBytes      = 24 << 20
)

// remoteBatchLimit returns the bytes of a POST of up to articles articles.
func remoteBatchLimit(articles int) int {
	return min(remoteMaxBytes, max(remoteBatchBytes, remoteBatchBytes*min(articles, remoteMaxBytes)/remoteBatchArticles))
}

// remoteAnswer is the body of the server's answer to POST /api/articles.
type remoteAnswer struct {
	Indexed    int      `json:"indexed"`
	Unchanged  int      `json:"unchanged"`
	Duplicates int      `json:"duplicates"`
	Failed     int      `json:"failed"`
	Errors     []string `json:"errors"`
	Error      string   `json:"error"`
}

// remoteIndex sends the articles under paths to the server at base, in batches of up to
// batchArticles (and remoteBatchLimit's bytes), and returns
// the counts the server gave, as a load would, and the walker's error. Records the server
// refuses are printed to stderr; an answer other than 200 stops the run.
func remoteIndex(ctx context.Context, base, key string, paths []string, batchArticles int, opts ingest.Options, p *progress, skipped *skipCounter, stderr io.Writer) (index.LoadStats, error) {
	batchBytes := remoteBatchLimit(batchArticles)
	var (
		stats index.LoadStats
		batch bytes.Buffer
		n     int
	)
	client := &http.Client{Timeout: 10 * time.Minute}
	url := strings.TrimRight(base, "/") + "/api/articles"
	flush := func() error {
		if n == 0 {
			return nil
		}
		ans, err := postArticles(ctx, client, url, key, batch.Bytes())
		if err != nil {
			return err
		}
		stats.Read += n
		stats.Indexed += ans.Indexed
		stats.Unchanged += ans.Unchanged
		stats.Duplicates += ans.Duplicates
		stats.Failed += ans.Failed
		if len(ans.Errors) > 0 {
			p.clear()
			for _, e := range ans.Errors {
				fmt.Fprintln(stderr, "server: "+e)
			}
		}
		p.update(stats)
		batch.Reset()
		n = 0
		return nil
	}
	err := ingest.Walk(ctx, paths, opts,
		func(a news.Article) error {
			rec, err := remoteRecord(a)
			if err != nil {
				return fmt.Errorf("encode article %q: %w", a.ID, err)
			}
			p.walk()
			batch.Write(rec)
			batch.WriteByte('\n')
			n++
			if n >= batchArticles || batch.Len() >= batchBytes {
				return flush()
			}
			return nil
		},
		func(e *ingest.Error) {
			p.clear()
			skipped.add(e)
		})
	if err == nil {
		err = flush()
	}
	p.finish()
	return stats, err
}

// postArticles sends one NDJSON batch and returns the server's counts.
func postArticles(ctx context.Context, client *http.Client, url, key string, body []byte) (remoteAnswer, error) {
	var ans remoteAnswer
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return ans, err
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := client.Do(req)
	if err != nil {
		return ans, fmt.Errorf("send articles to %s: %w", url, err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&ans); err != nil {
		return ans, fmt.Errorf("send articles to %s: answered %s: %w", url, resp.Status, err)
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return ans, fmt.Errorf("send articles to %s: answered %s: %s (give the server's key with --api-key or SEARCHD_API_KEY)", url, resp.Status, ans.Error)
	case resp.StatusCode != http.StatusOK:
		return ans, fmt.Errorf("send articles to %s: answered %s: %s", url, resp.Status, ans.Error)
	}
	return ans, nil
}

// remoteRecord returns a as the JSON object POST /api/articles reads back into the same
// article: the modelled fields first, then the meta fields (sorted), so that a meta field
// whose name differs from a modelled one only in case loses to it, as the first of equals.
func remoteRecord(a news.Article) ([]byte, error) {
	var date string
	if !a.Date.IsZero() {
		date = a.Date.Format(time.RFC3339Nano)
	}
	b, err := json.Marshal(struct {
		ID      string   `json:"id"`
		Title   string   `json:"title"`
		Body    string   `json:"body"`
		Date    string   `json:"date,omitempty"`
		Source  string   `json:"source,omitempty"`
		URL     string   `json:"url,omitempty"`
		Authors []string `json:"authors,omitempty"`
	}{a.ID, a.Title, a.Body, date, a.Source, a.URL, a.Authors})
	if err != nil || len(a.Meta) == 0 {
		return b, err
	}
	b = b[:len(b)-1] // the closing brace
	for _, k := range slices.Sorted(maps.Keys(a.Meta)) {
		kv, err := json.Marshal(map[string]string{k: a.Meta[k]})
		if err != nil {
			return nil, err
		}
		b = append(append(b, ','), kv[1:len(kv)-1]...)
	}
	return append(b, '}'), nil
}

// lockAdvice adds to the error of opening a locked index what to do about it; addr is the
// configured listen address (http.addr), the server's likely address.
func lockAdvice(err error, path, addr string) error {
	if !errors.Is(err, index.ErrLocked) {
		return err
	}
	if strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1" + addr
	}
	return fmt.Errorf("%w.\nA running `searchd serve` holds %s: send the files to it with\n  searchd index --server http://%s --api-key KEY PATH...\n(its address, and its api_key, also read from SEARCHD_API_KEY), or stop it and run this again", err, path, addr)
}
