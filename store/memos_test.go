package store

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/search"
)

func listMemos(t *testing.T, s *Store, f app.MemoFilter) []app.Memo {
	t.Helper()
	var out []app.Memo
	if err := s.ForEachMemo(f, func(m app.Memo) error { out = append(out, m); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func memoTexts(ms []app.Memo) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text)
	}
	return out
}

func searchIDs(t *testing.T, s *Store, q string) []app.ArticleID {
	t.Helper()
	res, err := search.Run(s, q, 10)
	if err != nil {
		t.Fatal(err)
	}
	var ids []app.ArticleID
	for _, h := range res.Hits {
		ids = append(ids, h.Article.ID)
	}
	return ids
}

func TestMemosFollowTheirTargets(t *testing.T) {
	s := mustOpen(t)
	res, err := s.Ingest([]app.Draft{
		draft("TASS", "", "Kremlin invites Zelenskiy", "Peskov said the invitation stands.", "actor/russia"),
		draft("Kyiv Independent", "", "Kyiv rejects Moscow venue", "Officials called it a stunt."),
	})
	if err != nil {
		t.Fatal(err)
	}
	a1, a2 := res[0].ID, res[1].ID
	if err := s.SaveTag(app.Tag{Path: "frame/venue"}); err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	ms := &app.Memos{Store: s, Analyst: "Olena", Now: func() time.Time { clock = clock.Add(time.Minute); return clock }}
	write := func(kind app.MemoKind, art app.ArticleID, tag, text string) app.Memo {
		t.Helper()
		m, err := ms.Write(kind, art, tag, text)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	project := write(app.ProjectMemo, 0, "", "# Research question\nHow is the venue framed?")
	onA1 := write(app.ArticleMemo, a1, "", "State agency; the *invitation* wording is Peskov's.")
	write(app.ArticleMemo, a2, "", "Compare with the Reuters wire.")
	onTag := write(app.TagMemo, 0, "actor/russia", "Code official Russian voices only, not commentators.")
	write(app.TagMemo, 0, "frame/venue", "Where talks would happen.")

	if project.ID == 0 || project.URI == "" || project.Analyst != "Olena" || !project.Created.Equal(project.Modified) {
		t.Fatalf("project memo as stored: %+v", project)
	}
	if got := project.Title(); got != "Research question" {
		t.Errorf("title %q", got)
	}
	// Refusals: a target that does not exist, an empty text, a bad kind.
	for _, bad := range []struct {
		kind      app.MemoKind
		art       app.ArticleID
		tag, text string
		code      string
	}{
		{app.ArticleMemo, 99, "", "x", app.ENOTFOUND},
		{app.TagMemo, 0, "no/such", "x", app.ENOTFOUND},
		{app.ProjectMemo, 0, "", "  ", app.EINVALID},
		{app.ProjectMemo, a1, "", "x", app.EINVALID},
		{"case", 0, "", "x", app.EINVALID},
	} {
		if _, err := ms.Write(bad.kind, bad.art, bad.tag, bad.text); app.ErrorCode(err) != bad.code {
			t.Errorf("memo %+v: %v, want %s", bad, err, bad.code)
		}
	}

	// Order: project, tags by path, articles by ID.
	all := listMemos(t, s, app.MemoFilter{})
	want := []string{project.Text, onTag.Text, "Where talks would happen.", onA1.Text, "Compare with the Reuters wire."}
	if got := memoTexts(all); !slices.Equal(got, want) {
		t.Errorf("memos in order:\n%q\nwant\n%q", got, want)
	}
	if got := memoTexts(listMemos(t, s, app.MemoFilter{Article: a1})); !slices.Equal(got, []string{onA1.Text}) {
		t.Errorf("memos on article %d: %q", a1, got)
	}
	if got := len(listMemos(t, s, app.MemoFilter{Tag: "actor"})); got != 1 {
		t.Errorf("memos within actor: %d", got)
	}

	// memo: finds the article a memo is about, and nothing else does.
	if got := searchIDs(t, s, "memo:invitation"); !slices.Equal(got, []app.ArticleID{a1}) {
		t.Errorf("memo:invitation = %v, want [%d]", got, a1)
	}
	if got := searchIDs(t, s, "memo:reuters"); !slices.Equal(got, []app.ArticleID{a2}) {
		t.Errorf("memo:reuters = %v", got)
	}
	if got := searchIDs(t, s, "reuters"); len(got) != 0 {
		t.Errorf("a memo's words leak into the article text: %v", got)
	}
	if got := searchIDs(t, s, "memo:commentators"); len(got) != 0 {
		t.Errorf("a tag memo is no article's: %v", got)
	}

	// An edit changes the text and the modified time, and the index.
	edited, err := ms.Edit(onA1.ID, "State agency; check the Kremlin readout.")
	if err != nil {
		t.Fatal(err)
	}
	if !edited.Created.Equal(onA1.Created) || !edited.Modified.After(onA1.Modified) || edited.URI != onA1.URI {
		t.Errorf("edited memo: %+v", edited)
	}
	if got := searchIDs(t, s, "memo:invitation"); len(got) != 0 {
		t.Errorf("old memo text still found: %v", got)
	}
	if got := searchIDs(t, s, "memo:readout"); !slices.Equal(got, []app.ArticleID{a1}) {
		t.Errorf("memo:readout = %v", got)
	}

	// A rename moves the tag's memos; a delete takes them and says so.
	if ch, err := s.RenameTag("actor", "party", false); err != nil || ch.Memos != 1 {
		t.Fatalf("rename: %+v %v", ch, err)
	}
	if m, _ := s.FindMemo(onTag.ID); m.Tag != "party/russia" {
		t.Errorf("tag memo after rename is on %q", m.Tag)
	}
	if ch, err := s.DeleteTag("frame"); err != nil || ch.Memos != 1 {
		t.Fatalf("delete: %+v %v", ch, err)
	}
	if got := len(listMemos(t, s, app.MemoFilter{Kind: app.TagMemo})); got != 1 {
		t.Errorf("%d tag memos after deleting frame, want 1", got)
	}

	// Deleting an article takes its memos, from the index too; a rebuilt
	// index still finds the rest.
	del, err := s.DeleteArticle(a2)
	if err != nil || len(del.Memos) != 1 {
		t.Fatalf("delete article: %d memos, %v", len(del.Memos), err)
	}
	if got := searchIDs(t, s, "memo:reuters"); len(got) != 0 {
		t.Errorf("deleted article's memo still found: %v", got)
	}
	if err := s.RebuildIndex(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, s, "memo:readout"); !slices.Equal(got, []app.ArticleID{a1}) {
		t.Errorf("after rebuild memo:readout = %v", got)
	}

	// Saving a memo again under its URI updates it; deleting then saving
	// again (undo) keeps its ID.
	again := onA1
	again.ID, again.Text = 0, "Imported again."
	if got, err := s.SaveMemo(again); err != nil || got.ID != onA1.ID {
		t.Errorf("re-save by URI: id %d (want %d), %v", got.ID, onA1.ID, err)
	}
	gone, err := s.DeleteMemo(onA1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindMemoByURI(gone.URI); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("deleted memo still found by URI: %v", err)
	}
	if back, err := s.SaveMemo(gone); err != nil || back.ID != gone.ID {
		t.Errorf("undo delete: %+v %v", back, err)
	}
	if _, err := s.SaveMemo(app.Memo{ID: 999, Kind: app.ProjectMemo, Text: "x"}); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("saving a never-issued ID: %v", err)
	}
}

func TestMemosSurviveReopenAndBackup(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.SaveMemo(app.Memo{Kind: app.ProjectMemo, Text: "Log: started coding.", Analyst: "Ana",
		Created: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Modified: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.FindMemo(m.ID)
	if err != nil || got.Text != m.Text || !got.Modified.Equal(m.Modified) {
		t.Fatalf("after reopen: %+v %v", got, err)
	}
	var buf bytes.Buffer
	if err := s.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	dst := mustOpen(t)
	if err := dst.Restore(&buf); err != nil {
		t.Fatal(err)
	}
	if r, err := dst.FindMemoByURI(m.URI); err != nil || r.Text != m.Text {
		t.Errorf("after restore: %+v %v", r, err)
	}
	next, err := dst.SaveMemo(app.Memo{Kind: app.ProjectMemo, Text: "second"})
	if err != nil || next.ID != m.ID+1 {
		t.Errorf("restored store numbers memos from %d: %v", next.ID, err)
	}
}
