// Package teststore opens a real store in a test's temporary directory.
package teststore

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/store"
)

// Open opens an empty store that is closed when the test ends.
func Open(tb testing.TB) *store.Store {
	tb.Helper()
	return OpenAt(tb, tb.TempDir())
}

// OpenAt opens (creating) the store in dir, closed when the test ends.
func OpenAt(tb testing.TB, dir string) *store.Store {
	tb.Helper()
	s, err := store.Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// WithArticles opens a store holding n generated articles of the given
// number of words (article i's words are "w<i%89>x<k>", so texts repeat
// across articles as news does), for benchmarks; it returns their drafts
// in ID order.
func WithArticles(tb testing.TB, n, words int) (*store.Store, []app.Draft) {
	tb.Helper()
	st := Open(tb)
	drafts := make([]app.Draft, 0, n)
	for i := range n {
		ws := make([]string, 0, words)
		for w := range words {
			ws = append(ws, fmt.Sprintf("w%dx%d", i%89, w))
		}
		body := strings.Join(ws, " ")
		m := app.Meta{Title: fmt.Sprintf("Story %d", i), Outlet: fmt.Sprintf("Outlet %d", i%7), Imported: time.Date(2026, 1, 1+i%28, 0, 0, 0, 0, time.UTC)}
		m.Hash, m.Words = app.HashAndCount(m.Title, body)
		drafts = append(drafts, app.Draft{Meta: m, Body: body})
	}
	for i := 0; i < len(drafts); i += 500 {
		if _, err := st.Ingest(drafts[i:min(i+500, len(drafts))]); err != nil {
			tb.Fatal(err)
		}
	}
	return st, drafts
}

// Contents lists what a store holds without its own IDs, which differ
// between stores by design (articles go by their first text's hash), one
// sorted line per article, annotation, tag and memo: two stores that
// hold the same hold equal Contents.
func Contents(tb testing.TB, st *store.Store) string {
	tb.Helper()
	var b strings.Builder
	first := map[app.ArticleID]string{}
	err := st.ForEachArticle(func(a app.Article) error {
		rev, err := st.FindRevision(a.ID, 1)
		if err != nil {
			return err
		}
		first[a.ID] = rev.Hash[:12]
		fmt.Fprintf(&b, "article %s %q url=%s revs=%d tags=%v\n", rev.Hash[:12], a.Title, a.URL, a.Revisions, a.Tags)
		return nil
	})
	if err == nil {
		err = st.ForEachAnnotation(app.AnnotationFilter{}, func(a app.Annotation) error {
			fmt.Fprintf(&b, "annotation %s on %s %q note=%q color=%s tags=%v by=%s\n", a.URI, first[a.Article], a.Quote, a.Note, a.Color, a.Tags, a.Analyst)
			return nil
		})
	}
	if err == nil {
		err = st.ForEachMemo(app.MemoFilter{}, func(m app.Memo) error {
			fmt.Fprintf(&b, "memo %s %s %s tag=%s %q\n", m.URI, m.Kind, first[m.Article], m.Tag, m.Text)
			return nil
		})
	}
	if err != nil {
		tb.Fatal(err)
	}
	tags, err := st.Tags()
	if err != nil {
		tb.Fatal(err)
	}
	for _, tg := range tags {
		fmt.Fprintf(&b, "tag %s color=%s desc=%q uses=%d/%d\n", tg.Path, tg.Color, tg.Description, tg.Articles, tg.Annotations)
	}
	lines := strings.SplitAfter(b.String(), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "")
}
