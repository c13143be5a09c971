package store

import (
	"errors"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/store/index"
)

// DeleteArticle implements app.ArticleStore: the article, every revision,
// its de-duplication, URL, title and tag entries, its annotations, its memos and
// its search document go in one transaction.
func (s *Store) DeleteArticle(id app.ArticleID) (app.Deleted, error) {
	var del app.Deleted
	err := s.updateIndexed(func(txn *badger.Txn, w *index.Writer) error {
		var err error
		del, err = deleteArticle(txn, w, id)
		return err
	})
	if err != nil {
		return del, storeError(err, "deleting article %d", id)
	}
	return del, s.Sync()
}

// deleteArticle removes an article with everything that hangs on it.
func deleteArticle(txn *badger.Txn, w *index.Writer, id app.ArticleID) (app.Deleted, error) {
	var del app.Deleted
	var head app.Article
	if err := getJSON(txn, articleKey(id), &head); err != nil {
		if errors.Is(err, badger.ErrKeyNotFound) {
			return del, app.Errorf(app.ENOTFOUND, "no article %d", id)
		}
		return del, err
	}
	del = app.Deleted{Article: head}
	var keys [][]byte
	for n := 1; n <= head.Revisions; n++ {
		var rev app.Revision
		if err := getRevision(txn, id, n, &rev); err != nil {
			return del, err
		}
		keys = append(keys, revisionKey(id, n), hashKey(rev.Hash))
		// A URL or title key may since point at another article. An
		// edited revision claims its imported keys and its edited ones.
		for _, k := range append(lookupKeys(rev.Meta), lookupKeys(rev.AsImported())...) {
			if owner, err := getUint(txn, k); err == nil && app.ArticleID(owner) == id {
				keys = append(keys, k)
			}
		}
	}
	for _, t := range head.Tags {
		keys = append(keys, tagKey(t, id))
	}
	keys = append(keys, articleKey(id), listingKey(id))
	for _, k := range keys {
		if err := txn.Delete(k); err != nil {
			return del, err
		}
	}
	var annos []app.AnnotationID
	err := scanKeys(txn, artAnnoPrefix(id), func(k []byte) error {
		annos = append(annos, artAnnoID(k))
		return nil
	})
	if err != nil {
		return del, err
	}
	for _, aid := range annos {
		var a app.Annotation
		if err := getJSON(txn, annoKey(aid), &a); err != nil {
			return del, err
		}
		if err := deleteAnnotation(txn, w, a); err != nil {
			return del, err
		}
		del.Annotations = append(del.Annotations, a)
	}
	memos, err := articleMemos(txn, id)
	if err != nil {
		return del, err
	}
	for _, m := range memos {
		if err := deleteMemo(txn, w, m); err != nil {
			return del, err
		}
	}
	del.Memos = memos
	if err := markArticleChange(txn, id); err != nil {
		return del, err
	}
	return del, w.Remove(search.ArticleDoc, uint64(id))
}
