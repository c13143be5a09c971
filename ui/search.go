package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/app/quickopen"
	"github.com/parallax-news/parallax/app/search"
)

// runQuery answers the library's search box as the user types: nothing
// lists every article, a leading > is quick-open over titles, outlets and
// tags, anything else a full-text query. Queries run off the UI
// goroutine, one at a time: keystrokes typed while one runs are folded
// into the latest, which runs next (at 100,000 articles a query per
// keystroke in parallel would pile up work and memory), and an answer to
// an older query than the latest is dropped.
func (u *UI) runQuery(text string) {
	u.querySeq++
	text = strings.TrimSpace(text)
	if text == "" {
		u.queued = nil
		u.showRows(u.articleRows())
		u.status.SetText(fmt.Sprintf("%d articles · %s", len(u.articles), u.p.StoreDir))
		return
	}
	if u.querying {
		u.queued = &text
		return
	}
	u.querying = true
	seq, quick := u.querySeq, u.quick
	u.background(func() {
		show := u.answer(text, quick)
		u.jobs.Post(func() {
			if seq == u.querySeq {
				show()
			}
			u.worked()
			u.querying = false
			if q := u.queued; q != nil {
				u.queued = nil
				u.querySeq-- // runQuery counts it again
				u.runQuery(*q)
			}
		})
	})
}

// answer runs a query off the UI goroutine and returns how to show it;
// quick is the quick-open index as it was when the query was typed.
func (u *UI) answer(text string, quick *quickopen.Index) func() {
	if pattern, ok := strings.CutPrefix(text, ">"); ok {
		pattern = strings.TrimSpace(pattern)
		if pattern == "" || quick == nil {
			return func() {}
		}
		found := quick.Find(pattern, quickopen.DefaultLimit)
		rows := make([]row, len(found))
		for i, f := range found {
			rows[i] = row{id: app.ArticleID(f.ID), title: f.Text, sub: f.Kind.String()}
			if f.Kind != quickopen.Title {
				rows[i].query = filterFor(f.Kind, f.Text)
			}
		}
		return func() {
			u.showRows(rows)
			u.status.SetText(fmt.Sprintf("%d quick-open matches", len(rows)))
		}
	}
	res, err := search.Run(u.p.Store, text, 200)
	if err != nil {
		// A query half typed is often malformed: say why in the status
		// bar, without a dialog in the way.
		return func() { u.status.SetText(err.Error()) }
	}
	rows := make([]row, len(res.Hits))
	for i, h := range res.Hits {
		rows[i] = row{id: h.Article.ID, title: h.Article.Title, sub: h.Article.Outlet + " · " + h.Snippet.Text}
		for _, m := range h.BodyMatches {
			rows[i].marks = append(rows[i].marks, [2]int{m.Start, m.End})
		}
	}
	return func() {
		u.showRows(rows)
		u.status.SetText(fmt.Sprintf("%d of %d matching articles", len(rows), res.Total))
	}
}

// filterFor is the query that lists an outlet's or a tag's articles.
func filterFor(k quickopen.Kind, text string) string {
	field := "tag:"
	if k == quickopen.Outlet {
		field = "outlet:"
	}
	return field + `"` + strings.ReplaceAll(text, `"`, "") + `"`
}

