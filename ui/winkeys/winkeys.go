// Package winkeys binds the keys that close a secondary window.
package winkeys

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// CloseOn makes Ctrl+W (Cmd+W on macOS) and Escape call close, as they
// close a secondary window in every desktop app.
func CloseOn(w fyne.Window, close func()) {
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { close() })
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			close()
		}
	})
}
