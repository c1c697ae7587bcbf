package index

import (
	"fmt"
	"strings"
)

// locationTerms turns the location filter values of a query into location facet values. A
// facet value names one place ("Manchester, New Hampshire"); a value without a comma
// ("Manchester") that is no facet value itself is accepted as short for the one facet value
// in the index that it starts, and rejected with ErrBadQuery when it starts several. A value
// the index does not hold stays as it is, and matches nothing.
func (ix *Index) locationTerms(values []string) ([]string, error) {
	return ix.labelTerms(fieldLocation, "location", values)
}

// placesTerms turns the place filter values of a query into values of the places facet
// ("Places mentioned"), short forms as locationTerms does.
func (ix *Index) placesTerms(values []string) ([]string, error) {
	return ix.labelTerms(fieldPlaces, "place", values)
}

// labelTerms turns filter values on field, whose values are place labels
// (news.Location.Label), into its values, as locationTerms describes; param names the filter
// in errors.
func (ix *Index) labelTerms(field, param string, values []string) ([]string, error) {
	if len(values) == 0 {
		return values, nil
	}
	out := make([]string, 0, len(values))
	for _, v := range values {
		if v == "" || strings.Contains(v, ",") {
			out = append(out, v)
			continue
		}
		// A facet value without a comma (a country, "Georgia") is itself, not short for
		// another value ("Georgia, United States"): clicking it filters on it.
		exact, err := ix.valuesStartingWith(field, v, 1)
		if err != nil {
			return nil, err
		}
		if len(exact) == 1 && exact[0] == v {
			out = append(out, v)
			continue
		}
		full, err := ix.valuesStartingWith(field, v+", ", maxShortForms)
		if err != nil {
			return nil, err
		}
		switch len(full) {
		case 0:
			out = append(out, v)
		case 1:
			out = append(out, full[0])
		default:
			return nil, fmt.Errorf("%w: %s %q names several places (%s): give one of them",
				ErrBadQuery, param, v, strings.Join(full, "; "))
		}
	}
	return out, nil
}

// maxShortForms bounds how many facet values one short place name is checked against.
const maxShortForms = 20

// valuesStartingWith returns the values of field in the article index that start with
// prefix, in order, at most limit of them.
func (ix *Index) valuesStartingWith(field, prefix string, limit int) ([]string, error) {
	dict, err := ix.articles().FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return nil, fmt.Errorf("read %s values: %w", field, err)
	}
	defer dict.Close()
	var out []string
	for len(out) < limit {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("read %s values: %w", field, err)
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
