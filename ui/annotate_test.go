package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/parallax-news/parallax/app"
)

// loaded is a window on the demo collection showing its first article.
func loaded(t *testing.T) (*UI, Store) {
	u, st := newTestUI(t)
	u.Load(context.Background())
	u.settle()
	return u, st
}

func annotationsOf(t *testing.T, st Store, id app.ArticleID) []app.Annotation {
	t.Helper()
	var out []app.Annotation
	if err := st.ForEachAnnotation(app.AnnotationFilter{Article: id}, func(a app.Annotation) error {
		out = append(out, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// dragSelect drives the reader's mouse methods from one offset to another.
func dragSelect(u *UI, start, end int) {
	p := u.reader.Page()
	at := func(o int) fyne.Position { return p.PositionOf(o).Add(fyne.NewPos(0.5, 4)) }
	p.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at(start)}, Button: desktop.MouseButtonPrimary})
	p.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at(end)}})
	p.DragEnd()
	p.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at(end)}, Button: desktop.MouseButtonPrimary})
}

func TestSelectAnnotateEditUndoDelete(t *testing.T) {
	u, st := loaded(t)
	id := u.current.ID
	body := []rune(u.revision.Body)
	phrase := "water guarantee"
	if !strings.Contains(u.revision.Body, phrase) {
		phrase = strings.Fields(u.revision.Body)[3]
	}
	start := len([]rune(u.revision.Body[:strings.Index(u.revision.Body, phrase)]))
	end := start + len([]rune(phrase))

	// Select with the mouse: the annotate dialog opens on the passage.
	dragSelect(u, start, end)
	if u.form == nil {
		t.Fatal("no annotate dialog after selecting")
	}
	u.form.note.SetText("The key concession.")
	u.form.tags.SetText("claim/concession, actor/estvale")
	u.form.color.SetSelected("green")
	u.form.submit()
	u.settle()
	annos := annotationsOf(t, st, id)
	if len(annos) != 1 || annos[0].Quote != string(body[start:end]) || annos[0].Note != "The key concession." || annos[0].Color != app.Palette["green"] {
		t.Fatalf("stored %+v", annos)
	}
	if len(u.annotations) != 1 || u.notes.Length() != 1 {
		t.Fatalf("panel shows %d annotations", u.notes.Length())
	}
	if hs := u.reader.Page(); hs == nil {
		t.Fatal("no reader page")
	}

	// Click the highlight: the edit dialog; change the note.
	p := u.reader.Page()
	p.Tapped(&fyne.PointEvent{Position: p.PositionOf(start + 2).Add(fyne.NewPos(0.5, 4))})
	if u.form == nil || u.form.remove == nil || u.form.note.Text != "The key concession." {
		t.Fatal("clicking the highlight did not open it")
	}
	u.form.note.SetText("Concession, per the Courier.")
	u.form.submit()
	u.settle()
	if a := annotationsOf(t, st, id); len(a) != 1 || a[0].Note != "Concession, per the Courier." {
		t.Fatalf("after edit: %+v", a)
	}

	// Ctrl+Z takes the edit back.
	u.Undo()
	u.settle()
	if a := annotationsOf(t, st, id); len(a) != 1 || a[0].Note != "The key concession." {
		t.Fatalf("after undoing the edit: %+v", a)
	}

	// Delete from the dialog, then undo the delete.
	p.Tapped(&fyne.PointEvent{Position: p.PositionOf(start + 2).Add(fyne.NewPos(0.5, 4))})
	u.form.remove()
	u.settle()
	if a := annotationsOf(t, st, id); len(a) != 0 || u.notes.Length() != 0 {
		t.Fatalf("after delete: %d stored, %d shown", len(a), u.notes.Length())
	}
	u.Undo()
	u.settle()
	if a := annotationsOf(t, st, id); len(a) != 1 || a[0].Quote != phrase || u.notes.Length() != 1 {
		t.Fatalf("after undoing the delete: %+v", a)
	}
}

func TestLibrarySearchAndQuickOpen(t *testing.T) {
	u, _ := loaded(t)
	u.query.SetText("fish OR stallholders")
	u.settle()
	if len(u.rows) != 2 {
		t.Fatalf("'fish OR stallholders' lists %d of %d articles", len(u.rows), len(u.articles))
	}
	for _, r := range u.rows {
		if s := strings.ToLower(r.sub); !strings.Contains(s, "fish") && !strings.Contains(s, "stallholders") {
			t.Errorf("hit %q: snippet %q has neither word", r.title, r.sub)
		}
	}
	// Opening a hit marks the matches in the reader.
	u.library.Select(0)
	u.settle()
	if len(u.reader.Page().Marks()) == 0 {
		t.Error("no search matches marked in the reader")
	}

	u.query.SetText(`"unclosed`)
	u.settle()
	if !strings.Contains(u.status.Text, "quote") {
		t.Errorf("a malformed query says %q", u.status.Text)
	}

	u.query.SetText(">ledger")
	u.settle()
	if len(u.rows) == 0 || u.rows[0].sub != "outlet" && !strings.Contains(strings.ToLower(u.rows[0].title), "ledger") {
		t.Fatalf("quick-open rows %+v", u.rows)
	}
	u.query.SetText("")
	u.settle()
	if len(u.rows) != len(u.articles) {
		t.Errorf("clearing the box lists %d of %d", len(u.rows), len(u.articles))
	}
}

