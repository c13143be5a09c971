package ui

import (
	"fmt"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/ui/comparison"
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
		u.jobs.Post(func() {
			if len(choices) == 0 {
				u.inform("Compare", "No other article shares words with this one.")
				return
			}
			labels := make([]string, len(choices))
			for i, c := range choices {
				labels[i] = c.label
			}
			pick := widget.NewSelect(labels, nil)
			pick.SetSelected(labels[0])
			u.showDialog(dialog.NewForm("Compare “"+app.Excerpt(rev.Title, 60)+"” with", "Compare", "Cancel",
				[]*widget.FormItem{widget.NewFormItem("", pick)}, func(ok bool) {
					if ok {
						u.openComparison(compare.Ref{Article: cur.ID, Revision: rev.Number}, choices[pick.SelectedIndex()].ref)
					}
				}, u.win))
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
		u.jobs.Post(func() { comparison.Open(u.p.App, al) })
	})
}
