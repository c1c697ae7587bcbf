package extract

import (
	"bufio"
	"cmp"
	"encoding/json"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/searchd/searchd/internal/news"
	"github.com/searchd/searchd/internal/sharedtest"
)

// -speakers.in and -speakers.out run the speaker finder over scorer input (lines of
// {"id","title","text"}) and write one {"id","speakers"} line per article, for
// score_extract.py: go test ./internal/extract -run TestDumpSpeakers -speakers.in X -speakers.out Y
var (
	dumpIn  = flag.String("speakers.in", "", "scorer input JSONL to run the speaker finder over")
	dumpOut = flag.String("speakers.out", "", "where to write the predictions (JSONL)")
)

type scorerInput struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

func readScorerInput(tb testing.TB, path string) []news.Article {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var out []news.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var in scorerInput
		if err := json.Unmarshal([]byte(line), &in); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		out = append(out, news.Article{ID: in.ID, Title: in.Title, Body: in.Text})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return out
}

func TestDumpSpeakers(t *testing.T) {
	if *dumpIn == "" || *dumpOut == "" {
		t.Skip("set -speakers.in and -speakers.out to dump predictions")
	}
	f := newTestFinder(t)
	out, err := os.Create(*dumpOut)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for _, a := range readScorerInput(t, *dumpIn) {
		sp, n := f.find(a)
		if sp == nil {
			sp = []news.Speaker{}
		}
		if err := enc.Encode(map[string]any{"id": a.ID, "speakers": sp, "unnamed_quotes": n}); err != nil {
			t.Fatal(err)
		}
	}
}

type goldArticle struct {
	ID       string      `json:"id"`
	Text     string      `json:"text"`
	Speakers []string    `json:"speakers"`
	Quotes   []goldQuote `json:"quotes"`
}

// goldQuote is one quote of a gold article and the name of its speaker.
type goldQuote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
}

func readGold(tb testing.TB, path string) []goldArticle {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	var out []goldArticle
	for line := range strings.SplitSeq(string(b), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var g goldArticle
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		out = append(out, g)
	}
	return out
}

func readGoldArticles(tb testing.TB, path string) []news.Article {
	tb.Helper()
	var out []news.Article
	for _, g := range readGold(tb, path) {
		out = append(out, news.Article{ID: g.ID, Body: g.Text})
	}
	return out
}

// The speaker matching below follows ../shared/tools/score_extract.py (speakers kind).

var scorerHonorifics = strings.Fields("mr mrs ms miss dr sen senator rep representative gov governor president sir " +
	"dame lord prof professor the rev gen general col capt lt sgt mayor judge justice vice secretary minister prime " +
	"chancellor king queen prince pope")

func scorerFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func scorerNameTokens(name string) []string {
	s := strings.NewReplacer("’s", "", "'s", "").Replace(scorerFold(name))
	toks := strings.FieldsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
	var core []string
	for _, t := range toks {
		if !slices.Contains(scorerHonorifics, t) && !slices.Contains([]string{"jr", "sr", "ii", "iii", "iv"}, t) {
			core = append(core, t)
		}
	}
	if len(core) > 1 {
		var c2 []string
		for i, t := range core {
			if len(t) > 1 || i == 0 || i == len(core)-1 {
				c2 = append(c2, t)
			}
		}
		core = c2
		if len(core) > 2 {
			c3 := []string{core[0]}
			for _, t := range core[1 : len(core)-1] {
				if len(t) > 1 {
					c3 = append(c3, t)
				}
			}
			core = append(c3, core[len(core)-1])
		}
	}
	if len(core) == 0 {
		return toks
	}
	return core
}

func scorerNamesMatch(a, b string) bool {
	ta, tb := scorerNameTokens(a), scorerNameTokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return false
	}
	if slices.Equal(ta, tb) {
		return true
	}
	return len(ta) > 1 && len(tb) > 1 && ta[0] == tb[0] && ta[len(ta)-1] == tb[len(tb)-1]
}

func scorerGoldMatches(gold, pred string) bool {
	if scorerNamesMatch(gold, pred) {
		return true
	}
	tg, tp := scorerNameTokens(gold), scorerNameTokens(pred)
	return len(tg) == 1 && len(tp) > 1 && tg[0] == tp[len(tp)-1]
}

var (
	scorerGenericFirst = strings.Fields("a an another some several many most other others one two three members people " +
		"officials experts protestors protesters prosecutors witness witnesses sources critics residents police " +
		"researchers analysts students parents forecasters aides employees vice-president sensei public his her their my our")
	scorerGenericLast = strings.Fields("staff officials official spokesperson spokesman spokeswoman experts voters " +
		"residents critics members users researchers lawyers executives aide aides sources source people others advocates")
)

func scorerIsNamed(name string) bool {
	s := strings.TrimSpace(name)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "the "), "The ")
	toks := strings.Fields(s)
	if len(toks) == 0 || !unicode.IsUpper([]rune(toks[0])[0]) {
		return false
	}
	last := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' {
			return r
		}
		return -1
	}, strings.ToLower(toks[len(toks)-1]))
	return !slices.Contains(scorerGenericFirst, strings.ToLower(toks[0])) && !slices.Contains(scorerGenericLast, last)
}

