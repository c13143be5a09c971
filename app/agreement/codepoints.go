package agreement

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/internal/parallel"
)

// Result is two analysts' agreement on one tag (and the tags below it),
// or on every tag pooled (Tag ""), at the code-point level: each code
// point of each article both analysts annotated is a unit, coded with the
// tag or not by each.
type Result struct {
	Tag       string
	Articles  int
	Positions int   // code points compared
	Table     Table // [first coded it?][second coded it?], code points
	// ArticleTable is the comparison with each article a unit: did each
	// analyst code the tag (or one below it) anywhere in it? Pooled, each
	// article and tag is a unit.
	ArticleTable Table
	// UAlpha is Krippendorff's unitizing alpha of the two analysts' units
	// and gaps, the articles laid end to end as one continuum; pooled,
	// over every tag as a value.
	UAlpha float64
	// Disagreements are the stretches of text one analyst coded with the
	// tag and the other did not (per tag; none in the pooled result).
	Disagreements []Disagreement
}

// Disagreement is a stretch only one of the two analysts coded.
type Disagreement struct {
	Article    app.ArticleID
	Revision   int
	Start, End int    // code points of the revision
	CodedBy    string // the analyst who coded it
	Quote      string // the text
}

// Percent, Kappa and Alpha are the result's statistics.
func (r Result) Percent() float64 { return r.Table.Percent() }
func (r Result) Kappa() float64   { return r.Table.Kappa() }
func (r Result) Alpha() float64   { return r.Table.Alpha() }

// Options choose what CodePoints compares; zero fields take everything.
type Options struct {
	Tags     []string        // default: every tag either analyst used there
	Articles []app.ArticleID // default: every article both analysts annotated
}

