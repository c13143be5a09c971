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
type Row struct {
	Kind   string // "failed", "skipped", "new revision", "imported", "duplicate", "annotation"
	Where  string // the file, with its feed item
	Detail string // the reason, or the article's ID and title
}

func (r Row) String() string { return r.Kind + "\t" + r.Where + "\t" + r.Detail }

// kindOrder puts what needs the analyst's attention first.
var kindOrder = []string{"failed", "skipped", "new revision", "imported", "annotation", "text", "duplicate"}

// Rows lists the report's results in reading order: failures first,
// then skipped folders, new revisions, imported articles, annotations,
// duplicates; in file order within each kind.
func Rows(rep app.ImportReport) []Row {
	var rows []Row
	for _, sk := range rep.Skipped {
		rows = append(rows, Row{"skipped", sk.Path, sk.Reason})
	}
	for _, r := range rep.Results {
		where := r.Path
		if r.Item > 0 {
			where = fmt.Sprintf("%s [item %d]", r.Path, r.Item)
		}
		switch {
		case r.Outcome == app.Failed:
			rows = append(rows, Row{"failed", where, reason(r)})
		case r.Annotation != 0:
			rows = append(rows, Row{"annotation", where, fmt.Sprintf("#%d %s", r.Annotation, r.Label)})
		case r.Label != "":
			rows = append(rows, Row{"text", where, fmt.Sprintf("%d %s", r.ID, r.Label)})
		default:
			rows = append(rows, Row{r.Outcome.String(), where, fmt.Sprintf("%d.%d %s", r.ID, r.Revision, app.Excerpt(r.Title, 120))})
		}
	}
	slices.SortStableFunc(rows, func(a, b Row) int {
		return slices.Index(kindOrder, a.Kind) - slices.Index(kindOrder, b.Kind)
	})
	return rows
}

// reason is a failure's message without the file name the row shows
// already.
func reason(r app.ImportResult) string {
	if r.Err == nil {
		return "failed"
	}
	msg := r.Err.Error()
	return strings.TrimPrefix(msg, r.Path+": ")
}

// Summary is the report in one line, as the status bar shows it.
func Summary(rep app.ImportReport) string {
	s := fmt.Sprintf("%d files: %d imported, %d new revisions, %d duplicates", rep.FilesDone, rep.Imported, rep.Revisions, rep.Duplicates)
	if rep.Annotations > 0 {
		s += fmt.Sprintf(", %d annotations", rep.Annotations)
	}
	s += fmt.Sprintf(", %d failed", rep.Failed)
	if len(rep.Skipped) > 0 {
		s += fmt.Sprintf(", %d folders skipped", len(rep.Skipped))
	}
	if rep.Canceled {
		s += fmt.Sprintf(" (canceled: %d of %d files not read)", rep.Files-rep.FilesDone, rep.Files)
	}
	return s
}

// Text is the whole report as tab-separated lines under its summary, for
// the clipboard (it pastes into a spreadsheet).
func Text(rep app.ImportReport) string {
	var b strings.Builder
	b.WriteString(Summary(rep) + "\n")
	for _, r := range Rows(rep) {
		b.WriteString(r.String() + "\n")
	}
	return b.String()
}

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
	r := &Dialog{rows: Rows(rep)}
	counts := map[string]int{}
	for _, row := range r.rows {
		counts[row.Kind]++
	}
	options := []string{allKinds}
	for _, k := range kindOrder {
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
	r.Copy = widget.NewButton("Copy report", func() { clipboard.SetContent(Text(rep)) })
	first := allKinds
	if counts["failed"] > 0 {
		first = options[1] // failures, when there are any
	}
	r.Filter.SetSelected(first)

	summary := widget.NewLabel(Summary(rep))
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
