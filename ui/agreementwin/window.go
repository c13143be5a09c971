// Package agreementwin is the Agreement window: two analysts' agreement
// per tag and pooled (percent, Cohen's kappa, Krippendorff's alpha and
// unitizing alpha), and the passages only one of them coded, each of
// which opens in the reader.
package agreementwin

import (
	"context"
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/agreement"
	"github.com/parallax-news/parallax/ui/jobs"
)

// Window is an open Agreement window. Its fields are for tests.
type Window struct {
	win           fyne.Window
	st            app.Reader
	jobs          *jobs.Runner
	First, Second *widget.Select
	Tags          *widget.Entry
	Status        *widget.Label
	Results       []agreement.Result
	Disagreements []Listed
	Table, List   *widget.List
	// OnOpen is called with a disagreement and the two analysts when the
	// user picks it.
	OnOpen func(d agreement.Disagreement, first, second string)
}

// Listed is a disagreement as the list shows it: with its tag and its
// article's title.
type Listed struct {
	agreement.Disagreement
	Tag, Title string
}

// maxListed is how many disagreements the list holds; the count says
// how many there were.
const maxListed = 2000

// Open shows the window for the analysts who have annotated.
func Open(a fyne.App, st app.Reader, j *jobs.Runner, analysts []string) *Window {
	w := &Window{win: a.NewWindow("Agreement between analysts"), st: st, jobs: j, OnOpen: func(agreement.Disagreement, string, string) {}}
	w.First, w.Second = widget.NewSelect(analysts, func(string) { w.Reload() }), widget.NewSelect(analysts, func(string) { w.Reload() })
	w.First.PlaceHolder, w.Second.PlaceHolder = "first analyst", "second analyst"
	w.Tags = widget.NewEntry()
	w.Tags.SetPlaceHolder("every tag (or tag, tag…)")
	w.Tags.OnSubmitted = func(string) { w.Reload() }
	w.Status = widget.NewLabel("Pick two analysts.")
	w.Status.Wrapping = fyne.TextWrapWord
	head := []string{"tag", "articles", "code points", "agreement", "kappa", "alpha", "u-alpha", "article kappa", "article alpha"}
	row := func() fyne.CanvasObject {
		var cells []fyne.CanvasObject
		for range head {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			cells = append(cells, l)
		}
		return container.NewGridWithColumns(len(head), cells...)
	}
	w.Table = widget.NewList(func() int { return len(w.Results) + 1 }, row, func(i widget.ListItemID, o fyne.CanvasObject) {
		cells := o.(*fyne.Container).Objects
		texts := head
		if i > 0 {
			texts = cellsOf(w.Results[i-1])
		}
		for k, c := range cells {
			l := c.(*widget.Label)
			l.TextStyle.Bold = i == 0 || w.Results[i-1].Tag == ""
			l.SetText(texts[k])
		}
	})
	w.List = widget.NewList(func() int { return len(w.Disagreements) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		d := w.Disagreements[i]
		o.(*widget.Label).SetText(fmt.Sprintf("%s · %s · only %s: “%s”", d.Tag, app.Excerpt(d.Title, 50), d.CodedBy, app.Excerpt(d.Quote, 120)))
	})
	w.List.OnSelected = func(i widget.ListItemID) {
		w.List.UnselectAll()
		w.OnOpen(w.Disagreements[i].Disagreement, w.First.Selected, w.Second.Selected)
	}
	close := widget.NewButton("Close", w.win.Close)
	top := container.NewVBox(
		container.NewGridWithColumns(2, w.First, w.Second),
		container.NewBorder(nil, nil, nil, widget.NewButton("Compare", w.Reload), w.Tags),
		w.Status,
	)
	split := container.NewVSplit(w.Table, container.NewBorder(widget.NewLabelWithStyle("Coded by one of them only", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, w.List))
	split.Offset = 0.4
	w.win.SetContent(container.NewBorder(top, container.NewHBox(close), nil, nil, split))
	w.win.Resize(fyne.NewSize(900, 600))
	w.win.Show()
	if len(analysts) >= 2 { // a start: most projects have two coders
		w.First.SetSelected(analysts[0])
		w.Second.SetSelected(analysts[1])
	}
	return w
}

// Close closes the window.
func (w *Window) Close() { w.win.Close() }

func cellsOf(r agreement.Result) []string {
	tag := r.Tag
	if tag == "" {
		tag = "(all tags)"
	}
	return []string{tag, fmt.Sprint(r.Articles), fmt.Sprint(r.Positions), stat(r.Percent()), stat(r.Kappa()), stat(r.Alpha()), stat(r.UAlpha),
		stat(r.ArticleTable.Kappa()), stat(r.ArticleTable.Alpha())}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func stat(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%.3f", v)
}

// Reload compares the two analysts picked, off the UI goroutine.
func (w *Window) Reload() {
	first, second := w.First.Selected, w.Second.Selected
	if first == "" || second == "" || strings.EqualFold(first, second) {
		w.Status.SetText("Pick two different analysts.")
		w.Results, w.Disagreements = nil, nil
		w.Table.Refresh()
		w.List.Refresh()
		return
	}
	var tags []string
	for _, t := range strings.Split(w.Tags.Text, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	w.Status.SetText("Comparing…")
	w.jobs.Go(func() {
		res, err := agreement.CodePoints(context.Background(), w.st, first, second, agreement.Options{Tags: tags})
		var listed []Listed
		titles := map[app.ArticleID]string{}
		for _, r := range res {
			for _, d := range r.Disagreements {
				if len(listed) == maxListed {
					break
				}
				if _, ok := titles[d.Article]; !ok {
					a, _ := w.st.FindArticleByID(d.Article)
					titles[d.Article] = a.Title
				}
				listed = append(listed, Listed{d, r.Tag, titles[d.Article]})
			}
		}
		w.jobs.Post(func() {
			if w.First.Selected != first || w.Second.Selected != second {
				return // a newer comparison follows
			}
			if err != nil {
				w.Status.SetText(err.Error())
				return
			}
			n := 0
			for _, r := range res {
				n += len(r.Disagreements)
			}
			w.Results, w.Disagreements = res, listed
			articles := 0
			if len(res) > 0 {
				articles = res[len(res)-1].Articles
			}
			msg := fmt.Sprintf("%s and %s on the %s both annotated; %s only one of them coded.", first, second, plural(articles, "article"), plural(n, "passage"))
			if n > maxListed {
				msg += fmt.Sprintf(" The first %d are listed.", maxListed)
			}
			if articles == 0 {
				msg = fmt.Sprintf("%s and %s have not annotated the same article.", first, second)
			}
			w.Status.SetText(msg)
			w.Table.Refresh()
			w.List.Refresh()
		})
	})
}
