package ui

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app/matrix"
	"github.com/parallax-news/parallax/ui/analysiswin"
)

// The Analysis window tabulates and draws the demo's coding three ways;
// a cell of its table opens exactly the passages it counts.
func TestAnalysisWindow(t *testing.T) {
	u, _ := loaded(t)
	w := u.showAnalysis()
	defer w.Close()
	u.jobs.Settle()
	if w.Shown.Rows != matrix.Tag || w.Shown.Cols != matrix.Outlet || len(w.Shown.RowIs) == 0 || len(w.Shown.ColIs) == 0 {
		t.Fatalf("tags by outlet: %+v (%q)", w.Shown, w.Status.Text)
	}
	if b := w.Drawn.Bounds(); b.Dx() < 400 || b.Dy() < 200 {
		t.Errorf("chart drawn at %v", b)
	}
	t.Logf("tags by outlet redrawn in %v", w.Took)
	// The first non-zero cell lists its own passages.
	row, col := -1, -1
	for i := range w.Shown.Cells {
		for j, v := range w.Shown.Cells[i] {
			if v > 0 && row < 0 {
				row, col = i, j
			}
		}
	}
	want := w.Shown.Cells[row][col]
	w.Grid.OnSelected(widget.TableCellID{Row: row + 1, Col: col + 1})
	u.jobs.Settle()
	f := u.lastPassages
	if f == nil {
		t.Fatal("clicking a cell opened no Passages window")
	}
	if got := len(f.Shown()); got != want {
		t.Errorf("cell %s × %s counts %d, its passages window lists %d", w.Shown.RowIs[row].Key, w.Shown.ColIs[col].Key, want, got)
	}
	f.Close()

	for _, c := range []struct {
		chart      string
		rows, cols matrix.Dim
	}{{analysiswin.Cooccurrence, matrix.Tag, matrix.Tag}, {analysiswin.OverTime, matrix.Outlet, matrix.Week}} {
		w.Chart.SetSelected(c.chart)
		u.jobs.Settle()
		if w.Shown.Rows != c.rows || w.Shown.Cols != c.cols || len(w.Shown.RowIs) == 0 {
			t.Errorf("%s: %s × %s, %d rows", c.chart, w.Shown.Rows, w.Shown.Cols, len(w.Shown.RowIs))
		}
		t.Logf("%s redrawn in %v", c.chart, w.Took)
	}
	// Filtered to an analyst who coded nothing: an empty table, no error.
	w.Tag.SetText("no/such/tag")
	w.Tag.OnSubmitted("no/such/tag")
	u.jobs.Settle()
	if len(w.Shown.RowIs) != 0 || w.Drawn == nil {
		t.Errorf("nothing matches: %d rows", len(w.Shown.RowIs))
	}
}
