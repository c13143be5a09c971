package store

import (
	"cmp"
	"errors"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/store/index"
)

// SaveMemo implements app.MemoStore: the record, its URI and article
// entries and its search document in one transaction, synced.
func (s *Store) SaveMemo(m app.Memo) (app.Memo, error) {
	var saved app.Memo
	err := s.updateIndexed(func(txn *badger.Txn, w *index.Writer) error {
		var err error
		saved, err = saveMemo(txn, w, m)
		return err
	})
	if err != nil {
		return saved, storeError(err, "saving the memo on %s", m.Target())
	}
	return saved, s.Sync()
}

func saveMemo(txn *badger.Txn, w *index.Writer, m app.Memo) (app.Memo, error) {
	if err := m.CheckFields(); err != nil {
		return m, err
	}
	switch m.Kind {
	case app.ArticleMemo:
		if _, err := txn.Get(articleKey(m.Article)); errors.Is(err, badger.ErrKeyNotFound) {
			return m, app.Errorf(app.ENOTFOUND, "no article %d", m.Article)
		} else if err != nil {
			return m, err
		}
	case app.TagMemo:
		if _, err := txn.Get(tagDefKey(m.Tag)); errors.Is(err, badger.ErrKeyNotFound) {
			return m, app.Errorf(app.ENOTFOUND, "no tag %s to write a memo on (a tag is made by using it)", m.Tag)
		} else if err != nil {
			return m, err
		}
	}
	if m.ID == 0 && m.URI != "" {
		if id, err := getUint(txn, memoURIKey(m.URI)); err == nil {
			m.ID = app.MemoID(id)
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return m, err
		}
	}
	var old *app.Memo
	if m.ID == 0 {
		n, err := nextSeq(txn, keyMemoSeq)
		if err != nil {
			return m, err
		}
		m.ID = app.MemoID(n)
	} else {
		var prev app.Memo
		switch err := getJSON(txn, memoKey(m.ID), &prev); {
		case err == nil:
			old = &prev
			if m.Created.IsZero() {
				m.Created = prev.Created
			}
		case errors.Is(err, badger.ErrKeyNotFound):
			// Saving a deleted memo again (undo) keeps its ID; an ID never
			// handed out is a mistake.
			issued, err := getUint(txn, keyMemoSeq)
			if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
				return m, err
			}
			if uint64(m.ID) > issued {
				return m, app.Errorf(app.ENOTFOUND, "no memo %d", m.ID)
			}
		default:
			return m, err
		}
	}
	if m.URI == "" {
		m.URI = newURN()
	}
	if old != nil {
		if err := unlinkMemo(txn, *old); err != nil {
			return m, err
		}
	}
	if err := setJSON(txn, memoKey(m.ID), m); err != nil {
		return m, err
	}
	if err := markMemoChange(txn, &m); err != nil {
		return m, err
	}
	if err := txn.Set(memoURIKey(m.URI), encodeUint(uint64(m.ID))); err != nil {
		return m, err
	}
	if m.Kind == app.ArticleMemo {
		if err := txn.Set(artMemoKey(m.Article, m.ID), nil); err != nil {
			return m, err
		}
	}
	if old == nil || old.Text != m.Text || old.Article != m.Article {
		return m, w.IndexMemo(uint64(m.ID), uint64(m.Article), m.Text)
	}
	return m, nil
}

// unlinkMemo deletes the entries that point at a memo, not its record.
func unlinkMemo(txn *badger.Txn, m app.Memo) error {
	if err := txn.Delete(memoURIKey(m.URI)); err != nil {
		return err
	}
	if m.Kind == app.ArticleMemo {
		return txn.Delete(artMemoKey(m.Article, m.ID))
	}
	return nil
}

func deleteMemo(txn *badger.Txn, w *index.Writer, m app.Memo) error {
	if err := unlinkMemo(txn, m); err != nil {
		return err
	}
	if err := txn.Delete(memoKey(m.ID)); err != nil {
		return err
	}
	if err := markMemoChange(txn, &m); err != nil {
		return err
	}
	return w.Remove(search.MemoDoc, uint64(m.ID))
}

