// Package store keeps Parallax's articles in an embedded Badger database.
// It implements app.ArticleStore; nothing outside this package imports
// Badger.
package store

import (
	"context"
	"errors"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/team"
	"github.com/parallax-news/parallax/store/index"
)

// Store is a Parallax store in one directory.
type Store struct {
	db *badger.DB
	bo badger.Options // as opened, to seal the value log on Close
	// pages keeps the mapped files' pages out of the process while bulk
	// work runs (mapped.go).
	pages *pager
	dir   string
	idx   *index.Index // the search index and similarity signatures
	// tagJobs lets one tag rename, merge or delete run at a time.
	tagJobs sync.Mutex
	// clock stamps the marks of a store in a team (team.go); nil otherwise.
	clock atomic.Pointer[team.Clock]
}

var _ app.ArticleStore = (*Store)(nil)

// Option adjusts how Open sets Badger up.
type Option func(*badger.Options)

// SmallCaches gives Badger 4 MiB of block cache and 2 MiB of index cache
// instead of 16 and 8, for the desktop app and the CLI: they read an
// article or a query's postings at a time (postings and texts are read
// from the value log, which the caches do not hold), and the full caches
// kept 7 MB more resident after a few searches on the BBC collection.
func SmallCaches() Option {
	return func(o *badger.Options) {
		*o = o.WithBlockCacheSize(4 << 20).WithIndexCacheSize(2 << 20)
	}
}

// Open opens (creating if needed) the store in dir and brings its schema up
// to date. It returns ELOCKED when another process holds the store and
// ESCHEMA when a newer Parallax wrote it.
func Open(dir string, opts ...Option) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, app.WrapError(app.EINTERNAL, err, "cannot create store directory %s", dir)
	}
	bo := badgerOptions(dir)
	for _, o := range opts {
		o(&bo)
	}
	db, err := badger.Open(bo)
	if err != nil && strings.Contains(err.Error(), "Create a new file") {
		// Badger held the directory lock when it failed here, so no other
		// process is writing: an empty log a kill left can go.
		if rerr := removeEmptyLogs(dir); rerr != nil {
			return nil, app.WrapError(app.EINTERNAL, rerr, "cannot open store %s", dir)
		}
		db, err = badger.Open(bo)
	}
	if err != nil {
		if strings.Contains(err.Error(), "Cannot acquire directory lock") {
			return nil, app.Errorf(app.ELOCKED, "store %s is in use by another Parallax process", dir)
		}
		return nil, app.WrapError(app.EINTERNAL, err, "cannot open store %s", dir)
	}
	s := &Store{db: db, bo: bo, dir: dir, pages: newPager(dir)}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.loadTeam(); err != nil {
		db.Close()
		return nil, err
	}
	// The index finishes what a closed store left unmerged.
	if s.idx, err = index.Open(indexDB{s}, indexKeys); err != nil {
		db.Close()
		return nil, app.WrapError(app.EINTERNAL, err, "opening the search index of %s", dir)
	}
	// A tag job moves memos, whose search documents the index keeps.
	err = s.finishTagJob()
	rebuild := false
	if err == nil {
		rebuild, err = s.needsIndexRebuild()
	}
	if err == nil && rebuild {
		err = s.RebuildIndex(context.Background(), nil)
	}
	if err == nil {
		err = s.finishMigrations()
	}
	if err != nil {
		s.idx.Close()
		db.Close()
		return nil, err
	}
	return s, nil
}

// removeEmptyLogs deletes empty memtable and value-log files. A process
// killed between creating one and its first write leaves it at 0 bytes,
// and Badger's Open then fails with "while opening memtables … Create a
// new file" (dgraph-io/badger#2207; the fix, #2331, is not released). An
// empty log holds no data, so nothing is lost; the crash harness found
// it after a restore killed at ~90 ms. Open calls it only after Badger
// failed so, never while another process may be creating a log.
func removeEmptyLogs(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".mem") && !strings.HasSuffix(name, ".vlog") {
			continue
		}
		if info, err := e.Info(); err == nil && info.Size() == 0 {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return err
			}
		}
	}
	return nil
}

