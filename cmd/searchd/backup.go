package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/searchd/searchd/internal/index"
)

// runBackup copies an index: offline with --to (the index must not be open elsewhere), or, for
// a running server, with --server, which asks the server to write the copy into its backup_dir.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := pflag.NewFlagSet("backup", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	addConfigFlags(fs)
	fs.String("api-key", "", "API key of the server, for --server (api_key; prefer SEARCHD_API_KEY)")
	to := fs.String("to", "", "directory to write the copy to; must not exist")
	server := fs.String("server", "", "base URL of a running searchd, such as http://127.0.0.1:8080")
	name := fs.String("name", "", "with --server: name of the copy in the server's backup_dir (default: the time)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: searchd backup [--index DIR] --to DIR2       copy an index no server has open\n       searchd backup --server URL [--name NAME]   ask a running server for a copy in its backup_dir")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() > 0 || (*to == "") == (*server == "") {
		fs.Usage()
		return fmt.Errorf("%w: backup needs exactly one of --to DIR or --server URL", errUsage)
	}
	cfg, err := loadConfig(fs, getenv)
	if err != nil {
		return err
	}
	if *server != "" {
		return remoteBackup(ctx, *server, *name, cfg.APIKey, stdout)
	}
	logger := newLogger(cfg.Log, stderr)
	start := time.Now()
	ix, err := index.Open(cfg.Index.Path, nil, index.Options{}, logger)
	if errors.Is(err, index.ErrLocked) {
		return fmt.Errorf("%w; for a running server use: searchd backup --server URL", err)
	}
	if err != nil {
		return err
	}
	defer closeIndex(ix, logger)
	if err := ix.Backup(*to); err != nil {
		return err
	}
	n, _ := ix.Count()
	fmt.Fprintf(stdout, "backup of %s (%d articles) written to %s in %s\n", cfg.Index.Path, n, *to, time.Since(start).Round(time.Millisecond))
	return nil
}

// remoteBackup calls POST /api/admin/backup on a running server and prints where it wrote.
func remoteBackup(ctx context.Context, base, name, key string, stdout io.Writer) error {
	u := strings.TrimRight(base, "/") + "/api/admin/backup"
	if name != "" {
		u += "?name=" + url.QueryEscape(name)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, nil)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer resp.Body.Close()
	var body struct {
		Path  string  `json:"path"`
		Took  float64 `json:"took_ms"`
		Error string  `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return fmt.Errorf("backup: %s answered %s: %w", u, resp.Status, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("backup: %s answered %s: %s", u, resp.Status, body.Error)
	}
	fmt.Fprintf(stdout, "backup written by the server to %s in %.0f ms\n", body.Path, body.Took)
	return nil
}
