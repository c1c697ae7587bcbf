package index

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/searchd/searchd/internal/extract"
	"github.com/searchd/searchd/internal/news"
)

// analysisTexts are texts whose words test the corners of Bleve's English analysis:
// possessives with three apostrophes, stop words, numbers, abbreviations, case that changes
// width (Ⱥ), the final sigma, ideographs, emoji, a repeated word, empty and blank text.
var analysisTexts = []string{
	"",
	"   \n\n\t ",
	"The President's plan, the presidents’ plans and the PRESIDENT＇S plan were debated.",
	"It was 3.5% in Q3 2024 (vs. 2.9%); the U.S. and e.g. U.K. followed; 1,000,000 people.",
	"ȺȾ Ⱥpple ΣΟΦΟΣ σοφός Straße İstanbul DŽungla",
	"東京で会議 カタカナ 한국어 text — “quoted” ‘single’ don't can't won’t rock'n'roll",
	"emoji 👍🏽 and flags 🇺🇸, URLs https://example.test/a?b=c and e-mail a.b@example.test",
	"running runs ran runner RUNNING Running run's run’s",
	"and and and the the a an of to in is",
	"self-driving co-operate re-elect mother-in-law 24/7 9/11 C++ C# .NET",
	"\u00a0non\u00a0breaking\u200bzero\u200dwidth\u0301accent e\u0301te\u0301",
}

// analysisDocs returns documents whose titles, bodies and quotes are the texts above, beside
// the fixtures.
func analysisDocs() []news.Document {
	docs := slices.Concat(fixtures(), summitDocs())
	for i, text := range analysisTexts {
		docs = append(docs, news.Document{
			ID: fmt.Sprintf("t%d", i), Title: text, Body: text + " " + text, Source: text,
			Speakers: []news.Speaker{{Name: "Ann Lee", Kind: news.KindPerson, Quotes: []news.Quote{{Text: text}, {Text: "x " + text}}}},
		})
	}
	return docs
}

// TestFieldAnalysisIsBleves: the documents of a load analysed by fieldAnalysis have, field
// name by field name, the lengths, terms, frequencies and locations that Bleve's own analysis
// gives them, with a full and with a small word memory (which forgets and relearns).
func TestFieldAnalysisIsBleves(t *testing.T) {
	ix := openIndex(t, t.TempDir(), Options{})
	for _, maxWords := range []int{maxAnalysedWords, 5} {
		t.Run(fmt.Sprint("words=", maxWords), func(t *testing.T) {
			fa := newFieldAnalysis(ix.mapping, ix.qmap)
			fa.maxWords = maxWords
			for _, d := range analysisDocs() {
				compareAnalysis(t, ix, d, fa)
			}
		})
	}
	// The two places of the first fixture are one field.
	m, err := bleveDocument(ix.mapping, ix.qmap, fixtures()[0], newFieldAnalysis(ix.mapping, ix.qmap))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range m.doc.Fields {
		if f.Name() == fieldPlaces {
			n++
		}
	}
	if n != 1 {
		t.Errorf("fields %q: got %d, want 1", fieldPlaces, n)
	}
}

// TestFieldAnalysisIsBlevesAllSides: as TestFieldAnalysisIsBleves, on extracted AllSides
// articles.
func TestFieldAnalysisIsBlevesAllSides(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	arts := readCorpus(t, "corpora/allsides.jsonl.gz", 300)
	ex, err := extract.New()
	if err != nil {
		t.Fatalf("extract.New: %v", err)
	}
	ix := openIndex(t, t.TempDir(), Options{})
	fa := newFieldAnalysis(ix.mapping, ix.qmap)
	for _, a := range arts {
		compareAnalysis(t, ix, news.NewDocument(a, ex.Extract(a)), fa)
	}
}

// FuzzFieldAnalysis: any text is analysed as Bleve analyses it.
func FuzzFieldAnalysis(f *testing.F) {
	for _, text := range analysisTexts {
		f.Add(text)
	}
	ix := openIndex(f, f.TempDir(), Options{})
	fa := newFieldAnalysis(ix.mapping, ix.qmap)
	f.Fuzz(func(t *testing.T, text string) {
		d := news.Document{ID: "f", Title: text, Body: text, Source: text,
			Speakers: []news.Speaker{{Name: text, Kind: news.KindPerson, Quotes: []news.Quote{{Text: text}}}}}
		compareAnalysis(t, ix, d, fa)
	})
}

