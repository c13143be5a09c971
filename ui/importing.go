package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/importer"
)

func (u *UI) promptImport() {
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, u.win)
			return
		}
		if dir != nil {
			u.importPaths([]string{dir.Path()})
		}
	}, u.win)
}

// importPaths imports files and folders with a progress bar and a
// cancel button, then lists the collection again.
func (u *UI) importPaths(paths []string) {
	if len(paths) == 0 {
		return
	}
	ctx, label, bar, d := u.progressDialog(context.Background(), "Importing", "Reading files…")
	u.background(func() {
		rep, err := u.p.Importer.Import(ctx, paths, importer.Options{Progress: func(p app.ImportProgress) {
			u.jobs.Post(func() {
				if p.Files > 0 {
					bar.SetValue(float64(p.FilesDone) / float64(p.Files))
				}
				label.SetText(fmt.Sprintf("%d of %d files: %d imported, %d revisions, %d duplicates, %d failed",
					p.FilesDone, p.Files, p.Imported, p.Revisions, p.Duplicates, p.Failed))
			})
		}})
		u.jobs.Post(func() {
			d.Hide()
			if err != nil {
				dialog.ShowError(err, u.win)
			}
			summary := fmt.Sprintf("%d files: %d imported, %d new revisions, %d duplicates, %d failed",
				rep.Files, rep.Imported, rep.Revisions, rep.Duplicates, rep.Failed)
			if rep.Canceled {
				summary += " (canceled)"
			}
			u.status.SetText(summary)
		})
		u.Load(context.Background())
	})
}
