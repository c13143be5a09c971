package store

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
)

// backupMagic starts every backup file, with the schema version after it,
// so restore can refuse a file that is not a backup, or one from a newer
// Parallax, before touching the store.
const backupMagic = "PARALLAX-BACKUP v1 schema="

// Backup writes a full copy of the store to w.
func (s *Store) Backup(w io.Writer) error {
	v, err := s.SchemaVersion()
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "reading store %s", s.dir)
	}
	if _, err := fmt.Fprintf(w, "%s%d\n", backupMagic, v); err != nil {
		return err
	}
	if _, err := s.db.Backup(w, 0); err != nil {
		return app.WrapError(app.EINTERNAL, err, "backing up store %s", s.dir)
	}
	return nil
}

// BackupFile writes a backup to path atomically: into a temporary file
// beside it, synced, then renamed, so an interrupted backup never leaves a
// truncated file under the final name.
func (s *Store) BackupFile(path string) error {
	return app.WriteFileAtomic(path, s.Backup)
}

// Restore loads a backup written by Backup into this store, which must be
// empty: merging two stores' ID spaces would silently mix articles.
func (s *Store) Restore(r io.Reader) error {
	empty, err := s.IsEmpty()
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "reading store %s", s.dir)
	}
	interrupted, err := s.restoreInterrupted()
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "reading store %s", s.dir)
	}
	if !empty && !interrupted {
		return app.Errorf(app.ECONFLICT, "store %s is not empty: restore needs an empty store (use --store with a new directory)", s.dir)
	}
	br := bufio.NewReaderSize(r, 1<<20)
	header, err := br.ReadString('\n')
	if err != nil || !strings.HasPrefix(header, backupMagic) {
		return app.Errorf(app.EINVALID, "not a Parallax backup (the file does not start with %q)", strings.TrimSpace(backupMagic))
	}
	var v int
	if _, err := fmt.Sscanf(strings.TrimPrefix(header, backupMagic), "%d", &v); err != nil || v < 1 {
		return app.Errorf(app.EINVALID, "corrupt backup header %q", strings.TrimSpace(header))
	}
	if v > currentSchema() {
		return app.Errorf(app.ESCHEMA, "the backup has schema version %d, but this Parallax only knows up to %d: use a newer Parallax", v, currentSchema())
	}
	// A restore killed half-way leaves part of the backup and this mark:
	// the next restore starts again from an empty store.
	if err := s.update(func(txn *badger.Txn) error { return txn.Set(keyRestoring, nil) }); err != nil {
		return app.WrapError(app.EINTERNAL, err, "writing store %s", s.dir)
	}
	if err := s.Sync(); err != nil {
		return err
	}
	// Badger's Load (and DropAll) want no other transaction running: not
	// even the background merger's (Open asks it for a pass).
	err = s.idx.Exclusive(func() error {
		if interrupted {
			if err := s.db.DropPrefix(allButRestoring()...); err != nil {
				return err
			}
		}
		return s.db.Load(br, 256)
	})
	if err != nil {
		return app.WrapError(app.EINVALID, err, "corrupt backup")
	}
	if err := s.migrate(); err != nil {
		return err
	}
	if err := s.finishMigrations(); err != nil {
		return err
	}
	if err := s.update(func(txn *badger.Txn) error { return txn.Delete(keyRestoring) }); err != nil {
		return app.WrapError(app.EINTERNAL, err, "writing store %s", s.dir)
	}
	return s.Sync()
}

// restoreInterrupted reports a restore that did not finish.
func (s *Store) restoreInterrupted() (bool, error) { return s.marked(keyRestoring) }

// allButRestoring is every key prefix but the system one, whose keys a
// backup's Load writes again (schema, counters).
func allButRestoring() [][]byte {
	var ps [][]byte
	for p := prefixArticle; p <= prefixLast; p++ {
		ps = append(ps, []byte{p})
	}
	return ps
}

// RestoreFile restores from a backup file.
func (s *Store) RestoreFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return app.WrapError(app.ENOTFOUND, err, "cannot open backup")
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil {
		if err := s.checkSpace(info.Size()); err != nil {
			return app.WrapError(app.ENOSPACE, err, "not restoring %s: the disk is too full", path)
		}
	}
	if err := s.Restore(f); err != nil {
		var e *app.Error
		if errors.As(err, &e) {
			e.Message = path + ": " + e.Message
			return e
		}
		return err
	}
	return nil
}
