package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/ui/memowin"
)

// menu is the menu bar; every item has its shortcut.
func (u *UI) menu() *fyne.MainMenu {
	return fyne.NewMainMenu(
		fyne.NewMenu("File",
			&fyne.MenuItem{Label: "Import folder…", Action: u.promptImport, Shortcut: ctrl(fyne.KeyI)},
			&fyne.MenuItem{Label: "Import file…", Action: func() { u.promptImportFile(false) }, Shortcut: ctrlShift(fyne.KeyI)},
			&fyne.MenuItem{Label: "Import paths…", Action: u.promptImportPaths},
			&fyne.MenuItem{Label: "Import annotations…", Action: func() { u.promptImportFile(true) }},
			&fyne.MenuItem{Label: "Export annotations…", Action: u.promptExport, Shortcut: ctrl(fyne.KeyE)},
			fyne.NewMenuItemSeparator(),
			&fyne.MenuItem{Label: "Preferences…", Action: u.showPreferences, Shortcut: ctrl(fyne.KeyComma)},
		),
		fyne.NewMenu("Edit",
			// Ctrl+Z and Ctrl+C are Fyne's own Undo and Copy: as menu
			// shortcuts they would run before a focused entry's, so they
			// are bound on the canvas (below) and named in the labels.
			&fyne.MenuItem{Label: "Undo    Ctrl+Z", Action: u.Undo},
			&fyne.MenuItem{Label: "Redo    Ctrl+Shift+Z", Action: u.Redo},
			&fyne.MenuItem{Label: "Copy selected passage    Ctrl+C", Action: u.copySelection},
			fyne.NewMenuItemSeparator(),
			&fyne.MenuItem{Label: "Find in article", Action: u.openFind, Shortcut: ctrl(fyne.KeyF)},
			&fyne.MenuItem{Label: "Search articles", Action: func() { u.focusQuery("") }, Shortcut: ctrl(fyne.KeyL)},
			&fyne.MenuItem{Label: "Quick open", Action: func() { u.focusQuery(">") }, Shortcut: ctrl(fyne.KeyK)},
		),
		fyne.NewMenu("Article",
			&fyne.MenuItem{Label: "Edit metadata…", Action: u.promptEditMeta, Shortcut: ctrl(fyne.KeyM)},
			&fyne.MenuItem{Label: "Set outlet of the listed articles…", Action: u.promptListedOutlet},
			&fyne.MenuItem{Label: "Delete article…", Action: u.promptDeleteArticle},
			fyne.NewMenuItemSeparator(),
			&fyne.MenuItem{Label: "Compare with…", Action: u.promptCompare, Shortcut: ctrlShift(fyne.KeyC)},
			&fyne.MenuItem{Label: "Memos on this article…", Action: func() { u.showMemos(memowin.ShowArticle) }},
		),
		fyne.NewMenu("Tags",
			&fyne.MenuItem{Label: "Manage tags…", Action: func() { u.showTagManager() }, Shortcut: ctrl(fyne.KeyT)},
			&fyne.MenuItem{Label: "Code every hit…", Action: u.promptAutocode},
			&fyne.MenuItem{Label: "Agreement between analysts…", Action: func() { u.showAgreement() }},
			&fyne.MenuItem{Label: "Analysis…", Action: func() { u.showAnalysis() }},
			&fyne.MenuItem{Label: "Coded passages…", Action: func() { u.showPassages("") }, Shortcut: ctrl(fyne.KeyP)},
			&fyne.MenuItem{Label: "Memos…", Action: func() { u.showMemos(memowin.ShowAll) }, Shortcut: ctrlShift(fyne.KeyM)},
		),
		fyne.NewMenu("Help",
			&fyne.MenuItem{Label: "Keyboard shortcuts", Action: u.showShortcuts},
			&fyne.MenuItem{Label: "Search syntax", Action: u.showSearchHelp},
		),
	)
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// shortcuts binds the menu's shortcuts on the window's canvas too, so
// they work where the platform shows no menu bar.
func (u *UI) shortcuts() {
	c := u.win.Canvas()
	// The canvas gets Undo and Copy only when no entry has the focus: an
	// entry undoes and copies its own text.
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { u.Undo() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { u.Redo() })
	c.AddShortcut(ctrlShift(fyne.KeyZ).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.Redo() })
	c.AddShortcut(&fyne.ShortcutCopy{}, func(fyne.Shortcut) { u.copySelection() })
	c.AddShortcut(ctrl(fyne.KeyF).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.openFind() })
	c.AddShortcut(ctrl(fyne.KeyL).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.focusQuery("") })
	c.AddShortcut(ctrl(fyne.KeyK).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.focusQuery(">") })
	c.AddShortcut(ctrl(fyne.KeyI).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.promptImport() })
	c.AddShortcut(ctrlShift(fyne.KeyI).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.promptImportFile(false) })
	c.AddShortcut(ctrl(fyne.KeyT).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.showTagManager() })
	c.AddShortcut(ctrl(fyne.KeyE).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.promptExport() })
	c.AddShortcut(ctrlShift(fyne.KeyC).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.promptCompare() })
	c.AddShortcut(ctrl(fyne.KeyM).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.promptEditMeta() })
	c.AddShortcut(ctrl(fyne.KeyP).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.showPassages("") })
	c.AddShortcut(ctrlShift(fyne.KeyM).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.showMemos(memowin.ShowAll) })
	c.AddShortcut(ctrl(fyne.KeyComma).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.showPreferences() })
	u.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		var paths []string
		for _, uri := range uris {
			paths = append(paths, uri.Path())
		}
		u.importPaths(paths, importer.Options{})
	})
}

// copySelection puts the reader's selected passage on the clipboard.
func (u *UI) copySelection() {
	start, end := u.art.reader.Selection()
	if start == end {
		return
	}
	text := string([]rune(u.art.reader.Text())[start:end])
	u.p.App.Clipboard().SetContent(text)
	u.status.SetText(fmt.Sprintf("copied %d characters", end-start))
}

func (u *UI) focusQuery(prefix string) {
	q := u.lib.query
	if prefix != "" && !strings.HasPrefix(q.Text, prefix) {
		q.SetText(prefix)
	}
	u.win.Canvas().Focus(q)
	// Typing goes after the text (after ">" for quick-open), not before it.
	q.CursorRow, q.CursorColumn = 0, len([]rune(q.Text))
	q.Refresh()
}

func (u *UI) showSearchHelp() {
	help := widget.NewRichTextFromMarkdown(searchHelp)
	help.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Search syntax", "Close", container.NewVScroll(help), u.win)
	d.Resize(fyne.NewSize(620, 520))
	u.showDialog(d)
}

// searchHelp is the query language, as the README's Search section has it.
const searchHelp = `Type in the box above the library. Results update as you type.

* **kremlin talks** — every word, in the title or the text
* **"prime minister"** — the exact phrase
* **kyiv OR kiev** — either (OR binds tighter than the implicit AND)
* **moscow -sanctions** — without a word
* **zelensk*** — words that start so
* **blair NEAR/5 brown** — at most 5 words apart, either order
* **(kyiv OR kiev) talks** — groups
* **title:ceasefire**, **note:disputed**, **memo:readout**, **outlet:bbc**, **tag:actor/russia**
* **after:2025-01-01**, **before:2025-02-01**
* **>** then letters — quick-open: titles, outlets and tags, fuzzy (Ctrl+K)

Case and accents do not matter: Zelenskiy = ZELENSKIY, café = cafe.`
