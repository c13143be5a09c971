package importreport

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/parallax-news/parallax/app"
)

func sample() app.ImportReport {
	rep := app.ImportReport{
		ImportProgress: app.ImportProgress{Files: 6, FilesDone: 5, Imported: 2, Duplicates: 1, Revisions: 1, Failed: 1},
		Skipped:        []app.Skip{{Path: "in/store", Reason: "a Parallax store (a database, not articles)"}},
		Canceled:       true,
	}
	rep.Results = []app.ImportResult{
		{Path: "in/a.txt", Outcome: app.Imported, ID: 1, Revision: 1, Title: "First"},
		{Path: "in/b.txt", Outcome: app.Duplicate, ID: 1, Revision: 1, Title: "First"},
		{Path: "in/c.pdf", Outcome: app.Failed, Err: errors.New("in/c.pdf: not text: looks like a PDF document")},
		{Path: "in/feed.xml", Item: 2, Outcome: app.NewRevision, ID: 2, Revision: 2, Title: "Second"},
		{Path: "in/feed.xml", Item: 3, Outcome: app.Imported, ID: 3, Revision: 1, Title: strings.Repeat("Long ", 100)},
	}
	return rep
}

func TestRowsPutFailuresFirst(t *testing.T) {
	var got []string
	for _, r := range sample().Rows() {
		got = append(got, r.Kind+" "+r.Where+" "+r.Detail)
	}
	want := []string{
		"failed in/c.pdf not text: looks like a PDF document",
		"skipped in/store a Parallax store (a database, not articles)",
		"new revision in/feed.xml [item 2] 2.2 Second",
		"imported in/a.txt 1.1 First",
		"imported in/feed.xml [item 3] 3.1 " + app.Excerpt(strings.Repeat("Long ", 100), 120),
		"duplicate in/b.txt 1.1 First",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s, want := sample().Summary(), "5 files: 2 imported, 1 new revisions, 1 duplicates, 1 failed, 1 folders skipped (canceled: 1 of 6 files not read)"; s != want {
		t.Errorf("summary %q, want %q", s, want)
	}
}

func TestDialogFiltersAndCopies(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("")
	w.Show()
	d := Show(w, a.Clipboard(), sample())
	if got := d.Shown(); len(got) != 1 || got[0].Kind != "failed" {
		t.Errorf("opens on %+v, want the failure", got)
	}
	d.Filter.SetSelected("imported (2)")
	if got := d.Shown(); len(got) != 2 || got[0].Where != "in/a.txt" {
		t.Errorf("imported: %+v", got)
	}
	test.Tap(d.Copy)
	text := a.Clipboard().Content()
	if lines := strings.Split(strings.TrimSpace(text), "\n"); len(lines) != 7 || lines[1] != "failed\tin/c.pdf\tnot text: looks like a PDF document" {
		t.Errorf("copied %q", text)
	}
}
