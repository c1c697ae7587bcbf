package index

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Wire-copy detection: at ingest every article body gets a MinHash signature over its word
// shingles; the signature is cut into LSH bands, whose keys are indexed (fieldLSH). An article
// joins the story of the most similar earlier article that shares a band key and whose
// estimated Jaccard similarity (the share of equal signature values) is at least
// storyThreshold; otherwise it starts a story whose id is its own id. Everything is
// deterministic: fixed hash seeds, and the articles of a batch are assigned in input order.
const (
	shingleWords    = 5  // words per shingle
	minShingles     = 8  // bodies with fewer shingles are never grouped
	sigBands        = 32 // LSH bands
	sigRows         = 4  // signature values per band
	sigSize         = sigBands * sigRows
	storyThreshold  = 0.5 // estimated Jaccard similarity to join a story
	storyCandidates = 20  // index candidates checked per article
)

// signature is a MinHash signature; nil when the body is too short to compare.
type signature []uint64

// minhash returns the MinHash signature of body's word shingles, or nil for a short body.
// The i-th value is the minimum over shingles of h1 + i*h2 (double hashing of FNV-1a).
func minhash(body string) signature {
	// lw holds the lower-cased words of body back to back and words their byte ranges in lw:
	// a word is a run of letters and digits after lower-casing, as strings.ToLower followed by
	// a scan would give, without copying the rest of the body.
	lw := make([]byte, 0, len(body))
	words := make([][2]int32, 0, len(body)/5)
	start := -1
	for i := 0; i < len(body); {
		c := body[i]
		var r rune
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			i++
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				if start < 0 {
					start = len(lw)
				}
				lw = append(lw, c)
				continue
			}
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(body[i:])
			i += size
			if r != utf8.RuneError || size > 1 {
				r = unicode.ToLower(r)
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if start < 0 {
					start = len(lw)
				}
				lw = utf8.AppendRune(lw, r)
				continue
			}
		}
		if start >= 0 {
			words = append(words, [2]int32{int32(start), int32(len(lw))})
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, [2]int32{int32(start), int32(len(lw))})
	}
	n := len(words) - shingleWords + 1
	if n < minShingles {
		return nil
	}
	// A repeated shingle changes no minimum, so shingles are not deduplicated.
	var mins [sigSize]uint64
	for j := range mins {
		mins[j] = ^uint64(0)
	}
	for i := range n {
		// h1: FNV-1a of the shingle's words, each followed by a space.
		h1 := uint64(fnvOffset)
		for _, w := range words[i : i+shingleWords] {
			for _, c := range lw[w[0]:w[1]] {
				h1 = (h1 ^ uint64(c)) * fnvPrime
			}
			h1 = (h1 ^ ' ') * fnvPrime
		}
		h2 := splitmix(h1) | 1
		v := h1
		for j := range mins {
			mins[j] = min(mins[j], v)
			v += h2
		}
	}
	return append(signature(nil), mins[:]...)
}

// FNV-1a, 64 bits (hash/fnv), inlined in minhash to hash shingles without allocating.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// splitmix is the SplitMix64 finaliser: a second, independent hash of x.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// bands returns the LSH band keys of sig: five bytes each, the band number and the low 32
// bits of the hash of its rows. A key of one article is a term of one document, which the
// term dictionary holds whole, so its length is most of its cost: keys of 16 characters
// (legacyBands) took 0.096× the text on the first 3,000 AllSides articles. Two unrelated
// articles share a 32-bit key by chance once in 4·10⁹ pairs of a band: over a million
// articles, one false candidate per 130 new articles, which the signature check turns away.
func (sig signature) bands() []string {
	if sig == nil {
		return nil
	}
	out := make([]string, sigBands)
	var key [5]byte
	for b := range sigBands {
		key[0] = byte(b)
		binary.BigEndian.PutUint32(key[1:], uint32(sig.bandHash(b)))
		out[b] = string(key[:])
	}
	return out
}

// legacyBands returns the band keys that indexes of earlier versions hold for sig:
// "<band>:<hash of its rows, base 36>". Looking them up too (storyTable.assign, when
// hasLegacyBands) lets a new article join the story of one indexed before.
func (sig signature) legacyBands() []string {
	if sig == nil {
		return nil
	}
	out := make([]string, sigBands)
	for b := range sigBands {
		out[b] = strconv.Itoa(b) + ":" + strconv.FormatUint(sig.bandHash(b), 36)
	}
	return out
}

// bandHash is the FNV-1a hash of the rows of band b of sig.
func (sig signature) bandHash(b int) uint64 {
	h := fnv.New64a()
	var buf [8]byte
	for _, v := range sig[b*sigRows : (b+1)*sigRows] {
		binary.LittleEndian.PutUint64(buf[:], v)
		h.Write(buf[:])
	}
	return h.Sum64()
}

// similarity estimates the Jaccard similarity of the shingle sets behind a and b. Values are
// compared on their low 16 bits, which is what the index stores (see encode): two different
// values look equal with probability 2^-16, which moves the estimate by about 0.002.
func (sig signature) similarity(o signature) float64 {
	if len(sig) != sigSize || len(o) != sigSize {
		return 0
	}
	eq := 0
	for i := range sig {
		if uint16(sig[i]) == uint16(o[i]) {
			eq++
		}
	}
	return float64(eq) / sigSize
}

