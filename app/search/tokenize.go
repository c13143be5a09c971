// Package search is Parallax's full-text search: the tokeniser shared by
// the index and the queries, the query language, BM25 ranking over an
// inverted index the store keeps, and keyword-in-context snippets.
package search

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Token is one indexed word of a text.
type Token struct {
	// Term is the folded form: lower case, Latin and Greek diacritics
	// removed, apostrophes dropped.
	Term []byte
	// Pos counts words from 0. The parts of a hyphenated word take one
	// position each; its joined form shares the first part's position.
	Pos int
	// Start and End are the word's code point offsets in the text (End
	// exclusive), for highlighting.
	Start, End int
	// Joined marks an extra form at a word's position: the joined form
	// of a hyphenated word ("cease-fire" is indexed as cease, fire and
	// ceasefire), the word after an elision ("O'Driscoll" as odriscoll
	// and driscoll).
	Joined bool
}

// Tokens calls emit for every token of text in order. Token.Term is only
// valid during the call: the index interns it, the query parser copies it.
func Tokens(text string, emit func(Token)) int {
	var t Tokenizer
	return t.Tokens(text, emit)
}

// Tokenizer is Tokens with its buffers kept from one text to the next,
// for the index writer's many texts.
type Tokenizer struct{ t tokenizer }

// Tokens is the package's Tokens, reusing the buffers.
func (z *Tokenizer) Tokens(text string, emit func(Token)) int {
	z.t.pos = 0
	z.t.run(text, emit)
	return z.t.pos
}

type tokenizer struct {
	pos  int
	buf  []byte
	join []byte
}

// A word is a run of letters, digits and marks that may contain
// apostrophes and hyphens between word characters, and '.' or ',' between
// digits ("1,000", "3.5").
func (t *tokenizer) run(text string, emit func(Token)) {
	cp := 0 // code point offset of i
	for i := 0; i < len(text); {
		if asciiFastPath && asciiLower[text[i]] != 0 {
			// Most words are plain ASCII: scan and fold them in one pass,
			// then make sure nothing after them continues the word.
			buf := t.buf[:0]
			j := i
			for j < len(text) {
				c := asciiLower[text[j]]
				if c == 0 {
					break
				}
				buf = append(buf, c)
				j++
			}
			t.buf = buf
			if simpleASCIIEnd(text, j) {
				emit(Token{Term: capTerm(buf), Pos: t.pos, Start: cp, End: cp + j - i})
				t.pos++
				cp += j - i
				i = j
				continue
			}
		}
		r, n := decode(text, i)
		if !isWordRune(r) {
			i += n
			cp++
			continue
		}
		// Find the word's end.
		start, startCP := i, cp
		j, jcp := i, cp
		prev := rune(0)
		hyphens := false
		for j < len(text) {
			r, n := decode(text, j)
			if isWordRune(r) {
				prev = r
				j += n
				jcp++
				continue
			}
			if isApostrophe(r) || isHyphen(r) || ((r == '.' || r == ',') && isDigit(prev)) {
				next, _ := decode(text, j+n)
				if j+n < len(text) && isWordRune(next) && (!(r == '.' || r == ',') || isDigit(next)) {
					hyphens = hyphens || isHyphen(r)
					prev = r
					j += n
					jcp++
					continue
				}
			}
			break
		}
		if hyphens {
			t.word(text[start:j], startCP, emit)
		} else {
			t.part(text[start:j], startCP, jcp, emit)
		}
		i, cp = j, jcp
	}
}

// asciiFastPath is off only in the test that holds it to the general path.
var asciiFastPath = true

// asciiLower maps ASCII letters and digits to their folded form, every
// other byte to 0.
var asciiLower = func() (t [256]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	return t
}()

// simpleASCIIEnd reports whether the ASCII letters and digits before j
// are a whole word the general path would fold to their lower case: not
// followed by anything that can continue a word (an apostrophe, a
// hyphen, a separator between digits, a non-ASCII letter or mark).
func simpleASCIIEnd(text string, j int) bool {
	if j == len(text) {
		return true
	}
	switch c := text[j]; {
	case c >= utf8.RuneSelf, c == '\'', c == '-':
		return false
	case c == '.' || c == ',':
		return !('0' <= text[j-1] && text[j-1] <= '9')
	}
	return true
}

