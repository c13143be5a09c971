package comparison

import (
	"context"
	"image/color"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	parallax "github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/assets"
	"github.com/parallax-news/parallax/internal/teststore"
	"github.com/parallax-news/parallax/ui/reader"
)

// compareRevisions opens the comparison of the demo's revised story's
// revisions a and b (in that order).
func compareRevisions(t *testing.T, a, b int) *Window {
	t.Helper()
	app := test.NewTempApp(t)
	st := teststore.Open(t)
	if _, err := importer.New(st).Import(context.Background(), []string{"."}, importer.Options{FS: assets.Demo(), FSName: "demo"}); err != nil {
		t.Fatal(err)
	}
	var revised parallax.Article
	st.ForEachArticle(func(a parallax.Article) error {
		if a.Revisions == 2 {
			revised = a
		}
		return nil
	})
	al, err := compare.Articles(st, compare.Ref{Article: revised.ID, Revision: a}, compare.Ref{Article: revised.ID, Revision: b}, compare.Auto)
	if err != nil {
		t.Fatal(err)
	}
	c := Open(app, al, Annotations{})
	t.Cleanup(func() {
		if slices.Contains(app.Driver().AllWindows(), c.win) { // closing twice upsets the test driver
			c.win.Close()
		}
	})
	return c
}

func TestCompareWindowColoursBothSides(t *testing.T) {
	c := compareRevisions(t, 1, 2)
	if c == nil || c.al.A.Revision != 1 || c.al.B.Revision != 2 || c.al.Summary.Mode != compare.Revisions {
		t.Fatalf("comparison %+v", c)
	}
	if c.a.Text() == "" || c.a.Text() == c.b.Text() {
		t.Fatal("the two sides show the same text")
	}
	// Clicking a changed passage on the left frames its counterpart (a
	// frame, not a fill) level with it, and the words it changed are
	// underlined on each side.
	edited := -1
	for i, p := range c.al.Pairs {
		if p.Kind == compare.Edited {
			edited = i
			break
		}
	}
	if edited < 0 {
		t.Fatal("the demo's revised story has no edited sentence")
	}
	p := c.al.Pairs[edited]
	c.win.Resize(fyne.NewSize(700, 300)) // short enough to scroll
	c.a.ScrollTo(p.A.Start)
	c.follow(edited, c.b, false)
	if c.framed == nil || *c.framed != *p.B {
		t.Errorf("edited pair %d: right side frames %v, want %v", edited, c.framed, *p.B)
	}
	if s, e := c.b.Selection(); s != e {
		t.Errorf("the counterpart is selected (%d-%d), not framed", s, e)
	}
	left := c.a.Page().PositionOf(p.A.Start).Y - c.a.ScrollY()
	right := c.b.Page().PositionOf(p.B.Start).Y - c.b.ScrollY()
	if d := left - right; d > c.a.LineHeight() || d < -c.a.LineHeight() {
		t.Errorf("the passage is %.0f px down on the left, its counterpart %.0f on the right", left, right)
	}
	ha, hb := pairHighlights(c.al.Pairs)
	for _, op := range p.Diff {
		hs, sp := ha, op.A
		if op.Op == compare.OpInsert {
			hs, sp = hb, op.B
		}
		if op.Op == compare.OpEqual || sp == nil {
			continue
		}
		if !slices.ContainsFunc(hs, func(h reader.Highlight) bool {
			return h.Underline && h.Start == sp.Start && h.End == sp.End && h.ID == uint64(edited)
		}) {
			t.Errorf("changed words %v (%s) are not underlined", *sp, op.Op)
		}
	}
}

func TestCompareSidesScrollTogether(t *testing.T) {
	c := compareRevisions(t, 1, 2)
	c.win.Resize(fyne.NewSize(700, 300)) // short enough for both sides to scroll
	level := func(from, to *reader.Reader, fromA bool) {
		t.Helper()
		checked := 0
		for _, x := range c.anchors[1 : len(c.anchors)-1] {
			fo, to_ := x.a, x.b
			if !fromA {
				fo, to_ = to_, fo
			}
			// The user scrolls from so that the anchor is a third of the way down.
			want := from.Page().PositionOf(fo).Y - from.ViewHeight()/3
			if want <= 0 {
				continue
			}
			at := fyne.CurrentApp().Driver().AbsolutePositionForObject(from)
			test.Scroll(c.win.Canvas(), at.AddXY(20, 20), 0, from.ScrollY()-want)
			if d := from.ScrollY() - want; d > 1 || d < -1 {
				continue // the end of the text stopped the scroll
			}
			got := to.Page().PositionOf(to_).Y - to.ScrollY()
			clamped := to.ScrollY() <= 0 || to.ScrollY() >= to.Page().MinSize().Height-to.ViewHeight()-1
			if clamped {
				continue
			}
			checked++
			if wantY := to.ViewHeight() / 3; got < wantY-1 || got > wantY+1 {
				t.Errorf("offset %d sits at %.1f on the other side, want %.1f", to_, got, wantY)
			}
		}
		if checked < 2 {
			t.Errorf("only %d passages could be scrolled level", checked)
		}
	}
	if len(c.anchors) < 4 || !c.together.Checked {
		t.Fatalf("%d anchors", len(c.anchors))
	}
	level(c.a, c.b, true)
	level(c.b, c.a, false)
	c.together.SetChecked(false)
	before := c.b.ScrollY()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(c.a)
	test.Scroll(c.win.Canvas(), at.AddXY(20, 20), 0, 200)
	if c.b.ScrollY() != before {
		t.Error("with Scroll together off, the right side still follows")
	}
}

