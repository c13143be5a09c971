package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
)

// mustOpen opens a store in a fresh temp dir, closed at the end of the test.
func mustOpen(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func draft(outlet, url, title, body string, tags ...string) app.Draft {
	body = app.JoinParagraphs([]string{body})
	return app.Draft{
		Meta: app.Meta{Title: title, Outlet: outlet, URL: url, Imported: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC),
			Hash: app.ContentHash(title, body), Words: app.CountWords(body), Paragraphs: 1},
		Body: body, Tags: tags,
	}
}

func revises(id app.ArticleID, d app.Draft) app.Draft {
	d.Revises = id
	return d
}

func TestIngestRules(t *testing.T) {
	s := mustOpen(t)
	steps := []struct {
		name    string
		d       app.Draft
		outcome app.Outcome
		id      app.ArticleID
		rev     int
	}{
		{"first text", draft("BBC", "", "Dam deal", "The council signed."), app.Imported, 1, 1},
		{"same text again", draft("BBC", "", "Dam deal", "The council signed."), app.Duplicate, 1, 1},
		{"same words, other breaks", draft("BBC", "", "Dam  deal", "The council\n\nsigned."), app.Duplicate, 1, 1},
		{"edited text, same outlet and title", draft("BBC", "", "dam DEAL", "The council signed on Monday."), app.NewRevision, 1, 2},
		{"same text, other outlet", draft("Ledger", "", "Dam deal", "The council signed."), app.Duplicate, 1, 1},
		{"same title, other outlet", draft("Ledger", "", "Dam deal", "Councillors signed."), app.Imported, 2, 1},
		{"with a URL", draft("Ledger", "https://www.ledger.example/dam/?utm_source=x", "Dam vote", "Vote."), app.Imported, 3, 1},
		{"same URL, new title", draft("Ledger", "http://ledger.example/dam", "Dam vote passes", "Vote passed."), app.NewRevision, 3, 2},
		{"old title of a URL article", draft("Ledger", "", "Dam vote", "Vote passed, 7 to 2."), app.NewRevision, 3, 3},
		{"names the article it revises", revises(2, draft("Wire", "https://wire.example/x", "Unrelated", "Councillors signed on Tuesday.")), app.NewRevision, 2, 2},
		{"names an article not stored", revises(99, draft("Wire", "", "Orphan", "Nothing.")), app.Failed, 0, 0},
		{"no outlet", draft("", "", "Dam deal", "Pasted."), app.Imported, 4, 1},
	}
	for _, st := range steps {
		got, err := s.Ingest([]app.Draft{st.d})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if g := got[0]; g.Outcome != st.outcome || g.ID != st.id || g.Revision != st.rev {
			t.Errorf("%s: got %v %d.%d, want %v %d.%d", st.name, g.Outcome, g.ID, g.Revision, st.outcome, st.id, st.rev)
		}
		if st.outcome == app.Failed && app.ErrorCode(got[0].Err) != app.ENOTFOUND {
			t.Errorf("%s: error %v, want ENOTFOUND", st.name, got[0].Err)
		}
	}
	// Older revisions are kept as they were.
	r1, err := s.FindRevision(3, 1)
	if err != nil || r1.Title != "Dam vote" || r1.Body != "Vote." {
		t.Errorf("revision 3.1 = %+v, %v", r1, err)
	}
	latest, err := s.FindRevision(3, 0)
	if err != nil || latest.Number != 3 || latest.Body != "Vote passed, 7 to 2." {
		t.Errorf("latest of 3 = %+v, %v", latest, err)
	}
	a, _ := s.FindArticleByID(3)
	if a.Revisions != 3 || a.Title != "Dam vote" {
		t.Errorf("head of 3 = %+v", a)
	}
	st, err := s.Stats()
	if err != nil || st.Articles != 4 || st.Revisions != 8 || st.Outlets["Ledger"] != 1 || st.Outlets["Wire"] != 1 {
		t.Errorf("stats = %+v, %v", st, err)
	}
}

