package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/searchd/searchd/internal/index"
	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/web"
)

// testKey is the API key of the test servers.
const testKey = "test-key-7f3a"

// fixtureDocs returns fictional articles, written for these tests, with their extraction done,
// so that the tests do not depend on the extractor.
func fixtureDocs() []news.Document {
	day := func(s string) *time.Time {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			panic(err)
		}
		return &t
	}
	portsmouth := &news.Location{Name: "Portsmouth", Country: "GB", Lat: 50.8, Lon: -1.09, Source: news.LocationDateline}
	dover := &news.Location{Name: "Dover", Country: "GB", Lat: 51.13, Lon: 1.31, Source: news.LocationDateline}
	calais := &news.Location{Name: "Calais", Country: "FR", Lat: 50.95, Lon: 1.85, Source: news.LocationDateline}
	hereford := &news.Location{Name: "Hereford", Country: "GB", Lat: 52.06, Lon: -2.72, Source: news.LocationText}
	okafor := func(text string, direct bool) news.Speaker {
		return news.Speaker{Name: "Maria Okafor", Title: "Mayor of Portsmouth", Kind: news.KindPerson,
			Quotes: []news.Quote{{Text: text, Direct: direct}}}
	}
	whitlow := func(text string) news.Speaker {
		return news.Speaker{Name: "James Whitlow", Title: "chief executive of Channel Links", Kind: news.KindPerson,
			Quotes: []news.Quote{{Text: text, Direct: true}}}
	}
	return []news.Document{
		{
			ID: "bbc/tech/001", Title: "Harbour city unveils tidal power scheme", Date: day("2024-03-04"),
			Source: "Coastal Courier", URL: "https://courier.example/tidal-power", Authors: []string{"Ann Lowry"},
			Location: portsmouth, Places: []string{"Portsmouth, United Kingdom", "Isle of Wight, United Kingdom"},
			Body: "PORTSMOUTH - The city council unveiled plans on Monday for a tidal power scheme beside the ferry terminal.\n\n" +
				"\"This harbour has powered trade for centuries, and now it can power our homes,\" said Maria Okafor, the mayor.\n\n" +
				"Tidewater Energy said the turbines could be running within three years.",
			Speakers: []news.Speaker{
				okafor("This harbour has powered trade for centuries, and now it can power our homes", true),
				{Name: "Tidewater Energy", Kind: news.KindOrganization,
					Quotes: []news.Quote{{Text: "the turbines could be running within three years", Direct: false}}},
			},
		},
		{
			ID: "reuters21578/1", Title: "Ferry operators warn of winter timetable cuts", Date: day("2024-01-15"),
			Source: "Wire Service", Location: dover,
			Places: []string{"Dover, United Kingdom", "Isle of Wight, United Kingdom", "Portland, Maine"},
			Body: "DOVER, Jan 15 - Ferry operators on the short crossing warned of timetable cuts this winter.\n\n" +
				"\"We cannot run empty ships through January,\" said James Whitlow, chief executive of Channel Links.\n\n" +
				"Portsmouth mayor Maria Okafor said the cuts would hurt island commuters.",
			Speakers: []news.Speaker{
				whitlow("We cannot run empty ships through January"),
				okafor("the cuts would hurt island commuters", false),
			},
		},
		{
			ID: "wire/2024/ferry-strike", Title: "Ferry strike ends after overnight talks", Date: day("2024-02-20"),
			Source: "Wire Service", Location: calais, Places: []string{"Calais, France", "Dover, United Kingdom"},
			Body: "CALAIS, Feb 20 - A three-day ferry strike ended on Tuesday after overnight talks.\n\n" +
				"\"The crews have been heard,\" said Claire Dubois, a union spokeswoman.\n\n" +
				"\"Sailings resume at noon,\" James Whitlow told reporters.",
			Speakers: []news.Speaker{
				{Name: "Claire Dubois", Title: "union spokeswoman", Kind: news.KindPerson,
					Quotes: []news.Quote{{Text: "The crews have been heard", Direct: true}}},
				whitlow("Sailings resume at noon"),
			},
		},
		{
			ID: "courier/schools-budget", Title: "Council approves schools budget", Date: day("2023-11-02"),
			Source: "Coastal Courier", Location: portsmouth, Places: []string{"Portsmouth, United Kingdom"},
			Body: "The council approved a larger schools budget on Thursday.\n\n" +
				"\"Every classroom will get a new roof,\" said Maria Okafor.\n\n" +
				"Priya Raman, who chairs the finance committee, said the money came from reserves.",
			Speakers: []news.Speaker{
				okafor("Every classroom will get a new roof", true),
				{Name: "Priya Raman", Title: "chair of the finance committee", Kind: news.KindPerson,
					Quotes: []news.Quote{{Text: "the money came from reserves", Direct: false}}},
			},
		},
		{
			ID: "gazette/orchard", Title: "Orchard growers count cost of late frost", Date: day("2024-04-10"),
			Source: "Valley Gazette", Location: hereford, Places: []string{"Hereford, United Kingdom", "Portland, Oregon"},
			Body: "Apple growers near Hereford lost much of their blossom to a late frost.\n\n" +
				"\"We have not seen a night like it in twenty years,\" said Tom Hale, who farms forty acres.",
			Speakers: []news.Speaker{
				{Name: "Tom Hale", Kind: news.KindPerson,
					Quotes: []news.Quote{{Text: "We have not seen a night like it in twenty years", Direct: true}}},
			},
		},
		{
			ID: "gazette/library", Title: "Library reopens after flood repairs", Date: day("2023-12-12"),
			Source: "Valley Gazette", Speakers: []news.Speaker{},
			Body: "The town library reopened on Saturday after six months of repairs following the river flood.",
		},
	}
}