// encode returns the stored form of sig: the low 16 bits of each value, as bytes. Full 64-bit
// values cost 1.4 KB per article (a fifth of the size of the article index over raw text)
// for no better estimate; base64 (as stored before) a third more than the bytes.
func (sig signature) encode() string {
	b := make([]byte, 0, 2*len(sig))
	for _, v := range sig {
		b = binary.LittleEndian.AppendUint16(b, uint16(v))
	}
	return string(b)
}

// decodeSignature decodes a stored signature: 16-bit values as bytes, or the base64 of
// 16-bit or 64-bit values that indexes of earlier versions stored (never 2*sigSize bytes
// long). It returns nil for anything else.
func decodeSignature(s string) signature {
	b := []byte(s)
	if len(b) != 2*sigSize {
		var err error
		if b, err = base64.RawStdEncoding.DecodeString(s); err != nil {
			return nil
		}
	}
	sig := make(signature, sigSize)
	switch len(b) {
	case 2 * sigSize:
		for i := range sig {
			sig[i] = uint64(binary.LittleEndian.Uint16(b[2*i:]))
		}
	case 8 * sigSize:
		for i := range sig {
			sig[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
	default:
		return nil
	}
	return sig
}

// storyMember is an article that a new one may join: its id, story and signature.
type storyMember struct {
	id, story string
	sig       signature
}

// storyTable finds the story of new articles among those of the index and those assigned
// earlier in the same batch, which are not searchable yet.
type storyTable struct {
	ix    *Index
	local map[string][]storyMember // band key -> members of the current batch
}

func newStoryTable(ix *Index) *storyTable {
	return &storyTable{ix: ix, local: map[string][]storyMember{}}
}

// assign returns the story of article id with signature sig and remembers the article.
func (t *storyTable) assign(ctx context.Context, id string, sig signature) (string, error) {
	story := id
	if sig == nil {
		return story, nil
	}
	keys := sig.bands()
	best, bestSim := "", 0.0
	consider := func(m storyMember) {
		if m.id == id {
			return
		}
		s := sig.similarity(m.sig)
		if s >= storyThreshold && (s > bestSim || (s == bestSim && m.story < best)) {
			best, bestSim = m.story, s
		}
	}
	for _, k := range keys {
		for _, m := range t.local[k] {
			consider(m)
		}
	}
	found, err := t.ix.storyCandidates(ctx, id, keys)
	if err != nil {
		return "", err
	}
	if t.ix.legacyBands { // a look-up of their own: the clauses of one stay under the limit
		old, err := t.ix.storyCandidates(ctx, id, sig.legacyBands())
		if err != nil {
			return "", err
		}
		found = append(found, old...)
	}
	for _, m := range found {
		consider(m)
	}
	if best != "" {
		story = best
	}
	m := storyMember{id: id, story: story, sig: sig}
	for _, k := range keys {
		t.local[k] = append(t.local[k], m)
	}
	return story, nil
}

// storyCandidates returns indexed articles, other than id, that share a band key.
func (ix *Index) storyCandidates(ctx context.Context, id string, keys []string) ([]storyMember, error) {
	anyOf := make([]query.Query, 0, len(keys))
	for _, k := range keys {
		t := query.NewTermQuery(k)
		t.SetField(fieldLSH)
		anyOf = append(anyOf, t)
	}
	req := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(anyOf), storyCandidates, 0, false)
	req.Fields = []string{fieldStory, fieldSig}
	res, err := ix.articles().SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("look up near-duplicates of %q: %w", id, err)
	}
	out := make([]storyMember, 0, len(res.Hits))
	for _, h := range res.Hits {
		story, _ := h.Fields[fieldStory].(string)
		raw, _ := h.Fields[fieldSig].(string)
		if story == "" || h.ID == id {
			continue
		}
		out = append(out, storyMember{id: h.ID, story: story, sig: decodeSignature(raw)})
	}
	return out, nil
}

// stories returns the story ids of the given articles that are in the index.
func (ix *Index) stories(ctx context.Context, ids []string) (map[string]string, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{fieldStory}
	res, err := ix.articles().SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("look up stories: %w", err)
	}
	out := make(map[string]string, len(res.Hits))
	for _, h := range res.Hits {
		if s, ok := h.Fields[fieldStory].(string); ok {
			out[h.ID] = s
		}
	}
	return out, nil
}

// hasLegacyBands reports whether idx holds band keys of the form of earlier versions, which
// open with a digit (legacyBands); the current ones open with a band number below 32.
func hasLegacyBands(idx bleve.Index) (bool, error) {
	d, err := idx.FieldDictRange(fieldLSH, []byte("0"), []byte("9\xff"))
	if err != nil {
		return false, fmt.Errorf("read band keys: %w", err)
	}
	defer d.Close()
	e, err := d.Next()
	if err != nil {
		return false, fmt.Errorf("read band keys: %w", err)
	}
	return e != nil, nil
}
