package index

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/klauspost/compress/zstd"
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
