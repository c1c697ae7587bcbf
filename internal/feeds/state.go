package feeds

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// State is what the poller remembers across restarts, per feed URL.
type State struct {
	Feeds map[string]*FeedState `json:"feeds"`
}

// FeedState is the remembered state of one feed.
type FeedState struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastPoll     time.Time `json:"last_poll,omitzero"`
	LastSuccess  time.Time `json:"last_success,omitzero"`
	LastError    string    `json:"last_error,omitempty"`
	NextPoll     time.Time `json:"next_poll,omitzero"`
	Failures     int       `json:"failures,omitempty"` // consecutive failed polls
	ItemsSeen    int       `json:"items_seen"`         // entries indexed (or skipped as bad) so far
	// Seen holds the keys of the entries already handled, oldest first, at most maxSeen.
	Seen []string `json:"seen,omitempty"`
}

// StateStore loads and saves the poller's State.
type StateStore interface {
	Load() (State, error)
	Save(State) error
}

// FileStore keeps the State in a JSON file, replaced atomically on every save.
type FileStore struct {
	Path string
}

// Load reads the state file; a missing file is an empty State.
func (s FileStore) Load() (State, error) {
	st := State{Feeds: map[string]*FeedState{}}
	data, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("read feed state: %w", err)
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return State{Feeds: map[string]*FeedState{}}, fmt.Errorf("read feed state %s: %w", s.Path, err)
	}
	if st.Feeds == nil {
		st.Feeds = map[string]*FeedState{}
	}
	return st, nil
}

// Save writes the state to a temporary file beside Path, syncs it and renames it over Path, so
// that a crash leaves either the old or the new state, never half of one.
func (s FileStore) Save(st State) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("encode feed state: %w", err)
	}
	dir := filepath.Dir(s.Path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save feed state: %w", err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(s.Path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("save feed state: %w", err)
	}
	tmp := f.Name()
	_, err = f.Write(append(data, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, s.Path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("save feed state %s: %w", s.Path, err)
	}
	return nil
}
