// Package autocode codes every passage a query finds: the match itself,
// or the sentence or paragraph around it, as annotations of the current
// analyst, in one batch that one undo removes.
package autocode

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/app/search"
)

// Unit is how much of the text around a match is coded.
type Unit string

const (
	Match     Unit = "match"
	Sentence  Unit = "sentence"
	Paragraph Unit = "paragraph"
)

// Store is what autocoding needs: the search index and articles, and
// annotations written and removed in bulk.
type Store interface {
	search.Searcher
	ForEachArticle(fn func(app.Article) error) error
	ForEachAnnotation(f app.AnnotationFilter, fn func(app.Annotation) error) error
	SaveAnnotations(as []app.Annotation) ([]app.Annotation, error)
	DeleteAnnotations(ids []app.AnnotationID) ([]app.Annotation, error)
	FindTag(path string) (app.Tag, error)
}

// Spec is what to code.
type Spec struct {
	Query string
	// Regex takes Query as a regular expression (RE2 syntax) over the
	// articles' text instead of a search.
	Regex bool
	Unit  Unit
	Tags  []string
	Color string // palette name or #rrggbb; default: the first tag's colour
	Note  string
	// Analyst codes as this analyst; default app.DefaultAnalyst().
	Analyst string
}

// Passage is one span to code.
type Passage struct {
	Article  app.ArticleID `json:"article"`
	Revision int           `json:"revision"`
	Start    int           `json:"start"`
	End      int           `json:"end"`
	Quote    string        `json:"quote"`
}

// Plan is what a spec would code: the passages, how many articles hold
// them, and how many were left out because the analyst has already coded
// that span with those tags.
type Plan struct {
	Spec     Spec      `json:"-"`
	Passages []Passage `json:"passages"`
	Articles int       `json:"articles"`
	Existing int       `json:"alreadyCoded"`
}

// URIPrefix starts every autocoded annotation's URI; the batch follows,
// so Undo can find a batch's annotations.
const URIPrefix = "urn:parallax:autocode:"

// batchSize is how many annotations go into one transaction: a killed
// process leaves whole transactions only, each in the batch Undo removes.
const batchSize = 2000

