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

// HashAndCount reads eight bytes at a time: it must agree with its
// definition (strings.Fields of each, joined by spaces) wherever a space,
// a control or a non-ASCII character falls relative to those eight.
func FuzzHashAndCount(f *testing.F) {
	for _, s := range []string{
		"", " ", "a", "abcdefg hijklmno", "abcdefgh ijklmnop", "abcdef  ghijklmn", "abcdefg\u00a0hij",
		"       x", "x       ", " abcdefg h", "one two three four five six seven eight nine ten",
		"Para one ends.\n\nPara two  has a double space.\tTab.", "caf\u00e9 na\u00efve \u2018quoted\u2019 \u201cwords\u201d",
		"\u3000ideographic\u3000space\u2003em\u2028line", "bad \xff\xfe bytes \xe2\x80 cut", "12345678 12345678\r\n12345678",
	} {
		f.Add("Kremlin invites", s)
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		want := sha256.Sum256([]byte(strings.Join(append(strings.Fields(title), strings.Fields(body)...), " ")))
		h, n := HashAndCount(title, body)
		if h != hex.EncodeToString(want[:]) || n != len(strings.Fields(body)) {
			t.Errorf("HashAndCount(%q, %q) = %s, %d; want %x, %d", title, body, h, n, want, len(strings.Fields(body)))
		}
	})
}
