package ui

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/passages"
	"github.com/parallax-news/parallax/ui/analysiswin"
	"github.com/parallax-news/parallax/ui/charts"
	"github.com/parallax-news/parallax/ui/passagelist"
)

// showAnalysis opens the Analysis window: its cells open the Passages
// window so filtered, its exports go where the user says.
func (u *UI) showAnalysis() *analysiswin.Window {
	colors := func() charts.Colors {
		v := fyne.CurrentApp().Settings().ThemeVariant()
		th := fyne.CurrentApp().Settings().Theme()
		return charts.Colors{Foreground: th.Color(theme.ColorNameForeground, v), Background: th.Color(theme.ColorNameBackground, v)}
	}
	w := analysiswin.Open(u.p.App, u.p.Store, u.jobs, u.knownTags, u.analysts, colors)
	w.OnCell = func(f passages.Filter) { u.showPassagesFiltered(f) }
	w.OnExport = func(parent fyne.Window, name string, write func(io.Writer) error) {
		u.askSavePath(parent, name, func(path string) {
			u.background(func() {
				if err := app.WriteFileAtomic(path, write); err != nil {
					u.fail(err)
				}
			})
		})
	}
	return w
}

// showPassagesFiltered opens the Passages window with a whole filter.
func (u *UI) showPassagesFiltered(f passages.Filter) *passagelist.Window {
	w := u.showPassages(f.Tag)
	w.SetFilter(f)
	u.lastPassages = w
	return w
}
