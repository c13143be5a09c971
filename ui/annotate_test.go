package ui

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/app/exchange"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/ui/jobs"
)

// loaded is a window on the demo collection showing its first article.
func loaded(t *testing.T) (*UI, Store) {
	u, st := newTestUI(t)
	u.Load(context.Background())
	u.jobs.Settle()
	return u, st
}

// collection is every article the library lists, read as its rows read
// them.
func collection(u *UI) []app.Article {
	var out []app.Article
	for _, it := range u.shelf {
		if a, ok := u.articleByID(it.id); ok {
			out = append(out, a)
		}
	}
	return out
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

// openRevised shows the demo's story in two revisions, latest first.
func openRevised(u *UI) app.Article {
	var revised app.Article
	for _, it := range u.shelf {
		if a, _ := u.articleByID(it.id); a.Revisions == 2 {
			revised = a
		}
	}
	u.open(revised.ID, 0, nil)
	u.jobs.Settle()
	return revised
}

// dragSelect drives the reader's mouse methods from one offset to another.
func dragSelect(u *UI, start, end int) {
	p := u.art.reader.Page()
	at := func(o int) fyne.Position { return p.PositionOf(o).Add(fyne.NewPos(0.5, 4)) }
	p.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at(start)}, Button: desktop.MouseButtonPrimary})
	p.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at(end)}})
	p.DragEnd()
	p.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at(end)}, Button: desktop.MouseButtonPrimary})
}

func TestSelectAnnotateEditUndoDelete(t *testing.T) {
	u, st := loaded(t)
	id := u.art.current.ID
	body := []rune(u.art.revision.Body)
	phrase := "water guarantee"
	if !strings.Contains(u.art.revision.Body, phrase) {
		phrase = strings.Fields(u.art.revision.Body)[3]
	}
	start := len([]rune(u.art.revision.Body[:strings.Index(u.art.revision.Body, phrase)]))
	end := start + len([]rune(phrase))

	before := len(annotationsOf(t, st, id)) // the demo's own
	made := func() []app.Annotation {
		var out []app.Annotation
		for _, a := range annotationsOf(t, st, id) {
			if strings.HasPrefix(a.Note, "The key concession") || strings.HasPrefix(a.Note, "Concession, per") {
				out = append(out, a)
			}
		}
		return out
	}

	// Select with the mouse: the selection bar offers to annotate; A opens
	// the dialog on the passage.
	dragSelect(u, start, end)
	if u.form != nil || !u.art.selBar.box.Visible() {
		t.Fatal("selecting should show the selection bar, not a dialog")
	}
	u.typedRune('a')
	if u.form == nil {
		t.Fatal("no annotate dialog after A")
	}
	u.form.Note.SetText("The key concession.")
	u.form.Tags.SetText("claim/concession, actor/estvale")
	u.form.Color.SetSelected("green")
	u.form.Submit()
	u.jobs.Settle()
	annos := made()
	if len(annos) != 1 || annos[0].Quote != string(body[start:end]) || annos[0].Color != app.Palette["green"] {
		t.Fatalf("stored %+v", annos)
	}
	if len(u.art.annotations) != before+1 || u.art.notes.Length() != before+1 {
		t.Fatalf("panel shows %d annotations, want %d", u.art.notes.Length(), before+1)
	}
	if hs := u.art.reader.Page(); hs == nil {
		t.Fatal("no reader page")
	}

	// Click the highlight: the edit dialog; change the note.
	p := u.art.reader.Page()
	p.Tapped(&fyne.PointEvent{Position: p.PositionOf(start + 2).Add(fyne.NewPos(0.5, 4))})
	if u.form == nil || !u.form.CanRemove() || u.form.Note.Text != "The key concession." {
		t.Fatal("clicking the highlight did not open it")
	}
	u.form.Note.SetText("Concession, per the Courier.")
	u.form.Submit()
	u.jobs.Settle()
	if a := made(); len(a) != 1 || a[0].Note != "Concession, per the Courier." {
		t.Fatalf("after edit: %+v", a)
	}

	// Ctrl+Z takes the edit back.
	u.Undo()
	u.jobs.Settle()
	if a := made(); len(a) != 1 || a[0].Note != "The key concession." {
		t.Fatalf("after undoing the edit: %+v", a)
	}

	// Delete from the dialog, then undo the delete.
	p.Tapped(&fyne.PointEvent{Position: p.PositionOf(start + 2).Add(fyne.NewPos(0.5, 4))})
	u.form.Remove()
	u.jobs.Settle()
	if a := made(); len(a) != 0 || u.art.notes.Length() != before {
		t.Fatalf("after delete: %d stored, %d shown", len(a), u.art.notes.Length())
	}
	u.Undo()
	u.jobs.Settle()
	if a := made(); len(a) != 1 || a[0].Quote != phrase || u.art.notes.Length() != before+1 {
		t.Fatalf("after undoing the delete: %+v", a)
	}
}

func TestLibrarySearchAndQuickOpen(t *testing.T) {
	u, _ := loaded(t)
	u.lib.query.SetText("fish OR stallholders")
	u.jobs.Settle()
	if len(u.lib.rows) != 2 {
		t.Fatalf("'fish OR stallholders' lists %d of %d articles", len(u.lib.rows), len(u.shelf))
	}
	for _, r := range u.lib.rows {
		if sub, _ := u.rowLine(r); !strings.Contains(strings.ToLower(sub), "fish") && !strings.Contains(strings.ToLower(sub), "stallholders") {
			t.Errorf("hit %q: snippet %q has neither word", r.title, sub)
		}
	}
	// Opening a hit marks the matches in the reader.
	u.lib.list.Select(0)
	u.jobs.Settle()
	if len(u.art.reader.Page().Marks()) == 0 {
		t.Error("no search matches marked in the reader")
	}

	// Another query leaves no marks of the first behind.
	u.lib.query.SetText("dam")
	u.jobs.Settle()
	if n := len(u.art.reader.Page().Marks()); n != 0 {
		t.Errorf("%d marks of the previous query stay in the reader", n)
	}

	// A malformed query says why, plainly quoted, and lists nothing.
	u.lib.query.SetText(`"unclosed`)
	u.jobs.Settle()
	if want := "unbalanced quote in query “\"unclosed”"; !strings.Contains(u.status.Text, want) || strings.Contains(u.status.Text, `\"`) {
		t.Errorf("a malformed query says %q, want it to say %q", u.status.Text, want)
	}
	if len(u.lib.rows) != 0 {
		t.Errorf("a malformed query leaves %d hits of the last one listed", len(u.lib.rows))
	}

	u.lib.query.SetText(">ledger")
	u.jobs.Settle()
	if len(u.lib.rows) == 0 || u.lib.rows[0].hit == nil || u.lib.rows[0].hit.sub != "outlet" && !strings.Contains(strings.ToLower(u.lib.rows[0].title), "ledger") {
		t.Fatalf("quick-open rows %+v", u.lib.rows)
	}
	u.lib.query.SetText("")
	u.jobs.Settle()
	if len(u.lib.rows) != len(u.shelf) {
		t.Errorf("clearing the box lists %d of %d", len(u.lib.rows), len(u.shelf))
	}
}

