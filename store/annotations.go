package store

import (
	"cmp"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/internal/parallel"
	"github.com/parallax-news/parallax/store/index"
)

// SaveAnnotation implements app.AnnotationStore. The annotation, its index
// entries and its tags' definitions commit together, and the store is
// synced before it returns: an analyst's work must survive a crash the
// moment the app says it is saved.
func (s *Store) SaveAnnotation(a app.Annotation) (app.Annotation, error) {
	saved, err := s.SaveAnnotations([]app.Annotation{a})
	if err != nil {
		return app.Annotation{}, err
	}
	return saved[0], nil
}

// SaveAnnotations implements app.AnnotationStore: SaveAnnotation for many
// at once, in one transaction and one sync (an annotation file's
// import). A batch too large for one transaction is split in halves.
func (s *Store) SaveAnnotations(as []app.Annotation) ([]app.Annotation, error) {
	if len(as) == 0 {
		return nil, nil
	}
	var saved []app.Annotation
	err := s.updateIndexed(func(txn *badger.Txn, w *index.Writer) error {
		saved = make([]app.Annotation, 0, len(as))
		texts := map[[2]uint64]*anchor.Text{} // revisions read in this batch
		for _, a := range as {
			b, err := saveAnnotation(txn, w, a, texts)
			if err != nil {
				return err
			}
			saved = append(saved, b)
		}
		return nil
	})
	if errors.Is(err, badger.ErrTxnTooBig) && len(as) > 1 {
		return inHalves(as, s.SaveAnnotations)
	}
	if err != nil {
		return nil, storeError(err, "saving annotations in %s", s.dir)
	}
	return saved, s.Sync()
}

// saveAnnotation writes one annotation inside a transaction: a new ID
// (or the ID of the annotation stored under its URI), its record, its
// index entries.
func saveAnnotation(txn *badger.Txn, w *index.Writer, a app.Annotation, texts map[[2]uint64]*anchor.Text) (app.Annotation, error) {
	b := a
	if err := checkAnnotation(txn, &b, texts); err != nil {
		return b, err
	}
	if b.ID == 0 && b.URI != "" {
		if id, err := getUint(txn, annoURIKey(b.URI)); err == nil {
			b.ID = app.AnnotationID(id)
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return b, err
		}
	}
	var old *app.Annotation
	if b.ID == 0 {
		n, err := nextSeq(txn, keyAnnoSeq)
		if err != nil {
			return b, err
		}
		b.ID = app.AnnotationID(n)
	} else {
		var prev app.Annotation
		switch err := getJSON(txn, annoKey(b.ID), &prev); {
		case err == nil:
			old = &prev
			if b.Created.IsZero() {
				b.Created = prev.Created
			}
		case errors.Is(err, badger.ErrKeyNotFound) && a.ID != 0:
			// Saving a deleted annotation again (undo) keeps its ID;
			// an ID never handed out is a mistake.
			issued, err := getUint(txn, keyAnnoSeq)
			if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
				return b, err
			}
			if uint64(a.ID) > issued {
				return b, app.Errorf(app.ENOTFOUND, "no annotation %d", a.ID)
			}
		case !errors.Is(err, badger.ErrKeyNotFound):
			return b, err
		}
	}
	if b.URI == "" {
		b.URI = newURN()
	}
	if err := writeAnnotation(txn, old, &b); err != nil {
		return b, err
	}
	if old == nil || old.Quote != b.Quote || old.Note != b.Note {
		if err := w.IndexAnnotation(uint64(b.ID), uint64(b.Article), b.Quote, b.Note); err != nil {
			return b, err
		}
	}
	return b, nil
}

