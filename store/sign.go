package store

import (
	"errors"
	"runtime"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
)

// An article stored from a draft gets its similarity signature after its
// transaction, not in it: the transaction leaves a due mark
// (prefixSigDue), and the signer, a background job like the segment
// merges, reads the article's latest revision, signs it and swaps the
// mark for the signature in one transaction. Signing was a fifth of an
// import's time, and an import is searchable without it; a similarity
// query first signs whatever is due (signDue), so it never misses an
// article. A mark outlives a crash, and Open starts the signer.

// signBatch is how many articles the signer signs per transaction.
const signBatch = 256

// signDue signs every article with a due mark, then returns. One runs at
// a time; a call made while another runs waits for it, then finds
// nothing or what arrived since.
func (s *Store) signDue() error {
	s.signMu.Lock()
	defer s.signMu.Unlock()
	// Each scan starts after the last one's articles, so it does not step
	// over the deleted marks again; once one finds nothing, a scan from
	// the start finds any article marked since at a lower number.
	var from uint64
	for {
		if s.signer.stop.Load() {
			return errMergeStopped
		}
		var ids []uint64
		err := s.db.View(func(txn *badger.Txn) error {
			opts := badger.DefaultIteratorOptions
			opts.PrefetchValues = false
			opts.Prefix = []byte{prefixSigDue}
			it := txn.NewIterator(opts)
			defer it.Close()
			for it.Seek(sigDueKey(from)); it.Valid() && len(ids) < signBatch; it.Next() {
				ids = append(ids, decodeUint(it.Item().Key()[1:]))
			}
			return nil
		})
		if err != nil {
			return app.WrapError(app.EINTERNAL, err, "listing articles to sign in %s", s.dir)
		}
		if len(ids) == 0 {
			if from == 0 {
				return nil
			}
			from = 0
			continue
		}
		if err := s.sign(ids); err != nil {
			return app.WrapError(app.EINTERNAL, err, "signing articles in %s", s.dir)
		}
		from = ids[len(ids)-1] + 1
	}
}

// sign signs articles ids in one transaction. The revisions are read in
// it, so a revision stored meanwhile conflicts with it (the due mark is
// read too) and the transaction runs again.
func (s *Store) sign(ids []uint64) error {
	var w *indexWriter
	err := s.update(func(txn *badger.Txn) error {
		w = &indexWriter{}
		type todo struct {
			id          uint64
			title, body string
			sig         compare.Signature
			stems       []uint32
			ok          bool
		}
		var work []todo
		for _, id := range ids {
			key := sigDueKey(id)
			if _, err := txn.Get(key); errors.Is(err, badger.ErrKeyNotFound) {
				continue // signed, or deleted, since the scan
			} else if err != nil {
				return err
			}
			if err := txn.Delete(key); err != nil {
				return err
			}
			var a app.Article
			if err := getJSON(txn, articleKey(app.ArticleID(id)), &a); errors.Is(err, badger.ErrKeyNotFound) {
				continue
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
