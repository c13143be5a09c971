package quickopen

import (
	"math/rand/v2"
	"testing"

	"github.com/sahilm/fuzzy"
)

// TestScoreEqualsFuzzy compares the port with fuzzy on random texts and
// patterns rich in what its rules look at: case changes, separators,
// repeats, adjacent letters, and runes whose case folds across scripts.
func TestScoreEqualsFuzzy(t *testing.T) {
	alphabet := []rune("abcAB-_ ./\\xyZk1KſsSßéÉЄєΣσς\uFFFD")
	rng := rand.New(rand.NewPCG(4, 2))
	random := func(n int) string {
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(rs)
	}
	cases := [][2]string{{"tk", "The Black Knight"}, {"ab", "a b"}, {"kz", "KremlinZelenskiy"}, {"aa", "a"}, {"a", ""}, {"x", "x"}, {"k", "\u212Aelvin"}, {"ÿ", "\xff"}}
	for range 200_000 {
		cases = append(cases, [2]string{random(1 + rng.IntN(4)), random(rng.IntN(24))})
	}
	for _, c := range cases {
		pattern, text := c[0], c[1]
		got, ok := score([]rune(pattern), text)
		ms := fuzzy.Find(pattern, []string{text})
		if ok != (len(ms) == 1) {
			t.Fatalf("score(%q, %q) matched %v, fuzzy has %d matches", pattern, text, ok, len(ms))
		}
		if ok && got != ms[0].Score {
			t.Fatalf("score(%q, %q) = %d, fuzzy %d", pattern, text, got, ms[0].Score)
		}
	}
}