// checkAnnotation refuses an annotation whose article or span does not
// exist, so nothing stored points at nothing.
func checkAnnotation(txn *badger.Txn, a *app.Annotation, texts map[[2]uint64]*anchor.Text) error {
	if err := a.CheckFields(); err != nil {
		return err
	}
	at := [2]uint64{uint64(a.Article), uint64(a.Revision)}
	text, ok := texts[at]
	if !ok {
		var rev app.Revision
		err := getRevision(txn, a.Article, a.Revision, &rev)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return app.Errorf(app.ENOTFOUND, "article %d has no revision %d", a.Article, a.Revision)
		}
		if err != nil {
			return err
		}
		text = anchor.NewText(rev.Body)
		texts[at] = text
	}
	if a.Start < 0 || a.End > text.Len() || a.Start >= a.End {
		return app.Errorf(app.EINVALID, "annotation span %d–%d is outside article %d revision %d (0–%d)", a.Start, a.End, a.Article, a.Revision, text.Len())
	}
	if q := text.Slice(a.Start, a.End); q != a.Quote {
		return app.Errorf(app.EINVALID, "annotation quote %q does not match the text at %d–%d (%q)", a.Quote, a.Start, a.End, q)
	}
	tags, err := app.NormalizeTags(a.Tags)
	if err != nil {
		return err
	}
	a.Tags = tags
	slices.Sort(a.Tags)
	if a.Status == "" {
		a.Status = anchor.Anchored
	}
	return nil
}

// writeAnnotation stores a and moves its index entries from old's.
func writeAnnotation(txn *badger.Txn, old, a *app.Annotation) error {
	if old != nil {
		for _, t := range old.Tags {
			if !slices.Contains(a.Tags, t) {
				if err := txn.Delete(annoTagKey(t, a.ID)); err != nil {
					return err
				}
			}
		}
		if old.Article != a.Article {
			if err := txn.Delete(artAnnoKey(old.Article, a.ID)); err != nil {
				return err
			}
		}
		if old.URI != a.URI {
			if err := txn.Delete(annoURIKey(old.URI)); err != nil {
				return err
			}
		}
	}
	for _, t := range a.Tags {
		if err := txn.Set(annoTagKey(t, a.ID), nil); err != nil {
			return err
		}
	}
	if err := ensureTagDefs(txn, a.Tags); err != nil {
		return err
	}
	if err := txn.Set(artAnnoKey(a.Article, a.ID), nil); err != nil {
		return err
	}
	if err := txn.Set(annoURIKey(a.URI), encodeUint(uint64(a.ID))); err != nil {
		return err
	}
	if err := markAnnotationChange(txn, a); err != nil {
		return err
	}
	return setJSON(txn, annoKey(a.ID), a)
}

// FindAnnotation implements app.AnnotationStore.
func (s *Store) FindAnnotation(id app.AnnotationID) (app.Annotation, error) {
	var a app.Annotation
	err := s.db.View(func(txn *badger.Txn) error { return getJSON(txn, annoKey(id), &a) })
	if errors.Is(err, badger.ErrKeyNotFound) {
		return a, app.Errorf(app.ENOTFOUND, "no annotation %d", id)
	}
	if err != nil {
		return a, app.WrapError(app.EINTERNAL, err, "reading annotation %d", id)
	}
	return a, nil
}

// FindAnnotationByURI implements app.AnnotationStore.
func (s *Store) FindAnnotationByURI(uri string) (app.Annotation, error) {
	var id uint64
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		id, err = getUint(txn, annoURIKey(uri))
		return err
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return app.Annotation{}, app.Errorf(app.ENOTFOUND, "no annotation %s", uri)
	}
	if err != nil {
		return app.Annotation{}, app.WrapError(app.EINTERNAL, err, "reading annotation %s", uri)
	}
	return s.FindAnnotation(app.AnnotationID(id))
}

// DeleteAnnotation implements app.AnnotationStore and returns what was
// deleted, so a caller can undo by saving it again.
func (s *Store) DeleteAnnotation(id app.AnnotationID) (app.Annotation, error) {
	deleted, err := s.DeleteAnnotations([]app.AnnotationID{id})
	if err != nil {
		return app.Annotation{}, err
	}
	return deleted[0], nil
}

