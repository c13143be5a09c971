package quickopen

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fuzzy's scoring constants (github.com/sahilm/fuzzy v0.1.3).
const (
	firstCharMatchBonus            = 10
	matchFollowingSeparatorBonus   = 20
	camelCaseMatchBonus            = 20
	adjacentMatchBonus             = 5
	unmatchedLeadingCharPenalty    = -5
	maxUnmatchedLeadingCharPenalty = -15
)

// score is sahilm/fuzzy's scoring loop (FindFromIterNoSort, v0.1.3)
// transcribed with the same state machine and the same quirks, but
// keeping only the last matched index instead of a slice, so scoring a
// candidate allocates nothing. It reports whether every pattern rune
// matched, as fuzzy does before it keeps a match. text must already be
// cut at its first NUL. TestScoreEqualsFuzzy holds it to fuzzy.
func score(pattern []rune, text string) (int, bool) {
	var st scoring
	st.start()
	var last rune
	next, nextSize := utf8.DecodeRuneInString(text)
	for j := 0; j < len(text); {
		c, size := next, nextSize
		if equalFold(c, pattern[st.patternIndex]) {
			st.match(j, isLower(last) && isUpper(c), j != 0 && isSeparator(last))
		}
		var nextp rune
		if st.patternIndex < len(pattern)-1 {
			nextp = pattern[st.patternIndex+1]
		}
		switch k := j + size; {
		case k >= len(text):
			next, nextSize = 0, 0
		case text[k] < utf8.RuneSelf:
			next, nextSize = rune(text[k]), 1
		default:
			next, nextSize = utf8.DecodeRuneInString(text[k:])
		}
		// The best score so far is taken where the next pattern rune comes
		// up, or at the end (fuzzy's zero rune past the text).
		if equalFold(nextp, next) || next == 0 {
			st.take()
		}
		st.lastIndex, last = j, c
		j += size
		if st.patternIndex == len(pattern) {
			break // fuzzy only gets here at the text's end
		}
	}
	return st.total + st.matched - len(text), st.matched == len(pattern)
}

// scoring is the state of fuzzy's scoring loop that score and scoreBytes
// share: the bonuses a match earns, and taking a pattern rune's best.
type scoring struct {
	total, matched, lastMatch int
	patternIndex              int
	bestScore, matchedIndex   int
	currAdjacent              int
	lastIndex                 int // where the previous rune starts
}

func (st *scoring) start() { st.bestScore, st.matchedIndex = -1, -1 }

// match scores the current pattern rune found at byte j.
func (st *scoring) match(j int, camelCase, afterSeparator bool) {
	s := 0
	if j == 0 {
		s += firstCharMatchBonus
	}
	if camelCase {
		s += camelCaseMatchBonus
	}
	if afterSeparator {
		s += matchFollowingSeparatorBonus
	}
	if st.matched > 0 && st.lastMatch == st.lastIndex {
		bonus := st.currAdjacent*2 + adjacentMatchBonus
		s += bonus
		st.currAdjacent += bonus
	}
	if s > st.bestScore {
		st.bestScore, st.matchedIndex = s, j
	}
}

// take adds the current pattern rune's best score and moves to the next.
func (st *scoring) take() {
	if st.matchedIndex < 0 {
		return
	}
	if st.matched == 0 {
		st.bestScore += max(st.matchedIndex*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
	}
	st.total += st.bestScore
	st.matched++
	st.lastMatch = st.matchedIndex // fuzzy does not reset matchedIndex either
	st.bestScore = -1
	st.patternIndex++
}

// equalFold is fuzzy's (from strings.EqualFold).
func equalFold(tr, sr rune) bool {
	if tr == sr {
		return true
	}
	if tr < sr {
		tr, sr = sr, tr
	}
	if tr < utf8.RuneSelf {
		return 'A' <= sr && sr <= 'Z' && tr == sr+'a'-'A'
	}
	r := unicode.SimpleFold(sr)
	for r != sr && r < tr {
		r = unicode.SimpleFold(r)
	}
	return r == tr
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

func isSeparator(r rune) bool {
	switch r {
	case '/', '-', '_', ' ', '.', '\\':
		return true
	}
	return false
}

// scoreBytes is score for an ASCII pattern already mapped through
// lowerASCII, over a text without the two non-ASCII runes that fold to
// ASCII letters (see byteScorable): the same state machine stepping over
// bytes, which is what typing into quick-open over a million titles waits
// on. No byte of a multi-byte rune equals an ASCII pattern byte, and byte
// offsets are what fuzzy counts in, so only the camel-case rule must look
// at a whole rune before a match. TestScoreEqualsFuzzy holds it to fuzzy.
func scoreBytes(pattern []byte, text string) (int, bool) {
	var st scoring
	st.start()
	var last byte
	for j := 0; j < len(text); j++ {
		c := text[j]
		if lowerASCII[c] == pattern[st.patternIndex] {
			st.match(j, 'A' <= c && c <= 'Z' && lowerBefore(text, j), j != 0 && isSeparator(rune(last)))
		}
		var nextp, next byte
		if st.patternIndex < len(pattern)-1 {
			nextp = pattern[st.patternIndex+1]
		}
		if j+1 < len(text) {
			next = text[j+1]
		}
		if lowerASCII[next] == nextp || next == 0 {
			st.take()
		}
		st.lastIndex, last = j, c
		if st.patternIndex == len(pattern) {
			break
		}
	}
	return st.total + st.matched - len(text), st.matched == len(pattern)
}

// lowerBefore reports whether the rune ending at byte j is lower case.
func lowerBefore(text string, j int) bool {
	if j == 0 {
		return false
	}
	if c := text[j-1]; c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z'
	}
	r, _ := utf8.DecodeLastRuneInString(text[:j])
	return unicode.IsLower(r)
}

// byteScorable reports whether scoreBytes can score text: it has neither
// of the runes whose case folds to an ASCII letter (ſ, the Kelvin sign).
func byteScorable(text string) bool {
	return !strings.Contains(text, "\u017F") && !strings.Contains(text, "\u212A")
}

// lowerASCII maps A-Z to a-z and every other byte to itself: two ASCII
// bytes are equal under fuzzy's case folding when they map to the same.
var lowerASCII = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// asciiPattern returns pattern's bytes through lowerASCII, or false when
// it has a non-ASCII rune.
func asciiPattern(pattern string) ([]byte, bool) {
	b := make([]byte, len(pattern))
	for i := 0; i < len(pattern); i++ {
		if pattern[i] >= utf8.RuneSelf {
			return nil, false
		}
		b[i] = lowerASCII[pattern[i]]
	}
	return b, true
}
