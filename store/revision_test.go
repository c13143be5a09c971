package store

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
)

// incompressible is text zstd cannot shrink: pseudo-random letters.
var incompressible = func() string {
	var sb strings.Builder
	x := uint32(2463534242)
	for range 4000 {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		sb.WriteByte(byte(33 + x%94))
	}
	return sb.String()
}()

func TestRevisionEncoding(t *testing.T) {
	meta := app.Meta{Title: `Kremlin "invites" Zelenskiy`, Outlet: "TASS", URL: "https://tass.example/1",
		Published: time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC), Hash: "ab12", Words: 5, Paragraphs: 2}
	for _, body := range []string{
		"",
		"Plain text.",
		"Quotes \" and backslashes \\ and <html> & \u2028 separators.\n\nSecond paragraph: Зеленский, café, 東京.",
		strings.Repeat("long paragraph ", 5000),
		incompressible,
	} {
		rev := app.Revision{Number: 3, Meta: meta, Body: body}
		b, err := encodeRevision(rev)
		if err != nil {
			t.Fatal(err)
		}
		// Text that shrinks is stored compressed; the rest as it is.
		switch compressed := b[0] == revisionZstd; {
		case compressed && len(b) >= len(body):
			t.Errorf("%.20q: compressed, but %d bytes for a %d-byte body", body, len(b), len(body))
		case !compressed && !strings.HasSuffix(string(b), body):
			t.Errorf("%.20q: the body is not stored as it is", body)
		case compressed != (body == strings.Repeat("long paragraph ", 5000)):
			t.Errorf("%.20q: compressed %v", body, compressed)
		}
		var got app.Revision
		if err := decodeRevision(b, &got); err != nil {
			t.Fatalf("%.20q: %v", body, err)
		}
		if !reflect.DeepEqual(got, rev) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, rev)
		}
		// Revisions written before schema 5 are JSON objects.
		legacy, _ := json.Marshal(rev)
		got = app.Revision{}
		if err := decodeRevision(legacy, &got); err != nil || !reflect.DeepEqual(got, rev) {
			t.Errorf("legacy JSON: %v\n got %+v\nwant %+v", err, got, rev)
		}
	}
	good, _ := encodeRevision(app.Revision{Number: 1, Meta: meta, Body: "text"})
	long, _ := encodeRevision(app.Revision{Number: 1, Meta: meta, Body: strings.Repeat("compressible ", 100)})
	if long[0] != revisionZstd {
		t.Fatal("a repetitive body is not compressed")
	}
	for name, b := range map[string][]byte{
		"cut length":    good[:1],
		"length beyond": append([]byte{revisionBinary, 0xff, 0x01}, good[3:]...),
		"bad metadata":  append([]byte{revisionBinary, 2}, "{x"...),
		"bad JSON":      []byte(`{"revision":`),
		"bad frame":     append(long[:len(long)-20:len(long)-20], "not a zstd frame's end"...),
	} {
		var rev app.Revision
		if err := decodeRevision(b, &rev); err == nil {
			t.Errorf("%s: decoded without an error", name)
		}
	}
}

// A store written before schema 5 keeps its JSON revisions: they read,
// and an article revised now gets its new revision in the binary form.
func TestLegacyRevisionsRead(t *testing.T) {
	s := mustOpen(t)
	d := draft("Wire", "https://example.org/1", "Story", "First text.")
	if _, err := s.Ingest([]app.Draft{d}); err != nil {
		t.Fatal(err)
	}
	want, err := s.FindRevision(1, 1)
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(txn *badger.Txn) error { return setJSON(txn, revisionKey(1, 1), want) })
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.FindRevision(1, 1)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("legacy revision: %v\n got %+v\nwant %+v", err, got, want)
	}
	if _, err := s.Ingest([]app.Draft{draft("Wire", "https://example.org/1", "Story", "Second text.")}); err != nil {
		t.Fatal(err)
	}
	for n, body := range map[int]string{1: "First text.", 2: "Second text."} {
		if rev, err := s.FindRevision(1, n); err != nil || rev.Body != body {
			t.Errorf("revision %d: %q, %v", n, rev.Body, err)
		}
	}
}
