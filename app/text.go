package app

import (
	"crypto/sha256"
	"encoding/hex"
	"iter"
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
	// The words joined by single spaces, hashed in one go: a hash write
	// per word costs more than the copy.
	buf := make([]byte, 0, len(title)+len(body)+1)
	for i, s := range [2]string{title, body} {
		for w := range words(s) {
			if len(buf) > 0 {
				buf = append(buf, ' ')
			}
			buf = append(buf, w...)
			bodyWords += i
		}
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:]), bodyWords
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
