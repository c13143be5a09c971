package compare

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/app"
)

// Source is what comparing stored articles needs.
type Source interface {
	FindArticleByID(id app.ArticleID) (app.Article, error)
	FindRevision(id app.ArticleID, n int) (app.Revision, error)
	ForEachAnnotation(f app.AnnotationFilter, fn func(app.Annotation) error) error
}

// Ref names a revision of an article; Revision 0 is the latest.
type Ref struct {
	Article  app.ArticleID
	Revision int
}

// ParseRef reads "ID" or "ID@REVISION".
func ParseRef(s string) (Ref, error) {
	idText, revText, hasRev := strings.Cut(s, "@")
	id, err := app.ParseArticleID(idText)
	if err != nil {
		return Ref{}, err
	}
	r := Ref{Article: id}
	if hasRev {
		n, err := strconv.Atoi(revText)
		if err != nil || n < 1 {
			return Ref{}, app.Errorf(app.EINVALID, "%q: a revision is a number from 1", s)
		}
		r.Revision = n
	}
	return r, nil
}

func (r Ref) String() string {
	if r.Revision == 0 {
		return r.Article.String()
	}
	return fmt.Sprintf("%d@%d", r.Article, r.Revision)
}

// Side is one compared revision with its annotations, positioned in
// that revision's text, so a view can show them on both sides.
type Side struct {
	Article     app.ArticleID    `json:"article"`
	Revision    int              `json:"revision"`
	Title       string           `json:"title"`
	Outlet      string           `json:"outlet,omitempty"`
	Text        string           `json:"text"`
	Annotations []app.Annotation `json:"annotations"`
}

// Alignment is two revisions compared.
type Alignment struct {
	A       Side    `json:"a"`
	B       Side    `json:"b"`
	Pairs   []Pair  `json:"pairs"`
	Summary Summary `json:"summary"`
}

// Articles compares two stored revisions. Comparing an article with
// itself without revisions compares its previous revision with its
// latest. Auto mode aligns revisions of one article as revisions.
func Articles(src Source, a, b Ref, mode Mode) (Alignment, error) {
	if a.Article == b.Article && a.Revision == 0 && b.Revision == 0 {
		head, err := src.FindArticleByID(a.Article)
		if err != nil {
			return Alignment{}, err
		}
		if head.Revisions < 2 {
			return Alignment{}, app.Errorf(app.EINVALID, "article %d has one revision: name two articles, or ID@N revisions", a.Article)
		}
		a.Revision, b.Revision = head.Revisions-1, head.Revisions
	}
	var out Alignment
	for _, side := range []struct {
		ref Ref
		to  *Side
	}{{a, &out.A}, {b, &out.B}} {
		rev, err := src.FindRevision(side.ref.Article, side.ref.Revision)
		if err != nil {
			return out, err
		}
		*side.to = Side{Article: side.ref.Article, Revision: rev.Number, Title: rev.Title, Outlet: rev.Outlet, Text: rev.Body}
		if side.to.Annotations, err = annotationsOn(src, side.ref.Article, rev.Number); err != nil {
			return out, err
		}
	}
	if mode == Auto && a.Article == b.Article {
		mode = Revisions
	}
	out.Pairs, out.Summary = Texts(out.A.Text, out.B.Text, mode)
	return out, nil
}

// annotationsOn returns an article's annotations placed in revision n:
// those anchored there now, and those that were anchored there before
// (at their position then).
func annotationsOn(src Source, id app.ArticleID, n int) ([]app.Annotation, error) {
	out := []app.Annotation{}
	err := src.ForEachAnnotation(app.AnnotationFilter{Article: id}, func(a app.Annotation) error {
		if placed, ok := a.In(n); ok {
			out = append(out, placed)
		}
		return nil
	})
	return out, err
}
