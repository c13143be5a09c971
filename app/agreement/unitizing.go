package agreement

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// Krippendorff's unitizing alpha (uα: Krippendorff 1995, "On the
// reliability of unitizing continuous data", Sociological Methodology 25;
// Content Analysis, 2nd ed., 2004, ch. 12) compares how observers cut a
// continuum, here the text, into coded units and gaps, value by value.
// Two units of a value that overlap disagree by the squares of the
// differences of their beginnings and their ends; a unit lying inside the
// other observer's gap disagrees by the square of its length; gaps agree
// with gaps. The expected disagreement is that of every way the same
// units and gaps could have been laid on the continuum.

// Segment is one observer's unit: the stretch [Start, End) of the
// continuum coded with Value.
type Segment struct {
	Observer   int
	Start, End int
	Value      string
}

// ValueAgreement is one value's observed and expected disagreement and
// its alpha (NaN when nothing could disagree).
type ValueAgreement struct {
	Observed, Expected, Alpha float64
}

// Unitizing is uα over all values and per value.
type Unitizing struct {
	Alpha  float64
	Values map[string]ValueAgreement
}

// piece is a unit or a gap of one observer, for one value.
type piece struct {
	start, end int
	unit       bool
}

// UnitizingAlpha computes uα for observers 0..observers-1 over the
// continuum [begin, begin+length). An observer's overlapping units of one
// value count as one; units are clipped to the continuum.
func UnitizingAlpha(begin, length, observers int, segs []Segment) Unitizing {
	out := Unitizing{Values: map[string]ValueAgreement{}}
	byValue := map[string][][][2]int{}
	for _, s := range segs {
		lo, hi := max(s.Start, begin), min(s.End, begin+length)
		if lo >= hi || s.Observer < 0 || s.Observer >= observers {
			continue
		}
		if byValue[s.Value] == nil {
			byValue[s.Value] = make([][][2]int, observers)
		}
		byValue[s.Value][s.Observer] = append(byValue[s.Value][s.Observer], [2]int{lo, hi})
	}
	var sumObserved, sumExpected float64
	for v, units := range byValue {
		pieces := make([][]piece, observers)
		for o := range units {
			pieces[o] = layOut(merged(units[o]), begin, begin+length)
		}
		va := ValueAgreement{
			Observed: observed(pieces, length),
			Expected: expected(pieces, length),
		}
		va.Alpha = math.NaN()
		if va.Expected > 0 {
			va.Alpha = 1 - va.Observed/va.Expected
		}
		out.Values[v] = va
		sumObserved += va.Observed
		sumExpected += va.Expected
	}
	out.Alpha = math.NaN()
	if sumExpected > 0 {
		// The mean over values of both disagreements: the count cancels.
		out.Alpha = 1 - sumObserved/sumExpected
	}
	return out
}

// merged sorts spans and joins those that overlap.
func merged(spans [][2]int) [][2]int {
	slices.SortFunc(spans, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	var out [][2]int
	for _, s := range spans {
		if n := len(out); n > 0 && s[0] < out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// layOut covers [from, to) with an observer's units and the gaps between.
func layOut(units [][2]int, from, to int) []piece {
	var out []piece
	at := from
	for _, u := range units {
		if u[0] > at {
			out = append(out, piece{at, u[0], false})
		}
		out = append(out, piece{u[0], u[1], true})
		at = u[1]
	}
	if at < to {
		out = append(out, piece{at, to, false})
	}
	return out
}

// distance is δ² of two overlapping pieces of two observers.
func distance(x, y piece) float64 {
	switch {
	case x.unit && y.unit:
		b, e := float64(x.start-y.start), float64(x.end-y.end)
		return b*b + e*e
	case x.unit && y.start <= x.start && x.end <= y.end:
		l := float64(x.end - x.start)
		return l * l
	case y.unit && x.start <= y.start && y.end <= x.end:
		l := float64(y.end - y.start)
		return l * l
	}
	return 0
}

// observed is uDo: the disagreement of every pair of overlapping pieces
// of every two observers, over m(m-1)L².
func observed(pieces [][]piece, length int) float64 {
	m := len(pieces)
	sum := 0.0
	for o1 := range m {
		for o2 := o1 + 1; o2 < m; o2++ {
			a, b := pieces[o1], pieces[o2]
			for i, j := 0, 0; i < len(a) && j < len(b); {
				if a[i].start < b[j].end && b[j].start < a[i].end {
					sum += distance(a[i], b[j])
				}
				if a[i].end <= b[j].end {
					i++
				} else {
					j++
				}
			}
		}
	}
	l := float64(length)
	return 2 * sum / (float64(m*(m-1)) * l * l)
}

// expected is uDe: for each unit of length l, the disagreement with the
// N-1 other units placed anywhere they overlap it,
// (N-1)(2l³-3l²+l)/3, and with every gap g at least as long that could
// hold it, l²(g-l+1); times 2/L, over mL(mL-1) less Σ l(l-1).
func expected(pieces [][]piece, length int) float64 {
	var units, gaps []float64
	for _, ps := range pieces {
		for _, p := range ps {
			if l := float64(p.end - p.start); p.unit {
				units = append(units, l)
			} else {
				gaps = append(gaps, l)
			}
		}
	}
	if len(units) == 0 {
		return 0
	}
	// Σ over gaps g ≥ l of (g-l+1) = (Σ g) - (l-1)·count, from sorted
	// gaps and suffix sums: fast at 100,000 units.
	slices.Sort(gaps)
	suffix := make([]float64, len(gaps)+1)
	for i := len(gaps) - 1; i >= 0; i-- {
		suffix[i] = suffix[i+1] + gaps[i]
	}
	n := float64(len(units))
	var sum, selfPairs float64
	for _, l := range units {
		sum += (n - 1) * (2*l*l*l - 3*l*l + l) / 3
		k := sort.SearchFloat64s(gaps, l)
		sum += l * l * (suffix[k] - (l-1)*float64(len(gaps)-k))
		selfPairs += l * (l - 1)
	}
	m, L := float64(len(pieces)), float64(length)
	return 2 / L * sum / (m*L*(m*L-1) - selfPairs)
}
