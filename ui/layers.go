package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
)

// Every annotation records its analyst: each analyst's annotations are a
// layer the reader and the annotations panel show or hide (issue 22).
// Hidden layers stay hidden from article to article until shown again.

// layers is the layer switch above the annotations panel.
type layers struct {
	button *widget.Button
	hidden map[string]bool // analysts whose annotations are not shown (folded)
	// all are the shown article's annotations before the filter, names
	// their analysts (set with them, read by every card).
	allPlaced, allOrphans []app.Annotation
	names                 []string
}

func (u *UI) newLayers() *layers {
	l := &layers{hidden: map[string]bool{}}
	l.button = widget.NewButtonWithIcon("", theme.VisibilityIcon(), func() { u.showLayerMenu() })
	return l
}

func analystKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// set takes the shown article's annotations.
func (l *layers) set(placed, orphans []app.Annotation) {
	l.allPlaced, l.allOrphans = placed, orphans
	l.names = l.analysts()
}

// analysts are the names on the shown article's annotations, sorted.
func (l *layers) analysts() []string {
	seen := map[string]bool{}
	var out []string
	for _, as := range [][]app.Annotation{l.allPlaced, l.allOrphans} {
		for _, a := range as {
			if k := analystKey(a.Analyst); !seen[k] {
				seen[k] = true
				out = append(out, a.Analyst)
			}
		}
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(analystKey(a), analystKey(b)) })
	return out
}

func (l *layers) shows(a app.Annotation) bool { return !l.hidden[analystKey(a.Analyst)] }

// filter keeps the annotations of shown layers.
func (l *layers) filter(as []app.Annotation) []app.Annotation {
	if len(l.hidden) == 0 {
		return as
	}
	out := make([]app.Annotation, 0, len(as))
	for _, a := range as {
		if l.shows(a) {
			out = append(out, a)
		}
	}
	return out
}

// label says how many layers are shown when some are hidden.
func (l *layers) refresh() {
	names := l.names
	shown := 0
	for _, n := range names {
		if !l.hidden[analystKey(n)] {
			shown++
		}
	}
	switch {
	case len(names) < 2 && len(l.hidden) == 0:
		l.button.SetText("")
	default:
		l.button.SetText(fmt.Sprintf("%d of %d", shown, len(names)))
	}
}

// setLayer shows or hides one analyst's annotations.
func (u *UI) setLayer(analyst string, show bool) {
	if show {
		delete(u.art.layers.hidden, analystKey(analyst))
	} else {
		u.art.layers.hidden[analystKey(analyst)] = true
	}
	u.setAnnotations(u.art.layers.allPlaced, u.art.layers.allOrphans)
}

// showLayerMenu lists the article's analysts, each to show or hide.
func (u *UI) showLayerMenu() {
	l := u.art.layers
	var items []*fyne.MenuItem
	for _, name := range l.names {
		item := fyne.NewMenuItem(orNone(name), nil)
		item.Checked = !l.hidden[analystKey(name)]
		item.Action = func() { u.setLayer(name, !item.Checked) }
		items = append(items, item)
	}
	if len(l.hidden) > 0 {
		items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Show every analyst", func() {
			clear(l.hidden)
			u.setAnnotations(l.allPlaced, l.allOrphans)
		}))
	}
	if len(items) == 0 {
		items = append(items, fyne.NewMenuItem("No annotations here", nil))
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(l.button)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(l.button).AddXY(0, l.button.Size().Height)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, pos)
}

func orNone(name string) string {
	if strings.TrimSpace(name) == "" {
		return "(no analyst)"
	}
	return name
}
