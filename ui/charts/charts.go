// Package charts draws the Analysis window's charts from matrix tables
// with gonum/plot, into images for the window and for PNG files: tag
// frequencies as grouped bars, co-occurrence as a heat map, coverage over
// time as lines.
package charts

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/parallax-news/parallax/app/matrix"
)

// Colors are the chart's text and background, from the app's theme.
type Colors struct {
	Foreground, Background color.Color
}

// series are the Okabe-Ito colours, which readers with colour-blindness
// tell apart; grey is for what is left over.
var series = []color.Color{
	color.RGBA{0xe6, 0x9f, 0x00, 0xff}, color.RGBA{0x56, 0xb4, 0xe9, 0xff}, color.RGBA{0x00, 0x9e, 0x73, 0xff},
	color.RGBA{0xf0, 0xe4, 0x42, 0xff}, color.RGBA{0x00, 0x72, 0xb2, 0xff}, color.RGBA{0xd5, 0x5e, 0x00, 0xff},
	color.RGBA{0xcc, 0x79, 0xa7, 0xff}, color.RGBA{0x99, 0x99, 0x99, 0xff},
}

const nothing = "Nothing coded matches the filter"

// Most is how many rows and series a chart draws: the largest by total.
const Most = 8

// Top keeps the n rows and n columns of t with the largest totals, in
// their order; a chart of 40 tags by 20 outlets is unreadable.
func Top(t matrix.Table, n int) matrix.Table {
	rows := largest(len(t.RowIs), n, func(i int) int { return sum(t.Cells[i]) })
	cols := largest(len(t.ColIs), n, func(j int) int {
		s := 0
		for i := range t.Cells {
			s += t.Cells[i][j]
		}
		return s
	})
	if t.Rows == t.Cols { // co-occurrence stays square
		cols = rows
	}
	out := matrix.Table{Rows: t.Rows, Cols: t.Cols, Count: t.Count, Bin: t.Bin}
	for _, j := range cols {
		out.ColIs = append(out.ColIs, t.ColIs[j])
	}
	for _, i := range rows {
		out.RowIs = append(out.RowIs, t.RowIs[i])
		row := make([]int, len(cols))
		for k, j := range cols {
			row[k] = t.Cells[i][j]
		}
		out.Cells = append(out.Cells, row)
	}
	return out
}

func largest(n, keep int, total func(int) int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	if n <= keep {
		return idx
	}
	slices.SortStableFunc(idx, func(a, b int) int { return total(b) - total(a) })
	idx = idx[:keep]
	slices.Sort(idx)
	return idx
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

func newPlot(title string, c Colors) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.BackgroundColor = c.Background
	p.Title.TextStyle.Color = c.Foreground
	p.Legend.TextStyle.Color = c.Foreground
	p.Legend.Top = true
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Color = c.Foreground
		ax.Label.TextStyle.Color = c.Foreground
		ax.Tick.Color = c.Foreground
		ax.Tick.Label.Color = c.Foreground
	}
	return p
}

// Bars draws rows (tags) as groups of bars, one bar per column (outlet).
func Bars(t matrix.Table, c Colors) (*plot.Plot, error) {
	p := newPlot(fmt.Sprintf("%s by %s and %s", t.Count, t.Rows, t.Cols), c)
	p.Y.Label.Text = string(t.Count)
	if len(t.RowIs) == 0 {
		p.Title.Text = nothing
		return p, nil
	}
	n := len(t.ColIs)
	width := vg.Points(math.Max(4, math.Min(18, 360/float64(max(1, n*len(t.RowIs))))))
	for j, col := range t.ColIs {
		vs := make(plotter.Values, len(t.RowIs))
		for i := range t.RowIs {
			vs[i] = float64(t.Cells[i][j])
		}
		b, err := plotter.NewBarChart(vs, width)
		if err != nil {
			return nil, err
		}
		b.LineStyle.Width = 0
		b.Color = series[j%len(series)]
		b.Offset = vg.Length(float64(j)-float64(n-1)/2) * width
		p.Add(b)
		p.Legend.Add(col.String(), b)
	}
	p.NominalX(labels(t.RowIs)...)
	slant(&p.X)
	return p, nil
}

