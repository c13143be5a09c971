package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
)

// checkSignatures holds every stored signature and sketch to those
// computed from scratch from the article's latest revision, and checks
// no article without content words, or deleted, keeps either.
func checkSignatures(t *testing.T, s *Store) {
	t.Helper()
	want, wantSketch := map[uint64][]byte{}, map[uint64][]byte{}
	err := s.ForEachArticle(func(a app.Article) error {
		rev, err := s.FindRevision(a.ID, 0)
		if err != nil {
			return err
		}
		if sig, stems, ok := compare.Sign(rev.Title, rev.Body); ok {
			want[uint64(a.ID)] = signatureRecord(&sig, stems)
			wantSketch[uint64(a.ID)] = sketchRecord(sig.Sketch())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, w := range map[string]struct {
		prefix byte
		want   map[uint64][]byte
	}{"signatures": {prefixSig, want}, "sketches": {prefixSketch, wantSketch}} {
		got := valuesUnder(t, s, w.prefix)
		if len(got) != len(w.want) {
			t.Errorf("%d %s stored, %d articles have content words", len(got), name, len(w.want))
		}
		for id, v := range w.want {
			if !bytes.Equal(got[id], v) {
				t.Errorf("article %d: its stored %s differ from its latest revision's", id, name)
			}
		}
	}
}

// valuesUnder is every value of the keys prefix id(8), by id.
func valuesUnder(t *testing.T, s *Store, prefix byte) map[uint64][]byte {
	t.Helper()
	got := map[uint64][]byte{}
	err := s.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, []byte{prefix}, func(k []byte) error {
			item, err := txn.Get(k)
			if err != nil {
				return err
			}
			got[decodeUint(k[1:])], err = item.ValueCopy(nil)
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// sketchRecord is a sketch as the index stores it: its words,
// little-endian.
func sketchRecord(sk compare.Sketch) []byte {
	var b []byte
	for _, w := range sk {
		b = binary.LittleEndian.AppendUint64(b, w)
	}
	return b
}

// signatureRecord is a signature as the index stores it: the MinHash
// values as big-endian uint32s, then the sorted stems as uvarint deltas.
func signatureRecord(sig *compare.Signature, stems []uint32) []byte {
	var b []byte
	for _, v := range sig {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	prev := uint32(0)
	for _, h := range stems {
		b = binary.AppendUvarint(b, uint64(h-prev))
		prev = h
	}
	return b
}

func similarIDs(t *testing.T, s *Store, id app.ArticleID) []uint64 {
	t.Helper()
	ns, err := s.SimilarArticles(id, 10)
	if err != nil {
		t.Fatal(err)
	}
	var out []uint64
	for _, n := range ns {
		out = append(out, n.ID)
	}
	return out
}

func TestSimilarFollowsImportsRevisionsAndDeletes(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	talks := "The Kremlin invited Ukraine's president to Moscow for peace talks on Tuesday, and Kyiv called the offer a trap."
	_, err = s.Ingest([]app.Draft{
		draft("Moscow Daily", "https://a.example/1", "Kremlin invites Zelenskiy", talks),
		draft("Kyiv Post", "https://b.example/1", "Kyiv rejects Moscow talks", talks+" Officials in Kyiv said no meeting was planned."),
		draft("Sport", "https://c.example/1", "Cup final tonight", "The cup final kicks off tonight with both teams at full strength."),
		draft("Blank", "https://d.example/1", "…", "— ! ?"),
	})
	if err != nil {
		t.Fatal(err)
	}
	checkSignatures(t, s)
	if got := similarIDs(t, s, 1); len(got) == 0 || got[0] != 2 {
		t.Errorf("similar to 1 = %v, want 2 first", got)
	}
	// The first query loaded the table: later changes must reach it.
	if _, err := s.Ingest([]app.Draft{draft("Kyiv Post", "https://b.example/1", "Kyiv rejects Moscow talks", "The cup final kicks off tonight with both teams at full strength, Kyiv's fans say.")}); err != nil {
		t.Fatal(err)
	}
	if got := similarIDs(t, s, 3); len(got) == 0 || got[0] != 2 {
		t.Errorf("after a new revision, similar to 3 = %v, want 2 first", got)
	}
	if _, err := s.DeleteArticle(2); err != nil {
		t.Fatal(err)
	}
	for _, id := range []app.ArticleID{1, 3} {
		if got := similarIDs(t, s, id); slices.Contains(got, 2) {
			t.Errorf("deleted article 2 still similar to %d: %v", id, got)
		}
	}
	if got := similarIDs(t, s, 4); got != nil {
		t.Errorf("an article without content words has neighbours %v", got)
	}
	if _, err := s.SimilarArticles(99, 5); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("similar to a missing article: %v", err)
	}
	checkSignatures(t, s)
	before := similarIDs(t, s, 3)
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkSignatures(t, s)
	if got := similarIDs(t, s, 3); !slices.Equal(got, before) {
		t.Errorf("after reopening, similar to 3 = %v, before %v", got, before)
	}
}

// TestMigrationBuildsSignatures opens a store from before similarity
// signatures (schema 3): Open must sign every article.
func TestMigrationBuildsSignatures(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest([]app.Draft{draft("BBC", "", "Peace talks", "Kremlin and Kyiv agree to talk")}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.DropPrefix([]byte{prefixSig}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(keySchema, encodeUint(3)) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(); v != currentSchema() {
		t.Errorf("schema %d after Open", v)
	}
	checkSignatures(t, s)
}

// A schema 10 store has signatures but no sketches: Open writes them in
// batches, and similar answers as before.
func TestSchema10StoreGetsSketches(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("talks peace Kremlin Kyiv Moscow offer trap meeting officials planned ceasefire border troops grain exports harbour")
	var drafts []app.Draft
	for i := range 25 {
		var body []string
		for k := range 8 {
			body = append(body, words[(i*3+k*k)%len(words)])
		}
		drafts = append(drafts, draft("Outlet", "", fmt.Sprintf("Story %d", i), strings.Join(body, " ")))
	}
	if _, err := s.Ingest(drafts); err != nil {
		t.Fatal(err)
	}
	before := similarIDs(t, s, 5)
	if err := s.db.DropPrefix([]byte{prefixSketch}); err != nil {
		t.Fatal(err)
	}
	if err := s.update(func(txn *badger.Txn) error { return txn.Set(keySchema, encodeUint(10)) }); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = reopenUpgraded(t, dir)
	checkSignatures(t, s)
	if got := similarIDs(t, s, 5); len(before) == 0 || !slices.Equal(got, before) {
		t.Errorf("after the upgrade, similar to 5 = %v, before %v", got, before)
	}
	if marked, err := s.marked(keySketchBackfill); marked || err != nil {
		t.Errorf("the backfill mark is still there (%v)", err)
	}
}
