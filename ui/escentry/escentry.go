// Package escentry is text fields for dialogs that hear Escape: a Fyne
// 2.7 entry keeps the key, so a dialog whose field has the focus would
// not close on it.
package escentry

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Entry is a widget.Entry that calls OnEscape on Escape.
type Entry struct {
	widget.Entry
	OnEscape func()
}

// New makes a one-line entry.
func New(onEscape func()) *Entry {
	e := &Entry{OnEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLine makes a multi-line entry.
func NewMultiLine(onEscape func()) *Entry {
	e := New(onEscape)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// TypedKey passes Escape to OnEscape.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// Select is a widget.SelectEntry that calls OnEscape on Escape.
type Select struct {
	widget.SelectEntry
	OnEscape func()
}

// NewSelect makes an entry offering options.
func NewSelect(options []string, onEscape func()) *Select {
	e := &Select{OnEscape: onEscape}
	e.ExtendBaseWidget(e)
	e.SetOptions(options)
	return e
}

// TypedKey passes Escape to OnEscape.
func (e *Select) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	e.SelectEntry.TypedKey(k)
}