// The window says what it compares, and closes with its button, Ctrl+W
// or Escape (issue 23, item 9: it had no close control).
func TestCompareWindowCloses(t *testing.T) {
	open := func() *Window {
		c := compareRevisions(t, 1, 2)
		if got, want := c.win.Title(), "Compare: "+parallax.Excerpt(c.al.A.Title, 50)+" ↔ "+parallax.Excerpt(c.al.B.Title, 50); got != want {
			t.Errorf("window title %q, want %q", got, want)
		}
		return c
	}
	isOpen := func(c *Window) bool {
		return slices.Contains(fyne.CurrentApp().Driver().AllWindows(), c.win)
	}
	c := open()
	c.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault})
	if isOpen(c) {
		t.Error("Ctrl+W left the window open")
	}
	c = open()
	c.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if isOpen(c) {
		t.Error("Escape left the window open")
	}
	c = open()
	var closeButton *widget.Button
	for _, o := range test.LaidOutObjects(c.win.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Close" {
			closeButton = b
		}
	}
	if closeButton == nil {
		t.Fatal("no Close button")
	}
	test.Tap(closeButton)
	if isOpen(c) {
		t.Error("the Close button left the window open")
	}
}

// The legend shows every colour the sides are drawn in, and no other:
// between revisions unchanged text is plain and the legend says so
// (issue 23: it said green while nothing was).
func TestLegendMatchesWhatIsDrawn(t *testing.T) {
	c := compareRevisions(t, 1, 2)
	ha, hb := pairHighlights(c.al.Pairs)
	drawn := map[color.Color]bool{}
	for _, h := range append(ha, hb...) {
		drawn[h.Color] = true
	}
	for _, p := range c.al.Pairs {
		if p.Kind == compare.Same && pairColor(p.Kind) != nil {
			t.Error("an unchanged sentence is coloured")
		}
	}
	legend := map[color.Color]bool{}
	var labels []string
	for _, o := range legendEntries(c.al.Summary.Mode) {
		for _, x := range test.LaidOutObjects(o) {
			switch x := x.(type) {
			case *canvas.Rectangle:
				legend[x.FillColor] = true
			case *widget.Label:
				labels = append(labels, x.Text)
			}
		}
	}
	for col := range drawn {
		if !legend[col] {
			t.Errorf("colour %v is drawn but not in the legend %v", col, labels)
		}
	}
	if !slices.Contains(labels, "unchanged: plain") {
		t.Errorf("the revisions legend %v does not say unchanged text is plain", labels)
	}
}

// The Annotations switch shows each side's annotations in their colours
// instead of the alignment's, and back.
func TestCompareShowsEachSidesAnnotations(t *testing.T) {
	c := compareRevisions(t, 1, 2)
	annos := Annotations{A: []parallax.Annotation{{ID: 7, Color: "#64b5f6"}}, B: []parallax.Annotation{{ID: 8, Color: "#e57373"}, {ID: 9, Color: "#81c784"}}}
	annos.A[0].Start, annos.A[0].End = 0, 8
	annos.B[0].Start, annos.B[0].End = 0, 8
	annos.B[1].Start, annos.B[1].End = 10, 20
	w := Open(test.NewTempApp(t), c.al, annos)
	t.Cleanup(w.Close)
	if !strings.Contains(w.showAnnos.Text, "(1 · 2)") {
		t.Errorf("the switch says %q", w.showAnnos.Text)
	}
	w.showAnnos.SetChecked(true)
	if got := w.b.Page().Highlights(); len(got) != 2 || got[0].ID != 8 || got[1].ID != 9 {
		t.Errorf("right side shows %+v, want annotations 8 and 9", got)
	}
	w.showAnnos.SetChecked(false)
	if got := w.a.Page().Highlights(); len(got) != len(w.ha) {
		t.Errorf("switched off: %d highlights, want the %d of the alignment", len(got), len(w.ha))
	}
	if none := Open(test.NewTempApp(t), c.al, Annotations{}); !none.showAnnos.Disabled() {
		t.Error("the switch is enabled with nothing to show")
	} else {
		none.Close()
	}
}
