package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
)

// selectionBar shows over the reader while a passage is selected, with
// what can be done to it and the keys that do it: A annotates, 1–9 codes
// it with the tag bound to the key, Ctrl+C copies, Escape lets it go. A
// selection no longer opens the annotate dialog by itself: coding a run
// of passages from the keyboard needs no dialog at all.
type selectionBar struct {
	box        *fyne.Container
	keys       *widget.Label
	start, end int
}

func (u *UI) newSelectionBar() *selectionBar {
	b := &selectionBar{keys: widget.NewLabel("")}
	b.keys.SizeName = theme.SizeNameCaptionText
	b.keys.Wrapping = fyne.TextWrapWord
	annotate := widget.NewButtonWithIcon("Annotate (A)", theme.DocumentCreateIcon(), func() { u.promptAnnotate(b.start, b.end) })
	annotate.Importance = widget.HighImportance
	copyIt := widget.NewButtonWithIcon("Copy (Ctrl+C)", theme.ContentCopyIcon(), u.copySelection)
	// The passage itself shows selected in the reader, right above.
	b.box = container.NewVBox(container.NewHBox(annotate, copyIt), b.keys)
	b.box.Hide()
	return b
}

// selected shows the bar for a passage the user selected.
func (u *UI) selected(start, end int) {
	b := u.art.selBar
	b.start, b.end = start, end
	b.keys.SetText(u.keyHint())
	b.box.Show()
}

// unselected hides the bar.
func (u *UI) unselected() {
	u.art.selBar.box.Hide()
}

func (u *UI) keyHint() string {
	var bound []string
	for k := 1; k <= 9; k++ {
		if t := u.keys[k]; t != "" {
			bound = append(bound, fmt.Sprintf("%d %s", k, t))
		}
	}
	if len(bound) == 0 {
		return "Bind tags to the keys 1–9 in the tag manager (Ctrl+T) to code passages with one key."
	}
	return strings.Join(bound, "  ·  ") + "  ·  Esc lets go"
}

// typedRune takes the letters typed with nothing focused: with a passage
// selected, A annotates it and 1–9 code it.
func (u *UI) typedRune(r rune) {
	b := u.art.selBar
	if !b.box.Visible() {
		return
	}
	switch {
	case r == 'a' || r == 'A':
		u.promptAnnotate(b.start, b.end)
	case r >= '1' && r <= '9':
		u.quickCode(int(r-'0'), b.start, b.end)
	}
}

// quickCode annotates a passage with the tag bound to a key, no dialog.
func (u *UI) quickCode(key, start, end int) {
	tag := u.keys[key]
	if tag == "" {
		u.status.SetText(fmt.Sprintf("No tag on key %d: bind one in the tag manager (Ctrl+T).", key))
		return
	}
	in := app.AnnotateInput{Article: u.art.current.ID, Revision: u.art.revision.Number, Span: app.Span{Start: start, End: end}, Tags: []string{tag}}
	u.change(func() (func() error, error) {
		a, err := u.an.Annotate(in)
		return func() error { _, err := u.an.Delete(a.ID); return err }, err
	})
	u.status.SetText(fmt.Sprintf("Coded %s (key %d)", tag, key))
}

// Key bindings of quick-coding: keys[1..9] hold tag paths, kept in the
// app's preferences.
const keysPref = "quickCodeKeys"

func (u *UI) loadKeys() {
	list := u.p.App.Preferences().StringList(keysPref)
	for k := 1; k <= 9 && k <= len(list); k++ {
		u.keys[k] = list[k-1]
	}
}

// bindKey binds a tag to a key (0: unbinds the tag); a key holds one tag.
func (u *UI) bindKey(path string, key int) {
	for k := range u.keys {
		if u.keys[k] == path {
			u.keys[k] = ""
		}
	}
	if key >= 1 && key <= 9 {
		u.keys[key] = path
	}
	u.p.App.Preferences().SetStringList(keysPref, u.keys[1:])
}

// keyOf is the key bound to a tag, or 0.
func (u *UI) keyOf(path string) int {
	if i := slices.Index(u.keys[:], path); i > 0 { // keys[0] is never bound
		return i
	}
	return 0
}

// dropStaleKeys unbinds tags that are gone (renamed, merged, deleted).
func (u *UI) dropStaleKeys() {
	changed := false
	for k := 1; k <= 9; k++ {
		if t := u.keys[k]; t != "" && !slices.Contains(u.knownTags, t) {
			u.keys[k], changed = "", true
		}
	}
	if changed {
		u.p.App.Preferences().SetStringList(keysPref, u.keys[1:])
	}
}
