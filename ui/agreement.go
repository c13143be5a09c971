package ui

import (
	"github.com/parallax-news/parallax/app/agreement"
	"github.com/parallax-news/parallax/ui/agreementwin"
)

// showAgreement opens the Agreement window; a passage only one analyst
// coded opens in the reader with both analysts' layers shown.
func (u *UI) showAgreement() *agreementwin.Window {
	w := agreementwin.Open(u.p.App, u.p.Store, u.jobs, u.analysts)
	w.OnOpen = func(d agreement.Disagreement, first, second string) {
		delete(u.art.layers.hidden, analystKey(first))
		delete(u.art.layers.hidden, analystKey(second))
		u.lib.list.UnselectAll() // the library's row is not what the reader shows now
		u.open(d.Article, d.Revision, [][2]int{{d.Start, d.End}})
		u.win.RequestFocus()
	}
	return w
}
