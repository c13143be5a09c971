package compare

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app/search"
)

// SignatureSize is how many MinHash values a signature keeps: the share
// of equal values estimates the Jaccard similarity of two articles'
// vocabularies within about ±0.06.
const SignatureSize = 64

// Signature is an article's MinHash over the set of its content-word
// stems (the features sentences are compared on): near copies and
// revisions share nearly all of them, reports of one event many.
type Signature [SignatureSize]uint32

// Signer builds a signature from the folded words of a text, as
// search.Tokens gives them, so the store computes it from the tokens it
// already makes for the search index.
type Signer struct {
	sig   Signature
	stems []uint32
	spare []uint32 // scratch for sorting stems
	// seen is an open-addressing set of the stems (0: empty slot), far
	// cheaper per token than a map.
	seen []uint32
}

// NewSigner returns an empty signer.
func NewSigner() *Signer {
	s := &Signer{seen: make([]uint32, 1024)}
	s.reset()
	return s
}

func (s *Signer) reset() {
	for i := range s.sig {
		s.sig[i] = ^uint32(0)
	}
	s.stems = s.stems[:0]
	clear(s.seen)
}

// has reports whether h is in the seen set.
func (s *Signer) has(h uint32) bool {
	if h == 0 {
		h = 1
	}
	mask := uint32(len(s.seen) - 1)
	for i := (h * 0x9E3779B1) & mask; ; i = (i + 1) & mask {
		switch s.seen[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

// insert adds h, not yet in the seen set.
func (s *Signer) insert(h uint32) bool {
	if h == 0 {
		h = 1
	}
	if 2*(len(s.stems)+1) > len(s.seen) {
		old := s.seen
		s.seen = make([]uint32, 2*len(old))
		for _, x := range old {
			if x != 0 {
				s.slot(x)
			}
		}
	}
	return s.slot(h)
}

func (s *Signer) slot(h uint32) bool {
	mask := uint32(len(s.seen) - 1)
	for i := (h * 0x9E3779B1) & mask; ; i = (i + 1) & mask {
		switch s.seen[i] {
		case h:
			return false
		case 0:
			s.seen[i] = h
			return true
		}
	}
}

// multipliers and offsets of the SignatureSize hash functions: odd
// multipliers of a 64-bit hash, taking the high half (multiply-shift).
var multipliers, offsets = func() (m, o [SignatureSize]uint64) {
	x := uint64(0x9E3779B97F4A7C15)
	next := func() uint64 { // splitmix64: fixed, so signatures never change
		x += 0x9E3779B97F4A7C15
		z := x
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		return z ^ (z >> 31)
	}
	for i := range m {
		m[i], o[i] = next()|1, next()
	}
	return m, o
}()

// Add takes one folded word.
func (s *Signer) Add(term []byte) {
	if h, ok := StemHash(term); ok {
		s.AddStem(h)
	}
}

// StemHash is the hash of a folded word's stem, the first stemLen code
// points; false for words too short or too common to count. A caller
// that sees a word many times (the index writer) keeps it per word and
// calls AddStem.
func StemHash(term []byte) (uint32, bool) {
	if len(term) < 3 || utf8.RuneCount(term) < 3 || stopwords[string(term)] {
		return 0, false
	}
	h32 := uint32(2166136261) // FNV-1a
	for i, n := 0, 0; i < len(term) && n < stemLen; n++ {
		size := 1
		if term[i] >= utf8.RuneSelf {
			_, size = utf8.DecodeRune(term[i:])
		}
		for _, c := range term[i : i+size] {
			h32 = (h32 ^ uint32(c)) * 16777619
		}
		i += size
	}
	return h32, true
}

// AddStem takes the StemHash of one word.
func (s *Signer) AddStem(h32 uint32) {
	if s.has(h32) {
		return
	}
	s.insert(h32)
	s.stems = append(s.stems, h32)
	h := uint64(h32)<<32 | uint64(h32)*0x9E3779B1
	// Four at a time with branch-free minimums: whether a value is a new
	// minimum is a coin toss early in a text, and mispredicted branches
	// cost more than the multiplications.
	sig := &s.sig
	for i := 0; i < SignatureSize; i += 4 {
		sig[i] = min(sig[i], uint32((h*multipliers[i]+offsets[i])>>32))
		sig[i+1] = min(sig[i+1], uint32((h*multipliers[i+1]+offsets[i+1])>>32))
		sig[i+2] = min(sig[i+2], uint32((h*multipliers[i+2]+offsets[i+2])>>32))
		sig[i+3] = min(sig[i+3], uint32((h*multipliers[i+3]+offsets[i+3])>>32))
	}
}

// Sum returns the signature of what was added and its stems (as sorted
// hashes), and starts over; false when there was no content word.
func (s *Signer) Sum() (Signature, []uint32, bool) {
	sig, ok := s.sig, len(s.stems) > 0
	stems := slices.Clone(s.stems)
	s.spare = sortHashes(stems, s.spare)
	s.reset()
	return sig, stems, ok
}

// sortHashes sorts hashes in place, using spare (returned, grown) as
// scratch. An article has a few hundred stems: four counting passes, a
// byte at a time, beat a comparison sort, which was a tenth of preparing
// a batch for the index.
func sortHashes(hashes, spare []uint32) []uint32 {
	if len(hashes) < 64 {
		slices.Sort(hashes)
		return spare
	}
	if cap(spare) < len(hashes) {
		spare = make([]uint32, len(hashes))
	}
	src, dst := hashes, spare[:len(hashes)]
	for shift := 0; shift < 32; shift += 8 {
		var count [257]int
		for _, h := range src {
			count[(h>>shift)&0xFF+1]++
		}
		for b := 1; b < len(count); b++ {
			count[b] += count[b-1]
		}
		for _, h := range src {
			d := (h >> shift) & 0xFF
			dst[count[d]] = h
			count[d]++
		}
		src, dst = dst, src
	}
	// Four passes: the sorted hashes are back in hashes.
	return spare
}

// Sign is the signature and stems of a title and body.
func Sign(title, body string) (Signature, []uint32, bool) {
	s := NewSigner()
	for _, text := range []string{title, body} {
		search.Tokens(text, func(t search.Token) {
			if !t.Joined {
				s.Add(t.Term)
			}
		})
	}
	return s.Sum()
}

// agreesOn reports whether at least need values of two signatures are
// equal, giving up as soon as too many differ.
func (s *Signature) agreesOn(o *Signature, need int) bool {
	allowed := SignatureSize - need
	for i := range s {
		if s[i] != o[i] {
			if allowed--; allowed < 0 {
				return false
			}
		}
	}
	return true
}

// Jaccard is the exact Jaccard similarity of two sorted stem sets.
func Jaccard(a, b []uint32) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	n := intersection(a, b)
	return float64(n) / float64(len(a)+len(b)-n)
}

// Candidates is how many signature neighbours Similar re-ranks by their
// exact Jaccard similarity: the estimate from SignatureSize values is
// too coarse (±0.05) to order articles about one event among others on
// the same subject, the exact sets are not.
const Candidates = 100

// Rerank orders candidates by the exact Jaccard similarity of their
// stems to target's, best first, ties by ID, and keeps limit.
func Rerank(target []uint32, cands []Neighbour, stemsOf func(id uint64) ([]uint32, error), limit int) ([]Neighbour, error) {
	out := make([]Neighbour, 0, len(cands))
	for _, c := range cands {
		stems, err := stemsOf(c.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, Neighbour{c.ID, math.Round(Jaccard(target, stems)*1000) / 1000})
	}
	slices.SortFunc(out, func(a, b Neighbour) int {
		if c := cmp.Compare(b.Similarity, a.Similarity); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out[:min(limit, len(out))], nil
}

// Neighbour is an article and its estimated similarity to another.
type Neighbour struct {
	ID         uint64  `json:"id"`
	Similarity float64 `json:"similarity"`
}

// Signatures is a collection's signatures, packed for scanning.
type Signatures struct {
	IDs  []uint64
	Sigs []Signature
}

// clusterBands × clusterRows = SignatureSize: two articles land in one
// LSH bucket of some band with probability 1-(1-J²)³², about 0.95 at
// J = 0.3 and 0.03 at J = 0.03.
const (
	clusterBands = 32
	clusterRows  = SignatureSize / clusterBands
	bucketWindow = 32
	maxBucket    = 100
)

// Clusters groups articles whose similarity is at least min, linking
// pairs found through LSH buckets (single link), and returns groups of
// two or more, each sorted by ID, largest group first. progress, if set,
// hears of each band done; a canceled ctx stops the work.
func (c *Signatures) Clusters(ctx context.Context, min float64, progress func(done, total int)) ([][]uint64, error) {
	parent := make([]int, len(c.IDs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Each band's buckets, as articles sorted by the band's hash, are
	// made on every core; the linking, which needs the union-find, goes
	// band by band in order, so the result does not depend on timing.
	type entry struct {
		h uint64
		i int32
	}
	need := int(math.Ceil(min * SignatureSize))
	bands := make([][]entry, clusterBands)
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for band := range next {
				es := make([]entry, len(c.Sigs))
				for i := range c.Sigs {
					h := uint64(band)
					for _, v := range c.Sigs[i][band*clusterRows : (band+1)*clusterRows] {
						h = (h ^ uint64(v)) * 0x100000001B3
					}
					es[i] = entry{h, int32(i)}
				}
				slices.SortFunc(es, func(a, b entry) int {
					if c := cmp.Compare(a.h, b.h); c != 0 {
						return c
					}
					return cmp.Compare(a.i, b.i)
				})
				bands[band] = es
			}
		}()
	}
	for band := range clusterBands {
		next <- band
	}
	close(next)
	wg.Wait()
	for band, es := range bands {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for start := 0; start < len(es); {
			end := start + 1
			for end < len(es) && es[end].h == es[start].h {
				end++
			}
			// A bucket of a very common stem pair holds thousands: linking
			// each member to its bucketWindow predecessors keeps the work
			// linear, and members linked before stay linked. Past
			// maxBucket members, the band value is common to the whole
			// collection and chance pairs swamp the checks: there each is
			// only held against the bucket's first member, which still
			// gathers hundreds of copies of one wire story.
			for x := start + 1; x < end; x++ {
				lo, hi := max(start, x-bucketWindow), x
				if end-start > maxBucket {
					lo, hi = start, start+1
				}
				for y := lo; y < hi; y++ {
					a, b := int(es[x].i), int(es[y].i)
					if find(a) != find(b) && c.Sigs[a].agreesOn(&c.Sigs[b], need) {
						parent[find(a)] = find(b)
					}
				}
			}
			start = end
		}
		bands[band] = nil
		if progress != nil {
			progress(band+1, clusterBands)
		}
	}
	groups := map[int][]uint64{}
	for i := range c.IDs {
		r := find(i)
		groups[r] = append(groups[r], c.IDs[i])
	}
	var out [][]uint64
	for _, g := range groups {
		if len(g) > 1 {
			slices.Sort(g)
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b []uint64) int {
		if c := cmp.Compare(len(b), len(a)); c != 0 {
			return c
		}
		return cmp.Compare(a[0], b[0])
	})
	return out, nil
}
