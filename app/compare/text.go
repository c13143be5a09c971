package compare

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app/search"
)

// word is one word of a text: its folded form (search's folding: case,
// diacritics, apostrophes), where it is, and whether it is written with
// a capital or a digit first (a name or a number, unless it begins its
// sentence).
type word struct {
	term    string
	span    Span
	capital bool
}

// sentence is one sentence with the words [lo, hi) it holds and the
// features its similarity to other sentences is measured on.
type sentence struct {
	span   Span
	lo, hi int
	stems  []uint32 // content words, stemmed, plus word bigrams; sorted, unique
	grams  []uint32 // character 4-grams of the folded words; sorted, unique
	terms  []uint32 // the content words alone, stemmed, as synonyms; sorted, unique
	said   []uint32 // the terms that are neither names nor numbers; sorted, unique
}

// analysis is one text split into words and sentences.
type analysis struct {
	text  string
	words []word
	sents []sentence
	// sentOf is the sentence of each word.
	sentOf []int
	// starts[i] is the byte offset of code point i, for quoting spans.
	starts []int
}

func analyse(text string) *analysis {
	a := &analysis{text: text}
	a.starts = make([]int, 0, len(text)+1)
	for i := range text {
		a.starts = append(a.starts, i)
	}
	a.starts = append(a.starts, len(text))
	search.Tokens(text, func(t search.Token) {
		if !t.Joined {
			r, _ := utf8.DecodeRuneInString(text[a.starts[t.Start]:])
			a.words = append(a.words, word{string(t.Term), Span{t.Start, t.End}, unicode.IsUpper(r) || unicode.IsDigit(r)})
		}
	})
	a.sentOf = make([]int, len(a.words))
	for k := range a.sentOf {
		a.sentOf[k] = -1 // no sentence: cannot happen, as sentences cover every word
	}
	w := 0
	for _, sp := range Sentences(text) {
		for w < len(a.words) && a.words[w].span.Start < sp.Start {
			w++
		}
		s := sentence{span: sp, lo: w}
		for w < len(a.words) && a.words[w].span.End <= sp.End {
			w++
		}
		s.hi = w
		s.stems, s.grams, s.terms, s.said = features(a.words[s.lo:s.hi])
		for k := s.lo; k < s.hi; k++ {
			a.sentOf[k] = len(a.sents)
		}
		a.sents = append(a.sents, s)
	}
	return a
}

// quote is the text of a span.
func (a *analysis) quote(s Span) string { return a.text[a.starts[s.Start]:a.starts[s.End]] }

// wordSpan is the span from word lo to word hi-1.
func (a *analysis) wordSpan(lo, hi int) Span {
	return Span{a.words[lo].span.Start, a.words[hi-1].span.End}
}

// stemLen is how many leading letters stand for a word: a crude stem
// that makes "invites", "invited" and "invitation" one feature.
const stemLen = 5

// features returns a sentence's word features (content-word stems and
// bigrams of stems), character 4-grams, its terms (content words that
// carry a fact: no reporting verbs, synonyms made one) and of those the
// ones that say what happened rather than name who or what (no capital
// or digit first, unless the sentence begins with the word or is in
// title case, where capitals say nothing), as sorted unique hashes.
func features(ws []word) (stems, grams, terms, said []uint32) {
	content := func(w word) bool { return !stopwords[w.term] && utf8.RuneCountInString(w.term) >= 3 }
	capitals, words := 0, 0
	for _, w := range ws[min(1, len(ws)):] {
		if content(w) {
			words++
			if w.capital {
				capitals++
			}
		}
	}
	titleCase := 2*capitals > words
	prev := ""
	var joined strings.Builder
	for i, w := range ws {
		st := stem(w.term)
		if content(w) {
			stems = append(stems, hash("u", st, ""))
			if !reportingWords[w.term] {
				t := hash("t", stem(canonical(w.term)), "")
				terms = append(terms, t)
				if i == 0 || titleCase || !w.capital {
					said = append(said, t)
				}
			}
		}
		if i > 0 {
			stems = append(stems, hash("b", prev, st))
		}
		prev = st
		if i > 0 {
			joined.WriteByte(' ')
		}
		joined.WriteString(w.term)
	}
	rs := []rune(joined.String())
	for i := 0; i+4 <= len(rs); i++ {
		grams = append(grams, hash("c", string(rs[i:i+4]), ""))
	}
	return uniq(stems), uniq(grams), uniq(terms), uniq(said)
}