func TestRevisionPickerShowsOlderRevisionWithItsAnnotations(t *testing.T) {
	u, st := loaded(t)
	revised := openRevised(u)
	if !u.art.revisions.Visible() || u.art.revisions.Selected != "Revision 2" {
		t.Fatalf("picker visible %v, selected %q", u.art.revisions.Visible(), u.art.revisions.Selected)
	}
	// Annotate the latest revision, then look at the first.
	onLatest := len(u.art.annotations)
	r1, _ := st.FindRevision(revised.ID, 1)
	word := strings.Fields(r1.Body)[1]
	start := len([]rune(u.art.revision.Body[:strings.Index(u.art.revision.Body, word)]))
	if _, err := u.an.Annotate(app.AnnotateInput{Article: revised.ID, Span: app.Span{Start: start, End: start + len([]rune(word))}, Note: "n"}); err != nil {
		t.Fatal(err)
	}
	u.art.revisions.SetSelected("Revision 1")
	u.jobs.Settle()
	if u.art.revision.Number != 1 || u.art.reader.Text() != r1.Body {
		t.Fatalf("shows revision %d", u.art.revision.Number)
	}
	// Made on revision 2, the annotation has no place in revision 1.
	for _, a := range u.art.annotations {
		if a.Note == "n" {
			t.Errorf("revision 1 shows the annotation made on revision 2")
		}
	}
	u.art.revisions.SetSelected("Revision 2")
	u.jobs.Settle()
	if u.art.revision.Number != 2 || len(u.art.annotations) != onLatest+1 {
		t.Fatalf("back on revision 2: %d annotations", len(u.art.annotations))
	}
	for _, a := range u.art.annotations {
		if got := string([]rune(u.art.reader.Text())[a.Start:a.End]); a.Note == "n" && got != word {
			t.Errorf("annotation on %q, want %q", got, word)
		}
	}
}

func TestTagManagerRenamesRecoloursAndDeletes(t *testing.T) {
	u, st := loaded(t)
	id := u.art.current.ID
	for _, tags := range [][]string{{"zz/estvale"}, {"zz/riverton", "zzclaim"}} {
		if _, err := u.an.Annotate(app.AnnotateInput{Article: id, Span: app.Span{Start: 0, End: 5}, Tags: tags}); err != nil {
			t.Fatal(err)
		}
	}
	u.art.tags.SetText("zz/topic")
	u.saveArticleTags()
	u.jobs.Settle()
	m := u.showTagManager()
	u.jobs.Settle()
	set := m.Tags()
	if !slices.Contains(set.Children[""], "zz") || len(set.Children["zz"]) != 3 || set.Tags["zzclaim"].Annotations != 1 {
		t.Fatalf("tree: root %v, zz %v", set.Children[""], set.Children["zz"])
	}
	u.filterByTag("zz")
	u.jobs.Settle()
	if len(u.lib.rows) != 1 || u.lib.rows[0].id != id {
		t.Errorf("showing zz's articles lists %+v", u.lib.rows)
	}
	u.lib.filters.setTag("")
	u.jobs.Settle()
	m.Rename("zz", "party", false)
	u.jobs.Settle()
	var got []string
	for _, a := range annotationsOf(t, st, id) {
		for _, tag := range a.Tags {
			if strings.HasPrefix(tag, "zz") || strings.HasPrefix(tag, "party") {
				got = append(got, tag)
			}
		}
	}
	slices.Sort(got)
	if strings.Join(got, ",") != "party/estvale,party/riverton,zzclaim" {
		t.Errorf("after renaming zz to party: %v", got)
	}
	// The window follows: the panel and the filter's tree show the new path.
	shown := 0
	for _, a := range u.art.annotations {
		if slices.ContainsFunc(a.Tags, func(t string) bool { return strings.HasPrefix(t, "party/") }) {
			shown++
		}
	}
	if shown != 2 {
		t.Errorf("panel shows %d annotations tagged party/…", shown)
	}
	if _, ok := u.lib.filters.tags.Tags["party/estvale"]; !ok {
		t.Error("the filter's tag tree does not show the renamed tag")
	}
	if !strings.Contains(u.status.Text, "zz → party") {
		t.Errorf("status %q", u.status.Text)
	}
	// So does the article's row in the library, which reads its tags
	// from the store.
	row := slices.IndexFunc(u.lib.rows, func(r row) bool { return r.id == id })
	if row < 0 {
		t.Fatal("the article is not listed")
	}
	if _, tags := u.rowLine(u.lib.rows[row]); !slices.Equal(tags, []string{"party/topic"}) {
		t.Errorf("the library row's tags after the rename: %v", tags)
	}
}

// rowTitles are the titles the library lists, in order.
func rowTitles(u *UI) []string {
	out := make([]string, len(u.lib.rows))
	for i, r := range u.lib.rows {
		out[i] = r.title
	}
	return out
}

func TestLibrarySorts(t *testing.T) {
	u, _ := loaded(t)
	titles := func() []string { return rowTitles(u) }
	u.lib.sort.SetSelected("Title")
	byTitle := titles()
	for i := 1; i < len(byTitle); i++ {
		if strings.ToLower(byTitle[i-1]) > strings.ToLower(byTitle[i]) {
			t.Fatalf("by title: %q before %q", byTitle[i-1], byTitle[i])
		}
	}
	u.lib.sort.SetSelected("Newest")
	newest := titles()
	u.lib.sort.SetSelected("Oldest")
	oldest := titles()
	if newest[0] == oldest[0] || len(newest) != len(u.shelf) {
		t.Errorf("newest %q, oldest %q", newest, oldest)
	}
}

func TestExportWritesTheChosenFormat(t *testing.T) {
	u, st := loaded(t)
	if _, err := u.an.Annotate(app.AnnotateInput{Article: u.art.current.ID, Span: app.Span{Start: 0, End: 12}, Note: "first words", Tags: []string{"claim"}}); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("Exported %d annotations on 1 articles", len(annotationsOf(t, st, u.art.current.ID)))
	dir := t.TempDir()
	for _, f := range exportFormats {
		path := filepath.Join(dir, "out"+f.ext)
		u.export(context.Background(), path, f.format, exchange.Filter{Articles: []app.ArticleID{u.art.current.ID}})
		u.jobs.Settle()
		b, err := os.ReadFile(path)
		if err != nil || len(b) == 0 {
			t.Fatalf("%s: %v, %d bytes", f.format, err, len(b))
		}
		if f.format != "qdpx" && !strings.Contains(string(b), "first words") {
			t.Errorf("%s export lacks the note", f.format)
		}
		if !strings.Contains(u.status.Text, want) {
			t.Errorf("%s: status %q", f.format, u.status.Text)
		}
	}
	// The next export's dialog opens where this one wrote, whatever
	// folder an import used since.
	u.rememberFolder(importFolderKey, t.TempDir())
	if at := u.folderFor(exportFolderKey); at == nil || at.Path() != dir {
		t.Errorf("the export dialog would open in %v, want %s", at, dir)
	}
}

