package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/ui/reader"
)

// Colours of aligned passages: kept or shared, reworded or edited, and
// found on one side only.
var (
	sharedColor   = color.NRGBA{0x81, 0xc7, 0x84, 0xff}
	rewordedColor = color.NRGBA{0xff, 0xd5, 0x4f, 0xff}
	uniqueColor   = color.NRGBA{0xe5, 0x73, 0x73, 0xff}
)

// compareChoice is one article offered to compare the shown one with.
type compareChoice struct {
	label string
	ref   compare.Ref
}

// promptCompare offers the shown article's previous revision and the
// articles most like it, then opens the comparison.
func (u *UI) promptCompare() {
	cur, rev := u.current, u.revision
	if cur.ID == 0 {
		return
	}
	u.background(func() {
		var choices []compareChoice
		if rev.Number > 1 {
			choices = append(choices, compareChoice{fmt.Sprintf("Revision %d of this article", rev.Number-1), compare.Ref{Article: cur.ID, Revision: rev.Number - 1}})
		}
		similar, err := u.p.Store.SimilarArticles(cur.ID, 15)
		if err != nil {
			u.fail(err)
			return
		}
		for _, n := range similar {
			a, err := u.p.Store.FindArticleByID(app.ArticleID(n.ID))
			if err != nil {
				continue
			}
			choices = append(choices, compareChoice{fmt.Sprintf("%.0f%%  %s — %s", 100*n.Similarity, a.Title, a.Outlet), compare.Ref{Article: a.ID}})
		}
		u.post(func() {
			if len(choices) == 0 {
				dialog.ShowInformation("Compare", "No other article shares words with this one.", u.win)
				return
			}
			labels := make([]string, len(choices))
			for i, c := range choices {
				labels[i] = c.label
			}
			pick := widget.NewSelect(labels, nil)
			pick.SetSelected(labels[0])
			dialog.ShowForm("Compare “"+app.Excerpt(rev.Title, 60)+"” with", "Compare", "Cancel",
				[]*widget.FormItem{widget.NewFormItem("", pick)}, func(ok bool) {
					if ok {
						u.openComparison(compare.Ref{Article: cur.ID, Revision: rev.Number}, choices[pick.SelectedIndex()].ref)
					}
				}, u.win)
		})
	})
}

// openComparison aligns two revisions and shows them side by side.
func (u *UI) openComparison(a, b compare.Ref) {
	if b.Article == a.Article && b.Revision < a.Revision {
		a, b = b, a // older on the left
	}
	u.background(func() {
		al, err := compare.Articles(u.p.Store, a, b, compare.Auto)
		if err != nil {
			u.fail(err)
			return
		}
		u.post(func() { u.comparison = newComparisonWindow(u.p.App, al) })
	})
}

// comparisonWindow is two readers side by side, each passage coloured
// by how it aligns; clicking one scrolls the other side to its
// counterpart.
type comparisonWindow struct {
	win  fyne.Window
	a, b *reader.Reader
	al   compare.Alignment
}

func newComparisonWindow(a fyne.App, al compare.Alignment) *comparisonWindow {
	c := &comparisonWindow{win: a.NewWindow("Compare"), a: reader.New(), b: reader.New(), al: al}
	c.a.SetText(al.A.Text)
	c.b.SetText(al.B.Text)
	var ha, hb []reader.Highlight
	for i, p := range al.Pairs {
		col := pairColor(p.Kind)
		if col == nil {
			continue
		}
		if p.A != nil {
			ha = append(ha, reader.Highlight{ID: uint64(i), Start: p.A.Start, End: p.A.End, Color: col})
		}
		if p.B != nil {
			hb = append(hb, reader.Highlight{ID: uint64(i), Start: p.B.Start, End: p.B.End, Color: col})
		}
	}
	c.a.SetHighlights(ha)
	c.b.SetHighlights(hb)
	c.a.OnHighlightTapped(func(h reader.Highlight) { c.follow(int(h.ID), c.b, false) })
	c.b.OnHighlightTapped(func(h reader.Highlight) { c.follow(int(h.ID), c.a, true) })

	summary := widget.NewLabel(al.Summary.String())
	summary.Wrapping = fyne.TextWrapWord
	side := func(x compare.Side, r *reader.Reader) fyne.CanvasObject {
		title := widget.NewLabel(fmt.Sprintf("%s\n%s · revision %d", x.Title, x.Outlet, x.Revision))
		title.TextStyle.Bold = true
		title.Wrapping = fyne.TextWrapWord
		return container.NewBorder(title, nil, nil, nil, r)
	}
	legend := container.NewHBox(swatchLabel(sharedColor, "shared / unchanged"), swatchLabel(rewordedColor, "reworded / edited"), swatchLabel(uniqueColor, "one side only"))
	split := container.NewHSplit(side(al.A, c.a), side(al.B, c.b))
	c.win.SetContent(container.NewBorder(container.NewVBox(summary, legend, widget.NewSeparator()), nil, nil, nil, split))
	c.win.Resize(fyne.NewSize(1200, 760))
	c.win.Show()
	return c
}

// follow scrolls the other side to pair i's counterpart and selects it.
func (c *comparisonWindow) follow(i int, other *reader.Reader, toA bool) {
	p := c.al.Pairs[i]
	sp := p.B
	if toA {
		sp = p.A
	}
	if sp == nil {
		return
	}
	other.ScrollTo(sp.Start)
	other.Select(sp.Start, sp.End)
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

func swatchLabel(c color.Color, text string) fyne.CanvasObject {
	s := canvasSwatch()
	setSwatch(s, c)
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return container.NewHBox(s, l)
}
