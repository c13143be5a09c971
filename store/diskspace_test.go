package store

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax/app"
)

// A batch the disk cannot take is refused before Badger writes into a
// mapped page (a SIGBUS on a full disk); what was stored stays.
func TestIngestStopsBeforeTheDiskIsFull(t *testing.T) {
	s := mustOpen(t)
	diskFree = func(string) (int64, bool) { return 70 << 20, true }
	t.Cleanup(func() { diskFree = freeBytes })
	if _, err := s.Ingest([]app.Draft{draft("BBC", "", "Small", "A short text.")}); err != nil {
		t.Fatalf("a small batch: %v", err)
	}
	big := draft("BBC", "", "Big", strings.Repeat("Long text. ", 300_000))
	_, err := s.Ingest([]app.Draft{big})
	if app.ErrorCode(err) != app.ENOSPACE || !strings.Contains(err.Error(), "70 MB free on the disk of") {
		t.Fatalf("a batch too big for the disk: %v", err)
	}
	if st, _ := s.Stats(); st.Articles != 1 {
		t.Errorf("%d articles after the refusal, want 1", st.Articles)
	}
}
