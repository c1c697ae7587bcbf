package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Filter values (speaker, location, place, source) are keywords, indexed as written:
// "Donald Trump", "Washington, United States", "Reuters". A filter value the field does not
// hold is read without regard to case, accents and runs of spaces ("donald  trump",
// "sao paulo", "REUTERS"), by folding it and the field's values alike and taking the values
// whose folded forms are equal. The folded values of a field are read from its term
// dictionary when first needed and kept until the next write: a filter value as the facets
// give it is found in the dictionary and never builds them. The mapping is unchanged.

// fold returns s without case, accents (combining marks after canonical decomposition) and
// runs of white space, for comparing filter values: fold("  São   PAULO") == "sao paulo".
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	if out, _, err := transform.String(t, s); err == nil {
		s = out
	}
	return strings.Join(strings.Fields(cases.Fold().String(s)), " ")
}

// foldedValue is one value of a field with its folded form.
type foldedValue struct {
	folded, value string
}

// foldedFields caches, per field, the field's values sorted by folded form, until the next
// write (Index.gen).
type foldedFields struct {
	sync.Mutex
	gen     uint64
	byField map[string][]foldedValue
}

// foldedValues returns the values of field in the article index, sorted by folded form.
func (ix *Index) foldedValues(ctx context.Context, field string) ([]foldedValue, error) {
	gen := ix.gen.Load()
	c := &ix.folds
	c.Lock()
	defer c.Unlock()
	if c.byField == nil || c.gen != gen {
		c.byField, c.gen = map[string][]foldedValue{}, gen
	}
	if vs, ok := c.byField[field]; ok {
		return vs, nil
	}
	var vs []foldedValue
	dict, err := ix.articles().FieldDict(field)
	if err == nil {
		err = usedTerms(ctx, dict, func(term string) bool {
			vs = append(vs, foldedValue{fold(term), term})
			return true
		})
	}
	if err != nil {
		return nil, fmt.Errorf("read %s values: %w", field, err)
	}
	slices.SortFunc(vs, func(a, b foldedValue) int {
		if c := strings.Compare(a.folded, b.folded); c != 0 {
			return c
		}
		return strings.Compare(a.value, b.value)
	})
	c.byField[field] = vs
	return vs, nil
}

// foldedPrefix returns the values of vs whose folded form starts with the folded prefix,
// in order.
func foldedPrefix(vs []foldedValue, prefix string) []foldedValue {
	i, _ := slices.BinarySearchFunc(vs, prefix, func(v foldedValue, p string) int {
		return strings.Compare(v.folded, p)
	})
	j := i
	for j < len(vs) && strings.HasPrefix(vs[j].folded, prefix) {
		j++
	}
	return vs[i:j]
}

// valuesOf returns the values of vs, in order.
func valuesOf(vs []foldedValue) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.value
	}
	return out
}

// foldedEqual returns the values of vs whose folded form is folded.
func foldedEqual(vs []foldedValue, folded string) []string {
	var out []string
	for _, v := range foldedPrefix(vs, folded) {
		if v.folded == folded {
			out = append(out, v.value)
		}
	}
	return out
}

// hasValue reports whether field holds the value v in some article.
func (ix *Index) hasValue(field, v string) (bool, error) {
	vs, err := ix.valuesStartingWith(field, v, 1)
	if err != nil {
		return false, err
	}
	return len(vs) == 1 && vs[0] == v, nil
}
