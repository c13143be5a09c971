package ui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// Folders the file dialogs open in, one per purpose: Fyne's dialogs share
// one "last folder", so an export would open where the last import read.
const (
	importFolderKey = "importFolder"
	exportFolderKey = "exportFolder"
)

// folderFor is the folder last used for a purpose, else the user's
// Documents (or home) folder; nil if none of them can be listed.
func (u *UI) folderFor(key string) fyne.ListableURI {
	candidates := []string{u.p.App.Preferences().String(key)}
	if home, err := os.UserHomeDir(); err == nil {
		candidates = append(candidates, filepath.Join(home, "Documents"), home)
	}
	for _, dir := range candidates {
		if dir == "" {
			continue
		}
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			return l
		}
	}
	return nil
}

// rememberFolder records the folder to open next time for a purpose.
func (u *UI) rememberFolder(key, dir string) {
	u.p.App.Preferences().SetString(key, dir)
}

// showFileDialog opens a file dialog in the folder last used for key.
func (u *UI) showFileDialog(d *dialog.FileDialog, key string) {
	if at := u.folderFor(key); at != nil {
		d.SetLocation(at)
	}
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
	u.shown(d)
}
