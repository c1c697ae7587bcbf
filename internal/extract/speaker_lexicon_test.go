package extract

import (
	"strconv"
	"strings"
	"testing"
)

func TestLexTable(t *testing.T) {
	m := map[string]lexFlag{"said": lexVerb, "mayor": lexRole | lexRolePart, "jane": lexGiven | lexFemale, "é": lexStopCap}
	for i := range 300 {
		m["w"+strings.Repeat("x", i%40)+string(rune('a'+i%26))] = lexFlag(i%7 + 1)
	}
	tab, err := newLexTable(m)
	if err != nil {
		t.Fatal(err)
	}
	for k, f := range m {
		if got := tab.get(k); got != f {
			t.Errorf("get(%q): got %b, want %b", k, got, f)
		}
	}
	for _, k := range []string{"", "says", "Mayor", "janes", "e"} {
		if got := tab.get(k); got != 0 {
			t.Errorf("get(%q): got %b, want 0", k, got)
		}
	}
	var empty lexTable
	if got := empty.get("said"); got != 0 {
		t.Errorf("empty table: got %b, want 0", got)
	}
	big := make(map[string]lexFlag, maxLexWords+1)
	for i := range maxLexWords + 1 {
		big[strconv.Itoa(i)] = lexVerb
	}
	if _, err := newLexTable(big); err == nil {
		t.Errorf("newLexTable of %d words: got no error, want one", len(big))
	}
}
