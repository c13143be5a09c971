// Package analysiswin is the Analysis window: a chart of the coded
// passages (tags by outlet, tag co-occurrence, coverage over time) with
// its table beside it; a cell of the table lists its passages, and both
// export (PNG, CSV).
package analysiswin

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/matrix"
	"github.com/parallax-news/parallax/app/passages"
	"github.com/parallax-news/parallax/ui/charts"
	"github.com/parallax-news/parallax/ui/jobs"
)

// The charts the window draws.
const (
	ByOutlet     = "Tags by outlet"
	Cooccurrence = "Tag co-occurrence"
	OverTime     = "Over time, by outlet"
	anyAnalyst   = "every analyst"
	pngW, pngH   = 1600, 1000 // pixels of an exported chart
)

// Window is an open Analysis window; its fields are for tests.
type Window struct {
	win                  fyne.Window
	st                   app.Reader
	jobs                 *jobs.Runner
	colors               func() charts.Colors
	Chart, Period, Count *widget.Select
	Analyst              *widget.Select
	Tag                  *widget.SelectEntry
	Status               *widget.Label
	Image                *canvas.Image
	Grid                 *widget.Table
	Shown                matrix.Table  // what the chart and grid show
	Drawn                image.Image   // as shown
	plotted              *plot.Plot    // drawn again for a PNG file
	Took                 time.Duration // the last redraw, from the filter to the image
	gen                  int
	// OnCell lists a cell's passages: the filter with the cell's row and
	// column applied.
	OnCell func(f passages.Filter)
	// OnExport saves what write writes, under a suggested file name,
	// asking in parent (this window, so the question is not behind it).
	OnExport func(parent fyne.Window, name string, write func(io.Writer) error)
}

// Open shows the window.
func Open(a fyne.App, st app.Reader, j *jobs.Runner, tags, analysts []string, colors func() charts.Colors) *Window {
	w := &Window{win: a.NewWindow("Analysis"), st: st, jobs: j, colors: colors, OnCell: func(passages.Filter) {}, OnExport: func(fyne.Window, string, func(io.Writer) error) {}}
	reload := func(string) { w.Reload() }
	w.Chart = widget.NewSelect([]string{ByOutlet, Cooccurrence, OverTime}, reload)
	w.Period = widget.NewSelect([]string{string(matrix.Day), string(matrix.Week), string(matrix.Month)}, reload)
	w.Count = widget.NewSelect([]string{string(matrix.Annotations), string(matrix.Articles), string(matrix.Words)}, reload)
	w.Analyst = widget.NewSelect(append([]string{anyAnalyst}, analysts...), reload)
	w.Tag = widget.NewSelectEntry(tags)
	w.Tag.SetPlaceHolder("every tag (or the tags under one)")
	w.Tag.OnSubmitted = reload
	w.Tag.OnChanged = func(s string) {
		if s == "" || slices.Contains(tags, s) {
			w.Reload()
		}
	}
	w.Status = widget.NewLabel("")
	w.Status.Wrapping = fyne.TextWrapWord
	w.Image = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	w.Image.FillMode = canvas.ImageFillContain
	w.Image.SetMinSize(fyne.NewSize(480, 270))
	w.Grid = widget.NewTable(w.size, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, w.fill)
	w.Grid.SetColumnWidth(0, 180)
	w.Grid.OnSelected = func(id widget.TableCellID) {
		w.Grid.UnselectAll()
		if f, ok := w.cellFilter(id); ok {
			w.OnCell(f)
		}
	}
	png := widget.NewButton("Export PNG…", func() {
		p := w.plotted
		if p == nil {
			return
		}
		w.OnExport(w.win, "parallax-chart.png", func(out io.Writer) error { return png.Encode(out, charts.Image(p, pngW, pngH)) })
	})
	csv := widget.NewButton("Export CSV…", func() {
		t := w.Shown
		w.OnExport(w.win, "parallax-table.csv", func(out io.Writer) error { return matrix.WriteCSV(out, t) })
	})
	controls := container.NewVBox(
		container.NewGridWithColumns(2, w.Chart, w.Count, w.Analyst, w.Period),
		w.Tag, w.Status,
	)
	split := container.NewHSplit(w.Image, w.Grid)
	split.Offset = 0.62
	w.win.SetContent(container.NewBorder(controls, container.NewHBox(png, csv, widget.NewButton("Close", w.win.Close)), nil, nil, split))
	w.win.Resize(fyne.NewSize(1100, 700))
	w.Count.SetSelected(string(matrix.Annotations))
	w.Period.SetSelected(string(matrix.Week))
	w.Analyst.SetSelected(anyAnalyst)
	w.Chart.SetSelected(ByOutlet)
	w.win.Show()
	return w
}

// Close closes the window.
func (w *Window) Close() { w.win.Close() }

// spec is the table the controls ask for.
func (w *Window) spec() matrix.Spec {
	s := matrix.Spec{Count: matrix.Count(w.Count.Selected), Filter: passages.Filter{Tag: w.Tag.Text}}
	if a := w.Analyst.Selected; a != anyAnalyst {
		s.Filter.Analyst = a
	}
	switch w.Chart.Selected {
	case Cooccurrence:
		s.Rows, s.Cols = matrix.Tag, matrix.Tag
	case OverTime:
		s.Rows, s.Cols = matrix.Outlet, matrix.Dim(w.Period.Selected)
	default:
		s.Rows, s.Cols = matrix.Tag, matrix.Outlet
	}
	return s
}

