package quickopen

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sahilm/fuzzy"
)

// TestScoreEqualsFuzzy compares the port with fuzzy on random texts and
// patterns rich in what its rules look at: case changes, separators,
// repeats, adjacent letters, and runes whose case folds across scripts.
func TestScoreEqualsFuzzy(t *testing.T) {
	alphabet := []rune("abcAB-_ ./\\xyZk1KſsSßéÉЄєΣσς\uFFFD")
	asciiOnly := []rune("abcAB-_ ./\\xyZk1KsSz")
	rng := rand.New(rand.NewPCG(4, 2))
	randomOf := func(alphabet []rune, n int) string {
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(rs)
	}
	random := func(n int) string { return randomOf(alphabet, n) }
	// ASCII patterns meet texts with lower and upper case runes of other
	// scripts, punctuation and broken UTF-8 between their letters.
	pieces := []string{"a", "b", "c", "A", "B", "Z", "k", "K", "s", "S", " ", "-", ".", "/", "é", "É", "є", "Є", "ß", "σ", "’", "—", "\xc3", "\xa9", "\xff", "\uFFFD"}
	mixed := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	cases := [][2]string{{"tk", "The Black Knight"}, {"ab", "a b"}, {"kz", "KremlinZelenskiy"}, {"aa", "a"}, {"a", ""}, {"x", "x"}, {"k", "\u212Aelvin"}, {"ÿ", "\xff"}, {"a---", " a---"}}
	for range 200_000 {
		cases = append(cases, [2]string{random(1 + rng.IntN(4)), random(rng.IntN(24))})
		cases = append(cases, [2]string{randomOf(asciiOnly, 1+rng.IntN(5)), randomOf(asciiOnly, rng.IntN(32))})
		cases = append(cases, [2]string{randomOf(asciiOnly, 1+rng.IntN(4)), mixed(rng.IntN(28))})
		// A piece of the text itself: runs of adjacent matches, whose
		// bonus grows fastest.
		text := randomOf(asciiOnly, 2+rng.IntN(30))
		from := rng.IntN(len(text) - 1)
		cases = append(cases, [2]string{text[from : from+1+rng.IntN(min(8, len(text)-from))], text})
	}
	byBytes := 0
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
		if pat, fast := asciiPattern(pattern); fast && byteScorable(text) {
			bytesScore, bytesOK := scoreBytes(pat, text)
			if bytesOK != ok || (ok && bytesScore != got) {
				t.Fatalf("scoreBytes(%q, %q) = %d, %v; score: %d, %v", pattern, text, bytesScore, bytesOK, got, ok)
			}
			byBytes++
		}
	}
	if byBytes < 400_000 {
		t.Fatalf("only %d cases tried scoreBytes", byBytes)
	}
}