// badgerOptions sizes Badger for a desktop: its server defaults reserve
// hundreds of MiB for memtables and caches, which a laptop app sharing
// memory with a GUI should not. Values of 1 KiB and more (article texts,
// search index chunks) go to the value log, written once: in the LSM tree
// every compaction would recompress and rewrite them, which made indexing
// 100,000 articles 2.5 times slower and doubled Badger's heap. The
// merges' garbage there is collected after large merges (merge.go).
func badgerOptions(dir string) badger.Options {
	o := badger.DefaultOptions(dir)
	// Every level's tables the base 2 MiB: Badger doubles them per level,
	// and a compaction builds several at once in memory, so its heap grew
	// with the store (390 MB of table builders importing 400,000
	// articles). Importing 400,000: peak RSS 1.62 GB → 1.17 GB, 3:31 → 2:55.
	o.TableSizeMultiplier = 1
	return o.
		WithLogger(quietLogger{}).
		WithMemTableSize(16 << 20).
		WithNumMemtables(2).
		WithNumLevelZeroTables(4).
		WithNumLevelZeroTablesStall(8).
		WithBlockCacheSize(16 << 20).
		WithIndexCacheSize(8 << 20).
		WithValueLogFileSize(64 << 20).
		WithNumCompactors(2).
		WithCompression(options.ZSTD).
		WithZSTDCompressionLevel(1).
		WithValueThreshold(1 << 10).
		// Every value and table block read is checked against its CRC: a
		// damaged disk gives an error, not changed text.
		WithVerifyValueChecksum(true).
		WithChecksumVerificationMode(options.OnBlockRead).
		WithSyncWrites(false) // durability comes from Sync at the end of a batch and on close
}

// quietLogger passes Badger's warnings and errors to the standard logger
// and drops its chatty progress messages.
type quietLogger struct{}

func (quietLogger) Errorf(f string, a ...any) { log.Printf("store: "+f, a...) }
func (quietLogger) Warningf(f string, a ...any) {
	// Badger's cache-sizing advice is for servers: a long import printed
	// it, with a histogram, in the middle of its progress. Its first
	// format starts with the cache's name, so match the messages' middles.
	if strings.Contains(f, "might be too small. Metrics") || strings.Contains(f, "Cache life expectancy") {
		return
	}
	log.Printf("store: "+f, a...)
}
func (quietLogger) Infof(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}

// Dir is the store's directory.
func (s *Store) Dir() string { return s.dir }

// Close flushes and closes the store. A segment merge under way is
// abandoned; the next Open cleans up after it and merges again.
func (s *Store) Close() error {
	s.idx.Close()
	if err := s.db.Close(); err != nil {
		return app.WrapError(app.EINTERNAL, err, "closing store %s", s.dir)
	}
	return s.sealValueLog()
}

// sealValueLog leaves an empty value log file as the newest after a
// session that wrote. Badger's Open cuts the newest file at its first
// unreadable entry, taking it for a write torn by a crash; after a clean
// Close that entry can only be damage, and the cut would take every
// later article with it. Opening Badger once more starts a new, empty
// newest file, so damage in the session's file stays one damaged entry.
func (s *Store) sealValueLog() error {
	logs, _ := filepath.Glob(filepath.Join(s.dir, "*.vlog"))
	if len(logs) == 0 {
		return nil
	}
	slices.Sort(logs) // zero-padded numbers: the newest sorts last
	if info, err := os.Stat(logs[len(logs)-1]); err != nil || info.Size() <= vlogHeaderSize {
		return nil // nothing was written to it
	}
	db, err := badger.Open(s.bo)
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "closing store %s", s.dir)
	}
	if err := db.Close(); err != nil {
		return app.WrapError(app.EINTERNAL, err, "closing store %s", s.dir)
	}
	return nil
}

// vlogHeaderSize is the size of a value log file with no entries.
const vlogHeaderSize = 20

// Sync makes every committed write durable. It does not wait for the
// search index's background merges: they change how the index is laid
// out, not what it holds (FinishMerges waits for them).
func (s *Store) Sync() error {
	if err := s.db.Sync(); err != nil {
		return app.WrapError(app.EINTERNAL, err, "syncing store %s", s.dir)
	}
	return nil
}

// update runs fn in a read-write transaction, retrying when a concurrent
// transaction conflicted with it.
func (s *Store) update(fn func(txn *badger.Txn) error) error {
	return s.updateAs(true, fn)
}

