// Package tagtree draws the hierarchical tag set as a tree of colour
// swatches, names and use counts: the library's tag filter and the tag
// manager show it.
package tagtree

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/ui/swatch"
)

// Set is the tag tree: each tag by path with its colour and counts,
// and each tag's children ("" is the root), with the parents a path
// implies added.
type Set struct {
	Tags     map[string]app.TagInfo
	Children map[string][]string
}

// Build makes the tree of tags listed with their counts.
func Build(infos []app.TagInfo) *Set {
	s := &Set{Tags: map[string]app.TagInfo{}, Children: map[string][]string{}}
	var add func(path string)
	add = func(path string) {
		if _, ok := s.Tags[path]; ok {
			return
		}
		s.Tags[path] = app.TagInfo{Tag: app.Tag{Path: path}}
		parent := ""
		if i := strings.LastIndexByte(path, '/'); i >= 0 {
			parent = path[:i]
			add(parent)
		}
		s.Children[parent] = append(s.Children[parent], path)
	}
	for _, t := range infos {
		add(t.Path)
		s.Tags[t.Path] = t
	}
	return s
}

// NewTree draws a tag set (read through set, so it can be replaced)
// as a tree of colour swatch, name and counts.
func NewTree(set func() *Set, counts func(app.TagInfo) string) *widget.Tree {
	return widget.NewTree(
		func(id widget.TreeNodeID) []widget.TreeNodeID { return set().Children[id] },
		func(id widget.TreeNodeID) bool { return id == "" || len(set().Children[id]) > 0 },
		func(bool) fyne.CanvasObject {
			name := widget.NewLabel("tag")
			name.Truncation = fyne.TextTruncateEllipsis
			n := widget.NewLabel("")
			n.SizeName = theme.SizeNameCaptionText
			return container.NewBorder(nil, nil, swatch.New(), n, name)
		},
		func(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
			t := set().Tags[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(app.Tag{Path: id}.Name())
			box.Objects[2].(*widget.Label).SetText(counts(t))
			swatch.Set(box.Objects[1], Color(t.Color))
		},
	)
}

// Color is a tag's colour, or the theme's disabled grey for none.
func Color(c string) color.Color {
	if c == "" {
		return theme.Color(theme.ColorNameDisabled)
	}
	return swatch.Parse(c)
}
