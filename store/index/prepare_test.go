package index

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/app/search"
)

func TestRenumberedPostings(t *testing.T) {
	tp := termPostings{
		terms: []string{"a", "b", "c"},
		lists: []postings{
			{docs: []uint32{1, 2, 4}, freqs: []uint32{1, 2, 1}, pos: []uint32{0, 3, 7, 5}},
			{docs: []uint32{2}, freqs: []uint32{1}, pos: []uint32{9}},
			{docs: []uint32{3, 4}, freqs: []uint32{2, 1}, pos: []uint32{1, 2, 6}},
		},
	}
	for _, c := range []struct {
		name     string
		renumber []uint32
		want     termPostings
	}{
		{"all kept", []uint32{0, 11, 12, 13, 14}, termPostings{terms: []string{"a", "b", "c"}, lists: []postings{
			{docs: []uint32{11, 12, 14}, freqs: []uint32{1, 2, 1}, pos: []uint32{0, 3, 7, 5}},
			{docs: []uint32{12}, freqs: []uint32{1}, pos: []uint32{9}},
			{docs: []uint32{13, 14}, freqs: []uint32{2, 1}, pos: []uint32{1, 2, 6}},
		}}},
		{"2 dropped", []uint32{0, 11, 0, 12, 13}, termPostings{terms: []string{"a", "c"}, lists: []postings{
			{docs: []uint32{11, 13}, freqs: []uint32{1, 1}, pos: []uint32{0, 5}},
			{docs: []uint32{12, 13}, freqs: []uint32{2, 1}, pos: []uint32{1, 2, 6}},
		}}},
		{"all dropped", []uint32{0, 0, 0, 0, 0}, termPostings{}},
	} {
		got := tp.renumbered(c.renumber)
		if !slices.Equal(got.terms, c.want.terms) || len(got.lists) != len(c.want.lists) {
			t.Errorf("%s: terms %v, want %v", c.name, got.terms, c.want.terms)
			continue
		}
		for i, l := range got.lists {
			w := c.want.lists[i]
			if !slices.Equal(l.docs, w.docs) || !slices.Equal(l.freqs, w.freqs) || !slices.Equal(l.pos, w.pos) {
				t.Errorf("%s: %s = %+v, want %+v", c.name, got.terms[i], l, w)
			}
		}
	}
	if tp.lists[0].docs[0] != 1 {
		t.Error("renumbered changed its receiver")
	}
}

// A prepared batch's postings, encoded by each worker and joined section
// by section, must decode to what tokenising into postings gives: one
// worker's share or several, terms in some shares only, and (at 600
// documents) enough terms for the merge to be split between the cores.
func TestPreparedBlocksDecodeAsTokenized(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 1))
	for _, n := range []int{1, 17, 40, 600} {
		docs := make([]pendingDoc, n)
		for i := range docs {
			words := make([]string, 1+rng.IntN(60))
			for j := range words {
				words[j] = testVocab[rng.IntN(len(testVocab))]
				if rng.IntN(3) == 0 {
					words[j] += fmt.Sprint(rng.IntN(5000)) // terms only some shares have
				}
			}
			docs[i] = pendingDoc{n: uint32(i + 1), local: uint32(i + 1), doc: search.Doc{Kind: search.ArticleDoc},
				title: words[0], body: strings.Join(words, " ") + " " + strings.Join(words, "-")}
		}
		want := mergeTerms(tokenizeOnCores(slices.Clone(docs)))
		blocks := prepareBlocks(docs)
		got, err := blocks.decode()
		if err != nil {
			t.Fatalf("%d documents: %v", n, err)
		}
		if !slices.Equal(got.terms, want.terms) {
			t.Fatalf("%d documents: %d terms, want %d", n, len(got.terms), len(want.terms))
		}
		for i := range want.terms {
			var w postings
			for _, p := range want.parts(i) {
				w.docs, w.freqs, w.pos = append(w.docs, p.docs...), append(w.freqs, p.freqs...), append(w.pos, p.pos...)
			}
			if g := got.lists[i]; !slices.Equal(g.docs, w.docs) || !slices.Equal(g.freqs, w.freqs) || !slices.Equal(g.pos, w.pos) {
				t.Fatalf("%d documents, %q:\n got %v\nwant %v", n, want.terms[i], g, w)
			}
		}
	}
}

func TestOnCoresSharesByText(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	body := func(n int) string { return strings.Repeat("x", n) }
	cases := []struct {
		name  string
		sizes []int
	}{
		{"equal", slices.Repeat([]int{100}, 64)},
		{"long first half", append(slices.Repeat([]int{1000}, 32), slices.Repeat([]int{10}, 32)...)},
		{"one huge", append([]int{1 << 20}, slices.Repeat([]int{10}, 63)...)},
		{"empty texts", slices.Repeat([]int{0}, 64)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			docs := make([]pendingDoc, len(c.sizes))
			total, largest := 0, 0
			for i, n := range c.sizes {
				docs[i] = pendingDoc{local: uint32(i + 1), body: body(n)}
				total, largest = total+n, max(largest, n)
			}
			shares := onCores(docs, func(share []pendingDoc) []uint32 {
				var locals []uint32
				for _, d := range share {
					locals = append(locals, d.local)
				}
				return locals
			})
			if len(shares) != 4 {
				t.Fatalf("%d shares, want 4", len(shares))
			}
			next := uint32(1)
			for k, share := range shares {
				if len(share) == 0 {
					t.Errorf("share %d is empty", k)
				}
				size := 0
				for _, local := range share {
					if local != next {
						t.Fatalf("share %d holds document %d, want %d next", k, local, next)
					}
					next++
					size += c.sizes[local-1]
				}
				if size > total/4+largest {
					t.Errorf("share %d holds %d bytes of %d", k, size, total)
				}
			}
			if int(next-1) != len(docs) {
				t.Errorf("shares hold %d documents, want %d", next-1, len(docs))
			}
		})
	}
}

var testVocab = strings.Fields("kyiv moscow talks peace minister prime russia ukraine kremlin zelenskiy " +
	"sanctions grain port drone energy winter border army envoy summit")
