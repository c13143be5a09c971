package store

import (
	"fmt"
	"runtime/debug"
	"testing"

	"github.com/parallax-news/parallax/app"
)

// gcPercent reads the collector's setting.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestImportLowersGCPercent(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	prepare := func(s *Store, url string) app.PreparedBatch {
		return s.PrepareIngest([]app.Draft{draft("Outlet", url, "Title "+url, "Body of "+url)})
	}
	// ingestAndSync writes a prepared batch and ends the import.
	ingestAndSync := func(s *Store, batch app.PreparedBatch) {
		t.Helper()
		if _, err := s.IngestPrepared(batch); err != nil {
			t.Fatal(err)
		}
		if err := s.Sync(); err != nil {
			t.Fatal(err)
		}
	}
	a, b := mustOpen(t), mustOpen(t)

	batch := prepare(a, "https://example.org/a1")
	if got := gcPercent(); got != importGCPercent {
		t.Fatalf("importing: GOGC %d, want %d", got, importGCPercent)
	}
	if _, err := a.IngestPrepared(batch); err != nil {
		t.Fatal(err)
	}
	// A second store's import keeps the setting until both have ended.
	batch = prepare(b, "https://example.org/b1")
	if err := a.Sync(); err != nil {
		t.Fatal(err)
	}
	if got := gcPercent(); got != importGCPercent {
		t.Errorf("one of two imports ended: GOGC %d, want %d", got, importGCPercent)
	}
	ingestAndSync(b, batch)
	if got := gcPercent(); got != 100 {
		t.Errorf("after the imports: GOGC %d, want 100 back", got)
	}

	// An import given up without a Sync ends at Close.
	if _, err := a.IngestPrepared(prepare(a, "https://example.org/a2")); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if got := gcPercent(); got != 100 {
		t.Errorf("after Close: GOGC %d, want 100 back", got)
	}

	// A lower setting, or the collector off, is left alone.
	for _, setting := range []int{20, -1} {
		debug.SetGCPercent(setting)
		batch := prepare(b, fmt.Sprintf("https://example.org/b-gc%d", setting))
		if got := gcPercent(); got != setting {
			t.Errorf("GOGC %d importing: %d", setting, got)
		}
		ingestAndSync(b, batch)
		if got := gcPercent(); got != setting {
			t.Errorf("GOGC %d after the import: %d", setting, got)
		}
	}
}
