package ui

import (
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/exchange"
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
	if u.current.ID != 0 {
		scope.SetSelected(scopeArticle)
	}
	tag := widget.NewSelectEntry(u.knownTags)
	tag.SetPlaceHolder("any tag")
	dialog.ShowForm("Export annotations", "Choose file…", "Cancel", []*widget.FormItem{
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
			filter.Articles = []app.ArticleID{u.current.ID}
		case scopeListed:
			for _, r := range u.rows {
				if r.id != 0 {
					filter.Articles = append(filter.Articles, r.id)
				}
			}
		}
		save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil {
				dialog.ShowError(err, u.win)
				return
			}
			if w == nil {
				return
			}
			path := w.URI().Path()
			w.Close() // written again atomically below
			u.export(path, f.format, filter)
		}, u.win)
		save.SetFileName("parallax-annotations" + f.ext)
		save.SetFilter(storage.NewExtensionFileFilter([]string{f.ext}))
		save.Show()
	}, u.win)
}

// export writes the filtered annotations to path, atomically.
func (u *UI) export(path string, format exchange.Format, filter exchange.Filter) {
	meta := u.p.App.Metadata()
	origin := strings.TrimSpace(meta.Name + " " + meta.Version)
	u.post(func() { u.busy("Exporting…") })
	u.background(func() {
		b, err := exchange.Collect(u.p.Store, filter)
		if err == nil {
			err = app.WriteFileAtomic(path, func(w io.Writer) error { return exchange.Export(w, format, b, origin) })
		}
		u.post(func() {
			u.progress.Stop()
			u.progress.Hide()
			if err != nil {
				u.status.SetText("Export failed.")
				dialog.ShowError(err, u.win)
				return
			}
			u.status.SetText(fmt.Sprintf("Exported %d annotations on %d articles to %s", b.Annotations(), len(b.Items), path))
		})
	})
}
