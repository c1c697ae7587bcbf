package index

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"
)

// formatVersion is the form of what an index stores that this searchd writes, kept in each
// Bleve index of the directory under formatKey (Bleve's internal storage: it is copied by
// Backup and written by a bulk build with the segments). Raise it when searchds before the
// change could not read what is written; Open refuses an index of a higher format, so that
// such a searchd says so instead of misreading it.
//
//   - 1 (no key): the article index's stored documents are JSON or zstd frames (stored.go),
//     its MinHash band keys of either form (story.go), its content hashes hex text.
//   - 2: content hashes are 16 bytes (contentHash), quote documents hold no field of their
//     article's id (their id names it: replaceQuotes), and the key is written.
//   - 3: articles written store no MinHash signature (fieldSig): story look-ups compute it
//     from the stored body (storyCandidates). Their stored documents leave out the quote
//     texts that are their spans of the body (storedDocument). A searchd of format 2 would
//     find no signature and join no story, and would read those quotes as empty. The first write of this searchd to an index of an earlier format
//     raises its key to 3 (raiseFormat), since what it writes is of format 3.
//
// Searchds from before the key do not read it, and cannot be made to refuse an index. Those
// since 14725a1 (stored documents compressed) read a format-2 index, but take every stored
// hash for changed (indexing the same articles again rewrites them instead of skipping them),
// and, when an article they write again has fewer quotes than before, miss its quote
// documents of format 2 and leave the extra ones: quote search skips them (resolveQuotes), its
// totals count them. Those before 14725a1 cannot read the compressed documents of format 1
// either: every hit fails with "decode stored document".
const formatVersion = 3

// formatKey is the internal key of formatVersion.
var formatKey = []byte("searchd_format")

// ErrNewerFormat is wrapped by the error Open returns for an index written by a newer
// searchd, in a form that this one cannot read.
var ErrNewerFormat = errors.New("the index was written by a newer searchd")

// checkFormat fails for an index whose format is newer than formatVersion.
func checkFormat(idx bleve.Index) error {
	v, err := idx.GetInternal(formatKey)
	if err != nil {
		return fmt.Errorf("read the index format: %w", err)
	}
	if v == nil {
		return nil // format 1
	}
	n, err := strconv.Atoi(string(v))
	if err != nil {
		return fmt.Errorf("read the index format: %q is not a number", v)
	}
	if n > formatVersion {
		return fmt.Errorf("%w (format %d; this one reads up to %d): use that searchd, or index the articles again into a new directory",
			ErrNewerFormat, n, formatVersion)
	}
	return nil
}

// raiseFormat sets formatKey to formatVersion in both Bleve indexes of ix when either holds
// an earlier format, so that a searchd of that format, which would misread what this one
// writes, refuses the index instead. Called before a write, with the write token held.
func (ix *Index) raiseFormat() error {
	if ix.formatRaised.Load() {
		return nil
	}
	for _, idx := range []bleve.Index{ix.articles(), ix.quoteDocs()} {
		v, err := idx.GetInternal(formatKey)
		if err != nil {
			return fmt.Errorf("read the index format: %w", err)
		}
		if string(v) == string(formatValue()) {
			continue
		}
		if err := idx.SetInternal(formatKey, formatValue()); err != nil {
			return fmt.Errorf("raise the index format to %d: %w", formatVersion, err)
		}
	}
	ix.formatRaised.Store(true)
	return nil
}

// formatValue is the value of formatKey that this searchd writes.
func formatValue() []byte { return []byte(strconv.Itoa(formatVersion)) }

// contentHash is the hash stored with an article (fieldHash) for hashed, the JSON of its
// stored form: 16 bytes of SHA-256 over hashVersion and hashed. Equal hashes mean an
// unchanged article.
func contentHash(hashed []byte) string {
	sum := sha256.Sum256(append([]byte(hashVersion), hashed...))
	return string(sum[:contentHashLen])
}

// contentHashLen is the length of contentHash's hashes in bytes.
const contentHashLen = 16

// storedHash returns a stored fieldHash value in contentHash's form: indexes of format 1 hold
// its 32 hex digits, so that their unchanged articles are still found unchanged.
func storedHash(v string) string {
	if len(v) == 2*contentHashLen {
		if b, err := hex.DecodeString(v); err == nil {
			return string(b)
		}
	}
	return v
}
