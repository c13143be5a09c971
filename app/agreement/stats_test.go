package agreement

import (
	"math"
	"testing"
)

var M = Missing

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// The published worked examples; the numbers are the check.
func TestAlphaWorkedExamples(t *testing.T) {
	for _, c := range []struct {
		source string
		units  [][]float64 // units × coders
		metric Metric
		want   float64
		tol    float64
	}{
		// Wikipedia, "Krippendorff's alpha", the worked example: 3 coders,
		// 15 units, nominal 0.691358 (= 56/81), interval 0.810845.
		{"Krippendorff, 3 coders x 15 units, nominal", wiki, Nominal, 0.691358, 1e-6},
		{"Krippendorff, 3 coders x 15 units, interval", wiki, Interval, 0.810845, 1e-6},
		// Krippendorff (2011), Computing Krippendorff's alpha-reliability,
		// section C: 4 observers, 12 units with missing values, nominal 0.743.
		{"Krippendorff 2011, 4 observers with missing values", fourObservers, Nominal, 0.743, 5e-4},
		// ibid., section A: two observers, 10 units of binary data, 0.095.
		{"Krippendorff 2011, binary data, two observers", binary, Nominal, 0.095, 5e-4},
	} {
		if got := Alpha(c.units, c.metric); !near(got, c.want, c.tol) {
			t.Errorf("%s: alpha %.6f, want %.6f", c.source, got, c.want)
		}
	}
}

var wiki = transpose([][]float64{
	{M, M, M, M, M, 3, 4, 1, 2, 1, 1, 3, 3, M, 3},
	{1, M, 2, 1, 3, 3, 4, 3, M, M, M, M, M, M, M},
	{M, M, 2, 1, 3, 4, 4, M, 2, 1, 1, 3, 3, M, 4},
})

var fourObservers = transpose([][]float64{
	{1, 2, 3, 3, 2, 1, 4, 1, 2, M, M, M},
	{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, M, 3},
	{M, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, M},
	{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, M},
})

var binary = transpose([][]float64{
	{0, 1, 0, 0, 0, 0, 0, 0, 1, 0},
	{1, 1, 1, 0, 0, 1, 0, 0, 0, 0},
})

// transpose turns coders × units, as the papers print them, into units ×
// coders.
func transpose(coders [][]float64) [][]float64 {
	units := make([][]float64, len(coders[0]))
	for u := range units {
		for _, c := range coders {
			units[u] = append(units[u], c[u])
		}
	}
	return units
}

func TestTableWorkedExamples(t *testing.T) {
	// Cohen (1960), A coefficient of agreement for nominal scales, table
	// 1: 200 units, three categories; po 0.70, pc 0.41, kappa 0.492.
	cohen := Table{{88, 14, 18}, {10, 40, 10}, {2, 6, 12}}
	if p, k := cohen.Percent(), cohen.Kappa(); !near(p, 0.70, 1e-9) || !near(k, 0.492, 5e-4) {
		t.Errorf("Cohen 1960: percent %.3f, kappa %.4f; want 0.700, 0.492", p, k)
	}
	// Krippendorff's binary example as a table: percent 0.600, alpha 0.095.
	bin := Table{{5, 3}, {1, 1}} // rows: observer 1 said 0 / 1; columns: observer 2
	if p, a := bin.Percent(), bin.Alpha(); !near(p, 0.600, 1e-9) || !near(a, 0.095, 5e-4) {
		t.Errorf("binary table: percent %.3f, alpha %.4f; want 0.600, 0.095", p, a)
	}
	// The table's alpha is the units' alpha.
	if a, b := cohen.Alpha(), Alpha(unitsOf(cohen), Nominal); !near(a, b, 1e-9) {
		t.Errorf("table alpha %.6f, units alpha %.6f", a, b)
	}
	// Nothing to tell apart: NaN, not a number that looks like one.
	if k := (Table{{10, 0}, {0, 0}}).Kappa(); !math.IsNaN(k) {
		t.Errorf("kappa of one category: %v", k)
	}
}

func unitsOf(t Table) [][]float64 {
	var units [][]float64
	for i, row := range t {
		for j, v := range row {
			for range int(v) {
				units = append(units, []float64{float64(i), float64(j)})
			}
		}
	}
	return units
}

func TestRuneSlice(t *testing.T) {
	const s = "Кремль said «no»"
	for _, c := range []struct {
		start, end int
		want       string
	}{{0, 6, "Кремль"}, {7, 11, "said"}, {12, 16, "«no»"}, {0, 16, s}} {
		if got := runeSlice(s, c.start, c.end); got != c.want {
			t.Errorf("runeSlice(%d, %d) = %q, want %q", c.start, c.end, got, c.want)
		}
	}
}