// compareAnalysis maps d with fa and with Bleve's analysis and compares the fields of the
// article and its quotes.
func compareAnalysis(t *testing.T, ix *Index, d news.Document, fa *fieldAnalysis) {
	t.Helper()
	got, err := bleveDocument(ix.mapping, ix.qmap, d, fa)
	if err != nil {
		t.Fatalf("bleveDocument(%s): %v", d.ID, err)
	}
	want, err := bleveDocument(ix.mapping, ix.qmap, d, nil)
	if err != nil {
		t.Fatalf("bleveDocument(%s): %v", d.ID, err)
	}
	if len(got.quotes) != len(want.quotes) {
		t.Fatalf("%s: got %d quote documents, want %d", d.ID, len(got.quotes), len(want.quotes))
	}
	compareFields(t, got.doc, want.doc)
	for i := range got.quotes {
		compareFields(t, got.quotes[i], want.quotes[i])
	}
}

// fieldTerms is what scorch indexes of the fields of one name in a document: their
// lengths and terms added up (TokenFrequencies.MergeAll).
type fieldTerms struct {
	length int
	freqs  map[string]*index.TokenFreq
}

func sumFields(d *document.Document) map[string]*fieldTerms {
	out := map[string]*fieldTerms{}
	for _, f := range d.Fields {
		if !f.Options().IsIndexed() {
			continue
		}
		ft := out[f.Name()]
		if ft == nil {
			ft = &fieldTerms{freqs: map[string]*index.TokenFreq{}}
			out[f.Name()] = ft
		}
		ft.length += f.AnalyzedLength()
		for k, tf := range f.AnalyzedTokenFrequencies() {
			have := ft.freqs[k]
			if have == nil {
				have = &index.TokenFreq{Term: tf.Term}
				ft.freqs[k] = have
			}
			have.SetFrequency(have.Frequency() + tf.Frequency())
			have.Locations = append(have.Locations, tf.Locations...)
		}
	}
	return out
}

func compareFields(t *testing.T, got, want *document.Document) {
	t.Helper()
	gotFields, wantFields := sumFields(got), sumFields(want)
	if len(gotFields) != len(wantFields) {
		t.Errorf("%s: got %d indexed field names, want %d", got.ID(), len(gotFields), len(wantFields))
	}
	for name, w := range wantFields {
		where := got.ID() + "/" + name
		g, ok := gotFields[name]
		if !ok {
			t.Errorf("%s: field missing", where)
			continue
		}
		if g.length != w.length {
			t.Errorf("%s: got length %d, want %d", where, g.length, w.length)
		}
		gf, wf := g.freqs, w.freqs
		if len(gf) != len(wf) {
			t.Errorf("%s: got %d terms, want %d", where, len(gf), len(wf))
		}
		for term, wt := range wf {
			gt, ok := gf[term]
			if !ok {
				t.Errorf("%s: term %q missing", where, term)
				continue
			}
			if string(gt.Term) != string(wt.Term) || gt.Frequency() != wt.Frequency() || len(gt.Locations) != len(wt.Locations) {
				t.Errorf("%s: term %q: got %q ×%d with %d locations, want %q ×%d with %d", where, term,
					gt.Term, gt.Frequency(), len(gt.Locations), wt.Term, wt.Frequency(), len(wt.Locations))
				continue
			}
			for j, wl := range wt.Locations {
				if gl := gt.Locations[j]; gl.Field != wl.Field || gl.Start != wl.Start || gl.End != wl.End ||
					gl.Position != wl.Position || !slices.Equal(gl.ArrayPositions, wl.ArrayPositions) {
					t.Errorf("%s: term %q location %d: got %+v, want %+v", where, term, j, *gl, *wl)
				}
			}
		}
	}
}

