package compare

import (
	"math/rand/v2"
	"testing"
)

// equal counts the 16-bit values two sketches share, checked against a
// value-by-value count, at the lanes' edges (a difference only in a
// lane's top bit or bottom bit) and on random signatures.
func TestSketchEqual(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func() Signature {
		var s Signature
		for i := range s {
			s[i] = rng.Uint32()
		}
		return s
	}
	type pair struct {
		name string
		a, b Signature
	}
	var pairs []pair
	base := random()
	for _, flip := range []uint32{0x8000, 0x0001, 0x4000, 0xFFFF, 0x7FFF, 0x10000, 0xFFFF0000} {
		b := base
		for i := range b {
			if i%3 == 0 {
				b[i] ^= flip
			}
		}
		pairs = append(pairs, pair{"flip " + string(rune('0'+len(pairs))), base, b})
	}
	var zero Signature
	pairs = append(pairs, pair{"identical", base, base}, pair{"zeros", zero, zero})
	for range 200 {
		a, b := random(), random()
		for i := range b {
			if rng.IntN(3) == 0 {
				b[i] = a[i]
			}
		}
		pairs = append(pairs, pair{"random", a, b})
	}
	for _, p := range pairs {
		want := 0
		for i := range p.a {
			if uint16(p.a[i]) == uint16(p.b[i]) {
				want++
			}
		}
		ka, kb := p.a.Sketch(), p.b.Sketch()
		if got := ka.equal(&kb); got != want {
			t.Errorf("%s: %d equal values, want %d", p.name, got, want)
		}
	}
}

// Nearest ranks by shared values, ties by ID, and leaves out the article
// asked about and those sharing nothing.
func TestSketchesNearest(t *testing.T) {
	var target Signature
	for i := range target {
		target[i] = uint32(i + 1)
	}
	sharing := func(n int) Sketch {
		s := target
		for i := n; i < SignatureSize; i++ {
			s[i] = 1 << 20 // a different value in all 16 low bits too
		}
		return s.Sketch()
	}
	c := Sketches{IDs: []uint64{7, 3, 9, 4, 5}, Sks: []Sketch{sharing(10), sharing(40), sharing(64), sharing(40), sharing(0)}}
	tk := target.Sketch()
	got := c.Nearest(&tk, 9, 3)
	want := []Neighbour{{3, 40.0 / 64}, {4, 40.0 / 64}, {7, 10.0 / 64}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %v, want %v", got, want)
		}
	}
}
