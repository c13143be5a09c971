package annotform

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// NoteEntry is the note field: it wraps, Tab leaves it for the next
// field, Escape cancels the form and Ctrl+Enter saves it, so a passage
// can be coded without the mouse.
type NoteEntry struct {
	widget.Entry
	onEscape, onSave func()
}

func newNoteEntry() *NoteEntry {
	e := &NoteEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false: a tab in a note is rarer than moving to the tags.
func (e *NoteEntry) AcceptsTab() bool { return false }

// TypedKey cancels the form on Escape.
func (e *NoteEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut saves the form on Ctrl+Enter (Cmd+Enter on macOS).
func (e *NoteEntry) TypedShortcut(s fyne.Shortcut) {
	if isSaveShortcut(s) && e.onSave != nil {
		e.onSave()
		return
	}
	e.Entry.TypedShortcut(s)
}

func isSaveShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && (cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter) &&
		(cs.Modifier == fyne.KeyModifierControl || cs.Modifier == fyne.KeyModifierSuper)
}
