package tagentry

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

var known = []string{"actor", "actor/riverton", "actor/estvale", "claim", "claim/invitation", "topic/water"}

func TestChoicesNarrowToTheWordBeingTyped(t *testing.T) {
	cases := []struct{ text, want string }{
		{"", strings.Join(known, " ")},
		{"cl", "claim claim/invitation"},
		{"actor/riverton, cl", "claim claim/invitation"},
		{"actor/riverton, claim, ", "actor actor/estvale claim/invitation topic/water"},
		{"riv", "actor/riverton"},
		{"wat", "topic/water"},
		{"vita", "claim/invitation"},
		{"zzz", ""},
	}
	for _, c := range cases {
		e := New(known)
		e.SetText(c.text)
		if got := strings.Join(e.Choices(), " "); got != c.want {
			t.Errorf("%q: choices %q, want %q", c.text, got, c.want)
		}
	}
}

// Picking a tag completes the word being typed and keeps the others
// (a SelectEntry replaced the whole list).
func TestPickKeepsTheTagsBefore(t *testing.T) {
	test.NewTempApp(t)
	e := New(known)
	w := test.NewWindow(e)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 100))
	e.SetText("actor/riverton, cl")
	e.Pick("claim")
	if e.Text != "actor/riverton, claim, " {
		t.Fatalf("after picking: %q", e.Text)
	}
	test.Type(e, "topic/water")
	if e.Text != "actor/riverton, claim, topic/water" {
		t.Errorf("typing after a pick: %q", e.Text)
	}
	// The drop-down opens with the matching tags and picks from them.
	e.SetText("actor/riverton, inv")
	e.ShowChoices()
	items := e.items
	if len(items) != 1 || items[0].Label != "claim/invitation" {
		t.Fatalf("menu %+v", items)
	}
	items[0].Action()
	if e.Text != "actor/riverton, claim/invitation, " {
		t.Errorf("after choosing from the menu: %q", e.Text)
	}
}
