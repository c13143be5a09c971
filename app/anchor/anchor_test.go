package anchor

import (
	"strings"
	"testing"
	"unicode/utf8"
)

const base = "Moscow – The Kremlin said on Tuesday it had invited Zelenskiy to Moscow for talks.\n\n" +
	"Officials said the Zaporizhzhia nuclear power plant would be on the agenda, alongside prisoner exchanges.\n\n" +
	"Kyiv’s foreign ministry called the offer “a stunt” and said talks could only happen in a neutral country.\n\n" +
	"Analysts in Brussels said the invitation was aimed at audiences at home rather than in Kyiv."

func TestTextOffsetsAreCodePoints(t *testing.T) {
	txt := NewText(base)
	start, end, ok := txt.Find("Zaporizhzhia nuclear power plant", 1)
	if !ok {
		t.Fatal("quote not found")
	}
	if got := []rune(base)[start:end]; string(got) != "Zaporizhzhia nuclear power plant" {
		t.Fatalf("code point span [%d,%d) is %q", start, end, string(got))
	}
	if byteStart := strings.Index(base, "Zaporizhzhia"); byteStart == start {
		t.Fatalf("byte and code point offsets agree (%d): the test text lost its multi-byte characters", start)
	}
	for cp := 0; cp <= txt.Len(); cp++ {
		if back := txt.CodePoint(txt.Byte(cp)); back != cp {
			t.Fatalf("code point %d → byte %d → %d", cp, txt.Byte(cp), back)
		}
	}
	sel, ok := txt.Describe(start, end)
	if !ok || sel.Quote != "Zaporizhzhia nuclear power plant" || utf8.RuneCountInString(sel.Prefix) != ContextLen || !strings.HasPrefix(sel.Suffix, " would") {
		t.Fatalf("Describe = %+v", sel)
	}
	if _, ok := txt.Describe(5, 5); ok {
		t.Error("an empty span described")
	}
	if _, ok := txt.Describe(0, txt.Len()+1); ok {
		t.Error("a span past the end described")
	}
	if _, _, ok := txt.Find("Moscow", 3); ok {
		t.Error("found a third Moscow")
	}
	if s, _, ok := txt.Find("Moscow", 2); !ok || s == 0 {
		t.Errorf("second Moscow at %d, %v", s, ok)
	}
}

func TestMoverSyntheticRevisions(t *testing.T) {
	paras := strings.Split(base, "\n\n")
	join := func(p ...string) string { return strings.Join(p, "\n\n") }
	cases := []struct {
		name      string
		new       string
		quote     string
		want      Status
		wantQuote string // expected new quote, when not the old one
	}{
		{"unchanged", base, "Zaporizhzhia nuclear power plant", Anchored, ""},
		{"text inserted before", "UPDATED 14:05. " + base, "Zaporizhzhia nuclear power plant", Moved, ""},
		{"text appended after", base + "\n\nMore to follow.", "called the offer “a stunt”", Anchored, ""},
		{"words edited inside the quote", strings.Replace(base, "be on the agenda, alongside prisoner exchanges", "top the agenda, alongside prisoner swaps", 1),
			"nuclear power plant would be on the agenda, alongside prisoner exchanges", Fuzzy,
			"nuclear power plant would top the agenda, alongside prisoner swaps"},
		{"one word changed in a long quote", strings.Replace(base, "a neutral country", "a neutral state", 1),
			"said talks could only happen in a neutral country", Fuzzy, "said talks could only happen in a neutral state"},
		{"paragraph moved", join(paras[0], paras[3], paras[1], paras[2]), "Analysts in Brussels said the invitation", Moved, ""},
		{"paragraph deleted", join(paras[0], paras[1], paras[3]), "Kyiv’s foreign ministry called the offer “a stunt”", Orphaned, ""},
		{"whole article rewritten", "Ukraine rejected an offer of talks in Moscow on Tuesday, its foreign ministry said.\n\nNo date was set.",
			"Officials said the Zaporizhzhia nuclear power plant", Orphaned, ""},
		{"repeated quote keeps its occurrence", "Breaking: " + base, "Moscow for talks", Moved, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old := NewText(base)
			s, e, ok := old.Find(c.quote, 1)
			if !ok {
				t.Fatalf("quote %q not in base", c.quote)
			}
			sel, _ := old.Describe(s, e)
			r := NewMover(old, NewText(c.new)).Anchor(sel)
			if r.Status != c.want {
				t.Fatalf("status %s, want %s (result %+v)", r.Status, c.want, r)
			}
			want := c.wantQuote
			if want == "" {
				want = c.quote
			}
			if r.Status == Orphaned {
				if r.Selector != sel {
					t.Fatalf("orphan lost its old selector: %+v", r.Selector)
				}
				return
			}
			if r.Selector.Quote != want {
				t.Fatalf("quote %q, want %q", r.Selector.Quote, want)
			}
			if got := string([]rune(c.new)[r.Selector.Start:r.Selector.End]); got != r.Selector.Quote {
				t.Fatalf("span [%d,%d) is %q, not the quote %q", r.Selector.Start, r.Selector.End, got, r.Selector.Quote)
			}
		})
	}
}

func TestMoverPicksOccurrenceByPositionAndContext(t *testing.T) {
	text := "talks in Moscow. More talks in Moscow. Final talks in Moscow."
	old := NewText(text)
	s, e, _ := old.Find("talks in Moscow", 2)
	sel, _ := old.Describe(s, e)
	// Without the old text only the old position guides the search.
	newText := NewText("Earlier: " + text)
	r := NewMover(nil, newText).Anchor(sel)
	if r.Status != Moved || r.Selector.Start != s+len("Earlier: ") {
		t.Fatalf("without old text: %+v (want start %d)", r, s+len("Earlier: "))
	}
	r = NewMover(old, newText).Anchor(sel)
	if r.Status != Moved || r.Selector.Start != s+len("Earlier: ") {
		t.Fatalf("with old text: %+v", r)
	}
}

func TestShortQuoteNeedsCloseMatch(t *testing.T) {
	old := NewText("The minister, Lavrov, spoke first.")
	s, e, _ := old.Find("Lavrov", 1)
	sel, _ := old.Describe(s, e)
	r := NewMover(old, NewText("The minister, Peskov, spoke first.")).Anchor(sel)
	if r.Status != Orphaned {
		t.Fatalf("a different name anchored: %+v", r)
	}
}
