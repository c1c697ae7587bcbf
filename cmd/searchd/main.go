// Command searchd is a full-text search server for news articles: it indexes articles with the
// people they quote, where they were filed and when, and serves a JSON API and a web UI.
//
// Usage:
//
//	searchd serve   [--addr :8080] [--index DIR]   run the server
//	searchd index   [--index DIR] PATH...          index files and directories
//	searchd extract PATH...                        print what extraction finds, one JSON line per article
//	searchd version                                print the version
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// errUsage marks errors caused by the command line; main exits 2 for them.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "searchd:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

const usage = `searchd: a search server for news articles

Usage:
  searchd serve   [--addr :8080] [--index DIR] [--config FILE]   run the HTTP server and web UI
  searchd index   [--index DIR] PATH...                          index files and directories
  searchd extract [--body] PATH...                               print extraction results as JSON Lines
  searchd version                                                print the version

Formats: .txt, .json, .jsonl/.ndjson, .csv, each optionally .gz. Run "searchd CMD --help" for flags.
`

// run is searchd's real main: it parses args, runs one subcommand and returns its error.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: no command given", errUsage)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, stderr, getenv)
	case "index":
		return runIndex(ctx, rest, stderr, getenv)
	case "extract":
		return runExtract(ctx, rest, stdin, stdout, stderr, getenv)
	case "version", "--version":
		fmt.Fprintln(stdout, "searchd", version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	}
}

// version reports the module version and VCS revision the binary was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}
