package compare

import (
	"cmp"
	"math/bits"

	"github.com/parallax-news/parallax/internal/topk"
)

// A Sketch is a signature's values cut to their low 16 bits, four to a
// word: half the size, and what Similar scans instead of whole
// signatures. Two different values agree in one case in 65,536, too
// seldom to reorder neighbours: at 100,000 articles, Similar's top 10
// from 16-bit sketches kept as many of the 32-bit top 10 as the
// signatures did (8 bits lost 3% of them).
type Sketch [SignatureSize / 4]uint64

// Sketch is the signature's sketch.
func (s *Signature) Sketch() Sketch {
	var k Sketch
	for i, v := range s {
		k[i/4] |= uint64(uint16(v)) << (16 * (i % 4))
	}
	return k
}

const (
	lanesLow  = 0x7FFF_7FFF_7FFF_7FFF
	lanesHigh = 0x8000_8000_8000_8000
)

// equal counts the values two sketches share, four at a time: a lane of
// x is zero where they agree, and the sum below sets a lane's high bit
// exactly when its low 15 bits are not all zero.
func (k *Sketch) equal(o *Sketch) int {
	n := 0
	for i := range k {
		x := k[i] ^ o[i]
		nonzero := ((x & lanesLow) + lanesLow) | x
		n += bits.OnesCount64(^nonzero & lanesHigh)
	}
	return n
}

// Sketches is a collection's sketches, packed for scanning.
type Sketches struct {
	IDs []uint64
	Sks []Sketch
}

// Nearest returns the limit articles whose sketches share the most
// values with sk, best first, ties by ID, leaving out exclude; the
// similarity is the share of equal values.
func (c *Sketches) Nearest(sk *Sketch, exclude uint64, limit int) []Neighbour {
	type scored struct {
		i int
		n int
	}
	best := topk.NewBest(limit, func(a, b scored) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return cmp.Compare(c.IDs[a.i], c.IDs[b.i])
	})
	for i := range c.Sks {
		if n := sk.equal(&c.Sks[i]); n > 0 && c.IDs[i] != exclude {
			best.Offer(scored{i, n})
		}
	}
	kept := best.Sorted()
	out := make([]Neighbour, len(kept))
	for k, s := range kept {
		out[k] = Neighbour{c.IDs[s.i], float64(s.n) / SignatureSize}
	}
	return out
}
