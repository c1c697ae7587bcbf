package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/valyala/fastjson"

	"github.com/searchd/searchd/internal/stories"
)

// Wire-copy detection (package stories): every article body gets a MinHash signature, whose
// LSH band keys are indexed (fieldLSH). An article written online joins the story of the most
// similar article that shares a band key, among those of the index and those assigned earlier
// in its batch (storyTable); a bulk build assigns them in memory (stories.Table).
//
// The signature itself is not stored: a candidate's is computed again from its stored body
// (storyCandidates), which gives the same values. Stored, its 256 bytes an article took 9.7
// MB of AllSides' index (0.043 of the text), and only writes online read it, for the few
// articles that share a band key with a new one. Indexes written before store it (fieldSig),
// and their stored signatures are read.

// storyCandidates is the number of index candidates checked per article.
const storyCandidates = 20

// signature is a MinHash signature of an article body.
type signature = stories.Signature

// minhash returns the signature of body, or nil for a short body (stories.MinHash).
func minhash(body string) signature { return stories.MinHash(body) }

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
	keys := sig.BandKeys()
	best, bestSim := "", 0.0
	consider := func(m storyMember) {
		if m.id == id {
			return
		}
		s := sig.Similarity(m.sig)
		if s >= stories.Threshold && (s > bestSim || (s == bestSim && m.story < best)) {
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
		old, err := t.ix.storyCandidates(ctx, id, sig.LegacyBandKeys())
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
	req.Fields = []string{fieldStory, fieldSig, fieldDoc}
	res, err := ix.articles().SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("look up near-duplicates of %q: %w", id, err)
	}
	out := make([]storyMember, 0, len(res.Hits))
	var p fastjson.Parser
	for _, h := range res.Hits {
		story, _ := h.Fields[fieldStory].(string)
		if story == "" || h.ID == id {
			continue
		}
		var sig signature
		if raw, ok := h.Fields[fieldSig].(string); ok { // stored by an earlier version
			sig = stories.Decode(raw)
		} else if sig, err = storedSignature(&p, h.Fields[fieldDoc]); err != nil {
			return nil, fmt.Errorf("look up near-duplicates of %q: %s: %w", id, h.ID, err)
		}
		out = append(out, storyMember{id: h.ID, story: story, sig: sig})
	}
	return out, nil
}

// storedSignature returns the MinHash signature of the body of stored, the value of a hit's
// fieldDoc (compressed or plain JSON), parsed with p.
func storedSignature(p *fastjson.Parser, stored any) (signature, error) {
	s, _ := stored.(string)
	raw, err := docJSON([]byte(s))
	if err != nil {
		return nil, err
	}
	v, err := p.ParseBytes(raw)
	if err != nil {
		return nil, fmt.Errorf("decode stored document: %w", err)
	}
	return minhash(string(v.GetStringBytes("body"))), nil
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
// open with a digit (stories.Signature.LegacyBandKeys); the current ones open with a band number below 32.
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
