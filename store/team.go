package store

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"slices"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/team"
	"github.com/parallax-news/parallax/store/index"
)

// Team mode. While a store is in a team, every transaction that changes
// an annotation, memo, tag or article also writes a mark for it, with a
// clock reading: the outbox of changes not yet shared. team.Syncer turns
// marks into ops; the store keeps the team's state of each thing, the
// ops waiting for the server, and applies what others did.

var _ team.Store = (*Store)(nil)

// markers maps a transaction that marks its changes to the clock that
// stamps them. Marks are written deep in the helpers that change records,
// which see only the transaction.
var markers sync.Map // *badger.Txn → marker

type marker struct {
	clock   *team.Clock
	written map[string]bool // the marks written in this transaction, when tagsOnly
	// tagsOnly: the transaction applies the team's changes, and marks only
	// the tags it defines because something uses them, so that the team
	// hears of those definitions.
	tagsOnly bool
}

// markRecord is a mark's value.
type markRecord struct {
	At     team.Stamp   `json:"at"`
	Key    string       `json:"key,omitempty"`
	Rename *team.Rename `json:"rename,omitempty"`
}

// mark records that a thing changed in txn, if the store is in a team and
// txn is not applying the team's own changes.
func mark(txn *badger.Txn, k []byte, key string) error {
	v, ok := markers.Load(txn)
	m, _ := v.(marker)
	if !ok || m.tagsOnly && k[1] != markTag {
		return nil
	}
	if m.written != nil {
		m.written[string(k)] = true
	}
	return setJSON(txn, k, markRecord{At: m.clock.Now(), Key: key})
}

func markAnnotationChange(txn *badger.Txn, a *app.Annotation) error {
	return mark(txn, markKey(markAnnotation, uint64(a.ID)), a.URI)
}

func markMemoChange(txn *badger.Txn, m *app.Memo) error {
	return mark(txn, markKey(markMemo, uint64(m.ID)), m.URI)
}

func markTagChange(txn *badger.Txn, path string) error { return mark(txn, tagMarkKey(path), path) }

func markArticleChange(txn *badger.Txn, id app.ArticleID) error {
	return mark(txn, markKey(markArticle, uint64(id)), "")
}

func markRenameChange(txn *badger.Txn, from, to string) error {
	v, ok := markers.Load(txn)
	if !ok || v.(marker).tagsOnly {
		return nil
	}
	n, err := nextSeq(txn, keyMarkSeq)
	if err != nil {
		return err
	}
	at := v.(marker).clock.Now()
	return setJSON(txn, markKey(markRename, n), markRecord{At: at, Rename: &team.Rename{From: from, To: to, At: at}})
}

// marking runs fn with txn's changes marked, when the store is in a team.
func (s *Store) marking(txn *badger.Txn, fn func(*badger.Txn) error) error {
	c := s.clock.Load()
	if c == nil {
		return fn(txn)
	}
	markers.Store(txn, marker{clock: c})
	defer markers.Delete(txn)
	return fn(txn)
}

// loadTeam starts the clock of a store in a team, past every stamp it
// has handed out (the marks') or seen (the config's).
func (s *Store) loadTeam() error {
	cfg, err := s.TeamConfig()
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	last := cfg.Clock
	marks, err := s.TeamMarks(0)
	if err != nil {
		return err
	}
	for _, m := range marks {
		last = team.Max(last, m.At)
	}
	s.clock.Store(team.NewClock(cfg.Analyst, last))
	return nil
}

// TeamConfig implements team.Store.
func (s *Store) TeamConfig() (team.Config, error) {
	var cfg team.Config
	err := s.db.View(func(txn *badger.Txn) error { return getJSON(txn, keyTeam, &cfg) })
	if errors.Is(err, badger.ErrKeyNotFound) {
		return cfg, app.Errorf(app.ENOTFOUND, "store %s is in no team: join one with 'team join URL --project NAME'", s.dir)
	}
	if err != nil {
		return cfg, storeError(err, "reading the team settings of %s", s.dir)
	}
	return cfg, nil
}

// TeamClock implements team.Store; nil when the store is in no team.
func (s *Store) TeamClock() *team.Clock { return s.clock.Load() }

