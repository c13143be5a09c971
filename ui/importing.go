package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/ui/escentry"
	"github.com/parallax-news/parallax/ui/importreport"
	"github.com/parallax-news/parallax/ui/tagentry"
)

// promptImport asks for a folder to import, then for the import's
// options. While its dialog, or an import, is open it does nothing: a
// second Ctrl+I would stack a dialog behind the first.
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
			u.promptImportOptions([]string{dir.Path()}, true)
		}
	}, u.win)
	u.showFileDialog(d, importFolderKey)
}

// promptImportFile asks for one file to import: an article, a saved
// page, a feed, or (annotations is true) a W3C collection or .qdpx
// project of annotations.
func (u *UI) promptImportFile(annotations bool) {
	if u.importing {
		return
	}
	u.importing = true
	d := dialog.NewFileOpen(func(f fyne.URIReadCloser, err error) {
		u.importing = false
		if err != nil {
			u.showError(err)
			return
		}
		if f == nil {
			return
		}
		path := f.URI().Path()
		f.Close()
		u.rememberFolder(importFolderKey, filepath.Dir(path))
		if annotations {
			u.importPaths([]string{path}, importer.Options{})
		} else {
			u.promptImportOptions([]string{path}, false)
		}
	}, u.win)
	if annotations {
		d.SetFilter(storage.NewExtensionFileFilter([]string{".jsonld", ".json", ".qdpx", ".qde"}))
	}
	u.showFileDialog(d, importFolderKey)
}

// importForm is the import options dialog's fields (kept for tests).
type importForm struct {
	outlet  *escentry.Select
	tags    *tagentry.Entry
	folders *widget.Check
	dialog  *dialog.FormDialog
}

// promptImportOptions asks what to add to the articles about to be
// imported: an outlet for texts that name none, tags for all, and (for
// a folder) a tag per sub-folder.
func (u *UI) promptImportOptions(paths []string, folder bool) {
	f := &importForm{outlet: escentry.NewSelect(u.outletNames, u.escape), tags: tagentry.New(u.knownTags),
		folders: widget.NewCheck("Tag each sub-folder's articles with its name", nil)}
	f.tags.OnEscape = u.escape
	f.outlet.SetPlaceHolder("for texts that name none")
	f.tags.SetPlaceHolder("tags for every article, e.g. ukraine/peace-talks")
	f.tags.Validator = func(s string) error { _, err := app.NormalizeTags(app.SplitTags(s)); return err }
	items := []*widget.FormItem{
		widget.NewFormItem("Import", widget.NewLabel(app.Excerpt(strings.Join(paths, ", "), 80))),
		widget.NewFormItem("Outlet", f.outlet),
		widget.NewFormItem("Tags", f.tags),
	}
	if folder {
		items = append(items, widget.NewFormItem("", f.folders))
	}
	f.dialog = dialog.NewForm("Import", "Import", "Cancel", items, func(ok bool) {
		if ok {
			tags, _ := app.NormalizeTags(app.SplitTags(f.tags.Text))
			u.importPaths(paths, importer.Options{Outlet: strings.TrimSpace(f.outlet.Text), Tags: tags, TagFolders: f.folders.Checked})
		}
	}, u.win)
	f.dialog.Resize(fyne.NewSize(600, 0))
	u.importForm = f
	u.showDialog(f.dialog)
}

// progressEvery is how often long work updates its progress on screen.
const progressEvery = 100 * time.Millisecond

// importPaths imports files and folders with a progress strip and a
// cancel button, lists the collection again (keeping the article
// shown), then shows the import report.
func (u *UI) importPaths(paths []string, opts importer.Options) {
	if len(paths) == 0 || u.importing {
		return
	}
	u.importing = true
	ctx, done := u.strip.start(context.Background(), "Importing: reading files…")
	label, bar := u.strip.label, u.strip.bar
	u.background(func() {
		// Progress comes per file, thousands a second; the screen needs
		// ten updates a second, and each one redraws the window.
		var last time.Time
		opts.Progress = func(p app.ImportProgress) {
			if now := time.Now(); now.Sub(last) >= progressEvery || p.FilesDone == p.Files {
				last = now
				u.jobs.Post(func() {
					if p.Files > 0 {
						bar.SetValue(float64(p.FilesDone) / float64(p.Files))
					}
					label.SetText(fmt.Sprintf("Importing %d of %d files: %d imported, %d revisions, %d duplicates, %d failed",
						p.FilesDone, p.Files, p.Imported, p.Revisions, p.Duplicates, p.Failed))
				})
			}
		}
		rep, err := u.p.Importer.Import(ctx, paths, opts)
		u.jobs.Post(done)
		// An import that stored nothing (every file a duplicate or a
		// failure) and tagged nothing leaves the library as it was:
		// listing it again would only redraw it.
		if rep.Imported+rep.Revisions+rep.Annotations > 0 || len(opts.Tags) > 0 || opts.TagFolders {
			u.load(context.Background(), true)
		}
		// After load's own status line, so the summary is what stays.
		u.jobs.Post(func() {
			u.importing = false
			if err != nil {
				u.showError(fmt.Errorf("the import stopped: %w (everything listed before it is stored)", err))
			}
			u.status.SetText(rep.Summary())
			u.report = importreport.Show(u.win, u.p.App.Clipboard(), rep)
			u.shown(u.report)
			if u.p.OnImported != nil {
				u.p.OnImported(rep)
			}
		})
	})
}

// promptImportPaths takes files and folders typed or pasted, one a line
// (Fyne's file dialog picks one at a time), then asks for the options.
func (u *UI) promptImportPaths() {
	paths := escentry.NewMultiLine(u.escape)
	paths.SetPlaceHolder("/home/me/news/kyiv-independent\n/home/me/Downloads/article.html")
	paths.SetMinRowsVisible(5)
	paths.Validator = func(s string) error {
		list := splitPaths(s)
		if len(list) == 0 {
			return fmt.Errorf("type or paste a file or folder")
		}
		for _, p := range list {
			if _, err := os.Stat(p); err != nil {
				return fmt.Errorf("%s: no such file or folder", p)
			}
		}
		return nil
	}
	u.importPathsBox = paths
	d := dialog.NewForm("Import files and folders", "Next…", "Cancel", []*widget.FormItem{widget.NewFormItem("Paths", paths)}, func(ok bool) {
		if !ok {
			return
		}
		list := splitPaths(paths.Text)
		folder := false
		for _, p := range list {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				folder = true
			}
		}
		u.promptImportOptions(list, folder)
	}, u.win)
	d.Resize(fyne.NewSize(620, 0))
	u.showDialog(d)
	u.win.Canvas().Focus(paths)
}

// splitPaths is the non-blank lines of s, trimmed.
func splitPaths(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
