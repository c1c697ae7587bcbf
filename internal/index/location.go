package index

import (
	"context"
	"fmt"
	"strings"

	index "github.com/blevesearch/bleve_index_api"
)

// resolveFilters turns the filter values of q (speakers, locations, places, sources) into
// values the index holds, in place, and returns a warning naming the values that match no
// article, or "". A value the field holds is itself; else it is read without regard to case,
// accents and runs of spaces (fold.go): "donald trump" is "Donald Trump", and a value that
// folds like several values stands for all of them. Locations and places are place labels
// (news.Location.Label), and take short forms too (filterTerms). Errors caused by a value wrap
// ErrBadQuery.
func (ix *Index) resolveFilters(ctx context.Context, q *Query) (string, error) {
	var missing []string
	for _, f := range []struct {
		field, param string
		values       *[]string
		labels       bool
	}{
		{fieldSpeaker, "speaker", &q.Speakers, false},
		{fieldLocation, "location", &q.Locations, true},
		{fieldPlaces, "place", &q.Places, true},
		{fieldSource, "source", &q.Sources, false},
	} {
		out, miss, err := ix.filterTerms(ctx, f.field, f.param, *f.values, f.labels)
		if err != nil {
			return "", err
		}
		*f.values = out
		for _, v := range miss {
			missing = append(missing, fmt.Sprintf("%s %q", f.param, v))
		}
	}
	if len(missing) == 0 {
		return "", nil
	}
	return "no article has " + strings.Join(missing, ", ") + ": check the spelling, or pick a value from the facets", nil
}

// filterTerms turns the filter values of field into values it holds, as resolveFilters
// describes; missing lists the values that match none, which are kept as they are. With labels,
// a value without a comma ("Manchester") that is no value itself is accepted as short for the one
// value of the field that it starts ("Manchester, New Hampshire"), and rejected with
// ErrBadQuery when it starts several; param names the filter in errors.
func (ix *Index) filterTerms(ctx context.Context, field, param string, values []string, labels bool) (out, missing []string, err error) {
	if len(values) == 0 {
		return values, nil, nil
	}
	out = make([]string, 0, len(values))
	for _, v := range values {
		if v == "" {
			continue
		}
		// A facet value is itself; a value without a comma (a country, "Georgia") is not
		// short for another value ("Georgia, United States"): clicking it filters on it.
		ok, err := ix.hasValue(field, v)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			out = append(out, v)
			continue
		}
		vs, err := ix.foldedValues(ctx, field)
		if err != nil {
			return nil, nil, err
		}
		f := fold(v)
		if same := foldedEqual(vs, f); len(same) > 0 {
			out = append(out, same...)
			continue
		}
		if labels && !strings.Contains(v, ",") {
			full := foldedPrefix(vs, f+", ")
			switch {
			case len(full) == 1:
				out = append(out, full[0].value)
				continue
			case len(full) > 1:
				names := valuesOf(full[:min(len(full), maxShortForms)])
				return nil, nil, fmt.Errorf("%w: %s %q names several places (%s): give one of them",
					ErrBadQuery, param, v, strings.Join(names, "; "))
			}
		}
		out = append(out, v)
		missing = append(missing, v)
	}
	return out, missing, nil
}

// maxShortForms bounds how many facet values one short place name is checked against.
const maxShortForms = 20

// valuesStartingWith returns the values of field in the article index that start with
// prefix, in order, at most limit of them.
func (ix *Index) valuesStartingWith(field, prefix string, limit int) ([]string, error) {
	var out []string
	dict, err := ix.articles().FieldDictPrefix(field, []byte(prefix))
	if err == nil && limit > 0 {
		err = usedTerms(context.Background(), dict, func(term string) bool {
			out = append(out, term)
			return len(out) < limit
		})
	}
	if err != nil {
		return nil, fmt.Errorf("read %s values: %w", field, err)
	}
	return out, nil
}

// usedTerms calls yield with each term of dict that some document still holds, until yield
// returns false or the terms end, and closes dict. It observes ctx every 4,096 terms.
func usedTerms(ctx context.Context, dict index.FieldDict, yield func(term string) bool) error {
	defer dict.Close()
	for i := 0; ; i++ {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		e, err := dict.Next()
		if err != nil || e == nil {
			return err
		}
		if e.Count > 0 && !yield(e.Term) {
			return nil
		}
	}
}
