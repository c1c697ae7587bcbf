package extract

import "strings"

// Surnames of public figures that news names by surname and title alone ("President Trump",
// "Mr. Obama", "Sen. Graham") often enough that a whole article never gives the first name.
// The speaker facet would then hold "Trump" beside "Donald Trump". At index time an article is
// read alone, so the full name can only come from the name and its title: knownFigure maps a
// surname to a full name only when a title or honorific in the mention fits one person, and
// only when the article names nobody else of that surname (lookup runs first). The table is
// kept small on purpose: the most frequent surname-only speakers over the AllSides corpus
// (2012-2020 US politics), each with the cues that single the person out. A surname with
// several holders of the same title ("President Bush") is left out.
var knownFigures = map[string][]knownFigureCue{
	"trump":     {{"Donald Trump", "- president president-elect mr. mr nominee candidate"}},
	"obama":     {{"Barack Obama", "- president president-elect mr. mr senator sen. sen"}},
	"biden":     {{"Joe Biden", "president vice mr. mr"}},
	"clinton":   {{"Hillary Clinton", "secretary mrs. mrs ms. ms nominee candidate"}, {"Bill Clinton", "president mr. mr"}},
	"pence":     {{"Mike Pence", "vice gov. gov governor mr. mr"}},
	"putin":     {{"Vladimir Putin", "president mr. mr"}},
	"xi":        {{"Xi Jinping", "president mr. mr"}},
	"netanyahu": {{"Benjamin Netanyahu", "minister mr. mr"}},
	"pelosi":    {{"Nancy Pelosi", "- speaker rep. rep leader ms. ms mrs. mrs"}},
	"mcconnell": {{"Mitch McConnell", "- leader sen. sen senator mr. mr"}},
	"schumer":   {{"Chuck Schumer", "- leader sen. sen senator mr. mr"}},
	"sanders":   {{"Bernie Sanders", "sen. sen senator mr. mr"}, {"Sarah Huckabee Sanders", "secretary ms. ms mrs. mrs"}},
	"graham":    {{"Lindsey Graham", "- sen. sen senator"}},
	"boehner":   {{"John Boehner", "speaker mr. mr"}},
	"romney":    {{"Mitt Romney", "gov. gov governor sen. sen senator mr. mr nominee"}},
	"cruz":      {{"Ted Cruz", "sen. sen senator"}},
	"rubio":     {{"Marco Rubio", "sen. sen senator"}},
	"mccain":    {{"John McCain", "sen. sen senator"}},
	"reid":      {{"Harry Reid", "leader sen. sen senator"}},
	"warren":    {{"Elizabeth Warren", "sen. sen senator"}},
	"comey":     {{"James Comey", "director mr. mr"}},
	"mueller":   {{"Robert Mueller", "counsel director mr. mr"}},
	"sessions":  {{"Jeff Sessions", "attorney general sen. sen senator"}},
	"barr":      {{"William Barr", "attorney general"}},
	"pompeo":    {{"Mike Pompeo", "secretary"}},
	"tillerson": {{"Rex Tillerson", "secretary"}},
	"kerry":     {{"John Kerry", "secretary"}},
	"merkel":    {{"Angela Merkel", "chancellor"}},
	"macron":    {{"Emmanuel Macron", "president"}},
	"trudeau":   {{"Justin Trudeau", "minister"}},
	"erdogan":   {{"Recep Tayyip Erdogan", "president"}},
}

// knownFigureCue is one person a surname may stand for, and the lower-case title words and
// honorifics (space-separated) that name that person. The cue "-" lets the surname alone,
// with no title or honorific, name that person: over AllSides, an article that says only
// "Trump said" and names no other Trump means Donald Trump ("Graham": Lindsey Graham).
type knownFigureCue struct {
	name string
	cues string
}

// knownFigure returns the full name a one-word person mention stands for when its title or
// honorific singles out one person of knownFigures, or nil.
func knownFigure(m mention) []string {
	if len(m.name) != 1 || m.org {
		return nil
	}
	figs := getFold(knownFigures, m.name[0])
	if len(figs) == 0 {
		return nil
	}
	words := strings.Fields(strings.ToLower(m.title))
	if m.hon != "" {
		words = append(words, m.hon)
	}
	if len(words) == 0 {
		words = []string{"-"} // the surname alone
	}
	var found []string
	for _, f := range figs {
		cues := strings.Fields(f.cues)
		for _, w := range words {
			if containsString(cues, w) {
				if found != nil {
					return nil // cues of two people: "Mr." for Bill or Hillary Clinton's husband
				}
				found = strings.Fields(f.name)
				break
			}
		}
	}
	return found
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// getFold returns m[strings.ToLower(s)], without allocating for short ASCII words.
func getFold[V any](m map[string]V, s string) V {
	var buf [32]byte
	if len(s) > len(buf) || !isASCII(s) {
		return m[strings.ToLower(s)]
	}
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return m[string(b)]
}