// canonical maps a word to the one its paraphrases share: outlets
// retelling a fact swap these freely.
func canonical(term string) string {
	if c, ok := synonyms[term]; ok {
		return c
	}
	return term
}

func stem(term string) string {
	n := 0
	for i := range term {
		if n == stemLen {
			return term[:i]
		}
		n++
	}
	return term
}

// hash is FNV-1a of kind, a, a zero byte and b.
func hash(kind, a, b string) uint32 {
	h := uint32(2166136261)
	for _, s := range [...]string{kind, a, "\x00", b} {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint32(s[i])) * 16777619
		}
	}
	return h
}

func uniq(xs []uint32) []uint32 {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// dice is 2|a∩b| / (|a|+|b|) of two sorted sets.
func dice(a, b []uint32) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(intersection(a, b)) / float64(len(a)+len(b))
}

// intersection counts the values two sorted sets share.
func intersection(a, b []uint32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n, i, j = n+1, i+1, j+1
		}
	}
	return n
}

// similarity of two sentences: the mean of the Dice coefficients of
// their word features and of their character 4-grams, so both a reordered
// sentence (same words) and an inflected one (same letters) score.
func similarity(a, b *sentence) float64 {
	return (dice(a.stems, b.stems) + dice(a.grams, b.grams)) / 2
}

// stopwords are English function words, left out of the content-word
// features (they still count in bigrams and character grams).
var stopwords = set("the", "a", "an", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with",
	"from", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will",
	"would", "shall", "should", "can", "could", "may", "might", "must", "not", "no", "it", "its", "this", "that",
	"these", "those", "he", "she", "they", "them", "his", "her", "their", "we", "our", "you", "your", "i", "me", "my",
	"who", "whom", "which", "what", "when", "where", "why", "how", "than", "then", "there", "here", "so", "also",
	"into", "over", "after", "before", "about", "said", "says", "say", "up", "out", "more", "most", "all", "any",
	"some", "such", "only", "own", "same", "other", "very", "just", "new", "one", "two", "its", "us", "him")

// reportingWords say who said a thing, not what: "told", "tweeted" and
// "according" match between any two quotes.
var reportingWords = set("told", "tells", "tell", "stated", "states", "declared", "announced", "added", "adds", "noted",
	"notes", "tweeted", "wrote", "writes", "according", "claimed", "claims", "reported", "reports", "asked", "statement",
	"interview", "spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "official", "officials")

// synonyms are words two outlets use for one thing (folded forms).
var synonyms = map[string]string{
	"firm": "company", "firms": "company", "companies": "company",
	"lawyer": "attorney", "lawyers": "attorney", "attorneys": "attorney",
	"america": "usa", "american": "usa", "americans": "usa", "us": "usa",
	"gop": "republican", "republicans": "republican", "democrats": "democrat", "democratic": "democrat",
	"obamacare": "aca", "percent": "pct",
	"bans": "ban", "banning": "ban", "banned": "ban", "bars": "ban", "barring": "ban", "barred": "ban", "bar": "ban",
	"prohibits": "ban", "prohibit": "ban", "prohibited": "ban", "prohibiting": "ban",
	"sued": "sue", "suing": "sue", "sues": "sue", "lawsuit": "sue", "suit": "sue",
	"convicted": "guilty", "unveiled": "signed", "hired": "hire", "retained": "hire",
	"legalized": "legal", "legalize": "legal", "legalizing": "legal",
}
