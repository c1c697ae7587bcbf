package stories

import "github.com/searchd/searchd/internal/strtab"

// Table assigns stories in memory, as package index does online for articles written in
// batches (its storyTable): an article joins the story of the most similar earlier article
// that shares a band key, when their estimated similarity is at least Threshold. Signatures are kept as their low 16
// bits, which is what similarity compares.
//
// A million articles make 32 million band entries, so the table holds no pointers, not even
// in its ids (a strtab.Strings): the collector's mark phase never visits it. It takes about
// 40 bytes per band entry and 300 per article, all told: about 1.6 GB for a million articles
// (Bytes).
type Table struct {
	// heads maps a band key to its newest entry plus one; an entry is member*Bands+band,
	// and next[entry] is the previous entry (plus one) of the same key, 0 ending the chain.
	heads map[uint64]int32
	next  []int32
	sigs  []uint16       // member i's signature at i*Size
	ids   strtab.Strings // member i's id is ids.At(i)
	story []int32        // member whose id is member i's story
	seen  map[int32]bool // scratch: members considered for the current article
}

// Assign returns the story of article id with signature sig and remembers the article.
func (s *Table) Assign(id string, sig Signature) string {
	if sig == nil {
		return id
	}
	if s.heads == nil {
		s.heads, s.seen = map[uint64]int32{}, map[int32]bool{}
	}
	keys := sig.bandKeys()
	clear(s.seen)
	best, bestSim := int32(-1), 0.0
	for _, k := range keys {
		for e := s.heads[k]; e != 0; e = s.next[e-1] {
			i := (e - 1) / Bands
			if s.seen[i] {
				continue
			}
			s.seen[i] = true
			if s.ids.Is(int(i), id) {
				continue
			}
			sim := sig.similarity16(s.sigs[int(i)*Size : int(i+1)*Size])
			if sim >= Threshold && (sim > bestSim || (sim == bestSim && best >= 0 && s.ids.Less(int(s.story[i]), int(best)))) {
				best, bestSim = s.story[i], sim
			}
		}
	}
	n := int32(s.ids.Len())
	story := n
	if best >= 0 {
		story = best
	}
	for _, v := range sig {
		s.sigs = append(s.sigs, uint16(v))
	}
	s.ids.Add(id)
	s.story = append(s.story, story)
	for b, k := range keys {
		e := n*Bands + int32(b) + 1
		s.next = append(s.next, s.heads[k])
		s.heads[k] = e
	}
	if story == n {
		return id
	}
	return s.ids.At(int(story))
}

// Bytes estimates the memory the table holds: its arrays and ids, and the band key map at
// headsKeyBytes a key.
func (s *Table) Bytes() int64 {
	n := int64(cap(s.next))*4 + int64(cap(s.sigs))*2 + int64(cap(s.story))*4 + s.ids.Bytes() +
		int64(len(s.heads))*headsKeyBytes
	return n
}

// headsKeyBytes bounds what a key of the band key map takes. Go's map[uint64]int32 takes 23 to
// 38 bytes a key, depending on how full its tables are since they last doubled (measured with
// Go 1.26: 22.6 bytes a key at 27 million keys, 38.0 at 31 million). Bytes takes the most, so
// that a bulk build's memory limit, raised by Bytes, is never below what the build holds: with
// 24 (the average), the limit fell 440 MB short at a million articles, and from about 470,000
// the live heap exceeded it, so the collector ran without pause.
const headsKeyBytes = 40

// bandKeys returns the band keys of sig as numbers: the hash of each band's rows, as bands
// computes it, mixed with the band's number.
func (sig Signature) bandKeys() [Bands]uint64 {
	var out [Bands]uint64
	for b := range Bands {
		out[b] = splitmix(sig.bandHash(b) + uint64(b))
	}
	return out
}

// similarity16 is Similarity against a signature kept as its low 16 bits.
func (sig Signature) similarity16(o []uint16) float64 {
	if len(sig) != Size || len(o) != Size {
		return 0
	}
	eq := 0
	for i := range sig {
		if uint16(sig[i]) == o[i] {
			eq++
		}
	}
	return float64(eq) / Size
}
