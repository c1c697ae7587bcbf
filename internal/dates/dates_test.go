package dates

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-05-06", "2024-05-06T00:00:00Z"},
		{"2024-05-06T07:08:09+02:00", "2024-05-06T05:08:09Z"},
		{"2024-05-06T07:08:09.5Z", "2024-05-06T07:08:09.5Z"},
		{"2024-05-06 07:08:09", "2024-05-06T07:08:09Z"},
		{"3:14 PM EDT, May 19, 2025", "2025-05-19T19:14:00Z"},
		{"3:14 p.m. EST, Jan. 9, 2025", "2025-01-09T20:14:00Z"},
		{"11:02 AM PDT, Sept. 3, 2024", "2024-09-03T18:02:00Z"},
		{"Monday, May 19, 2025", "2025-05-19T00:00:00Z"},
		{"Mon., May 19, 2025", "2025-05-19T00:00:00Z"},
		{"May 19, 2025 3:14 PM ET", "2025-05-19T19:14:00Z"},
		{"Dec 1, 2025 9:00 AM ET", "2025-12-01T14:00:00Z"},
		{"19 May 2025", "2025-05-19T00:00:00Z"},
		{"Mon, 19 May 2025 15:04:05 GMT", "2025-05-19T15:04:05Z"},
		{"5/19/2025", "2025-05-19T00:00:00Z"},
		{"May 19, 2025 2:15 PM EDT", "2025-05-19T18:15:00Z"}, // extract and ingest used to disagree
		{"Jul 4, 2025 9:00 AM PT", "2025-07-04T16:00:00Z"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): got error %v", tt.in, err)
			continue
		}
		want, err := time.Parse(time.RFC3339Nano, tt.want)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(want) {
			t.Errorf("Parse(%q): got %v, want %v", tt.in, got.UTC(), want)
		}
	}
	for _, bad := range []string{"next Tuesday", "Posted", "2024-13-45"} {
		if got, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q): got %v, want an error", bad, got)
		}
	}
}
