package annotform

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
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

// The form from the keyboard: the note wraps, Tab goes on to the tags,
// Ctrl+Enter or Enter in the tags saves, Escape in either cancels.
func TestFormFromTheKeyboard(t *testing.T) {
	w := test.NewTempApp(t).NewWindow("test")
	w.Resize(fyne.NewSize(800, 600))
	saved := 0
	open := func() *Form {
		f := New(w, "Annotate", app.Annotation{Selector: anchor.Selector{Quote: "x"}}, nil, func(Values) { saved++ }, nil)
		f.Show()
		w.Canvas().Focus(f.Note)
		return f
	}
	shown := func() bool { return w.Canvas().Overlays().Top() != nil }

	f := open()
	if f.Note.Wrapping != fyne.TextWrapWord {
		t.Error("the note does not wrap")
	}
	w.Canvas().FocusNext()
	if w.Canvas().Focused() != f.Tags {
		t.Errorf("Tab from the note focuses %T, want the tags", w.Canvas().Focused())
	}
	f.Tags.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if shown() || saved != 0 {
		t.Errorf("Escape in the tags: shown %v, saved %d", shown(), saved)
	}

	f = open()
	f.Note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if shown() || saved != 0 {
		t.Errorf("Escape in the note: shown %v, saved %d", shown(), saved)
	}

	f = open()
	f.Note.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl})
	if shown() || saved != 1 {
		t.Errorf("Ctrl+Enter in the note: shown %v, saved %d", shown(), saved)
	}

	f = open()
	test.Type(f.Note, "first line")
	f.Note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !shown() || saved != 1 || f.Note.Text != "first line\n" {
		t.Errorf("Enter in the note should start a line: shown %v, saved %d, note %q", shown(), saved, f.Note.Text)
	}
	f.Tags.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if shown() || saved != 2 {
		t.Errorf("Enter in the tags: shown %v, saved %d", shown(), saved)
	}
}
