package main

import (
	"strings"
	"testing"
)

func TestParseRounds(t *testing.T) {
	for _, tc := range []struct {
		in      string
		corpus  string
		want    int
		wantErr string
	}{
		{"bbc=7,100k=1", "bbc", 7, ""},
		{"bbc=7,100k=1", "100k", 1, ""},
		{"bbc=7", "100k", 1, ""},
		{"3", "100k", 3, ""},
		{"2,bbc=5", "bbc", 5, ""},
		{"bbc=0", "", 0, "not a number of rounds"},
		{"bbc=x", "", 0, `"x" is not a number`},
	} {
		rounds, err := parseRounds(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("parseRounds(%q): error %v, want one saying %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("parseRounds(%q): %v", tc.in, err)
		}
		if got := roundsFor(rounds, tc.corpus); got != tc.want {
			t.Errorf("parseRounds(%q) for %s: %d rounds, want %d", tc.in, tc.corpus, got, tc.want)
		}
	}
}

func TestSummariseTakesMedians(t *testing.T) {
	run := func(secs float64, p50 float64, hits ...int) result {
		return result{Engine: "x", IndexSecs: secs, P50: map[string]float64{"word": p50}, P99: map[string]float64{}, Hits: hits}
	}
	s, err := summarise([]result{run(0.30, 1, 5), run(0.20, 3, 5), run(0.90, 2, 5)})
	if err != nil {
		t.Fatal(err)
	}
	if s.IndexSecs != 0.30 || s.P50["word"] != 2 {
		t.Errorf("medians: index %v s, word p50 %v ms; want 0.30 and 2", s.IndexSecs, s.P50["word"])
	}
	if _, err := summarise([]result{run(0.3, 1, 5), run(0.3, 1, 6)}); err == nil {
		t.Error("hit counts that differ between rounds were not reported")
	}
}

func TestRatioRangePairsRounds(t *testing.T) {
	secs := func(xs ...float64) []result {
		var rs []result
		for _, x := range xs {
			rs = append(rs, result{IndexSecs: x})
		}
		return rs
	}
	// Round 2 ran on a slow machine for both: paired, it is 1×, as the others.
	med, lo, hi := ratioRange(secs(0.2, 0.4, 0.25), secs(0.2, 0.4, 0.25), func(r result) float64 { return r.IndexSecs })
	if med != 1 || lo != 1 || hi != 1 {
		t.Errorf("equal rounds: %v (%v–%v), want 1 (1–1)", med, lo, hi)
	}
	med, lo, hi = ratioRange(secs(0.2, 0.3, 0.4), secs(0.4, 0.3, 0.2), func(r result) float64 { return r.IndexSecs })
	if med != 1 || lo != 0.5 || hi != 2 {
		t.Errorf("got %v (%v–%v), want 1 (0.5–2)", med, lo, hi)
	}
}
