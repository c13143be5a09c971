// Package importreport is the dialog shown after every import: what
// happened to each file, failures first, with a filter and a button
// that copies the report as text.
package importreport

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
)

// Row is one line of the report.
type Row = app.ReportRow

// Dialog is an open report.
type Dialog struct {
	Filter *widget.Select
	List   *widget.List
	Copy   *widget.Button
	rows   []Row
	shown  []Row
	d      dialog.Dialog
}

const allKinds = "Everything"

// Show opens the report over win; clipboard receives Copy.
func Show(win fyne.Window, clipboard fyne.Clipboard, rep app.ImportReport) *Dialog {
	r := &Dialog{rows: rep.Rows()}
	counts := map[string]int{}
	for _, row := range r.rows {
		counts[row.Kind]++
	}
	options := []string{allKinds}
	for _, k := range app.ReportKinds {
		if counts[k] > 0 {
			options = append(options, fmt.Sprintf("%s (%d)", k, counts[k]))
		}
	}
	r.List = widget.NewList(func() int { return len(r.shown) },
		func() fyne.CanvasObject {
			kind := widget.NewLabel("new revision")
			kind.TextStyle.Bold = true
			detail := widget.NewLabel("")
			detail.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, kind, nil, detail)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			row := r.shown[i]
			c.Objects[1].(*widget.Label).SetText(row.Kind)
			c.Objects[0].(*widget.Label).SetText(row.Where + " — " + row.Detail)
		})
	r.Filter = widget.NewSelect(options, func(choice string) { r.show(choice) })
	r.Copy = widget.NewButton("Copy report", func() { clipboard.SetContent(rep.Text()) })
	first := allKinds
	if counts["failed"] > 0 {
		first = options[1] // failures, when there are any
	}
	r.Filter.SetSelected(first)

	summary := widget.NewLabel(rep.Summary())
	summary.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(summary, container.NewBorder(nil, nil, widget.NewLabel("Show"), r.Copy, r.Filter))
	r.d = dialog.NewCustom("Import report", "Close", container.NewBorder(top, nil, nil, nil, r.List), win)
	size := win.Canvas().Size()
	r.d.Resize(fyne.NewSize(clamp(size.Width-40, 320, 760), clamp(size.Height-40, 240, 520)))
	r.d.Show()
	return r
}

// show lists the rows of one kind ("failed (3)"), or all.
func (r *Dialog) show(choice string) {
	kind, _, _ := strings.Cut(choice, " (")
	r.shown = r.shown[:0]
	for _, row := range r.rows {
		if choice == allKinds || row.Kind == kind {
			r.shown = append(r.shown, row)
		}
	}
	r.List.Refresh()
}

// Shown is what the list shows now.
func (r *Dialog) Shown() []Row { return slices.Clone(r.shown) }

// Hide closes the report.
func (r *Dialog) Hide() { r.d.Hide() }

func clamp(v, lo, hi float32) float32 { return max(lo, min(v, hi)) }