func TestCanceledExportWritesNothing(t *testing.T) {
	u, _ := loaded(t)
	path := filepath.Join(t.TempDir(), "out.csv")
	if err := os.WriteFile(path, nil, 0o644); err != nil { // as the save dialog leaves it
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	u.export(ctx, path, "csv", exchange.Filter{})
	u.jobs.Settle()
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a canceled export left %s (%v)", path, err)
	}
	if u.status.Text != "Export canceled: nothing written." {
		t.Errorf("status %q", u.status.Text)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".parallax-*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// Opening a comparison of the demo's revised story shows it in a window
// of its own (the window itself is tested in ui/comparison).
func TestOpenComparisonShowsAWindow(t *testing.T) {
	u, _ := loaded(t)
	revised := openRevised(u)
	before := len(fyne.CurrentApp().Driver().AllWindows())
	u.openComparison(compare.Ref{Article: revised.ID, Revision: 1}, compare.Ref{Article: revised.ID, Revision: 2})
	u.jobs.Settle()
	wins := fyne.CurrentApp().Driver().AllWindows()
	if len(wins) != before+1 || !strings.HasPrefix(wins[len(wins)-1].Title(), "Compare: "+app.Excerpt(revised.Title, 50)) {
		t.Fatalf("%d windows after opening a comparison (%d before), the last titled %q", len(wins), before, wins[len(wins)-1].Title())
	}
}

func TestFindInArticle(t *testing.T) {
	u, _ := loaded(t)
	u.openFind()
	u.art.findBar.entry.SetText("the")
	want := findAll([]rune(u.art.revision.Body), []rune("THE"))
	if len(want) < 2 || len(u.art.reader.Page().Marks()) != len(want) {
		t.Fatalf("%d marks, %d matches", len(u.art.reader.Page().Marks()), len(want))
	}
	if s, e := u.art.reader.Selection(); s != want[0][0] || e != want[0][1] || u.art.findBar.count.Text != fmt.Sprintf("1 of %d", len(want)) {
		t.Errorf("first match: %d-%d, %q", s, e, u.art.findBar.count.Text)
	}
	u.findNext()
	if s, _ := u.art.reader.Selection(); s != want[1][0] {
		t.Errorf("Enter went to %d, want %d", s, want[1][0])
	}
	u.art.findBar.entry.SetText("zzzz")
	if u.art.findBar.count.Text != "no matches" || len(u.art.reader.Page().Marks()) != 0 {
		t.Errorf("no match: %q", u.art.findBar.count.Text)
	}
	u.closeFind()
	if u.art.findBar.box.Visible() {
		t.Error("find bar still shown")
	}
}

func TestFindAll(t *testing.T) {
	for _, c := range []struct {
		text, pattern string
		want          string
	}{
		{"The the THE", "the", "[[0 3] [4 7] [8 11]]"},
		{"aaaa", "aa", "[[0 2] [2 4]]"},
		{"Київ і КИЇВ", "київ", "[[0 4] [7 11]]"},
		{"abc", "", "[]"},
	} {
		if got := fmt.Sprint(findAll([]rune(c.text), []rune(c.pattern))); got != c.want {
			t.Errorf("findAll(%q, %q) = %s, want %s", c.text, c.pattern, got, c.want)
		}
	}
}

func TestArticleTagsAndCountsInTheLibrary(t *testing.T) {
	u, st := loaded(t)
	id := u.art.current.ID
	row := slices.IndexFunc(u.lib.rows, func(r row) bool { return r.id == id })
	u.art.tags.SetText("zz/topic, Other ")
	u.saveArticleTags()
	u.jobs.Settle()
	a, _ := st.FindArticleByID(id)
	if strings.Join(a.Tags, ",") != "Other,zz/topic" && strings.Join(a.Tags, ",") != "zz/topic,Other" {
		t.Fatalf("article tags %v", a.Tags)
	}
	if _, tags := u.rowLine(u.lib.rows[row]); !slices.Contains(tags, "zz/topic") || len(u.tagChips(tags)) != 2 { // a chip and "+1"
		t.Errorf("library row tags %v", tags)
	}
	if chips := u.tagChips([]string{"a", "b", "c", "d"}); len(chips) != maxChips+1 {
		t.Errorf("%d chips for 4 tags, want %d and a +n", len(chips), maxChips)
	}
	u.art.tags.SetText("Other")
	u.saveArticleTags()
	u.jobs.Settle()
	if a, _ = st.FindArticleByID(id); strings.Join(a.Tags, ",") != "Other" {
		t.Errorf("after removing zz/topic: %v", a.Tags)
	}
	// Annotating updates the row's count.
	before := u.counts[id]
	if _, err := u.an.Annotate(app.AnnotateInput{Article: id, Span: app.Span{Start: 0, End: 4}}); err != nil {
		t.Fatal(err)
	}
	u.reloadAnnotations()
	u.jobs.Settle()
	if sub, _ := u.rowLine(u.lib.rows[row]); u.counts[id] != before+1 || !strings.Contains(sub, fmt.Sprintf("%d annotation", before+1)) {
		t.Errorf("count %d, row %q", u.counts[id], sub)
	}
}

func TestLibraryFilters(t *testing.T) {
	u, st := loaded(t)
	if len(u.lib.filters.outlet.Options) != 3 {
		t.Fatalf("outlet choices %v", u.lib.filters.outlet.Options)
	}
	count := func() int { u.jobs.Settle(); return len(u.lib.rows) }
	u.lib.filters.outlet.SetSelected("Valley Courier")
	if n := count(); n != 2 {
		t.Errorf("Valley Courier: %d articles", n)
	}
	u.lib.filters.after.SetText("2026-03-16")
	if n := count(); n != 1 {
		t.Errorf("Valley Courier after 16 March: %d articles", n)
	}
	u.lib.filters.after.SetText("2026-03-1") // half typed: ignored
	if n := count(); n != 2 {
		t.Errorf("with a half-typed date: %d articles", n)
	}
	u.lib.filters.after.SetText("")
	u.lib.filters.outlet.SetSelected(anyOutlet)
	u.lib.filters.tagTree.Select("framing") // the user picks it in the tree
	var want int
	st.ForEachArticle(func(a app.Article) error {
		found := false
		st.ForEachAnnotation(app.AnnotationFilter{Article: a.ID, Tag: "framing"}, func(app.Annotation) error { found = true; return nil })
		if found {
			want++
		}
		return nil
	})
	if n := count(); n != want || want == 0 {
		t.Errorf("tag framing: %d articles, want %d", n, want)
	}
	u.lib.query.SetText("river")
	if n := count(); n > want {
		t.Errorf("text and tag: %d articles", n)
	}
	if info := u.lib.filters.tags.Tags["framing"]; info.Annotations == 0 || !strings.Contains(u.lib.filters.tagLabel.Text, "framing") {
		t.Errorf("tree entry %+v, label %q", info, u.lib.filters.tagLabel.Text)
	}
	test.Tap(u.lib.filters.anyTag)
	u.lib.query.SetText("")
	if n := count(); n != len(u.shelf) {
		t.Errorf("no filters: %d of %d", n, len(u.shelf))
	}
}

func TestImportFolderShowsProgressAndRelists(t *testing.T) {
	u, st := loaded(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "new.txt"), []byte("Fresh headline about the dam\n\nA new report on the Kessel dam.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.html"), []byte("<html><body></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := len(u.shelf)
	u.lib.list.Select(2)
	u.jobs.Settle()
	shown := u.art.current.ID
	u.importPaths([]string{dir}, importer.Options{})
	u.jobs.Settle()
	stats, _ := st.Stats()
	if stats.Articles != before+1 || len(u.shelf) != before+1 {
		t.Fatalf("after import: store %d, library %d, want %d", stats.Articles, len(u.shelf), before+1)
	}
	if !slices.ContainsFunc(u.lib.rows, func(r row) bool { return r.title == "Fresh headline about the dam" }) {
		t.Error("the new article is not listed")
	}
	// The summary stays in the status bar; the report lists the failure
	// first, with its reason; the reader stays on its article.
	if want := "2 files: 1 imported, 0 new revisions, 0 duplicates, 1 failed"; u.status.Text != want {
		t.Errorf("status %q, want %q", u.status.Text, want)
	}
	if u.report == nil {
		t.Fatal("no import report")
	}
	rows := u.report.Shown()
	if len(rows) != 1 || rows[0].Kind != "failed" || !strings.Contains(rows[0].Where, "broken.html") || !strings.Contains(rows[0].Detail, "no article text found") {
		t.Errorf("report shows %+v, want the failure alone", rows)
	}
	u.report.Filter.SetSelectedIndex(0)
	if rows = u.report.Shown(); len(rows) != 2 || rows[0].Kind != "failed" || rows[1].Kind != "imported" {
		t.Errorf("everything: %+v", rows)
	}
	test.Tap(u.report.Copy)
	if got := u.p.App.Clipboard().Content(); !strings.HasPrefix(got, u.status.Text+"\nfailed\t") {
		t.Errorf("copied report %q", got)
	}
	if u.art.current.ID != shown {
		t.Errorf("the reader jumped from article %d to %d", shown, u.art.current.ID)
	}
}

// Ctrl+I while the folder dialog is open, or an import runs, opens no
// second dialog behind the first.
func TestImportShortcutTwiceOpensOneDialog(t *testing.T) {
	u, _ := loaded(t)
	overlays := u.win.Canvas().Overlays()
	before := len(overlays.List())
	for range 2 {
		u.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyI))
	}
	if n := len(overlays.List()) - before; n != 1 {
		t.Errorf("%d dialogs opened, want 1", n)
	}
}

func TestCopySelection(t *testing.T) {
	u, _ := loaded(t)
	dragSelect(u, 0, 12)
	u.copySelection()
	s, e := u.art.reader.Selection()
	want := string([]rune(u.art.revision.Body)[s:e])
	if s != 0 || e < 12 {
		t.Errorf("selected %d–%d, want 0 to the end of the word at 12", s, e)
	}
	if got := u.p.App.Clipboard().Content(); got != want {
		t.Errorf("clipboard %q, want %q", got, want)
	}
}

func TestUndoAndCopyShortcutsReachTheWindow(t *testing.T) {
	u, st := loaded(t)
	id := u.art.current.ID
	before := len(annotationsOf(t, st, id))
	dragSelect(u, 0, 12)
	u.typedRune('a')
	u.form.Submit()
	u.jobs.Settle()
	if n := len(annotationsOf(t, st, id)); n != before+1 {
		t.Fatalf("%d annotations after saving, want %d", n, before+1)
	}
	// As the driver delivers Ctrl+Z with no entry focused.
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	u.jobs.Settle()
	if n := len(annotationsOf(t, st, id)); n != before {
		t.Errorf("%d annotations after Ctrl+Z, want %d", n, before)
	}
	u.art.reader.Select(0, 5)
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutCopy{Clipboard: u.p.App.Clipboard()})
	if got := u.p.App.Clipboard().Content(); got != string([]rune(u.art.revision.Body)[:5]) {
		t.Errorf("Ctrl+C copied %q", got)
	}
}

