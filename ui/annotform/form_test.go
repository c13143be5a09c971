package annotform

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
)

func TestFormHandsOverWhatItHolds(t *testing.T) {
	w := test.NewTempApp(t).NewWindow("test")
	old := app.Annotation{Selector: anchor.Selector{Quote: "the water guarantee"}, Note: "first", Tags: []string{"claim"}, Color: app.Palette["green"]}
	var got []Values
	removed := 0
	f := New(w, "Annotation", old, []string{"claim", "actor/estvale"}, func(v Values) { got = append(got, v) }, func() { removed++ })
	if f.Note.Text != "first" || f.Tags.Text != "claim" || f.Color.Selected != "green" || !f.CanRemove() {
		t.Fatalf("filled with %q %q %q", f.Note.Text, f.Tags.Text, f.Color.Selected)
	}
	f.Show()
	f.Note.SetText("second")
	f.Tags.SetText(" claim , actor/estvale ,, ")
	f.Color.SetSelected("red")
	f.Submit()
	want := Values{Note: "second", Tags: []string{"claim", "actor/estvale"}, Color: app.Palette["red"]}
	if len(got) != 1 || got[0].Note != want.Note || !slices.Equal(got[0].Tags, want.Tags) || got[0].Color != want.Color {
		t.Errorf("submitted %+v, want %+v", got, want)
	}
	f.Color.SetSelected(fromTag)
	f.Submit()
	if got[1].Color != "" {
		t.Errorf("the first tag's colour submitted as %q", got[1].Color)
	}
	f.Remove()
	if removed != 1 {
		t.Errorf("removed %d times", removed)
	}

	fresh := New(w, "Annotate", app.Annotation{Selector: anchor.Selector{Quote: "x"}}, nil, func(Values) {}, nil)
	if fresh.CanRemove() || fresh.Color.Selected != fromTag {
		t.Errorf("a new annotation's form: removable %v, colour %q", fresh.CanRemove(), fresh.Color.Selected)
	}
	fresh.Remove() // no Delete button: nothing happens
}
