package index

// interner numbers the distinct terms of a batch in order of first
// appearance. It is an open-addressing table of term numbers with each
// slot's hash beside it, so a probe rarely touches a term's bytes: Go's
// map, keyed by string, follows the string's pointer on every probe, and
// interning was a sixth of the index writer's time.
type interner struct {
	slots  []uint32 // term number + 1; 0 is empty
	hashes []uint32
	terms  []string
}

func newInterner(capacity int) *interner {
	n := 1024
	for n < 2*capacity {
		n *= 2
	}
	return &interner{slots: make([]uint32, n), hashes: make([]uint32, n), terms: make([]string, 0, capacity)}
}

// id returns term's number, and whether it was new.
func (in *interner) id(term []byte) (uint32, bool) {
	h := uint32(2166136261) // FNV-1a
	for _, c := range term {
		h = (h ^ uint32(c)) * 16777619
	}
	mask := uint32(len(in.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := in.slots[i]
		if s == 0 {
			id := uint32(len(in.terms))
			in.terms = append(in.terms, string(term))
			in.slots[i], in.hashes[i] = id+1, h
			if 2*len(in.terms) > len(in.slots) {
				in.grow()
			}
			return id, true
		}
		if in.hashes[i] == h && in.terms[s-1] == string(term) {
			return s - 1, false
		}
	}
}

// grow doubles the table, keeping it at most half full.
func (in *interner) grow() {
	slots, hashes := make([]uint32, 2*len(in.slots)), make([]uint32, 2*len(in.slots))
	mask := uint32(len(slots) - 1)
	for i, s := range in.slots {
		if s == 0 {
			continue
		}
		j := in.hashes[i] & mask
		for slots[j] != 0 {
			j = (j + 1) & mask
		}
		slots[j], hashes[j] = s, in.hashes[i]
	}
	in.slots, in.hashes = slots, hashes
}
