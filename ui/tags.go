package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/ui/reader"
	"github.com/parallax-news/parallax/ui/tagmanager"
	"github.com/parallax-news/parallax/ui/tagtree"
)

// showTagManager opens the tag manager; a change there reloads what it
// may have touched.
func (u *UI) showTagManager() *tagmanager.Manager {
	m := tagmanager.Show(u.p.Tags, u.jobs, u.win)
	u.shown(m)
	m.OnShowArticles = u.filterByTag
	m.OnShowPassages = func(tag string) { u.showPassages(tag) }
	m.KeyOf, m.OnBindKey = u.keyOf, u.bindKey
	m.OnChanged = u.tagChanged
	return m
}

// tagChanged reloads what a tag change may have touched.
func (u *UI) tagChanged(summary string) {
	u.status.SetText(summary)
	u.memosChanged() // a tag's memos move or go with it
	u.reloadAnnotations()
	u.background(func() {
		infos, err := u.p.Store.Tags()
		if err != nil {
			u.fail(err)
			return
		}
		u.jobs.Post(func() {
			// The shelf holds no tags: the rows read them again.
			u.cache.clear()
			u.setTags(infos)
			if strings.TrimSpace(u.lib.query.Text) == "" {
				u.showRows(u.articleRows())
			}
		})
	})
}

// saveArticleTags applies the article tags box: tags added to it are
// put on the article, tags removed from it taken off.
func (u *UI) saveArticleTags() {
	a := u.art.current
	if a.ID == 0 {
		return
	}
	want, err := app.NormalizeTags(app.SplitTags(u.art.tags.Text))
	if err != nil {
		u.showError(err)
		return
	}
	if slices.Equal(app.UnionTags(nil, want), a.Tags) {
		return
	}
	u.background(func() {
		a, err := u.p.Tags.SetArticleTags(a.ID, want)
		if err != nil {
			u.fail(err)
			return
		}
		u.jobs.Post(func() {
			if u.art.current.ID == a.ID {
				u.art.current.Tags = a.Tags
				u.art.tags.SetText(strings.Join(a.Tags, ", "))
			}
			u.refreshArticle(a)
			u.status.SetText(fmt.Sprintf("article %d tagged %s", a.ID, strings.Join(a.Tags, ", ")))
		})
	})
}

// filterByTag lists the articles carrying a tag or one below it, on
// themselves or on an annotation.
func (u *UI) filterByTag(path string) {
	u.lib.filters.box.Show()
	u.lib.filters.setTag(path) // runs the query
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
		bg := canvas.NewRectangle(reader.Translucent(tagtree.Color(u.tagColors[t]), 0x66))
		bg.CornerRadius = 6
		l := widget.NewLabel(app.Tag{Path: t}.Name())
		l.SizeName = theme.SizeNameCaptionText
		out = append(out, container.NewStack(bg, l))
	}
	return out
}
