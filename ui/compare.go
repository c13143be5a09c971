package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/app/quickopen"
	"github.com/parallax-news/parallax/ui/comparison"
	"github.com/parallax-news/parallax/ui/escentry"
)

// compareChoice is one article offered to compare the shown one with.
type compareChoice struct {
	label string
	ref   compare.Ref
}

// promptCompare offers the shown article's previous revision and the
// articles most like it, then opens the comparison.
func (u *UI) promptCompare() {
	cur, rev := u.art.current, u.art.revision
	if cur.ID == 0 {
		return
	}
	u.background(func() {
		var choices []compareChoice
		if rev.Number > 1 {
			choices = append(choices, compareChoice{fmt.Sprintf("Revision %d of this article", rev.Number-1), compare.Ref{Article: cur.ID, Revision: rev.Number - 1}})
		}
		similar, err := compare.Similar(u.p.Store, cur.ID, 15)
		if err != nil {
			u.fail(err)
			return
		}
		for _, a := range similar {
			choices = append(choices, compareChoice{fmt.Sprintf("%.0f%%  %s — %s", 100*a.Similarity, a.Title, a.Outlet), compare.Ref{Article: a.ID}})
		}
		u.jobs.Post(func() { u.showComparePicker(cur, rev, choices) })
	})
}

// showComparePicker offers the previous revision and the most similar
// articles, and finds any other by its title as the user types.
func (u *UI) showComparePicker(cur app.Article, rev app.Revision, choices []compareChoice) {
	from := compare.Ref{Article: cur.ID, Revision: rev.Number}
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.label
	}
	pick := widget.NewSelect(labels, nil)
	pick.PlaceHolder = "no similar article"
	if len(labels) > 0 {
		pick.SetSelectedIndex(0)
	}
	var found []compareChoice
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(found) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("title")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(found[i].label) })
	list.OnSelected = func(i widget.ListItemID) {
		d.Hide()
		u.openComparison(from, found[i].ref)
	}
	find := escentry.New(u.escape)
	find.SetPlaceHolder("or type to find any article by its title")
	find.OnChanged = func(s string) {
		found = u.findCompareTargets(s, cur.ID)
		list.UnselectAll()
		list.Refresh()
	}
	// Enter compares with the first article found, or with nothing
	// typed, the one picked above, as a keyboard user expects.
	find.OnSubmitted = func(string) {
		switch {
		case len(found) > 0:
			d.Hide()
			u.openComparison(from, found[0].ref)
		case find.Text == "" && pick.SelectedIndex() >= 0:
			d.Hide()
			u.openComparison(from, choices[pick.SelectedIndex()].ref)
		}
	}
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(520, 5*36)) // five titles
	d = dialog.NewCustomConfirm("Compare “"+app.Excerpt(rev.Title, 60)+"” with", "Compare", "Cancel",
		container.NewBorder(container.NewVBox(pick, find), nil, nil, nil, container.NewStack(room, list)), func(ok bool) {
			if ok && pick.SelectedIndex() >= 0 {
				u.openComparison(from, choices[pick.SelectedIndex()].ref)
			}
		}, u.win)
	u.comparePicker = &comparePicker{find: find, list: list, found: &found}
	u.showDialog(d)
	u.win.Canvas().Focus(find)
}

// comparePicker is the picker's finder (kept for tests).
type comparePicker struct {
	find  *escentry.Entry
	list  *widget.List
	found *[]compareChoice
}

// findCompareTargets is quick-open over titles, the shown article left out.
func (u *UI) findCompareTargets(pattern string, not app.ArticleID) []compareChoice {
	if strings.TrimSpace(pattern) == "" || u.lib.quick == nil {
		return nil
	}
	var out []compareChoice
	for _, f := range u.lib.quick.Find(pattern, 40) {
		if f.Kind != quickopen.Title || app.ArticleID(f.ID) == not {
			continue
		}
		label := f.Text
		if a, ok := u.articleByID(app.ArticleID(f.ID)); ok {
			label = joinParts(a.Title, a.Outlet, dateOrEmpty(a))
		}
		out = append(out, compareChoice{label, compare.Ref{Article: app.ArticleID(f.ID)}})
		if len(out) == 8 {
			break
		}
	}
	return out
}

func dateOrEmpty(a app.Article) string {
	if a.Published.IsZero() {
		return ""
	}
	return a.Published.Format("2 Jan 2006")
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
		var annos comparison.Annotations
		if annos.A, _, _, err = u.readAnnotations(a.Article, al.A.Revision); err == nil {
			annos.B, _, _, err = u.readAnnotations(b.Article, al.B.Revision)
		}
		if err != nil {
			u.fail(err)
			return
		}
		u.jobs.Post(func() { comparison.Open(u.p.App, al, annos) })
	})
}