// DeleteAnnotations deletes many annotations in one transaction and one
// sync (an autocode batch's undo) and returns them. An ID that is not
// stored is ENOTFOUND and deletes nothing. A batch too large for one
// transaction is split in halves.
func (s *Store) DeleteAnnotations(ids []app.AnnotationID) ([]app.Annotation, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var deleted []app.Annotation
	err := s.updateIndexed(func(txn *badger.Txn, w *index.Writer) error {
		deleted = make([]app.Annotation, 0, len(ids))
		for _, id := range ids {
			var a app.Annotation
			if err := getJSON(txn, annoKey(id), &a); err != nil {
				if errors.Is(err, badger.ErrKeyNotFound) {
					return app.Errorf(app.ENOTFOUND, "no annotation %d", id)
				}
				return err
			}
			if err := deleteAnnotation(txn, w, a); err != nil {
				return err
			}
			deleted = append(deleted, a)
		}
		return nil
	})
	if errors.Is(err, badger.ErrTxnTooBig) && len(ids) > 1 {
		return inHalves(ids, s.DeleteAnnotations)
	}
	if err != nil {
		if len(ids) == 1 {
			return nil, storeError(err, "deleting annotation %d", ids[0])
		}
		return nil, storeError(err, "deleting %d annotations", len(ids))
	}
	return deleted, s.Sync()
}

// deleteAnnotation removes an annotation, its index entries and its
// search document.
func deleteAnnotation(txn *badger.Txn, w *index.Writer, a app.Annotation) error {
	keys := [][]byte{annoKey(a.ID), artAnnoKey(a.Article, a.ID), annoURIKey(a.URI)}
	for _, t := range a.Tags {
		keys = append(keys, annoTagKey(t, a.ID))
	}
	for _, k := range keys {
		if err := txn.Delete(k); err != nil {
			return err
		}
	}
	if err := markAnnotationChange(txn, &a); err != nil {
		return err
	}
	return w.Remove(search.AnnotationDoc, uint64(a.ID))
}

// ForEachAnnotation implements app.AnnotationStore. It narrows by the
// article or tag index when the filter allows. The records are read in
// one transaction and decoded on every core: at 50,000 annotations the
// JSON decoding is most of the time a listing takes.
func (s *Store) ForEachAnnotation(f app.AnnotationFilter, fn func(app.Annotation) error) error {
	var raw [][]byte
	err := s.db.View(func(txn *badger.Txn) error {
		var ids []app.AnnotationID
		switch {
		case f.Article != 0:
			err := scanKeys(txn, artAnnoPrefix(f.Article), func(k []byte) error {
				ids = append(ids, artAnnoID(k))
				return nil
			})
			if err != nil {
				return err
			}
		case f.Tag != "":
			// The prefix "tag" also covers "tag/child" and "tagged"; Match
			// below drops the latter.
			err := scanKeys(txn, append([]byte{prefixAnnoTag}, f.Tag...), func(k []byte) error {
				ids = append(ids, app.AnnotationID(indexedID(k)))
				return nil
			})
			if err != nil {
				return err
			}
			slices.Sort(ids)
			ids = slices.Compact(ids)
		default:
			return scanValues(txn, []byte{prefixAnno}, func(v []byte) error {
				raw = append(raw, slices.Clone(v))
				return nil
			})
		}
		for _, id := range ids {
			item, err := txn.Get(annoKey(id))
			if err != nil {
				return fmt.Errorf("index points at annotation %d: %w", id, err)
			}
			v, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			raw = append(raw, v)
		}
		return nil
	})
	var list []app.Annotation
	if err == nil {
		list, err = decodeAnnotations(raw, f)
	}
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "listing annotations in %s", s.dir)
	}
	// Sorting indices, not the records: moving 50,000 records of a few
	// hundred bytes about took longer than decoding them.
	order := make([]int, len(list))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return compareAnnotations(list[i], list[j]) })
	for _, i := range order {
		if err := fn(list[i]); err != nil {
			return err
		}
	}
	return nil
}

