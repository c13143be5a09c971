// Package index is Parallax's full-text search index and its similarity
// signatures, kept in the store's key-value database and written in the
// store's transactions, so it never disagrees with the data after a
// crash.
//
// Texts are tokenised into postings (tokens.go) that each transaction
// writes as one new segment (segment.go), in blocks whose layout only
// postings.go knows. Segments are merged in the background, tier by
// tier (merge.go, merger.go). Each indexed text gets a fresh document
// number; replacing or deleting a text only deletes its document record
// (docs.go), so postings are append-only. A bulk import tokenises its
// next batches before their transactions (prepare.go). Articles' MinHash
// signatures are made from the same tokens by their own observer
// (signer.go) and answer "similar articles" (similar.go).
package index

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/parallax-news/parallax/app/compare"
)

// Index is the search index of one store.
type Index struct {
	db   DB
	keys Keys
	docs docTable // the live documents, loaded on first search
	// Articles' similarity signatures and their sketches, each loaded on
	// first use.
	sigs     packed[compare.Signature]
	sketches packed[compare.Sketch]
	// holds counts the bulk imports under way: merges wait for them.
	holds atomic.Int32
	// mergeMu lets one segment merge run at a time; garbage, under it,
	// counts the bytes of segments merged away since the last Reclaim.
	mergeMu sync.Mutex
	garbage uint64
	merges  *merger
	// segMu keeps a merge's manifest writes out of an indexing
	// transaction's lifetime: both read and write the manifest, and the
	// database would fail (and the store retry) the whole transaction.
	segMu sync.RWMutex
}

// Open returns the index kept in db under keys. It deletes what an
// interrupted merge left and finishes merging in the background.
func Open(db DB, keys Keys) (*Index, error) {
	x := &Index{db: db, keys: keys}
	x.merges = newMerger(x.mergeSegments)
	if err := x.cleanSegments(); err != nil {
		return nil, err
	}
	x.merges.request()
	return x, nil
}

// Close stops a merge under way; the next Open cleans up after it and
// merges again.
func (x *Index) Close() { x.merges.close() }

// Change runs txn, one of the store's read-write transactions, which
// calls begin for the writer of each attempt and the writer's Flush last.
// Once it commits, the index's tables in memory learn the change and the
// merger is asked to merge full tiers of segments.
func (x *Index) Change(txn func(begin func(Txn) *Writer) error) error {
	var w *Writer
	x.segMu.RLock()
	err := txn(func(t Txn) *Writer {
		w = &Writer{x: x, txn: t}
		return w
	})
	x.segMu.RUnlock()
	if err != nil {
		return err
	}
	if w != nil {
		x.docs.apply(w)
		x.sigs.apply(w, signatureOf)
		x.sketches.apply(w, sketchOf)
		x.merges.request()
	}
	return nil
}

// HoldMerges keeps merges waiting (unless segments pile up) until
// ReleaseMerges: while an import writes, a merge would compete with it
// for the cores and make its final sync write the merge's pages too.
func (x *Index) HoldMerges() { x.holds.Add(1) }

// ReleaseMerges ends a HoldMerges; the last starts the merges held off.
func (x *Index) ReleaseMerges() {
	if x.holds.Add(-1) == 0 {
		x.merges.request()
	}
}

// WaitMerges waits until the background merges are done, or ctx is
// cancelled.
func (x *Index) WaitMerges(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		x.merges.wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Segments counts the live segments.
func (x *Index) Segments() (int, error) {
	var n int
	err := x.db.View(func(t Txn) error {
		segs, err := readManifest(t, x.keys)
		n = len(segs)
		return err
	})
	return n, err
}

// Clear throws the index and the signatures away, for a rebuild.
func (x *Index) Clear() error {
	x.merges.wait() // it would write segments about to be dropped
	k := x.keys
	err := x.db.DropPrefix([]byte{k.Segment}, []byte{k.Doc}, []byte{k.DocOf}, []byte{k.Sig}, []byte{k.Sketch})
	if err == nil {
		err = x.db.Update(func(t Txn) error {
			for _, key := range [][]byte{k.docSeq(), k.manifest()} {
				if err := t.Delete(key); err != nil {
					return err
				}
			}
			return nil
		})
	}
	x.docs.reset()
	x.sigs.reset()
	x.sketches.reset()
	return err
}

// MergeNow merges full tiers of segments before it returns.
func (x *Index) MergeNow() error { return x.mergeSegments() }

// Exclusive runs fn, which replaces the database's contents under the
// index (a restore), with no merge running; the index forgets what it
// held in memory and merges what fn brought.
func (x *Index) Exclusive(fn func() error) error {
	x.merges.wait()
	x.mergeMu.Lock()
	err := fn()
	x.mergeMu.Unlock()
	x.docs.reset()
	x.sigs.reset()
	x.sketches.reset()
	x.merges.request()
	return err
}

// Verify reads the whole index and reports the first damage it finds:
// a manifest or chunk that does not decode, or chunks of a segment the
// manifest does not list (what an interrupted merge leaves until the
// next Open).
func (x *Index) Verify() error {
	return x.db.View(func(txn Txn) error {
		listed, err := listedSegments(txn, x.keys)
		if err != nil {
			return err
		}
		return scanValues(txn, []byte{x.keys.Segment}, func(k, v []byte) error {
			seg, ok := x.keys.chunkSegment(k)
			if !ok || !listed[seg] {
				return fmt.Errorf("search index: chunk %x of unlisted segment %d", k, seg)
			}
			var blockErr error
			err := chunkEntries(v, func(_, block []byte) bool {
				var p postings
				blockErr = decodeBlock(block, &p, true)
				return blockErr == nil
			})
			if err := errors.Join(err, blockErr); err != nil {
				return fmt.Errorf("search index: segment %d, chunk %x: %w", seg, k, err)
			}
			return nil
		})
	})
}