// updateAs is update, marking the transaction's changes for the team
// when mark is set and the store is in a team.
func (s *Store) updateAs(mark bool, fn func(txn *badger.Txn) error) error {
	run := fn
	if mark {
		run = func(txn *badger.Txn) error { return s.marking(txn, fn) }
	}
	for attempt := 0; ; attempt++ {
		err := s.db.Update(run)
		if errors.Is(err, badger.ErrConflict) && attempt < 5 {
			continue
		}
		return err
	}
}

// inHalves does fn on each half of a batch Badger refused as too large
// for one transaction, the first half first.
func inHalves[T, R any](batch []T, fn func([]T) ([]R, error)) ([]R, error) {
	half := len(batch) / 2
	first, err := fn(batch[:half])
	if err != nil {
		return nil, err
	}
	rest, err := fn(batch[half:])
	return append(first, rest...), err
}

// tooLarge reports Badger's refusal of one entry: a transaction that a
// single draft overfills, or a key or value over its size limits, which
// Badger reports only as text ("Key with size N exceeded 65000 limit").
func tooLarge(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return errors.Is(err, badger.ErrTxnTooBig) || strings.Contains(msg, " exceeded ") && strings.Contains(msg, " limit")
}

// Ingest implements app.ArticleStore. Drafts are applied in order inside
// one transaction, so a draft sees the articles the earlier ones created.
func (s *Store) Ingest(drafts []app.Draft) ([]app.Stored, error) {
	p := &preparedBatch{drafts: drafts}
	s.prepare(p)
	return s.ingest(p)
}

func (s *Store) ingest(p *preparedBatch) ([]app.Stored, error) {
	drafts := p.drafts
	if len(drafts) == 0 {
		return nil, nil
	}
	var size int64
	for i := range drafts {
		size += int64(len(drafts[i].Body) + len(drafts[i].Title))
	}
	if err := s.checkSpace(size); err != nil {
		return nil, err
	}
	var out []app.Stored
	err := s.updateIndexedAs(!p.unmarked, func(txn *badger.Txn, w *index.Writer) error {
		w.UsePrepared(p.idx)
		out = make([]app.Stored, 0, len(drafts))
		for i := range drafts {
			st, err := ingestOne(txn, w, &drafts[i], &p.records[i], i+1)
			if err != nil {
				return err
			}
			out = append(out, st)
		}
		return nil
	})
	if tooLarge(err) {
		// A batch too large for one transaction is split in halves, down to
		// the draft that is too large alone: that one fails, the rest land.
		if len(drafts) == 1 {
			return []app.Stored{{Outcome: app.Failed, Err: app.Errorf(app.EINVALID, "%q is too large to store", app.Excerpt(drafts[0].Title, 60))}}, nil
		}
		return inHalves(drafts, s.Ingest)
	}
	if err != nil {
		return nil, app.WrapError(app.EINTERNAL, err, "storing articles in %s", s.dir)
	}
	return out, nil
}

