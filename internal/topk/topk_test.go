package topk

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSelectEqualsSortPrefix(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	byValueThenIndex := func(a, b [2]int) int {
		if c := cmp.Compare(b[0], a[0]); c != 0 {
			return c
		}
		return cmp.Compare(a[1], b[1])
	}
	for _, n := range []int{0, 1, 5, 50, 1000} {
		for _, k := range []int{1, 10, 50} {
			xs := make([][2]int, n)
			for i := range xs {
				xs[i] = [2]int{rng.IntN(20), i} // many ties
			}
			want := slices.Clone(xs)
			slices.SortFunc(want, byValueThenIndex)
			want = want[:min(k, n)]
			if got := Select(slices.Clone(xs), k, byValueThenIndex); !slices.Equal(got, want) {
				t.Errorf("n=%d k=%d: got %v, want %v", n, k, got, want)
			}
		}
	}
}
