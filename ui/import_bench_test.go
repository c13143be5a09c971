package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/internal/testenv"
	"github.com/parallax-news/parallax/store"
	"github.com/parallax-news/parallax/ui/jobs"
)

// BenchmarkImportBBC is the app's import path (importPaths: progress on
// screen, the library listed again, the report) against the importer as
// the CLI runs it, on the BBC corpus, into a fresh store and again when
// every file is a duplicate (issue 23: the app within 1.3x of the CLI).
// The test driver draws nothing, so this is the app's own overhead; under
// Xvfb the software renderer adds its share.
func BenchmarkImportBBC(b *testing.B) {
	dir := testenv.Data(b, "news-corpus", "bbc")
	for _, dup := range []bool{false, true} {
		name := "fresh"
		if dup {
			name = "duplicates"
		}
		fresh := func(b *testing.B) *store.Store {
			st, err := store.Open(b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { st.Close() })
			if dup {
				if _, err := importer.New(st).Import(context.Background(), []string{dir}, importer.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			return st
		}
		b.Run(name+"/cli", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				st := fresh(b)
				b.StartTimer()
				// As the CLI's progress line: a formatted line per update.
				rep, err := importer.New(st).Import(context.Background(), []string{dir}, importer.Options{Progress: func(p app.ImportProgress) { _ = p.FilesDone }})
				if err != nil || rep.FilesDone < 2000 {
					b.Fatal(rep.FilesDone, err)
				}
			}
		})
		b.Run(name+"/app", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				st := fresh(b)
				a := test.NewTempApp(b)
				u := New(Params{App: a, Store: st, Annotator: &app.Annotator{Store: st}, Metadata: &app.MetaEditor{Store: st}, Tags: st, Importer: importer.New(st), Jobs: jobs.New()})
				u.Window().Show()
				u.Load(context.Background())
				u.jobs.Settle()
				b.StartTimer()
				u.importPaths([]string{dir}, importer.Options{})
				u.jobs.Settle()
				if u.report == nil || len(u.report.Shown()) < 2000 {
					b.Fatal("no import report")
				}
			}
		})
	}
}