// menu is the menu bar; every item has its shortcut.
func (u *UI) menu() *fyne.MainMenu {
	return fyne.NewMainMenu(
		fyne.NewMenu("File",
			&fyne.MenuItem{Label: "Import folder…", Action: u.promptImport, Shortcut: ctrl(fyne.KeyI)},
			&fyne.MenuItem{Label: "Export annotations…", Action: u.promptExport, Shortcut: ctrl(fyne.KeyE)},
		),
		fyne.NewMenu("Edit",
			// Ctrl+Z and Ctrl+C are Fyne's own Undo and Copy: as menu
			// shortcuts they would run before a focused entry's, so they
			// are bound on the canvas (below) and named in the labels.
			&fyne.MenuItem{Label: "Undo annotation change    Ctrl+Z", Action: u.Undo},
			&fyne.MenuItem{Label: "Copy selected passage    Ctrl+C", Action: u.copySelection},
			fyne.NewMenuItemSeparator(),
			&fyne.MenuItem{Label: "Find in article", Action: u.openFind, Shortcut: ctrl(fyne.KeyF)},
			&fyne.MenuItem{Label: "Search articles", Action: func() { u.focusQuery("") }, Shortcut: ctrl(fyne.KeyL)},
			&fyne.MenuItem{Label: "Quick open", Action: func() { u.focusQuery(">") }, Shortcut: ctrl(fyne.KeyK)},
		),
		fyne.NewMenu("Article",
			&fyne.MenuItem{Label: "Compare with…", Action: u.promptCompare, Shortcut: ctrlShift(fyne.KeyC)},
		),
		fyne.NewMenu("Tags",
			&fyne.MenuItem{Label: "Manage tags…", Action: func() { u.showTagManager() }, Shortcut: ctrl(fyne.KeyT)},
		),
		fyne.NewMenu("Help",
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
	c.AddShortcut(&fyne.ShortcutCopy{}, func(fyne.Shortcut) { u.copySelection() })
	c.AddShortcut(ctrl(fyne.KeyF).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.openFind() })
	c.AddShortcut(ctrl(fyne.KeyL).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.focusQuery("") })
	c.AddShortcut(ctrl(fyne.KeyK).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.focusQuery(">") })
	c.AddShortcut(ctrl(fyne.KeyI).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.promptImport() })
	c.AddShortcut(ctrl(fyne.KeyT).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.showTagManager() })
	c.AddShortcut(ctrl(fyne.KeyE).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.promptExport() })
	c.AddShortcut(ctrlShift(fyne.KeyC).(*desktop.CustomShortcut), func(fyne.Shortcut) { u.promptCompare() })
	u.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		var paths []string
		for _, uri := range uris {
			paths = append(paths, uri.Path())
		}
		u.importPaths(paths)
	})
}

// copySelection puts the reader's selected passage on the clipboard.
func (u *UI) copySelection() {
	start, end := u.reader.Selection()
	if start == end {
		return
	}
	text := string([]rune(u.reader.Text())[start:end])
	u.p.App.Clipboard().SetContent(text)
	u.status.SetText(fmt.Sprintf("copied %d characters", end-start))
}

func (u *UI) focusQuery(prefix string) {
	if prefix != "" && !strings.HasPrefix(u.query.Text, prefix) {
		u.query.SetText(prefix)
	}
	u.win.Canvas().Focus(u.query)
}

func (u *UI) promptImport() {
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, u.win)
			return
		}
		if dir != nil {
			u.importPaths([]string{dir.Path()})
		}
	}, u.win)
}

// importPaths imports files and folders with a progress bar and a
// cancel button, then lists the collection again.
func (u *UI) importPaths(paths []string) {
	if len(paths) == 0 {
		return
	}
	ctx, label, bar, d := u.progressDialog(context.Background(), "Importing", "Reading files…")
	u.background(func() {
		rep, err := u.p.Importer.Import(ctx, paths, importer.Options{Progress: func(p app.ImportProgress) {
			u.jobs.Post(func() {
				if p.Files > 0 {
					bar.SetValue(float64(p.FilesDone) / float64(p.Files))
				}
				label.SetText(fmt.Sprintf("%d of %d files: %d imported, %d revisions, %d duplicates, %d failed",
					p.FilesDone, p.Files, p.Imported, p.Revisions, p.Duplicates, p.Failed))
			})
		}})
		u.jobs.Post(func() {
			d.Hide()
			if err != nil {
				dialog.ShowError(err, u.win)
			}
			summary := fmt.Sprintf("%d files: %d imported, %d new revisions, %d duplicates, %d failed",
				rep.Files, rep.Imported, rep.Revisions, rep.Duplicates, rep.Failed)
			if rep.Canceled {
				summary += " (canceled)"
			}
			u.status.SetText(summary)
		})
		u.Load(context.Background())
	})
}

func (u *UI) showSearchHelp() {
	help := widget.NewRichTextFromMarkdown(searchHelp)
	help.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Search syntax", "Close", container.NewVScroll(help), u.win)
	d.Resize(fyne.NewSize(620, 520))
	d.Show()
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
* **title:ceasefire**, **note:disputed**, **outlet:bbc**, **tag:actor/russia**
* **after:2025-01-01**, **before:2025-02-01**
* **>** then letters — quick-open: titles, outlets and tags, fuzzy (Ctrl+K)

Case and accents do not matter: Zelenskiy = ZELENSKIY, café = cafe.`
