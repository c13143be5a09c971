package store

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
)

// The writer splices prepared JSON instead of marshalling: what it
// stores must be byte for byte what json.Marshal would have stored.
func TestSplicedRecordsMatchJSON(t *testing.T) {
	full := app.Meta{
		Title: `Kremlin invites <Zelenskiy> & "partners"`, Outlet: "Київ Post", URL: "https://example.org/a?b=1&c=2",
		Byline: "A. Writer\u2028B. Writer", Published: time.Date(2025, 3, 1, 9, 30, 0, 0, time.FixedZone("MSK", 3*3600)),
		Imported: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), Language: "uk", Dateline: "MOSCOW",
		Hash: strings.Repeat("ab", 32), Origin: app.Origin{Path: "/tmp/x.html", Feed: "https://example.org/feed"}, Partial: true, Words: 812, Paragraphs: 14,
	}
	cases := []struct {
		name string
		head app.Article
	}{
		{"every field", app.Article{ID: 18446744073709551615, Revisions: 3, Tags: []string{"ru/kremlin", "<peace & talks>"}, Meta: full}},
		{"no tags, bare meta", app.Article{ID: 1, Revisions: 1, Meta: app.Meta{Title: "", Hash: "00"}}},
		{"empty tag list", app.Article{ID: 42, Revisions: 0, Tags: []string{}, Meta: app.Meta{Title: "t", Imported: time.Unix(0, 0)}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			meta, err := json.Marshal(c.head.Meta)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(c.head)
			got, err := encodeArticle(c.head, meta)
			if err != nil || string(got) != string(want) {
				t.Errorf("article:\n got %s (%v)\nwant %s", got, err, want)
			}
			rev := app.Revision{Number: c.head.Revisions, Meta: c.head.Meta}
			want, _ = json.Marshal(rev)
			if got := revisionMetaJSON(rev.Number, meta); string(got) != string(want) {
				t.Errorf("revision:\n got %s\nwant %s", got, want)
			}
		})
	}
}

// A draft whose metadata has no JSON form (a year past 9999) is refused
// with the encoder's error, as before preparing, and the batch with it.
func TestPrepareDraftsUnencodableMeta(t *testing.T) {
	drafts := []app.Draft{
		{Meta: app.Meta{Title: "Fine", URL: "https://www.Example.org/x?utm_source=feed"}, Body: "Body one."},
		{Meta: app.Meta{Title: "Far future", Published: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, Body: "Body two."},
	}
	records := prepareDrafts(drafts)
	if records[0].meta == nil || records[1].meta != nil {
		t.Fatalf("meta JSON: %q, %q; want the first only", records[0].meta, records[1].meta)
	}
	if records[0].url != app.URLKey(drafts[0].URL) || records[0].title != app.TitleKey("", "Fine") {
		t.Errorf("keys %q %q", records[0].url, records[0].title)
	}
	if drafts[0].Hash == "" || drafts[0].Words != 2 {
		t.Errorf("draft not hashed and counted: %q, %d words", drafts[0].Hash, drafts[0].Words)
	}

	s := mustOpen(t)
	if _, err := s.Ingest(drafts); err == nil || !strings.Contains(err.Error(), "year") {
		t.Fatalf("Ingest: %v; want the time encoder's error", err)
	}
	if empty, err := s.IsEmpty(); err != nil || !empty {
		t.Errorf("after a refused batch: empty %v, %v", empty, err)
	}
}
