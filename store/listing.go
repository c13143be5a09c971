package store

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
)

// Listing records (prefixListing) hold what a list of the collection
// shows of each article: its head's title, outlet and dates, written with
// the head (putHead) and deleted with it. Listing a million articles from
// them reads about a tenth of what their heads take and parses no JSON.

// ForEachListing calls fn for every article's listing in ID order until
// fn returns an error, which it passes back.
func (s *Store) ForEachListing(fn func(app.Listing) error) error {
	return s.visit(prefixListing, "articles", func(k, v []byte) (error, error) {
		l := app.Listing{ID: app.ArticleID(keyID(k))}
		if err := decodeListing(v, &l); err != nil {
			return nil, fmt.Errorf("listing of article %d: %w", l.ID, err)
		}
		return fn(l), nil
	})
}

// markListingBackfill is migration 9 → 10: a store's articles get their
// listing records. A million of them are too many for the migration's
// one transaction, so it leaves a mark and Open writes them in batches.
func markListingBackfill(txn *badger.Txn) error { return txn.Set(keyListingBackfill, nil) }

// listingBatch is how many listing records one backfill transaction
// writes.
var listingBatch = 10_000 // a variable for the tests

// backfillListings writes the listing record of every article if
// migration 9 → 10 asked for them, in batches, and removes the mark with
// the last. Writing a record again is harmless, so a backfill cut short
// starts over at the next Open.
func (s *Store) backfillListings() error {
	marked, err := s.marked(keyListingBackfill)
	if err != nil || !marked {
		return err
	}
	var ids []app.ArticleID
	err = s.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, []byte{prefixArticle}, func(k []byte) error {
			ids = append(ids, app.ArticleID(keyID(k)))
			return nil
		})
	})
	for err == nil {
		batch := ids[:min(listingBatch, len(ids))]
		ids = ids[len(batch):]
		last := len(ids) == 0
		err = s.update(func(txn *badger.Txn) error {
			for _, id := range batch {
				var head app.Article
				if err := getJSON(txn, articleKey(id), &head); err != nil {
					return err
				}
				if err := putListing(txn, head); err != nil {
					return err
				}
			}
			if last {
				return txn.Delete(keyListingBackfill)
			}
			return nil
		})
		if last {
			break
		}
	}
	if err == nil {
		err = s.db.Sync()
	}
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "writing the listing records of %s", s.dir)
	}
	return nil
}

// markSketchBackfill is migration 10 → 11: the similarity signatures get
// their sketches, written in batches by Open.
func markSketchBackfill(txn *badger.Txn) error { return txn.Set(keySketchBackfill, nil) }

// backfillSketches writes the sketch of every signature if migration
// 10 → 11 asked for them, and then removes the mark: a backfill cut
// short starts over at the next Open.
func (s *Store) backfillSketches() error {
	marked, err := s.marked(keySketchBackfill)
	if err != nil || !marked {
		return err
	}
	err = s.idx.BackfillSketches(listingBatch)
	if err == nil {
		err = s.update(func(txn *badger.Txn) error { return txn.Delete(keySketchBackfill) })
	}
	if err == nil {
		err = s.db.Sync()
	}
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "writing the similarity sketches of %s", s.dir)
	}
	return nil
}

// marked reports whether the store holds key, a migration's mark.
func (s *Store) marked(key []byte) (bool, error) {
	err := s.db.View(func(txn *badger.Txn) error {
		_, err := txn.Get(key)
		return err
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	return err == nil, err
}

// finishMigrations does the work migrations left to Open, in batches:
// the listing records and the signatures' sketches. Both read every
// article's record, so the mapped files are paged out meanwhile: the
// sketches' backfill at a million articles otherwise held 4.4 GB.
func (s *Store) finishMigrations() error {
	defer s.pages.hold()()
	if err := s.backfillListings(); err != nil {
		return err
	}
	return s.backfillSketches()
}
