package stories

import (
	"encoding/base64"
	"encoding/binary"
	"hash/fnv"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Wire-copy detection: at ingest every article body gets a MinHash signature over its word
// shingles; the signature is cut into LSH bands, whose keys package index indexes. An article
// joins the story of the most similar earlier article that shares a band key and whose
// estimated Jaccard similarity (the share of equal signature values) is at least
// Threshold; otherwise it starts a story whose id is its own id. Everything is
// deterministic: fixed hash seeds, and the articles of a batch are assigned in input order.
const (
	ShingleWords = 5  // words per shingle
	MinShingles  = 8  // bodies with fewer shingles are never grouped
	Bands        = 32 // LSH bands
	Rows         = 4  // signature values per band
	Size         = Bands * Rows
	Threshold    = 0.5 // estimated Jaccard similarity to join a story
)

// Signature is a MinHash signature; nil when the body is too short to compare.
type Signature []uint64

// MinHash returns the MinHash signature of body's word shingles, or nil for a short body.
// The i-th value is the minimum over shingles of h1 + i*h2 (double hashing of FNV-1a).
func MinHash(body string) Signature {
	// lw holds the lower-cased words of body, each followed by a space, and starts the offset
	// of each word in lw, then len(lw): a word is a run of letters and digits after
	// lower-casing, as strings.ToLower followed by a scan would give, without copying the rest
	// of the body. Shingle i is then lw[starts[i]:starts[i+ShingleWords]].
	lw := make([]byte, 0, len(body)+1)
	starts := make([]int32, 0, len(body)/5)
	inWord := false
	for i := 0; i < len(body); {
		c := body[i]
		var r rune
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			i++
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				if !inWord {
					starts, inWord = append(starts, int32(len(lw))), true
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
				if !inWord {
					starts, inWord = append(starts, int32(len(lw))), true
				}
				lw = utf8.AppendRune(lw, r)
				continue
			}
		}
		if inWord {
			lw, inWord = append(lw, ' '), false
		}
	}
	if inWord {
		lw = append(lw, ' ')
	}
	starts = append(starts, int32(len(lw)))
	n := len(starts) - 1 - ShingleWords + 1
	if n < MinShingles {
		return nil
	}
	shingle := func(i int) []byte { return lw[starts[i]:starts[i+ShingleWords]] }
	// A repeated shingle changes no minimum, so shingles are not deduplicated.
	var mins [Size]uint64
	for j := range mins {
		mins[j] = ^uint64(0)
	}
	// Four shingles at a time: their hashes are computed side by side (FNV-1a is a chain of
	// multiplications, each waiting for the one before), and one pass over mins takes the
	// four (a pass per shingle loaded and stored every slot for each word of the body). The
	// minimum of a slot is the same in any order.
	i := 0
	for ; i+4 <= n; i += 4 {
		a, b, c, d := fnv4(shingle(i), shingle(i+1), shingle(i+2), shingle(i+3))
		da, db, dc, dd := splitmix(a)|1, splitmix(b)|1, splitmix(c)|1, splitmix(d)|1
		for j := range mins {
			mins[j] = min(mins[j], a, b, c, d)
			a, b, c, d = a+da, b+db, c+dc, d+dd
		}
	}
	for ; i < n; i++ {
		h1 := fnvBytes(fnvOffset, shingle(i))
		h2 := splitmix(h1) | 1
		v := h1
		for j := range mins {
			mins[j] = min(mins[j], v)
			v += h2
		}
	}
	return append(Signature(nil), mins[:]...)
}

