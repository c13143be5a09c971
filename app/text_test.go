package app

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// Stored articles are found again by this hash: it must stay the SHA-256
// of the headline and text with white space collapsed to single spaces.
func TestContentHashIsStable(t *testing.T) {
	for _, c := range []struct{ title, body, joined string }{
		{"Kremlin  invites\tZelenskiy", "to Moscow\n\nfor talks ", "Kremlin invites Zelenskiy to Moscow for talks"},
		{"", "  only body ", "only body"},
		{"Title", "", "Title"},
		{"", "", ""},
		{"\u00a0Non\u2003breaking\u00a0", "tab\tand\u0085NEL, bad \xff byte", "Non breaking tab and NEL, bad \xff byte"},
		{"Ünïcode  ‘quotes’", "\u3000ideographic\u3000space", "Ünïcode ‘quotes’ ideographic space"},
	} {
		want := sha256.Sum256([]byte(c.joined))
		if got := ContentHash(c.title, c.body); got != hex.EncodeToString(want[:]) {
			t.Errorf("%q %q: %s", c.title, c.body, got)
		}
		if n := CountWords(c.title + " " + c.body); n != len(strings.Fields(c.joined)) {
			t.Errorf("%q %q: %d words", c.title, c.body, n)
		}
		if h, n := HashAndCount(c.title, c.body); h != hex.EncodeToString(want[:]) || n != len(strings.Fields(c.body)) {
			t.Errorf("HashAndCount(%q, %q) = %s, %d", c.title, c.body, h, n)
		}
		// The definition: strings.Fields of each, joined by spaces.
		fields := strings.Join(append(strings.Fields(c.title), strings.Fields(c.body)...), " ")
		if fields != c.joined {
			t.Errorf("table entry %q: strings.Fields gives %q", c.joined, fields)
		}
	}
}
