package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// On a shared virtual machine one indexing run can take half as long
// again as the next, and a single side-by-side run gave ratios from 0.7×
// to 1.5× for the same two builds. So each engine indexes a corpus
// several times, the engines taking turns (round 1: every engine, then
// round 2…), and the report gives medians: of each engine's figures, and
// of the ratios between engines within a round, where both ran on the
// machine in the same state.

// parseRounds reads -rounds: "bbc=7,100k=1" (a bare number is for every
// corpus).
func parseRounds(s string) (map[string]int, error) {
	out := map[string]int{}
	for _, part := range strings.Split(s, ",") {
		name, count, named := strings.Cut(part, "=")
		if !named {
			name, count = "", part
		}
		n, err := strconv.Atoi(strings.TrimSpace(count))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-rounds %q: %q is not a number of rounds (1 or more)", s, count)
		}
		out[strings.TrimSpace(name)] = n
	}
	return out, nil
}

// roundsFor is how many rounds a corpus gets: its own count, else the
// bare one, else 1.
func roundsFor(rounds map[string]int, corpus string) int {
	if n, ok := rounds[corpus]; ok {
		return n
	}
	if n, ok := rounds[""]; ok {
		return n
	}
	return 1
}

// median of xs (the lower middle of an even count: a figure that was
// measured); 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

// summarise folds an engine's rounds into one result of medians. Hit
// counts must agree between rounds: an index that answers differently
// on the same corpus is a bug, not noise.
func summarise(runs []result) (result, error) {
	if len(runs) == 0 {
		return result{}, fmt.Errorf("no rounds")
	}
	of := func(f func(result) float64) float64 {
		xs := make([]float64, len(runs))
		for i, r := range runs {
			xs[i] = f(r)
		}
		return median(xs)
	}
	s := runs[0]
	for _, r := range runs[1:] {
		if !slices.Equal(r.Hits, s.Hits) {
			return s, fmt.Errorf("%s: hit counts differ between rounds: %v and %v", s.Engine, s.Hits, r.Hits)
		}
	}
	s.IndexSecs = of(func(r result) float64 { return r.IndexSecs })
	s.IndexCPUSecs = of(func(r result) float64 { return r.IndexCPUSecs })
	s.IndexFaults = int64(of(func(r result) float64 { return float64(r.IndexFaults) }))
	s.MergeSecs = of(func(r result) float64 { return r.MergeSecs })
	s.DiskBytes = int64(of(func(r result) float64 { return float64(r.DiskBytes) }))
	s.PeakRSS = int64(of(func(r result) float64 { return float64(r.PeakRSS) }))
	s.SimilarP50 = of(func(r result) float64 { return r.SimilarP50 })
	s.SimilarP99 = of(func(r result) float64 { return r.SimilarP99 })
	s.P50, s.P99 = map[string]float64{}, map[string]float64{}
	for _, c := range classes {
		s.P50[c] = of(func(r result) float64 { return r.P50[c] })
		s.P99[c] = of(func(r result) float64 { return r.P99[c] })
	}
	return s, nil
}

// ratioRange is base's figure over other's, round by round: the median
// and the extremes.
func ratioRange(base, other []result, figure func(result) float64) (med, lo, hi float64) {
	var rs []float64
	for i := range min(len(base), len(other)) {
		if d := figure(other[i]); d > 0 {
			rs = append(rs, figure(base[i])/d)
		}
	}
	if len(rs) == 0 {
		return 0, 0, 0
	}
	return median(rs), slices.Min(rs), slices.Max(rs)
}