func TestQueriesTypedWhileOneRunsFoldIntoTheLatest(t *testing.T) {
	u, _ := loaded(t)
	// Keystrokes arrive before the first query's answer is shown.
	for _, q := range []string{"f", "fi", "fis", "fish", "fish OR", "fish OR stallholders"} {
		u.lib.query.SetText(q)
	}
	if !u.lib.querying || u.lib.queued == nil || *u.lib.queued != "fish OR stallholders" {
		t.Fatalf("querying %v, queued %v", u.lib.querying, u.lib.queued)
	}
	u.jobs.Settle()
	if u.lib.querying || u.lib.queued != nil || len(u.lib.rows) != 2 {
		t.Errorf("after settling: querying %v, queued %v, %d rows", u.lib.querying, u.lib.queued, len(u.lib.rows))
	}
}

// Ctrl+K starts a quick-open query: what is typed next goes after ">".
func TestQuickOpenShortcutPutsTheCursorAfterThePrefix(t *testing.T) {
	u, _ := loaded(t)
	for _, before := range []string{"", "fish", ">led"} {
		u.lib.query.SetText(before)
		u.jobs.Settle()
		u.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyK))
		test.Type(u.lib.query, "ger")
		u.jobs.Settle()
		want := ">ger"
		if before == ">led" {
			want = ">ledger"
		}
		if u.lib.query.Text != want {
			t.Errorf("after %q, Ctrl+K and typing: %q, want %q", before, u.lib.query.Text, want)
		}
	}
}

// Quick-open is chosen from the keyboard: Enter opens the best match;
// Down moves into the list, Space opens the row the arrows reach.
func TestQuickOpenFromTheKeyboard(t *testing.T) {
	u, _ := loaded(t)
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyK))
	test.Type(u.lib.query, "kessel")
	u.jobs.Settle()
	if len(u.lib.rows) < 2 || u.lib.rows[0].id == 0 || u.lib.rows[1].id == 0 {
		t.Fatalf("quick-open rows %+v, want two titles first", u.lib.rows)
	}
	best, second := u.lib.rows[0].id, u.lib.rows[1]
	u.lib.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.jobs.Settle()
	if u.art.current.ID != best {
		t.Errorf("Enter opened article %d, want the best match %d", u.art.current.ID, best)
	}
	u.lib.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	focused, ok := u.win.Canvas().Focused().(*widget.List)
	if !ok || focused != u.lib.list {
		t.Fatalf("Down moved the focus to %T", u.win.Canvas().Focused())
	}
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	u.jobs.Settle()
	if u.art.current.ID != second.id {
		t.Errorf("Down, Space opened %d, want the second row's %d", u.art.current.ID, second.id)
	}
}

