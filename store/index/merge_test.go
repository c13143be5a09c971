package index

import (
	"slices"
	"testing"
)

func TestPickMerge(t *testing.T) {
	small, large := segInfo{bytes: 1 << 10}, segInfo{bytes: tier0Bytes * MergeFactor}
	run := func(seg segInfo, n int) []segInfo { return slices.Repeat([]segInfo{seg}, n) }
	for _, c := range []struct {
		name  string
		segs  []segInfo
		every int
		want  int // index of the first segment picked, -1 for none
	}{
		{"too few", run(small, MergeFactor-1), MergeFactor, -1},
		{"a full tier", run(small, MergeFactor), MergeFactor, 0},
		{"after a larger one", append(run(large, 1), run(small, MergeFactor+1)...), MergeFactor, 1},
		{"tiers interleaved", append(append(run(small, 4), large), run(small, 4)...), MergeFactor, -1},
		{"importing, a full tier waits", run(small, MergeFactor+3), HeldMergeRun, -1},
		{"importing, piled up", run(small, HeldMergeRun), HeldMergeRun, 0},
	} {
		for i := range c.segs {
			c.segs[i].id = uint32(i + 1)
		}
		got := pickMerge(c.segs, c.every)
		switch {
		case c.want < 0 && got != nil:
			t.Errorf("%s: picked %v", c.name, got)
		case c.want >= 0 && (len(got) != MergeFactor || got[0].id != uint32(c.want+1)):
			t.Errorf("%s: picked %v, want %d segments from the %dth", c.name, got, MergeFactor, c.want+1)
		}
	}
}