func TestIngestBatchSeesItsOwnWrites(t *testing.T) {
	s := mustOpen(t)
	got, err := s.Ingest([]app.Draft{
		draft("BBC", "", "A", "one"),
		draft("BBC", "", "A", "one"),
		draft("BBC", "", "A", "two"),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []app.Outcome{app.Imported, app.Duplicate, app.NewRevision}
	for i, g := range got {
		if g.Outcome != want[i] || g.ID != 1 {
			t.Errorf("draft %d: %v %d, want %v 1", i, g.Outcome, g.ID, want[i])
		}
	}
}

func TestTagsMergeOnDuplicate(t *testing.T) {
	s := mustOpen(t)
	if _, err := s.Ingest([]app.Draft{draft("BBC", "", "A", "one", "sport")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest([]app.Draft{draft("BBC", "", "A", "one", "uk", "sport")}); err != nil {
		t.Fatal(err)
	}
	a, _ := s.FindArticleByID(1)
	if len(a.Tags) != 2 || a.Tags[0] != "sport" || a.Tags[1] != "uk" {
		t.Errorf("tags = %v, want [sport uk]", a.Tags)
	}
}

func TestNotFound(t *testing.T) {
	s := mustOpen(t)
	if _, err := s.FindArticleByID(42); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("missing article: %v", err)
	}
	s.Ingest([]app.Draft{draft("BBC", "", "A", "one")})
	if _, err := s.FindRevision(1, 2); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("missing revision: %v", err)
	}
}

func TestSecondOpenIsLocked(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = Open(dir)
	if app.ErrorCode(err) != app.ELOCKED {
		t.Fatalf("second open: %v, want ELOCKED", err)
	}
	if want := "store " + dir + " is in use by another Parallax process"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

func TestSchemaVersions(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.SchemaVersion(); v != currentSchema() {
		t.Errorf("new store has schema %d, want %d", v, currentSchema())
	}
	s.Ingest([]app.Draft{draft("BBC", "", "A", "one")})

	// A step added later runs once, atomically with its version stamp.
	ran := 0
	saved := migrations
	migrations = append(migrations, func(txn *badger.Txn) error {
		ran++
		return txn.Set(append([]byte{prefixSystem}, "migrated"...), []byte("yes"))
	})
	defer func() { migrations = saved }()
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.SchemaVersion(); v != len(saved)+2 || ran != 1 {
		t.Errorf("after upgrade: schema %d, migration ran %d times", v, ran)
	}
	if _, err := s.FindArticleByID(1); err != nil {
		t.Errorf("article lost in migration: %v", err)
	}
	s.Close()

	// This build no longer knows the newest schema: it must refuse, not misread.
	migrations = saved
	_, err = Open(dir)
	if app.ErrorCode(err) != app.ESCHEMA {
		t.Errorf("opening a newer store: %v, want ESCHEMA", err)
	}
}

// A version 1 store (tags on articles, no tag definitions) gains a
// definition for every tag in use, and its parents, on opening.
func TestMigrationDefinesUsedTags(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := draft("BBC", "", "A", "one")
	d.Tags = []string{"actor/russia", "topic"}
	if _, err := s.Ingest([]app.Draft{d}); err != nil {
		t.Fatal(err)
	}
	// Make it look like a store written by schema 1.
	err = s.db.Update(func(txn *badger.Txn) error {
		for _, p := range []string{"actor", "actor/russia", "topic"} {
			if err := txn.Delete(tagDefKey(p)); err != nil {
				return err
			}
		}
		return txn.Set(keySchema, encodeUint(1))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(); v != currentSchema() {
		t.Errorf("schema %d after upgrade, want %d", v, currentSchema())
	}
	tags, err := s.Tags()
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, ti := range tags {
		paths = append(paths, fmt.Sprintf("%s:%d", ti.Path, ti.Articles))
	}
	if got := strings.Join(paths, " "); got != "actor:0 actor/russia:1 topic:1" {
		t.Errorf("tags after migration: %s", got)
	}
}

// dump lists every key and value in the store.
func dump(t *testing.T, s *Store) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			m[string(it.Item().KeyCopy(nil))] = string(v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBackupRestoreIdentical(t *testing.T) {
	src := mustOpen(t)
	src.Ingest([]app.Draft{draft("BBC", "", "A", "one", "x"), draft("BBC", "", "A", "two"), draft("Ledger", "https://l.example/b", "B", "three")})
	file := filepath.Join(t.TempDir(), "backup.parallax")
	if err := src.BackupFile(file); err != nil {
		t.Fatal(err)
	}
	dst := mustOpen(t)
	if err := dst.RestoreFile(file); err != nil {
		t.Fatal(err)
	}
	want, got := dump(t, src), dump(t, dst)
	if len(got) != len(want) {
		t.Fatalf("restored %d keys, want %d", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("key %x differs after restore", k)
		}
	}
	// The restored store goes on numbering where the original stopped.
	res, _ := dst.Ingest([]app.Draft{draft("BBC", "", "C", "four")})
	if res[0].ID != 3 {
		t.Errorf("next ID after restore = %d, want 3", res[0].ID)
	}

	// Refusals: into a non-empty store, and a file that is no backup.
	if err := dst.RestoreFile(file); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("restore into a non-empty store: %v", err)
	}
	junk := filepath.Join(t.TempDir(), "junk")
	os.WriteFile(junk, []byte("hello"), 0o600)
	if err := mustOpen(t).RestoreFile(junk); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("restore of junk: %v", err)
	}
	var buf bytes.Buffer
	buf.WriteString(backupMagic + "99\n")
	if err := mustOpen(t).Restore(&buf); app.ErrorCode(err) != app.ESCHEMA {
		t.Errorf("restore of a newer backup: %v", err)
	}
}

func TestErrorsKeepCause(t *testing.T) {
	_, err := Open("/proc/parallax-cannot-be-here")
	if err == nil || app.ErrorCode(err) != app.EINTERNAL {
		t.Fatalf("Open in /proc: %v", err)
	}
	var e *app.Error
	if !errors.As(err, &e) {
		t.Errorf("not an *app.Error: %T", err)
	}
}

// A draft from a caller that did not hash or count (the importer does
// both) is stored with its hash and word count filled in.
func TestIngestFillsHashAndWordCount(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d := app.Draft{Meta: app.Meta{Title: "Bare draft", Outlet: "API"}, Body: "Five words in this text."}
	st, err := s.Ingest([]app.Draft{d})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.FindRevision(st[0].ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if r.Words != 5 || r.Hash != app.ContentHash(d.Title, d.Body) {
		t.Errorf("stored words %d, hash %q", r.Words, r.Hash)
	}
}

func TestSmallCachesOption(t *testing.T) {
	s, err := Open(t.TempDir(), SmallCaches())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if o := s.db.Opts(); o.BlockCacheSize != 4<<20 || o.IndexCacheSize != 2<<20 || o.ValueThreshold != 1<<10 {
		t.Errorf("block cache %d, index cache %d, value threshold %d", o.BlockCacheSize, o.IndexCacheSize, o.ValueThreshold)
	}
	if _, err := s.Ingest([]app.Draft{draft("O", "", "Small", "Caches still store and find.")}); err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(t, s, "caches"); len(got) != 1 {
		t.Errorf("hits %v", got)
	}
}

// SetArticleTags replaces the tag set at once: the tag index follows,
// and normalisation applies.
func TestSetArticleTags(t *testing.T) {
	s := mustOpen(t)
	if _, err := s.Ingest([]app.Draft{draft("BBC", "", "A", "one", "sport", "uk")}); err != nil {
		t.Fatal(err)
	}
	a, err := s.SetArticleTags(1, []string{" region / uk ", "sport", "sport"})
	if err != nil || !slices.Equal(a.Tags, []string{"region/uk", "sport"}) {
		t.Fatalf("SetArticleTags = %v, %v", a.Tags, err)
	}
	for tag, want := range map[string]int{"uk": 0, "sport": 1, "region/uk": 1} {
		if use, err := s.TagUsage(tag); err != nil || use.Articles != want {
			t.Errorf("%s: %d uses (%v), want %d", tag, use.Articles, err, want)
		}
	}
	if _, err := s.SetArticleTags(1, []string{"bad//tag"}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("an invalid tag: %v", err)
	}
	if _, err := s.SetArticleTags(99, nil); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("no such article: %v", err)
	}
}

// Badger refuses keys over 65,000 bytes; a feed's title or a URL can be
// longer. Such articles are stored, matched and told apart like others.
func TestLongLookupKeys(t *testing.T) {
	s := mustOpen(t)
	long := strings.Repeat("a", 70_000)
	url := "https://example.com/" + long
	steps := []struct {
		name    string
		d       app.Draft
		outcome app.Outcome
		id      app.ArticleID
	}{
		{"long URL", draft("BBC", url+"1", "Short title", "First text."), app.Imported, 1},
		{"same long URL, new text", draft("BBC", url+"1", "Short title", "First text, revised."), app.NewRevision, 1},
		{"long URL with the same start", draft("BBC", url+"2", "Short title two", "Other text."), app.Imported, 2},
		{"long title", draft("Feed", "", long, "Third text."), app.Imported, 3},
		{"same long title, new text", draft("Feed", "", long, "Third text, revised."), app.NewRevision, 3},
		{"long title, other ending", draft("Feed", "", long+"b", "Fourth text."), app.Imported, 4},
	}
	for _, st := range steps {
		got, err := s.Ingest([]app.Draft{st.d})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got[0].Outcome != st.outcome || got[0].ID != st.id {
			t.Errorf("%s: %v article %d, want %v article %d", st.name, got[0].Outcome, got[0].ID, st.outcome, st.id)
		}
	}
	if id, err := s.FindArticleByURL(url + "2"); err != nil || id != 2 {
		t.Errorf("FindArticleByURL: %d %v", id, err)
	}
}

// A store of schema 5 keeps long lookup keys whole; opening it rewrites
// them so the lookups find them.
func TestMigrationBoundsLookupKeys(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	url := "https://example.com/" + strings.Repeat("x", 2000)
	if _, err := s.Ingest([]app.Draft{draft("BBC", url, "Title", "Text.")}); err != nil {
		t.Fatal(err)
	}
	old := append([]byte{prefixURL}, app.URLKey(url)...)
	err = s.db.Update(func(txn *badger.Txn) error {
		if err := txn.Delete(urlKey(app.URLKey(url))); err != nil {
			return err
		}
		if err := txn.Set(old, encodeUint(1)); err != nil {
			return err
		}
		return txn.Set(keySchema, encodeUint(5))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if id, err := s.FindArticleByURL(url); err != nil || id != 1 {
		t.Errorf("after the migration FindArticleByURL gives %d %v", id, err)
	}
	if _, ok := dump(t, s)[string(old)]; ok {
		t.Error("the whole-text key is still there")
	}
}

// A draft too large for any transaction fails alone; the drafts around
// it in the same call are stored.
func TestIngestTooLargeDraftFailsAlone(t *testing.T) {
	s := mustOpen(t)
	huge := draft("BBC", "", "Tagged to excess", "Too many tags.")
	for i := range 30_000 {
		huge.Tags = append(huge.Tags, fmt.Sprintf("t/%05d", i))
	}
	got, err := s.Ingest([]app.Draft{draft("BBC", "", "Before", "First."), huge, draft("BBC", "", "After", "Last.")})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Outcome != app.Imported || got[2].Outcome != app.Imported {
		t.Fatalf("stored %+v", got)
	}
	if got[1].Err == nil || app.ErrorCode(got[1].Err) != app.EINVALID || !strings.Contains(got[1].Err.Error(), `"Tagged to excess" is too large to store`) {
		t.Errorf("the huge draft: %+v", got[1])
	}
	if st, _ := s.Stats(); st.Articles != 2 {
		t.Errorf("%d articles stored, want 2", st.Articles)
	}
	if a, err := s.FindArticleByID(got[2].ID); err != nil || a.Title != "After" {
		t.Errorf("the draft after it: %+v %v", a, err)
	}
}

// A process killed right after Badger created a memtable or value-log
// file leaves it empty, and Badger would then refuse to open the store
// (dgraph-io/badger#2207). Open clears such files; nothing is lost.
func TestOpenAfterAKillLeftEmptyLogs(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest([]app.Draft{draft("BBC", "", "Dam deal", "The council signed.")}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, name := range []string{"00009.mem", "000009.vlog"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if s, err = Open(dir); err != nil {
		t.Fatalf("open after empty logs: %v", err)
	}
	defer s.Close()
	if a, err := s.FindArticleByID(1); err != nil || a.Title != "Dam deal" {
		t.Errorf("after reopening: %+v, %v", a, err)
	}
}
