package app

import (
	"strings"
	"testing"
	"time"
)

func ptr[T any](v T) *T { return &v }

func TestMetaEditApply(t *testing.T) {
	day := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	imported := Meta{Title: "Dam deal", URL: "https://a.example/1", Language: "en"}
	for _, c := range []struct {
		name    string
		edit    MetaEdit
		want    Meta
		changed bool
		err     string
	}{
		{"nothing", MetaEdit{}, imported, false, ""},
		{"same values", MetaEdit{Title: ptr(" Dam  deal "), Language: ptr("EN")}, imported, false, ""},
		{"outlet and date", MetaEdit{Outlet: ptr("  Riverton\u00a0Ledger "), Published: &day},
			Meta{Title: "Dam deal", Outlet: "Riverton Ledger", URL: "https://a.example/1", Language: "en", Published: day}, true, ""},
		{"language canonical", MetaEdit{Language: ptr("pt-br")}, Meta{Title: "Dam deal", URL: "https://a.example/1", Language: "pt-BR"}, true, ""},
		{"clear URL and date", MetaEdit{URL: ptr(" "), Published: &time.Time{}}, Meta{Title: "Dam deal", Language: "en"}, true, ""},
		{"empty title", MetaEdit{Title: ptr("  ")}, imported, false, "needs a title"},
		{"not a URL", MetaEdit{URL: ptr("ftp://x.example/")}, imported, false, "not a web address"},
		{"relative URL", MetaEdit{URL: ptr("/news/1")}, imported, false, "not a web address"},
		{"not a language", MetaEdit{Language: ptr("english please")}, imported, false, "not a language tag"},
		{"outlet too long", MetaEdit{Outlet: ptr(strings.Repeat("x", MaxOutletLength+1))}, imported, false, "outlet is too long"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, changed, err := c.edit.Apply(imported)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) || ErrorCode(err) != EINVALID {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil || changed != c.changed {
				t.Fatalf("changed %v, error %v; want changed %v", changed, err, c.changed)
			}
			if changed != (got.Was != nil) {
				t.Errorf("imported values kept: %+v, want them kept only on a change", got.Was)
			}
			got.Was = nil
			if got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
	// A second edit keeps what was imported, not the first edit.
	once, _, _ := MetaEdit{Title: ptr("Dam deal signed")}.Apply(imported)
	twice, _, _ := MetaEdit{Title: ptr("Dam deal signed on Monday")}.Apply(once)
	if twice.Was == nil || twice.Was.Title != "Dam deal" || twice.AsImported().Title != "Dam deal" || twice.AsImported().Was != nil {
		t.Errorf("after two edits the imported title is %+v", twice.Was)
	}
}

// A correction sticks on the next revision while the source still says
// what it said; a field the source changes takes the source's value.
func TestNewRevisionKeepsCorrections(t *testing.T) {
	imported := Meta{Title: "Dam deal", URL: "https://a.example/1"}
	edited, _, _ := MetaEdit{Outlet: ptr("Riverton Ledger"), Title: ptr("Dam deal signed")}.Apply(imported)
	head := Article{ID: 1, Revisions: 1, Meta: edited}

	_, rev := AddRevision(head, Draft{Meta: Meta{Title: "Dam deal", URL: "https://a.example/1"}, Body: "b"})
	if rev.Outlet != "Riverton Ledger" || rev.Title != "Dam deal signed" {
		t.Errorf("unchanged source: %q %q, want the corrections kept", rev.Outlet, rev.Title)
	}
	if rev.Was == nil || rev.Was.Title != "Dam deal" || rev.Was.Outlet != "" {
		t.Errorf("the new revision's imported values are %+v", rev.Was)
	}

	_, rev = AddRevision(head, Draft{Meta: Meta{Title: "Dam deal collapses", Outlet: "Wire", URL: "https://a.example/1"}, Body: "c"})
	if rev.Outlet != "Wire" || rev.Title != "Dam deal collapses" || rev.Was != nil {
		t.Errorf("changed source: %q %q %+v, want the source's values", rev.Outlet, rev.Title, rev.Was)
	}

	plain := Article{ID: 2, Revisions: 1, Meta: imported}
	if _, rev = AddRevision(plain, Draft{Meta: Meta{Title: "Other"}, Body: "d"}); rev.Title != "Other" || rev.Was != nil {
		t.Errorf("no corrections: %+v", rev.Meta)
	}
}

func TestParseDate(t *testing.T) {
	kyiv := time.FixedZone("EET", 2*3600)
	for in, want := range map[string]time.Time{
		"":                          {},
		" 2026-03-14 ":              time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC),
		"2026-03-14 18:45":          time.Date(2026, 3, 14, 16, 45, 0, 0, time.UTC),
		"2026-03-14T18:45":          time.Date(2026, 3, 14, 16, 45, 0, 0, time.UTC),
		"2026-03-14T18:45:00+01:00": time.Date(2026, 3, 14, 17, 45, 0, 0, time.UTC),
	} {
		if got, err := ParseDate(in, kyiv); err != nil || !got.Equal(want) {
			t.Errorf("%q: %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"14/03/2026", "yesterday", "2026-13-01"} {
		if _, err := ParseDate(bad, kyiv); err == nil || ErrorCode(err) != EINVALID {
			t.Errorf("%q: %v, want an error", bad, err)
		}
	}
}

// fakeMetaStore is an ArticleStore whose UpdateMeta changes metadata in
// memory (the rest of the interface is not used here).
type fakeMetaStore struct {
	ArticleStore
	heads map[ArticleID]Meta
}

func (f *fakeMetaStore) UpdateMeta(ids []ArticleID, change func(Meta) (Meta, error)) ([]Edited, error) {
	out := make([]Edited, len(ids))
	for i, id := range ids {
		m, ok := f.heads[id]
		if !ok {
			out[i].Err = Errorf(ENOTFOUND, "no article %d", id)
			continue
		}
		next, err := change(m)
		if err == nil {
			f.heads[id] = next
		}
		out[i] = Edited{Article: Article{ID: id, Meta: f.heads[id]}, Err: err}
	}
	return out, nil
}

// Undo of an edit puts the metadata back, except on an article that has
// had a new revision since.
func TestMetaEditorRevert(t *testing.T) {
	st := &fakeMetaStore{heads: map[ArticleID]Meta{1: {Title: "A", Hash: "h1"}, 2: {Title: "B", Hash: "h2"}}}
	ed := MetaEditor{Store: st}
	before := []Article{{ID: 1, Meta: st.heads[1]}, {ID: 2, Meta: st.heads[2]}}
	res, err := ed.Edit([]ArticleID{1, 2, 3}, MetaEdit{Outlet: ptr("Wire")})
	if err != nil || res[0].Err != nil || res[0].Article.Outlet != "Wire" || ErrorCode(res[2].Err) != ENOTFOUND {
		t.Fatalf("edit: %+v %v", res, err)
	}
	st.heads[2] = Meta{Title: "B", Outlet: "Wire", Hash: "h2b"} // a new revision of 2
	if _, err := ed.Revert(before); err != nil {
		t.Fatal(err)
	}
	if st.heads[1].Outlet != "" || st.heads[1].Was != nil || st.heads[2].Outlet != "Wire" {
		t.Errorf("after undo: %+v", st.heads)
	}
}
