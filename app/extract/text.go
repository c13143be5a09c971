package extract

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/itlightning/dateparse"
)

// parseText reads a plain-text article: an optional site-navigation crumb,
// a headline, an optional byline and date line, then paragraphs separated
// by blank lines (or one per line when the text has no blank lines).
func parseText(text, name string) Document {
	var d Document
	d.Paragraphs = blocks(lines(text))
	readHead(&d, name)
	return d
}

// blocks groups lines into paragraphs. Lines separated by blank lines are
// one block; within a block, lines hard-wrapped at a fixed width are joined,
// while lines of very different lengths (one paragraph per line, as pasted
// from a browser) stay separate.
func blocks(ls []string) []string {
	var out, cur []string
	flush := func() {
		if len(cur) == 0 {
			return
		}
		if hardWrapped(cur) {
			out = append(out, strings.Join(trimAll(cur), " "))
		} else {
			for _, l := range cur {
				if l = strings.TrimSpace(l); l != "" {
					out = append(out, l)
				}
			}
		}
		cur = cur[:0]
	}
	for _, l := range ls {
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

// hardWrapped reports whether a block's lines look like one paragraph
// wrapped at a column: every line but the last 40 to 100 characters long.
func hardWrapped(ls []string) bool {
	if len(ls) < 2 {
		return true
	}
	for _, l := range ls[:len(ls)-1] {
		n := utf8.RuneCountInString(strings.TrimSpace(l))
		if n < 40 || n > 100 {
			return false
		}
	}
	return true
}

func trimAll(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = strings.TrimSpace(l)
	}
	return out
}

var (
	bylineRe    = regexp.MustCompile(`^(?i:by)\s+(\p{Lu}[\p{L}.'’-]*(?:[ ,]+(?:and\s+)?\p{Lu}[\p{L}.'’-]*){0,7})\s*$`)
	crumbSepRe  = regexp.MustCompile(`\s*[›»>|/•·]\s*`)
	datelineRe  = regexp.MustCompile(`^((?:\p{Lu}[\p{L}'’.]*)(?:[ -]\p{Lu}[\p{L}'’.]*){0,3}(?:, (?:\p{Lu}[\p{L}'’.]*)(?: \p{Lu}[\p{L}'’.]*){0,2})?)( \([^()]{1,40}\))?\s*([–—]|--?)\s+[\p{Lu}\p{N}"“‘']`)
	publishedRe = regexp.MustCompile(`^(?i:published|updated|posted|last updated)?:?\s*(.+)$`)
)

// readHead finds the headline, byline and date at the top of the blocks and
// removes them from the paragraphs. Navigation crumbs before the headline
// ("LatestNewsWorld", "News › World › Europe") are dropped.
func readHead(d *Document, name string) {
	ps := d.Paragraphs
	for skipped := 0; skipped < 3 && len(ps) > 1 && isCrumb(ps[0]); skipped++ {
		ps = ps[1:]
	}
	if d.Title == "" {
		if len(ps) > 0 && looksLikeHeadline(ps[0]) {
			d.Title, ps = ps[0], ps[1:]
		} else {
			d.Title = titleFromName(name)
		}
	}
	// A byline and a date may follow the headline, in either order.
	for i := 0; i < 2 && len(ps) > 1; i++ {
		if m := bylineRe.FindStringSubmatch(ps[0]); m != nil && d.Byline == "" {
			d.Byline, ps = m[1], ps[1:]
			continue
		}
		if t, ok := dateLine(ps[0]); ok && d.Published.IsZero() {
			d.Published, ps = t, ps[1:]
			continue
		}
		break
	}
	d.Paragraphs = ps
}

// isCrumb recognises a site-navigation line copied with an article: short,
// no sentence punctuation, and either words run together in CamelCase
// ("LatestNewsWorld") or short parts joined by separators ("World › Europe").
func isCrumb(s string) bool {
	if utf8.RuneCountInString(s) > 80 || strings.ContainsAny(s, ".?!,;:\"“”") {
		return false
	}
	if !strings.ContainsAny(s, " \t") {
		humps := 0
		prevLower := false
		for _, r := range s {
			if unicode.IsUpper(r) && prevLower {
				humps++
			}
			prevLower = unicode.IsLower(r)
		}
		first, _ := utf8.DecodeRuneInString(s)
		return humps >= 2 && unicode.IsUpper(first)
	}
	parts := crumbSepRe.Split(s, -1)
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || len(strings.Fields(p)) > 3 {
			return false
		}
	}
	return true
}

