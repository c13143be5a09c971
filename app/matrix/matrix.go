// Package matrix tabulates coded passages for analysis elsewhere: the
// code-by-document matrix R, pandas and SPSS read, tag frequencies by
// outlet, tag co-occurrence and coverage over time.
package matrix

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/passages"
)

// Dim is what a row or a column stands for.
type Dim string

const (
	Tag     Dim = "tag"
	Article Dim = "article"
	Outlet  Dim = "outlet"
	Analyst Dim = "analyst"
	Month   Dim = "month" // of the article's date (publication, else import)
	Week    Dim = "week"  // ISO week of that date, as 2026-W11
	Day     Dim = "day"
)

// Dims are the dimensions, in the order usage messages list them.
var Dims = []Dim{Tag, Article, Outlet, Analyst, Month, Week, Day}

// Count is what a cell counts.
type Count string

const (
	Annotations Count = "annotations" // coded passages
	Articles    Count = "articles"    // distinct articles with such a passage
	Words       Count = "words"       // words in the passages' quotes
)

// Counts are the counts, in the order usage messages list them.
var Counts = []Count{Annotations, Articles, Words}

// Spec is a table to build.
type Spec struct {
	Rows, Cols Dim
	Count      Count
	// Binary reports presence (1) or absence (0) instead of the count:
	// the code-by-document matrix most statistics packages expect.
	Binary bool
	Filter passages.Filter
}

// None labels a passage whose article has no outlet, or that has no
// analyst.
const None = "(none)"

// Table is a built matrix. Cells[i][j] is row i, column j.
type Table struct {
	Rows  Dim     `json:"rows"`
	Cols  Dim     `json:"cols"`
	Count Count   `json:"count"`
	Bin   bool    `json:"binary"`
	RowIs []Label `json:"rowLabels"`
	ColIs []Label `json:"colLabels"`
	Cells [][]int `json:"cells"`
}

// Label is a row's or column's key; Title is the article's title when
// the dimension is article.
type Label struct {
	Key   string `json:"key"`
	Title string `json:"title,omitempty"`
}

// Build lists the passages spec.Filter selects and tabulates them. A
// passage with several tags counts in each of its tags' rows or columns;
// under a tag filter only that tag and those below it count. With tag as
// both rows and columns the table is co-occurrence: a cell counts the
// pairs of passages on one article whose spans overlap (a passage with
// both tags pairs with itself), the diagonal each tag's passages; counted
// by articles, the articles holding both tags.
func Build(ctx context.Context, st app.Reader, spec Spec) (Table, error) {
	if !slices.Contains(Dims, spec.Rows) || !slices.Contains(Dims, spec.Cols) {
		return Table{}, app.Errorf(app.EINVALID, "rows and columns are one of %s", DimList())
	}
	if spec.Rows == spec.Cols && spec.Rows != Tag {
		return Table{}, app.Errorf(app.EINVALID, "rows and columns are both %s: only tag against tag (co-occurrence) makes sense", spec.Rows)
	}
	if !slices.Contains(Counts, spec.Count) {
		return Table{}, app.Errorf(app.EINVALID, "count is one of annotations, articles, words, not %q", spec.Count)
	}
	ps, err := passages.List(ctx, st, spec.Filter)
	if err != nil {
		return Table{}, err
	}
	under := ""
	if spec.Filter.Tag != "" {
		if under, err = app.NormalizeTag(spec.Filter.Tag); err != nil {
			return Table{}, err
		}
	}
	b := newBuilder(spec, under)
	if spec.Rows == Tag && spec.Cols == Tag {
		b.cooccurrence(ps)
	} else {
		for i := range ps {
			if err := ctx.Err(); err != nil {
				return Table{}, err
			}
			p := &ps[i]
			for _, r := range b.keys(spec.Rows, p) {
				for _, c := range b.keys(spec.Cols, p) {
					b.add(r, c, p)
				}
			}
		}
	}
	return b.table(), nil
}

// DimList names the dimensions for messages: "tag, article, …".
func DimList() string {
	s := make([]string, len(Dims))
	for i, d := range Dims {
		s[i] = string(d)
	}
	return strings.Join(s, ", ")
}

type cell struct{ r, c string }

type builder struct {
	spec     Spec
	under    string
	rows     map[string]bool
	cols     map[string]bool
	titles   map[string]string
	n        map[cell]int
	articles map[cell]map[app.ArticleID]bool
}

