// Command searchd is a full-text search server for news articles: it indexes articles with the
// people they quote, where they were filed and when, and serves a JSON API and a web UI.
//
// Usage:
//
//	searchd serve   [--addr 127.0.0.1:8080] [--index DIR]   run the server
//	searchd index   [--index DIR] PATH...          index files and directories
//	searchd extract PATH...                        print what extraction finds, one JSON line per article
//	searchd backup  [--index DIR] --to DIR2        copy an index (or --server URL for a live one)
//	searchd bench soak --url URL                   mixed search and ingest load against a server
//	searchd bench ingest|query|queries|scale       benchmarks: ingest speed, query latency, query sets, scaled corpora
//	searchd version                                print the version, commit and Go version
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/pflag"
)

// exitForced is the exit status after a second interrupt or SIGTERM cut a shutdown short.
const exitForced = 3

// errUsage marks errors caused by the command line; main exits 2 for them.
var errUsage = errors.New("usage")

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first signal starts a clean shutdown: in-flight requests drain, the index is
		// flushed and closed. A second one exits at once; acknowledged writes are already on disk.
		s := <-sigs
		fmt.Fprintf(os.Stderr, "searchd: %v: shutting down; send it again to exit at once\n", s)
		cancel()
		s = <-sigs
		fmt.Fprintf(os.Stderr, "searchd: second %v: exiting without waiting\n", s)
		os.Exit(exitForced)
	}()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	signal.Stop(sigs)
	cancel()
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
  searchd serve   [--addr 127.0.0.1:8080] [--index DIR] [--config FILE]   run the HTTP server and web UI
  searchd index   [--index DIR] PATH...                          index files and directories
  searchd extract [--body] PATH...                               print extraction results as JSON Lines
  searchd backup  [--index DIR] --to DIR2 | --server URL           copy an index, offline or from a server
  searchd speakers [--index DIR] [--top 100]                     print the most quoted speakers of an index
  searchd bench soak --url URL [--duration 10m] [--clients 32]   load test a running server
  searchd bench ingest|query|queries|scale ...                   benchmarks ("searchd bench" lists them)
  searchd train-attribution [--out FILE] GOLD...                 learn the choice of quote sources from PolNeAR
  searchd version                                                print the version

Formats: .txt, .json, .jsonl/.ndjson, .csv, each optionally .gz. Run "searchd CMD --help" for flags.
`

// run is searchd's real main: it parses args, runs one subcommand and returns its error.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	err := dispatch(ctx, args, stdin, stdout, stderr, getenv)
	if errors.Is(err, pflag.ErrHelp) {
		return nil // "searchd index --help": the flag set printed its usage; asking is no error
	}
	return err
}

// dispatch runs the command args name.
func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
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
	case "train-attribution":
		return runTrain(ctx, rest, stdout, stderr)
	case "backup":
		return runBackup(ctx, rest, stdout, stderr, getenv)
	case "speakers":
		return runSpeakers(ctx, rest, stdout, stderr, getenv)
	case "bench":
		return runBench(ctx, rest, stdout, stderr, getenv)
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

// versionOverride, when set at link time, replaces the module version that `searchd version`
// prints, for builds outside the module system (a distribution package, a container):
//
//	go build -ldflags "-X main.versionOverride=v1.2.3" ./cmd/searchd
//
// It is this command's one package-level variable, because -X can set nothing else.
var versionOverride string

// version describes the binary in one line: module version, VCS revision and time, Go version
// and platform, such as "v1.2.3 commit 0123456789ab 2025-06-01T10:00:00Z go1.26.8 linux/amd64".
func version() string {
	info, _ := debug.ReadBuildInfo()
	return formatVersion(info, versionOverride)
}

// formatVersion is version with its inputs as arguments; info may be nil.
func formatVersion(info *debug.BuildInfo, override string) string {
	v, rev, when, dirty := "(devel)", "", "", false
	goVersion := runtime.Version()
	platform := runtime.GOOS + "/" + runtime.GOARCH
	if info != nil {
		if info.Main.Version != "" {
			v = info.Main.Version
		}
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
		var goos, goarch string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			case "GOOS":
				goos = s.Value
			case "GOARCH":
				goarch = s.Value
			}
		}
		if goos != "" && goarch != "" {
			platform = goos + "/" + goarch
		}
	}
	if override != "" {
		v = override
	}
	parts := []string{v}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if dirty {
			rev += "-modified"
		}
		parts = append(parts, "commit "+rev)
	}
	if when != "" {
		parts = append(parts, when)
	}
	parts = append(parts, goVersion, platform)
	return strings.Join(parts, " ")
}
