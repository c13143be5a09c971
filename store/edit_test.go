package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
)

func strp(s string) *string { return &s }

// An analyst's metadata edit: read back, checked, searchable at once,
// followed by later texts at the new URL, a re-import of the original a
// duplicate, and nothing left behind by a delete.
func TestEditedMetadataIsStoredSearchedAndFollowed(t *testing.T) {
	s := mustOpen(t)
	if _, err := s.Ingest([]app.Draft{
		draft("", "https://old.example/dam", "Dam deal", "The council signed the dam deal."),
		draft("Wire", "https://wire.example/x", "Other story", "Unrelated text."),
	}); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	edit := app.MetaEdit{Title: strp("Kessel dam deal signed"), Outlet: strp("Riverton Ledger"), URL: strp("https://ledger.example/dam"), Published: &day}
	ed := app.MetaEditor{Store: s}
	a, err := ed.EditOne(1, edit)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Kessel dam deal signed" || a.Outlet != "Riverton Ledger" || !a.Published.Equal(day) || a.Was == nil || a.Was.Title != "Dam deal" {
		t.Fatalf("edited head %+v", a.Meta)
	}
	// The text still checks against the hash it was stored under.
	rev, err := s.FindRevision(1, 0)
	if err != nil || rev.Outlet != "Riverton Ledger" || rev.AsImported().URL != "https://old.example/dam" {
		t.Fatalf("revision after the edit: %+v, %v", rev.Meta, err)
	}
	if rep, err := s.Check(context.Background(), nil); err != nil || len(rep.Damage) != 0 {
		t.Fatalf("check after the edit: %+v, %v", rep, err)
	}
	for q, want := range map[string][]uint64{`outlet:"Riverton Ledger"`: {1}, "kessel": {1}, "after:2026-03-01": {1}} {
		if got := hitIDs(t, s, q); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
	if got, _ := s.Stats(); got.Outlets["Riverton Ledger"] != 1 {
		t.Errorf("stats outlets %v", got.Outlets)
	}

	// Two articles cannot share a URL.
	if _, err := ed.EditOne(2, app.MetaEdit{URL: strp("https://ledger.example/dam")}); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("editing article 2 to article 1's URL: %v", err)
	}
	// In a batch, an article that cannot take the edit fails alone.
	res, err := ed.Edit([]app.ArticleID{2, 99}, app.MetaEdit{Outlet: strp("Wire Service")})
	if err != nil || res[0].Err != nil || res[0].Article.Outlet != "Wire Service" || app.ErrorCode(res[1].Err) != app.ENOTFOUND {
		t.Fatalf("batch edit: %+v, %v", res, err)
	}
	// The original text again is a duplicate; a new text at the new URL
	// is a revision that keeps the corrections its source does not change.
	for _, c := range []struct {
		d       app.Draft
		outcome app.Outcome
	}{
		{draft("", "https://old.example/dam", "Dam deal", "The council signed the dam deal."), app.Duplicate},
		{draft("", "https://ledger.example/dam", "Dam deal", "The council signed the dam deal on Monday."), app.NewRevision},
	} {
		got, err := s.Ingest([]app.Draft{c.d})
		if err != nil || got[0].Outcome != c.outcome || got[0].ID != 1 {
			t.Fatalf("%s at %s: %+v, %v; want %v of article 1", c.d.Title, c.d.URL, got, err, c.outcome)
		}
	}
	if a, _ = s.FindArticleByID(1); a.Revisions != 2 || a.Outlet != "Riverton Ledger" || a.Title != "Kessel dam deal signed" {
		t.Errorf("after a new revision: %d revisions, %+v", a.Revisions, a.Meta)
	}
	if _, err := s.FindRevision(1, 2); err != nil {
		t.Errorf("the new revision does not read back: %v", err)
	}

	// Deleted, the article leaves no key behind: its URLs and titles,
	// imported or edited, belong to nobody.
	if _, err := s.DeleteArticle(1); err != nil {
		t.Fatal(err)
	}
	for _, d := range []app.Draft{
		draft("", "https://ledger.example/dam", "A", "one"),
		draft("", "https://old.example/dam", "B", "two"),
		draft("Riverton Ledger", "", "Kessel dam deal signed", "three"),
	} {
		if got, err := s.Ingest([]app.Draft{d}); err != nil || got[0].Outcome != app.Imported {
			t.Errorf("%s after the delete: %+v, %v; want a new article", d.URL+d.Title, got, err)
		}
	}
	if _, err := ed.EditOne(99, edit); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("editing a missing article: %v", err)
	}
}