// word emits the parts of one word split at hyphens, then the joined form.
func (t *tokenizer) word(w string, cp int, emit func(Token)) {
	first := t.pos
	parts := 0
	t.join = t.join[:0]
	partStart, partCP := 0, cp
	c := cp
	for i := 0; i <= len(w); {
		var r rune
		n := 1
		if i < len(w) {
			r, n = decode(w, i)
		}
		if i == len(w) || isHyphen(r) {
			if t.part(w[partStart:i], partCP, c, emit) {
				parts++
				t.join = append(t.join, t.buf...)
			}
			partStart, partCP = i+n, c+1
		}
		i += n
		c++
	}
	if parts > 1 {
		emit(Token{Term: capTerm(t.join), Pos: first, Start: cp, End: cp + utf8.RuneCountInString(w), Joined: true})
	}
}

// part folds one hyphen-free piece into t.buf and emits it.
func (t *tokenizer) part(p string, start, end int, emit func(Token)) bool {
	t.buf = t.buf[:0]
	elided, letters := 0, 0 // where the word after an elision starts in buf
	for i := 0; i < len(p); {
		r, n := decode(p, i)
		if isApostrophe(r) {
			// The possessive 's goes ("Russia’s" is russia); other
			// apostrophes join ("O'Brien" is obrien, "don't" is dont).
			rest := p[i+n:]
			if rest == "s" || rest == "S" {
				break
			}
			if elided == 0 && (letters == 1 || letters == 2 && string(t.buf) == "qu") {
				elided = len(t.buf) // O'Driscoll, d'Estaing, l'Europe, qu'il
			}
		} else if r != ',' { // a thousands separator: 1,000 is 1000
			t.buf = appendFolded(t.buf, r)
			letters++
		}
		i += n
	}
	if len(t.buf) == 0 {
		return false
	}
	emit(Token{Term: capTerm(t.buf), Pos: t.pos, Start: start, End: end})
	// The word after an elided article or O' is indexed too, at the same
	// position, so "Driscoll" finds "O'Driscoll".
	if elided > 0 && utf8.RuneCount(t.buf[elided:]) >= 2 {
		emit(Token{Term: capTerm(t.buf[elided:]), Pos: t.pos, Start: start, End: end, Joined: true})
	}
	t.pos++
	return true
}

// MaxTermBytes bounds an indexed term. Words are far shorter; an unbroken
// run of letters (a pasted hash, a line with no spaces) is indexed, and
// matched by queries, by its first MaxTermBytes bytes, so it cannot
// outgrow the store's key limit.
const MaxTermBytes = 240

// capTerm cuts a term to MaxTermBytes at a code point boundary.
func capTerm(term []byte) []byte {
	if len(term) <= MaxTermBytes {
		return term
	}
	n := MaxTermBytes
	for n > 0 && !utf8.RuneStart(term[n]) {
		n--
	}
	return term[:n]
}

func decode(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// Fold returns the folded form of a word as the tokeniser would index it,
// or "" for text with no word characters. Only the first word counts.
func Fold(s string) string {
	var out string
	Tokens(s, func(tok Token) {
		if out == "" && !tok.Joined {
			out = string(tok.Term)
		}
	})
	return out
}

// foldTable maps code points below foldLimit to their folded form: 0 for a
// combining mark (dropped), -1 for a letter in foldMulti, else the
// lower-case base letter.
const foldLimit = 0x2000

var (
	foldTable [foldLimit]rune
	// foldMulti holds letters that fold to more than one letter or that
	// Unicode does not decompose.
	foldMulti = map[rune]string{
		'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
		'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'ı': "i",
		'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d", 'ё': "е", 'Ё': "е",
	}
)

func init() {
	for r := rune(0); r < foldLimit; r++ {
		foldTable[r] = foldRune(r)
		if _, ok := foldMulti[r]; ok {
			foldTable[r] = -1
		}
	}
}

// foldRune removes diacritics from Latin and Greek letters only: in
// Cyrillic, й and ї are letters of their own, not и and і with a mark.
func foldRune(r rune) rune {
	if unicode.Is(unicode.Mn, r) {
		return 0
	}
	latinOrGreek := r < 0x250 || (r >= 0x370 && r < 0x400) || r >= 0x1E00
	if latinOrGreek && r >= 0x80 {
		if d := norm.NFD.String(string(r)); d != string(r) {
			base, _ := utf8.DecodeRuneInString(d)
			return unicode.ToLower(base)
		}
	}
	if r == 'ς' {
		return 'σ'
	}
	return unicode.ToLower(r)
}

func appendFolded(b []byte, r rune) []byte {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	case r < foldLimit:
		switch f := foldTable[r]; f {
		case 0:
			return b
		case -1:
			return append(b, foldMulti[r]...)
		default:
			return utf8.AppendRune(b, f)
		}
	case unicode.Is(unicode.Mn, r):
		return b
	}
	return utf8.AppendRune(b, unicode.ToLower(r))
}