// Reload builds the table and draws the chart off the UI goroutine; a
// newer reload supersedes one still running.
func (w *Window) Reload() {
	if w.Chart == nil || w.Chart.Selected == "" || w.Count.Selected == "" || w.Period.Selected == "" || w.Analyst.Selected == "" {
		return // still being built
	}
	w.gen++
	gen, spec, chart, colors := w.gen, w.spec(), w.Chart.Selected, w.colors()
	w.Period.Hidden = chart != OverTime
	w.Status.SetText("Counting…")
	// Drawn at the size it is shown, so its text stays readable in a
	// small window; 960×540 until the window has been laid out.
	pw, ph := 960, 540
	if sz := w.Image.Size(); sz.Width > 100 && sz.Height > 100 {
		scale := float32(1)
		if c := fyne.CurrentApp().Driver().CanvasForObject(w.Image); c != nil {
			scale = c.Scale()
		}
		pw, ph = int(sz.Width*scale), int(sz.Height*scale)
	}
	start := time.Now()
	w.jobs.Go(func() {
		t, err := matrix.Build(context.Background(), w.st, spec)
		var p *plot.Plot
		var img image.Image
		if err == nil {
			if p, err = plotOf(chart, charts.Top(t, charts.Most), colors); err == nil {
				img = charts.Image(p, pw, ph)
			}
		}
		took := time.Since(start)
		w.jobs.Post(func() {
			if gen != w.gen {
				return
			}
			if err != nil {
				w.Status.SetText(err.Error())
				return
			}
			w.Shown, w.Drawn, w.plotted, w.Took = t, img, p, took
			w.Image.Image = img
			w.Image.Refresh()
			for j := range t.ColIs {
				w.Grid.SetColumnWidth(j+1, 110)
			}
			w.Grid.Refresh()
			w.Status.SetText(fmt.Sprintf("%d rows × %d columns; the chart shows the %d largest of each. Click a cell of the table to list its passages.",
				len(t.RowIs), len(t.ColIs), charts.Most))
		})
	})
}

func plotOf(chart string, t matrix.Table, c charts.Colors) (*plot.Plot, error) {
	switch chart {
	case Cooccurrence:
		return charts.HeatMap(t, c)
	case OverTime:
		return charts.Lines(t, c)
	}
	return charts.Bars(t, c)
}

// The grid: a header row of column keys, a first column of row keys.
func (w *Window) size() (int, int) {
	return len(w.Shown.RowIs) + 1, len(w.Shown.ColIs) + 1
}

func (w *Window) fill(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.TextStyle.Bold = id.Row == 0 || id.Col == 0
	switch {
	case id.Row == 0 && id.Col == 0:
		l.SetText(fmt.Sprintf("%s \\ %s", w.Shown.Rows, w.Shown.Cols))
	case id.Row == 0:
		l.SetText(w.Shown.ColIs[id.Col-1].String())
	case id.Col == 0:
		l.SetText(w.Shown.RowIs[id.Row-1].String())
	default:
		l.SetText(fmt.Sprint(w.Shown.Cells[id.Row-1][id.Col-1]))
	}
}

// cellFilter is the passages behind a cell: its row's and column's keys
// applied to the window's filter.
func (w *Window) cellFilter(id widget.TableCellID) (passages.Filter, bool) {
	t := w.Shown
	if id.Row < 1 || id.Col < 1 || id.Row > len(t.RowIs) || id.Col > len(t.ColIs) {
		return passages.Filter{}, false
	}
	f := w.spec().Filter
	for i, k := range []struct {
		dim matrix.Dim
		key string
	}{{t.Rows, t.RowIs[id.Row-1].Key}, {t.Cols, t.ColIs[id.Col-1].Key}} {
		switch k.dim {
		case matrix.Tag:
			if i == 0 || t.Rows != matrix.Tag { // co-occurrence: the row's tag
				f.Tag = k.key
			}
		case matrix.Outlet:
			if k.key != matrix.None {
				f.Outlet = k.key
			}
		case matrix.Day, matrix.Week, matrix.Month:
			f.After, f.Before = period(k.dim, k.key)
		}
	}
	return f, true
}

// period is the days a period key covers: [after, before).
func period(d matrix.Dim, key string) (after, before time.Time) {
	switch d {
	case matrix.Day:
		t, _ := time.Parse("2006-01-02", key)
		return t, t.AddDate(0, 0, 1)
	case matrix.Month:
		t, _ := time.Parse("2006-01", key)
		return t, t.AddDate(0, 1, 0)
	}
	var y, wk int
	fmt.Sscanf(key, "%d-W%d", &y, &wk)
	// ISO week 1 holds the year's first Thursday: find its Monday.
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	monday := jan4.AddDate(0, 0, -int((jan4.Weekday()+6)%7)+(wk-1)*7)
	return monday, monday.AddDate(0, 0, 7)
}
