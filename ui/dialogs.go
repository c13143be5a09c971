package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// hider is a dialog, or a widget that owns one.
type hider interface{ Hide() }

// shown records the dialog just shown, now the window's top overlay, so
// Escape can close it. Fyne 2.7 gives dialogs no key handling of their
// own.
func (u *UI) shown(d hider) {
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		u.dialogs[top] = d
	}
}

// dismissTop closes the dialog on top as its Cancel or Close button would
// (its callback hears "no"); it reports whether there was one.
func (u *UI) dismissTop() bool {
	for o := range u.dialogs {
		if !o.Visible() {
			delete(u.dialogs, o) // closed by its own buttons
		}
	}
	top := u.win.Canvas().Overlays().Top()
	d, ok := u.dialogs[top]
	if !ok {
		return false
	}
	delete(u.dialogs, top)
	if dd, ok := d.(interface{ Dismiss() }); ok {
		dd.Dismiss() // a file dialog's Hide skips its callback; Dismiss presses Cancel
	} else {
		d.Hide()
	}
	return true
}

// escape closes the dialog on top: what Escape does in a dialog's field.
func (u *UI) escape() { u.dismissTop() }

// typedKey takes the keys that reach the window with nothing focused.
func (u *UI) typedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && !u.dismissTop() && u.art.selBar.box.Visible() {
		u.art.reader.ClearSelection() // Escape lets go of the selected passage
		u.unselected()
	}
}

// showError, inform, confirm and showDialog show a dialog that Escape closes.
func (u *UI) showError(err error) {
	u.showDialog(dialog.NewError(err, u.win))
}

func (u *UI) inform(title, message string) {
	u.showDialog(dialog.NewInformation(title, message, u.win))
}

func (u *UI) confirm(title, message string, answer func(bool)) {
	u.showDialog(dialog.NewConfirm(title, message, answer, u.win))
}

func (u *UI) showDialog(d dialog.Dialog) {
	d.Show()
	u.shown(d)
}
