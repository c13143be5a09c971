package search

import (
	"cmp"
	"slices"
	"strings"

	"github.com/parallax-news/parallax/app"
)

// Searcher is what a search needs from the store.
type Searcher interface {
	SearchIndex(fn func(Index) error) error
	FindArticleByID(id app.ArticleID) (app.Article, error)
	FindRevision(id app.ArticleID, n int) (app.Revision, error)
}

// Span is a highlight: code point offsets, End exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Snippet is a keyword-in-context extract of an article's body.
type Snippet struct {
	Text string `json:"text"`
	// Highlights are the matches within Text.
	Highlights []Span `json:"highlights"`
}

// Hit is one article found.
type Hit struct {
	Article app.Article
	Score   float64
	Snippet Snippet
	// TitleMatches and BodyMatches locate every match in the latest
	// revision's title and body, for the reader to highlight.
	TitleMatches []Span
	BodyMatches  []Span
}

// Results is a search's answer: the best hits and how many matched.
type Results struct {
	Query string
	Total int
	Hits  []Hit
}

// DefaultLimit is how many hits a search returns unless told.
const DefaultLimit = 20

// Run parses and runs a query, returning the limit best articles with
// snippets. A malformed query is an EINVALID error saying what is wrong.
func Run(s Searcher, query string, limit int) (Results, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	q, err := Parse(query)
	if err != nil {
		return Results{}, err
	}
	var matches []Match
	var total int
	ids := map[uint32]uint64{}
	err = s.SearchIndex(func(ix Index) error {
		var err error
		matches, total, err = Evaluate(ix, q, limit)
		for _, m := range matches {
			if d, ok := ix.Doc(m.Doc); ok {
				ids[m.Doc] = d.ID
			}
		}
		return err
	})
	if err != nil {
		return Results{}, err
	}
	hl := newHighlighter(q)
	res := Results{Query: query, Total: total}
	for _, m := range matches {
		id := app.ArticleID(ids[m.Doc])
		a, err := s.FindArticleByID(id)
		if app.ErrorCode(err) == app.ENOTFOUND {
			res.Total-- // deleted since the index was read
			continue
		}
		if err != nil {
			return Results{}, err
		}
		rev, err := s.FindRevision(id, 0)
		if err != nil {
			return Results{}, err
		}
		body := hl.matches(rev.Body)
		res.Hits = append(res.Hits, Hit{
			Article:      a,
			Score:        m.Score,
			Snippet:      snippet(rev.Body, body),
			TitleMatches: hl.matches(rev.Title),
			BodyMatches:  body,
		})
	}
	return res, nil
}

// highlighter finds a query's positive words, prefixes and phrases in a
// text, the way the index matched them.
type highlighter struct {
	words    map[string]bool
	prefixes []string
	phrases  [][]string
}

func newHighlighter(q Node) *highlighter {
	h := &highlighter{words: map[string]bool{}}
	var walk func(Node)
	walk = func(n Node) {
		switch n := n.(type) {
		case Term:
			if n.Field.scoresOnArticle() {
				return
			}
			if n.Prefix {
				h.prefixes = append(h.prefixes, n.Word)
			} else {
				h.words[n.Word] = true
			}
		case Phrase:
			if !n.Field.scoresOnArticle() {
				h.phrases = append(h.phrases, n.Words)
			}
		case Near:
			for _, it := range n.Items {
				walk(it)
			}
		case And:
			for _, it := range n.Items {
				walk(it)
			}
		case Or:
			for _, it := range n.Items {
				walk(it)
			}
		}
	}
	walk(q)
	return h
}

type tokenSpan struct {
	term       string
	start, end int
	joined     bool
}

func (h *highlighter) matches(text string) []Span {
	var toks []tokenSpan
	Tokens(text, func(t Token) {
		toks = append(toks, tokenSpan{string(t.Term), t.Start, t.End, t.Joined})
	})
	var spans []Span
	for i, t := range toks {
		if h.words[t.term] || h.hasPrefix(t.term) {
			spans = append(spans, Span{t.start, t.end})
		}
		if t.joined {
			continue
		}
	phrases:
		for _, p := range h.phrases {
			k, end := i, 0
			for _, w := range p {
				for k < len(toks) && toks[k].joined {
					k++
				}
				if k == len(toks) || toks[k].term != w {
					continue phrases
				}
				end = toks[k].end
				k++
			}
			spans = append(spans, Span{t.start, end})
		}
	}
	return mergeSpans(spans)
}

func (h *highlighter) hasPrefix(term string) bool {
	for _, p := range h.prefixes {
		if strings.HasPrefix(term, p) {
			return true
		}
	}
	return false
}

// mergeSpans sorts spans and joins overlapping ones.
func mergeSpans(spans []Span) []Span {
	if len(spans) < 2 {
		return spans
	}
	slices.SortFunc(spans, func(a, b Span) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.End, b.End)
	})
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.Start <= last.End {
			last.End = max(last.End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// Snippet width in code points around the densest cluster of matches.
const snippetWidth = 200

// snippet cuts about snippetWidth code points of body around its densest
// cluster of matches (the start of the body when none), at word
// boundaries, with "…" where it cuts.
func snippet(body string, matches []Span) Snippet {
	rs := []rune(body)
	from := 0
	if len(matches) > 0 {
		best, count := 0, 0
		j := 0
		for i := range matches {
			for j < len(matches) && matches[j].End-matches[i].Start <= snippetWidth {
				j++
			}
			if j-i > count {
				best, count = i, j-i
			}
		}
		// Put the cluster a little after the start, for context.
		from = max(0, matches[best].Start-snippetWidth/4)
	}
	to := min(len(rs), from+snippetWidth)
	// Widen to word boundaries.
	for from > 0 && !isBoundary(rs[from-1]) {
		from--
	}
	for to < len(rs) && !isBoundary(rs[to]) {
		to++
	}
	var b strings.Builder
	shift := -from
	if from > 0 {
		b.WriteString("…")
		shift++
	}
	for _, r := range rs[from:to] {
		if r == '\n' {
			r = ' '
		}
		b.WriteRune(r)
	}
	if to < len(rs) {
		b.WriteString("…")
	}
	var hl []Span
	for _, m := range matches {
		if m.Start >= from && m.End <= to {
			hl = append(hl, Span{m.Start + shift, m.End + shift})
		}
	}
	return Snippet{Text: b.String(), Highlights: hl}
}

func isBoundary(r rune) bool { return r == ' ' || r == '\n' }