// looksLikeHeadline accepts a short single sentence without a final full
// stop; a first block that reads like body text is not taken as a title.
// The full stops of abbreviations ("U.S.", "G.O.P.", "Mr.", "Jan.") end
// no sentence.
func looksLikeHeadline(s string) bool {
	n := utf8.RuneCountInString(s)
	words := strings.Fields(s)
	if n == 0 || n > 200 || len(words) == 0 {
		return false
	}
	stops := 0 // sentence ends before the last word
	for _, w := range words[:len(words)-1] {
		if endsSentence(w) {
			stops++
		}
	}
	final := endsSentence(words[len(words)-1])
	if final && stops >= 1 {
		return false // two sentences
	}
	return n <= 120 || !final
}

// endsSentence reports whether a word ends with a full stop that ends a
// sentence, not an abbreviation's.
func endsSentence(w string) bool {
	w = strings.TrimRight(w, "\"'’”)]")
	if !strings.HasSuffix(w, ".") {
		return false
	}
	return !isAbbreviation(strings.TrimLeft(w, "\"'‘“(["))
}

// abbreviations are the short words news headlines write with a stop.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true, "jr": true,
	"gov": true, "sen": true, "rep": true, "gen": true, "lt": true, "col": true, "sgt": true, "capt": true, "adm": true,
	"pres": true, "supt": true, "rev": true, "hon": true, "atty": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "plc": true, "no": true, "vs": true, "v": true, "etc": true,
	"mt": true, "ft": true, "ave": true, "blvd": true,
}

// isAbbreviation reports whether a word ending in "." is an abbreviation:
// an initialism ("U.S.", "G.O.P.", "J."), or a short title, month or
// company word ("Mr.", "Jan.", "Inc.").
func isAbbreviation(w string) bool {
	core := strings.TrimSuffix(w, ".")
	if core == "" {
		return false
	}
	if abbreviations[strings.ToLower(core)] {
		return true
	}
	// Initialisms: single letters, each with its stop.
	parts := strings.Split(core, ".")
	for _, p := range parts {
		if utf8.RuneCountInString(p) != 1 {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(p); !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// dateLine reads a short block that is only a date, with an optional
// "Published"/"Updated" label.
func dateLine(s string) (time.Time, bool) {
	if utf8.RuneCountInString(s) > 60 || strings.Count(s, " ") > 8 {
		return time.Time{}, false
	}
	m := publishedRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	v := strings.TrimSpace(m[1])
	if !strings.ContainsAny(v, "0123456789") {
		return time.Time{}, false
	}
	t, err := dateparse.ParseStrict(v)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// Dateline returns the place that opens a news paragraph: "Moscow" from
// "Moscow – Russia has…", "Kyiv, Ukraine" from "KYIV, Ukraine (AP) — …".
// A plain hyphen counts only after an all-capitals place or an agency in
// brackets, since "Mr Smith - who…" is common prose.
func Dateline(p string) string {
	m := datelineRe.FindStringSubmatch(p)
	if m == nil {
		return ""
	}
	place, agency, dash := m[1], m[2], m[3]
	city, _, _ := strings.Cut(place, ",")
	allCaps := strings.ToUpper(city) == city
	if !strings.ContainsAny(dash, "–—") && !allCaps && agency == "" {
		return ""
	}
	return titleCaseCaps(place)
}

// titleCaseCaps turns all-capital words into title case ("KYIV" → "Kyiv")
// and leaves others as written.
func titleCaseCaps(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		if utf8.RuneCountInString(w) > 1 && strings.ToUpper(w) == w && strings.ToLower(w) != w {
			r, n := utf8.DecodeRuneInString(w)
			words[i] = string(r) + strings.ToLower(w[n:])
		}
	}
	return strings.Join(words, " ")
}
