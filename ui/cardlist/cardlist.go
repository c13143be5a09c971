// Package cardlist is a list whose rows are as tall as their content at
// the list's width, so rows of wrapped text neither overlap nor keep the
// height they had at an earlier width.
package cardlist

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// List is a widget.List that measures each row as it fills it.
type List struct {
	widget.List
	heights map[widget.ListItemID]float32
}

// New makes a list; update fills a row from create for item i, as for
// widget.NewList, and the list then sets the row's height.
func New(length func() int, create func() fyne.CanvasObject, update func(i widget.ListItemID, row fyne.CanvasObject)) *List {
	l := &List{heights: map[widget.ListItemID]float32{}}
	l.Length = length
	l.CreateItem = create
	l.UpdateItem = func(i widget.ListItemID, row fyne.CanvasObject) {
		update(i, row)
		l.measure(i, row)
	}
	l.ExtendBaseWidget(l)
	return l
}

// measure lays the row out at the list's width, where wrapped text finds
// its line count, and makes the row as tall as it then needs.
func (l *List) measure(i widget.ListItemID, row fyne.CanvasObject) {
	width := l.Size().Width
	if width <= 0 {
		return
	}
	row.Resize(fyne.NewSize(width, row.Size().Height))
	if h := row.MinSize().Height; h != l.heights[i] {
		l.heights[i] = h
		l.SetItemHeight(i, h)
	}
}

// Resize re-measures the shown rows when the width changes: a wider list
// wraps into fewer lines.
func (l *List) Resize(size fyne.Size) {
	wider := size.Width != l.Size().Width
	l.List.Resize(size)
	if wider {
		l.Refresh()
	}
}
