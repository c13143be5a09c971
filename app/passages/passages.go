// Package passages is the retrieval every QDA tool has: the coded
// passages across the whole collection, with the article each is in, for
// reading one code's material together.
package passages

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/internal/parallel"
)

// Filter chooses passages; zero fields match everything.
type Filter struct {
	Tag     string // annotations with this tag or one below it
	Outlet  string // case-insensitive
	Analyst string
	Status  anchor.Status
	// After and Before bound the article's date (publication, else
	// import): After inclusive, Before exclusive.
	After, Before time.Time
}

// Passage is one annotation with what a list of them shows of its
// article.
type Passage struct {
	app.Annotation
	Title  string    `json:"title"`
	Outlet string    `json:"outlet,omitempty"`
	Date   time.Time `json:"date"` // the article's publication date, else its import date
}

// Context is the passage with the words around it, on one line.
func (p Passage) Context() string {
	before, after := p.Around()
	return before + p.Quote + after
}

// Around is the whole words before and after the passage, on one line,
// with "…" where the text goes on: the stored context is cut at a fixed
// length, often inside a word.
func (p Passage) Around() (before, after string) {
	before = strings.Join(strings.Fields(p.Prefix), " ")
	if utf8.RuneCountInString(p.Prefix) >= anchor.ContextLen {
		if i := strings.IndexByte(before, ' '); i >= 0 {
			before = "…" + before[i+1:]
		} else {
			before = "…"
		}
	}
	if strings.HasSuffix(p.Prefix, " ") || strings.HasSuffix(p.Prefix, "\n") {
		before += " "
	}
	after = strings.Join(strings.Fields(p.Suffix), " ")
	if utf8.RuneCountInString(p.Suffix) >= anchor.ContextLen {
		if i := strings.LastIndexByte(after, ' '); i >= 0 {
			after = after[:i] + "…"
		} else {
			after = "…"
		}
	}
	if strings.HasPrefix(p.Suffix, " ") || strings.HasPrefix(p.Suffix, "\n") {
		after = " " + after
	}
	return before, after
}

// List returns the passages f selects, by article date, then article,
// then position in the text (the order the store lists them in). A canceled ctx stops it with ctx's error.
func List(ctx context.Context, st app.Reader, f Filter) ([]Passage, error) {
	af := app.AnnotationFilter{Analyst: f.Analyst}
	if f.Tag != "" {
		t, err := app.NormalizeTag(f.Tag)
		if err != nil {
			return nil, err
		}
		af.Tag = t
	}
	var annos []app.Annotation
	err := st.ForEachAnnotation(af, func(a app.Annotation) error {
		if f.Status == "" || a.Status == f.Status {
			annos = append(annos, a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	articles, err := findArticles(ctx, st, annos)
	if err != nil {
		return nil, err
	}
	out := make([]Passage, 0, len(annos))
	for _, a := range annos {
		if art := articles[a.Article]; art != nil && f.matchArticle(*art) {
			out = append(out, Passage{Annotation: a, Title: art.Title, Outlet: art.Outlet, Date: articleDate(*art)})
		}
	}
	// The store lists by article and position: a stable sort by date
	// alone keeps that within each date, and sorting indices spares
	// moving 50,000 large records about.
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		return cmp.Or(out[i].Date.Compare(out[j].Date), cmp.Compare(out[i].Annotation.Article, out[j].Annotation.Article))
	})
	sorted := make([]Passage, len(out))
	for k, i := range order {
		sorted[k] = out[i]
	}
	return sorted, nil
}

// findArticles reads the articles the annotations are on, on every core
// (at 50,000 annotations the look-ups were a sixth of a listing).
func findArticles(ctx context.Context, st app.Reader, annos []app.Annotation) (map[app.ArticleID]*app.Article, error) {
	var ids []app.ArticleID
	seen := map[app.ArticleID]bool{}
	for _, a := range annos {
		if !seen[a.Article] {
			seen[a.Article] = true
			ids = append(ids, a.Article)
		}
	}
	found := make([]app.Article, len(ids))
	err := parallel.Each(len(ids), 64, func(i int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		found[i], err = st.FindArticleByID(ids[i])
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make(map[app.ArticleID]*app.Article, len(ids))
	for i := range found {
		out[ids[i]] = &found[i]
	}
	return out, nil
}

func (f Filter) matchArticle(a app.Article) bool {
	if f.Outlet != "" && !strings.EqualFold(strings.TrimSpace(f.Outlet), a.Outlet) {
		return false
	}
	d := articleDate(a)
	return (f.After.IsZero() || !d.Before(f.After)) && (f.Before.IsZero() || d.Before(f.Before))
}

func articleDate(a app.Article) time.Time {
	if !a.Published.IsZero() {
		return a.Published
	}
	return a.Imported
}