// ingestOne stores one draft, the draft'th (1-based) of the batch w was
// prepared with, its record r, where app.ClassifyDraft says it belongs.
func ingestOne(txn *badger.Txn, w *index.Writer, d *app.Draft, r *draftRecord, draft int) (app.Stored, error) {
	uk, tk := r.url, r.title
	m, err := app.ClassifyDraft(app.DraftKeys{Hash: d.Hash, URL: uk, Title: tk, Revises: d.Revises}, catalogue{txn})
	if err != nil {
		return app.Stored{}, err
	}
	var head app.Article
	switch m.Outcome {
	case app.Duplicate: // nothing new but its tags
		if err := addTags(txn, m.ID, d.Tags); err != nil {
			return app.Stored{}, err
		}
		return app.Stored{Outcome: app.Duplicate, ID: m.ID, Revision: m.Revision}, nil
	case app.Imported:
		id, err := nextArticleID(txn)
		if err != nil {
			return app.Stored{}, err
		}
		head = app.Article{ID: id}
	default:
		err := getJSON(txn, articleKey(m.ID), &head)
		if errors.Is(err, badger.ErrKeyNotFound) { // only Draft.Revises names a missing article
			return app.Stored{Outcome: app.Failed, Err: app.Errorf(app.ENOTFOUND, "%q revises article %d, which is not stored", app.Excerpt(d.Title, 60), m.ID)}, nil
		}
		if err != nil {
			return app.Stored{}, err
		}
	}
	head, rev := app.AddRevision(head, *d)
	id := head.ID

	if err := putRevision(txn, id, rev); err != nil {
		return app.Stored{}, err
	}
	if err := putHead(txn, head); err != nil {
		return app.Stored{}, err
	}
	if err := markArticleChange(txn, id); err != nil {
		return app.Stored{}, err
	}
	if err := txn.Set(hashKey(d.Hash), encodeRef(id, rev.Number)); err != nil {
		return app.Stored{}, err
	}
	// Index every URL and title an article has had, so a later text
	// found under any of them joins the same article.
	if uk != "" {
		if err := txn.Set(urlKey(uk), encodeUint(uint64(id))); err != nil {
			return app.Stored{}, err
		}
	}
	if tk != "" {
		if err := txn.Set(titleKey(tk), encodeUint(uint64(id))); err != nil {
			return app.Stored{}, err
		}
	}
	if err := indexTags(txn, id, head.Tags); err != nil {
		return app.Stored{}, err
	}
	// A new article has no document to retire: skip looking for one.
	if err := w.IndexArticle(indexedArticle(id, rev), draft, m.Outcome == app.Imported); err != nil {
		return app.Stored{}, err
	}
	st := app.Stored{Outcome: m.Outcome, ID: id, Revision: rev.Number}
	if m.Outcome == app.NewRevision {
		if st.Reanchored, err = reanchor(txn, w, id, rev); err != nil {
			return app.Stored{}, err
		}
	}
	return st, nil
}

// indexedArticle is what the search index takes of an article's latest
// revision.
func indexedArticle(id app.ArticleID, rev app.Revision) index.Article {
	date := rev.Published
	if date.IsZero() {
		date = rev.Imported
	}
	return index.Article{ID: uint64(id), Title: rev.Title, Body: rev.Body, Outlet: rev.Outlet, Date: date.Unix()}
}

// catalogue implements app.Catalogue over an ingest transaction.
type catalogue struct{ txn *badger.Txn }

func (c catalogue) TextWithHash(hash string) (app.ArticleID, int, bool, error) {
	item, err := c.txn.Get(hashKey(hash))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, 0, false, nil
	}
	if err != nil {
		return 0, 0, false, err
	}
	v, err := item.ValueCopy(nil)
	if err != nil {
		return 0, 0, false, err
	}
	id, rev := decodeRef(v)
	return id, rev, true, nil
}

func (c catalogue) ArticleAtURL(key string) (app.ArticleID, bool, error) {
	return c.article(urlKey(key))
}

func (c catalogue) ArticleTitled(key string) (app.ArticleID, bool, error) {
	return c.article(titleKey(key))
}

func (c catalogue) article(k []byte) (app.ArticleID, bool, error) {
	id, err := getUint(c.txn, k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, false, nil
	}
	return app.ArticleID(id), err == nil, err
}

// nextArticleID hands out IDs from a counter kept in the same transaction
// as the article, so a crash can neither reuse nor skip one.
func nextArticleID(txn *badger.Txn) (app.ArticleID, error) {
	n, err := nextSeq(txn, keyArticleSeq)
	return app.ArticleID(n), err
}

// addTags adds tags to an existing article.
func addTags(txn *badger.Txn, id app.ArticleID, tags []string) error {
	if len(tags) == 0 {
		return nil
	}
	_, err := setArticleTags(txn, id, func(old []string) []string { return app.UnionTags(old, tags) })
	return err
}

// indexTags writes the tag → article index entries and defines new tags.
func indexTags(txn *badger.Txn, id app.ArticleID, tags []string) error {
	for _, t := range tags {
		if err := txn.Set(tagKey(t, id), nil); err != nil {
			return err
		}
	}
	return ensureTagDefs(txn, tags)
}

