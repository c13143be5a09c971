package store

import (
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
	return item.Value(func(b []byte) error {
		if err := decodeRevision(b, rev); err != nil {
			return fmt.Errorf("corrupt revision record %x: %w", key, err)
		}
		return nil
	})
}
