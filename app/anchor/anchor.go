// Package anchor finds where a marked passage of one text lies in another,
// the way Hypothesis re-anchors annotations: by exact position, then by the
// exact quote, then by a fuzzy match of quote and context. It works on
// plain strings and knows nothing of articles or storage.
//
// Offsets are Unicode code points (end exclusive), as in the W3C
// TextPositionSelector; byte offsets are used only inside this package.
package anchor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// ContextLen is how many code points of prefix and suffix a selector keeps.
const ContextLen = 32

// Status says how well a passage was found again.
type Status string

const (
	Anchored Status = "anchored" // same position, same quote
	Moved    Status = "moved"    // the same quote, elsewhere
	Fuzzy    Status = "fuzzy"    // a close match; the quote changed
	Orphaned Status = "orphaned" // nothing good enough: kept where it was
)

// Selector is a passage of a text: its span and the quote with context.
type Selector struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Quote  string `json:"quote"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

// Result is where a selector was found in a new text.
type Result struct {
	Status Status
	// Selector is the passage in the new text; for an orphan, the old one.
	Selector Selector
	// Similarity of the found quote to the old one, 0 to 1.
	Similarity float64
}

// Minimum similarity of a fuzzy match's quote to the old quote. Short
// quotes need more: two edits in a name are a different name.
const (
	minSimilarity      = 0.7
	minShortSimilarity = 0.85
	shortQuote         = 16 // code points
)

// Text is a string with a code point → byte index, so that many selectors
// can be converted without rescanning it.
type Text struct {
	s     string
	bytes []int // bytes[i] is the byte offset of code point i; one extra entry for the end
}

// NewText indexes s.
func NewText(s string) *Text {
	t := &Text{s: s, bytes: make([]int, 0, len(s)+1)}
	for i := range s {
		t.bytes = append(t.bytes, i)
	}
	t.bytes = append(t.bytes, len(s))
	return t
}

// String returns the text.
func (t *Text) String() string { return t.s }

// Len is the length in code points.
func (t *Text) Len() int { return len(t.bytes) - 1 }

// Byte converts a code point offset to a byte offset.
func (t *Text) Byte(cp int) int { return t.bytes[max(0, min(cp, t.Len()))] }

// CodePoint converts a byte offset to a code point offset, rounding down
// to the start of the code point it falls in.
func (t *Text) CodePoint(b int) int {
	lo, hi := 0, t.Len()
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.bytes[mid] <= b {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// Slice returns code points [start, end).
func (t *Text) Slice(start, end int) string { return t.s[t.Byte(start):t.Byte(end)] }

// Describe builds the selector for code points [start, end) of t, with
// context. ok is false when the span is empty or out of range.
func (t *Text) Describe(start, end int) (Selector, bool) {
	if start < 0 || end > t.Len() || start >= end {
		return Selector{}, false
	}
	return Selector{
		Start:  start,
		End:    end,
		Quote:  t.Slice(start, end),
		Prefix: t.Slice(start-ContextLen, start),
		Suffix: t.Slice(end, end+ContextLen),
	}, true
}

// Find returns the span of the nth (1-based) occurrence of quote in t.
func (t *Text) Find(quote string, nth int) (start, end int, ok bool) {
	if quote == "" || nth < 1 {
		return 0, 0, false
	}
	from := 0
	for n := 1; ; n++ {
		i := strings.Index(t.s[from:], quote)
		if i < 0 {
			return 0, 0, false
		}
		if n == nth {
			start = t.CodePoint(from + i)
			return start, start + utf8.RuneCountInString(quote), true
		}
		from += i + 1
	}
}

// Mover re-anchors selectors made on an old text in a new one. The diff of
// the two texts, which predicts where a passage went, is computed once.
type Mover struct {
	old, new *Text
	dmp      *diffmatchpatch.DiffMatchPatch
	diffs    []diffmatchpatch.Diff
	diffed   bool
}

// NewMover prepares re-anchoring from old to new. old may be nil when the
// text the selectors were made on is not known (an imported annotation):
// then only the selectors' own positions guide the search.
func NewMover(old, new *Text) *Mover {
	return &Mover{old: old, new: new, dmp: diffmatchpatch.New()}
}

// expected maps a code point offset in the old text to where the same
// place is in the new one.
func (m *Mover) expected(cp int) int {
	if m.old == nil {
		return min(cp, m.new.Len())
	}
	if !m.diffed {
		m.diffs = m.dmp.DiffMain(m.old.s, m.new.s, false)
		m.diffed = true
	}
	return m.new.CodePoint(m.dmp.DiffXIndex(m.diffs, m.old.Byte(cp)))
}

// Anchor finds sel in the new text. It never fails: a passage it cannot
// find comes back Orphaned with the old selector unchanged.
func (m *Mover) Anchor(sel Selector) Result {
	n := m.new
	if sel.Quote == "" {
		return Result{Status: Orphaned, Selector: sel}
	}
	// 1. Same place, same words.
	if sel.Start >= 0 && sel.End <= n.Len() && sel.Start < sel.End && n.Slice(sel.Start, sel.End) == sel.Quote {
		out, _ := n.Describe(sel.Start, sel.End)
		return Result{Status: Anchored, Selector: out, Similarity: 1}
	}
	want := m.expected(sel.Start)
	// 2. The same quote elsewhere: the occurrence nearest where the
	// passage should be, context breaking ties.
	if start, ok := m.nearestExact(sel, want); ok {
		out, _ := n.Describe(start, start+utf8.RuneCountInString(sel.Quote))
		status := Moved
		if start == sel.Start {
			status = Anchored
		}
		return Result{Status: status, Selector: out, Similarity: 1}
	}
	// 3. A close match.
	if r, ok := m.fuzzy(sel, want); ok {
		return r
	}
	return Result{Status: Orphaned, Selector: sel}
}

func (m *Mover) nearestExact(sel Selector, want int) (int, bool) {
	best, bestDist, bestCtx := -1, 0, 0
	for from := 0; ; {
		i := strings.Index(m.new.s[from:], sel.Quote)
		if i < 0 {
			break
		}
		start := m.new.CodePoint(from + i)
		from += i + 1
		dist := abs(start - want)
		ctx := m.contextScore(sel, start, start+utf8.RuneCountInString(sel.Quote))
		if best < 0 || dist < bestDist || (dist == bestDist && ctx > bestCtx) {
			best, bestDist, bestCtx = start, dist, ctx
		}
	}
	return best, best >= 0
}

// contextScore counts how many code points of the old prefix and suffix
// match around [start, end) of the new text.
func (m *Mover) contextScore(sel Selector, start, end int) int {
	score := 0
	pre := []rune(m.new.Slice(start-ContextLen, start))
	old := []rune(sel.Prefix)
	for i := 1; i <= len(pre) && i <= len(old) && pre[len(pre)-i] == old[len(old)-i]; i++ {
		score++
	}
	suf := []rune(m.new.Slice(end, end+ContextLen))
	old = []rune(sel.Suffix)
	for i := 0; i < len(suf) && i < len(old) && suf[i] == old[i]; i++ {
		score++
	}
	return score
}

// fuzzy tries the old span carried through the diff of the two texts,
// which is the best predictor when the old text is known, and then the
// span between fuzzy (Bitap) matches of the quote's head and tail near
// where the passage should be.
func (m *Mover) fuzzy(sel Selector, want int) (Result, bool) {
	if m.old != nil {
		if r, ok := m.tryCandidate(sel, want, m.expected(sel.End)); ok {
			return r, true
		}
	}
	n := m.new
	head, tail := edge(sel.Quote, m.dmp.MatchMaxBits, false), edge(sel.Quote, m.dmp.MatchMaxBits, true)
	hb := m.dmp.MatchMain(n.s, head, n.Byte(want))
	if hb < 0 {
		return Result{}, false
	}
	tb := m.dmp.MatchMain(n.s, tail, max(0, hb+len(sel.Quote)-len(tail)))
	if tb < 0 {
		return Result{}, false
	}
	return m.tryCandidate(sel, n.CodePoint(hb), n.CodePoint(tb+len(tail)))
}

// tryCandidate accepts [start, end) of the new text when its quote is
// close enough to the old one.
func (m *Mover) tryCandidate(sel Selector, start, end int) (Result, bool) {
	n := m.new
	start, end = n.snap(max(0, start), min(n.Len(), end))
	oldLen := utf8.RuneCountInString(sel.Quote)
	l := end - start
	if l <= 0 || l*2 < oldLen || l > oldLen*2 {
		return Result{}, false
	}
	diffs := m.dmp.DiffMain(sel.Quote, n.Slice(start, end), false)
	sim := 1 - float64(m.dmp.DiffLevenshtein(diffs))/float64(max(oldLen, l))
	need := minSimilarity
	if oldLen <= shortQuote {
		need = minShortSimilarity
	}
	if sim < need {
		return Result{}, false
	}
	out, _ := n.Describe(start, end)
	return Result{Status: Fuzzy, Selector: out, Similarity: sim}, true
}

// snap widens a fuzzy span that cuts a word to the whole word, and drops
// white space at its ends: a diff-mapped edge can fall inside an edited word.
func (t *Text) snap(start, end int) (int, int) {
	isWord := func(i int) bool {
		if i < 0 || i >= t.Len() {
			return false
		}
		r, _ := utf8.DecodeRuneInString(t.s[t.Byte(i):])
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	isSpace := func(i int) bool {
		r, _ := utf8.DecodeRuneInString(t.s[t.Byte(i):])
		return unicode.IsSpace(r)
	}
	for start > 0 && isWord(start-1) && isWord(start) {
		start--
	}
	for end < t.Len() && isWord(end-1) && isWord(end) {
		end++
	}
	for start < end && isSpace(start) {
		start++
	}
	for end > start && isSpace(end-1) {
		end--
	}
	return start, end
}

// edge returns at most maxBytes bytes from the start (or end) of s, cut at
// a code point boundary: Bitap matching is limited to a machine word.
func edge(s string, maxBytes int, fromEnd bool) string {
	if len(s) <= maxBytes {
		return s
	}
	if fromEnd {
		i := len(s) - maxBytes
		for i < len(s) && !utf8.RuneStart(s[i]) {
			i++
		}
		return s[i:]
	}
	i := maxBytes
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