// decodeAnnotations decodes annotation records on every core and keeps
// those f matches, in record order.
func decodeAnnotations(raw [][]byte, f app.AnnotationFilter) ([]app.Annotation, error) {
	all := make([]app.Annotation, len(raw))
	keep := make([]bool, len(raw))
	err := parallel.Each(len(raw), 256, func(i int) error {
		if err := unmarshal(raw[i], &all[i]); err != nil {
			return err
		}
		keep[i] = f.Match(all[i])
		return nil
	})
	if err != nil {
		return nil, err
	}
	n := 0
	for i := range all {
		if keep[i] {
			all[n] = all[i]
			n++
		}
	}
	clear(all[n:])
	return all[:n], nil
}

func compareAnnotations(a, b app.Annotation) int {
	return cmp.Or(cmp.Compare(a.Article, b.Article), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.ID, b.ID))
}

// reanchor carries an article's annotations over to its new revision
// (app.Reanchor) inside the ingest transaction, so the revision and the
// annotations' new positions commit together.
func reanchor(txn *badger.Txn, w *index.Writer, id app.ArticleID, rev app.Revision) (map[anchor.Status]int, error) {
	var annos []app.Annotation
	err := scanKeys(txn, artAnnoPrefix(id), func(k []byte) error {
		var a app.Annotation
		if err := getJSON(txn, annoKey(artAnnoID(k)), &a); err != nil {
			return err
		}
		annos = append(annos, a)
		return nil
	})
	if err != nil || len(annos) == 0 {
		return nil, err
	}
	moved, counts, err := app.Reanchor(annos, rev, func(n int) (string, error) {
		var old app.Revision
		err := getRevision(txn, id, n, &old)
		return old.Body, err
	})
	if err != nil {
		return nil, err
	}
	for _, a := range moved {
		if err := setJSON(txn, annoKey(a.ID), a); err != nil {
			return nil, err
		}
		if a.Status == anchor.Fuzzy {
			if err := w.IndexAnnotation(uint64(a.ID), uint64(a.Article), a.Quote, a.Note); err != nil { // its quote changed
				return nil, err
			}
		}
	}
	return counts, nil
}

// newURN returns a random (version 4) UUID URN.
func newURN() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// storeError keeps an app.Error as it is and wraps anything else.
func storeError(err error, format string, args ...any) error {
	var ae *app.Error
	if errors.As(err, &ae) {
		return ae
	}
	return app.WrapError(app.EINTERNAL, err, format, args...)
}

func getUint(txn *badger.Txn, key []byte) (uint64, error) {
	item, err := txn.Get(key)
	if err != nil {
		return 0, err
	}
	v, err := item.ValueCopy(nil)
	return decodeUint(v), err
}

// nextSeq increments a counter kept in the same transaction as the record
// it numbers, so a crash can neither reuse nor skip a number.
func nextSeq(txn *badger.Txn, key []byte) (uint64, error) {
	n, err := getUint(txn, key)
	if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
		return 0, err
	}
	n++
	return n, txn.Set(key, encodeUint(n))
}

// scanKeys calls fn with every key under prefix (a copy it may keep).
func scanKeys(txn *badger.Txn, prefix []byte, fn func(k []byte) error) error {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	opts.Prefix = prefix
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		if err := fn(it.Item().KeyCopy(nil)); err != nil {
			return err
		}
	}
	return nil
}

// scanValues calls fn with the value of every key under prefix; the slice
// is only valid during the call.
func scanValues(txn *badger.Txn, prefix []byte, fn func(v []byte) error) error {
	return scanRecords(txn, prefix, func(_, v []byte) error { return fn(v) })
}

// scanRecords calls fn with every key under prefix and its value, in key
// order; both are only valid during the call. Values are read in line:
// Badger's prefetching starts a goroutine per record, a fifth of the time
// of reading a million listing records.
func scanRecords(txn *badger.Txn, prefix []byte, fn func(k, v []byte) error) error {
	opts := badger.DefaultIteratorOptions
	opts.Prefix = prefix
	opts.PrefetchValues = false
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		if err := item.Value(func(v []byte) error { return fn(item.Key(), v) }); err != nil {
			return err
		}
	}
	return nil
}