// HeatMap draws a tag-by-tag co-occurrence table.
func HeatMap(t matrix.Table, c Colors) (*plot.Plot, error) {
	p := newPlot(fmt.Sprintf("co-occurrence of tags (%s)", t.Count), c)
	if len(t.RowIs) == 0 {
		p.Title.Text = nothing
		return p, nil
	}
	cm := moreland.Kindlmann()
	top := 1.0
	for _, row := range t.Cells {
		for _, v := range row {
			top = math.Max(top, float64(v))
		}
	}
	cm.SetMin(0)
	cm.SetMax(top)
	h := plotter.NewHeatMap(grid{t}, cm.Palette(64))
	p.Add(h)
	// The counts on the cells: a colour scale alone is hard to read off.
	var at plotter.XYLabels
	for r, row := range t.Cells {
		for col, v := range row {
			at.XYs = append(at.XYs, plotter.XY{X: float64(col), Y: float64(r)})
			at.Labels = append(at.Labels, fmt.Sprint(v))
		}
	}
	counts, err := plotter.NewLabels(at)
	if err != nil {
		return nil, err
	}
	for i := range counts.TextStyle {
		counts.TextStyle[i].Color = color.Gray{0x80}
		counts.TextStyle[i].XAlign, counts.TextStyle[i].YAlign = draw.XCenter, draw.YCenter
	}
	p.Add(counts)
	names := labels(t.RowIs)
	p.X.Tick.Marker, p.Y.Tick.Marker = nominal(names), nominal(names)
	slant(&p.X)
	return p, nil
}

// Lines draws one line per row (outlet) over the columns (periods).
func Lines(t matrix.Table, c Colors) (*plot.Plot, error) {
	p := newPlot(fmt.Sprintf("%s per %s by %s", t.Count, t.Cols, t.Rows), c)
	p.Y.Label.Text = string(t.Count)
	if len(t.ColIs) == 0 {
		p.Title.Text = nothing
		return p, nil
	}
	for i, row := range t.RowIs {
		xy := make(plotter.XYs, len(t.ColIs))
		for j := range t.ColIs {
			xy[j] = plotter.XY{X: float64(j), Y: float64(t.Cells[i][j])}
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		l.Color = series[i%len(series)]
		l.Width = vg.Points(2)
		p.Add(l)
		p.Legend.Add(row.String(), l)
	}
	names := labels(t.ColIs)
	step := max(1, len(names)/10) // about ten labels along the axis
	var ticks []plot.Tick
	for j, n := range names {
		if j%step == 0 {
			ticks = append(ticks, plot.Tick{Value: float64(j), Label: n})
		} else {
			ticks = append(ticks, plot.Tick{Value: float64(j)})
		}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	slant(&p.X)
	return p, nil
}

// Image renders a plot at w×h pixels.
func Image(p *plot.Plot, w, h int) image.Image {
	cv := vgimg.NewWith(vgimg.UseWH(vg.Length(w)*vg.Inch/96, vg.Length(h)*vg.Inch/96), vgimg.UseDPI(96))
	p.Draw(draw.New(cv))
	return cv.Image()
}

// slant tilts an axis's labels so long tag names do not run together.
func slant(ax *plot.Axis) {
	ax.Tick.Label.Rotation = math.Pi / 8
	ax.Tick.Label.XAlign = draw.XRight
}

func labels(ls []matrix.Label) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.String()
		if r := []rune(out[i]); len(r) > 28 {
			out[i] = string(r[:27]) + "…"
		}
	}
	return out
}

func nominal(names []string) plot.ConstantTicks {
	ticks := make([]plot.Tick, len(names))
	for i, n := range names {
		ticks[i] = plot.Tick{Value: float64(i), Label: n}
	}
	return ticks
}

// grid is a table as plotter.GridXYZ: column c, row r.
type grid struct{ t matrix.Table }

func (g grid) Dims() (c, r int)   { return len(g.t.ColIs), len(g.t.RowIs) }
func (g grid) Z(c, r int) float64 { return float64(g.t.Cells[r][c]) }
func (g grid) X(c int) float64    { return float64(c) }
func (g grid) Y(r int) float64    { return float64(r) }
