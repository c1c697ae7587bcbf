package extract

import (
	"bufio"
	"embed"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// speakerLexicon holds the word lists of the speaker finder. quote_verbs.txt is the Gender Gap
// Tracker's reporting-verb list (MIT, see quote_verbs.LICENSE); the speaker_*.txt lists were
// written for searchd.
//
//go:embed lexicon/quote_verbs.txt lexicon/speaker_*.txt lexicon/caption_*.txt
var speakerLexicon embed.FS

// speakerWords is the vocabulary the speaker finder works with, loaded once by newSpeakerFinder.
type speakerWords struct {
	verbs           map[string]bool // reporting verbs
	weak            map[string]bool // reporting verbs that need a following quote, colon or "that"
	predicative     map[string]bool // verbs that characterise their object: "called the plan “…”"
	findings        map[string]bool // verbs by which a poll or study reports: "a … poll found"
	polls           map[string]bool // documents whose named author speaks through them
	roles           map[string]bool // role nouns heading a title
	modifiers       map[string]bool // words inside titles
	orgWords        map[string]bool // words that make a name an organisation
	stopCaps        map[string]bool // capitalised words that are never names
	demonyms        map[string]bool // nationality adjectives: part of organisation names, never a name alone
	gender          map[string]byte // first name -> 'm' or 'f' (0 when both)
	abbrev          map[string]bool // abbreviations that keep their full stop
	abbrevLen       int             // the most runes of an abbreviation
	lex             lexTable        // every word above -> the lists that hold it
	captions        captionWords    // caption and credit paragraphs, for the normalise stage
	descSuf         []string        // endings of nouns for people (speaker_descriptor_suffixes.txt)
	company         map[string]bool // words that end a company's name (speaker_company_words.txt)
	nonSpeaker      map[string]bool // last words of names of laws and documents (speaker_nonspeaker_heads.txt)
	quoting         map[string]bool // verbs by which an outlet relays a quote (speaker_verbs_quoting.txt)
	particles       map[string]bool // words that make a predicative verb another (speaker_predicative_particles.txt)
	adverbs         map[string]bool // sentence adverbs and connectives, never names (speaker_sentence_adverbs.txt)
	persons         map[string]bool // nouns for a person heading an unnamed source (speaker_person_nouns.txt)
	surnameRoles    map[string]bool // roles that are also common surnames: "King", "Pope" (speaker_surname_roles.txt)
	seats           map[string]bool // places that stand for a government: "downing street" (speaker_seat_names.txt)
	documents       map[string]bool // documents that speak for their author (speaker_document_nouns.txt)
	kin             map[string]bool // relations that introduce a name (speaker_kin_words.txt)
	sourceNouns     map[string]bool // channels of a statement (speaker_source_nouns.txt)
	groups          map[string]bool // speaker_group_words.txt
	genericOrgs     map[string]bool // speaker_generic_org_nouns.txt
	credits         map[string]bool // speaker_credit_words.txt
	business        map[string]bool // nouns that make the name before them a company (speaker_business_nouns.txt)
	titleOnly       map[string]bool // roles that name no one alone: "President said" (speaker_title_only_roles.txt)
	audience        map[string]bool // the audience of a speech verb: "told reporters" (speaker_audience_words.txt)
	timeWords       map[string]bool // "said on Tuesday", "said earlier" (speaker_time_words.txt)
	timeMods        map[string]bool // "said late on Tuesday" (speaker_time_modifiers.txt)
	shortVerbs      map[string]bool // past forms without -ed that end a two-word clause: "said profits fell" (speaker_short_verbs.txt)
	titleAbbrevs    map[string]bool // titles written short before a name: "Dr.", "Sen." (speaker_title_abbreviations.txt)
	participleLinks map[string]bool // words between a comma and a speech participle: ", before adding" (speaker_participle_links.txt)
	bareOrgs        map[string]bool // nouns heading an organisation's name (speaker_bare_org_nouns.txt)
	summaryNouns    map[string]bool // nouns that sum up what was said: "…, a swipe at" (speaker_summary_nouns.txt)
	authoring       map[string]bool // participles before "by" and a data's author: "published" (speaker_authoring_participles.txt)
	bareClause      map[string]bool // weak verbs that report a clause without "that" (speaker_verbs_bare_clause.txt)
	partyMembers    map[string]bool // a party's members: "the Wisconsin Republican" (speaker_party_members.txt)
	members         map[string]bool // words that introduce named members of a group: "including" (speaker_member_words.txt)
}

// lexTable maps words to lexFlags: an open-addressing hash table, several times faster than
// a Go map for the one lookup tokenize makes for every word of every article. Each slot is 32
// bits, so that the table of a few thousand words stays in the processor's nearest caches: the
// high 16 bits of the key's hash and the index (plus one) of the key in keys and flags; 0 when
// empty. Keys are compared only when the hashes agree.
type lexTable struct {
	slots   []uint32
	entries []lexEntry
}

// lexEntry is one word of a lexTable. The words are substrings of one string, so that the
// bytes compared on a hit are near each other in memory.
type lexEntry struct {
	key   string
	flags lexFlag
}

// maxLexWords is how many words a lexTable holds: its slots have 16 bits for the index.
const maxLexWords = 1<<16 - 1

func lexHash(s string) uint32 {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// newLexTable builds the table of m, with at most one slot in two used.
func newLexTable(m map[string]lexFlag) (lexTable, error) {
	if len(m) > maxLexWords {
		return lexTable{}, fmt.Errorf("%d words in the speaker lexicons, more than %d", len(m), maxLexWords)
	}
	n := 16
	for n < 2*len(m) {
		n *= 2
	}
	words := slices.Sorted(maps.Keys(m))
	all := strings.Join(words, "")
	t := lexTable{slots: make([]uint32, n), entries: make([]lexEntry, 0, len(m))}
	at := 0
	for _, k := range words {
		h := lexHash(k)
		i := int(h) & (n - 1)
		for t.slots[i] != 0 {
			i = (i + 1) & (n - 1)
		}
		t.entries = append(t.entries, lexEntry{key: all[at : at+len(k)], flags: m[k]})
		at += len(k)
		t.slots[i] = h&0xffff0000 | uint32(len(t.entries))
	}
	return t, nil
}

// get returns the flags of word, 0 when no list holds it.
func (t *lexTable) get(word string) lexFlag {
	if len(t.slots) == 0 {
		return 0
	}
	h := lexHash(word)
	mask := len(t.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0
		}
		if s&0xffff0000 == h&0xffff0000 {
			if e := &t.entries[s&0xffff-1]; e.key == word {
				return e.flags
			}
		}
	}
}

// lexFlag is a set of the word lists of speakerWords, stored on each token by tokenize so that
// the finder looks a word up once per article rather than once per question.
type lexFlag uint64

const (
	lexVerb               lexFlag = 1 << iota // verbs
	lexWeak                                   // weak
	lexRole                                   // roles
	lexModifier                               // modifiers
	lexOrg                                    // orgWords
	lexStopCap                                // stopCaps
	lexDemonym                                // demonyms
	lexGiven                                  // a key of gender
	lexMale                                   // gender 'm'
	lexFemale                                 // gender 'f'
	lexRolePart                               // a role, or a hyphenated word with a role part ("singer-songwriter")
	lexStopCapContraction                     // a stopCaps word with an apostrophe ending: "we’d", "it's"
	lexPredicative                            // predicative
	lexFinding                                // findings
	lexPoll                                   // polls
	lexParticle                               // name particles: "van", "al"
	lexDeterminer                             // determiners, definite and unnamed
	lexUnnamedDet                             // determiners of an unnamed source: "a", "several"
	lexVerbGap                                // auxiliaries and adverbs between a subject and its verb
	lexProgressive                            // "is saying", "kept insisting"
	lexFunction                               // function words
	lexPronoun                                // personal pronouns
	lexSubordinator                           // "while", "because"
	lexPreposition                            // prepositions
	lexQuestion                               // "whether", "how"
	lexMonth                                  // month names, with and without a full stop
	lexPhrasePrep                             // "of", "for" in "the head of the agency"
	lexClause                                 // words that go on with a clause, not a name
	lexWeekday                                // days of the week
	lexDayPart                                // "morning", "night"
	lexWorkTitle                              // "titled", "headlined"
	lexRankPrep                               // prepositions of the ranker's features
	lexTitleFemale                            // title words that tell a woman: "spokeswoman"
	lexTitleMale                              // title words that tell a man: "spokesman"
	lexHonorificMale                          // "Mr.", "Sir"
	lexHonorificFemale                        // "Ms.", "Dame"
	lexHonorific                              // "Dr.", "Prof."
	lexNationalBody                           // "government", "army" after a demonym
	lexPluralRelation                         // "parents", "co-founders"
	lexRuling                                 // verbs by which a court rules: "held", "found"
	lexCourt                                  // nouns that make an organisation a court: "Court", "Tribunal"
	lexHearerVerb                             // verbs whose object is the hearer: "told", "reminded"
	lexPurposeVerb                            // verbs of an act done "to say" something: "took to Twitter to say"
)

// has reports whether the lower-case word low is in the lists of f, for a word that is not a
// token (a part of one, or a word chosen among several).
func (w *speakerWords) has(low string, f lexFlag) bool { return w.lex.get(low)&f != 0 }

// flags returns the lists that hold the lower-case word low.
func (w *speakerWords) flags(low string) lexFlag {
	f := w.lex.get(low)
	if f&lexRole == 0 && strings.IndexByte(low, '-') >= 0 {
		f |= w.rolePart(low)
	}
	return f
}

// hasLatinDiacritic reports whether s holds a Latin letter with a diacritic (U+00C0 to U+024F),
// not only other non-ASCII runes such as a curly apostrophe.
func hasLatinDiacritic(s string) bool {
	if isASCII(s) {
		return false
	}
	for _, r := range s {
		if r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7 {
			return true
		}
	}
	return false
}

// givenFolded returns the given-name flags of the lower-case word low written without its
// diacritics ("maría" is "maria"), when the first-name list has it only so; 0 otherwise.
func (w *speakerWords) givenFolded(low string) lexFlag {
	folded := canonFold(low)
	if folded == low || folded == "" {
		return 0
	}
	return w.lex.get(folded) & (lexGiven | lexMale | lexFemale)
}

// rolePart returns lexRolePart when a part of the hyphenated word low is a role.
func (w *speakerWords) rolePart(low string) lexFlag {
	for part := range strings.SplitSeq(low, "-") {
		if w.roles[part] {
			return lexRolePart
		}
	}
	return 0
}

// contraction reports whether low is a stopCaps word with an apostrophe ending: "we’d", "it's".
func (w *speakerWords) contraction(low string) bool {
	k := strings.IndexByte(low, '\'')
	if c := strings.Index(low, "’"); c >= 0 && (k < 0 || c < k) {
		k = c
	}
	return k > 0 && w.stopCaps[low[:k]]
}

// buildLex fills w.lex from the word lists.
func (w *speakerWords) buildLex() (err error) {
	lex := map[string]lexFlag{}
	for _, l := range []struct {
		set  map[string]bool
		flag lexFlag
	}{
		{w.verbs, lexVerb}, {w.weak, lexWeak}, {w.roles, lexRole | lexRolePart}, {w.modifiers, lexModifier},
		{w.orgWords, lexOrg}, {w.stopCaps, lexStopCap}, {w.demonyms, lexDemonym}, {w.predicative, lexPredicative},
		{w.findings, lexFinding}, {w.polls, lexPoll},
	} {
		for k := range l.set {
			lex[k] |= l.flag
		}
	}
	// closed classes the finder asks about only through token flags
	for _, l := range []struct {
		file string
		flag lexFlag
	}{
		{"speaker_name_particles.txt", lexParticle},
		{"speaker_determiners.txt", lexDeterminer},
		{"speaker_unnamed_determiners.txt", lexUnnamedDet | lexDeterminer},
		{"speaker_verb_gap_words.txt", lexVerbGap},
		{"speaker_progressive_aux.txt", lexProgressive},
		{"speaker_function_words.txt", lexFunction},
		{"speaker_pronouns.txt", lexPronoun},
		{"speaker_subordinators.txt", lexSubordinator},
		{"speaker_prepositions.txt", lexPreposition},
		{"speaker_question_words.txt", lexQuestion},
		{"speaker_months.txt", lexMonth},
		{"speaker_phrase_prepositions.txt", lexPhrasePrep},
		{"speaker_clause_words.txt", lexClause},
		{"speaker_weekdays.txt", lexWeekday},
		{"speaker_day_parts.txt", lexDayPart},
		{"speaker_work_title_cues.txt", lexWorkTitle},
		{"speaker_rank_prepositions.txt", lexRankPrep},
		{"speaker_title_words_female.txt", lexTitleFemale},
		{"speaker_title_words_male.txt", lexTitleMale},
		{"speaker_honorifics_male.txt", lexHonorificMale},
		{"speaker_honorifics_female.txt", lexHonorificFemale},
		{"speaker_honorifics.txt", lexHonorific},
		{"speaker_national_bodies.txt", lexNationalBody},
		{"speaker_plural_relations.txt", lexPluralRelation},
		{"speaker_verbs_rulings.txt", lexRuling},
		{"speaker_court_words.txt", lexCourt},
		{"speaker_verbs_hearer.txt", lexHearerVerb},
		{"speaker_verbs_purpose.txt", lexPurposeVerb},
	} {
		set, err := loadSet(l.file)
		if err != nil {
			return err
		}
		for k := range set {
			lex[k] |= l.flag
			if l.flag == lexMonth {
				lex[k+"."] |= l.flag // "Jan.", "Sept." are tokens with their full stop
			}
		}
	}
	for k, g := range w.gender {
		f := lexGiven
		switch g {
		case 'm':
			f |= lexMale
		case 'f':
			f |= lexFemale
		}
		lex[k] |= f
	}
	w.lex, err = newLexTable(lex)
	return err
}

func readWordList(name string) ([]string, error) {
	f, err := speakerLexicon.Open("lexicon/" + name)
	if err != nil {
		return nil, fmt.Errorf("open lexicon %s: %w", name, err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read lexicon %s: %w", name, err)
	}
	return out, nil
}

func loadSet(names ...string) (map[string]bool, error) {
	set := map[string]bool{}
	for _, n := range names {
		ws, err := readWordList(n)
		if err != nil {
			return nil, err
		}
		for _, w := range ws {
			set[strings.ToLower(w)] = true
		}
	}
	return set, nil
}

func loadSpeakerWords() (*speakerWords, error) {
	w := &speakerWords{gender: map[string]byte{}}
	for _, l := range []struct {
		set   *map[string]bool
		files []string
	}{
		{&w.verbs, []string{"quote_verbs.txt", "speaker_verbs_extra.txt"}},
		{&w.weak, []string{"speaker_verbs_weak.txt"}},
		{&w.predicative, []string{"speaker_verbs_predicative.txt"}},
		{&w.findings, []string{"speaker_verbs_findings.txt"}},
		{&w.polls, []string{"speaker_poll_nouns.txt"}},
		{&w.roles, []string{"speaker_roles.txt"}},
		{&w.modifiers, []string{"speaker_modifiers.txt"}},
		{&w.orgWords, []string{"speaker_orgwords.txt"}},
		{&w.stopCaps, []string{"speaker_stopcaps.txt"}},
		{&w.demonyms, []string{"speaker_demonyms.txt"}},
		{&w.company, []string{"speaker_company_words.txt"}},
		{&w.nonSpeaker, []string{"speaker_nonspeaker_heads.txt"}},
		{&w.quoting, []string{"speaker_verbs_quoting.txt"}},
		{&w.particles, []string{"speaker_predicative_particles.txt"}},
		{&w.adverbs, []string{"speaker_sentence_adverbs.txt"}},
		{&w.persons, []string{"speaker_person_nouns.txt"}},
		{&w.surnameRoles, []string{"speaker_surname_roles.txt"}},
		{&w.seats, []string{"speaker_seat_names.txt"}},
		{&w.documents, []string{"speaker_document_nouns.txt"}},
		{&w.kin, []string{"speaker_kin_words.txt"}},
		{&w.sourceNouns, []string{"speaker_source_nouns.txt"}},
		{&w.groups, []string{"speaker_group_words.txt"}},
		{&w.genericOrgs, []string{"speaker_generic_org_nouns.txt"}},
		{&w.credits, []string{"speaker_credit_words.txt"}},
		{&w.business, []string{"speaker_business_nouns.txt"}},
		{&w.titleOnly, []string{"speaker_title_only_roles.txt"}},
		{&w.audience, []string{"speaker_audience_words.txt"}},
		{&w.timeWords, []string{"speaker_time_words.txt"}},
		{&w.timeMods, []string{"speaker_time_modifiers.txt"}},
		{&w.shortVerbs, []string{"speaker_short_verbs.txt"}},
		{&w.titleAbbrevs, []string{"speaker_title_abbreviations.txt"}},
		{&w.participleLinks, []string{"speaker_participle_links.txt"}},
		{&w.bareOrgs, []string{"speaker_bare_org_nouns.txt"}},
		{&w.members, []string{"speaker_member_words.txt"}},
		{&w.partyMembers, []string{"speaker_party_members.txt"}},
		{&w.bareClause, []string{"speaker_verbs_bare_clause.txt"}},
		{&w.authoring, []string{"speaker_authoring_participles.txt"}},
		{&w.summaryNouns, []string{"speaker_summary_nouns.txt"}},
	} {
		set, err := loadSet(l.files...)
		if err != nil {
			return nil, err
		}
		*l.set = set
	}
	for v := range w.weak {
		w.verbs[v] = true
	}
	names, err := readWordList("speaker_firstnames.txt")
	if err != nil {
		return nil, err
	}
	for _, l := range names {
		g, n, ok := strings.Cut(l, " ")
		if !ok || (g != "m" && g != "f") {
			return nil, fmt.Errorf("lexicon speaker_firstnames.txt: bad line %q", l)
		}
		n = strings.ToLower(strings.TrimSpace(n))
		if old, seen := w.gender[n]; seen && old != g[0] {
			w.gender[n] = 0
			continue
		}
		w.gender[n] = g[0]
	}
	w.abbrev = map[string]bool{}
	for _, a := range strings.Fields("mr. mrs. ms. dr. sen. rep. gov. gen. lt. col. capt. sgt. prof. rev. st. jr. sr. " +
		"inc. corp. co. ltd. jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. no. vs. mt. ft. cpl. pvt. " +
		"supt. insp. det. const. hon. atty. gens. sens. reps. messrs. lt.-col. maj. adm. cmdr. sgt.-maj.") {
		w.abbrev[a] = true
		w.abbrevLen = max(w.abbrevLen, utf8.RuneCountInString(a))
	}
	if w.captions, err = loadCaptionWords(); err != nil {
		return nil, err
	}
	if w.descSuf, err = readWordList("speaker_descriptor_suffixes.txt"); err != nil {
		return nil, err
	}
	if err := w.buildLex(); err != nil {
		return nil, err
	}
	return w, nil
}

// honorific reports whether low (a lower-cased token) is an honorific stripped from names, and
// the gender it tells ('m', 'f' or 0).
func (w *speakerWords) honorific(low string) (byte, bool) {
	switch f := w.lex.get(strings.TrimSuffix(low, ".")); {
	case f&lexHonorificMale != 0:
		return 'm', true
	case f&lexHonorificFemale != 0:
		return 'f', true
	case f&lexHonorific != 0:
		return 0, true
	}
	return 0, false
}

// personNounEnding reports whether low ends like a noun for a person ("gardener", "retirees").
func (w *speakerWords) personNounEnding(low string) bool {
	for _, s := range w.descSuf {
		if len(low) > len(s)+2 && strings.HasSuffix(low, s) {
			return true
		}
	}
	return false
}

// sourcePerson reports whether low is a noun for a person who can be a source, singular or
// plural: "source", "officials", "aide" ("a source familiar with …", "people close to …").
func (w *speakerWords) sourcePerson(low string) bool {
	return w.persons[low] || w.persons[strings.TrimSuffix(low, "s")] || w.roles[low]
}

// personHead reports whether low, the head of a description, is a word for a person: a person
// noun ("narrator", "magnate") or a word with a person's ending ("businessman", "activist"),
// not a word of time ("afternoon").
func (w *speakerWords) personHead(low string) bool {
	return w.persons[low] || w.personNounEnding(low) && !w.timeWords[low]
}
