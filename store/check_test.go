package store

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/internal/testenv"
)

// Bytes flipped in the middle of a value log, as a failing disk would:
// every read of a damaged revision is an error that names it, every
// other revision reads as stored, and Check lists exactly the damaged.
func TestDamagedValueLogIsReportedNotRead(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var drafts []app.Draft
	for i := range 200 {
		body := fmt.Sprintf("Story %d. ", i) + testenv.Prose(i, 1500) // compressed, still over the value log's 1 KiB threshold
		drafts = append(drafts, draft("BBC", "", fmt.Sprintf("Story %d", i), body))
	}
	if _, err := s.Ingest(drafts); err != nil {
		t.Fatal(err)
	}
	// Close seals the log written above (sealValueLog): were it still the
	// newest file, Badger's Open would cut it at the damage, taking it for
	// a torn write, and every later article would be lost with it.
	s.Close()
	vlog := filepath.Join(dir, "000001.vlog")
	data, err := os.ReadFile(vlog)
	if err != nil {
		t.Fatal(err)
	}
	// Aim at one story's text: the order of records in the log varies, and
	// a hit on the search index would be rebuilt rather than reported. The
	// text is a zstd frame after the revision's metadata, which names it.
	meta := bytes.Index(data, []byte(`"title":"Story 100"`))
	frame := bytes.Index(data[max(meta, 0):], []byte{0x28, 0xb5, 0x2f, 0xfd})
	if meta < 0 || frame < 0 {
		t.Fatal("story 100's text is not in the value log")
	}
	at := meta + frame + 8
	for i := range 64 {
		data[at+i] ^= 0x20
	}
	if err := os.WriteFile(vlog, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	damaged := map[string]bool{}
	for i := range drafts {
		id := app.ArticleID(i + 1)
		r, err := s.FindRevision(id, 1)
		switch {
		case err == nil && r.Body != drafts[i].Body:
			t.Fatalf("article %d: changed text read without an error", id)
		case err != nil && (app.ErrorCode(err) != app.EDAMAGED || !strings.Contains(err.Error(), fmt.Sprintf("article %d revision 1 is damaged", id))):
			t.Fatalf("article %d: %v", id, err)
		case err != nil:
			damaged[fmt.Sprintf("article %d revision 1 (Story %d)", id, i)] = true
		}
	}
	if len(damaged) == 0 || len(damaged) > 3 {
		t.Fatalf("%d revisions damaged by 64 bytes", len(damaged))
	}
	rep, err := s.Check(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Articles != 200 || rep.Revisions != 200 || len(rep.Damage) != len(damaged) {
		t.Fatalf("check: %+v, want the %d damaged", rep, len(damaged))
	}
	for _, d := range rep.Damage {
		if !damaged[d.What] || d.Derived {
			t.Errorf("check lists %+v", d)
		}
	}
}

// A record whose text was changed under its hash (a flipped bit that
// still decodes) is damage too.
func TestChangedTextFailsItsHash(t *testing.T) {
	s := mustOpen(t)
	if _, err := s.Ingest([]app.Draft{draft("BBC", "", "Dam deal", "The council signed the deal.")}); err != nil {
		t.Fatal(err)
	}
	err := s.db.Update(func(txn *badger.Txn) error {
		var r app.Revision
		if err := getRevision(txn, 1, 1, &r); err != nil {
			return err
		}
		r.Body = "The council rejected the deal."
		v, err := encodeRevision(r)
		if err != nil {
			return err
		}
		return txn.Set(revisionKey(1, 1), v)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindRevision(1, 0); app.ErrorCode(err) != app.EDAMAGED || !strings.Contains(err.Error(), "no longer matches its SHA-256") {
		t.Errorf("FindRevision: %v", err)
	}
	if rep, _ := s.Check(context.Background(), nil); len(rep.Damage) != 1 || rep.Damage[0].What != "article 1 revision 1 (Dam deal)" {
		t.Errorf("check: %+v", rep.Damage)
	}
}
