// Package sharedtest locates the ../shared data kit (corpora, gold sets, gazetteer) for tests.
//
// Tests that need it call Dir or Path: outside CI they skip with a clear message when the kit is
// absent; with CI=true they fail, so that CI never passes by skipping.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the absolute path of the shared data kit, found by walking up from the working
// directory to a directory that has a "shared" sibling holding DATA.md, or from SEARCHD_SHARED.
func Dir(tb testing.TB) string {
	tb.Helper()
	if d := os.Getenv("SEARCHD_SHARED"); d != "" {
		return check(tb, d)
	}
	wd, err := os.Getwd()
	if err != nil {
		tb.Fatalf("getwd: %v", err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		cand := filepath.Join(filepath.Dir(d), "shared")
		if _, err := os.Stat(filepath.Join(cand, "DATA.md")); err == nil {
			return cand
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return check(tb, filepath.Join(wd, "..", "shared"))
}

// Path returns the path of a file or directory inside the shared data kit, skipping or failing
// (under CI=true) when it is missing.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(Dir(tb), rel)
	if _, err := os.Stat(p); err != nil {
		missing(tb, p)
	}
	return p
}

func check(tb testing.TB, d string) string {
	tb.Helper()
	if _, err := os.Stat(filepath.Join(d, "DATA.md")); err != nil {
		missing(tb, d)
	}
	return d
}

func missing(tb testing.TB, p string) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("shared data kit missing at %s: CI=true requires ../shared beside the clone", p)
	}
	tb.Skipf("shared data kit missing at %s: skipping (place ../shared beside the repo or set SEARCHD_SHARED)", p)
}