// docsWithSpeaker returns the ids of the fixtures that quote name.
func docsWithSpeaker(docs []news.Document, name string) []string {
	var ids []string
	for _, d := range docs {
		if slices.Contains(d.SpeakerNames(), name) {
			ids = append(ids, d.ID)
		}
	}
	return ids
}

// newTestIndex opens a real index in a temporary directory, loaded with fixtureDocs. It has no
// extractor, so POSTed articles are stored without speakers.
func newTestIndex(tb testing.TB) *index.Index {
	tb.Helper()
	return newIndexOf(tb, fixtureDocs())
}

// newIndexOf opens a real index in a temporary directory, loaded with docs.
func newIndexOf(tb testing.TB, docs []news.Document) *index.Index {
	tb.Helper()
	ix, err := index.Open(filepath.Join(tb.TempDir(), "index"), nil, index.Options{}, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatalf("open index: %v", err)
	}
	tb.Cleanup(func() {
		if err := ix.Close(); err != nil {
			tb.Errorf("close index: %v", err)
		}
	})
	stats, err := ix.AddDocuments(context.Background(), docs)
	if err != nil {
		tb.Fatalf("load fixtures: %v", err)
	}
	if stats.Indexed != len(docs) {
		tb.Fatalf("load fixtures: got %d indexed, want %d", stats.Indexed, len(docs))
	}
	return ix
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newTestServer builds the server over store with the embedded UI; logs go to the returned buffer.
func newTestServer(tb testing.TB, store Store, cfg Config) (http.Handler, *syncBuffer) {
	tb.Helper()
	logs := &syncBuffer{}
	s, err := NewServer(slog.New(slog.NewTextHandler(logs, nil)), store, web.Assets(), cfg)
	if err != nil {
		tb.Fatalf("NewServer: %v", err)
	}
	return s.Handler(), logs
}

// do sends one request to h and returns the recorded response. header holds "Key: value" pairs.
func do(tb testing.TB, h http.Handler, method, target string, body io.Reader, header ...string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(method, target, body)
	for _, kv := range header {
		k, v, ok := strings.Cut(kv, ": ")
		if !ok {
			tb.Fatalf("bad header %q", kv)
		}
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
