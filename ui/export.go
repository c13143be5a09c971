package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/exchange"
	"github.com/parallax-news/parallax/ui/escentry"
)

// exportFormats are the export choices, by label, with the file
// extension each writes.
var exportFormats = []struct {
	label  string
	format exchange.Format
	ext    string
}{
	{"W3C Web Annotation (JSON-LD)", "w3c", ".jsonld"},
	{"REFI-QDA project (.qdpx: ATLAS.ti, MAXQDA, NVivo, QualCoder)", "qdpx", ".qdpx"},
	{"CSV (one row per annotation)", "csv", ".csv"},
	{"Markdown report", "md", ".md"},
}

const (
	scopeArticle = "This article"
	scopeListed  = "The articles listed in the library"
	scopeAll     = "Every article"
)

// promptExport asks what to export and where, then writes the file.
func (u *UI) promptExport() {
	labels := make([]string, len(exportFormats))
	for i, f := range exportFormats {
		labels[i] = f.label
	}
	format := widget.NewSelect(labels, nil)
	format.SetSelected(labels[0])
	scope := widget.NewRadioGroup([]string{scopeArticle, scopeListed, scopeAll}, nil)
	scope.SetSelected(scopeAll)
	if u.art.current.ID != 0 {
		scope.SetSelected(scopeArticle)
	}
	tag := escentry.NewSelect(u.knownTags, u.escape)
	tag.SetPlaceHolder("any tag")
	u.showDialog(dialog.NewForm("Export annotations", "Choose file…", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Format", format),
		widget.NewFormItem("Articles", scope),
		widget.NewFormItem("Tag", tag),
	}, func(ok bool) {
		if !ok {
			return
		}
		f := exportFormats[format.SelectedIndex()]
		filter := exchange.Filter{Tag: strings.TrimSpace(tag.Text)}
		switch scope.Selected {
		case scopeArticle:
			filter.Articles = []app.ArticleID{u.art.current.ID}
		case scopeListed:
			for _, r := range u.lib.rows {
				if r.id != 0 {
					filter.Articles = append(filter.Articles, r.id)
				}
			}
		}
		u.chooseExportFile(f.format, f.ext, filter, "parallax-annotations")
	}, u.win))
}

// chooseExportFile asks where to write an export, then writes it.
func (u *UI) chooseExportFile(format exchange.Format, ext string, filter exchange.Filter, name string) {
	u.askSavePath(u.win, name+ext, func(path string) { u.export(context.Background(), path, format, filter) })
}

// askSavePath asks, in parent, where to save a file named like name, in
// the export folder, and hands the path to then, which writes it
// (atomically: the file the dialog created is closed first).
func (u *UI) askSavePath(parent fyne.Window, name string, then func(path string)) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // written again atomically
		then(path)
	}, parent)
	save.SetFileName(name)
	save.SetFilter(storage.NewExtensionFileFilter([]string{filepath.Ext(name)}))
	u.showFileDialog(save, exportFolderKey)
}

// export writes the filtered annotations to path, atomically, with a
// progress bar and a cancel button; it stops when parent is canceled too.
func (u *UI) export(parent context.Context, path string, format exchange.Format, filter exchange.Filter) {
	meta := u.p.App.Metadata()
	origin := strings.TrimSpace(meta.Name + " " + meta.Version)
	total := len(u.shelf)
	ctx, label, bar, d := u.progressDialog(parent, "Exporting", "Collecting annotations…")
	u.background(func() {
		b, err := exchange.Collect(ctx, u.p.Store, filter, func(n int) {
			if n%64 == 0 || n == total {
				u.jobs.Post(func() {
					bar.SetValue(float64(n) / float64(max(total, 1)))
					label.SetText(fmt.Sprintf("Collecting annotations: %d of %d articles", n, total))
				})
			}
		})
		if err == nil {
			u.jobs.Post(func() { label.SetText(fmt.Sprintf("Writing %d annotations…", b.Annotations())) })
			err = exchange.ExportFile(ctx, path, format, b, origin)
		}
		canceled := ctx.Err() != nil
		if err != nil {
			removeIfEmpty(path) // the save dialog created it
		}
		u.jobs.Post(func() {
			d.Hide() // calls cancel
			switch {
			case err != nil && canceled:
				u.status.SetText("Export canceled: nothing written.")
			case err != nil:
				u.status.SetText("Export failed.")
				u.showError(err)
			default:
				u.rememberFolder(exportFolderKey, filepath.Dir(path))
				u.status.SetText(fmt.Sprintf("Exported %d annotations on %d articles to %s", b.Annotations(), len(b.Items), path))
			}
		})
	})
}

// progressDialog shows a dialog with a status line, a progress bar and
// Cancel; closing it cancels the returned context.
func (u *UI) progressDialog(parent context.Context, title, status string) (context.Context, *widget.Label, *widget.ProgressBar, dialog.Dialog) {
	ctx, cancel := context.WithCancel(parent)
	bar := widget.NewProgressBar()
	label := widget.NewLabel(status)
	d := dialog.NewCustom(title, "Cancel", container.NewVBox(label, bar), u.win)
	d.SetOnClosed(cancel)
	u.showDialog(d)
	return ctx, label, bar, d
}

// removeIfEmpty removes the empty file a save dialog made for an export
// that then failed; a file with content is left alone.
func removeIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
		os.Remove(path)
	}
}
