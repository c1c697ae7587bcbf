package names

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// FormatVersion is the version of what a Table's MarshalJSON writes and of the decisions it
// stands for: raise it when the rules of this package change, so that a table saved by an
// earlier version is not read as this one's.
const FormatVersion = 1

// savedTable is the JSON form of a Table: what a Builder learnt (full names with their
// counts and roles, short names with their counts).
type savedTable struct {
	Version int            `json:"version"`
	Full    []savedEntry   `json:"full"`
	Short   map[string]int `json:"short"`
}

type savedEntry struct {
	Name     string         `json:"name"`
	Articles int            `json:"articles"`
	Titled   int            `json:"titled,omitempty"`
	Roles    map[string]int `json:"roles,omitempty"`
}

// MarshalJSON writes what t was built from, for ParseTable to build the same table again
// without reading the archive.
func (t *Table) MarshalJSON() ([]byte, error) {
	s := savedTable{Version: FormatVersion, Full: []savedEntry{}, Short: map[string]int{}}
	if t != nil {
		for _, es := range t.bySurname {
			for _, e := range es {
				s.Full = append(s.Full, savedEntry{Name: e.name, Articles: e.articles, Titled: e.titled, Roles: e.roles})
			}
		}
		s.Short = t.short
	}
	slices.SortFunc(s.Full, func(a, b savedEntry) int { return strings.Compare(a.Name, b.Name) })
	return json.Marshal(s)
}

// ParseTable returns the table that MarshalJSON wrote as b, or an error for another
// FormatVersion or malformed JSON.
func ParseTable(b []byte) (*Table, error) {
	var s savedTable
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("parse names table: %w", err)
	}
	if s.Version != FormatVersion {
		return nil, fmt.Errorf("parse names table: version %d, want %d", s.Version, FormatVersion)
	}
	b2 := Builder{full: make(map[string]*entry, len(s.Full)), short: s.Short}
	if b2.short == nil {
		b2.short = map[string]int{}
	}
	for _, se := range s.Full {
		p := parse(se.Name)
		roles := se.Roles
		if roles == nil {
			roles = map[string]int{}
		}
		b2.full[se.Name] = &entry{name: se.Name, given: p.given, surname: p.surname, suffix: p.suffix,
			articles: se.Articles, titled: se.Titled, roles: roles}
	}
	return b2.Table(), nil
}
