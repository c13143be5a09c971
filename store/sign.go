package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
)

// An article stored from a draft gets its similarity signature after its
// transaction, not in it: the transaction lists the articles it stored
// under a due key (prefixSigDue), and the signer, a background job like
// the segment merges, reads each listed article's latest revision, signs
// it and deletes the list in one transaction. Signing was a fifth of an
// import's time, and an import is searchable without it; a similarity
// query first signs whatever is due (signDue), so it never misses an
// article. A list outlives a crash, and Open starts the signer. An
// article deleted since it was listed is skipped; one revised since is
// signed from its latest revision, and again from the later list.

// signBatch is how many articles the signer signs per transaction.
const signBatch = 256

// signDue signs every article listed as due, then returns. One runs at a
// time; a call made while another runs waits for it, then finds nothing
// or what arrived since.
func (s *Store) signDue() error {
	s.signMu.Lock()
	defer s.signMu.Unlock()
	for {
		if s.signer.stop.Load() {
			return errMergeStopped
		}
		var key []byte
		err := s.db.View(func(txn *badger.Txn) error {
			opts := badger.DefaultIteratorOptions
			opts.PrefetchValues = false
			opts.Prefix = []byte{prefixSigDue}
			it := txn.NewIterator(opts)
			defer it.Close()
			if it.Rewind(); it.Valid() {
				key = it.Item().KeyCopy(nil)
			}
			return nil
		})
		if err != nil {
			return app.WrapError(app.EINTERNAL, err, "listing articles to sign in %s", s.dir)
		}
		if key == nil {
			return nil
		}
		if err := s.sign(key); err != nil {
			return app.WrapError(app.EINTERNAL, err, "signing articles in %s", s.dir)
		}
	}
}

// sign signs up to signBatch articles of the due list under key in one
// transaction, and deletes the list or keeps the rest. The revisions are
// read in it, so a revision stored meanwhile conflicts with it and it
// runs again.
func (s *Store) sign(key []byte) error {
	var w *indexWriter
	err := s.update(func(txn *badger.Txn) error {
		w = &indexWriter{}
		item, err := txn.Get(key)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil // signed since the scan
		} else if err != nil {
			return err
		}
		list, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		ids, err := decodeIDs(list)
		if err != nil {
			return fmt.Errorf("corrupt due list %x: %w", key, err)
		}
		if len(ids) > signBatch {
			err = txn.Set(key, encodeIDs(ids[signBatch:]))
			ids = ids[:signBatch]
		} else {
			err = txn.Delete(key)
		}
		if err != nil {
			return err
		}
		type todo struct {
			id          uint64
			title, body string
			sig         compare.Signature
			stems       []uint32
			ok          bool
		}
		var work []todo
		for _, id := range ids {
			var a app.Article
			if err := getJSON(txn, articleKey(app.ArticleID(id)), &a); errors.Is(err, badger.ErrKeyNotFound) {
				continue // deleted since
			} else if err != nil {
				return err
			}
			var rev app.Revision
			if err := getRevision(txn, a.ID, a.Revisions, &rev); err != nil {
				return err
			}
			work = append(work, todo{id: id, title: rev.Title, body: rev.Body})
		}
		// Signing is tokenising: on every core.
		var wg sync.WaitGroup
		workers := min(len(work), runtime.GOMAXPROCS(0))
		for k := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := k; i < len(work); i += workers {
					t := &work[i]
					t.sig, t.stems, t.ok = compare.Sign(t.title, t.body)
				}
			}()
		}
		wg.Wait()
		for _, t := range work {
			if !t.ok {
				continue // no content words to compare
			}
			if err := txn.Set(sigKey(t.id), compare.Encode(&t.sig, t.stems)); err != nil {
				return err
			}
			w.signed = append(w.signed, signedArticle{t.id, t.sig})
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.sigs.apply(w)
	return nil
}

// encodeIDs is a due list: ascending article numbers as uvarint deltas.
func encodeIDs(ids []uint64) []byte {
	b := make([]byte, 0, 2*len(ids))
	prev := uint64(0)
	for _, id := range ids {
		b = binary.AppendUvarint(b, id-prev)
		prev = id
	}
	return b
}

func decodeIDs(b []byte) ([]uint64, error) {
	var ids []uint64
	prev := uint64(0)
	for len(b) > 0 {
		d, k := binary.Uvarint(b)
		if k <= 0 {
			return nil, errors.New("cut short")
		}
		prev += d
		ids = append(ids, prev)
		b = b[k:]
	}
	return ids, nil
}
