// Package agreement measures how far analysts agree in their coding:
// percent agreement, Cohen's kappa and Krippendorff's alpha, computed
// the standard way and checked against the published worked examples.
package agreement

import "math"

// Missing marks a unit a coder did not code.
var Missing = math.NaN()

// Metric is Krippendorff's difference function between two values.
type Metric int

const (
	Nominal  Metric = iota // 0 if equal, else 1
	Interval               // (c-k)²
)

func (m Metric) delta2(c, k float64) float64 {
	if m == Interval {
		return (c - k) * (c - k)
	}
	if c == k {
		return 0
	}
	return 1
}

// Alpha is Krippendorff's alpha for units × coders (Missing where a coder
// did not code a unit), from the coincidence matrix (Krippendorff 2011,
// "Computing Krippendorff's alpha-reliability"): units with fewer than
// two values are not pairable and count for nothing. It is NaN when
// there is no variation to measure (every pairable value the same).
func Alpha(units [][]float64, m Metric) float64 {
	type pair struct{ c, k float64 }
	o := map[pair]float64{}
	nc := map[float64]float64{}
	n := 0.0
	for _, u := range units {
		var vs []float64
		for _, v := range u {
			if !math.IsNaN(v) {
				vs = append(vs, v)
			}
		}
		mu := float64(len(vs))
		if mu < 2 {
			continue
		}
		for i, c := range vs {
			for j, k := range vs {
				if i != j {
					o[pair{c, k}] += 1 / (mu - 1)
				}
			}
		}
	}
	for p, w := range o {
		nc[p.c] += w
		n += w
	}
	if n <= 1 {
		return math.NaN()
	}
	do := 0.0
	for p, w := range o {
		do += w * m.delta2(p.c, p.k)
	}
	do /= n
	de := 0.0
	for c, a := range nc {
		for k, b := range nc {
			de += a * b * m.delta2(c, k)
		}
	}
	de /= n * (n - 1)
	if de == 0 {
		return math.NaN()
	}
	return 1 - do/de
}

// Table is a two-coder contingency table: Table[i][j] counts the units
// the first coder put in category i and the second in category j.
type Table [][]float64

// Percent is the share of units both coders put in the same category.
func (t Table) Percent() float64 {
	agree, total := 0.0, 0.0
	for i, row := range t {
		for j, v := range row {
			total += v
			if i == j {
				agree += v
			}
		}
	}
	return agree / total
}

// Kappa is Cohen's kappa (1960): (po − pe) / (1 − pe), where pe, the
// agreement expected by chance, is the sum over categories of the
// product of the two coders' marginal shares. (QualCoder multiplies the
// shares of agreement instead; that is not kappa.) NaN when pe is 1.
func (t Table) Kappa() float64 {
	total := 0.0
	rows := make([]float64, len(t))
	cols := make([]float64, len(t))
	for i, row := range t {
		for j, v := range row {
			rows[i] += v
			cols[j] += v
			total += v
		}
	}
	pe := 0.0
	for i := range t {
		pe += rows[i] / total * cols[i] / total
	}
	if pe == 1 {
		return math.NaN()
	}
	return (t.Percent() - pe) / (1 - pe)
}

// Alpha is Krippendorff's nominal alpha of two coders who both coded
// every unit of the table.
func (t Table) Alpha() float64 {
	// Coincidences of two coders: each unit gives the pair both ways.
	n := 0.0
	nc := make([]float64, len(t))
	disagree := 0.0
	for i, row := range t {
		for j, v := range row {
			n += 2 * v
			nc[i] += v
			nc[j] += v
			if i != j {
				disagree += 2 * v
			}
		}
	}
	de := 0.0
	for c := range nc {
		for k := range nc {
			if c != k {
				de += nc[c] * nc[k]
			}
		}
	}
	if de == 0 || n <= 1 {
		return math.NaN()
	}
	return 1 - (disagree/n)/(de/(n*(n-1)))
}