// JoinTeam implements team.Store. Everything stored is marked first, in
// steps, and the config saved last: a join cut short is done again.
func (s *Store) JoinTeam(cfg team.Config) error {
	if _, err := s.TeamConfig(); err == nil {
		return app.Errorf(app.ECONFLICT, "store %s is in a team already: leave it first", s.dir)
	}
	clock := team.NewClock(cfg.Analyst, cfg.Clock)
	var keys [][]byte
	var tags []string
	err := s.db.View(func(txn *badger.Txn) error {
		for _, p := range []byte{prefixArticle, prefixAnno, prefixMemo} {
			err := scanKeys(txn, []byte{p}, func(k []byte) error {
				kind := map[byte]byte{prefixArticle: markArticle, prefixAnno: markAnnotation, prefixMemo: markMemo}[p]
				keys = append(keys, markKey(kind, keyID(k)))
				return nil
			})
			if err != nil {
				return err
			}
		}
		return scanKeys(txn, []byte{prefixTagDef}, func(k []byte) error {
			tags = append(tags, tagDefPath(k))
			return nil
		})
	})
	if err != nil {
		return storeError(err, "reading %s", s.dir)
	}
	for _, t := range tags {
		keys = append(keys, tagMarkKey(t))
	}
	for chunk := range slices.Chunk(keys, 5000) {
		err := s.update(func(txn *badger.Txn) error {
			for _, k := range chunk {
				rec := markRecord{At: clock.Now()}
				if k[1] == markTag {
					rec.Key = string(k[2:])
				}
				if err := setJSON(txn, k, rec); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return storeError(err, "marking %s for the team", s.dir)
		}
	}
	cfg.Clock = clock.Last()
	if err := s.update(func(txn *badger.Txn) error { return setJSON(txn, keyTeam, cfg) }); err != nil {
		return storeError(err, "saving the team settings of %s", s.dir)
	}
	s.clock.Store(clock)
	return s.Sync()
}

// LeaveTeam implements team.Store: the store keeps everything it holds
// and forgets the team's state, marks and unsent ops.
func (s *Store) LeaveTeam() error {
	s.clock.Store(nil)
	err := s.update(func(txn *badger.Txn) error {
		for _, k := range [][]byte{keyTeam, keyMarkSeq, keyOutboxSeq} {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = s.db.DropPrefix([]byte{prefixTeamMark}, []byte{prefixTeamState}, []byte{prefixTeamOutbox},
			[]byte{prefixTeamArtKey}, []byte{prefixTeamUnplaced}, []byte{prefixTeamRename})
	}
	if err != nil {
		return storeError(err, "leaving the team in %s", s.dir)
	}
	return s.Sync()
}

var markKinds = map[byte]team.Kind{markAnnotation: team.AnnotationKind, markMemo: team.MemoKind, markTag: team.TagKind, markArticle: team.ArticleKind}

// TeamMarks implements team.Store: up to limit marks (0: all).
func (s *Store) TeamMarks(limit int) ([]team.Mark, error) {
	var out []team.Mark
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixTeamMark}, PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid() && (limit == 0 || len(out) < limit); it.Next() {
			k := it.Item().KeyCopy(nil)
			var rec markRecord
			if err := getJSON(txn, k, &rec); err != nil {
				return err
			}
			m := team.Mark{Kind: markKinds[k[1]], Key: rec.Key, At: rec.At, Rename: rec.Rename, Ref: k}
			if k[1] != markTag {
				m.ID = decodeUint(k[2:])
			}
			out = append(out, m)
		}
		return nil
	})
	if err != nil {
		return nil, storeError(err, "reading the team's changes in %s", s.dir)
	}
	return out, nil
}

var kindBytes = map[team.Kind]byte{team.AnnotationKind: markAnnotation, team.MemoKind: markMemo, team.TagKind: markTag, team.ArticleKind: markArticle}

// TeamStates implements team.Store.
func (s *Store) TeamStates(kind team.Kind, keys []string) (map[string]team.State, error) {
	out := map[string]team.State{}
	err := s.db.View(func(txn *badger.Txn) error {
		for _, k := range keys {
			var st team.State
			err := getJSON(txn, teamStateKey(kindBytes[kind], k), &st)
			if errors.Is(err, badger.ErrKeyNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			out[k] = st
		}
		return nil
	})
	if err != nil {
		return nil, storeError(err, "reading the team's state in %s", s.dir)
	}
	return out, nil
}

// TeamArticleKeys implements team.Store.
func (s *Store) TeamArticleKeys(id app.ArticleID) ([]string, error) {
	var keys []string
	prefix := teamArtKeyPrefix(id)
	err := s.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, prefix, func(k []byte) error {
			keys = append(keys, string(k[len(prefix):]))
			return nil
		})
	})
	if err != nil {
		return nil, storeError(err, "reading the team's state in %s", s.dir)
	}
	slices.Sort(keys)
	return keys, nil
}

