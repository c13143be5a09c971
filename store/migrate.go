package store

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
)

// migrations[i] upgrades a store from schema version i+1 to i+2, inside one
// transaction. Append only: a released migration never changes.
var migrations = []func(txn *badger.Txn) error{
	defineUsedTags,      // 1 → 2: the tag set gets definitions (colour, description)
	markIndexRebuild,    // 2 → 3: the search index (built by Open, see rebuild.go)
	markIndexRebuild,    // 3 → 4: similarity signatures, built with the index
	noMigration,         // 4 → 5: revisions in their binary encoding (revision.go), tag changes in steps (tagjob.go): older builds read neither
	boundLookupKeys,     // 5 → 6: URL, title and annotation URI keys over maxKeyText end in a hash (lookupKey)
	markIndexRebuild,    // 6 → 7: the tokeniser caps terms at 240 bytes and indexes "Driscoll" in "O'Driscoll"
	noMigration,         // 7 → 8: new revisions' text compressed (revisionZstd), and memos: older builds read neither; older revisions read as they are
	noMigration,         // 8 → 9: team mode marks every change (team.go): an older build would change a team's store without telling the team
	markListingBackfill, // 9 → 10: listing records beside article heads (listing.go), which an older build would not keep current
	markSketchBackfill,  // 10 → 11: sketches beside similarity signatures (index/similar.go), which an older build would not keep current
}

// noMigration is a schema change whose old records still read as they
// are: the version only keeps older builds off the new ones.
func noMigration(*badger.Txn) error { return nil }

// boundLookupKeys rewrites the lookup keys whose text is longer than
// maxKeyText in the form lookupKey gives them now.
func boundLookupKeys(txn *badger.Txn) error {
	for _, prefix := range []byte{prefixURL, prefixTitle, prefixAnnoURI} {
		var long [][]byte
		err := scanKeys(txn, []byte{prefix}, func(k []byte) error {
			if len(k)-1 > maxKeyText {
				long = append(long, k)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range long {
			item, err := txn.Get(k)
			if err != nil {
				return err
			}
			v, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			if err := txn.Delete(k); err != nil {
				return err
			}
			if err := txn.Set(lookupKey(prefix, string(k[1:])), v); err != nil {
				return err
			}
		}
	}
	return nil
}

// defineUsedTags gives every tag already on an article a definition, so
// the tag set lists it.
func defineUsedTags(txn *badger.Txn) error {
	var tags []string
	err := scanKeys(txn, []byte{prefixTag}, func(k []byte) error {
		if t := indexedTag(k); len(tags) == 0 || tags[len(tags)-1] != t {
			tags = append(tags, t)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return ensureTagDefs(txn, tags)
}

// currentSchema is the schema version this build writes.
func currentSchema() int { return len(migrations) + 1 }

// SchemaVersion returns the version recorded in the store.
func (s *Store) SchemaVersion() (int, error) {
	var v int
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		v, err = readSchema(txn)
		return err
	})
	return v, err
}

func readSchema(txn *badger.Txn) (int, error) {
	item, err := txn.Get(keySchema)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	v, err := item.ValueCopy(nil)
	if err != nil {
		return 0, err
	}
	return int(decodeUint(v)), nil
}

// migrate stamps a new store with the current schema, upgrades an older
// one step by step (each step atomic with its new version number, so a
// crash mid-upgrade resumes from the last finished step) and refuses a
// newer one rather than misread it.
func (s *Store) migrate() error {
	migrated := false
	for {
		var done bool
		err := s.update(func(txn *badger.Txn) error {
			v, err := readSchema(txn)
			if err != nil {
				return err
			}
			switch cur := currentSchema(); {
			case v == cur:
				done = true
				return nil
			case v > cur:
				return app.Errorf(app.ESCHEMA, "store %s has schema version %d, but this Parallax only knows up to %d: use a newer Parallax", s.dir, v, cur)
			case v == 0:
				empty, err := txnIsEmpty(txn)
				if err != nil {
					return err
				}
				if !empty {
					return app.Errorf(app.ESCHEMA, "store %s holds data but no schema version: not a Parallax store?", s.dir)
				}
				done = true
				return txn.Set(keySchema, encodeUint(uint64(cur)))
			default:
				migrated = true
				if err := migrations[v-1](txn); err != nil {
					return fmt.Errorf("migrating store %s from schema %d to %d: %w", s.dir, v, v+1, err)
				}
				return txn.Set(keySchema, encodeUint(uint64(v+1)))
			}
		})
		if err != nil {
			if app.ErrorCode(err) != app.EINTERNAL {
				return err
			}
			return app.WrapError(app.EINTERNAL, err, "opening store %s", s.dir)
		}
		// Only a migration needs a Sync of its own. A new store's version
		// stamp is made durable by the Sync after the first writes, since
		// the log is synced in order; lost in a crash before any, it
		// leaves an empty store, stamped again at the next Open.
		if done && migrated {
			return s.Sync()
		} else if done {
			return nil
		}
	}
}

func txnIsEmpty(txn *badger.Txn) (bool, error) {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	it := txn.NewIterator(opts)
	defer it.Close()
	it.Rewind()
	return !it.Valid(), nil
}
