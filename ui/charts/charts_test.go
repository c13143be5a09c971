package charts

import (
	"image/color"
	"image/png"
	"os"
	"testing"

	"gonum.org/v1/plot"

	"github.com/parallax-news/parallax/app/matrix"
)

func table(rows, cols int, dim matrix.Dim) matrix.Table {
	t := matrix.Table{Rows: matrix.Tag, Cols: dim, Count: matrix.Annotations}
	for i := range rows {
		t.RowIs = append(t.RowIs, matrix.Label{Key: string(rune('a'+i)) + "/tag"})
		row := make([]int, cols)
		for j := range row {
			row[j] = (i + 1) * (j + 2) % 7
		}
		t.Cells = append(t.Cells, row)
	}
	for j := range cols {
		t.ColIs = append(t.ColIs, matrix.Label{Key: "outlet " + string(rune('A'+j))})
	}
	return t
}

// Top keeps the largest rows and columns in their order.
func TestTop(t *testing.T) {
	tb := matrix.Table{Rows: matrix.Tag, Cols: matrix.Outlet,
		RowIs: []matrix.Label{{Key: "a"}, {Key: "b"}, {Key: "c"}}, ColIs: []matrix.Label{{Key: "x"}, {Key: "y"}, {Key: "z"}},
		Cells: [][]int{{1, 0, 5}, {9, 9, 9}, {0, 1, 0}}}
	got := Top(tb, 2)
	if len(got.RowIs) != 2 || got.RowIs[0].Key != "a" || got.RowIs[1].Key != "b" || got.ColIs[0].Key != "x" || got.ColIs[1].Key != "z" || got.Cells[0][1] != 5 {
		t.Errorf("top 2: %+v", got)
	}
}

// Every chart draws, in the theme's colours, at the size asked; an empty
// table draws an empty chart rather than failing. CHARTS_OUT=dir writes
// the PNGs there to look at.
func TestChartsDraw(t *testing.T) {
	dark := Colors{Foreground: color.White, Background: color.RGBA{0x14, 0x14, 0x18, 0xff}}
	heat := table(5, 5, matrix.Tag)
	heat.ColIs = heat.RowIs
	for _, c := range []struct {
		name string
		draw func() (*plot.Plot, error)
	}{
		{"bars", func() (*plot.Plot, error) { return Bars(table(6, 4, matrix.Outlet), dark) }},
		{"heat", func() (*plot.Plot, error) { return HeatMap(heat, dark) }},
		{"lines", func() (*plot.Plot, error) { return Lines(table(3, 20, matrix.Month), dark) }},
		{"empty", func() (*plot.Plot, error) { return Bars(matrix.Table{}, dark) }},
	} {
		p, err := c.draw()
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		img := Image(p, 800, 500)
		if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 500 {
			t.Errorf("%s: %v", c.name, b)
		}
		if r, g, b, _ := img.At(1, 1).RGBA(); r>>8 != 0x14 || g>>8 != 0x14 || b>>8 != 0x18 {
			t.Errorf("%s: corner %v, want the theme's background", c.name, img.At(1, 1))
		}
		drawn := 0
		for y := 0; y < 500; y += 5 {
			for x := 0; x < 800; x += 5 {
				if r, _, _, _ := img.At(x, y).RGBA(); r>>8 != 0x14 {
					drawn++
				}
			}
		}
		if drawn < 100 {
			t.Errorf("%s: only %d pixels drawn", c.name, drawn)
		}
		if dir := os.Getenv("CHARTS_OUT"); dir != "" {
			f, _ := os.Create(dir + "/" + c.name + ".png")
			png.Encode(f, img)
			f.Close()
		}
	}
}