// TeamRenames implements team.Store.
func (s *Store) TeamRenames() ([]team.Rename, error) {
	var out []team.Rename
	err := s.db.View(func(txn *badger.Txn) error {
		return scanValues(txn, []byte{prefixTeamRename}, func(v []byte) error {
			var r team.Rename
			if err := decodeJSON(v, &r); err != nil {
				return err
			}
			out = append(out, r)
			return nil
		})
	})
	if err != nil {
		return nil, storeError(err, "reading the team's renames in %s", s.dir)
	}
	return out, nil
}

// TeamCapture implements team.Store.
func (s *Store) TeamCapture(c team.Captured) error {
	err := s.update(func(txn *badger.Txn) error {
		for _, m := range c.Marks {
			var rec markRecord
			err := getJSON(txn, m.Ref, &rec)
			if errors.Is(err, badger.ErrKeyNotFound) || err == nil && rec.At != m.At {
				return app.Errorf(app.ECONFLICT, "changed again while being captured")
			}
			if err != nil {
				return err
			}
			if err := txn.Delete(m.Ref); err != nil {
				return err
			}
		}
		if err := putTeamStates(txn, c.States); err != nil {
			return err
		}
		for _, op := range c.Ops {
			n, err := nextSeq(txn, keyOutboxSeq)
			if err != nil {
				return err
			}
			if err := setJSON(txn, outboxKey(n), op); err != nil {
				return err
			}
		}
		for key, id := range c.ArticleKeys {
			if err := txn.Set(teamArtKey(id, key), nil); err != nil {
				return err
			}
		}
		if err := putRenames(txn, c.Renames); err != nil {
			return err
		}
		for _, st := range c.Unplaced {
			if err := txn.Set(unplacedKey(kindBytes[st.Kind], st.Key), nil); err != nil {
				return err
			}
		}
		return saveClock(txn, c.Clock, 0)
	})
	if app.ErrorCode(err) == app.ECONFLICT {
		return err
	}
	if err != nil {
		return storeError(err, "recording changes for the team in %s", s.dir)
	}
	return nil
}

func putTeamStates(txn *badger.Txn, states []team.State) error {
	for _, st := range states {
		if err := setJSON(txn, teamStateKey(kindBytes[st.Kind], st.Key), st); err != nil {
			return err
		}
	}
	return nil
}

func putRenames(txn *badger.Txn, rs []team.Rename) error {
	for _, r := range rs {
		if err := setJSON(txn, renameKey(r), r); err != nil {
			return err
		}
	}
	return nil
}

// saveClock records the clock and, when seq is not 0, the sequence
// applied up to.
func saveClock(txn *badger.Txn, clock team.Stamp, seq uint64) error {
	var cfg team.Config
	if err := getJSON(txn, keyTeam, &cfg); err != nil {
		return err
	}
	cfg.Clock = team.Max(cfg.Clock, clock)
	if seq != 0 {
		cfg.Seq = seq
	}
	return setJSON(txn, keyTeam, cfg)
}

// TeamOutbox implements team.Store: the oldest limit ops.
func (s *Store) TeamOutbox(limit int) ([]team.Op, error) {
	var out []team.Op
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixTeamOutbox}, PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid() && len(out) < limit; it.Next() {
			var op team.Op
			err := it.Item().Value(func(v []byte) error { return decodeJSON(v, &op) })
			if err != nil {
				return err
			}
			out = append(out, op)
		}
		return nil
	})
	if err != nil {
		return nil, storeError(err, "reading the team outbox of %s", s.dir)
	}
	return out, nil
}

