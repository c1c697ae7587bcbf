// Command gen derives the embedded gazetteer of package geo from the GeoNames export in the
// shared data kit (cities15000, countryInfo, admin1 regions).
//
// Run it from the repository root:
//
//	go run ./internal/geo/gen -shared ../shared/gazetteer -out internal/geo/data
//
// It writes places.tsv.gz (one populated place a line: name, ASCII alternate names joined by
// "|", lat, lon, country code, admin1 code, population, feature code), countries.tsv (code,
// name, capital) and admin1.tsv (region code, name, ASCII name). Data: GeoNames
// (geonames.org), CC BY 4.0.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

func main() {
	shared := flag.String("shared", "../shared/gazetteer", "directory holding the GeoNames files")
	out := flag.String("out", "internal/geo/data", "output directory")
	maxAlts := flag.Int("alts", 200, "alternate names kept per place (Latin script only)")
	flag.Parse()
	if err := run(*shared, *out, *maxAlts); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(shared, out string, maxAlts int) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	if err := places(filepath.Join(shared, "cities15000.txt.gz"), filepath.Join(out, "places.tsv.gz"), maxAlts); err != nil {
		return err
	}
	if err := countries(filepath.Join(shared, "countryInfo.tsv"), filepath.Join(out, "countries.tsv")); err != nil {
		return err
	}
	return admin1(filepath.Join(shared, "admin1_regionInfo.tsv"), filepath.Join(out, "admin1.tsv"))
}

// fold removes diacritics; the result is ASCII when the name is written in Latin script.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	r, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return r
}

// usableAlt reports whether an alternate name is worth keeping: Latin letters, not a code.
func usableAlt(s string) bool {
	if len(s) < 4 || len(s) > 40 {
		return false
	}
	lower := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= 'A' && r <= 'Z', r == ' ', r == '-', r == '.', r == '\'':
		default:
			return false
		}
	}
	return lower
}

func key(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func places(in, out string, maxAlts int) error {
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("open %s: %w", in, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("read %s: %w", in, err)
	}
	type row struct {
		line string
		pop  int
	}
	var rows []row
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 15 {
			continue
		}
		name, ascii := c[1], c[2]
		seen := map[string]bool{key(name): true, key(ascii): true}
		var alts []string
		if ascii != name {
			alts = append(alts, ascii)
		}
		for _, a := range strings.Split(c[3], ",") {
			a = strings.TrimSpace(fold(a))
			if !usableAlt(a) || seen[key(a)] || len(alts) >= maxAlts {
				continue
			}
			seen[key(a)] = true
			alts = append(alts, a)
		}
		var pop int
		fmt.Sscan(c[14], &pop)
		rows = append(rows, row{strings.Join([]string{name, strings.Join(alts, "|"), c[4], c[5], c[8], c[10], c[14], c[7]}, "\t"), pop})
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", in, err)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].pop > rows[j].pop })
	o, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	zw, _ := gzip.NewWriterLevel(o, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	for _, r := range rows {
		fmt.Fprintln(w, r.line)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	return o.Close()
}

// columns copies selected columns of a tab-separated file, skipping '#' comment lines.
func columns(in, out string, cols ...int) error {
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("open %s: %w", in, err)
	}
	defer f.Close()
	o, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	w := bufio.NewWriter(o)
	if err := copyColumns(w, f, cols); err != nil {
		return fmt.Errorf("read %s: %w", in, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	return o.Close()
}

func copyColumns(w io.Writer, r io.Reader, cols []int) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		var sel []string
		for _, i := range cols {
			if i >= len(c) {
				sel = append(sel, "")
				continue
			}
			sel = append(sel, c[i])
		}
		fmt.Fprintln(w, strings.Join(sel, "\t"))
	}
	return sc.Err()
}

func countries(in, out string) error { return columns(in, out, 0, 4, 5) }

func admin1(in, out string) error { return columns(in, out, 0, 1, 2) }
