package ui

import (
	"fmt"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/ui/escentry"
)

// findBar is Ctrl+F: find text in the shown article, every match marked,
// Enter going to the next.
type findBar struct {
	entry   *escentry.Entry
	count   *widget.Label
	box     *fyne.Container
	matches [][2]int
	at      int
}

func (u *UI) newFindBar() *findBar {
	f := &findBar{entry: escentry.New(u.closeFind), count: widget.NewLabel("")}
	f.entry.SetPlaceHolder("Find in article")
	f.entry.OnChanged = func(s string) { u.findInArticle(s) }
	f.entry.OnSubmitted = func(string) { u.findNext() }
	closeFind := widget.NewButtonWithIcon("", theme.CancelIcon(), u.closeFind)
	f.box = container.NewBorder(nil, nil, nil, container.NewHBox(f.count, closeFind), f.entry)
	f.box.Hide()
	return f
}

func (u *UI) openFind() {
	u.art.findBar.box.Show()
	u.win.Canvas().Focus(u.art.findBar.entry)
	u.findInArticle(u.art.findBar.entry.Text)
}

func (u *UI) closeFind() {
	u.art.findBar.box.Hide()
	u.art.findBar.matches = nil
	u.art.reader.SetMarks(nil)
}

// findInArticle marks every case-insensitive occurrence of s in the shown
// revision and scrolls to the first.
func (u *UI) findInArticle(s string) {
	f := u.art.findBar
	f.matches, f.at = findAll([]rune(u.art.revision.Body), []rune(s)), 0
	u.art.reader.SetMarks(f.matches)
	switch {
	case s == "":
		f.count.SetText("")
	case len(f.matches) == 0:
		f.count.SetText("no matches")
	default:
		u.showMatch()
	}
}

func (u *UI) findNext() {
	f := u.art.findBar
	if len(f.matches) == 0 {
		return
	}
	f.at = (f.at + 1) % len(f.matches)
	u.showMatch()
}

func (u *UI) showMatch() {
	f := u.art.findBar
	m := f.matches[f.at]
	u.art.reader.ScrollTo(m[0])
	u.art.reader.Select(m[0], m[1])
	f.count.SetText(fmt.Sprintf("%d of %d", f.at+1, len(f.matches)))
}

// findAll returns the spans (code points) where pattern occurs in text,
// ignoring case, without overlaps.
func findAll(text, pattern []rune) [][2]int {
	if len(pattern) == 0 {
		return nil
	}
	lower := func(rs []rune) []rune {
		out := make([]rune, len(rs))
		for i, r := range rs {
			out[i] = unicode.ToLower(r)
		}
		return out
	}
	t, p := lower(text), lower(pattern)
	var out [][2]int
	for i := 0; i+len(p) <= len(t); i++ {
		if string(t[i:i+len(p)]) == string(p) {
			out = append(out, [2]int{i, i + len(p)})
			i += len(p) - 1
		}
	}
	return out
}
