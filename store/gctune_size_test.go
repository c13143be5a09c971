package store

import "testing"

func TestPrefaultSize(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name        string
		goal, inUse uint64
		textBytes   int
		want        uint64
	}{
		{"room to the goal and past it", 40 * mib, 20 * mib, 2 * mib, 26 * mib},
		{"a small import allocates less than the room", 40 * mib, 20 * mib, 100 << 10, 6000 << 10},
		{"too small to be worth a collection", 40 * mib, 20 * mib, 40 << 10, 0},
		{"heap at its goal already", 40 * mib, 46 * mib, 2 * mib, 0},
		{"room under the minimum", 40 * mib, 43 * mib, 2 * mib, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := prefaultSize(tt.goal, tt.inUse, tt.textBytes); got != tt.want {
				t.Errorf("prefaultSize(%d MiB, %d MiB, %d) = %d, want %d", tt.goal/mib, tt.inUse/mib, tt.textBytes, got, tt.want)
			}
		})
	}
}
