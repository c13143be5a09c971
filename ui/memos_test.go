package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/ui/memowin"
)

func memosIn(t *testing.T, st Store, f app.MemoFilter) []app.Memo {
	t.Helper()
	var out []app.Memo
	if err := st.ForEachMemo(f, func(m app.Memo) error { out = append(out, m); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// The Memos window writes, lists, filters, renders, edits and deletes
// memos on the project, the article shown and a tag; a refused save
// keeps the text; Ctrl+Z in the main window takes each change back; the
// article panel counts the article's memos; memo: finds the article.
func TestMemosWindow(t *testing.T) {
	u, st := loaded(t)
	u.p.App.Preferences().SetString(analystPref, "Olena")
	u.loadAnalyst()
	id := u.art.current.ID
	if u.art.memos.Text != "" {
		t.Fatalf("memo button says %q before any memo", u.art.memos.Text)
	}
	test.Tap(u.art.memos)
	u.jobs.Settle()
	w := u.memoWin
	if w == nil || w.Show.Selected != memowin.ShowArticle || len(w.Shown) != 0 || w.Status.Text != "0 of 0 memos" {
		t.Fatalf("memo window from the article panel: %+v", w)
	}
	defer w.Close()

	write := func(on, tag, text string) *memowin.Editor {
		t.Helper()
		test.Tap(w.New)
		e := w.Editor
		if e == nil {
			t.Fatal("New memo opened no editor")
		}
		i := slices.IndexFunc(e.On.Options, func(o string) bool { return strings.HasPrefix(o, on) })
		e.On.SetSelected(e.On.Options[i])
		e.Tag.SetText(tag)
		test.Type(e.Text, text)
		test.Tap(e.SaveB)
		u.jobs.Settle()
		return e
	}
	// Opened on the article, a new memo starts on it.
	test.Tap(w.New)
	if got := w.Editor.On.Selected; !strings.HasPrefix(got, "This article") {
		t.Errorf("a new memo from the article's list starts on %q", got)
	}
	test.Tap(w.Editor.Cancel)
	if w.Editor != nil {
		t.Fatal("Cancel left the editor open")
	}

	write("This article", "", "# Source\n\nThe *Courier* quotes the minister second-hand.")
	onArticle := memosIn(t, st, app.MemoFilter{Article: id})
	if len(onArticle) != 1 || onArticle[0].Analyst != "Olena" || onArticle[0].Title() != "Source" {
		t.Fatalf("article memos stored: %+v", onArticle)
	}
	if w.Editor != nil || u.art.memos.Text != "1" {
		t.Errorf("after saving: editor %v, memo button %q", w.Editor, u.art.memos.Text)
	}
	// The list shows it picked, rendered as Markdown.
	if len(w.Shown) != 1 || w.Picked.ID != onArticle[0].ID {
		t.Fatalf("list %+v, picked %d", w.Shown, w.Picked.ID)
	}
	if got := w.View.String(); !strings.Contains(got, "Source") || strings.Contains(got, "#") || strings.Contains(got, "*") {
		t.Errorf("rendered memo %q still shows Markdown marks", got)
	}
	if !strings.Contains(w.Head.Text, "Olena") || !w.OpenB.Visible() {
		t.Errorf("head %q, open button shown %v", w.Head.Text, w.OpenB.Visible())
	}

	// A tag that does not exist is refused in the editor, the text kept.
	e := write("A tag", "no/such/tag", "Decision rule.")
	if w.Editor != e || !e.Error.Visible() || !strings.Contains(e.Error.Text, "no tag no/such/tag") || e.Text.Text != "Decision rule." {
		t.Fatalf("a refused memo: editor %v, error %q, text %q", w.Editor, e.Error.Text, e.Text.Text)
	}
	tag := u.knownTags[0]
	e.Tag.SetText(tag)
	test.Tap(e.SaveB)
	u.jobs.Settle()
	if got := memosIn(t, st, app.MemoFilter{Kind: app.TagMemo}); len(got) != 1 || got[0].Tag != tag || got[0].Text != "Decision rule." {
		t.Fatalf("tag memos: %+v", got)
	}
	w.Show.SetSelected(memowin.ShowAll)
	write("The project", "", "Question: who frames the dam deal as a win?")
	u.jobs.Settle()
	if len(w.Shown) != 3 || w.Shown[0].Kind != app.ProjectMemo || w.Shown[1].Kind != app.TagMemo || w.Shown[2].Kind != app.ArticleMemo {
		t.Fatalf("all memos, in order: %+v", w.Shown)
	}
	for _, c := range []struct {
		show, words string
		want        int
	}{{memowin.ShowProject, "", 1}, {memowin.ShowTags, "", 1}, {memowin.ShowArticles, "", 1}, {memowin.ShowAll, "minister", 1},
		{memowin.ShowAll, "courier source", 1}, {memowin.ShowAll, "nowhere", 0}, {memowin.ShowAll, "", 3}} {
		w.Show.SetSelected(c.show)
		w.Filter.SetText(c.words)
		if len(w.Shown) != c.want {
			t.Errorf("%s, %q: %d memos listed, want %d", c.show, c.words, len(w.Shown), c.want)
		}
	}

	// memo: in the library finds the article.
	u.lib.query.SetText("memo:minister")
	u.jobs.Settle()
	if len(u.lib.rows) != 1 || u.lib.rows[0].id != id {
		t.Errorf("memo:minister lists %+v", u.lib.rows)
	}

	// Edit, then Ctrl+Z restores the text; delete, then Ctrl+Z brings the
	// memo back with its identity, Ctrl+Shift+Z deletes it again.
	w.List.Select(2)
	test.Tap(w.EditB)
	w.Editor.Text.SetText("# Source\n\nSecond-hand: check the ministry's release.")
	test.Tap(w.Editor.SaveB)
	u.jobs.Settle()
	m, _ := u.p.Memos.FindMemo(onArticle[0].ID)
	if !strings.Contains(m.Text, "ministry's release") || !m.Created.Equal(onArticle[0].Created) || w.Picked.ID != m.ID {
		t.Fatalf("edited memo %+v (picked %d)", m, w.Picked.ID)
	}
	u.Undo()
	u.jobs.Settle()
	if m, _ := u.p.Memos.FindMemo(onArticle[0].ID); m.Text != onArticle[0].Text {
		t.Errorf("undo of the edit left %q", m.Text)
	}
	u.deleteMemo(onArticle[0], func(err error) {
		if err != nil {
			t.Error(err)
		}
	})
	u.jobs.Settle()
	if got := memosIn(t, st, app.MemoFilter{Article: id}); len(got) != 0 || u.art.memos.Text != "" || len(w.Shown) != 2 {
		t.Fatalf("after delete: %d memos, button %q, %d listed", len(got), u.art.memos.Text, len(w.Shown))
	}
	u.Undo()
	u.jobs.Settle()
	back := memosIn(t, st, app.MemoFilter{Article: id})
	if len(back) != 1 || back[0].ID != onArticle[0].ID || back[0].URI != onArticle[0].URI || u.art.memos.Text != "1" || len(w.Shown) != 3 {
		t.Fatalf("after undoing the delete: %+v, button %q, %d listed", back, u.art.memos.Text, len(w.Shown))
	}
	u.Redo()
	u.jobs.Settle()
	if got := memosIn(t, st, app.MemoFilter{Article: id}); len(got) != 0 {
		t.Errorf("redo left %d memos", len(got))
	}
	if u.art.memos.Text != "" || len(w.Shown) != 2 {
		t.Errorf("after redoing the delete: button %q, %d listed", u.art.memos.Text, len(w.Shown))
	}

	// Open article shows the memo's article in the reader.
	u.Undo()
	u.jobs.Settle()
	other := u.shelf[len(u.shelf)-1].id
	u.open(other, 0, nil)
	u.jobs.Settle()
	w.Show.SetSelected(memowin.ShowArticles)
	w.List.Select(0)
	test.Tap(w.OpenB)
	u.jobs.Settle()
	if u.art.current.ID != id {
		t.Errorf("Open article shows %d, want %d", u.art.current.ID, id)
	}
}

// Without a memo writer the window only reads.
func TestMemosWindowReadOnly(t *testing.T) {
	u, st := loaded(t)
	if _, err := st.(app.MemoStore).SaveMemo(app.Memo{Kind: app.ProjectMemo, Text: "Read me."}); err != nil {
		t.Fatal(err)
	}
	u.p.Memos = nil
	w := u.showMemos(memowin.ShowAll)
	defer w.Close()
	u.jobs.Settle()
	if len(w.Shown) != 1 || w.New.Visible() || w.EditB.Visible() || w.DelB.Visible() {
		t.Errorf("read-only window: %d listed, new %v edit %v delete %v", len(w.Shown), w.New.Visible(), w.EditB.Visible(), w.DelB.Visible())
	}
}