// FindArticleByID implements app.ArticleStore.
func (s *Store) FindArticleByID(id app.ArticleID) (app.Article, error) {
	var a app.Article
	err := s.db.View(func(txn *badger.Txn) error { return getJSON(txn, articleKey(id), &a) })
	if errors.Is(err, badger.ErrKeyNotFound) {
		return a, app.Errorf(app.ENOTFOUND, "no article %d", id)
	}
	if err != nil {
		return a, app.WrapError(app.EINTERNAL, err, "reading article %d", id)
	}
	return a, nil
}

// FindRevision implements app.ArticleStore.
func (s *Store) FindRevision(id app.ArticleID, n int) (app.Revision, error) {
	var r app.Revision
	a, err := s.FindArticleByID(id)
	if err != nil {
		return r, err
	}
	if n == 0 {
		n = a.Revisions
	}
	if n < 1 || n > a.Revisions {
		return r, app.Errorf(app.ENOTFOUND, "article %d has no revision %d (it has %d)", id, n, a.Revisions)
	}
	err = s.db.View(func(txn *badger.Txn) error { return getRevision(txn, id, n, &r) })
	if err != nil {
		return r, storeError(err, "reading revision %d of article %d", n, id)
	}
	return r, nil
}

// FindArticleByURL implements app.ArticleStore.
func (s *Store) FindArticleByURL(url string) (app.ArticleID, error) {
	uk := app.URLKey(url)
	if uk == "" {
		return 0, app.Errorf(app.ENOTFOUND, "no article at %s (not an http(s) URL)", url)
	}
	var id uint64
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		id, err = getUint(txn, urlKey(uk))
		return err
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, app.Errorf(app.ENOTFOUND, "no article at %s", url)
	}
	if err != nil {
		return 0, app.WrapError(app.EINTERNAL, err, "looking up %s", url)
	}
	return app.ArticleID(id), nil
}

// FindRevisionByHash implements app.ArticleStore.
func (s *Store) FindRevisionByHash(hash string) (app.ArticleID, int, error) {
	var ref []byte
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(hashKey(hash))
		if err != nil {
			return err
		}
		ref, err = item.ValueCopy(nil)
		return err
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, 0, app.Errorf(app.ENOTFOUND, "no text with hash %s", hash)
	}
	if err != nil {
		return 0, 0, app.WrapError(app.EINTERNAL, err, "looking up hash %s", hash)
	}
	id, rev := decodeRef(ref)
	return id, rev, nil
}

// ForEachArticle implements app.ArticleStore.
func (s *Store) ForEachArticle(fn func(app.Article) error) error {
	return s.visit(prefixArticle, "articles", func(_, v []byte) (error, error) {
		var a app.Article
		if err := unmarshal(v, &a); err != nil {
			return nil, err
		}
		return fn(a), nil
	})
}

// visit calls each with every record under prefix, in key order, until
// each returns an error: the caller's (its first result), which comes
// back as it is, or the store's (its second), which comes back wrapped
// as failing to list what.
func (s *Store) visit(prefix byte, what string, each func(k, v []byte) (callerErr, storeErr error)) error {
	var stop error
	err := s.db.View(func(txn *badger.Txn) error {
		return scanRecords(txn, []byte{prefix}, func(k, v []byte) error {
			var storeErr error
			if stop, storeErr = each(k, v); storeErr != nil {
				return storeErr
			}
			return stop
		})
	})
	if stop != nil {
		return stop
	}
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "listing %s in %s", what, s.dir)
	}
	return nil
}

// Stats implements app.ArticleStore.
func (s *Store) Stats() (app.Stats, error) {
	st := app.Stats{Outlets: map[string]int{}, Languages: map[string]int{}, SchemaVersion: currentSchema()}
	err := s.ForEachArticle(func(a app.Article) error {
		st.Articles++
		st.Revisions += a.Revisions
		if a.Partial {
			st.Partial++
		}
		st.Outlets[a.Outlet]++
		st.Languages[a.Language]++
		st.Words += int64(a.Words)
		return nil
	})
	lsm, vlog := s.db.Size()
	st.DiskBytes = lsm + vlog
	return st, err
}

// IsEmpty reports whether the store holds no data (system keys aside).
func (s *Store) IsEmpty() (bool, error) {
	empty := true
	err := s.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		it := txn.NewIterator(opts)
		defer it.Close()
		it.Seek([]byte{prefixSystem + 1})
		empty = !it.Valid()
		return nil
	})
	return empty, err
}