// TeamOutboxLen implements team.Store.
func (s *Store) TeamOutboxLen() (int, error) {
	n := 0
	err := s.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, []byte{prefixTeamOutbox}, func([]byte) error { n++; return nil })
	})
	return n, err
}

// TeamPublished implements team.Store: ids are the outbox's oldest.
func (s *Store) TeamPublished(ids []string) error {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	err := s.update(func(txn *badger.Txn) error {
		var done [][]byte
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixTeamOutbox}, PrefetchValues: true})
		for it.Rewind(); it.Valid() && len(done) < len(ids); it.Next() {
			var op team.Op
			if err := it.Item().Value(func(v []byte) error { return decodeJSON(v, &op) }); err != nil {
				it.Close()
				return err
			}
			if want[op.ID] {
				done = append(done, it.Item().KeyCopy(nil))
			}
		}
		it.Close()
		for _, k := range done {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return storeError(err, "clearing the team outbox of %s", s.dir)
	}
	return nil
}

// TeamIngest implements team.Store: Ingest without marks, since the
// texts came from the team.
func (s *Store) TeamIngest(drafts []app.Draft) ([]app.Stored, error) {
	p := &preparedBatch{drafts: drafts, unmarked: true}
	s.prepare(p)
	return s.ingest(p)
}

// TeamUnplaced implements team.Store.
func (s *Store) TeamUnplaced() ([]team.State, error) {
	var out []team.State
	err := s.db.View(func(txn *badger.Txn) error {
		var keys [][]byte
		if err := scanKeys(txn, []byte{prefixTeamUnplaced}, func(k []byte) error { keys = append(keys, k); return nil }); err != nil {
			return err
		}
		for _, k := range keys {
			var st team.State
			sk := append([]byte{prefixTeamState}, k[1:]...)
			if err := getJSON(txn, sk, &st); err != nil {
				return err
			}
			out = append(out, st)
		}
		return nil
	})
	if err != nil {
		return nil, storeError(err, "reading the team's state in %s", s.dir)
	}
	return out, nil
}

// TeamApply implements team.Store.
func (s *Store) TeamApply(a team.Applied) ([]int, error) {
	var skipped []int
	err := s.updateIndexedAs(false, func(txn *badger.Txn, w *index.Writer) error {
		written := map[string]bool{}
		if c := s.clock.Load(); c != nil {
			markers.Store(txn, marker{clock: c, tagsOnly: true, written: written})
			defer markers.Delete(txn)
		}
		skipped = skipped[:0]
		texts := map[[2]uint64]*anchor.Text{}
		// Tag definitions go last, deepest first: a tag's definition goes
		// only when nothing below it is left.
		order := make([]int, len(a.Changes))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(x, y int) int {
			gx, gy := a.Changes[x].TagGone, a.Changes[y].TagGone
			return cmp.Or(cmp.Compare(boolInt(gx != ""), boolInt(gy != "")), -cmp.Compare(len(gx), len(gy)))
		})
		for _, i := range order {
			ch := a.Changes[i]
			ok, err := applyChange(txn, w, ch, texts, written)
			if err != nil {
				if app.ErrorCode(err) != app.EINTERNAL {
					return &team.ChangeError{Index: i, Err: err}
				}
				return err
			}
			if !ok {
				skipped = append(skipped, i)
			}
		}
		if err := putRenames(txn, a.Renames); err != nil {
			return err
		}
		return saveClock(txn, a.Clock, a.Seq)
	})
	var ce *team.ChangeError
	if errors.As(err, &ce) {
		return nil, err
	}
	if tooLarge(err) && len(a.Changes) > 1 {
		half := len(a.Changes) / 2
		first := team.Applied{Changes: a.Changes[:half], Renames: a.Renames, Clock: a.Clock}
		s1, err := s.TeamApply(first)
		if err != nil {
			return nil, err
		}
		rest := team.Applied{Changes: a.Changes[half:], Seq: a.Seq, Clock: a.Clock}
		s2, err := s.TeamApply(rest)
		for _, i := range s2 {
			s1 = append(s1, i+half)
		}
		return s1, err
	}
	if err != nil {
		return nil, storeError(err, "applying the team's changes in %s", s.dir)
	}
	return skipped, s.Sync()
}

