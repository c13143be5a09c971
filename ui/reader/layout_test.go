package reader

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// monospace measures every code point as one unit wide.
func monospace(s string) float32 { return float32(utf8.RuneCountInString(s)) }

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		name  string
		text  string
		width float32
		want  []string
	}{
		{"fits", "Talks begin today", 20, []string{"Talks begin today"}},
		{"greedy", "Talks begin in Istanbul today", 12, []string{"Talks begin", "in Istanbul", "today"}},
		{"exact width", "abc def", 7, []string{"abc def"}},
		{"paragraphs", "One two.\n\nThree.", 20, []string{"One two.", "", "Three."}},
		{"long word", "a abcdefghij b", 4, []string{"a", "abcd", "efgh", "ij b"}},
		{"spaces", "  lead   and trail  ", 9, []string{"lead   and", "trail"}},
		{"empty", "", 10, []string{""}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := newWrapper(monospace)
			rs := []rune(c.text)
			lines := w.wrap(rs, c.width, 10)
			var got []string
			for i, l := range lines {
				got = append(got, string(rs[l.start:l.end]))
				if l.y != float32(10*i) {
					t.Errorf("line %d at y %v", i, l.y)
				}
				if monospace(string(rs[l.start:l.end])) > c.width && !strings.Contains(c.name, "spaces") {
					t.Errorf("line %q wider than %v", string(rs[l.start:l.end]), c.width)
				}
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("wrap(%q, %v) = %q, want %q", c.text, c.width, got, c.want)
			}
		})
	}
}

func TestWrapMeasuresEachLetterOnce(t *testing.T) {
	calls := 0
	w := newWrapper(func(s string) float32 { calls++; return monospace(s) })
	text := []rune(strings.Repeat("the talks in Istanbul went on ", 500))
	w.wrap(text, 40, 10)
	first := calls
	w.wrap(text, 55, 10) // a resize
	if first > 20 || calls != first {
		t.Errorf("%d measurements for 16 distinct letters, %d more on re-wrap", first, calls-first)
	}
}
