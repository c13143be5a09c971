// Package comparison is the Compare window: two articles (or two
// revisions) side by side, their passages coloured by how they align.
package comparison

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/ui/reader"
	"github.com/parallax-news/parallax/ui/swatch"
	"github.com/parallax-news/parallax/ui/winkeys"
)

// Colours of aligned passages: kept or shared, reworded or edited, and
// found on one side only. They are Okabe and Ito's colour-blind-safe
// palette (blue, orange, vermillion, bluish green); a passage on one side
// only is a quiet grey, so what the texts share stands out.
var (
	sharedColor   = color.NRGBA{0x56, 0xb4, 0xe9, 0xff}
	rewordedColor = color.NRGBA{0xe6, 0x9f, 0x00, 0xff}
	uniqueColor   = color.NRGBA{0x9e, 0x9e, 0x9e, 0x90}
	// Underlines of the words a reworded or edited pair changed.
	deletedWordColor  = color.NRGBA{0xd5, 0x5e, 0x00, 0xff}
	insertedWordColor = color.NRGBA{0x00, 0x9e, 0x73, 0xff}
)

// Window is two readers side by side, each passage coloured
// by how it aligns, with the words a reworded or edited pair changed
// underlined. Clicking a passage scrolls the other side to its
// counterpart; scrolling one side scrolls the other along with it.
type Window struct {
	win       fyne.Window
	a, b      *reader.Reader
	al        compare.Alignment
	anchors   []levelPair
	together  *widget.Check
	ha, hb    []reader.Highlight // each side's passages
	showAnnos *widget.Check      // the analysts' annotations instead
	framed    *compare.Span      // the counterpart framed last
}

// levelPair is a pair of offsets, one per side, that should sit level on
// screen while the sides scroll together.
type levelPair struct{ a, b int }

// Annotations are each side's annotations placed in the revision shown.
type Annotations struct{ A, B []app.Annotation }

// Open shows an alignment in a window of its own, with each side's
// annotations to show on request.
func Open(a fyne.App, al compare.Alignment, annos Annotations) *Window {
	c := &Window{win: a.NewWindow(Title(al)), a: reader.New(), b: reader.New(), al: al}
	c.a.SetText(al.A.Text)
	c.b.SetText(al.B.Text)
	c.ha, c.hb = pairHighlights(al.Pairs)
	c.a.SetHighlights(c.ha)
	c.b.SetHighlights(c.hb)
	c.anchors = scrollAnchors(al)
	c.a.OnHighlightTapped(func(h reader.Highlight) { c.follow(int(h.ID), c.b, false) })
	c.b.OnHighlightTapped(func(h reader.Highlight) { c.follow(int(h.ID), c.a, true) })
	c.together = widget.NewCheck("Scroll together", func(on bool) {
		if on {
			c.sync(c.a, c.b, true)
		}
	})
	c.together.SetChecked(true)
	// The analysts' annotations instead of the alignment's colours, to
	// read what was coded on each side.
	keys := legendEntries(al.Summary.Mode)
	c.showAnnos = widget.NewCheck(fmt.Sprintf("Annotations (%d · %d)", len(annos.A), len(annos.B)), func(on bool) {
		for _, k := range keys { // the legend says what the alignment's colours mean
			if on {
				k.Hide()
			} else {
				k.Show()
			}
		}
		if on {
			c.a.SetHighlights(annotationHighlights(annos.A))
			c.b.SetHighlights(annotationHighlights(annos.B))
		} else {
			c.a.SetHighlights(c.ha)
			c.b.SetHighlights(c.hb)
		}
	})
	if len(annos.A)+len(annos.B) == 0 {
		c.showAnnos.Disable()
	}
	c.a.OnScrolled(func() { c.sync(c.a, c.b, true) })
	c.b.OnScrolled(func() { c.sync(c.b, c.a, false) })

	summary := widget.NewLabel(al.Summary.String() + topQuotes(al.Summary.TopQuotes))
	summary.Wrapping = fyne.TextWrapWord
	side := func(x compare.Side, r *reader.Reader) fyne.CanvasObject {
		title := widget.NewLabel(fmt.Sprintf("%s\n%s · revision %d", x.Title, x.Outlet, x.Revision))
		title.TextStyle.Bold = true
		title.Wrapping = fyne.TextWrapWord
		return container.NewBorder(title, nil, nil, nil, r)
	}
	// The legend wraps into rows on a narrow window, under the summary
	// and the switches.
	controls := container.NewHBox(layout.NewSpacer(), c.showAnnos, c.together, widget.NewButtonWithIcon("Close", theme.CancelIcon(), c.Close))
	legend := container.New(layout.NewGridWrapLayout(fyne.NewSize(legendCellWidth, keys[0].MinSize().Height)), keys...)
	split := container.NewHSplit(side(al.A, c.a), side(al.B, c.b))
	c.win.SetContent(container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(controls), summary), legend, widget.NewSeparator()), nil, nil, nil, split))
	winkeys.CloseOn(c.win, c.Close)
	c.win.Resize(fyne.NewSize(1200, 760))
	c.win.Show()
	return c
}

