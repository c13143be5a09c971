// Package compare aligns two articles passage by passage: revisions of
// one article as an ordered diff, two outlets' coverage of one event as
// shared verbatim runs, reworded sentence pairs and what only one side
// reports. It also keeps the MinHash signatures that find the articles
// worth comparing. Every span is in code points of the stored text.
package compare

import (
	"unicode"
)

// Span is the code points [Start, End) of a text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the span's length in code points.
func (s Span) Len() int { return s.End - s.Start }

// Sentences splits text into sentences. A line break always ends one, so
// headings, bylines and datelines on their own line stay whole; inside a
// line a sentence ends at . ! ? or … (with any closing quotes or
// brackets after it) followed by a space and a word that can start a
// sentence, unless the period ends an abbreviation (Mr., Jan. 5, U.S.
// officials), an initial (George W. Bush) or is part of a number or
// address (3.5, bbc.co.uk), which have no space after the dot.
func Sentences(text string) []Span {
	return sentencesOf([]rune(text))
}

func sentencesOf(rs []rune) []Span {
	var out []Span
	lineStart := 0
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && rs[i] != '\n' {
			continue
		}
		out = appendLineSentences(out, rs, lineStart, i)
		lineStart = i + 1
	}
	return out
}

// appendLineSentences splits the line rs[from:to].
func appendLineSentences(out []Span, rs []rune, from, to int) []Span {
	emit := func(start, end int) {
		for start < end && unicode.IsSpace(rs[start]) {
			start++
		}
		for end > start && unicode.IsSpace(rs[end-1]) {
			end--
		}
		if start < end {
			out = append(out, Span{start, end})
		}
	}
	start := from
	for i := from; i < to; i++ {
		if !isTerminator(rs[i]) {
			continue
		}
		j := i + 1
		for j < to && (isTerminator(rs[j]) || isCloser(rs[j])) {
			j++
		}
		if j >= to {
			break // the line's end ends the sentence anyway
		}
		if !unicode.IsSpace(rs[j]) {
			i = j - 1
			continue
		}
		k := j
		for k < to && unicode.IsSpace(rs[k]) {
			k++
		}
		// A closing quote set off by spaces (tokenised text: "end . ” Next")
		// still belongs to the sentence that ends.
		for k+1 < to && isClosingQuote(rs[k]) && unicode.IsSpace(rs[k+1]) {
			j = k + 1
			for k = j; k < to && unicode.IsSpace(rs[k]); k++ {
			}
		}
		if k >= to {
			break
		}
		if !canStartSentence(rs, k, to) || (rs[i] == '.' && j == i+1 && abbreviationBefore(rs, from, i, k, to)) {
			i = j - 1
			continue
		}
		emit(start, j)
		start = k
		i = k - 1
	}
	emit(start, to)
	return out
}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？':
		return true
	}
	return false
}

func isClosingQuote(r rune) bool { return r == '”' || r == '’' || r == '»' }

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '’', '”', '»', '›', ')', ']', '}':
		return true
	}
	return false
}

// canStartSentence: an upper-case letter, a digit, or an opening quote,
// bracket or dash before one. A lower-case word continues the sentence
// ("etc. and", "“Why?” he asked").
func canStartSentence(rs []rune, k, to int) bool {
	for ; k < to; k++ {
		r := rs[k]
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r) || unicode.IsTitle(r):
			return true
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r): // scripts without case
			return true
		case r == '"' || r == '\'' || r == '“' || r == '‘' || r == '«' || r == '(' || r == '[' || r == '-' || r == '–' || r == '—' || r == '„' || unicode.IsSpace(r):
			continue
		default:
			return false
		}
	}
	return false
}

// abbreviationBefore reports whether the period at rs[dot] ends an
// abbreviation rather than the sentence; rs[next] starts the next word.
func abbreviationBefore(rs []rune, from, dot, next, to int) bool {
	end := dot
	if end-1 > from && rs[end-1] == ' ' && unicode.IsLetter(rs[end-2]) {
		end-- // tokenised text: "Sen . Graham"
	}
	w := end
	for w > from && (unicode.IsLetter(rs[w-1]) || rs[w-1] == '.') {
		w--
	}
	word := string(rs[w:end])
	if word == "" {
		return false
	}
	nextWord := wordAt(rs, next, to)
	switch {
	case titles[word]:
		return true // Mr. Putin, Gen. Syrskyi: never the end of a sentence
	case months[word]:
		return unicode.IsDigit(rs[next]) // Jan. 5; "in Jan. The" ends one
	case len([]rune(word)) == 1 && unicode.IsUpper(rs[w]):
		return true // an initial: George W. Bush
	case abbreviations[word] || dotted(word):
		// U.S., Inc., a.m. may end a sentence: only when a common
		// sentence opener follows.
		return !starters[nextWord]
	}
	return false
}

func wordAt(rs []rune, k, to int) string {
	for k < to && !unicode.IsLetter(rs[k]) {
		k++
	}
	e := k
	for e < to && unicode.IsLetter(rs[e]) {
		e++
	}
	return string(rs[k:e])
}

// dotted: letters separated by periods, as in U.S or e.g (the final
// period is the one being judged).
func dotted(word string) bool {
	rs := []rune(word)
	if len(rs) < 3 {
		return false
	}
	for i, r := range rs {
		if (i%2 == 0) != unicode.IsLetter(r) || (i%2 == 1 && r != '.') {
			return false
		}
	}
	return true
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var (
	titles = set("Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Sgt", "Capt", "Cpt",
		"Maj", "Cmdr", "Adm", "Brig", "Rev", "Hon", "Pres", "Amb", "St", "Mt", "Ft", "Messrs", "Mme", "Mlle", "No", "Nos",
		"Vol", "Fig", "Art", "vs", "v", "cf", "approx", "ca")
	months        = set("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
	abbreviations = set("Inc", "Ltd", "Co", "Corp", "Bros", "Jr", "Sr", "etc", "Ave", "Blvd", "Rd", "Dept", "Univ", "Assn",
		"est", "al", "pp", "ed", "eds")
	starters = set("The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those",
		"There", "But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "After", "Before", "When", "While", "If",
		"His", "Her", "Its", "Their", "Our", "My", "Some", "Many", "Most", "No", "Not", "As", "By", "With", "What",
		"Who", "Why", "How", "Mr", "Mrs", "Ms", "Dr", "However", "Meanwhile", "Officials", "According")
)
