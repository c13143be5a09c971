package quickopen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// titles generates n headline-like titles, some with non-ASCII letters
// and characters whose case folds across scripts (K, ſ).
func titles(n int, seed uint64) []string {
	words := strings.Fields("Kremlin invites Zelenskiy Moscow peace talks Kyiv says offer trap grain deal ports reopen " +
		"Blair Brown election Labour budget BBC sport tech Ukraine Russia Європа Київ Straße café ſtory Kelvin KELVIN " +
		"prime minister summit sanctions drone energy winter")
	rng := rand.New(rand.NewPCG(seed, 7))
	out := make([]string, n)
	for i := range out {
		k := 3 + rng.IntN(7)
		ws := make([]string, k)
		for j := range ws {
			ws[j] = words[rng.IntN(len(words))]
		}
		out[i] = strings.Join(ws, " ")
	}
	return out
}

func entries(ts []string) []Entry {
	es := make([]Entry, len(ts))
	for i, t := range ts {
		es[i] = Entry{Kind: Title, Text: t, ID: uint64(i + 1)}
	}
	return es
}

// typed returns a pattern's prefixes of 2 to len runes, as keystrokes.
func typed(p string) []string {
	rs := []rune(p)
	var out []string
	for n := 2; n <= len(rs); n++ {
		out = append(out, string(rs[:n]))
	}
	return out
}

var patterns = []string{"kremzel", "peace talks", "kyiv", "zlnsk", "blairbrown", "Київ", "straße", "kelvin", "STORY", "xq", "prime min", "ukr-rus"}

func TestFindEqualsFuzzyFind(t *testing.T) {
	ts := titles(20000, 1)
	ix := New(entries(ts))
	for _, p := range patterns {
		for _, k := range typed(p) {
			want := fuzzy.Find(k, ts)
			got := ix.Find(k, 50)
			if len(got) != min(50, len(want)) {
				t.Fatalf("%q: %d results, fuzzy.Find has %d", k, len(got), len(want))
			}
			for i := range got {
				w := want[i]
				if got[i].Index != w.Index || got[i].Score != w.Score {
					t.Fatalf("%q result %d: entry %d score %d, fuzzy.Find: entry %d score %d", k, i, got[i].Index, got[i].Score, w.Index, w.Score)
				}
				// Matched positions are code points of the same characters.
				rs := []rune(got[i].Text)
				for j, cp := range got[i].Matched {
					r, _ := utf8.DecodeRuneInString(w.Str[w.MatchedIndexes[j]:])
					if rs[cp] != r {
						t.Fatalf("%q: matched code point %d is %q, fuzzy matched %q", k, cp, rs[cp], r)
					}
				}
			}
		}
	}
}

func TestFindOnAFreshPatternAfterNarrowing(t *testing.T) {
	ts := []string{"Kremlin talks", "Kyiv answers", "Grain deal", "KELVIN scale"}
	ix := New(entries(ts))
	for _, step := range []struct {
		pat  string
		want []int
	}{{"k", []int{0, 1, 3}}, {"ky", []int{1}}, {"kyx", nil}, {"gr", []int{2}}, {"K", []int{0, 1, 3}}} {
		var got []int
		for _, r := range ix.Find(step.pat, 10) {
			got = append(got, r.Index)
		}
		slices.Sort(got)
		if !slices.Equal(got, step.want) {
			t.Errorf("%q = %v, want %v", step.pat, got, step.want)
		}
	}
}

// BenchmarkKeystrokes types each pattern key by key over 100,000 and
// 1,000,000 titles, as the quick-open box does, and reports per-keystroke
// latency percentiles beside a plain fuzzy.Find over all titles.
func BenchmarkKeystrokes(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		ts := titles(n, 2)
		b.Run(fmt.Sprintf("titles=%d", n), func(b *testing.B) {
			ix := New(entries(ts))
			var lat, plain []time.Duration
			for b.Loop() {
				for _, p := range patterns {
					for _, k := range typed(p) {
						start := time.Now()
						ix.Find(k, 50)
						lat = append(lat, time.Since(start))
					}
				}
			}
			b.StopTimer()
			for _, p := range patterns[:3] {
				start := time.Now()
				fuzzy.Find(p[:4], ts)
				plain = append(plain, time.Since(start))
			}
			b.ReportMetric(ms(percentile(lat, 50)), "p50-ms")
			b.ReportMetric(ms(percentile(lat, 99)), "p99-ms")
			b.ReportMetric(ms(percentile(plain, 50)), "fuzzy.Find-ms")
		})
	}
}

func percentile(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