// annotationHighlights are annotations as the reader shows them.
func annotationHighlights(as []app.Annotation) []reader.Highlight {
	hs := make([]reader.Highlight, len(as))
	for i, a := range as {
		hs[i] = reader.Highlight{ID: uint64(a.ID), Start: a.Start, End: a.End, Color: swatch.Parse(a.Color)}
	}
	return hs
}

// topQuotes lists the longest passages the texts share word for word,
// as the CLI's compare does: what one outlet took from the other.
func topQuotes(qs []compare.Quote) string {
	if len(qs) == 0 {
		return ""
	}
	var parts []string
	for _, q := range qs[:min(len(qs), 3)] {
		parts = append(parts, fmt.Sprintf("“%s” (%d words)", app.Excerpt(q.Text, 120), q.Words))
	}
	return "\nLongest shared: " + strings.Join(parts, " · ")
}

// Title names the two texts compared.
func Title(al compare.Alignment) string {
	return fmt.Sprintf("Compare: %s ↔ %s", app.Excerpt(al.A.Title, 50), app.Excerpt(al.B.Title, 50))
}

// Close closes the window.
func (c *Window) Close() { c.win.Close() }

// pairHighlights colours each side's passages by their pair's kind (the
// pair's index is the highlight's ID) and underlines the words a
// reworded or edited pair changed.
func pairHighlights(pairs []compare.Pair) (ha, hb []reader.Highlight) {
	for i, p := range pairs {
		col := pairColor(p.Kind)
		if col == nil {
			continue
		}
		id := uint64(i)
		if p.A != nil {
			ha = append(ha, reader.Highlight{ID: id, Start: p.A.Start, End: p.A.End, Color: col})
		}
		if p.B != nil {
			hb = append(hb, reader.Highlight{ID: id, Start: p.B.Start, End: p.B.End, Color: col})
		}
		for _, op := range p.Diff {
			switch {
			case op.Op == compare.OpDelete && op.A != nil:
				ha = append(ha, reader.Highlight{ID: id, Start: op.A.Start, End: op.A.End, Color: deletedWordColor, Underline: true})
			case op.Op == compare.OpInsert && op.B != nil:
				hb = append(hb, reader.Highlight{ID: id, Start: op.B.Start, End: op.B.End, Color: insertedWordColor, Underline: true})
			}
		}
	}
	return ha, hb
}

// scrollAnchors are the starts and ends of the passages found on both
// sides, kept in order on both (a passage moved against the flow would
// make the other side jump back and forth), between the texts' starts
// and ends.
func scrollAnchors(al compare.Alignment) []levelPair {
	var both []compare.Pair
	for _, p := range al.Pairs {
		if p.A != nil && p.B != nil {
			both = append(both, p)
		}
	}
	slices.SortStableFunc(both, func(x, y compare.Pair) int { return x.A.Start - y.A.Start })
	out := []levelPair{{0, 0}}
	for _, p := range both {
		last := out[len(out)-1]
		if p.A.Start < last.a || p.B.Start < last.b {
			continue
		}
		out = append(out, levelPair{p.A.Start, p.B.Start}, levelPair{p.A.End, p.B.End})
	}
	end := levelPair{len([]rune(al.A.Text)), len([]rune(al.B.Text))}
	if last := out[len(out)-1]; end.a > last.a && end.b > last.b {
		out = append(out, end)
	}
	return out
}

