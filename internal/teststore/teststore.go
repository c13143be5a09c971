// Package teststore opens a real store in a test's temporary directory.
package teststore

import (
	"fmt"
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
