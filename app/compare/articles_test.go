package compare

import (
	"testing"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
)

// fakeSource is two articles: 1 with two revisions, 2 with one.
type fakeSource struct{ annos []app.Annotation }

func (fakeSource) FindArticleByID(id app.ArticleID) (app.Article, error) {
	switch id {
	case 1:
		return app.Article{ID: 1, Revisions: 2}, nil
	case 2:
		return app.Article{ID: 2, Revisions: 1}, nil
	}
	return app.Article{}, app.Errorf(app.ENOTFOUND, "no article %d", id)
}

func (fakeSource) FindRevision(id app.ArticleID, n int) (app.Revision, error) {
	texts := map[app.ArticleID][]string{
		1: {"Talks begin in Istanbul. Both sides sent envoys.", "Talks begin in Istanbul on Monday. Both sides sent envoys."},
		2: {"Envoys from both sides arrived in Istanbul for talks."},
	}
	t := texts[id]
	if n == 0 {
		n = len(t)
	}
	if n > len(t) {
		return app.Revision{}, app.Errorf(app.ENOTFOUND, "no revision %d of %d", n, id)
	}
	return app.Revision{Number: n, Meta: app.Meta{Title: "T", Outlet: "O"}, Body: t[n-1]}, nil
}

func (s fakeSource) ForEachAnnotation(f app.AnnotationFilter, fn func(app.Annotation) error) error {
	for _, a := range s.annos {
		if f.Match(a) {
			if err := fn(a); err != nil {
				return err
			}
		}
	}
	return nil
}

func TestArticlesCarriesAnnotationsIntoEachRevision(t *testing.T) {
	moved := app.Annotation{ID: 7, Article: 1, Revision: 2, Selector: anchor.Selector{Start: 51, End: 57, Quote: "envoys"},
		History: []app.Anchoring{{Revision: 1, Start: 41, End: 47, Quote: "envoys"}}}
	src := fakeSource{annos: []app.Annotation{moved}}
	al, err := Articles(src, Ref{Article: 1}, Ref{Article: 1}, Auto)
	if err != nil {
		t.Fatal(err)
	}
	if al.A.Revision != 1 || al.B.Revision != 2 || al.Summary.Mode != Revisions {
		t.Fatalf("compared %d@%d with %d@%d in %s", al.A.Article, al.A.Revision, al.B.Article, al.B.Revision, al.Summary.Mode)
	}
	for _, side := range []Side{al.A, al.B} {
		if len(side.Annotations) != 1 {
			t.Fatalf("revision %d: %d annotations", side.Revision, len(side.Annotations))
		}
		a := side.Annotations[0]
		if got := string([]rune(side.Text)[a.Start:a.End]); got != "envoys" || a.Revision != side.Revision {
			t.Errorf("revision %d: annotation on %q (revision %d)", side.Revision, got, a.Revision)
		}
	}
	if _, err := Articles(src, Ref{Article: 2}, Ref{Article: 2}, Auto); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("one-revision article compared with itself: %v", err)
	}
	al, err = Articles(src, Ref{Article: 1, Revision: 1}, Ref{Article: 2}, Auto)
	if err != nil || al.Summary.Mode != Coverage || len(al.B.Annotations) != 0 {
		t.Errorf("two articles: %v %+v", err, al.Summary)
	}
	for _, bad := range []string{"x", "3@0", "3@x", "0"} {
		if _, err := ParseRef(bad); err == nil {
			t.Errorf("ParseRef(%q) accepted", bad)
		}
	}
	if r, err := ParseRef("3@2"); err != nil || r != (Ref{3, 2}) || r.String() != "3@2" {
		t.Errorf("ParseRef(3@2) = %v, %v", r, err)
	}
}
