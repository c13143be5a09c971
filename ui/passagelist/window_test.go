package passagelist

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/app/passages"
	"github.com/parallax-news/parallax/assets"
	"github.com/parallax-news/parallax/internal/teststore"
	"github.com/parallax-news/parallax/ui/jobs"
)

func TestPassagesWindow(t *testing.T) {
	a := test.NewTempApp(t)
	st := teststore.Open(t)
	if _, err := importer.New(st).Import(context.Background(), []string{"."}, importer.Options{FS: assets.Demo(), FSName: "demo"}); err != nil {
		t.Fatal(err)
	}
	all, err := passages.List(context.Background(), st, passages.Filter{})
	if err != nil || len(all) < 3 {
		t.Fatalf("the demo has %d passages, %v", len(all), err)
	}
	tag := all[0].Tags[0]
	want, _ := passages.List(context.Background(), st, passages.Filter{Tag: tag})
	j := jobs.NewQueued()
	w := Open(a, st, j, Choices{Tags: []string{tag}}, tag)
	t.Cleanup(func() {
		if slices.Contains(a.Driver().AllWindows(), w.win) {
			w.Close()
		}
	})
	j.Settle()
	if len(w.Shown()) != len(want) || w.win.Title() == "" {
		t.Fatalf("%s: %d passages shown, want %d", tag, len(w.Shown()), len(want))
	}
	w.Tag.SetText("")
	j.Settle()
	if len(w.Shown()) != len(all) {
		t.Errorf("any tag: %d shown, want %d", len(w.Shown()), len(all))
	}
	w.Status.SetSelected("orphaned")
	j.Settle()
	for _, p := range w.Shown() {
		if p.Status != "orphaned" {
			t.Errorf("status filter shows a %s passage", p.Status)
		}
	}
	w.Status.SetSelected(anyChoice)
	w.From.SetText("14/03")
	if w.From.Validate() == nil {
		t.Error("a bad date is accepted")
	}
	if _, err := w.Filter(); err == nil {
		t.Error("the filter takes a bad date")
	}
	w.From.SetText("")
	j.Settle()

	var opened []app.AnnotationID
	w.OnOpen = func(p passages.Passage) { opened = append(opened, p.ID) }
	w.List.Select(0)
	if len(opened) != 1 || opened[0] != w.Shown()[0].ID {
		t.Errorf("clicking the first passage opened %v", opened)
	}
	var exported []string
	w.OnExport = func(f passages.Filter, format string) { exported = append(exported, format+":"+f.Tag) }
	w.Tag.SetText(tag)
	j.Settle()
	for _, o := range test.LaidOutObjects(w.win.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Export CSV…" {
			test.Tap(b)
		}
	}
	if len(exported) != 1 || exported[0] != "csv:"+tag {
		t.Errorf("export asked for %v", exported)
	}
}
