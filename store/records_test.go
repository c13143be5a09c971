package store

import (
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
)

// A draft whose metadata has no JSON form (a year past 9999) is refused
// with the encoder's error, and the batch with it.
func TestPrepareDraftsUnencodableMeta(t *testing.T) {
	drafts := []app.Draft{
		{Meta: app.Meta{Title: "Fine", URL: "https://www.Example.org/x?utm_source=feed"}, Body: "Body one."},
		{Meta: app.Meta{Title: "Far future", Published: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, Body: "Body two."},
	}
	records := prepareDrafts(drafts)
	if records[0].url != app.URLKey(drafts[0].URL) || records[0].title != app.TitleKey("", "Fine") {
		t.Errorf("keys %q %q", records[0].url, records[0].title)
	}
	if drafts[0].Hash == "" || drafts[0].Words != 2 {
		t.Errorf("draft not hashed and counted: %q, %d words", drafts[0].Hash, drafts[0].Words)
	}

	s := mustOpen(t)
	if _, err := s.Ingest(drafts); err == nil || !strings.Contains(err.Error(), "year") {
		t.Fatalf("Ingest: %v; want the time encoder's error", err)
	}
	if empty, err := s.IsEmpty(); err != nil || !empty {
		t.Errorf("after a refused batch: empty %v, %v", empty, err)
	}
}
