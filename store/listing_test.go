package store

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
)

// listingsOf reads the store's listing records, and what its heads say
// they should be.
func listingsOf(t *testing.T, s *Store) (got, want []app.Listing) {
	t.Helper()
	if err := s.ForEachListing(func(l app.Listing) error {
		got = append(got, l)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.ForEachArticle(func(a app.Article) error {
		want = append(want, app.Listing{ID: a.ID, Title: a.Title, Outlet: a.Outlet, Published: a.Published, Imported: a.Imported})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got, want
}

func sameListings(a, b []app.Listing) bool {
	return slices.EqualFunc(a, b, func(x, y app.Listing) bool {
		return x.ID == y.ID && x.Title == y.Title && x.Outlet == y.Outlet && x.Published.Equal(y.Published) && x.Imported.Equal(y.Imported)
	})
}

// Every write that changes an article's title, outlet or dates changes
// its listing in the same transaction; a delete takes it away.
func TestListingsFollowTheHeads(t *testing.T) {
	s := mustOpen(t)
	check := func(when string) {
		t.Helper()
		got, want := listingsOf(t, s)
		if len(want) == 0 || !sameListings(got, want) {
			t.Errorf("%s: listings %+v, heads say %+v", when, got, want)
		}
	}
	stored, err := s.Ingest([]app.Draft{
		draft("BBC", "https://example.org/a", "Kremlin invites Zelenskiy", "one"),
		draft("Meduza", "https://example.org/b", "Kyiv says the offer is a trap", "two"),
		draft("", "", "Grain deal reopens ports", "three"),
	})
	if err != nil {
		t.Fatal(err)
	}
	check("after an import")

	// A new revision under the same URL, with a new title.
	if _, err := s.Ingest([]app.Draft{draft("BBC", "https://example.org/a", "Kremlin invites Zelenskiy to Moscow", "one, revised")}); err != nil {
		t.Fatal(err)
	}
	check("after a new revision")

	published := time.Date(2026, 3, 20, 9, 0, 0, 0, time.FixedZone("MSK", 3*3600))
	if _, err := s.UpdateMeta([]app.ArticleID{stored[1].ID}, func(m app.Meta) (app.Meta, error) {
		m.Outlet, m.Published = "Meduza (English)", published
		return m, nil
	}); err != nil {
		t.Fatal(err)
	}
	check("after a metadata edit")

	if _, err := s.SetArticleTags(stored[2].ID, []string{"grain"}); err != nil {
		t.Fatal(err)
	}
	check("after tagging")

	if _, err := s.DeleteArticle(stored[0].ID); err != nil {
		t.Fatal(err)
	}
	check("after a delete")
	got, _ := listingsOf(t, s)
	if _, offset := got[0].Published.Zone(); len(got) != 2 || !got[0].Published.Equal(published) || offset != 3*3600 {
		t.Errorf("after the delete: %+v", got)
	}
}

// A store from before listing records (schema 9) gets one for every
// article when it opens, in batches, and the mark that asked for them is
// removed with the last.
func TestSchema9StoreGetsListings(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var drafts []app.Draft
	for i := range 25 {
		drafts = append(drafts, draft("Outlet", "", "Story "+string(rune('A'+i)), "body "+string(rune('a'+i))))
	}
	if _, err := s.Ingest(drafts); err != nil {
		t.Fatal(err)
	}
	// Make it a schema 9 store: no listing records.
	err = s.update(func(txn *badger.Txn) error {
		var keys [][]byte
		if err := scanKeys(txn, []byte{prefixListing}, func(k []byte) error {
			keys = append(keys, slices.Clone(k))
			return nil
		}); err != nil {
			return err
		}
		for _, k := range keys {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		return txn.Set(keySchema, encodeUint(9))
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := listingsOf(t, s); len(got) != 0 {
		t.Fatalf("%d listings left", len(got))
	}
	s.Close()

	s = reopenUpgraded(t, dir)
	got, want := listingsOf(t, s)
	if len(got) != 25 || !sameListings(got, want) {
		t.Errorf("after the upgrade: %d listings, %d articles", len(got), len(want))
	}
	err = s.db.View(func(txn *badger.Txn) error {
		if _, err := txn.Get(keyListingBackfill); err != badger.ErrKeyNotFound {
			t.Errorf("the backfill mark is still there: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDecodeListingRefusesDamage(t *testing.T) {
	good, err := encodeListing(app.Article{ID: 7, Meta: app.Meta{Title: "Kremlin", Outlet: "BBC", Imported: time.Unix(1, 0)}})
	if err != nil {
		t.Fatal(err)
	}
	var l app.Listing
	if err := decodeListing(good, &l); err != nil || l.Title != "Kremlin" || l.Outlet != "BBC" || !l.Imported.Equal(time.Unix(1, 0)) {
		t.Fatalf("round trip: %+v, %v", l, err)
	}
	for _, bad := range [][]byte{nil, {0x02}, good[:len(good)-1], good[:3], append([]byte{0x03, 0xff}, good[2:]...)} {
		if err := decodeListing(bad, &l); err == nil {
			t.Errorf("%x decoded", bad)
		}
	}
}

// A caller's error stops the listing and comes back as it is; a damaged
// record is the store's error and names the article.
func TestForEachListingStopsAndReportsDamage(t *testing.T) {
	s := mustOpen(t)
	if _, err := s.Ingest([]app.Draft{draft("BBC", "", "One", "one"), draft("BBC", "", "Two", "two")}); err != nil {
		t.Fatal(err)
	}
	errStop := errors.New("enough")
	n := 0
	if err := s.ForEachListing(func(app.Listing) error { n++; return errStop }); err != errStop || n != 1 {
		t.Errorf("stopping: %v after %d", err, n)
	}
	if err := s.ForEachArticle(func(app.Article) error { n++; return errStop }); err != errStop || n != 2 {
		t.Errorf("stopping ForEachArticle: %v after %d", err, n)
	}
	if err := s.update(func(txn *badger.Txn) error { return txn.Set(listingKey(2), []byte{listingRecord, 0xff}) }); err != nil {
		t.Fatal(err)
	}
	err := s.ForEachListing(func(app.Listing) error { return nil })
	if app.ErrorCode(err) != app.EINTERNAL || !strings.Contains(err.Error(), "article 2") {
		t.Errorf("a damaged listing: %v", err)
	}
}

// reopenUpgraded opens the store in dir, left at an older schema, with
// Open's backfills in batches of 10 (three for 25 articles), and checks
// it reaches the current schema.
func reopenUpgraded(t *testing.T, dir string) *Store {
	t.Helper()
	saved := listingBatch
	listingBatch = 10
	defer func() { listingBatch = saved }()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if v, _ := s.SchemaVersion(); v != currentSchema() {
		t.Errorf("schema %d, want %d", v, currentSchema())
	}
	return s
}
