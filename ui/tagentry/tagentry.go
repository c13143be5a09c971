// Package tagentry is the entry for a comma-separated list of tags: its
// drop-down offers the known tags that match the word being typed, and
// choosing one completes that word, keeping the tags before it.
package tagentry

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
)

// maxChoices keeps the drop-down to a screenful.
const maxChoices = 30

// Entry is a tag list entry.
type Entry struct {
	widget.Entry
	// OnEscape, if set, hears Escape (a dialog's entry closes the dialog).
	OnEscape func()
	known    []string
	menu     *widget.PopUpMenu
	items    []*fyne.MenuItem // what the open drop-down offers
}

// New makes an entry offering known tag paths.
func New(known []string) *Entry {
	e := &Entry{}
	e.ExtendBaseWidget(e)
	e.SetOptions(known)
	e.ActionItem = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), e.ShowChoices)
	return e
}

// SetOptions changes the tags offered.
func (e *Entry) SetOptions(known []string) { e.known = slices.Clone(known) }

// typing splits the text into the tags before the last comma and the
// word being typed after it.
func (e *Entry) typing() (done []string, word string) {
	i := strings.LastIndex(e.Text, ",")
	return app.SplitTags(e.Text[:max(i, 0)]), strings.TrimSpace(e.Text[i+1:])
}

// Choices lists the known tags that contain the word being typed (those
// that start with it, or a segment of which does, first), leaving out
// the tags already in the list.
func (e *Entry) Choices() []string {
	done, word := e.typing()
	w := strings.ToLower(word)
	var first, rest []string
	for _, t := range e.known {
		lt := strings.ToLower(t)
		switch {
		case slices.Contains(done, t):
		case strings.HasPrefix(lt, w) || strings.Contains(lt, "/"+w):
			first = append(first, t)
		case strings.Contains(lt, w):
			rest = append(rest, t)
		}
	}
	out := append(first, rest...)
	return out[:min(len(out), maxChoices)]
}

// Pick replaces the word being typed with tag.
func (e *Entry) Pick(tag string) {
	done, _ := e.typing()
	e.SetText(strings.Join(append(done, tag), ", ") + ", ")
	e.CursorRow, e.CursorColumn = 0, len([]rune(e.Text))
	e.Refresh()
}

// ShowChoices opens the drop-down below the entry.
func (e *Entry) ShowChoices() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, t := range e.Choices() {
		items = append(items, fyne.NewMenuItem(t, func() { e.Pick(t); c.Focus(e) }))
	}
	if len(items) == 0 {
		items = append(items, &fyne.MenuItem{Label: "no known tag matches", Disabled: true})
	}
	e.items = items
	e.menu = widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	e.menu.ShowAtPosition(pos.Add(fyne.NewPos(0, e.Size().Height)))
	e.menu.Resize(fyne.NewSize(e.Size().Width, e.menu.MinSize().Height))
}

// TypedKey opens the choices on Down, as a drop-down would, and passes
// Escape to OnEscape.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyDown:
		e.ShowChoices()
		return
	case k.Name == fyne.KeyEscape && e.OnEscape != nil:
		e.OnEscape()
		return
	}
	e.Entry.TypedKey(k)
}