// speakerPRF scores predicted speaker names against gold names as score_extract.py does.
func speakerPRF(gold [][]string, pred [][]string) (p, r, f float64) {
	var tp, fp, fn int
	for i := range gold {
		used := map[int]bool{}
		matched := 0
		for _, g := range gold[i] {
			if !scorerIsNamed(g) {
				continue
			}
			for j, pn := range pred[i] {
				if !used[j] && scorerGoldMatches(g, pn) {
					used[j] = true
					matched++
					break
				}
			}
			fn++
		}
		tp += matched
		fn -= matched
		fp += len(pred[i]) - len(used)
	}
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// scorerWords returns the folded words of s, counted, as score_extract.py's words does.
func scorerWords(s string) map[string]int {
	out := map[string]int{}
	for _, w := range strings.FieldsFunc(scorerFold(s), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }) {
		out[w]++
	}
	return out
}

// alignQuotes pairs gold and predicted quote texts one to one, best word overlap first, when
// the overlap is at least half the shorter quote's words (score_extract.py's align_quotes).
func alignQuotes(gold, pred []string) [][2]int {
	type cand struct {
		ov     float64
		gi, pi int
	}
	var cands []cand
	pw := make([]map[string]int, len(pred))
	for i, p := range pred {
		pw[i] = scorerWords(p)
	}
	for gi, g := range gold {
		gw := scorerWords(g)
		gn := 0
		for _, n := range gw {
			gn += n
		}
		for pi := range pred {
			pn, both := 0, 0
			for w, n := range pw[pi] {
				pn += n
				both += min(n, gw[w])
			}
			if short := min(gn, pn); short > 0 && float64(both)/float64(short) >= 0.5 {
				cands = append(cands, cand{float64(both) / float64(short), gi, pi})
			}
		}
	}
	slices.SortFunc(cands, func(a, b cand) int { // descending, as Python sorts the tuples reversed
		switch {
		case a.ov != b.ov:
			return cmp.Compare(b.ov, a.ov)
		case a.gi != b.gi:
			return cmp.Compare(b.gi, a.gi)
		}
		return cmp.Compare(b.pi, a.pi)
	})
	gu, pu := map[int]bool{}, map[int]bool{}
	var out [][2]int
	for _, c := range cands {
		if !gu[c.gi] && !pu[c.pi] {
			gu[c.gi], pu[c.pi] = true, true
			out = append(out, [2]int{c.gi, c.pi})
		}
	}
	return out
}

// TestQuoteAttributionGGT guards the share of GGT quotes found whose named speaker is the
// gold one, counted as score_extract.py's quote_attribution_accuracy.
func TestQuoteAttributionGGT(t *testing.T) {
	const floor = 0.90 // GGT is a non-regression check (issue 12): attribution stays >= 0.90
	path := sharedtest.Path(t, "gold/quotes-ggt.jsonl")
	f := newTestFinder(t)
	right, judged := 0, 0
	for _, g := range readGold(t, path) {
		sp, _ := f.find(news.Article{ID: g.ID, Body: g.Text})
		var texts, speakers, gold []string
		for _, s := range sp {
			for _, q := range s.Quotes {
				if q.Text != "" {
					texts, speakers = append(texts, q.Text), append(speakers, s.Name)
				}
			}
		}
		for _, q := range g.Quotes {
			gold = append(gold, q.Text)
		}
		for _, p := range alignQuotes(gold, texts) {
			if q := g.Quotes[p[0]]; q.Speaker != "" && scorerIsNamed(q.Speaker) {
				judged++
				if scorerGoldMatches(q.Speaker, speakers[p[1]]) {
					right++
				}
			}
		}
	}
	if judged == 0 {
		t.Fatal("got no judged quotes, want the GGT quotes")
	}
	acc := float64(right) / float64(judged)
	t.Logf("GGT quote attribution: %d of %d, %.3f", right, judged, acc)
	if acc < floor {
		t.Errorf("got quote attribution accuracy %.3f on GGT, want >= %.3f", acc, floor)
	}
}

// TestSpeakerF1GGT guards the speaker F1 on the Gender Gap Tracker gold set.
func TestSpeakerF1GGT(t *testing.T) {
	const floor = 0.88 // GGT is a non-regression check (issue 12): speaker F1 stays >= 0.88
	path := sharedtest.Path(t, "gold/quotes-ggt.jsonl")
	f := newTestFinder(t)
	var gold, pred [][]string
	for _, g := range readGold(t, path) {
		sp, _ := f.find(news.Article{ID: g.ID, Body: g.Text})
		var names []string
		for _, s := range canonicalSpeakers(sp) { // the names Extract gives
			if s.Name != "" { // the scorer leaves unnamed sources out
				names = append(names, s.Name)
			}
		}
		gold = append(gold, g.Speakers)
		pred = append(pred, names)
	}
	p, r, f1 := speakerPRF(gold, pred)
	t.Logf("GGT speakers: precision %.3f recall %.3f F1 %.3f", p, r, f1)
	if f1 < floor {
		t.Errorf("got speaker F1 %.3f on GGT, want >= %.3f", f1, floor)
	}
}
