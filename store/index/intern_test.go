package index

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestInternerNumbersTermsInOrder(t *testing.T) {
	in := newInterner(0) // grows many times
	want := map[string]uint32{}
	for round := range 2 {
		for i := range 5000 {
			term := fmt.Sprintf("t%d", i%3000)
			if i%7 == 0 {
				term = "" // the empty term is a term like any other
			}
			id, isNew := in.id([]byte(term))
			prev, seen := want[term]
			switch {
			case seen && (isNew || id != prev):
				t.Fatalf("round %d: %q got %d (new %v), had %d", round, term, id, isNew, prev)
			case !seen && (!isNew || id != uint32(len(want))):
				t.Fatalf("round %d: new %q got %d (new %v), want %d", round, term, id, isNew, len(want))
			}
			want[term] = id
			if in.terms[id] != term {
				t.Fatalf("terms[%d] = %q, want %q", id, in.terms[id], term)
			}
		}
	}
	if len(in.terms) != len(want) || 2*len(in.terms) > len(in.slots) {
		t.Errorf("%d terms, %d distinct, %d slots", len(in.terms), len(want), len(in.slots))
	}
}

// sortedTerms must give the order a plain string sort gives: terms that
// share their first eight bytes, prefixes of each other, one byte long,
// non-ASCII.
func TestSortedTerms(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	letters := []string{"a", "b", "z", "0", "9", "é", "ж", "ü"}
	for _, n := range []int{0, 1, 2, 50, 3000} {
		terms := make([]string, 0, n)
		seen := map[string]bool{}
		for len(terms) < n {
			var b strings.Builder
			if rng.IntN(3) == 0 {
				b.WriteString("ministerial"[:8]) // a shared eight-byte prefix
			}
			for range 1 + rng.IntN(12) {
				b.WriteString(letters[rng.IntN(len(letters))])
			}
			if t := b.String(); !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
		order := sortedTerms(terms)
		got := make([]string, len(order))
		for i, id := range order {
			got[i] = terms[id]
		}
		want := slices.Sorted(slices.Values(terms))
		if !slices.Equal(got, want) {
			t.Fatalf("%d terms: got %q…, want %q…", n, got[:min(8, n)], want[:min(8, n)])
		}
	}
}