// Preview finds what spec would code, without writing anything.
func Preview(ctx context.Context, st Store, spec Spec) (Plan, error) {
	p := Plan{Spec: spec}
	switch spec.Unit {
	case "":
		p.Spec.Unit = Match
	case Match, Sentence, Paragraph:
	default:
		return p, app.Errorf(app.EINVALID, "unit %q: use match, sentence or paragraph", spec.Unit)
	}
	if len(spec.Tags) == 0 {
		return p, app.Errorf(app.EINVALID, "give a tag to code the passages with")
	}
	tags, err := app.NormalizeTags(spec.Tags)
	if err != nil {
		return p, err
	}
	p.Spec.Tags = tags
	if p.Spec.Analyst == "" {
		p.Spec.Analyst = app.DefaultAnalyst()
	}
	existing, err := codedSpans(st, p.Spec)
	if err != nil {
		return p, err
	}
	// plan widens one article's matches (code points of its latest
	// revision) into passages, leaving out what is coded so already.
	plan := func(id app.ArticleID, rev app.Revision, matches [][2]int) {
		rs := []rune(rev.Body)
		n := 0
		for _, sp := range widen(matches, rs, p.Spec.Unit) {
			if existing[spanKey{id, sp[0], sp[1]}] {
				p.Existing++
				continue
			}
			p.Passages = append(p.Passages, Passage{id, rev.Number, sp[0], sp[1], string(rs[sp[0]:sp[1]])})
			n++
		}
		if n > 0 {
			p.Articles++
		}
	}
	if spec.Regex {
		re, err := regexp.Compile(spec.Query)
		if err != nil {
			return p, app.Errorf(app.EINVALID, "regular expression %q: %v", spec.Query, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		// Each text is matched and planned as it is read, in article
		// order: no text is read twice or kept.
		err = st.ForEachArticle(func(a app.Article) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			rev, err := st.FindRevision(a.ID, 0)
			if err != nil {
				return err
			}
			// Byte offsets to code points, counting on from the last match.
			var matches [][2]int
			at, runes := 0, 0
			toRunes := func(b int) int {
				runes += utf8.RuneCountInString(rev.Body[at:b])
				at = b
				return runes
			}
			for _, m := range re.FindAllStringIndex(rev.Body, -1) {
				if m[1] > m[0] {
					matches = append(matches, [2]int{toRunes(m[0]), toRunes(m[1])})
				}
			}
			if matches != nil {
				plan(a.ID, rev, matches)
			}
			return nil
		})
		return p, err
	}
	res, err := search.Run(st, spec.Query, 1<<30)
	if err != nil {
		return p, err
	}
	found := map[app.ArticleID][][2]int{} // code-point spans in the latest revision
	var order []app.ArticleID
	for _, h := range res.Hits {
		for _, m := range h.BodyMatches {
			if found[h.Article.ID] == nil {
				order = append(order, h.Article.ID)
			}
			found[h.Article.ID] = append(found[h.Article.ID], [2]int{m.Start, m.End})
		}
	}
	slices.Sort(order)
	for _, id := range order {
		if err := ctx.Err(); err != nil {
			return p, err
		}
		rev, err := st.FindRevision(id, 0)
		if err != nil {
			return p, err
		}
		plan(id, rev, found[id])
	}
	return p, nil
}

type spanKey struct {
	article    app.ArticleID
	start, end int
}

// codedSpans are the spans the analyst has coded with exactly spec's
// tags, so that running a query twice codes nothing twice.
func codedSpans(st Store, spec Spec) (map[spanKey]bool, error) {
	out := map[spanKey]bool{}
	err := st.ForEachAnnotation(app.AnnotationFilter{Tag: spec.Tags[0], Analyst: spec.Analyst}, func(a app.Annotation) error {
		if a.Status != anchor.Orphaned && slices.Equal(a.Tags, spec.Tags) {
			out[spanKey{a.Article, a.Start, a.End}] = true
		}
		return nil
	})
	return out, err
}

// widen turns matches into the spans to code, in text order, each once:
// the match itself, or the sentences or paragraphs it touches.
func widen(matches [][2]int, rs []rune, unit Unit) [][2]int {
	var units [][2]int
	switch unit {
	case Sentence:
		for _, s := range compare.Sentences(string(rs)) {
			units = append(units, [2]int{s.Start, s.End})
		}
	case Paragraph:
		start := 0
		for i := 0; i <= len(rs); i++ {
			if i == len(rs) || (rs[i] == '\n' && i+1 < len(rs) && rs[i+1] == '\n') {
				if i > start {
					units = append(units, [2]int{start, i})
				}
				start = i + 2
				i++
			}
		}
	}
	var out [][2]int
	for _, m := range matches {
		sp := m
		if units != nil {
			for _, u := range units {
				if u[0] < m[1] && m[0] < u[1] {
					sp = [2]int{min(sp[0], u[0]), max(sp[1], u[1])}
				}
			}
		}
		out = append(out, trim(sp, rs))
	}
	slices.SortFunc(out, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	return slices.Compact(out)
}

// trim drops white space at a span's ends.
func trim(sp [2]int, rs []rune) [2]int {
	for sp[0] < sp[1] && isSpace(rs[sp[0]]) {
		sp[0]++
	}
	for sp[1] > sp[0] && isSpace(rs[sp[1]-1]) {
		sp[1]--
	}
	return sp
}

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' }

// Result is what Apply did.
type Result struct {
	Batch       string `json:"batch"`
	Annotations int    `json:"annotations"`
	Articles    int    `json:"articles"`
}

// Apply codes a plan's passages as new annotations in batches of
// batchSize, each one transaction, durable when Apply returns. The
// batch name, in every annotation's URI, is what Undo takes. A canceled
// ctx stops between batches; the result says how many were stored.
func Apply(ctx context.Context, st Store, p Plan, now time.Time, progress func(done, total int)) (Result, error) {
	batch := now.UTC().Format("20060102T150405.000Z")
	res := Result{Batch: batch, Articles: p.Articles}
	if len(p.Passages) == 0 {
		return res, nil
	}
	color, err := app.AnnotationColor(st, p.Spec.Color, p.Spec.Tags)
	if err != nil {
		return res, err
	}
	texts := map[app.ArticleID]*anchor.Text{}
	var as []app.Annotation
	flush := func() error {
		if len(as) == 0 {
			return nil
		}
		if _, err := st.SaveAnnotations(as); err != nil {
			return err
		}
		res.Annotations += len(as)
		as = as[:0]
		if progress != nil {
			progress(res.Annotations, len(p.Passages))
		}
		return nil
	}
	for i, ps := range p.Passages {
		if i%batchSize == 0 {
			if err := ctx.Err(); err != nil {
				return res, err
			}
		}
		text := texts[ps.Article]
		if text == nil {
			rev, err := st.FindRevision(ps.Article, ps.Revision)
			if err != nil {
				return res, err
			}
			text = anchor.NewText(rev.Body)
			texts = map[app.ArticleID]*anchor.Text{ps.Article: text} // passages come by article
		}
		sel, ok := text.Describe(ps.Start, ps.End)
		if !ok {
			return res, app.Errorf(app.ECONFLICT, "article %d changed since the preview", ps.Article)
		}
		as = append(as, app.Annotation{
			URI: fmt.Sprintf("%s%s:%d", URIPrefix, batch, i+1), Article: ps.Article, Revision: ps.Revision,
			Selector: sel, Status: anchor.Anchored, Note: strings.TrimSpace(p.Spec.Note), Tags: p.Spec.Tags,
			Color: color, Analyst: p.Spec.Analyst, Created: now.UTC(), Modified: now.UTC(),
		})
		if len(as) == batchSize {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	return res, flush()
}

// Undo deletes the annotations an Apply made in batch, in one
// transaction, and returns them.
func Undo(st Store, batch string) ([]app.Annotation, error) {
	if batch == "" || strings.ContainsAny(batch, ": ") {
		return nil, app.Errorf(app.EINVALID, "batch %q: give the name autocode printed, like 20261203T141500.123Z", batch)
	}
	prefix := URIPrefix + batch + ":"
	var ids []app.AnnotationID
	err := st.ForEachAnnotation(app.AnnotationFilter{}, func(a app.Annotation) error {
		if strings.HasPrefix(a.URI, prefix) {
			ids = append(ids, a.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, app.Errorf(app.ENOTFOUND, "no annotations from autocode batch %s", batch)
	}
	return st.DeleteAnnotations(ids)
}
