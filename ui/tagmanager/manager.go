// Package tagmanager is the tag manager: the tag tree with colours and
// use counts, and renaming, merging, recolouring and deleting a tag with
// everything below it.
package tagmanager

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/ui/jobs"
	"github.com/parallax-news/parallax/ui/tagtree"
)

// Store is what the manager changes tags through.
type Store interface {
	Tags() ([]app.TagInfo, error)
	SaveTag(t app.Tag) error
	RenameTag(from, to string, merge bool) (app.TagChange, error)
	TagUsage(path string) (app.TagChange, error)
	DeleteTag(path string) (app.TagChange, error)
}

// Manager is an open tag manager.
type Manager struct {
	store  Store
	jobs   *jobs.Runner
	parent fyne.Window
	// OnShowArticles is called with the tag whose articles the user
	// asked to see; OnChanged after a change, with a summary of it.
	OnShowArticles func(path string)
	// OnShowPassages is called with the tag whose coded passages the
	// user asked for.
	OnShowPassages func(path string)
	// KeyOf and OnBindKey, if set, show and change the quick-coding key
	// (1–9, 0 for none) bound to a tag.
	KeyOf     func(path string) int
	OnBindKey func(path string, key int)
	OnChanged func(summary string)

	set      *tagtree.Set
	tree     *widget.Tree
	empty    *widget.Label
	selected string
	dialog   dialog.Dialog
}

// Show opens the tag manager over parent; its tags load in the
// background.
func Show(st Store, j *jobs.Runner, parent fyne.Window) *Manager {
	m := &Manager{store: st, jobs: j, parent: parent, set: tagtree.Build(nil),
		OnShowArticles: func(string) {}, OnShowPassages: func(string) {}, OnChanged: func(string) {}}
	m.tree = tagtree.NewTree(func() *tagtree.Set { return m.set }, func(t app.TagInfo) string {
		s := fmt.Sprintf("%d articles · %d annotations", t.Articles, t.Annotations)
		if m.KeyOf != nil {
			if k := m.KeyOf(t.Path); k > 0 {
				s += fmt.Sprintf(" · key %d", k)
			}
		}
		return s
	})
	m.tree.OnSelected = func(id widget.TreeNodeID) { m.selected = id }
	m.empty = widget.NewLabel("No tags yet: tag an annotation or an article.")
	m.empty.Hide()
	act := func(label string, icon fyne.Resource, fn func(path string)) *widget.Button {
		return widget.NewButtonWithIcon(label, icon, func() {
			if m.selected == "" {
				dialog.ShowInformation("Tags", "Select a tag first.", parent)
				return
			}
			fn(m.selected)
		})
	}
	// Two rows of four: one row of seven does not fit a 640-pixel window.
	buttons := container.NewGridWithColumns(4,
		act("Show articles", theme.SearchIcon(), func(p string) { m.dialog.Hide(); m.OnShowArticles(p) }),
		act("Passages", theme.ListIcon(), func(p string) { m.dialog.Hide(); m.OnShowPassages(p) }),
		act("Rename…", theme.DocumentCreateIcon(), func(p string) { m.promptRename(p, false) }),
		act("Merge into…", theme.ContentPasteIcon(), func(p string) { m.promptRename(p, true) }),
		act("Colour…", theme.ColorPaletteIcon(), m.promptColor),
		act("Key…", theme.ComputerIcon(), m.promptKey),
		act("Delete…", theme.DeleteIcon(), m.promptDelete),
	)
	content := container.NewBorder(nil, buttons, nil, nil, container.NewStack(m.tree, m.empty))
	m.dialog = dialog.NewCustom("Tags", "Close", content, parent)
	m.dialog.Resize(fyne.NewSize(560, 480))
	m.dialog.Show()
	m.reload()
	return m
}

// Hide closes the manager.
func (m *Manager) Hide() { m.dialog.Hide() }

// Tags is the tree the manager shows.
func (m *Manager) Tags() *tagtree.Set { return m.set }

// Select selects a tag, as a click in the tree does.
func (m *Manager) Select(path string) { m.tree.Select(path) }

// reload reads the tags again and redraws the tree.
func (m *Manager) reload() {
	m.jobs.Go(func() {
		infos, err := m.store.Tags()
		m.jobs.Post(func() {
			if err != nil {
				dialog.ShowError(err, m.parent)
				return
			}
			m.set = tagtree.Build(infos)
			if _, ok := m.set.Tags[m.selected]; !ok {
				m.selected = ""
				m.tree.UnselectAll()
			}
			m.empty.Hidden = len(infos) > 0
			m.empty.Refresh()
			m.tree.Refresh()
			m.tree.OpenAllBranches()
		})
	})
}

