package cardlist

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Rows of wrapped text are as tall as they need at the list's width, as
// the width changes both ways and as their text changes (issue 23, item
// 5: cards drew quote and note over each other at 640x480 and kept their
// height when the window grew).
func TestRowsFollowTheWidth(t *testing.T) {
	quotes := []string{strings.Repeat("a long quoted passage ", 12), "short", strings.Repeat("another passage that wraps ", 8)}
	var rows []*fyne.Container
	l := New(func() int { return len(quotes) },
		func() fyne.CanvasObject {
			q, n := widget.NewLabel(""), widget.NewLabel("")
			q.Wrapping, n.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
			c := container.NewVBox(q, n)
			rows = append(rows, c)
			return c
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(quotes[i])
			c.Objects[1].(*widget.Label).SetText("note " + quotes[len(quotes)-1-i])
		})
	w := test.NewWindow(l)
	defer w.Close()
	w.Resize(fyne.NewSize(220, 900))
	test.LaidOutObjects(l) // draws the rows once

	// fits resizes the list alone, as a split's divider does, and checks
	// the rows laid out at the new width; it returns the first one's height.
	fits := func(width float32) float32 {
		t.Helper()
		l.Resize(fyne.NewSize(width, 900))
		first := float32(-1)
		for _, r := range shown(l, rows) {
			if need := r.MinSize().Height; r.Size().Height < need-0.5 || r.Size().Height > need+0.5 {
				t.Errorf("width %.0f: a row is %.0f high, its text needs %.0f", width, r.Size().Height, need)
			}
			if r.Objects[0].(*widget.Label).Text == quotes[0] {
				first = r.Size().Height
			}
		}
		if first < 0 {
			t.Fatalf("width %.0f: the first row is not shown", width)
		}
		return first
	}
	narrow := fits(220)
	if wide := fits(900); wide >= narrow {
		t.Errorf("the first row stayed %.0f high when the list widened (was %.0f)", wide, narrow)
	}
	if again := fits(220); again != narrow {
		t.Errorf("narrowed again, the first row is %.0f, was %.0f", again, narrow)
	}
	quotes[0] = strings.Repeat("now a longer one ", 30)
	l.Refresh()
	if grown := fits(220); grown <= narrow {
		t.Errorf("a row whose text grew stayed %.0f high", grown)
	}
}

// shown finds the rows in the list's drawn tree, without laying it out
// again as test.LaidOutObjects would.
func shown(l *List, rows []*fyne.Container) []*fyne.Container {
	var out []*fyne.Container
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *fyne.Container:
			if slices.Contains(rows, o) {
				out = append(out, o)
				return
			}
			for _, c := range o.Objects {
				walk(c)
			}
		case fyne.Widget:
			if _, isLabel := o.(*widget.Label); !isLabel {
				for _, c := range test.WidgetRenderer(o).Objects() {
					walk(c)
				}
			}
		}
	}
	walk(l)
	return out
}