// The filters apply to quick-open too: its titles are those of the
// articles the filters pass (outlets and tags are still offered).
func TestQuickOpenKeepsTheFilters(t *testing.T) {
	u, _ := loaded(t)
	titles := func() (out []string) {
		u.jobs.Settle()
		for _, r := range u.lib.rows {
			if r.query() == "" { // a title; outlets and tags list by a query
				out = append(out, r.title)
			}
		}
		return out
	}
	u.lib.query.SetText(">dam")
	all := titles()
	u.lib.filters.outlet.SetSelected("Valley Courier")
	kept := titles()
	if len(kept) == 0 || len(kept) >= len(all) {
		t.Fatalf("quick-open titles: %d without the filter, %d with it", len(all), len(kept))
	}
	for _, title := range kept {
		as := collection(u)
		i := slices.IndexFunc(as, func(a app.Article) bool { return a.Title == title })
		if i < 0 || as[i].Outlet != "Valley Courier" {
			t.Errorf("%q passes the outlet filter", title)
		}
	}
	u.lib.filters.outlet.SetSelected(anyOutlet)
	if got := titles(); len(got) != len(all) {
		t.Errorf("filter cleared: %d titles, want %d", len(got), len(all))
	}
}

// Undoing an annotation or an edit also takes back the tags it defined,
// when nothing else uses them; tags that were there before stay.
func TestUndoTakesBackTheTagsAChangeDefined(t *testing.T) {
	u, st := loaded(t)
	paths := func() map[string]bool {
		infos, err := st.Tags()
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]bool{}
		for _, ti := range infos {
			m[ti.Path] = true
		}
		return m
	}
	before := paths()
	u.promptAnnotate(0, 8)
	u.form.Tags.SetText("fresh/idea, claim")
	u.form.Submit()
	u.jobs.Settle()
	if !paths()["fresh/idea"] {
		t.Fatal("the new tag was not defined")
	}
	u.Undo()
	u.jobs.Settle()
	after := paths()
	if after["fresh"] || after["fresh/idea"] || len(after) != len(before) {
		t.Errorf("after undoing the annotation: %v, before it %v", after, before)
	}

	// An edit that adds a tag, undone.
	u.promptAnnotate(0, 8)
	u.form.Tags.SetText("claim")
	u.form.Submit()
	u.jobs.Settle()
	id := u.art.annotations[slices.IndexFunc(u.art.annotations, func(a app.Annotation) bool { return a.Start == 0 && a.End == 8 })].ID
	u.promptEdit(id)
	u.form.Tags.SetText("claim, brand/new")
	u.form.Submit()
	u.jobs.Settle()
	u.Undo()
	u.jobs.Settle()
	if got := paths(); got["brand"] || got["brand/new"] || !got["claim"] {
		t.Errorf("after undoing the edit: %v", got)
	}
}

// Annotation cards fit their wrapped quote, note and tags at 640x480 and
// shrink again when the window grows (issue 23, item 5).
func TestAnnotationCardsFitAtEverySize(t *testing.T) {
	u, _ := loaded(t)
	u.win.Resize(fyne.NewSize(1280, 780))
	test.LaidOutObjects(u.win.Content())
	fit := func(size fyne.Size) map[string]float32 {
		t.Helper()
		u.win.Resize(size)
		u.jobs.Settle()
		heights := map[string]float32{}
		for _, card := range drawnCards(u.art.notes) {
			body := card.Objects[0].(*fyne.Container)
			var bottom float32
			for _, part := range body.Objects {
				if !part.Visible() {
					continue
				}
				if part.Position().Y < bottom-0.5 {
					t.Errorf("%v: a card's parts overlap (%.0f starts above %.0f)", size, part.Position().Y, bottom)
				}
				bottom = part.Position().Y + part.Size().Height
			}
			if need := card.MinSize().Height; card.Size().Height < need-0.5 || card.Size().Height > need+0.5 {
				t.Errorf("%v: a card is %.0f high, its text needs %.0f", size, card.Size().Height, need)
			}
			heights[body.Objects[0].(*widget.Label).Text] = card.Size().Height
		}
		if len(heights) == 0 {
			t.Fatalf("%v: no annotation cards shown", size)
		}
		return heights
	}
	small := fit(fyne.NewSize(640, 480))
	large := fit(fyne.NewSize(1600, 1000))
	shrunk := false
	for quote, h := range large {
		if s, ok := small[quote]; ok && h < s {
			shrunk = true
		}
	}
	if !shrunk {
		t.Errorf("no card got shorter in a wider window: %v then %v", small, large)
	}
}

// drawnCards finds the annotation cards in the panel's drawn tree,
// without laying it out again as test.LaidOutObjects would.
func drawnCards(o fyne.CanvasObject) []*fyne.Container {
	switch o := o.(type) {
	case *fyne.Container:
		if len(o.Objects) == 2 {
			if body, ok := o.Objects[0].(*fyne.Container); ok && len(body.Objects) == 3 {
				return []*fyne.Container{o}
			}
		}
		var out []*fyne.Container
		for _, c := range o.Objects {
			out = append(out, drawnCards(c)...)
		}
		return out
	case *widget.Label:
		return nil
	case fyne.Widget:
		var out []*fyne.Container
		for _, c := range test.WidgetRenderer(o).Objects() {
			out = append(out, drawnCards(c)...)
		}
		return out
	}
	return nil
}

// Escape closes the dialog on top, as its Cancel or Close button would,
// one at a time (issue 23, item 9).
func TestEscapeClosesTheDialogOnTop(t *testing.T) {
	u, _ := loaded(t)
	esc := func() { u.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) }
	overlays := func() int { return len(u.win.Canvas().Overlays().List()) }
	for name, open := range map[string]func(){
		"export":        u.promptExport,
		"search syntax": u.showSearchHelp,
		"tag manager":   func() { u.showTagManager() },
		"import folder": u.promptImport,
	} {
		open()
		if overlays() != 1 {
			t.Fatalf("%s: %d overlays open", name, overlays())
		}
		esc()
		if overlays() != 0 {
			t.Errorf("Escape left the %s dialog open", name)
		}
	}
	// Ctrl+I works again after Escape closed its dialog.
	u.promptImport()
	if overlays() != 1 {
		t.Error("the import dialog does not open again after Escape")
	}
	esc()

	u.promptExport()
	u.inform("Note", "on top of the export dialog")
	esc()
	if overlays() != 1 {
		t.Fatalf("one Escape left %d dialogs, want the export dialog", overlays())
	}
	esc()
	if overlays() != 0 {
		t.Errorf("two Escapes left %d dialogs", overlays())
	}
	esc() // nothing open: nothing happens

	// From a dialog's text field too: Fyne's entries keep Escape.
	escKey := &fyne.KeyEvent{Name: fyne.KeyEscape}
	for name, open := range map[string]func() interface{ TypedKey(*fyne.KeyEvent) }{
		"edit metadata": func() interface{ TypedKey(*fyne.KeyEvent) } { u.promptEditMeta(); return u.metaForm.title },
		"preferences":   func() interface{ TypedKey(*fyne.KeyEvent) } { u.showPreferences(); return u.prefsName },
		"import paths":  func() interface{ TypedKey(*fyne.KeyEvent) } { u.promptImportPaths(); return u.importPathsBox },
		"set outlet":    func() interface{ TypedKey(*fyne.KeyEvent) } { u.promptListedOutlet(); return u.listedOutlet },
	} {
		field := open()
		u.win.Canvas().Focus(field.(fyne.Focusable))
		field.TypedKey(escKey)
		if overlays() != 0 {
			t.Errorf("Escape in the %s dialog's field left it open", name)
			u.dismissTop()
		}
	}
	u.openFind()
	u.art.findBar.entry.TypedKey(escKey)
	if u.art.findBar.box.Visible() {
		t.Error("Escape in the find bar left it open")
	}
}

