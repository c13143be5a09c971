package store

import (
	"runtime"
	"sync"

	"github.com/parallax-news/parallax/app"
)

// What a draft's records need that nothing in the store can change (its
// hash, word count, URL and title keys) is worked out while its batch is
// prepared, on every core, not in the transaction every batch waits for.

// draftRecord is what a draft's records need that nothing in the store
// can change.
type draftRecord struct {
	url, title string // its app.URLKey and app.TitleKey
}

// prepareDrafts fills in the drafts' missing hashes and word counts (the
// importer does both as it parses; other callers may not) and their
// keys, on every core.
func prepareDrafts(drafts []app.Draft) []draftRecord {
	records := make([]draftRecord, len(drafts))
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), max(1, len(drafts)/8))
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k; i < len(drafts); i += workers {
				d := &drafts[i]
				switch {
				case d.Hash == "" && d.Words == 0:
					d.Hash, d.Words = app.HashAndCount(d.Title, d.Body)
				case d.Hash == "":
					d.Hash = app.ContentHash(d.Title, d.Body)
				case d.Words == 0 && d.Body != "":
					d.Words = app.CountWords(d.Body)
				}
				records[i] = draftRecord{url: app.URLKey(d.URL), title: app.TitleKey(d.Outlet, d.Title)}
			}
		}()
	}
	wg.Wait()
	return records
}
