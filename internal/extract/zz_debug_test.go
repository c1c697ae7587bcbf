package extract

import (
	"encoding/json"
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	f := newTestFinder(t)
	b, _ := os.ReadFile("/tmp/q5/one.jsonl")
	var in struct{ Text string }
	json.Unmarshal(b, &in)
	d := f.newDoc(in.Text, nil)
	for _, e := range d.ents {
		t.Logf("ent %q g=%c first=%d", e.name, e.gender, e.first)
	}
}
