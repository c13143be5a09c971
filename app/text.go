package app

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"iter"
	"math/bits"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NormalizeParagraph returns p as one line of NFC text: every run of white
// space (including no-break spaces and line breaks) becomes one space,
// invisible format characters (zero-width spaces, soft hyphens, BOMs) and
// control characters are dropped. Offsets into stored text count code points
// of this form, so every importer must go through it.
func NormalizeParagraph(p string) string {
	p = norm.NFC.String(p)
	var b strings.Builder
	b.Grow(len(p))
	space := false
	for _, r := range p {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case isInvisible(r), unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// JoinParagraphs normalises each paragraph, drops empty ones and joins the
// rest with a blank line: the stored body form.
func JoinParagraphs(paras []string) string {
	var b strings.Builder
	for _, p := range paras {
		p = NormalizeParagraph(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p)
	}
	return b.String()
}

// Paragraphs splits a stored body into its paragraphs.
func Paragraphs(body string) []string {
	if body == "" {
		return nil
	}
	return strings.Split(body, "\n\n")
}

// ContentHash identifies a text regardless of how its white space is laid
// out: the same headline and words give the same hash even when a paragraph
// breaks elsewhere.
func ContentHash(title, body string) string {
	hash, _ := HashAndCount(title, body)
	return hash
}

// HashAndCount returns ContentHash(title, body) and CountWords(body) from
// one reading of the text.
func HashAndCount(title, body string) (hash string, bodyWords int) {
	w := wordHasher{h: sha256.New(), buf: make([]byte, 0, 1024)} // most paragraphs fit
	w.write(title)
	titleWords := w.words
	w.write(body)
	return hex.EncodeToString(w.h.Sum(nil)), w.words - titleWords
}

// wordHasher hashes words joined by single spaces, and counts them. Runs
// of words already joined so, as a stored text's paragraphs are, go to
// the hash in one write each, read eight bytes at a time while they are
// plain ASCII: this reads every imported text, and a byte at a time it
// was a twentieth of indexing the BBC corpus.
type wordHasher struct {
	h     hash.Hash
	words int
	began bool   // a word was written: the next run needs a space before it
	buf   []byte // a run's bytes for the hash, reused
}

// wordBreak marks the bytes that may end a run of words: ASCII white
// space and the lead bytes of the non-ASCII white space characters
// (U+0085 and U+00A0, U+1680, U+2000 to U+205F, U+3000).
var wordBreak = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true,
	0xC2: true, 0xE1: true, 0xE2: true, 0xE3: true}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
	lows  = 0x7F7F7F7F7F7F7F7F
)

