package scorchx

import (
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Candidates from bitmaps. A zap postings list keeps its documents in a roaring bitmap beside
// the frequencies, norms and positions, which its iterator decodes posting by posting: before
// reading a segment, the flat searcher intersects and unites the terms' bitmaps as the query
// does (the terms of a leaf: AND; the leaves of a clause: OR; the clauses: AND), which gives
// the documents that can match, and then reads each term's postings only at the candidates of
// its leaf (zap's iterator skips the others without decoding their positions). A phrase of a
// common word and a rarer one ("trump challenges": 948,278 and a few thousand documents on a
// million articles) read every position of the common word; now those of the documents with
// both. Without phrases, the candidates are the matches: Collect counts them from the bitmap
// and scores only the matches whose score can enter the top (collectBits).

// termBits returns the documents of pl that are not deleted, as a bitmap not to be changed;
// ok is false when pl does not give its bitmap (not a zap segment).
func termBits(pl segment.PostingsList) (bm *roaring.Bitmap, ok bool) {
	it, ok := pl.Iterator(false, false, false, nil).(segment.OptimizablePostingsIterator)
	if !ok {
		return nil, false
	}
	if bm := it.ActualBitmap(); bm != nil {
		return bm, true
	}
	if d, ok := it.DocNum1Hit(); ok { // a term of one document
		return roaring.BitmapOf(uint32(d)), true
	}
	return roaring.New(), true
}

// segmentBits sets, for the current segment, each leaf's candidates (the documents with all
// its terms that also have a candidate in every clause) and returns the candidates of the
// query; ok is false when a postings list gives no bitmap.
func (s *flatSearcher) segmentBits() (all *roaring.Bitmap, ok bool) {
	clauses := make([]*roaring.Bitmap, 0, len(s.clauses))
	for _, c := range s.clauses {
		leaves := make([]*roaring.Bitmap, 0, len(c.leaves))
		for _, l := range c.leaves {
			terms := make([]*roaring.Bitmap, 0, len(l.terms))
			for _, t := range l.terms { // sorted by count: the smallest first
				pl := t.lists[s.seg]
				if pl == nil {
					terms = terms[:0]
					break
				}
				bm, ok := termBits(pl)
				if !ok {
					return nil, false
				}
				terms = append(terms, bm)
			}
			l.cand = roaring.FastAnd(terms...) // a copy: the postings' own bitmaps stay as they are
			leaves = append(leaves, l.cand)
		}
		clauses = append(clauses, roaring.FastOr(leaves...))
	}
	slices.SortFunc(clauses, func(a, b *roaring.Bitmap) int { return cmpCount(a.GetCardinality(), b.GetCardinality()) })
	all = roaring.FastAnd(clauses...)
	for _, c := range s.clauses {
		for _, l := range c.leaves {
			l.cand.And(all)
		}
	}
	return all, true
}

// restrict makes it, a postings iterator of term t of leaf l, yield only the candidates of l.
// It is a no-op for an iterator without a bitmap (a term of one document, which the
// leapfrog skips past as before).
func restrict(it segment.PostingsIterator, cand *roaring.Bitmap) {
	if o, ok := it.(segment.OptimizablePostingsIterator); ok && o.ActualBitmap() != nil {
		// The candidates are a bitmap of their own (segmentBits), never the postings', so
		// that zap's iterator takes its path for a subset of the postings: it skips the
		// postings between two candidates without decoding them.
		o.ReplaceActual(cand)
	}
}

// bitsPattern is a set of leaves per clause: the matches on which exactly those leaves stand,
// and the greatest score they can have.
type bitsPattern struct {
	on    [][]bool // by clause and leaf, in the searcher's order
	bound float64
}

// maxPatterns bounds the patterns collectBits enumerates (3 per clause of two leaves).
const maxPatterns = 81

// patterns returns the patterns of leaves a match can have, highest bound first, or nil when
// there are more than maxPatterns or a phrase (whose candidates are not all matches).
//
// A term scores tf × norm × idf × qw, with tf = √freq and norm = 1/√length, where length counts
// the field's tokens and freq those of the term among them: tf × norm ≤ 1, so a term scores at
// most idf × qw (norm is a float32: the bound takes a relative margin far above its rounding).
func (s *flatSearcher) patterns() []bitsPattern {
	n := 1
	for _, c := range s.clauses {
		n *= 1<<len(c.leaves) - 1
		if n > maxPatterns {
			return nil
		}
		for _, l := range c.leaves {
			if l.phrase != nil {
				return nil
			}
		}
	}
	out := []bitsPattern{{}}
	for _, c := range s.clauses {
		var next []bitsPattern
		for _, p := range out {
			for set := 1; set < 1<<len(c.leaves); set++ {
				on := make([]bool, len(c.leaves))
				sum, k := 0.0, 0
				for i, l := range c.leaves {
					if set&(1<<i) != 0 {
						on[i] = true
						k++
						for _, t := range l.terms {
							sum += t.idf * t.qw
						}
					}
				}
				if c.disj {
					sum *= float64(k) / float64(len(c.leaves))
				}
				next = append(next, bitsPattern{on: append(slices.Clone(p.on), on), bound: p.bound + sum})
			}
		}
		out = next
	}
	for i := range out {
		out[i].bound = out[i].bound*(1+1e-6) + 1e-12
	}
	slices.SortStableFunc(out, func(a, b bitsPattern) int { return cmpFloatDesc(a.bound, b.bound) })
	return out
}

func cmpFloatDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// patternBits returns the matches of the current segment (all) on which exactly the leaves of
// p stand.
func (s *flatSearcher) patternBits(all *roaring.Bitmap, p bitsPattern) *roaring.Bitmap {
	bm := all.Clone()
	for ci, c := range s.clauses {
		for li, l := range c.leaves {
			if p.on[ci][li] {
				bm.And(l.cand)
			} else {
				bm.AndNot(l.cand)
			}
			if bm.IsEmpty() {
				return bm
			}
		}
	}
	return bm
}

// startPattern points the terms of the leaves of p at the start of the current segment,
// reading only the documents of bm, and the other leaves nowhere.
func (s *flatSearcher) startPattern(p bitsPattern, bm *roaring.Bitmap) {
	for ci, c := range s.clauses {
		for li, l := range c.leaves {
			l.doc = -1
			for _, t := range l.terms {
				t.doc, t.post = -1, nil
				if !p.on[ci][li] {
					t.doc = noDoc
					continue
				}
				t.it = t.lists[s.seg].Iterator(true, true, false, t.it)
				restrict(t.it, bm)
			}
		}
	}
}

// scorePattern returns the score of match d of pattern p (started with startPattern), whose
// leaves all stand on it, as score does.
func (s *flatSearcher) scorePattern(p bitsPattern, d int64) (float64, error) {
	for ci, c := range s.clauses {
		for li, l := range c.leaves {
			if !p.on[ci][li] {
				continue
			}
			for _, t := range l.terms {
				if err := t.advance(d); err != nil {
					return 0, err
				}
				if t.doc != d {
					return 0, errNotCandidate
				}
			}
			l.doc = d
		}
	}
	return s.score(d), nil
}

// errNotCandidate tells that a term's postings lacked a document its bitmap holds: a bug.
var errNotCandidate = errorString("flat searcher: a candidate is not in its term's postings")

type errorString string

func (e errorString) Error() string { return string(e) }

// bitsEligible reports whether Collect can count the matches from bitmaps (collectBits).
func (s *flatSearcher) bitsEligible() bool {
	return !s.all && s.seg == -1 && s.patterns() != nil
}
