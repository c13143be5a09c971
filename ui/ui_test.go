package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/app/quickopen"
	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/assets"
	"github.com/parallax-news/parallax/store"
	"github.com/parallax-news/parallax/ui/jobs"
)

func newTestUI(t *testing.T) (*UI, *store.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	u := New(Params{App: a, Store: st, Annotator: &app.Annotator{Store: st}, Metadata: &app.MetaEditor{Store: st}, Tags: st, Memos: st, Importer: importer.New(st), Coder: st, Jobs: jobs.NewQueued(), Demo: assets.Demo(), StoreDir: "test-store"})
	u.Window().Show()
	return u, st
}

func TestFirstRunImportsDemoAndShowsIt(t *testing.T) {
	u, st := newTestUI(t)
	u.Load(context.Background())
	u.jobs.Settle()

	stats, _ := st.Stats()
	if stats.Articles != 4 || stats.Revisions != 5 {
		t.Fatalf("demo import gave %d articles, %d revisions", stats.Articles, stats.Revisions)
	}
	if u.lib.list.Length() != 4 {
		t.Fatalf("library shows %d rows, want 4", u.lib.list.Length())
	}
	if !strings.Contains(u.status.Text, "4 articles") {
		t.Errorf("status %q", u.status.Text)
	}
	// Load selects the first article; its text arrives from a goroutine.
	u.jobs.Settle()
	if u.art.title.Text != u.lib.rows[0].title {
		t.Errorf("reader shows %q, want the first row's %q", u.art.title.Text, u.lib.rows[0].title)
	}

	// Selecting the revised Ledger story shows its latest text.
	var revised app.ArticleID
	for _, a := range collection(u) {
		if a.Revisions == 2 {
			revised = a.ID
		}
	}
	u.lib.list.Select(slices.IndexFunc(u.lib.rows, func(r row) bool { return r.id == revised }))
	u.jobs.Settle()
	if !strings.Contains(u.art.meta.Text, "revision 2 of 2") {
		t.Errorf("metadata line %q lacks the revision", u.art.meta.Text)
	}
	r, _ := st.FindRevision(revised, 0)
	if u.art.reader.Text() != r.Body {
		t.Errorf("reader shows %q, revision has %q", u.art.reader.Text(), r.Body)
	}
	if !strings.Contains(u.art.meta.Text, "Riverton Ledger") || !strings.Contains(u.art.meta.Text, "Mara Quist") {
		t.Errorf("metadata line %q", u.art.meta.Text)
	}
}

func TestExistingStoreIsNotReseeded(t *testing.T) {
	u, st := newTestUI(t)
	im := importer.Importer{Store: st}
	if _, err := im.Import(context.Background(), []string{"-"}, importer.Options{Stdin: strings.NewReader("Own headline\n\nOwn body.")}); err != nil {
		t.Fatal(err)
	}
	u.Load(context.Background())
	u.jobs.Settle()
	if u.lib.list.Length() != 1 {
		t.Errorf("library shows %d rows, want only the analyst's 1", u.lib.list.Length())
	}
}

func TestQuickOpenFiltersParse(t *testing.T) {
	for _, c := range []struct {
		kind quickopen.Kind
		text string
		want string
	}{
		{quickopen.Outlet, "Valley Courier", `outlet:"Valley Courier"`},
		{quickopen.Tag, "actor/riverton", `tag:"actor/riverton"`},
		{quickopen.Tag, `claim "cost"`, `tag:"claim cost"`},
	} {
		q := filterFor(c.kind, c.text)
		if q != c.want {
			t.Errorf("%v %q: %s, want %s", c.kind, c.text, q, c.want)
		}
		if _, err := search.Parse(q); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
}

func TestPublishedText(t *testing.T) {
	west := time.FixedZone("UTC-5", -5*3600)
	for _, c := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC), "14 March 2026"}, // a date alone: not 13 March 19:00
		{time.Date(2026, 3, 14, 18, 45, 0, 0, time.UTC), "14 March 2026 13:45"},
	} {
		if got := publishedText(c.in, west); got != c.want {
			t.Errorf("publishedText(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

// An empty store without the demo says how to fill it, not "select an
// article on the left" over an empty list.
func TestEmptyStoreSaysHowToImport(t *testing.T) {
	a := test.NewTempApp(t)
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	u := New(Params{App: a, Store: st, Annotator: &app.Annotator{Store: st}, Metadata: &app.MetaEditor{Store: st}, Tags: st, Importer: importer.New(st), Jobs: jobs.NewQueued()})
	u.Window().Show()
	u.Load(context.Background())
	u.jobs.Settle()
	if !strings.Contains(u.art.meta.Text, "The collection is empty: import files or folders with Ctrl+I") {
		t.Errorf("empty store says %q", u.art.meta.Text)
	}
}

// The library's second line is never empty and never starts, ends or
// doubles a separator (issue 23: "· revision 1", empty lines).
func TestSummaryLine(t *testing.T) {
	day := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name        string
		a           app.Article
		annotations int
		want        string
	}{
		{"everything", app.Article{Revisions: 2, Meta: app.Meta{Outlet: "BBC", Published: day, Partial: true}}, 3, "BBC · 14 Mar 2026 · 2 revisions · 3 annotations · summary only"},
		{"no outlet", app.Article{Revisions: 1, Meta: app.Meta{Published: day}}, 1, "14 Mar 2026 · 1 annotation"},
		{"no date: when imported", app.Article{Revisions: 1, Meta: app.Meta{Outlet: "BBC", Imported: day}}, 0, "BBC · imported " + day.Local().Format("2 Jan 2006")},
		{"nothing known", app.Article{Revisions: 1}, 0, "no outlet or date"},
	} {
		if got := summaryLine(c.a, c.annotations); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	for in, want := range map[[2]string]string{{"BBC", "snippet"}: "BBC · snippet", {"", "snippet"}: "snippet", {"BBC", " "}: "BBC"} {
		if got := joinParts(in[0], in[1]); got != want {
			t.Errorf("joinParts(%q) = %q, want %q", in, got, want)
		}
	}
}
