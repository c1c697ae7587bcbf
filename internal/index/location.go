package index

import (
	"fmt"
	"strings"
)

// locationTerms turns the location filter values of a query into location facet values. A
// facet value names one place ("Manchester, New Hampshire"); a value without a comma
// ("Manchester") is accepted as short for the one facet value in the index that it starts,
// and rejected with ErrBadQuery when it starts several. A value the index does not hold
// stays as it is, and matches nothing.
func (ix *Index) locationTerms(values []string) ([]string, error) {
	if len(values) == 0 {
		return values, nil
	}
	out := make([]string, 0, len(values))
	for _, v := range values {
		if v == "" || strings.Contains(v, ",") {
			out = append(out, v)
			continue
		}
		full, err := ix.locationsStartingWith(v + ", ")
		if err != nil {
			return nil, err
		}
		switch len(full) {
		case 0:
			out = append(out, v)
		case 1:
			out = append(out, full[0])
		default:
			return nil, fmt.Errorf("%w: location %q names several places (%s): give one of them",
				ErrBadQuery, v, strings.Join(full, "; "))
		}
	}
	return out, nil
}

// maxShortForms bounds how many facet values one short location name is checked against.
const maxShortForms = 20

// locationsStartingWith returns the location facet values in the index that start with
// prefix, at most maxShortForms of them.
func (ix *Index) locationsStartingWith(prefix string) ([]string, error) {
	dict, err := ix.articles().FieldDictPrefix(fieldLocation, []byte(prefix))
	if err != nil {
		return nil, fmt.Errorf("read locations: %w", err)
	}
	defer dict.Close()
	var out []string
	for len(out) < maxShortForms {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("read locations: %w", err)
		}
		if e == nil {
			break
		}
		if e.Count > 0 {
			out = append(out, e.Term)
		}
	}
	return out, nil
}