// FNV-1a, 64 bits (hash/fnv), inlined in MinHash to hash shingles without allocating.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvBytes returns the FNV-1a hash of s, continuing from h.
func fnvBytes(h uint64, s []byte) uint64 {
	for _, c := range s {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// fnv4 returns the FNV-1a hashes of a, b, c and d, computed side by side over the bytes they
// all have.
func fnv4(a, b, c, d []byte) (ha, hb, hc, hd uint64) {
	ha, hb, hc, hd = fnvOffset, fnvOffset, fnvOffset, fnvOffset
	n := min(len(a), len(b), len(c), len(d))
	a, b, c, d = a[:n:len(a)], b[:n:len(b)], c[:n:len(c)], d[:n:len(d)]
	for k := range a {
		ha = (ha ^ uint64(a[k])) * fnvPrime
		hb = (hb ^ uint64(b[k])) * fnvPrime
		hc = (hc ^ uint64(c[k])) * fnvPrime
		hd = (hd ^ uint64(d[k])) * fnvPrime
	}
	return fnvBytes(ha, a[n:cap(a)]), fnvBytes(hb, b[n:cap(b)]), fnvBytes(hc, c[n:cap(c)]), fnvBytes(hd, d[n:cap(d)])
}

// splitmix is the SplitMix64 finaliser: a second, independent hash of x.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// BandKeys returns the LSH band keys of sig: five bytes each, the band number and the low 32
// bits of the hash of its rows. A key of one article is a term of one document, which the
// term dictionary holds whole, so its length is most of its cost: keys of 16 characters
// (LegacyBandKeys) took 0.096× the text on the first 3,000 AllSides articles. Two unrelated
// articles share a 32-bit key by chance once in 4·10⁹ pairs of a band: over a million
// articles, one false candidate per 130 new articles, which the signature check turns away.
func (sig Signature) BandKeys() []string {
	if sig == nil {
		return nil
	}
	out := make([]string, Bands)
	var key [5]byte
	for b := range Bands {
		key[0] = byte(b)
		binary.BigEndian.PutUint32(key[1:], uint32(sig.bandHash(b)))
		out[b] = string(key[:])
	}
	return out
}

// LegacyBandKeys returns the band keys that indexes of earlier versions hold for sig:
// "<band>:<hash of its rows, base 36>". Looking them up too (package index does, when its
// index holds such keys) lets a new article join the story of one indexed before.
func (sig Signature) LegacyBandKeys() []string {
	if sig == nil {
		return nil
	}
	out := make([]string, Bands)
	for b := range Bands {
		out[b] = strconv.Itoa(b) + ":" + strconv.FormatUint(sig.bandHash(b), 36)
	}
	return out
}

// bandHash is the FNV-1a hash of the rows of band b of sig.
func (sig Signature) bandHash(b int) uint64 {
	h := fnv.New64a()
	var buf [8]byte
	for _, v := range sig[b*Rows : (b+1)*Rows] {
		binary.LittleEndian.PutUint64(buf[:], v)
		h.Write(buf[:])
	}
	return h.Sum64()
}

// Similarity estimates the Jaccard similarity of the shingle sets behind a and b. Values are
// compared on their low 16 bits, which is what the index stores (see Encode): two different
// values look equal with probability 2^-16, which moves the estimate by about 0.002.
func (sig Signature) Similarity(o Signature) float64 {
	if len(sig) != Size || len(o) != Size {
		return 0
	}
	eq := 0
	for i := range sig {
		if uint16(sig[i]) == uint16(o[i]) {
			eq++
		}
	}
	return float64(eq) / Size
}

// Encode returns the stored form of sig: the low 16 bits of each value, as bytes. Full 64-bit
// values cost 1.4 KB per article (a fifth of the size of the article index over raw text)
// for no better estimate; base64 (as stored before) a third more than the bytes.
func (sig Signature) Encode() string {
	b := make([]byte, 0, 2*len(sig))
	for _, v := range sig {
		b = binary.LittleEndian.AppendUint16(b, uint16(v))
	}
	return string(b)
}

// Decode decodes a stored signature: 16-bit values as bytes, or the base64 of
// 16-bit or 64-bit values that indexes of earlier versions stored (never 2*Size bytes
// long). It returns nil for anything else.
func Decode(s string) Signature {
	b := []byte(s)
	if len(b) != 2*Size {
		var err error
		if b, err = base64.RawStdEncoding.DecodeString(s); err != nil {
			return nil
		}
	}
	sig := make(Signature, Size)
	switch len(b) {
	case 2 * Size:
		for i := range sig {
			sig[i] = uint64(binary.LittleEndian.Uint16(b[2*i:]))
		}
	case 8 * Size:
		for i := range sig {
			sig[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
	default:
		return nil
	}
	return sig
}
