package index

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/parallax-news/parallax/app/compare"
)

// Every article's latest revision has a MinHash signature (Keys.Sig),
// written by the index writer in the article's own transaction from the
// tokens it makes for the search index. For similarity queries the
// signatures are held in memory, packed, once loaded.

// sigTable is the signatures in memory, kept current after every
// committed change once loaded.
type sigTable struct {
	mu     sync.RWMutex
	loaded bool
	at     map[uint64]int // article → index in all
	all    compare.Signatures
}

func (t *sigTable) reset() {
	t.mu.Lock()
	t.loaded, t.at, t.all = false, nil, compare.Signatures{}
	t.mu.Unlock()
}

func (t *sigTable) put(id uint64, sig compare.Signature) {
	if i, ok := t.at[id]; ok {
		t.all.Sigs[i] = sig
		return
	}
	t.at[id] = len(t.all.IDs)
	t.all.IDs = append(t.all.IDs, id)
	t.all.Sigs = append(t.all.Sigs, sig)
}

func (t *sigTable) drop(id uint64) {
	i, ok := t.at[id]
	if !ok {
		return
	}
	last := len(t.all.IDs) - 1
	t.all.IDs[i], t.all.Sigs[i] = t.all.IDs[last], t.all.Sigs[last]
	t.at[t.all.IDs[i]] = i
	t.all.IDs, t.all.Sigs = t.all.IDs[:last], t.all.Sigs[:last]
	delete(t.at, id)
}

// apply brings a loaded table up to date with a committed transaction.
func (t *sigTable) apply(w *Writer) {
	if w == nil || (len(w.signed) == 0 && len(w.unsigned) == 0) {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.loaded {
		return
	}
	for _, id := range w.unsigned {
		t.drop(id)
	}
	for _, s := range w.signed {
		t.put(s.id, s.sig)
	}
}

func (x *Index) loadSignatures() error {
	t := &x.sigs
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.loaded {
		return nil
	}
	t.at, t.all = map[uint64]int{}, compare.Signatures{}
	err := x.db.View(func(txn Txn) error {
		return scanValues(txn, []byte{x.keys.Sig}, func(k, v []byte) error {
			id, ok := x.keys.sigArticle(k)
			if !ok {
				return nil
			}
			sig, err := decodeSignature(v)
			if err != nil {
				return fmt.Errorf("article %d: %w", id, err)
			}
			t.put(id, sig)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("reading similarity signatures: %w", err)
	}
	t.loaded = true
	return nil
}

// Similar returns up to limit articles most like article id's latest
// text, most similar first: the compare.Candidates nearest by signature,
// re-ranked by the exact Jaccard similarity of their stems. An article
// without content words has none.
func (x *Index) Similar(id uint64, limit int) ([]compare.Neighbour, error) {
	if err := x.loadSignatures(); err != nil {
		return nil, err
	}
	x.sigs.mu.RLock()
	i, ok := x.sigs.at[id]
	var cands []compare.Neighbour
	if ok {
		sig := x.sigs.all.Sigs[i]
		cands = x.sigs.all.Nearest(&sig, id, max(limit, compare.Candidates))
	}
	x.sigs.mu.RUnlock()
	if !ok {
		return nil, nil
	}
	var out []compare.Neighbour
	err := x.db.View(func(txn Txn) error {
		stemsOf := func(id uint64) ([]uint32, error) {
			var stems []uint32
			err := txn.Get(x.keys.sig(id), func(v []byte) error {
				var err error
				stems, err = decodeStems(v)
				return err
			})
			if errors.Is(err, ErrNotFound) {
				return nil, nil // deleted since the scan
			}
			return stems, err
		}
		target, err := stemsOf(id)
		if err != nil {
			return err
		}
		out, err = compare.Rerank(target, cands, stemsOf, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("finding articles like %d: %w", id, err)
	}
	return out, nil
}

// Clusters groups articles whose vocabularies are at least min similar
// (single link), largest group first, reporting progress.
func (x *Index) Clusters(ctx context.Context, min float64, progress func(done, total int)) ([][]uint64, error) {
	if err := x.loadSignatures(); err != nil {
		return nil, err
	}
	x.sigs.mu.RLock()
	defer x.sigs.mu.RUnlock()
	return x.sigs.all.Clusters(ctx, min, progress)
}
