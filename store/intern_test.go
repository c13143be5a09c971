package store

import (
	"fmt"
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
