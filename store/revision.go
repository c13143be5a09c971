package store

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
)

func putRevision(txn *badger.Txn, id app.ArticleID, rev app.Revision) error {
	b, err := encodeRevision(rev)
	if err != nil {
		return err
	}
	return txn.Set(revisionKey(id, rev.Number), b)
}

func getRevision(txn *badger.Txn, id app.ArticleID, n int, rev *app.Revision) error {
	key := revisionKey(id, n)
	item, err := txn.Get(key)
	if err != nil {
		return err
	}
	err = item.Value(func(b []byte) error {
		if err := decodeRevision(b, rev); err != nil {
			return fmt.Errorf("corrupt revision record %x: %w", key, err)
		}
		return nil
	})
	if err != nil {
		return damaged(err, id, n)
	}
	// The text is checked against the hash it was stored under on every
	// read: a damaged disk must not pass off changed words as the article.
	if rev.Hash != "" && app.ContentHash(rev.AsImported().Title, rev.Body) != rev.Hash {
		return damaged(errors.New("its text no longer matches its SHA-256"), id, n)
	}
	return nil
}

// damaged is the error for a revision that cannot be read as stored.
func damaged(err error, id app.ArticleID, n int) error {
	return app.WrapError(app.EDAMAGED, err, "article %d revision %d is damaged on disk (run 'parallax-cli check'; restore it from a backup)", id, n)
}
