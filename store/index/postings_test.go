package index

import (
	"errors"
	"slices"
	"testing"
)

// Merging blocks by copying their sections must give the block that
// encoding the concatenated postings gives.
func TestRawBlocksMergeAsDecoded(t *testing.T) {
	lists := []postings{
		{docs: []uint32{3}, freqs: []uint32{1}, pos: []uint32{0}},
		{docs: []uint32{7, 9, 300}, freqs: []uint32{2, 1, 3}, pos: []uint32{4, 200, 1, 0, 5, 70000}},
		{docs: []uint32{100000, 100001}, freqs: []uint32{1, 130}, pos: append([]uint32{9}, seq(130)...)},
	}
	var want postings
	var raws []rawBlock
	var docs []uint32
	for _, l := range lists {
		want.docs = append(want.docs, l.docs...)
		want.freqs = append(want.freqs, l.freqs...)
		want.pos = append(want.pos, l.pos...)
		r, ds, err := splitBlock(l.encode(), docs)
		if err != nil {
			t.Fatal(err)
		}
		if r.first != l.docs[0] || r.last != l.docs[len(l.docs)-1] {
			t.Errorf("split %v: first %d last %d", l.docs, r.first, r.last)
		}
		raws, docs = append(raws, r), ds
	}
	if !slices.Equal(docs, want.docs) {
		t.Errorf("documents %v, want %v", docs, want.docs)
	}
	got := appendRawBlocks(nil, raws, len(docs))
	if enc := want.encode(); !slices.Equal(got, enc) {
		t.Errorf("merged block %x\nencoded     %x", got, enc)
	}
}

func seq(n int) []uint32 {
	s := make([]uint32, n)
	for i := range s {
		s[i] = uint32(i)
	}
	return s
}

func TestSplitBlockRejectsCorruption(t *testing.T) {
	good := (&postings{docs: []uint32{1, 5}, freqs: []uint32{2, 1}, pos: []uint32{3, 4, 200}}).encode()
	for name, b := range map[string][]byte{
		"empty":                  {},
		"no documents":           {0},
		"count beyond the block": {9, 1},
		"truncated documents":    good[:2],
		"truncated positions":    good[:len(good)-1],
		"extra position":         append(slices.Clone(good), 1),
		"unterminated position":  append(slices.Clone(good[:len(good)-1]), 0x81),
	} {
		if _, _, err := splitBlock(b, nil); !errors.Is(err, errCorruptBlock) {
			t.Errorf("%s (%x): error %v, want a corrupt block", name, b, err)
		}
	}
}
