package store

import (
	"context"
	"errors"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/store/index"
)

// markIndexRebuild is migration 2 → 3: stores from before the search
// index get one built. A rebuild is too big for the migration's single
// transaction, so the migration only leaves the mark and Open rebuilds.
func markIndexRebuild(txn *badger.Txn) error { return txn.Set(keyIndexRebuild, nil) }

// needsIndexRebuild reports whether a rebuild was asked for and not
// finished.
func (s *Store) needsIndexRebuild() (bool, error) { return s.marked(keyIndexRebuild) }

// rebuildBatch is how many texts one rebuild transaction indexes.
const rebuildBatch = 256

// RebuildIndex throws the search index and the similarity signatures
// away and indexes every article's latest revision, every annotation and memo
// again, reporting progress. The
// mark it sets first makes a rebuild cut short by a crash or a cancel
// start over at the next Open, so the index is never left half-built.
func (s *Store) RebuildIndex(ctx context.Context, progress func(done, total int)) error {
	err := s.update(func(txn *badger.Txn) error { return txn.Set(keyIndexRebuild, nil) })
	if err == nil {
		err = s.db.Sync()
	}
	if err == nil {
		err = s.idx.Clear()
	}
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "clearing the search index of %s", s.dir)
	}
	var articles, annos, memos []uint64
	err = s.db.View(func(txn *badger.Txn) error {
		if err := scanKeys(txn, []byte{prefixArticle}, func(k []byte) error {
			articles = append(articles, keyID(k))
			return nil
		}); err != nil {
			return err
		}
		if err := scanKeys(txn, []byte{prefixAnno}, func(k []byte) error {
			annos = append(annos, keyID(k))
			return nil
		}); err != nil {
			return err
		}
		return scanKeys(txn, []byte{prefixMemo}, func(k []byte) error {
			memos = append(memos, keyID(k))
			return nil
		})
	})
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "listing what to index in %s", s.dir)
	}
	total := len(articles) + len(annos) + len(memos)
	done := 0
	indexAll := func(ids []uint64, one func(txn *badger.Txn, w *index.Writer, id uint64) error) error {
		for len(ids) > 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			batch := ids[:min(rebuildBatch, len(ids))]
			ids = ids[len(batch):]
			err := s.updateIndexed(func(txn *badger.Txn, w *index.Writer) error {
				for _, id := range batch {
					if err := one(txn, w, id); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			if err := s.idx.MergeNow(); err != nil {
				return err
			}
			done += len(batch)
			if progress != nil {
				progress(done, total)
			}
		}
		return nil
	}
	err = indexAll(articles, func(txn *badger.Txn, w *index.Writer, id uint64) error {
		var head app.Article
		if err := getJSON(txn, articleKey(app.ArticleID(id)), &head); err != nil {
			return err
		}
		var rev app.Revision
		if err := getRevision(txn, head.ID, head.Revisions, &rev); err != nil {
			return err
		}
		return w.IndexArticle(indexedArticle(head.ID, rev), 0, false)
	})
	if err == nil {
		err = indexAll(annos, func(txn *badger.Txn, w *index.Writer, id uint64) error {
			var a app.Annotation
			if err := getJSON(txn, annoKey(app.AnnotationID(id)), &a); err != nil {
				return err
			}
			return w.IndexAnnotation(uint64(a.ID), uint64(a.Article), a.Quote, a.Note)
		})
	}
	if err == nil {
		err = indexAll(memos, func(txn *badger.Txn, w *index.Writer, id uint64) error {
			var m app.Memo
			if err := getJSON(txn, memoKey(app.MemoID(id)), &m); err != nil {
				return err
			}
			return w.IndexMemo(uint64(m.ID), uint64(m.Article), m.Text)
		})
	}
	if err == nil {
		err = s.update(func(txn *badger.Txn) error { return txn.Delete(keyIndexRebuild) })
	}
	if err == nil {
		err = s.db.Sync()
	}
	if errors.Is(err, context.Canceled) {
		return app.Errorf(app.EINVALID, "index rebuild of %s canceled: it starts over the next time the store opens", s.dir)
	}
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "rebuilding the search index of %s", s.dir)
	}
	return nil
}
