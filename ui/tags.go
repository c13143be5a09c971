package ui

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/ui/reader"
	"github.com/parallax-news/parallax/ui/swatch"
)

// tagSet is the tag tree: each tag by path with its colour and counts,
// and each tag's children ("" is the root), with the parents a path
// implies added.
type tagSet struct {
	tags     map[string]app.TagInfo
	children map[string][]string
}

func buildTagSet(infos []app.TagInfo) *tagSet {
	s := &tagSet{tags: map[string]app.TagInfo{}, children: map[string][]string{}}
	var add func(path string)
	add = func(path string) {
		if _, ok := s.tags[path]; ok {
			return
		}
		s.tags[path] = app.TagInfo{Tag: app.Tag{Path: path}}
		parent := ""
		if i := strings.LastIndexByte(path, '/'); i >= 0 {
			parent = path[:i]
			add(parent)
		}
		s.children[parent] = append(s.children[parent], path)
	}
	for _, t := range infos {
		add(t.Path)
		s.tags[t.Path] = t
	}
	return s
}

// newTagTree draws a tag set (read through set, so it can be replaced)
// as a tree of colour swatch, name and counts.
func newTagTree(set func() *tagSet, counts func(app.TagInfo) string) *widget.Tree {
	return widget.NewTree(
		func(id widget.TreeNodeID) []widget.TreeNodeID { return set().children[id] },
		func(id widget.TreeNodeID) bool { return id == "" || len(set().children[id]) > 0 },
		func(bool) fyne.CanvasObject {
			name := widget.NewLabel("tag")
			name.Truncation = fyne.TextTruncateEllipsis
			n := widget.NewLabel("")
			n.SizeName = theme.SizeNameCaptionText
			return container.NewBorder(nil, nil, swatch.New(), n, name)
		},
		func(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
			t := set().tags[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(app.Tag{Path: id}.Name())
			box.Objects[2].(*widget.Label).SetText(counts(t))
			swatch.Set(box.Objects[1], tagColor(t.Color))
		},
	)
}

// tagManager is the open tag manager: the tag tree with colours and use
// counts, and what can be done to the selected tag.
type tagManager struct {
	*tagSet
	tree     *widget.Tree
	selected string
	dialog   dialog.Dialog
}

// showTagManager opens the tag manager.
func (u *UI) showTagManager() {
	u.background(func() {
		infos, err := u.p.Store.Tags()
		if err != nil {
			u.fail(err)
			return
		}
		u.jobs.Post(func() { u.openTagManager(infos) })
	})
}

func (u *UI) openTagManager(infos []app.TagInfo) {
	m := &tagManager{tagSet: buildTagSet(infos)}
	m.tree = newTagTree(func() *tagSet { return m.tagSet }, func(t app.TagInfo) string {
		return fmt.Sprintf("%d articles · %d annotations", t.Articles, t.Annotations)
	})
	m.tree.OnSelected = func(id widget.TreeNodeID) { m.selected = id }
	m.tree.OpenAllBranches()
	act := func(label string, icon fyne.Resource, fn func(path string)) *widget.Button {
		return widget.NewButtonWithIcon(label, icon, func() {
			if m.selected == "" {
				dialog.ShowInformation("Tags", "Select a tag first.", u.win)
				return
			}
			fn(m.selected)
		})
	}
	buttons := container.NewHBox(
		act("Show articles", theme.SearchIcon(), func(p string) { m.dialog.Hide(); u.filterByTag(p) }),
		act("Rename…", theme.DocumentCreateIcon(), func(p string) { u.promptRenameTag(m, p, false) }),
		act("Merge into…", theme.ContentPasteIcon(), func(p string) { u.promptRenameTag(m, p, true) }),
		act("Colour…", theme.ColorPaletteIcon(), func(p string) { u.promptTagColor(m, p) }),
		act("Delete…", theme.DeleteIcon(), func(p string) { u.promptDeleteTag(m, p) }),
	)
	content := container.NewBorder(nil, buttons, nil, nil, m.tree)
	if len(infos) == 0 {
		content = container.NewBorder(nil, buttons, nil, nil, widget.NewLabel("No tags yet: tag an annotation or an article."))
	}
	m.dialog = dialog.NewCustom("Tags", "Close", content, u.win)
	m.dialog.Resize(fyne.NewSize(560, 480))
	u.tags = m
	m.dialog.Show()
}

// tagChanged reloads what a tag change may have touched.
func (u *UI) tagChanged(m *tagManager, summary string) {
	u.status.SetText(summary)
	m.dialog.Hide()
	u.reloadAnnotations()
	u.showTagManager()
	u.background(func() {
		var list []app.Article
		err := u.p.Store.ForEachArticle(func(a app.Article) error {
			list = append(list, a)
			return nil
		})
		var infos []app.TagInfo
		if err == nil {
			infos, err = u.p.Store.Tags()
		}
		if err != nil {
			u.fail(err)
			return
		}
		u.jobs.Post(func() {
			u.articles = list
			u.setTags(infos)
			if strings.TrimSpace(u.query.Text) == "" {
				u.showRows(u.articleRows())
			}
		})
	})
}

func (u *UI) promptRenameTag(m *tagManager, from string, merge bool) {
	to := widget.NewSelectEntry(u.knownTags)
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
			u.renameTag(m, from, to.Text, merge)
		}
	}, u.win)
}

