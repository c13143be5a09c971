package index

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/parallax-news/parallax/app/compare"
)

// Every article's latest revision has a MinHash signature (Keys.Sig),
// with its stems, and the signature's sketch (Keys.Sketch), written by
// the index writer in the article's own transaction from the tokens it
// makes for the search index. Similar scans the sketches, 128 bytes an
// article stored apart from the stems (a signature with its stems is
// about 1.2 KB), so a scan reads a tenth as much; Clusters bands whole
// signatures. Each is held in memory, packed, once loaded.

// packed is one value per article in memory, kept current after every
// committed change once loaded.
type packed[T any] struct {
	mu     sync.RWMutex
	loaded bool
	at     map[uint64]int // article → index in ids and vals
	ids    []uint64
	vals   []T
}

func (t *packed[T]) reset() {
	t.mu.Lock()
	t.loaded, t.at, t.ids, t.vals = false, nil, nil, nil
	t.mu.Unlock()
}

func (t *packed[T]) put(id uint64, v T) {
	if i, ok := t.at[id]; ok {
		t.vals[i] = v
		return
	}
	t.at[id] = len(t.ids)
	t.ids = append(t.ids, id)
	t.vals = append(t.vals, v)
}

func (t *packed[T]) drop(id uint64) {
	i, ok := t.at[id]
	if !ok {
		return
	}
	last := len(t.ids) - 1
	t.ids[i], t.vals[i] = t.ids[last], t.vals[last]
	t.at[t.ids[i]] = i
	t.ids, t.vals = t.ids[:last], t.vals[:last]
	delete(t.at, id)
}

// apply brings a loaded table up to date with a committed transaction;
// of is an article's value from its signature.
func (t *packed[T]) apply(w *Writer, of func(*compare.Signature) T) {
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
		t.put(s.id, of(&s.sig))
	}
}

// load reads the values under prefix, once.
func (t *packed[T]) load(x *Index, prefix byte, decode func([]byte) (T, error)) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.loaded {
		return nil
	}
	// Sized for every article the document table counts, so a million
	// values are not copied again and again as they are appended.
	if err := x.loadDocs(); err != nil {
		return err
	}
	x.docs.mu.RLock()
	size := x.docs.articles
	x.docs.mu.RUnlock()
	t.at, t.ids, t.vals = make(map[uint64]int, size), make([]uint64, 0, size), make([]T, 0, size)
	err := x.db.View(func(txn Txn) error {
		return scanValues(txn, []byte{prefix}, func(k, v []byte) error {
			id, ok := articleOf(k, prefix)
			if !ok {
				return nil
			}
			val, err := decode(v)
			if err != nil {
				return fmt.Errorf("article %d: %w", id, err)
			}
			t.put(id, val)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("reading similarity signatures: %w", err)
	}
	t.loaded = true
	return nil
}

func signatureOf(s *compare.Signature) compare.Signature { return *s }
func sketchOf(s *compare.Signature) compare.Sketch       { return s.Sketch() }

// Similar returns up to limit articles most like article id's latest
// text, most similar first: the compare.Candidates nearest by sketch,
// re-ranked by the exact Jaccard similarity of their stems. An article
// without content words has none.
func (x *Index) Similar(id uint64, limit int) ([]compare.Neighbour, error) {
	t := &x.sketches
	if err := t.load(x, x.keys.Sketch, decodeSketch); err != nil {
		return nil, err
	}
	t.mu.RLock()
	i, ok := t.at[id]
	var cands []compare.Neighbour
	if ok {
		sk := t.vals[i]
		all := compare.Sketches{IDs: t.ids, Sks: t.vals}
		cands = all.Nearest(&sk, id, max(limit, compare.Candidates))
	}
	t.mu.RUnlock()
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

// SketchesLoaded reports whether Similar holds the sketches already.
func (x *Index) SketchesLoaded() bool {
	x.sketches.mu.RLock()
	defer x.sketches.mu.RUnlock()
	return x.sketches.loaded
}

// Clusters groups articles whose vocabularies are at least min similar
// (single link), largest group first, reporting progress.
func (x *Index) Clusters(ctx context.Context, min float64, progress func(done, total int)) ([][]uint64, error) {
	t := &x.sigs
	if err := t.load(x, x.keys.Sig, decodeSignature); err != nil {
		return nil, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	all := compare.Signatures{IDs: t.ids, Sigs: t.vals}
	return all.Clusters(ctx, min, progress)
}

// BackfillSketches writes the sketch of every signature, batch articles
// a transaction, for a store whose signatures predate sketches. Writing
// a sketch again is harmless: a backfill cut short can start over.
func (x *Index) BackfillSketches(batch int) error {
	from := []byte{x.keys.Sig}
	for from != nil {
		var ids []uint64
		var sks []compare.Sketch
		err := x.db.View(func(txn Txn) error {
			it := txn.Iterate([]byte{x.keys.Sig})
			defer it.Close()
			for it.Seek(from); it.Valid() && len(ids) < batch; it.Next() {
				id, ok := articleOf(it.Key(), x.keys.Sig)
				if !ok {
					continue
				}
				err := it.Value(func(v []byte) error {
					sig, err := decodeSignature(v)
					ids, sks = append(ids, id), append(sks, sig.Sketch())
					return err
				})
				if err != nil {
					return fmt.Errorf("article %d: %w", id, err)
				}
			}
			from = nil
			if it.Valid() {
				from = append([]byte(nil), it.Key()...)
			}
			return nil
		})
		if err == nil {
			err = x.db.Update(func(txn Txn) error {
				for k, id := range ids {
					if err := txn.Set(x.keys.sketch(id), encodeSketch(&sks[k])); err != nil {
						return err
					}
				}
				return nil
			})
		}
		if err != nil {
			return fmt.Errorf("writing similarity sketches: %w", err)
		}
	}
	x.sketches.reset()
	return nil
}
