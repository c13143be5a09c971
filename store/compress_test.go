package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/internal/testenv"
)

// Every BBC article reads back from the compressed store exactly as it
// was given, and the store holds nearly all texts compressed, with their
// metadata in under two thirds of the texts' size.
func TestBBCReadsBackByteIdentical(t *testing.T) {
	files := testenv.BBC(t)
	s := mustOpen(t)
	var drafts []app.Draft
	textBytes := 0
	for _, f := range files {
		title, rest, _ := strings.Cut(f.Text, "\n")
		body, _ := app.BodyFromPlainText(rest)
		drafts = append(drafts, draft("BBC "+filepath.Base(filepath.Dir(f.Path)), "", strings.TrimSpace(title), body))
		textBytes += len(body)
	}
	stored, err := s.Ingest(drafts)
	if err != nil {
		t.Fatal(err)
	}
	want := map[[2]int]string{} // article, revision → body
	for i, st := range stored {
		if st.Err != nil {
			t.Fatalf("%s: %v", files[i].Path, st.Err)
		}
		if st.Outcome != app.Duplicate {
			want[[2]int{int(st.ID), st.Revision}] = drafts[i].Body
		}
	}
	compressed, storedBytes := 0, 0
	err = s.db.View(func(txn *badger.Txn) error {
		return scanValues(txn, []byte{prefixRevision}, func(v []byte) error {
			storedBytes += len(v)
			if v[0] == revisionZstd {
				compressed++
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for key, body := range want {
		rev, err := s.FindRevision(app.ArticleID(key[0]), key[1])
		if err != nil {
			t.Fatalf("article %d revision %d: %v", key[0], key[1], err)
		}
		if rev.Body != body || rev.Hash != app.ContentHash(rev.Title, body) {
			t.Fatalf("article %d revision %d reads back changed", key[0], key[1])
		}
	}
	t.Logf("%d revisions, %d compressed; %d bytes of text stored in %d", len(want), compressed, textBytes, storedBytes)
	if compressed < len(want)*95/100 || storedBytes*3 > textBytes*2 {
		t.Errorf("%d of %d revisions compressed, %d bytes of text in %d: want nearly all, in under two thirds", compressed, len(want), textBytes, storedBytes)
	}
}

// A store written before schema 8 holds revisions uncompressed: they
// read as they were after the upgrade, and new ones are compressed.
func TestUncompressedRevisionsMigrate(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("The council signed the dam deal on Monday. ", 40)
	if _, err := s.Ingest([]app.Draft{draft("Wire", "https://example.org/1", "Story", body)}); err != nil {
		t.Fatal(err)
	}
	want, err := s.FindRevision(1, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Rewrite it as schema 7 stored it, and mark the store schema 7.
	err = s.db.Update(func(txn *badger.Txn) error {
		plain := want
		plain.Body = ""
		meta, _ := json.Marshal(plain)
		old := append(binary.AppendUvarint([]byte{revisionBinary}, uint64(len(meta))), meta...)
		if err := txn.Set(revisionKey(1, 1), append(old, want.Body...)); err != nil {
			return err
		}
		return txn.Set(keySchema, encodeUint(7))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(); v != currentSchema() || v < 8 {
		t.Errorf("schema %d after the upgrade", v)
	}
	got, err := s.FindRevision(1, 1)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("the schema 7 revision after the upgrade: %v\n got %#v\nwant %#v", err, got, want)
	}
	if _, err := s.Ingest([]app.Draft{draft("Wire", "https://example.org/1", "Story", body+" Updated.")}); err != nil {
		t.Fatal(err)
	}
	err = s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(revisionKey(1, 2))
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			if v[0] != revisionZstd {
				t.Errorf("a new revision is stored as %#x, not compressed", v[0])
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Reclaim gives back the value log's space of deleted records: without
// flattening first, Badger has counted none of it and rewrites nothing.
func TestReclaimShrinksTheValueLog(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, func(o *badger.Options) { *o = o.WithValueLogFileSize(1 << 20) })
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var drafts []app.Draft
	for i := range 600 {
		drafts = append(drafts, draft("Wire", "", fmt.Sprintf("Story %d", i), fmt.Sprintf("Story %d. ", i)+testenv.Prose(i, 1500)))
	}
	if _, err := s.Ingest(drafts); err != nil {
		t.Fatal(err)
	}
	deleted := 0 // bytes of the revisions deleted
	for id := app.ArticleID(1); id <= 540; id++ {
		err := s.db.View(func(txn *badger.Txn) error {
			item, err := txn.Get(revisionKey(id, 1))
			if err == nil {
				deleted += int(item.ValueSize())
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DeleteArticle(id); err != nil {
			t.Fatal(err)
		}
	}
	before := vlogBytes(t, dir)
	indexDB{s}.Reclaim()
	after := vlogBytes(t, dir)
	t.Logf("value log: %d bytes before, %d after; %d bytes of revisions deleted", before, after, deleted)
	if int(before-after) < deleted*3/4 {
		t.Errorf("reclaiming freed %d bytes of the value log; %d bytes of revisions were deleted", before-after, deleted)
	}
	for id := app.ArticleID(541); id <= 600; id++ {
		if r, err := s.FindRevision(id, 1); err != nil || r.Body != drafts[id-1].Body {
			t.Fatalf("article %d after reclaiming: %v", id, err)
		}
	}
}

func vlogBytes(t *testing.T, dir string) int64 {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(dir, "*.vlog"))
	var n int64
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		n += fi.Size()
	}
	return n
}
