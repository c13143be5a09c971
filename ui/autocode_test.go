package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/parallax-news/parallax/app"
)

// Code every hit (issue 22): the search in the box fills the dialog, the
// count shows before anything is written, the passages are coded as the
// analyst's, and one undo takes the whole batch back.
func TestCodeEveryHit(t *testing.T) {
	u, st := loaded(t)
	count := func() int {
		n := 0
		st.ForEachAnnotation(app.AnnotationFilter{Tag: "topic/dam"}, func(app.Annotation) error { n++; return nil })
		return n
	}
	u.lib.query.SetText("Kessel")
	u.jobs.Settle()
	u.promptAutocode()
	f := u.autocodeForm
	if f == nil || f.query.Text != "Kessel" {
		t.Fatalf("the dialog does not start from the search: %+v", f)
	}
	u.jobs.Settle()
	if f.plan != nil || !strings.Contains(f.preview.Text, "tags") {
		t.Errorf("without a tag: plan %v, says %q", f.plan, f.preview.Text)
	}
	if u.win.Canvas().Focused() != f.tags {
		t.Error("with the search filled in, the tags field should have the focus")
	}
	test.Type(f.tags, "topic/dam")
	u.jobs.Settle()
	if f.plan == nil || len(f.plan.Passages) == 0 || !strings.HasPrefix(f.preview.Text, "Will code ") {
		t.Fatalf("preview: %v, %q", f.plan, f.preview.Text)
	}
	want := len(f.plan.Passages)
	if count() != 0 {
		t.Fatal("the preview wrote annotations")
	}
	f.unit.SetSelected("match")
	u.jobs.Settle()
	if f.plan == nil || f.plan.Passages[0].Quote != "Kessel" {
		t.Errorf("match unit: %+v", f.plan)
	}
	f.unit.SetSelected("sentence")
	u.jobs.Settle()
	f.dialog.Submit()
	u.jobs.Settle()
	if n := count(); n != want {
		t.Fatalf("%d passages coded, the preview said %d", n, want)
	}
	if !strings.Contains(u.status.Text, "Ctrl+Z") {
		t.Errorf("status %q", u.status.Text)
	}
	u.Undo()
	u.jobs.Settle()
	if n := count(); n != 0 {
		t.Errorf("%d left after one undo", n)
	}
	u.Redo()
	u.jobs.Settle()
	if n := count(); n != want {
		t.Errorf("%d after redo, want %d", n, want)
	}

	// A bad regular expression says what is wrong and codes nothing.
	u.promptAutocode()
	f = u.autocodeForm
	f.query.SetText("(Kessel")
	f.regex.SetChecked(true)
	test.Type(f.tags, "x")
	u.jobs.Settle()
	if f.plan != nil || !strings.Contains(f.preview.Text, "(Kessel") {
		t.Errorf("bad pattern: %v, %q", f.plan, f.preview.Text)
	}
}