func (w *wordHasher) write(s string) {
	for i := 0; i < len(s); {
		if n := spaceAt(s, i); n > 0 {
			i += n
			continue
		}
		start, words := i, 1
		for i < len(s) {
			if i+8 <= len(s) {
				x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
					uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
				// Plain ASCII with no control characters: its only breaks
				// are spaces. A space between two word bytes joins words;
				// one at the end waits for the next byte.
				if x&highs == 0 && (x-0x20*ones)&^x&highs == 0 {
					t := x ^ 0x20*ones
					spaces := ^((t&lows + lows) | t | lows)
					if spaces&(spaces<<8) == 0 && (spaces&0x80 == 0 || s[i-1] != ' ') {
						n := 8
						if spaces>>63 != 0 {
							n, spaces = 7, spaces&^(1<<63)
						}
						words += bits.OnesCount64(spaces)
						i += n
						continue
					}
				}
			}
			c := s[i]
			if !wordBreak[c] {
				i++
				continue
			}
			if c == ' ' && i+1 < len(s) && !wordBreak[s[i+1]] {
				words++ // one space between two words: the run goes on
				i++
				continue
			}
			if spaceAt(s, i) > 0 {
				break
			}
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
		w.buf = w.buf[:0]
		if w.began {
			w.buf = append(w.buf, ' ')
		}
		w.buf = append(w.buf, s[start:i]...)
		w.h.Write(w.buf)
		w.began = true
		w.words += words
	}
}

// spaceAt returns the length of the white space character at s[i], or 0.
func spaceAt(s string, i int) int {
	c := s[i]
	if c < utf8.RuneSelf {
		if asciiSpace[c] {
			return 1
		}
		return 0
	}
	if !wordBreak[c] {
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if unicode.IsSpace(r) {
		return n
	}
	return 0
}

var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// CountWords counts white-space separated words.
func CountWords(s string) int {
	n := 0
	for range words(s) {
		n++
	}
	return n
}

// words yields s's words as strings.Fields splits them, with a table for
// ASCII white space: strings.Fields was a tenth of indexing 100,000
// articles, through ContentHash and CountWords.
func words(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := -1 // of the word being read
		for i := 0; i < len(s); {
			c, n := s[i], 1
			space := asciiSpace[c]
			if c >= utf8.RuneSelf {
				var r rune
				r, n = utf8.DecodeRuneInString(s[i:])
				space = unicode.IsSpace(r)
			}
			switch {
			case space && start >= 0:
				if !yield(s[start:i]) {
					return
				}
				start = -1
			case !space && start < 0:
				start = i
			}
			i += n
		}
		if start >= 0 {
			yield(s[start:])
		}
	}
}

// URLKey returns the form of an article URL used to recognise a new
// revision of the same page: scheme and host lower-cased, "www." and the
// default port dropped, fragment and common tracking parameters removed,
// trailing slash trimmed. It returns "" for anything that is not an
// absolute http(s) URL.
func URLKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || lk == "fbclid" || lk == "gclid" || lk == "ocid" || lk == "cmpid" {
			q.Del(k)
		}
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	key := host + path
	if enc := q.Encode(); enc != "" {
		key += "?" + enc
	}
	return key
}

// TitleKey returns the form of outlet and title used to recognise a new
// revision of an article that has no URL: case-folded, white space collapsed.
// It returns "" when the title is empty.
func TitleKey(outlet, title string) string {
	t := strings.Join(strings.Fields(strings.ToLower(title)), " ")
	if t == "" {
		return ""
	}
	return strings.Join(strings.Fields(strings.ToLower(outlet)), " ") + "\x00" + t
}

// BodyFromPlainText turns a plain text (paragraphs separated by blank
// lines, hard-wrapped lines joined) into the stored body form and maps
// every code point offset of text to the body: offsets[i] is where text's
// code point i ended up (len(offsets) is the text's length plus one). The
// mapping is exact when text is already NFC, which is what other tools'
// exports are in practice; otherwise callers should re-find quotes.
func BodyFromPlainText(text string) (body string, offsets []int) {
	var b strings.Builder
	runes := []rune(text)
	offsets = make([]int, len(runes)+1)
	out := 0 // code points written
	pendingSpace, pendingBreak := false, false
	newlines := 0
	for i, r := range runes {
		offsets[i] = out
		if r == '\n' {
			newlines++
		}
		switch {
		case unicode.IsSpace(r):
			if newlines >= 2 {
				pendingBreak = true
			}
			pendingSpace = true
			continue
		case isInvisible(r), unicode.IsControl(r):
			continue
		}
		newlines = 0
		if out > 0 && pendingBreak {
			b.WriteString("\n\n")
			out += 2
		} else if out > 0 && pendingSpace {
			b.WriteByte(' ')
			out++
		}
		offsets[i] = out
		pendingSpace, pendingBreak = false, false
		b.WriteRune(r)
		out++
	}
	offsets[len(runes)] = out
	body = b.String()
	if !norm.NFC.IsNormalString(body) {
		body = JoinParagraphs(Paragraphs(body))
	}
	return body, offsets
}

func isInvisible(r rune) bool {
	return r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff'
}