// Correcting an article's metadata in the app: the library and reader
// show it, search finds it at once, Ctrl+Z takes it back; a field that
// cannot be read keeps Save disabled.
func TestEditMetadataAndUndo(t *testing.T) {
	u, st := loaded(t)
	id := u.art.current.ID
	before, _ := st.FindArticleByID(id)
	u.promptEditMeta()
	f := u.metaForm
	if f == nil || f.title.Text != before.Title {
		t.Fatal("the dialog does not show the article's metadata")
	}
	f.published.SetText("14/03/2026")
	if f.published.Validate() == nil {
		t.Error("a date written 14/03/2026 is accepted")
	}
	f.outlet.SetText("Riverton Gazette")
	f.published.SetText("2026-03-20")
	f.url.SetText("https://gazette.example/dam")
	f.dialog.Submit()
	u.jobs.Settle()
	after, _ := st.FindArticleByID(id)
	if after.Outlet != "Riverton Gazette" || after.Published.Format(time.DateOnly) != "2026-03-20" || after.Was == nil {
		t.Fatalf("stored %+v", after.Meta)
	}
	if !strings.Contains(u.art.meta.Text, "Riverton Gazette") {
		t.Errorf("the reader's line says %q", u.art.meta.Text)
	}
	i := slices.IndexFunc(u.lib.rows, func(r row) bool { return r.id == id })
	if i < 0 {
		t.Fatalf("the article is not listed")
	}
	if sub, _ := u.rowLine(u.lib.rows[i]); !strings.Contains(sub, "Riverton Gazette") {
		t.Errorf("the library row is not updated: %q", sub)
	}
	u.lib.query.SetText(`outlet:"Riverton Gazette"`)
	u.jobs.Settle()
	if len(u.lib.rows) != 1 || u.lib.rows[0].id != id {
		t.Errorf("searching the new outlet lists %+v", u.lib.rows)
	}
	u.Undo()
	u.jobs.Settle()
	if back, _ := st.FindArticleByID(id); back.Outlet != before.Outlet || !back.Published.Equal(before.Published) || back.Was != nil {
		t.Errorf("after undo: %+v, want %+v", back.Meta, before.Meta)
	}
}

// The outlet of every article listed, in one go (a folder imported
// without one).
func TestSetOutletOfListedArticles(t *testing.T) {
	u, st := loaded(t)
	u.lib.query.SetText("dam")
	u.jobs.Settle()
	want := map[app.ArticleID]bool{}
	for _, r := range u.lib.rows {
		want[r.id] = true
	}
	if len(want) < 2 {
		t.Fatalf("'dam' lists %d articles", len(want))
	}
	u.promptListedOutlet()
	u.listedOutlet.SetText("Wire")
	u.dismissTop() // Cancel changes nothing
	u.jobs.Settle()
	u.promptListedOutlet()
	u.listedOutlet.SetText("Wire")
	test.Tap(findButton(t, u.win.Canvas().Overlays().Top(), "Set"))
	u.jobs.Settle()
	st.ForEachArticle(func(a app.Article) error {
		if (a.Outlet == "Wire") != want[a.ID] {
			t.Errorf("article %d (%q): outlet %q", a.ID, a.Title, a.Outlet)
		}
		return nil
	})
}

func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no %q button", text)
	return nil
}

// From the annotations panel to a tag's passages across the collection,
// and back to the reader at one of them.
func TestPassagesOpenInTheReader(t *testing.T) {
	u, _ := loaded(t)
	before := len(fyne.CurrentApp().Driver().AllWindows())
	u.articlePassages()
	u.jobs.Settle()
	wins := fyne.CurrentApp().Driver().AllWindows()
	if len(wins) != before+1 || !strings.HasPrefix(wins[len(wins)-1].Title(), "Passages: ") {
		t.Fatalf("%d windows, the last %q", len(wins), wins[len(wins)-1].Title())
	}
	w := u.showPassages("")
	u.jobs.Settle()
	shown := w.Shown()
	if len(shown) == 0 {
		t.Fatal("no passages listed")
	}
	last := shown[len(shown)-1]
	w.List.Select(len(shown) - 1)
	u.jobs.Settle()
	marks := u.art.reader.Page().Marks()
	if u.art.current.ID != last.Annotation.Article || len(marks) != 1 || marks[0] != [2]int{last.Start, last.End} {
		t.Errorf("the reader shows article %d with marks %v, want article %d at %d–%d", u.art.current.ID, marks, last.Annotation.Article, last.Start, last.End)
	}
}

// Quick-coding: a tag bound to a key in the tag manager codes the
// selected passage with one key press, no dialog; the binding shows in
// the manager and the selection bar, survives in the preferences and goes
// when its tag is renamed away.
func TestQuickCodingFromTheKeyboard(t *testing.T) {
	u, st := loaded(t)
	tag := u.knownTags[0]
	m := u.showTagManager()
	m.BindKey(tag, 3)
	u.dismissTop()
	if u.keyOf(tag) != 3 || u.p.App.Preferences().StringList(keysPref)[2] != tag {
		t.Fatalf("key 3 holds %q", u.keys[3])
	}
	id := u.art.current.ID
	before := len(annotationsOf(t, st, id))
	body := u.art.revision.Body
	word := strings.Fields(body)[5]
	start := len([]rune(body[:strings.Index(body, word)]))
	dragSelect(u, start, start+len([]rune(word)))
	if !strings.Contains(u.art.selBar.keys.Text, "3 "+tag) {
		t.Errorf("the selection bar says %q", u.art.selBar.keys.Text)
	}
	u.typedRune('7') // nothing bound: says so, codes nothing
	u.typedRune('3')
	u.jobs.Settle()
	annos := annotationsOf(t, st, id)
	if len(annos) != before+1 || u.form != nil {
		t.Fatalf("%d annotations (want %d), dialog %v", len(annos), before+1, u.form != nil)
	}
	var coded *app.Annotation
	for i := range annos {
		if annos[i].Quote == word {
			coded = &annos[i]
		}
	}
	if coded == nil || !slices.Equal(coded.Tags, []string{tag}) {
		t.Errorf("coded %+v, want %q tagged %s", coded, word, tag)
	}
	if u.art.selBar.box.Visible() {
		t.Error("the selection bar stays after coding")
	}

	// Escape lets go of a selection.
	dragSelect(u, 0, 5)
	u.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s, e := u.art.reader.Selection(); s != e || u.art.selBar.box.Visible() {
		t.Errorf("after Escape %d–%d selected, bar shown %v", s, e, u.art.selBar.box.Visible())
	}

	// Renamed away, the tag leaves its key.
	m = u.showTagManager()
	m.Rename(tag, "renamed/away", false)
	u.jobs.Settle()
	u.dismissTop()
	if u.keys[3] != "" {
		t.Errorf("key 3 still holds %q after its tag was renamed", u.keys[3])
	}
}