// CodePoints compares two analysts' coding of the latest revision of the
// articles both annotated, per tag, then pooled over the tags.
// Annotations orphaned in the latest revision do not count.
func CodePoints(ctx context.Context, st app.Reader, first, second string, opts Options) ([]Result, error) {
	type coded struct{ first, second []app.Annotation }
	byArticle := map[app.ArticleID]*coded{}
	err := st.ForEachAnnotation(app.AnnotationFilter{}, func(a app.Annotation) error {
		if a.Status == anchor.Orphaned || len(opts.Articles) > 0 && !slices.Contains(opts.Articles, a.Article) {
			return nil
		}
		c := byArticle[a.Article]
		if c == nil {
			c = &coded{}
			byArticle[a.Article] = c
		}
		switch {
		case strings.EqualFold(a.Analyst, first):
			c.first = append(c.first, a)
		case strings.EqualFold(a.Analyst, second):
			c.second = append(c.second, a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	tags := opts.Tags
	used := map[string]bool{}
	type article struct {
		id       app.ArticleID
		revision int
		body     string // the latest revision's text
		length   int    // in code points, which positions count
		c        *coded
	}
	var articles []article
	ids := make([]app.ArticleID, 0, len(byArticle))
	for id := range byArticle {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	ids = slices.DeleteFunc(ids, func(id app.ArticleID) bool {
		c := byArticle[id]
		return len(c.first) == 0 || len(c.second) == 0 // one analyst's article is no comparison
	})
	// The latest revisions, read on every core: at 10,000 articles the
	// reads were most of the time.
	revs := make([]app.Revision, len(ids))
	err = parallel.Each(len(ids), 64, func(i int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		revs[i], err = st.FindRevision(ids[i], 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		c, rev := byArticle[id], revs[i]
		// Annotations placed in the latest revision, as the reader shows them.
		for _, side := range []*[]app.Annotation{&c.first, &c.second} {
			var placed []app.Annotation
			for _, a := range *side {
				if in, ok := a.In(rev.Number); ok {
					placed = append(placed, in)
					for _, t := range in.Tags {
						used[t] = true
					}
				}
			}
			*side = placed
		}
		articles = append(articles, article{id, rev.Number, rev.Body, utf8.RuneCountInString(rev.Body), c})
	}
	if len(tags) == 0 {
		for t := range used {
			tags = append(tags, t)
		}
		slices.Sort(tags)
	}
	var out []Result
	pooled := Result{Table: Table{{0, 0}, {0, 0}}, ArticleTable: Table{{0, 0}, {0, 0}}}
	var allUnits []Segment
	continuum := 0
	for _, a := range articles {
		continuum += a.length
	}
	for _, tag := range tags {
		r := Result{Tag: tag, Table: Table{{0, 0}, {0, 0}}, ArticleTable: Table{{0, 0}, {0, 0}}}
		var units []Segment
		at := 0 // where the article starts in the continuum
		for _, a := range articles {
			x, y := covered(a.c.first, tag), covered(a.c.second, tag)
			r.ArticleTable[b2i(len(x) > 0)][b2i(len(y) > 0)]++
			for o, spans := range [2][][2]int{x, y} {
				for _, sp := range spans {
					units = append(units, Segment{o, at + sp[0], at + sp[1], tag})
				}
			}
			at += a.length
			both := overlap(x, y)
			onlyFirst, onlySecond := length(x)-both, length(y)-both
			r.Table[1][1] += float64(both)
			r.Table[1][0] += float64(onlyFirst)
			r.Table[0][1] += float64(onlySecond)
			r.Table[0][0] += float64(a.length - both - onlyFirst - onlySecond)
			r.Articles++
			r.Positions += a.length
			for _, d := range []struct {
				spans [][2]int
				who   string
			}{{minus(x, y), first}, {minus(y, x), second}} {
				for _, sp := range d.spans {
					r.Disagreements = append(r.Disagreements, Disagreement{a.id, a.revision, sp[0], sp[1], d.who, runeSlice(a.body, sp[0], sp[1])})
				}
			}
		}
		r.UAlpha = UnitizingAlpha(0, continuum, 2, units).Alpha
		allUnits = append(allUnits, units...)
		slices.SortFunc(r.Disagreements, func(p, q Disagreement) int {
			if p.Article != q.Article {
				return int(p.Article) - int(q.Article)
			}
			return p.Start - q.Start
		})
		for i := range 2 {
			for j := range 2 {
				pooled.Table[i][j] += r.Table[i][j]
				pooled.ArticleTable[i][j] += r.ArticleTable[i][j]
			}
		}
		pooled.Positions += r.Positions
		pooled.Articles = r.Articles
		out = append(out, r)
	}
	pooled.UAlpha = UnitizingAlpha(0, continuum, 2, allUnits).Alpha
	return append(out, pooled), nil
}

// covered is the union of the spans of the annotations carrying tag (or
// one below it), sorted and merged.
func covered(as []app.Annotation, tag string) [][2]int {
	var spans [][2]int
	for _, a := range as {
		if slices.ContainsFunc(a.Tags, func(t string) bool { return app.TagWithin(t, tag) }) {
			spans = append(spans, [2]int{a.Start, a.End})
		}
	}
	slices.SortFunc(spans, func(x, y [2]int) int { return x[0] - y[0] })
	var out [][2]int
	for _, s := range spans {
		if n := len(out); n > 0 && s[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// runeSlice is s[start:end] counted in code points.
func runeSlice(s string, start, end int) string {
	i, from := 0, len(s)
	for at := range s {
		if i == start {
			from = at
		}
		if i == end {
			return s[from:at]
		}
		i++
	}
	return s[from:]
}

// minus is what of x (merged spans) y does not cover.
func minus(x, y [][2]int) [][2]int {
	var out [][2]int
	for _, s := range x {
		lo := s[0]
		for _, t := range y {
			if t[1] <= lo || t[0] >= s[1] {
				continue
			}
			if t[0] > lo {
				out = append(out, [2]int{lo, t[0]})
			}
			lo = max(lo, t[1])
		}
		if lo < s[1] {
			out = append(out, [2]int{lo, s[1]})
		}
	}
	return out
}

func length(spans [][2]int) int {
	n := 0
	for _, s := range spans {
		n += s[1] - s[0]
	}
	return n
}

// overlap is how many positions two merged span lists share.
func overlap(x, y [][2]int) int {
	n, i, j := 0, 0, 0
	for i < len(x) && j < len(y) {
		lo, hi := max(x[i][0], y[j][0]), min(x[i][1], y[j][1])
		if hi > lo {
			n += hi - lo
		}
		if x[i][1] < y[j][1] {
			i++
		} else {
			j++
		}
	}
	return n
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
