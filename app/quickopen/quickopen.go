// Package quickopen is the app's fuzzy quick-open over article titles,
// outlets and tags. It ranks exactly as github.com/sahilm/fuzzy does, but
// only scores the entries that can match: a cheap subsequence check over
// case-folded bytes comes first, a keystroke that extends the previous
// pattern narrows the previous candidates instead of starting over, both
// steps are spread over the cores, and the scoring is fuzzy's own loop
// without its per-candidate allocations (score.go); fuzzy itself gives
// the matched characters of the few results shown.
package quickopen

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"

	"github.com/parallax-news/parallax/internal/topk"
)

// Kind says what an entry opens.
type Kind uint8

const (
	Title Kind = iota
	Outlet
	Tag
)

func (k Kind) String() string {
	switch k {
	case Title:
		return "title"
	case Outlet:
		return "outlet"
	}
	return "tag"
}

// Entry is one thing quick-open can find.
type Entry struct {
	Kind Kind
	Text string
	// ID is the article's ID for a title.
	ID uint64
}

// Result is one match, best first.
type Result struct {
	Entry
	// Index is the entry's position in the list given to New.
	Index int
	Score int
	// Matched are the matched characters, as code point offsets in Text.
	Matched []int
}

// DefaultLimit is how many results Find returns unless told.
const DefaultLimit = 50

// Index answers quick-open patterns over a fixed list of entries. It is
// safe for concurrent use.
type Index struct {
	entries []Entry
	texts   []string // each entry's text as fuzzy matches it (clean)
	folded  []string // each entry's text with every rune case-folded
	byBytes []bool   // whether scoreBytes can score an entry's text

	mu       sync.Mutex
	lastPat  string  // the previous pattern, folded
	lastCand []int32 // entries whose folded text has lastPat as a subsequence
}

// New indexes entries.
func New(entries []Entry) *Index {
	n := len(entries)
	ix := &Index{entries: entries, texts: make([]string, n), folded: make([]string, n), byBytes: make([]bool, n)}
	parallel(n, func(from, to int) {
		for i := from; i < to; i++ {
			text := clean(entries[i].Text)
			ix.texts[i] = text
			ix.folded[i] = fold(text)
			ix.byBytes[i] = byteScorable(text)
		}
	})
	return ix
}

// Len is the number of entries.
func (ix *Index) Len() int { return len(ix.entries) }

// clean is the part of s fuzzy matches: up to the first NUL.
func clean(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// fold maps every rune to the smallest rune of its case-folding orbit
// (upper case, for ASCII), so two runes fuzzy treats as equal fold to the
// same bytes, and a pattern fuzzy can match is a byte subsequence of the
// folded text.
func fold(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b = utf8.AppendRune(b, foldRune(r))
		i += n
	}
	return string(b)
}

func foldRune(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// isSubsequence reports whether every byte of p occurs in s in order.
func isSubsequence(p, s string) bool {
	for i := 0; i < len(p); i++ {
		j := strings.IndexByte(s, p[i])
		if j < 0 {
			return false
		}
		s = s[j+1:]
	}
	return true
}

// Find returns the limit best entries for pattern, ranked exactly as
// fuzzy.Find ranks the whole list: by score, ties in list order.
func (ix *Index) Find(pattern string, limit int) []Result {
	if pattern == "" || len(ix.entries) == 0 {
		return nil
	}
	if limit <= 0 {
		limit = DefaultLimit
	}
	pat := fold(pattern)
	cands := ix.candidates(pat)

	// Score the candidates in parallel chunks, each keeping its best.
	runes := []rune(pattern)
	patASCII, fast := asciiPattern(pattern)
	chunks := splits(len(cands))
	found := make([][]scored, len(chunks))
	var wg sync.WaitGroup
	for c, ch := range chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			best := topk.NewBest(limit, better)
			for _, i := range cands[ch[0]:ch[1]] {
				var s int
				var ok bool
				if fast && ix.byBytes[i] {
					s, ok = scoreBytes(patASCII, ix.texts[i])
				} else {
					s, ok = score(runes, ix.texts[i])
				}
				if ok {
					best.Offer(scored{s, i})
				}
			}
			found[c] = best.Sorted()
		}()
	}
	wg.Wait()
	best := topk.Select(slices.Concat(found...), limit, better)
	out := make([]Result, len(best))
	for i, m := range best {
		e := ix.entries[m.index]
		// Only the shown few need fuzzy's matched characters.
		var matched []int
		if ms := fuzzy.Find(pattern, []string{e.Text}); len(ms) == 1 {
			matched = runeOffsets(e.Text, ms[0].MatchedIndexes)
		}
		out[i] = Result{Entry: e, Index: int(m.index), Score: m.score, Matched: matched}
	}
	return out
}

// scored is a candidate that matched, with fuzzy's score.
type scored struct {
	score int
	index int32
}

// better ranks as fuzzy.Find does: by score, ties in list order.
func better(a, b scored) int {
	if c := cmp.Compare(b.score, a.score); c != 0 {
		return c
	}
	return cmp.Compare(a.index, b.index)
}

// candidates filters the entries, or the previous pattern's candidates
// when pat extends it, to those that have pat as a subsequence.
func (ix *Index) candidates(pat string) []int32 {
	ix.mu.Lock()
	base, narrowing := ix.lastCand, ix.lastPat != "" && strings.HasPrefix(pat, ix.lastPat)
	ix.mu.Unlock()
	n := len(ix.entries)
	if narrowing {
		n = len(base)
	}
	chunks := splits(n)
	parts := make([][]int32, len(chunks))
	var wg sync.WaitGroup
	for c, ch := range chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var keep []int32
			for k := ch[0]; k < ch[1]; k++ {
				i := int32(k)
				if narrowing {
					i = base[k]
				}
				if isSubsequence(pat, ix.folded[i]) {
					keep = append(keep, i)
				}
			}
			parts[c] = keep
		}()
	}
	wg.Wait()
	cands := slices.Concat(parts...)
	ix.mu.Lock()
	ix.lastPat, ix.lastCand = pat, cands
	ix.mu.Unlock()
	return cands
}

// runeOffsets turns fuzzy's byte offsets into code point offsets.
func runeOffsets(s string, bytes []int) []int {
	out := make([]int, len(bytes))
	cp, at := 0, 0
	for i, b := range bytes {
		cp += utf8.RuneCountInString(s[at:b])
		at = b
		out[i] = cp
	}
	return out
}

// splits cuts n items into one range per core (fewer for small n).
func splits(n int) [][2]int {
	workers := runtime.GOMAXPROCS(0)
	if n < 4096 {
		workers = 1
	}
	out := make([][2]int, 0, workers)
	for w := range workers {
		from, to := n*w/workers, n*(w+1)/workers
		out = append(out, [2]int{from, to})
	}
	return out
}

func parallel(n int, fn func(from, to int)) {
	var wg sync.WaitGroup
	for _, s := range splits(n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(s[0], s[1])
		}()
	}
	wg.Wait()
}
