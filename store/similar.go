package store

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
)

// Every article's latest revision has a MinHash signature (prefixSig),
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
func (t *sigTable) apply(w *indexWriter) {
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

func (s *Store) loadSignatures() error {
	t := &s.sigs
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.loaded {
		return nil
	}
	t.at, t.all = map[uint64]int{}, compare.Signatures{}
	err := s.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.Prefix = []byte{prefixSig}
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			id, ok := sigKeyID(it.Item().Key())
			if !ok {
				continue
			}
			err := it.Item().Value(func(v []byte) error {
				sig, err := compare.DecodeSignature(v)
				if err != nil {
					return fmt.Errorf("article %d: %w", id, err)
				}
				t.put(id, sig)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "reading similarity signatures of %s", s.dir)
	}
	t.loaded = true
	return nil
}

// SimilarArticles returns up to limit articles most like article id's
// latest revision, most similar first: the compare.Candidates nearest by
// signature, re-ranked by the exact Jaccard similarity of their stems.
func (s *Store) SimilarArticles(id app.ArticleID, limit int) ([]compare.Neighbour, error) {
	if _, err := s.FindArticleByID(id); err != nil {
		return nil, err
	}
	if err := s.loadSignatures(); err != nil {
		return nil, err
	}
	s.sigs.mu.RLock()
	i, ok := s.sigs.at[uint64(id)]
	var cands []compare.Neighbour
	if ok {
		sig := s.sigs.all.Sigs[i]
		cands = s.sigs.all.Nearest(&sig, uint64(id), max(limit, compare.Candidates))
	}
	s.sigs.mu.RUnlock()
	if !ok {
		return nil, nil // no content words to compare
	}
	var out []compare.Neighbour
	err := s.db.View(func(txn *badger.Txn) error {
		stemsOf := func(id uint64) ([]uint32, error) {
			item, err := txn.Get(sigKey(id))
			if errors.Is(err, badger.ErrKeyNotFound) {
				return nil, nil // deleted since the scan
			}
			if err != nil {
				return nil, err
			}
			var stems []uint32
			err = item.Value(func(v []byte) error {
				stems, err = compare.DecodeStems(v)
				return err
			})
			return stems, err
		}
		target, err := stemsOf(uint64(id))
		if err != nil {
			return err
		}
		out, err = compare.Rerank(target, cands, stemsOf, limit)
		return err
	})
	if err != nil {
		return nil, app.WrapError(app.EINTERNAL, err, "finding articles like %d in %s", id, s.dir)
	}
	return out, nil
}

// ArticleClusters groups articles whose vocabularies are at least min
// similar (single link), largest group first, reporting progress.
func (s *Store) ArticleClusters(ctx context.Context, min float64, progress func(done, total int)) ([][]uint64, error) {
	if err := s.loadSignatures(); err != nil {
		return nil, err
	}
	s.sigs.mu.RLock()
	defer s.sigs.mu.RUnlock()
	return s.sigs.all.Clusters(ctx, min, progress)
}
