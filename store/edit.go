package store

import (
	"bytes"
	"errors"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/store/index"
)

// UpdateMeta implements app.ArticleStore: change decides each article's
// new metadata for its latest revision; the revisions, articles, URL and
// title keys and search documents change in one transaction and one sync
// (an outlet set on 2,000 articles is one write, not 2,000).
func (s *Store) UpdateMeta(ids []app.ArticleID, change func(app.Meta) (app.Meta, error)) ([]app.Edited, error) {
	var out []app.Edited
	err := s.updateIndexed(func(txn *badger.Txn, w *index.Writer) error {
		out = make([]app.Edited, len(ids))
		for i, id := range ids {
			a, err := updateMeta(txn, w, id, change)
			if err != nil && !isArticleError(err) {
				return err
			}
			out[i] = app.Edited{Article: a, Err: err}
		}
		return nil
	})
	if tooLarge(err) && len(ids) > 1 {
		return inHalves(ids, func(half []app.ArticleID) ([]app.Edited, error) { return s.UpdateMeta(half, change) })
	}
	if err != nil {
		return nil, storeError(err, "editing articles in %s", s.dir)
	}
	return out, s.Sync()
}

// isArticleError is an error that fails one article of a batch, not the
// batch: it is missing, the edit is refused, or it would take another's
// URL.
func isArticleError(err error) bool {
	switch app.ErrorCode(err) {
	case app.ENOTFOUND, app.EINVALID, app.ECONFLICT:
		return true
	}
	return false
}

func updateMeta(txn *badger.Txn, w *index.Writer, id app.ArticleID, change func(app.Meta) (app.Meta, error)) (app.Article, error) {
	var head app.Article
	if err := getJSON(txn, articleKey(id), &head); err != nil {
		if errors.Is(err, badger.ErrKeyNotFound) {
			return head, app.Errorf(app.ENOTFOUND, "no article %d", id)
		}
		return head, err
	}
	var rev app.Revision
	if err := getRevision(txn, id, head.Revisions, &rev); err != nil {
		return head, err
	}
	meta, err := change(rev.Meta)
	if err != nil {
		return head, err
	}
	if err := moveLookupKeys(txn, id, head.Revisions, rev.Meta, meta); err != nil {
		return head, err
	}
	rev.Meta, head.Meta = meta, meta
	if err := putRevision(txn, id, rev); err != nil {
		return head, err
	}
	if err := putHead(txn, head); err != nil {
		return head, err
	}
	if err := markArticleChange(txn, id); err != nil {
		return head, err
	}
	return head, w.IndexArticle(indexedArticle(id, rev), 0, false)
}

// moveLookupKeys gives the article the URL and title keys of its latest
// revision's new metadata, and drops those of the old that no revision
// still claims. A key another article holds is refused: two articles
// cannot share a URL.
func moveLookupKeys(txn *badger.Txn, id app.ArticleID, latest int, old, next app.Meta) error {
	kept := lookupKeys(next)
	for n := 1; n <= latest; n++ {
		m := old
		if n < latest {
			var r app.Revision
			if err := getRevision(txn, id, n, &r); err != nil {
				return err
			}
			m = r.Meta
		}
		kept = append(kept, lookupKeys(m.AsImported())...)
	}
	if k := app.URLKey(next.URL); k != "" {
		if owner, err := getUint(txn, urlKey(k)); err == nil && app.ArticleID(owner) != id {
			return app.Errorf(app.ECONFLICT, "article %d is at that URL already: two articles cannot share one (delete one of them, or edit its URL, first)", owner)
		} else if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
	}
	for _, k := range lookupKeys(next) {
		// An outlet and title another article was stored under stay its:
		// later texts under them join that one, as before the edit.
		if _, err := getUint(txn, k); errors.Is(err, badger.ErrKeyNotFound) {
			if err := txn.Set(k, encodeUint(uint64(id))); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
	}
	for _, k := range lookupKeys(old) {
		if slices.ContainsFunc(kept, func(x []byte) bool { return bytes.Equal(x, k) }) {
			continue
		}
		if owner, err := getUint(txn, k); err == nil && app.ArticleID(owner) == id {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
	}
	return nil
}

// lookupKeys are the URL and title keys metadata claims.
func lookupKeys(m app.Meta) [][]byte {
	var out [][]byte
	if k := app.URLKey(m.URL); k != "" {
		out = append(out, urlKey(k))
	}
	if k := app.TitleKey(m.Outlet, m.Title); k != "" {
		out = append(out, titleKey(k))
	}
	return out
}