// sync scrolls to so that the text level with a third of the way down
// from's view sits at the same height: the point is placed between the
// anchors around it, in proportion.
func (c *Window) sync(from, to *reader.Reader, fromA bool) {
	if !c.together.Checked || len(c.anchors) < 2 {
		return
	}
	side := func(x levelPair, onA bool) int {
		if onA {
			return x.a
		}
		return x.b
	}
	ref := from.ScrollY() + from.ViewHeight()/3
	at := from.Page().OffsetAt(fyne.NewPos(0, ref))
	i, _ := slices.BinarySearchFunc(c.anchors, at, func(x levelPair, t int) int { return side(x, fromA) - t })
	i = min(max(i, 1), len(c.anchors)-1) // anchors i-1 and i are around the point
	y := func(r *reader.Reader, offset int) float32 { return r.Page().PositionOf(offset).Y }
	f0, f1 := y(from, side(c.anchors[i-1], fromA)), y(from, side(c.anchors[i], fromA))
	t0, t1 := y(to, side(c.anchors[i-1], !fromA)), y(to, side(c.anchors[i], !fromA))
	frac := float32(0)
	if f1 > f0 {
		frac = min(max((ref-f0)/(f1-f0), 0), 1)
	}
	to.ScrollToY(t0 + frac*(t1-t0) - to.ViewHeight()/3)
}

// follow scrolls the other side so that pair i's counterpart sits level
// with the passage clicked, and frames it (a frame, not a fill: the
// passage keeps the colour that says how it aligns).
func (c *Window) follow(i int, other *reader.Reader, toA bool) {
	p := c.al.Pairs[i]
	sp, from, clicked := p.B, p.A, c.a
	if toA {
		sp, from, clicked = p.A, p.B, c.b
	}
	if sp == nil {
		return
	}
	if from != nil {
		onScreen := clicked.Page().PositionOf(from.Start).Y - clicked.ScrollY()
		other.ScrollToY(other.Page().PositionOf(sp.Start).Y - onScreen)
	} else {
		other.ScrollTo(sp.Start)
	}
	base := c.hb
	if toA {
		base = c.ha
	}
	other.SetHighlights(append(slices.Clone(base), reader.Highlight{ID: uint64(i), Start: sp.Start, End: sp.End, Color: theme.Color(theme.ColorNameForeground), Outline: true}))
	c.framed = sp
}

// pairColor colours a kind of pair; unchanged sentences of revisions
// stay plain so the changes stand out.
func pairColor(k compare.Kind) color.Color {
	switch k {
	case compare.Shared, compare.Moved:
		return sharedColor
	case compare.Reworded, compare.Edited:
		return rewordedColor
	case compare.Unique, compare.Deleted, compare.Inserted:
		return uniqueColor
	}
	return nil
}

// legendCellWidth fits the widest legend entry ("words only on the right").
const legendCellWidth = 170

// legendEntries say what the colours mean in a mode, as pairColor draws
// them: between revisions an unchanged sentence is left plain.
func legendEntries(mode compare.Mode) []fyne.CanvasObject {
	if mode == compare.Revisions {
		plain := widget.NewLabel("unchanged: plain")
		plain.SizeName = theme.SizeNameCaptionText
		return []fyne.CanvasObject{plain,
			swatchLabel(sharedColor, "moved"), swatchLabel(rewordedColor, "edited"), swatchLabel(uniqueColor, "deleted / inserted"),
			underlineLabel(deletedWordColor, "words removed"), underlineLabel(insertedWordColor, "words added")}
	}
	return []fyne.CanvasObject{
		swatchLabel(sharedColor, "shared"), swatchLabel(rewordedColor, "reworded"), swatchLabel(uniqueColor, "one side only"),
		underlineLabel(deletedWordColor, "words only on the left"), underlineLabel(insertedWordColor, "words only on the right")}
}

// underlineLabel is a legend entry for an underline colour.
func underlineLabel(c color.Color, text string) fyne.CanvasObject {
	bar := canvas.NewRectangle(c)
	bar.SetMinSize(fyne.NewSize(16, 3))
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return container.NewHBox(container.NewVBox(layout.NewSpacer(), bar, layout.NewSpacer()), l)
}

func swatchLabel(c color.Color, text string) fyne.CanvasObject {
	s := swatch.New()
	swatch.Set(s, c)
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return container.NewHBox(s, l)
}