// applyChange writes one change unless its thing has a mark; it reports
// whether it wrote it.
func applyChange(txn *badger.Txn, w *index.Writer, ch team.Change, texts map[[2]uint64]*anchor.Text, written map[string]bool) (bool, error) {
	var markAt []byte
	var annoID, memoID uint64
	var err error
	switch {
	case ch.Annotation != nil || ch.AnnotationGone != "":
		uri := ch.AnnotationGone
		if ch.Annotation != nil {
			uri = ch.Annotation.URI
		}
		if annoID, err = lookupID(txn, annoURIKey(uri)); err != nil {
			return false, err
		}
		if annoID != 0 {
			markAt = markKey(markAnnotation, annoID)
		}
	case ch.Memo != nil || ch.MemoGone != "":
		uri := ch.MemoGone
		if ch.Memo != nil {
			uri = ch.Memo.URI
		}
		if memoID, err = lookupID(txn, memoURIKey(uri)); err != nil {
			return false, err
		}
		if memoID != 0 {
			markAt = markKey(markMemo, memoID)
		}
	case ch.Tag != nil:
		markAt = tagMarkKey(ch.Tag.Path)
	case ch.TagGone != "":
		markAt = tagMarkKey(ch.TagGone)
	case ch.Article != 0:
		markAt = markKey(markArticle, uint64(ch.Article))
	}
	// markAt names the thing here, if there is one: a mark on it means it
	// changed here since the last capture.
	if markAt != nil {
		if written[string(markAt)] {
			// A definition this batch made for a use: what the team says
			// of the tag replaces it.
			delete(written, string(markAt))
			if err := txn.Delete(markAt); err != nil {
				return false, err
			}
		} else if _, err := txn.Get(markAt); err == nil {
			return false, nil
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return false, err
		}
	}
	if err := putTeamStates(txn, ch.States); err != nil {
		return false, err
	}
	// An annotation or memo whose article went in this same batch waits
	// for it to come back.
	if a := ch.Annotation; a != nil || ch.Memo != nil && ch.Memo.Kind == app.ArticleMemo {
		article := app.ArticleID(0)
		if a != nil {
			article = a.Article
		} else {
			article = ch.Memo.Article
		}
		if _, err := txn.Get(articleKey(article)); errors.Is(err, badger.ErrKeyNotFound) {
			st := ch.States[0]
			ch = team.Change{States: ch.States, Unplaced: &st}
		} else if err != nil {
			return false, err
		}
	}
	switch {
	case ch.Annotation != nil:
		a := *ch.Annotation
		if annoID != 0 {
			var old app.Annotation
			if err := getJSON(txn, annoKey(app.AnnotationID(annoID)), &old); err != nil {
				return false, err
			}
			a.History = old.History // where it was before, by this store's revision numbers
		}
		if _, err := saveAnnotation(txn, w, a, texts); err != nil {
			return false, err
		}
	case ch.AnnotationGone != "" && annoID != 0:
		var old app.Annotation
		if err := getJSON(txn, annoKey(app.AnnotationID(annoID)), &old); err != nil {
			return false, err
		}
		if err := deleteAnnotation(txn, w, old); err != nil {
			return false, err
		}
	case ch.Memo != nil:
		if ch.Memo.Kind == app.TagMemo {
			if err := ensureTagDefs(txn, []string{ch.Memo.Tag}); err != nil {
				return false, err
			}
		}
		if _, err := saveMemo(txn, w, *ch.Memo); err != nil {
			return false, err
		}
	case ch.MemoGone != "" && memoID != 0:
		var old app.Memo
		if err := getJSON(txn, memoKey(app.MemoID(memoID)), &old); err != nil {
			return false, err
		}
		if err := deleteMemo(txn, w, old); err != nil {
			return false, err
		}
	case ch.Tag != nil:
		if err := ensureTagDefs(txn, app.TagAncestors(ch.Tag.Path)); err != nil {
			return false, err
		}
		if err := setJSON(txn, tagDefKey(ch.Tag.Path), *ch.Tag); err != nil {
			return false, err
		}
	case ch.TagGone != "":
		// A definition goes only when nothing uses it: a use added
		// meanwhile (add wins) keeps the tag.
		used, err := tagInUse(txn, ch.TagGone)
		if err != nil {
			return false, err
		}
		if used {
			// Still used here: the team hears that it is, so that every
			// replica keeps it with the same colour.
			return true, markTagChange(txn, ch.TagGone)
		}
		if err := txn.Delete(tagDefKey(ch.TagGone)); err != nil {
			return false, err
		}
	case ch.Article != 0 && ch.ArticleGone:
		del, err := deleteArticle(txn, w, ch.Article)
		if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
			return false, err
		}
		// What went with it comes back if it does.
		for _, a := range del.Annotations {
			if err := txn.Set(unplacedKey(markAnnotation, a.URI), nil); err != nil {
				return false, err
			}
		}
		for _, m := range del.Memos {
			if err := txn.Set(unplacedKey(markMemo, m.URI), nil); err != nil {
				return false, err
			}
		}
	case ch.Article != 0:
		if ch.ArticleKey != "" {
			if err := txn.Set(teamArtKey(ch.Article, ch.ArticleKey), nil); err != nil {
				return false, err
			}
		}
		if _, err := setArticleTags(txn, ch.Article, func([]string) []string { return slices.Clone(ch.ArticleTags) }); err != nil {
			return false, err
		}
		if ch.ArticleMeta != nil {
			if err := applyMeta(txn, w, ch.Article, ch.ArticleMeta); err != nil {
				return false, err
			}
		}
	}
	if ch.Unplaced != nil {
		if err := txn.Set(unplacedKey(kindBytes[ch.Unplaced.Kind], ch.Unplaced.Key), nil); err != nil {
			return false, err
		}
	}
	if ch.Placed != nil {
		if err := txn.Delete(unplacedKey(kindBytes[ch.Placed.Kind], ch.Placed.Key)); err != nil {
			return false, err
		}
	}
	return true, nil
}

