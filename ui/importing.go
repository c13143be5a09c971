package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/ui/importreport"
)

// promptImport asks for a folder to import. While its dialog, or an
// import, is open it does nothing: a second Ctrl+I would stack a dialog
// behind the first.
func (u *UI) promptImport() {
	if u.importing {
		return
	}
	u.importing = true
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		u.importing = false
		if err != nil {
			u.showError(err)
			return
		}
		if dir != nil {
			// The next import is likely a folder beside this one.
			u.rememberFolder(importFolderKey, filepath.Dir(dir.Path()))
			u.importPaths([]string{dir.Path()})
		}
	}, u.win)
	if at := u.folderFor(importFolderKey); at != nil {
		d.SetLocation(at)
	}
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
	u.shown(d)
}

// progressEvery is how often long work updates its progress on screen.
const progressEvery = 100 * time.Millisecond

// importPaths imports files and folders with a progress bar and a
// cancel button, lists the collection again (keeping the article
// shown), then shows the import report.
func (u *UI) importPaths(paths []string) {
	if len(paths) == 0 || u.importing {
		return
	}
	u.importing = true
	ctx, label, bar, d := u.progressDialog(context.Background(), "Importing", "Reading files…")
	u.background(func() {
		// Progress comes per file, thousands a second; the screen needs
		// ten updates a second, and each one redraws the window.
		var last time.Time
		rep, err := u.p.Importer.Import(ctx, paths, importer.Options{Progress: func(p app.ImportProgress) {
			if now := time.Now(); now.Sub(last) >= progressEvery || p.FilesDone == p.Files {
				last = now
				u.jobs.Post(func() {
					if p.Files > 0 {
						bar.SetValue(float64(p.FilesDone) / float64(p.Files))
					}
					label.SetText(fmt.Sprintf("%d of %d files: %d imported, %d revisions, %d duplicates, %d failed",
						p.FilesDone, p.Files, p.Imported, p.Revisions, p.Duplicates, p.Failed))
				})
			}
		}})
		u.jobs.Post(d.Hide)
		u.load(context.Background(), true)
		// After load's own status line, so the summary is what stays.
		u.jobs.Post(func() {
			u.importing = false
			if err != nil {
				u.showError(fmt.Errorf("the import stopped: %w (everything listed before it is stored)", err))
			}
			u.status.SetText(importreport.Summary(rep))
			u.report = importreport.Show(u.win, u.p.App.Clipboard(), rep)
			u.shown(u.report)
			if u.p.OnImported != nil {
				u.p.OnImported(rep)
			}
		})
	})
}