// Ctrl+Shift+Z makes again what Ctrl+Z took back: an annotation and a
// metadata edit; a new change forgets what could be redone.
func TestRedo(t *testing.T) {
	u, st := loaded(t)
	id := u.art.current.ID
	before := len(annotationsOf(t, st, id))
	u.quickCodeWith(t, "claim/redo")
	if n := len(annotationsOf(t, st, id)); n != before+1 {
		t.Fatalf("%d annotations after coding, want %d", n, before+1)
	}
	u.Undo()
	u.jobs.Settle()
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	u.jobs.Settle()
	if n := len(annotationsOf(t, st, id)); n != before+1 {
		t.Errorf("%d annotations after undo and redo, want %d", n, before+1)
	}

	outlet := "Redo Weekly"
	u.editMeta([]app.ArticleID{id}, app.MetaEdit{Outlet: &outlet})
	u.jobs.Settle()
	u.Undo()
	u.jobs.Settle()
	if a, _ := st.FindArticleByID(id); a.Outlet == outlet {
		t.Fatal("undo left the outlet")
	}
	u.Redo()
	u.jobs.Settle()
	if a, _ := st.FindArticleByID(id); a.Outlet != outlet {
		t.Errorf("redo: outlet %q", a.Outlet)
	}
	u.Undo()
	u.jobs.Settle()
	u.quickCodeWith(t, "claim/redo")
	if len(u.redo) != 0 {
		t.Error("a new change kept the redo list")
	}
}

// quickCodeWith binds tag to key 1 and codes the article's first word.
func (u *UI) quickCodeWith(t *testing.T, tag string) {
	t.Helper()
	u.bindKey(tag, 1)
	word := strings.Fields(u.art.revision.Body)[0]
	dragSelect(u, 0, len([]rune(word)))
	u.typedRune('1')
	u.jobs.Settle()
}

// The analyst's name set in Preferences is what new annotations record,
// now and in the next session.
func TestAnalystNameInPreferences(t *testing.T) {
	u, st := loaded(t)
	u.showPreferences()
	u.prefsName.SetText("  ")
	if u.prefsName.Validate() == nil {
		t.Error("a blank name is accepted")
	}
	u.prefsName.SetText("Olena Analyst")
	test.Tap(findButton(t, u.win.Canvas().Overlays().Top(), "Save"))
	u.quickCodeWith(t, "claim/who")
	var who []string
	for _, a := range annotationsOf(t, st, u.art.current.ID) {
		if slices.Contains(a.Tags, "claim/who") {
			who = append(who, a.Analyst)
		}
	}
	if !slices.Equal(who, []string{"Olena Analyst"}) {
		t.Errorf("coded as %v", who)
	}
	next := New(Params{App: u.p.App, Store: u.p.Store, Annotator: &app.Annotator{Store: u.an.Store}, Tags: u.p.Tags, Jobs: jobs.NewQueued()})
	if next.analyst() != "Olena Analyst" {
		t.Errorf("the next window annotates as %q", next.analyst())
	}
}

// Help lists every menu shortcut and the keys without one.
func TestShortcutsHelp(t *testing.T) {
	u, _ := loaded(t)
	u.showShortcuts()
	var text strings.Builder
	for _, o := range test.LaidOutObjects(u.win.Canvas().Overlays().Top()) {
		if r, ok := o.(*widget.RichText); ok {
			text.WriteString(r.String())
		}
	}
	for _, want := range []string{"Ctrl+M", "Ctrl+P", "Ctrl+Shift+C", "Ctrl+K", "1–9", "Escape", "Ctrl+Shift+Z"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the shortcuts help lacks %s:\n%s", want, text.String())
		}
	}
}

// The import options: an outlet for texts that name none, tags for all,
// a tag per sub-folder; a tag that cannot be one keeps Import disabled.
func TestImportOptions(t *testing.T) {
	u, st := loaded(t)
	dir := t.TempDir()
	for name, text := range map[string]string{
		"Business/a.txt": "Markets rise on the dam deal\n\nShares rose.",
		"sport/b.txt":    "Cup final in Riverton\n\nA late goal.",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600)
	}
	u.promptImportOptions([]string{dir}, true)
	f := u.importForm
	f.tags.SetText("bad//tag")
	if f.tags.Validate() == nil {
		t.Error("a malformed tag is accepted")
	}
	f.outlet.SetText("Riverton Wire")
	f.tags.SetText("batch/one")
	f.folders.SetChecked(true)
	f.dialog.Submit()
	u.jobs.Settle()
	got := map[string]string{}
	st.ForEachArticle(func(a app.Article) error {
		if a.Outlet == "Riverton Wire" {
			got[a.Title] = strings.Join(a.Tags, ",")
		}
		return nil
	})
	want := map[string]string{"Markets rise on the dam deal": "Business,batch/one", "Cup final in Riverton": "batch/one,sport"}
	if !maps.Equal(got, want) {
		t.Errorf("imported %v, want %v", got, want)
	}
}

// Deleting the article shown, after asking; Ctrl+Z brings it back with
// its annotations, Ctrl+Shift+Z deletes it again.
func TestDeleteArticleAndUndo(t *testing.T) {
	u, st := loaded(t)
	a := u.art.current
	annos := len(annotationsOf(t, st, a.ID))
	count := func() int { s, _ := st.Stats(); return s.Articles }
	before := count()
	u.promptDeleteArticle()
	u.dismissTop() // No: nothing happens
	u.jobs.Settle()
	if count() != before {
		t.Fatal("answering no deleted the article")
	}
	u.promptDeleteArticle()
	test.Tap(findButton(t, u.win.Canvas().Overlays().Top(), "Yes"))
	u.jobs.Settle()
	if count() != before-1 || slices.ContainsFunc(collection(u), func(x app.Article) bool { return x.Title == a.Title }) {
		t.Fatalf("after delete: %d articles (was %d), still listed", count(), before)
	}
	u.Undo()
	u.jobs.Settle()
	as := collection(u)
	i := slices.IndexFunc(as, func(x app.Article) bool { return x.Title == a.Title })
	if count() != before || i < 0 || len(annotationsOf(t, st, as[i].ID)) != annos {
		t.Fatalf("after undo: %d articles, listed at %d", count(), i)
	}
	if u.art.current.ID != as[i].ID {
		t.Error("the restored article is not shown")
	}
	u.Redo()
	u.jobs.Settle()
	if count() != before-1 {
		t.Errorf("redo: %d articles, want %d", count(), before-1)
	}
}

