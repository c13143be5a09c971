package parallel

import (
	"errors"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		seen := make([]atomic.Int32, n)
		if err := Each(n, 3, func(i int) error { seen[i].Add(1); return nil }); err != nil {
			t.Fatal(err)
		}
		for i := range seen {
			if seen[i].Load() != 1 {
				t.Fatalf("n=%d: item %d done %d times", n, i, seen[i].Load())
			}
		}
	}
	bad := errors.New("item 500 is bad")
	if err := Each(1000, 1, func(i int) error {
		if i == 500 {
			return bad
		}
		return nil
	}); !errors.Is(err, bad) {
		t.Errorf("error %v, want the item's", err)
	}
}