func newBuilder(spec Spec, under string) *builder {
	return &builder{spec: spec, under: under, rows: map[string]bool{}, cols: map[string]bool{}, titles: map[string]string{},
		n: map[cell]int{}, articles: map[cell]map[app.ArticleID]bool{}}
}

// keys are a passage's values along d.
func (b *builder) keys(d Dim, p *passages.Passage) []string {
	switch d {
	case Tag:
		var out []string
		for _, t := range p.Tags {
			if b.under == "" || app.TagWithin(t, b.under) {
				out = append(out, t)
			}
		}
		return out
	case Article:
		k := p.Article.String()
		b.titles[k] = p.Title
		return []string{k}
	case Outlet:
		return []string{cmp.Or(p.Outlet, None)}
	case Analyst:
		return []string{cmp.Or(p.Analyst, None)}
	case Week:
		y, w := p.Date.UTC().ISOWeek()
		return []string{fmt.Sprintf("%04d-W%02d", y, w)}
	case Day:
		return []string{p.Date.UTC().Format("2006-01-02")}
	default: // Month
		return []string{p.Date.UTC().Format("2006-01")}
	}
}

func (b *builder) add(r, c string, p *passages.Passage) {
	b.rows[r], b.cols[c] = true, true
	k := cell{r, c}
	switch b.spec.Count {
	case Annotations:
		b.n[k]++
	case Words:
		b.n[k] += len(strings.Fields(p.Quote))
	case Articles:
		if b.articles[k] == nil {
			b.articles[k] = map[app.ArticleID]bool{}
		}
		if !b.articles[k][p.Article] {
			b.articles[k][p.Article] = true
			b.n[k]++
		}
	}
}

// cooccurrence fills a tag-by-tag table, article by article.
func (b *builder) cooccurrence(ps []passages.Passage) {
	byArticle := map[app.ArticleID][]*passages.Passage{}
	var order []app.ArticleID
	for i := range ps {
		id := ps[i].Article
		if byArticle[id] == nil {
			order = append(order, id)
		}
		byArticle[id] = append(byArticle[id], &ps[i])
	}
	for _, id := range order {
		here := byArticle[id]
		if b.spec.Count == Articles {
			for _, r := range b.tagsOf(here) {
				for _, c := range b.tagsOf(here) {
					b.add(r, c, here[0])
				}
			}
			continue
		}
		for _, x := range here {
			for _, y := range here {
				if x != y && !(x.Start < y.End && y.Start < x.End) {
					continue
				}
				for _, r := range b.keys(Tag, x) {
					for _, c := range b.keys(Tag, y) {
						if x == y || r != c { // a tag's diagonal counts its passages once each
							b.add(r, c, x)
						}
					}
				}
			}
		}
	}
}

func (b *builder) tagsOf(ps []*passages.Passage) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range ps {
		for _, t := range b.keys(Tag, p) {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

func (b *builder) table() Table {
	t := Table{Rows: b.spec.Rows, Cols: b.spec.Cols, Count: b.spec.Count, Bin: b.spec.Binary}
	// Co-occurrence adds every tag on its diagonal, so its rows and
	// columns are one set.
	rows, cols := b.sorted(b.rows, b.spec.Rows), b.sorted(b.cols, b.spec.Cols)
	for _, r := range rows {
		t.RowIs = append(t.RowIs, Label{r, b.titles[r]})
	}
	for _, c := range cols {
		t.ColIs = append(t.ColIs, Label{c, b.titles[c]})
	}
	t.Cells = make([][]int, len(rows))
	for i, r := range rows {
		t.Cells[i] = make([]int, len(cols))
		for j, c := range cols {
			v := b.n[cell{r, c}]
			if b.spec.Binary && v > 0 {
				v = 1
			}
			t.Cells[i][j] = v
		}
	}
	return t
}

// sorted orders a dimension's keys: articles by ID, periods in time (the
// keys sort as text), the rest alphabetically with (none) last.
func (b *builder) sorted(keys map[string]bool, d Dim) []string {
	out := make([]string, 0, len(keys))
	for k := range keys {
		out = append(out, k)
	}
	slices.SortFunc(out, func(x, y string) int {
		if d == Article {
			return cmp.Or(cmp.Compare(len(x), len(y)), cmp.Compare(x, y))
		}
		if (x == None) != (y == None) {
			if x == None {
				return 1
			}
			return -1
		}
		return cmp.Compare(x, y)
	})
	return out
}

// Label text for a row or column: the key, and for an article its title.
func (l Label) String() string {
	if l.Title == "" {
		return l.Key
	}
	return fmt.Sprintf("%s %s", l.Key, l.Title)
}
