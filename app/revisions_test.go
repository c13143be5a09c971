package app

import (
	"errors"
	"slices"
	"testing"

	"github.com/parallax-news/parallax/app/anchor"
)

// fakeCatalogue holds texts by hash and articles by URL and title key,
// and records which look-ups were made.
type fakeCatalogue struct {
	hashes       map[string][2]int
	urls, titles map[string]ArticleID
	asked        []string
	failOn       string
}

func (c *fakeCatalogue) TextWithHash(h string) (ArticleID, int, bool, error) {
	c.asked = append(c.asked, "hash")
	if c.failOn == "hash" {
		return 0, 0, false, errors.New("disk")
	}
	r, ok := c.hashes[h]
	return ArticleID(r[0]), r[1], ok, nil
}

func (c *fakeCatalogue) ArticleAtURL(k string) (ArticleID, bool, error) {
	c.asked = append(c.asked, "url")
	id, ok := c.urls[k]
	return id, ok, nil
}

func (c *fakeCatalogue) ArticleTitled(k string) (ArticleID, bool, error) {
	c.asked = append(c.asked, "title")
	if c.failOn == "title" {
		return 0, false, errors.New("disk")
	}
	id, ok := c.titles[k]
	return id, ok, nil
}

func TestClassifyDraft(t *testing.T) {
	stored := func() *fakeCatalogue {
		return &fakeCatalogue{
			hashes: map[string][2]int{"h1": {1, 2}},
			urls:   map[string]ArticleID{"example.org/a": 1, "example.org/b": 3},
			titles: map[string]ArticleID{"wire|talks": 4},
		}
	}
	for _, c := range []struct {
		name    string
		keys    DraftKeys
		failOn  string
		want    Match
		asked   []string
		wantErr bool
	}{
		{"same text", DraftKeys{"h1", "example.org/b", "wire|talks", 0}, "", Match{Duplicate, 1, 2}, []string{"hash"}, false},
		{"same URL", DraftKeys{"h2", "example.org/b", "wire|talks", 0}, "", Match{NewRevision, 3, 0}, []string{"hash", "url"}, false},
		{"URL unknown, same title", DraftKeys{"h2", "example.org/z", "wire|talks", 0}, "", Match{NewRevision, 4, 0}, []string{"hash", "url", "title"}, false},
		{"no URL, same title", DraftKeys{"h2", "", "wire|talks", 0}, "", Match{NewRevision, 4, 0}, []string{"hash", "title"}, false},
		{"nothing known", DraftKeys{"h2", "example.org/z", "wire|other", 0}, "", Match{Imported, 0, 0}, []string{"hash", "url", "title"}, false},
		{"no keys but the hash", DraftKeys{"h2", "", "", 0}, "", Match{Imported, 0, 0}, []string{"hash"}, false},
		{"names the article it revises", DraftKeys{"h2", "example.org/b", "wire|talks", 7}, "", Match{NewRevision, 7, 0}, []string{"hash"}, false},
		{"names an article but is a duplicate", DraftKeys{"h1", "", "", 7}, "", Match{Duplicate, 1, 2}, []string{"hash"}, false},
		{"hash look-up fails", DraftKeys{"h2", "", "", 0}, "hash", Match{}, []string{"hash"}, true},
		{"title look-up fails", DraftKeys{"h2", "", "wire|x", 0}, "title", Match{}, []string{"hash", "title"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cat := stored()
			cat.failOn = c.failOn
			got, err := ClassifyDraft(c.keys, cat)
			if (err != nil) != c.wantErr {
				t.Fatalf("error %v, want error %v", err, c.wantErr)
			}
			if !c.wantErr && got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
			if !slices.Equal(cat.asked, c.asked) {
				t.Errorf("looked up %v, want %v", cat.asked, c.asked)
			}
		})
	}
}

func TestAddRevision(t *testing.T) {
	head := Article{ID: 7, Revisions: 2, Tags: []string{"region/uk", "actor"}, Meta: Meta{Title: "Old", Outlet: "Wire"}}
	d := Draft{Meta: Meta{Title: "New", Outlet: "Wire", Hash: "h"}, Body: "Text.", Tags: []string{"actor", " claim ", ""}}
	got, rev := AddRevision(head, d)
	if got.ID != 7 || got.Revisions != 3 || got.Title != "New" || !slices.Equal(got.Tags, []string{"actor", "claim", "region/uk"}) {
		t.Errorf("article %+v", got)
	}
	if rev.Number != 3 || rev.Title != "New" || rev.Body != "Text." || rev.Hash != "h" {
		t.Errorf("revision %+v", rev)
	}
	if !slices.Equal(head.Tags, []string{"region/uk", "actor"}) {
		t.Errorf("the stored article's tags were changed: %v", head.Tags)
	}
	if first, rev := AddRevision(Article{ID: 9}, d); first.Revisions != 1 || rev.Number != 1 {
		t.Errorf("a new article: %+v, revision %d", first, rev.Number)
	}
}

func TestReanchor(t *testing.T) {
	v1 := "The council met on Monday. The mayor resigned after the vote. Residents cheered."
	v2 := "The council met on Monday evening. The mayor resigned after the vote. Nobody else spoke."
	sel := func(text, quote string) anchor.Selector {
		tx := anchor.NewText(text)
		start, end, ok := tx.Find(quote, 1)
		if ok {
			var s anchor.Selector
			if s, ok = tx.Describe(start, end); ok {
				return s
			}
		}
		t.Fatalf("%q not in %q", quote, text)
		return anchor.Selector{}
	}
	annos := []Annotation{
		{ID: 1, Article: 5, Revision: 1, Selector: sel(v1, "The mayor resigned"), Status: anchor.Anchored},
		{ID: 2, Article: 5, Revision: 1, Selector: sel(v1, "Residents cheered"), Status: anchor.Anchored},
	}
	asked := map[int]int{}
	out, counts, err := Reanchor(annos, Revision{Number: 2, Body: v2}, func(n int) (string, error) {
		asked[n]++
		return v1, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if asked[1] != 1 || len(asked) != 1 {
		t.Errorf("earlier revisions read: %v, want revision 1 once", asked)
	}
	if len(out) != 2 || out[0].Revision != 2 || out[0].Quote != "The mayor resigned" || out[0].Status == anchor.Orphaned ||
		len(out[0].History) != 1 || out[0].History[0].Revision != 1 {
		t.Errorf("moved annotation: %+v", out[0])
	}
	if out[1].Status != anchor.Orphaned || out[1].Revision != 1 || len(out[1].History) != 0 {
		t.Errorf("lost passage: %+v, want orphaned on revision 1", out[1])
	}
	if counts[anchor.Orphaned] != 1 || counts[out[0].Status] != 1 {
		t.Errorf("counts %v", counts)
	}
	if annos[0].Revision != 1 {
		t.Error("the input annotations were changed")
	}
	if _, _, err := Reanchor(annos, Revision{Number: 2, Body: v2}, func(int) (string, error) { return "", errors.New("gone") }); err == nil {
		t.Error("a missing earlier revision is not an error")
	}
}
