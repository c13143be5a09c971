package ui

import (
	"slices"
	"strings"

	"github.com/parallax-news/parallax/app/exchange"
	"github.com/parallax-news/parallax/app/passages"
	"github.com/parallax-news/parallax/ui/passagelist"
)

// showPassages opens the Passages window on a tag's coded passages (""
// for every one): from the Tags menu, the tag manager and the
// annotations panel.
func (u *UI) showPassages(tag string) *passagelist.Window {
	w := passagelist.Open(u.p.App, u.p.Store, u.jobs, passagelist.Choices{Tags: u.knownTags, Outlets: u.outletNames, Analysts: u.analysts}, tag)
	w.OnOpen = func(p passages.Passage) {
		u.lib.list.UnselectAll() // the library's row is not what the reader shows now
		u.open(p.Annotation.Article, p.Revision, [][2]int{{p.Start, p.End}})
		u.win.RequestFocus()
	}
	w.OnExport = func(f passages.Filter, format string) {
		name := "parallax-passages"
		if f.Tag != "" {
			name += "-" + strings.ReplaceAll(f.Tag, "/", "-")
		}
		u.win.RequestFocus() // the save question and the progress show in the main window
		u.chooseExportFile(exchange.Format(format), "."+format, exchange.Filter{Tag: f.Tag, Outlet: f.Outlet, Analyst: f.Analyst, Status: f.Status, After: f.After, Before: f.Before}, name)
	}
	return w
}

// articlePassages opens the passages of the tag the shown article's
// annotations use most.
func (u *UI) articlePassages() {
	uses := map[string]int{}
	for _, a := range append(slices.Clone(u.art.annotations), u.art.orphans...) {
		for _, t := range a.Tags {
			uses[t]++
		}
	}
	best := ""
	for t, n := range uses {
		if n > uses[best] || n == uses[best] && t < best {
			best = t
		}
	}
	u.showPassages(best)
}

// analystsOf lists the analysts of annotations, sorted.
func analystsOf(names map[string]bool) []string {
	var out []string
	for n := range names {
		if n != "" {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}