func TestRevisionPickerShowsOlderRevisionWithItsAnnotations(t *testing.T) {
	u, st := loaded(t)
	var revised app.Article
	for _, a := range u.articles {
		if a.Revisions == 2 {
			revised = a
		}
	}
	u.open(revised.ID, 0, nil)
	u.settle()
	if !u.revisions.Visible() || u.revisions.Selected != "Revision 2 (latest)" {
		t.Fatalf("picker visible %v, selected %q", u.revisions.Visible(), u.revisions.Selected)
	}
	// Annotate the latest revision, then look at the first.
	r1, _ := st.FindRevision(revised.ID, 1)
	word := strings.Fields(r1.Body)[1]
	start := len([]rune(u.revision.Body[:strings.Index(u.revision.Body, word)]))
	if _, err := u.an.Annotate(app.AnnotateInput{Article: revised.ID, Span: app.Span{Start: start, End: start + len([]rune(word))}, Note: "n"}); err != nil {
		t.Fatal(err)
	}
	u.revisions.SetSelected("Revision 1")
	u.settle()
	if u.revision.Number != 1 || u.reader.Text() != r1.Body {
		t.Fatalf("shows revision %d", u.revision.Number)
	}
	// Made on revision 2, the annotation has no place in revision 1 yet.
	if len(u.annotations) != 0 {
		t.Errorf("revision 1 shows %d annotations", len(u.annotations))
	}
	u.revisions.SetSelected("Revision 2 (latest)")
	u.settle()
	if u.revision.Number != 2 || len(u.annotations) != 1 || string([]rune(u.reader.Text())[u.annotations[0].Start:u.annotations[0].End]) != word {
		t.Errorf("back on revision 2: %d annotations", len(u.annotations))
	}
}

func TestTagManagerRenamesRecoloursAndDeletes(t *testing.T) {
	u, st := loaded(t)
	id := u.current.ID
	for _, tags := range [][]string{{"actor/estvale"}, {"actor/riverton", "claim"}} {
		if _, err := u.an.Annotate(app.AnnotateInput{Article: id, Span: app.Span{Start: 0, End: 5}, Tags: tags}); err != nil {
			t.Fatal(err)
		}
	}
	u.showTagManager()
	u.settle()
	m := u.tags
	if m == nil || len(m.children[""]) != 2 || len(m.children["actor"]) != 2 || m.tags["claim"].Annotations != 1 {
		t.Fatalf("tree: root %v, actor %v", m.children[""], m.children["actor"])
	}
	m.tree.Select("actor")
	u.renameTag(m, m.selected, "party", false)
	u.settle()
	var got []string
	for _, a := range annotationsOf(t, st, id) {
		got = append(got, a.Tags...)
	}
	if strings.Join(got, ",") != "party/estvale,claim,party/riverton" && strings.Join(got, ",") != "party/estvale,party/riverton,claim" {
		t.Errorf("after renaming actor to party: %v", got)
	}
	if len(u.annotations) != 2 || !strings.HasPrefix(u.annotations[0].Tags[0], "party/") {
		t.Errorf("panel not refreshed: %+v", u.annotations)
	}
	m = u.tags
	u.setTagColor(m, "claim", app.Palette["red"])
	u.settle()
	if tag, err := st.FindTag("claim"); err != nil || tag.Color != app.Palette["red"] {
		t.Errorf("claim colour %q, %v", tag.Color, err)
	}
	u.deleteTag(u.tags, "party")
	u.settle()
	if n := len(u.tags.children[""]); n != 1 {
		t.Errorf("after deleting party the tree has %d roots", n)
	}
	for _, a := range annotationsOf(t, st, id) {
		for _, tag := range a.Tags {
			if strings.HasPrefix(tag, "party") {
				t.Errorf("annotation %d keeps %s", a.ID, tag)
			}
		}
	}
}

func TestLibrarySorts(t *testing.T) {
	u, _ := loaded(t)
	titles := func() []string {
		var out []string
		for _, r := range u.rows {
			out = append(out, r.title)
		}
		return out
	}
	u.sort.SetSelected("Title")
	byTitle := titles()
	for i := 1; i < len(byTitle); i++ {
		if strings.ToLower(byTitle[i-1]) > strings.ToLower(byTitle[i]) {
			t.Fatalf("by title: %q before %q", byTitle[i-1], byTitle[i])
		}
	}
	u.sort.SetSelected("Newest")
	newest := titles()
	u.sort.SetSelected("Oldest")
	oldest := titles()
	if newest[0] == oldest[0] || len(newest) != len(u.articles) {
		t.Errorf("newest %q, oldest %q", newest, oldest)
	}
}