// renameTag renames (or merges) a tag and everything below it.
func (u *UI) renameTag(m *tagManager, from, to string, merge bool) {
	u.background(func() {
		ch, err := u.p.Store.RenameTag(from, to, merge)
		if err != nil {
			u.fail(err)
			return
		}
		u.jobs.Post(func() {
			u.tagChanged(m, fmt.Sprintf("%s → %s: %d articles, %d annotations", from, to, ch.Articles, ch.Annotations))
		})
	})
}

func (u *UI) promptTagColor(m *tagManager, path string) {
	sel := widget.NewSelect(paletteNames(), nil)
	for _, n := range paletteNames() {
		if app.Palette[n] == m.tags[path].Color {
			sel.SetSelected(n)
		}
	}
	dialog.ShowForm("Tag colour", "Save", "Cancel", []*widget.FormItem{widget.NewFormItem(path, sel)}, func(ok bool) {
		if ok && sel.Selected != "" {
			u.setTagColor(m, path, app.Palette[sel.Selected])
		}
	}, u.win)
}

func (u *UI) setTagColor(m *tagManager, path, color string) {
	t := m.tags[path].Tag
	t.Color = color
	u.background(func() {
		if err := u.p.Store.SaveTag(t); err != nil {
			u.fail(err)
			return
		}
		u.jobs.Post(func() { u.tagChanged(m, fmt.Sprintf("%s is now %s", path, color)) })
	})
}

func (u *UI) promptDeleteTag(m *tagManager, path string) {
	u.background(func() {
		use, err := u.p.Store.TagUsage(path)
		if err != nil {
			u.fail(err)
			return
		}
		u.jobs.Post(func() {
			dialog.ShowConfirm("Delete tag", fmt.Sprintf("Remove %s and every tag below it from %d articles and %d annotations? The articles and annotations stay.", path, use.Articles, use.Annotations), func(ok bool) {
				if ok {
					u.deleteTag(m, path)
				}
			}, u.win)
		})
	})
}

func (u *UI) deleteTag(m *tagManager, path string) {
	u.background(func() {
		ch, err := u.p.Store.DeleteTag(path)
		if err != nil {
			u.fail(err)
			return
		}
		u.jobs.Post(func() {
			u.tagChanged(m, fmt.Sprintf("deleted %s from %d articles and %d annotations", path, ch.Articles, ch.Annotations))
		})
	})
}

// tagColor is a tag's colour, or the theme's disabled grey for none.
func tagColor(c string) color.Color {
	if c == "" {
		return theme.Color(theme.ColorNameDisabled)
	}
	return swatch.Parse(c)
}

// saveArticleTags applies the article tags box: tags added to it are
// put on the article, tags removed from it taken off.
func (u *UI) saveArticleTags() {
	a := u.current
	if a.ID == 0 {
		return
	}
	want, err := app.NormalizeTags(splitTags(u.articleTags.Text))
	if err != nil {
		dialog.ShowError(err, u.win)
		return
	}
	if slices.Equal(app.UnionTags(nil, want), a.Tags) {
		return
	}
	u.background(func() {
		a, err := u.p.Store.SetArticleTags(a.ID, want)
		if err != nil {
			u.fail(err)
			return
		}
		u.jobs.Post(func() {
			if u.current.ID == a.ID {
				u.current.Tags = a.Tags
				u.articleTags.SetText(strings.Join(a.Tags, ", "))
			}
			u.refreshArticle(a)
			u.status.SetText(fmt.Sprintf("article %d tagged %s", a.ID, strings.Join(a.Tags, ", ")))
		})
	})
}

// filterByTag lists the articles carrying a tag or one below it, on
// themselves or on an annotation.
func (u *UI) filterByTag(path string) {
	u.filters.box.Show()
	u.filters.setTag(path) // runs the query
}

// maxChips is how many tags a library row draws; more show as "+n".
const maxChips = 1

// tagChips draws tags as small rounded labels in their colours.
func (u *UI) tagChips(tags []string) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for i, t := range tags {
		if i == maxChips {
			more := widget.NewLabel(fmt.Sprintf("+%d", len(tags)-maxChips))
			more.SizeName = theme.SizeNameCaptionText
			out = append(out, more)
			break
		}
		bg := canvas.NewRectangle(reader.Translucent(tagColor(u.tagColors[t]), 0x66))
		bg.CornerRadius = 6
		l := widget.NewLabel(app.Tag{Path: t}.Name())
		l.SizeName = theme.SizeNameCaptionText
		out = append(out, container.NewStack(bg, l))
	}
	return out
}
