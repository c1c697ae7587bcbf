package index

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/klauspost/compress/zstd"

	"github.com/searchd/searchd/internal/news"
)

// The stored document of an article (fieldDoc) is its news.Document as JSON, compressed with
// zstd, one frame per article. Scorch compresses every stored document with snappy; the JSON
// of an AllSides article (title, body, and each quote again with its speaker) is 1.5× its
// text, which snappy brings to 0.87× and zstd to 0.58× (first 3,000 articles). Decompressing
// one article takes a few microseconds, so a page of hits costs no measurable time more.
//
// Indexes written before store plain JSON, which still reads: a zstd frame opens with a
// magic number, a JSON object with '{'.

// zstdMagic opens every zstd frame.
var zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}

// docCodec holds the zstd encoder and decoder of stored documents. Both are safe for
// concurrent use (EncodeAll, DecodeAll) and hold no state between calls, so one of each
// serves every index of the process.
type docCodec struct {
	enc *zstd.Encoder
	dec *zstd.Decoder
}

// codec returns the process's docCodec, made at its first use.
var codec = sync.OnceValues(func() (docCodec, error) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderCRC(false))
	if err != nil {
		return docCodec{}, fmt.Errorf("stored documents: zstd encoder: %w", err)
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderMaxMemory(maxStoredDoc))
	if err != nil {
		return docCodec{}, fmt.Errorf("stored documents: zstd decoder: %w", err)
	}
	return docCodec{enc: enc, dec: dec}, nil
})

// maxStoredDoc bounds the decompressed size of one stored document (256 MiB), far above any
// article that the readers accept.
const maxStoredDoc = 256 << 20

// compressDoc returns the stored form of raw, a document's JSON.
func compressDoc(raw []byte) ([]byte, error) {
	c, err := codec()
	if err != nil {
		return nil, err
	}
	return c.enc.EncodeAll(raw, make([]byte, 0, len(raw)/2)), nil
}

// docJSON returns the JSON of a stored document: stored decompressed, or stored itself when
// an index written before compression holds it as plain JSON.
func docJSON(stored []byte) ([]byte, error) {
	if !bytes.HasPrefix(stored, zstdMagic) {
		return stored, nil
	}
	c, err := codec()
	if err != nil {
		return nil, err
	}
	raw, err := c.dec.DecodeAll(stored, make([]byte, 0, 3*len(stored)))
	if err != nil {
		return nil, fmt.Errorf("decompress stored document: %w", err)
	}
	return raw, nil
}

// storedDocument is the JSON form of a stored article: its news.Document, in which the text
// of a quote is left out (empty) when it is the text of the quote's span of the body, and
// QuoteSpans says so. Quote texts are cut from the body by the extractor (all 509,136 of
// AllSides'), and stored twice they took 4.3 MB of its index after compression (zstd finds
// the repeat, but codes each one). An article with a quote of an empty text and a non-empty
// span, which would read back as the span's text, keeps every text and no QuoteSpans.
type storedDocument struct {
	news.Document
	QuoteSpans bool `json:"quote_spans,omitempty"`
}

// storedJSON returns the JSON of the stored form of d (storedDocument); raw is the JSON of d
// itself, returned when no quote text is left out.
func storedJSON(d news.Document, raw []byte) ([]byte, error) {
	spans := quoteSpans(d)
	out := storedDocument{Document: d, QuoteSpans: true}
	out.Speakers = nil
	for _, sp := range spans {
		q := d.Speakers[sp.speaker].Quotes[sp.quote]
		if q.Text == "" && q.End > q.Start {
			return raw, nil // would read back as its span's text
		}
		if q.Text == "" || sp.text != q.Text {
			continue
		}
		if out.Speakers == nil {
			out.Speakers = slices.Clone(d.Speakers)
		}
		qs := out.Speakers[sp.speaker].Quotes
		if &qs[0] == &d.Speakers[sp.speaker].Quotes[0] { // not cloned yet
			qs = slices.Clone(qs)
			out.Speakers[sp.speaker].Quotes = qs
		}
		qs[sp.quote].Text = ""
	}
	if out.Speakers == nil {
		return raw, nil
	}
	return json.Marshal(out)
}

// decodeStored returns the document of JSON raw, a stored form (storedDocument, or the JSON
// of a news.Document as indexes of formats before 3 hold it).
func decodeStored(raw []byte) (news.Document, error) {
	var s storedDocument
	if err := json.Unmarshal(raw, &s); err != nil {
		return news.Document{}, fmt.Errorf("decode stored document: %w", err)
	}
	if !s.QuoteSpans {
		return s.Document, nil
	}
	for _, sp := range quoteSpans(s.Document) {
		if q := &s.Speakers[sp.speaker].Quotes[sp.quote]; q.Text == "" && q.End > q.Start {
			q.Text = sp.text
		}
	}
	return s.Document, nil
}

// quoteSpan is the text of a quote's span of the body: the code points Start to End
// (exclusive) of quote quote of speaker speaker; "" when they are not all in the body.
type quoteSpan struct {
	speaker, quote int
	text           string
}

// quoteSpans returns the spans of the quotes of d with End > Start, cut from its body in one
// pass over it: quotes count code points, and the body is UTF-8.
func quoteSpans(d news.Document) []quoteSpan {
	type mark struct {
		at   int // code point offset
		span int // index in spans
		end  bool
	}
	var spans []quoteSpan
	var marks []mark
	for i, sp := range d.Speakers {
		for j, q := range sp.Quotes {
			if q.Start < 0 || q.End <= q.Start {
				continue
			}
			marks = append(marks, mark{q.Start, len(spans), false}, mark{q.End, len(spans), true})
			spans = append(spans, quoteSpan{speaker: i, quote: j})
		}
	}
	if len(spans) == 0 {
		return nil
	}
	slices.SortFunc(marks, func(a, b mark) int { return a.at - b.at })
	starts := make([]int, len(spans)) // byte offsets
	m, n := 0, 0                      // next mark, code points passed
	at := func(b int) {
		for ; m < len(marks) && marks[m].at == n; m++ {
			if k := marks[m].span; !marks[m].end {
				starts[k] = b
			} else {
				spans[k].text = d.Body[starts[k]:b]
			}
		}
	}
	for b := range d.Body {
		at(b)
		n++
	}
	at(len(d.Body))
	return spans
}