// A note is Markdown, and the panel shows it so: emphasis, not asterisks.
func TestNotesRenderAsMarkdown(t *testing.T) {
	u, _ := loaded(t)
	id := u.art.current.ID
	if _, err := u.an.Annotate(app.AnnotateInput{Article: id, Span: app.Span{Start: 0, End: 8}, Note: "A *bargaining chip*, per **two** sources"}); err != nil {
		t.Fatal(err)
	}
	u.reloadAnnotations()
	u.jobs.Settle()
	for _, card := range drawnCards(u.art.notes) {
		note := card.Objects[0].(*fyne.Container).Objects[1].(*widget.RichText)
		if !strings.Contains(note.String(), "bargaining chip") {
			continue
		}
		if strings.Contains(note.String(), "*") {
			t.Errorf("the note shows its Markdown: %q", note.String())
		}
		styled := 0
		for _, seg := range note.Segments {
			if ts, ok := seg.(*widget.TextSegment); ok && (ts.Style.TextStyle.Italic || ts.Style.TextStyle.Bold) {
				styled++
			}
		}
		if styled < 2 {
			t.Errorf("%d styled runs in %q, want the emphasis and the bold", styled, note.String())
		}
		return
	}
	t.Fatal("the note's card is not shown")
}

// Compare with any article, found by its title as one types, not only
// the most similar.
func TestCompareWithAnyArticle(t *testing.T) {
	u, _ := loaded(t)
	cur := u.art.current
	var other app.Article
	for _, a := range collection(u) {
		if a.ID != cur.ID {
			other = a
		}
	}
	u.promptCompare()
	u.jobs.Settle()
	p := u.comparePicker
	if p == nil {
		t.Fatal("no picker")
	}
	word := strings.Fields(other.Title)[0]
	test.Type(p.find, word)
	found := *p.found
	i := slices.IndexFunc(found, func(c compareChoice) bool { return c.ref.Article == other.ID })
	if i < 0 || slices.ContainsFunc(found, func(c compareChoice) bool { return c.ref.Article == cur.ID }) {
		t.Fatalf("typing %q finds %+v, want %d and not the article shown", word, found, other.ID)
	}
	before := len(fyne.CurrentApp().Driver().AllWindows())
	p.list.Select(i)
	u.jobs.Settle()
	wins := fyne.CurrentApp().Driver().AllWindows()
	if len(wins) != before+1 || !strings.Contains(wins[len(wins)-1].Title(), app.Excerpt(other.Title, 50)) {
		t.Errorf("%d windows; the last titled %q", len(wins), wins[len(wins)-1].Title())
	}

	// From the keyboard: Enter in the finder compares with the first
	// article found.
	u.promptCompare()
	u.jobs.Settle()
	p = u.comparePicker
	test.Type(p.find, word)
	first := (*p.found)[0]
	p.find.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.jobs.Settle()
	wins = fyne.CurrentApp().Driver().AllWindows()
	if len(wins) != before+2 || !strings.Contains(wins[len(wins)-1].Title(), strings.Join(strings.Fields(first.label)[:3], " ")) {
		t.Errorf("Enter in the finder: %d windows; the last titled %q, want one comparing with %q", len(wins), wins[len(wins)-1].Title(), first.label)
	}
}

// An import runs under a progress strip, not a dialog: the reader and
// library stay usable, and the strip's Cancel stops the import.
func TestImportRunsUnderAStrip(t *testing.T) {
	u, _ := loaded(t)
	dir := t.TempDir()
	for i := range 30 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.txt", i)), []byte(fmt.Sprintf("Story %d on the strip\n\nText %d.", i, i)), 0o600)
	}
	overlays := len(u.win.Canvas().Overlays().List())
	ctx, done := u.strip.start(context.Background(), "Importing")
	if !u.strip.box.Visible() || len(u.win.Canvas().Overlays().List()) != overlays {
		t.Fatal("the strip is not shown, or a dialog is")
	}
	test.Tap(u.strip.cancel)
	if ctx.Err() == nil {
		t.Error("Cancel did not stop the job")
	}
	done()
	if u.strip.box.Visible() {
		t.Error("the strip stays after the job")
	}
	u.importPaths([]string{dir}, importer.Options{})
	u.jobs.Settle()
	if u.strip.box.Visible() || u.report == nil || len(u.report.Shown()) != 30 {
		t.Errorf("after the import: strip shown %v, report %v", u.strip.box.Visible(), u.report != nil)
	}
}

// Several files and folders at once, typed or pasted into the path box.
func TestImportPathsBox(t *testing.T) {
	u, st := loaded(t)
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "folder"), 0o755)
	os.WriteFile(filepath.Join(dir, "folder", "a.txt"), []byte("Boxed headline one\n\nText."), 0o600)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("Boxed headline two\n\nText."), 0o600)
	before, _ := st.Stats()
	u.promptImportPaths()
	u.importPathsBox.SetText(filepath.Join(dir, "missing.txt"))
	if err := u.importPathsBox.Validate(); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("a missing path: %v", err)
	}
	u.importPathsBox.SetText(" " + filepath.Join(dir, "folder") + "\n\n" + filepath.Join(dir, "b.txt") + " \n")
	if err := u.importPathsBox.Validate(); err != nil {
		t.Fatal(err)
	}
	test.Tap(findButton(t, u.win.Canvas().Overlays().Top(), "Next…"))
	if u.importForm == nil {
		t.Fatal("no options after the paths")
	}
	u.importForm.dialog.Submit()
	u.jobs.Settle()
	if after, _ := st.Stats(); after.Articles != before.Articles+2 {
		t.Errorf("%d articles after, want %d", after.Articles, before.Articles+2)
	}
}

// Importing files that are all stored already (issue 23: the app took up
// to 1.55x the CLI's time on the BBC duplicates) leaves the library as it
// was instead of listing it again; an import that adds tags still lists
// it, so the new tags show.
func TestDuplicateImportKeepsTheLibrary(t *testing.T) {
	u, _ := loaded(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "new.txt"), []byte("Fresh headline about the dam\n\nA new report on the Kessel dam.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	u.importPaths([]string{dir}, importer.Options{})
	u.jobs.Settle()
	listed := &u.shelf[0]
	u.importPaths([]string{dir}, importer.Options{})
	u.jobs.Settle()
	if want := "1 files: 0 imported, 0 new revisions, 1 duplicates, 0 failed"; u.status.Text != want {
		t.Errorf("status %q, want %q", u.status.Text, want)
	}
	if &u.shelf[0] != listed {
		t.Error("an import of duplicates listed the library again")
	}
	u.importPaths([]string{dir}, importer.Options{Tags: []string{"dams"}})
	u.jobs.Settle()
	if &u.shelf[0] == listed || !slices.ContainsFunc(collection(u), func(a app.Article) bool { return slices.Contains(a.Tags, "dams") }) {
		t.Error("an import that tagged a duplicate did not list the library again")
	}
}
