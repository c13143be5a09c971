package store

import (
	"sync"

	"github.com/parallax-news/parallax/app"
)

// Import is a bulk import under way (app.Import). Its batches are
// prepared one after another, each on every core, so the oldest, which
// the writer waits for, is ready first. While any import is open the
// search index's merges wait (index.HoldMerges).
type Import struct {
	s *Store
	// mu guards lastPrepared, closed when the last batch given to
	// Prepare is prepared.
	mu           sync.Mutex
	lastPrepared chan struct{}
	endOnce      sync.Once
	// releasePages ends the import's hold on paging out (mapped.go).
	releasePages func()
}

var _ app.BulkStore = (*Store)(nil)

// BeginImport implements app.BulkStore.
func (s *Store) BeginImport() app.Import {
	s.idx.HoldMerges()
	return &Import{s: s, releasePages: s.pages.hold()}
}

// Prepare implements app.Import: it hashes and tokenises the drafts in
// the background. The caller must not touch them until Write returns.
func (im *Import) Prepare(drafts []app.Draft) app.PreparedBatch {
	p := &preparedBatch{drafts: drafts, done: make(chan struct{})}
	im.mu.Lock()
	before := im.lastPrepared
	im.lastPrepared = p.done
	im.mu.Unlock()
	go func() {
		defer close(p.done)
		if before != nil {
			<-before
		}
		im.s.prepare(p)
	}()
	return p
}

// Write implements app.Import: Ingest of the prepared drafts, without
// tokenising them again.
func (im *Import) Write(b app.PreparedBatch) ([]app.Stored, error) {
	p, ok := b.(*preparedBatch)
	if !ok {
		return nil, app.Errorf(app.EINTERNAL, "a batch prepared by another store was given to %s", im.s.dir)
	}
	<-p.done
	return im.s.ingest(p)
}

// End implements app.Import: it makes the import's writes durable and
// lets the merges it held off start. Calling it again does nothing.
func (im *Import) End() error {
	var err error
	im.endOnce.Do(func() {
		err = im.s.Sync()
		im.s.idx.ReleaseMerges()
		im.releasePages()
	})
	return err
}
