package store

import (
	"errors"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/store/index"
)

// indexKeys are the prefixes the search index writes under (keys.go).
var indexKeys = index.Keys{
	Segment: prefixSegment,
	Doc:     prefixDoc,
	DocOf:   prefixDocOf,
	Sig:     prefixSig,
	Sketch:  prefixSketch,
	System:  prefixSystem,
}

// indexDB gives the search index the store's Badger database.
type indexDB struct{ s *Store }

func (d indexDB) View(fn func(index.Txn) error) error {
	return d.s.db.View(func(txn *badger.Txn) error { return fn(indexTxn{txn}) })
}

func (d indexDB) Update(fn func(index.Txn) error) error {
	return d.s.update(func(txn *badger.Txn) error { return fn(indexTxn{txn}) })
}

func (d indexDB) Batch() index.Batch                  { return d.s.db.NewWriteBatch() }
func (d indexDB) DropPrefix(prefixes ...[]byte) error { return d.s.db.DropPrefix(prefixes...) }
func (d indexDB) Sync() error                         { return d.s.db.Sync() }

// Reclaim rewrites value-log files that are partly garbage: chunks of
// merged-away segments and replaced revisions live there (values of
// 1 KiB and more, see badgerOptions). Badger counts a file's garbage only
// when a compaction drops the keys that pointed into it, so the tree is
// flattened first, and before that the memtables flushed, where the
// latest deletions are; without both the collector found nothing to
// rewrite after importing 100,000 articles. A file is rewritten when a
// third of it is garbage: at a half, 100k left 664 MB on disk, at a third
// 551 MB, at a tenth 528 MB for a fifth more time.
func (d indexDB) Reclaim() {
	if err := d.flushMemtables(); err != nil {
		return // it tries again after the next merges
	}
	if err := d.s.db.Flatten(1); err != nil {
		return
	}
	for range 10_000 { // each rewrite removes a file; the bound is a guard
		if err := d.s.db.RunValueLogGC(1.0 / 3); err != nil {
			return // badger.ErrNoRewrite: nothing more worth it; others: next time
		}
	}
}

// flushMemtables writes Badger's memtables to its tree. Badger has no
// call for it, but DropPrefix flushes them before it drops a prefix that
// holds keys: a marker of its own is written and dropped.
func (d indexDB) flushMemtables() error {
	marker := []byte{prefixFlush}
	if err := d.s.update(func(txn *badger.Txn) error { return txn.Set(marker, nil) }); err != nil {
		return err
	}
	return d.s.db.DropPrefix(marker)
}

// indexTxn is a Badger transaction as the index sees it.
type indexTxn struct{ txn *badger.Txn }

func (t indexTxn) Get(key []byte, fn func([]byte) error) error {
	item, err := t.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return index.ErrNotFound
	}
	if err != nil {
		return err
	}
	return item.Value(fn)
}

func (t indexTxn) Set(key, value []byte) error { return t.txn.Set(key, value) }
func (t indexTxn) Delete(key []byte) error     { return t.txn.Delete(key) }

func (t indexTxn) Iterate(prefix []byte) index.Iterator {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	opts.Prefix = prefix
	return indexIterator{t.txn.NewIterator(opts)}
}

type indexIterator struct{ it *badger.Iterator }

func (i indexIterator) Rewind()                           { i.it.Rewind() }
func (i indexIterator) Seek(key []byte)                   { i.it.Seek(key) }
func (i indexIterator) Valid() bool                       { return i.it.Valid() }
func (i indexIterator) Key() []byte                       { return i.it.Item().Key() }
func (i indexIterator) Value(fn func([]byte) error) error { return i.it.Item().Value(fn) }
func (i indexIterator) Next()                             { i.it.Next() }
func (i indexIterator) Close()                            { i.it.Close() }

// updateIndexed runs fn in a read-write transaction with an index writer
// whose segment commits with it.
func (s *Store) updateIndexed(fn func(txn *badger.Txn, w *index.Writer) error) error {
	return s.updateIndexedAs(true, fn)
}

// updateIndexedAs is updateIndexed, marking for the team as updateAs.
func (s *Store) updateIndexedAs(mark bool, fn func(txn *badger.Txn, w *index.Writer) error) error {
	return s.idx.Change(func(begin func(index.Txn) *index.Writer) error {
		return s.updateAs(mark, func(txn *badger.Txn) error {
			w := begin(indexTxn{txn})
			if err := fn(txn, w); err != nil {
				return err
			}
			return w.Flush()
		})
	})
}