// change runs a tag change in the background; on success the tree is
// reloaded and OnChanged told.
func (m *Manager) change(do func() (string, error)) {
	m.jobs.Go(func() {
		summary, err := do()
		m.jobs.Post(func() {
			if err != nil {
				dialog.ShowError(err, m.parent)
				return
			}
			m.reload()
			m.OnChanged(summary)
		})
	})
}

// Rename renames (or, with merge, merges) a tag and everything below it.
func (m *Manager) Rename(from, to string, merge bool) {
	m.change(func() (string, error) {
		ch, err := m.store.RenameTag(from, to, merge)
		return fmt.Sprintf("%s → %s: %d articles, %d annotations%s", from, to, ch.Articles, ch.Annotations, memoCount(ch.Memos)), err
	})
}

// SetColor gives a tag a colour (#rrggbb).
func (m *Manager) SetColor(path, color string) {
	t := m.set.Tags[path].Tag
	t.Path, t.Color = path, color
	m.change(func() (string, error) {
		return fmt.Sprintf("%s is now %s", path, color), m.store.SaveTag(t)
	})
}

// Delete removes a tag and everything below it from every article and
// annotation.
func (m *Manager) Delete(path string) {
	m.change(func() (string, error) {
		ch, err := m.store.DeleteTag(path)
		return fmt.Sprintf("deleted %s from %d articles and %d annotations%s", path, ch.Articles, ch.Annotations, memoCount(ch.Memos)), err
	})
}

func (m *Manager) promptRename(from string, merge bool) {
	var paths []string
	for p := range m.set.Tags {
		if p != "" && p != from {
			paths = append(paths, p)
		}
	}
	to := widget.NewSelectEntry(sorted(paths))
	to.SetText(from)
	title, verb := "Rename tag", "Rename"
	if merge {
		title, verb = "Merge tag", "Merge"
		to.SetText("")
	}
	dialog.ShowForm(title, verb, "Cancel", []*widget.FormItem{
		widget.NewFormItem("Tag", widget.NewLabel(from)),
		widget.NewFormItem("New path", to),
	}, func(ok bool) {
		if ok {
			m.Rename(from, to.Text, merge)
		}
	}, m.parent)
}

func (m *Manager) promptColor(path string) {
	names := app.PaletteNames()
	sel := widget.NewSelect(names, nil)
	for _, n := range names {
		if app.Palette[n] == m.set.Tags[path].Color {
			sel.SetSelected(n)
		}
	}
	dialog.ShowForm("Tag colour", "Save", "Cancel", []*widget.FormItem{widget.NewFormItem(path, sel)}, func(ok bool) {
		if ok && sel.Selected != "" {
			m.SetColor(path, app.Palette[sel.Selected])
		}
	}, m.parent)
}

// promptKey binds the tag to a quick-coding key.
func (m *Manager) promptKey(path string) {
	if m.OnBindKey == nil {
		return
	}
	options := []string{"none", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
	sel := widget.NewSelect(options, nil)
	sel.SetSelectedIndex(0)
	if m.KeyOf != nil {
		sel.SetSelectedIndex(m.KeyOf(path))
	}
	dialog.ShowForm("Quick-coding key", "Bind", "Cancel", []*widget.FormItem{widget.NewFormItem(path, sel)}, func(ok bool) {
		if ok {
			m.BindKey(path, sel.SelectedIndex())
		}
	}, m.parent)
}

// BindKey binds a tag to a key (0: none), as the Key… dialog does.
func (m *Manager) BindKey(path string, key int) {
	if m.OnBindKey != nil {
		m.OnBindKey(path, key)
		m.tree.Refresh()
	}
}

func (m *Manager) promptDelete(path string) {
	m.jobs.Go(func() {
		use, err := m.store.TagUsage(path)
		m.jobs.Post(func() {
			if err != nil {
				dialog.ShowError(err, m.parent)
				return
			}
			dialog.ShowConfirm("Delete tag", fmt.Sprintf("Remove %s and every tag below it from %d articles and %d annotations? The articles and annotations stay.%s", path, use.Articles, use.Annotations, memosGo(use.Memos)), func(ok bool) {
				if ok {
					m.Delete(path)
				}
			}, m.parent)
		})
	})
}

func sorted(s []string) []string {
	slices.Sort(s)
	return s
}

// memoCount is ", N memos" for a change that moved or took memos.
func memoCount(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", %d memos", n)
}

// memosGo warns that a tag's memos go with it.
func memosGo(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return " Its memo is deleted with it."
	}
	return fmt.Sprintf(" Its %d memos are deleted with it.", n)
}
