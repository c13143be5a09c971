package app

import (
	"strings"
	"testing"
)

func TestMemoTitle(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"# Research question\n\nHow is the venue framed?", "Research question"},
		{"\n\n  ## Method  \nCode actors.", "Method"},
		{"Code a **concession** when a side *gave up* something.", "Code a concession when a side gave up something."},
		{"> Quoted from the style guide", "Quoted from the style guide"},
		{"- first bullet\n- second", "first bullet"},
		{"* starred bullet", "starred bullet"},
		{"-5 degrees in Kyiv", "-5 degrees in Kyiv"},
		{"Use `actor/russia` for officials", "Use actor/russia for officials"},
		{"__Strong__ and snake_case stay apart", "Strong and snake_case stay apart"},
		{"2 * 3 sources agree", "2 * 3 sources agree"},
		{"#\n\n***\n", "(empty memo)"},
		{strings.Repeat("word ", 40), strings.TrimSpace(Excerpt(strings.Repeat("word ", 40), 80))},
	} {
		if got := (Memo{Text: c.text}).Title(); got != c.want {
			t.Errorf("Title(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
