package index

import (
	"encoding/binary"
	"errors"
)

// The index keeps everything in the store's key-value database, in the
// store's own transactions, so it never disagrees with the data it
// covers. These interfaces are what it needs of that database; the store
// implements them over Badger.

// ErrNotFound is what Txn.Get returns for a missing key.
var ErrNotFound = errors.New("key not found")

// Txn is one transaction of the store's.
type Txn interface {
	// Get calls fn with the key's value, valid only during fn, or
	// returns ErrNotFound.
	Get(key []byte, fn func(value []byte) error) error
	// Set and Delete are seen by later reads in the transaction and
	// commit with it. Set keeps key and value: they must not change.
	Set(key, value []byte) error
	Delete(key []byte) error
	// Iterate returns an iterator over the keys beginning with prefix,
	// in byte order; values are read only when asked for.
	Iterate(prefix []byte) Iterator
}

// Iterator walks keys in order. Key and Value are valid until Next.
type Iterator interface {
	Rewind()
	Seek(key []byte)
	Valid() bool
	Key() []byte
	Value(fn func(value []byte) error) error
	Next()
	Close()
}

// DB is the store's database.
type DB interface {
	View(fn func(Txn) error) error
	// Update runs fn in a read-write transaction, retrying it when a
	// concurrent transaction conflicted.
	Update(fn func(Txn) error) error
	// Batch is a bulk writer for what need not be atomic (a merge's
	// output, which is invisible until listed).
	Batch() Batch
	// DropPrefix deletes every key under the prefixes.
	DropPrefix(prefixes ...[]byte) error
	// Sync makes committed writes durable.
	Sync() error
	// Reclaim frees the space of deleted values, if the database keeps
	// it (merges leave many). It may take seconds.
	Reclaim()
}

// Batch is a bulk writer; nothing is written until Flush.
type Batch interface {
	Set(key, value []byte) error
	Delete(key []byte) error
	Flush() error
	Cancel()
}

// Keys are the key prefixes the store hands the index: every key the
// index writes starts with one of them.
type Keys struct {
	// Segment: segment(4) last term of chunk → chunk of postings.
	Segment byte
	// Doc: doc(4) → indexed document (kind, id, lengths, date, outlet).
	Doc byte
	// DocOf: kind(1) id(8) → doc(4), the live document of an article or
	// annotation.
	DocOf byte
	// Sig: article id(8) → the similarity signature of its latest text.
	Sig byte
	// Sketch: article id(8) → that signature's sketch (compare.Sketch).
	Sketch byte
	// System is the prefix of the index's counters and manifest.
	System byte
}

func (k Keys) segmentPrefix(seg uint32) []byte {
	return binary.BigEndian.AppendUint32([]byte{k.Segment}, seg)
}

// chunkKey names a segment's chunk by the last term in it, so a forward
// seek to a term lands on the only chunk that can hold it.
func (k Keys) chunkKey(seg uint32, lastTerm string) []byte {
	return append(k.segmentPrefix(seg), lastTerm...)
}

// chunkSegment is the segment of a chunkKey.
func (k Keys) chunkSegment(key []byte) (uint32, bool) {
	if len(key) < 5 || key[0] != k.Segment {
		return 0, false
	}
	return binary.BigEndian.Uint32(key[1:5]), true
}

func (k Keys) doc(n uint32) []byte { return binary.BigEndian.AppendUint32([]byte{k.Doc}, n) }

// docNumber decodes a doc key.
func (k Keys) docNumber(key []byte) (uint32, bool) {
	if len(key) != 5 || key[0] != k.Doc {
		return 0, false
	}
	return binary.BigEndian.Uint32(key[1:]), true
}

func (k Keys) docOf(kind byte, id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{k.DocOf, kind}, id)
}

func (k Keys) sig(id uint64) []byte { return binary.BigEndian.AppendUint64([]byte{k.Sig}, id) }

func (k Keys) sketch(id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{k.Sketch}, id)
}

// articleOf decodes a sig or sketch key.
func articleOf(key []byte, prefix byte) (uint64, bool) {
	if len(key) != 9 || key[0] != prefix {
		return 0, false
	}
	return binary.BigEndian.Uint64(key[1:]), true
}

func (k Keys) system(name string) []byte { return append([]byte{k.System}, name...) }

// The index's system keys: its document and segment counters and its
// manifest (the live segments). The names are those the store used
// before the index had a package of its own.
func (k Keys) docSeq() []byte   { return k.system("seq/d") }
func (k Keys) segSeq() []byte   { return k.system("seq/g") }
func (k Keys) manifest() []byte { return k.system("index/segs") }

// getUint reads a counter; 0 when it was never set.
func getUint(txn Txn, key []byte) (uint64, error) {
	var n uint64
	err := txn.Get(key, func(v []byte) error {
		if len(v) != 8 {
			return errors.New("corrupt counter")
		}
		n = binary.BigEndian.Uint64(v)
		return nil
	})
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	return n, err
}

// nextSeq increments a counter and returns its new value.
func nextSeq(txn Txn, key []byte) (uint64, error) {
	n, err := getUint(txn, key)
	if err != nil {
		return 0, err
	}
	n++
	return n, txn.Set(key, binary.BigEndian.AppendUint64(nil, n))
}

// scanKeys calls fn with every key under prefix (a copy fn may keep).
func scanKeys(txn Txn, prefix []byte, fn func(k []byte) error) error {
	it := txn.Iterate(prefix)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		if err := fn(append([]byte(nil), it.Key()...)); err != nil {
			return err
		}
	}
	return nil
}

// scanValues calls fn with every key under prefix and its value; both are
// valid only during the call.
func scanValues(txn Txn, prefix []byte, fn func(k, v []byte) error) error {
	it := txn.Iterate(prefix)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Key()
		if err := it.Value(func(v []byte) error { return fn(k, v) }); err != nil {
			return err
		}
	}
	return nil
}