// FindMemo implements app.MemoStore.
func (s *Store) FindMemo(id app.MemoID) (app.Memo, error) {
	var m app.Memo
	err := s.db.View(func(txn *badger.Txn) error { return getJSON(txn, memoKey(id), &m) })
	if errors.Is(err, badger.ErrKeyNotFound) {
		return m, app.Errorf(app.ENOTFOUND, "no memo %d", id)
	}
	if err != nil {
		return m, storeError(err, "reading memo %d", id)
	}
	return m, nil
}

// FindMemoByURI implements app.MemoStore.
func (s *Store) FindMemoByURI(uri string) (app.Memo, error) {
	var m app.Memo
	err := s.db.View(func(txn *badger.Txn) error {
		id, err := getUint(txn, memoURIKey(uri))
		if err != nil {
			return err
		}
		return getJSON(txn, memoKey(app.MemoID(id)), &m)
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return m, app.Errorf(app.ENOTFOUND, "no memo %s", uri)
	}
	if err != nil {
		return m, storeError(err, "reading memo %s", uri)
	}
	return m, nil
}

// DeleteMemo implements app.MemoStore.
func (s *Store) DeleteMemo(id app.MemoID) (app.Memo, error) {
	var m app.Memo
	err := s.updateIndexed(func(txn *badger.Txn, w *index.Writer) error {
		if err := getJSON(txn, memoKey(id), &m); err != nil {
			if errors.Is(err, badger.ErrKeyNotFound) {
				return app.Errorf(app.ENOTFOUND, "no memo %d", id)
			}
			return err
		}
		return deleteMemo(txn, w, m)
	})
	if err != nil {
		return m, storeError(err, "deleting memo %d", id)
	}
	return m, s.Sync()
}

// ForEachMemo implements app.MemoStore. Memos are few beside articles
// (a few per article at most), so all that pass are read, then ordered.
func (s *Store) ForEachMemo(f app.MemoFilter, fn func(app.Memo) error) error {
	var memos []app.Memo
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		if f.Article != 0 {
			memos, err = articleMemos(txn, f.Article)
		} else {
			memos, err = allMemos(txn)
		}
		return err
	})
	if err != nil {
		return storeError(err, "listing memos in %s", s.dir)
	}
	memos = slices.DeleteFunc(memos, func(m app.Memo) bool { return !f.Match(m) })
	slices.SortStableFunc(memos, compareMemos)
	for _, m := range memos {
		if err := fn(m); err != nil {
			return err
		}
	}
	return nil
}

// compareMemos orders the project's memos first, then the code book's,
// then the articles', each oldest first.
func compareMemos(a, b app.Memo) int {
	return cmp.Or(
		cmp.Compare(memoKindRank[a.Kind], memoKindRank[b.Kind]),
		compareTagPaths(a.Tag, b.Tag),
		cmp.Compare(a.Article, b.Article),
		a.Created.Compare(b.Created),
		cmp.Compare(a.ID, b.ID),
	)
}

var memoKindRank = map[app.MemoKind]int{app.ProjectMemo: 0, app.TagMemo: 1, app.ArticleMemo: 2}

func allMemos(txn *badger.Txn) ([]app.Memo, error) {
	var memos []app.Memo
	err := scanValues(txn, []byte{prefixMemo}, func(v []byte) error {
		var m app.Memo
		if err := unmarshal(v, &m); err != nil {
			return err
		}
		memos = append(memos, m)
		return nil
	})
	return memos, err
}

func articleMemos(txn *badger.Txn, article app.ArticleID) ([]app.Memo, error) {
	var memos []app.Memo
	err := scanKeys(txn, artMemoPrefix(article), func(k []byte) error {
		var m app.Memo
		if err := getJSON(txn, memoKey(artMemoID(k)), &m); err != nil {
			return err
		}
		memos = append(memos, m)
		return nil
	})
	return memos, err
}

// tagMemos are the memos on root and the tags below it.
func tagMemos(txn *badger.Txn, root string) ([]app.Memo, error) {
	all, err := allMemos(txn)
	return slices.DeleteFunc(all, func(m app.Memo) bool {
		return m.Kind != app.TagMemo || !app.TagWithin(m.Tag, root)
	}), err
}