// TestFieldAnalysisIndexIsBleves: the article and quote indexes written from documents that
// fieldAnalysis analysed, with the keyword values of a name joined into one field, hold the
// terms, postings, frequencies, norms and positions of those written with Bleve's analysis.
func TestFieldAnalysisIndexIsBleves(t *testing.T) {
	ix := openIndex(t, t.TempDir(), Options{})
	fa := newFieldAnalysis(ix.mapping, ix.qmap)
	dump := func(fa *fieldAnalysis) (articles, quotes map[string]string) {
		dir := t.TempDir()
		ai, err := bleve.NewUsing(filepath.Join(dir, "a"), newMapping(), scorch.Name, scorch.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		qi, err := bleve.NewUsing(filepath.Join(dir, "q"), newQuoteMapping(), scorch.Name, scorch.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		ab, qb := ai.NewBatch(), qi.NewBatch()
		for _, d := range analysisDocs() {
			m, err := bleveDocument(ix.mapping, ix.qmap, d, fa)
			if err != nil {
				t.Fatal(err)
			}
			if err := ab.IndexAdvanced(m.doc); err != nil {
				t.Fatal(err)
			}
			for _, q := range m.quotes {
				if err := qb.IndexAdvanced(q); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := errors.Join(ai.Batch(ab), qi.Batch(qb)); err != nil {
			t.Fatal(err)
		}
		articles, quotes = postings(t, ai), postings(t, qi)
		if err := errors.Join(ai.Close(), qi.Close()); err != nil {
			t.Fatal(err)
		}
		return articles, quotes
	}
	gotA, gotQ := dump(fa)
	wantA, wantQ := dump(nil)
	for _, c := range []struct {
		name      string
		got, want map[string]string
	}{{"articles", gotA, wantA}, {"quotes", gotQ, wantQ}} {
		if len(c.want) < 100 {
			t.Errorf("%s: %d postings, want more to compare", c.name, len(c.want))
		}
		for k, w := range c.want {
			if g := c.got[k]; g != w {
				t.Errorf("%s %s: got %q, want %q", c.name, k, g, w)
			}
		}
		for k := range c.got {
			if _, ok := c.want[k]; !ok {
				t.Errorf("%s %s: not in Bleve's", c.name, k)
			}
		}
	}
}

// postings returns every posting of idx, keyed by field, term and document id, as its
// frequency, norm and positions.
func postings(t *testing.T, idx bleve.Index) map[string]string {
	t.Helper()
	ii, err := idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := ii.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	fields, err := r.Fields()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, field := range fields {
		dict, err := r.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		var terms []string
		for e, err := dict.Next(); e != nil || err != nil; e, err = dict.Next() {
			if err != nil {
				t.Fatal(err)
			}
			terms = append(terms, e.Term)
		}
		dict.Close()
		for _, term := range terms {
			tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, true, true, true)
			if err != nil {
				t.Fatal(err)
			}
			for p, err := tfr.Next(nil); p != nil || err != nil; p, err = tfr.Next(nil) {
				if err != nil {
					t.Fatal(err)
				}
				id, err := r.ExternalID(p.ID)
				if err != nil {
					t.Fatal(err)
				}
				var pos []string
				for _, v := range p.Vectors {
					pos = append(pos, fmt.Sprint(v.Field, v.Pos, v.Start, v.End, v.ArrayPositions))
				}
				out[fmt.Sprintf("%s %q %s", field, term, id)] = fmt.Sprint(p.Freq, p.Norm, pos)
			}
			tfr.Close()
		}
	}
	return out
}

// BenchmarkFieldAnalysis compares the analysis of AllSides bodies by Bleve (TextField.Analyze)
// and by fieldAnalysis.
func BenchmarkFieldAnalysis(b *testing.B) {
	arts := readCorpus(b, "corpora/allsides.jsonl.gz", 500)
	ix := openIndex(b, b.TempDir(), Options{})
	an := ix.mapping.AnalyzerNamed(textAnalyzer)
	opts := newMapping().DefaultMapping.Properties[fieldBody].Fields[0].Options()
	fields := func() []*document.TextField {
		out := make([]*document.TextField, len(arts))
		for i, a := range arts {
			out[i] = document.NewTextFieldCustom(fieldBody, nil, []byte(a.Body), opts, an)
		}
		return out
	}
	b.Run("bleve", func(b *testing.B) {
		for range b.N {
			for _, f := range fields() {
				f.Analyze()
			}
		}
	})
	b.Run("fieldAnalysis", func(b *testing.B) {
		fa := newFieldAnalysis(ix.mapping)
		for range b.N {
			for _, f := range fields() {
				fa.analyze(f)
			}
		}
	})
}
