// Package teststore opens a real store in a test's temporary directory.
package teststore

import (
	"testing"

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