// applyMeta edits an article's latest revision's metadata when change
// makes a difference.
func applyMeta(txn *badger.Txn, w *index.Writer, id app.ArticleID, change func(app.Meta) (app.Meta, error)) error {
	var head app.Article
	if err := getJSON(txn, articleKey(id), &head); err != nil {
		return err
	}
	next, err := change(head.Meta)
	if err != nil {
		return err
	}
	if sameMeta(next, head.Meta) {
		return nil
	}
	_, err = updateMeta(txn, w, id, func(app.Meta) (app.Meta, error) { return next, nil })
	return err
}

func sameMeta(a, b app.Meta) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// lookupID reads the ID a lookup key holds, 0 if none.
func lookupID(txn *badger.Txn, k []byte) (uint64, error) {
	id, err := getUint(txn, k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	return id, err
}

// tagInUse reports whether an article, annotation or tag below uses path.
func tagInUse(txn *badger.Txn, path string) (bool, error) {
	arts, annos, err := tagUsesUpTo(txn, path, 1)
	if err != nil || len(arts)+len(annos) > 0 {
		return err == nil, err
	}
	below, err := tagSubtree(txn, path)
	return len(below) > 1, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TeamTagUses implements team.Store.
func (s *Store) TeamTagUses(root string) (paths []string, arts []app.ArticleID, annos []string, memos []string, err error) {
	err = s.db.View(func(txn *badger.Txn) error {
		var err error
		if paths, err = tagSubtree(txn, root); err != nil {
			return err
		}
		for _, p := range paths {
			as, ns, err := tagUses(txn, p)
			if err != nil {
				return err
			}
			arts = append(arts, as...)
			for _, id := range ns {
				var a app.Annotation
				if err := getJSON(txn, annoKey(id), &a); err != nil {
					return err
				}
				annos = append(annos, a.URI)
			}
		}
		ms, err := tagMemos(txn, root)
		for _, m := range ms {
			memos = append(memos, m.URI)
		}
		return err
	})
	if err != nil {
		err = storeError(err, "reading the uses of tag %s", root)
	}
	return paths, arts, annos, memos, err
}

// TeamHold implements team.Store.
func (s *Store) TeamHold() func() {
	s.idx.HoldMerges()
	release := s.pages.hold()
	return func() {
		s.idx.ReleaseMerges()
		release()
	}
}
