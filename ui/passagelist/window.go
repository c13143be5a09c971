// Package passagelist is the Passages window: every coded passage of a
// tag (or one below it) across the collection, with a line of context and
// the article it is in, filtered by outlet, analyst, status and date.
// Clicking one opens it in the reader; the list exports as CSV or
// Markdown.
package passagelist

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/passages"
	"github.com/parallax-news/parallax/ui/cardlist"
	"github.com/parallax-news/parallax/ui/jobs"
	"github.com/parallax-news/parallax/ui/swatch"
	"github.com/parallax-news/parallax/ui/winkeys"
)

// Choices are what the filters offer.
type Choices struct {
	Tags, Outlets, Analysts []string
}

const anyChoice = "any"

// Window is the Passages window.
type Window struct {
	win      fyne.Window
	st       app.Reader
	jobs     *jobs.Runner
	Tag      *widget.SelectEntry
	Outlet   *widget.Select
	Analyst  *widget.Select
	Status   *widget.Select
	From, To *widget.Entry
	List     *cardlist.List
	Count    *widget.Label
	shown    []passages.Passage
	seq      int  // the latest listing; older answers are dropped
	ready    bool // the controls are built: their changes reload
	// OnOpen is called with the passage clicked.
	OnOpen func(passages.Passage)
	// OnExport is called with the filter shown and "csv" or "md".
	OnExport func(f passages.Filter, format string)
}

// Open shows the passages of tag ("" for every coded passage).
func Open(a fyne.App, st app.Reader, j *jobs.Runner, c Choices, tag string) *Window {
	w := &Window{win: a.NewWindow("Passages"), st: st, jobs: j, OnOpen: func(passages.Passage) {}, OnExport: func(passages.Filter, string) {}}
	w.Tag = widget.NewSelectEntry(c.Tags)
	w.Tag.SetPlaceHolder("any tag")
	w.Tag.SetText(tag)
	w.Tag.OnChanged = func(string) { w.Reload() }
	choice := func(options []string) *widget.Select {
		s := widget.NewSelect(append([]string{anyChoice}, options...), func(string) { w.Reload() })
		s.SetSelectedIndex(0)
		return s
	}
	w.Outlet, w.Analyst = choice(c.Outlets), choice(c.Analysts)
	w.Status = choice([]string{string(anchor.Anchored), string(anchor.Moved), string(anchor.Fuzzy), string(anchor.Orphaned)})
	w.From, w.To = widget.NewEntry(), widget.NewEntry()
	for _, e := range []*widget.Entry{w.From, w.To} {
		e.SetPlaceHolder("YYYY-MM-DD")
		e.Validator = func(s string) error { _, err := day(s); return err }
		e.OnChanged = func(string) { w.Reload() }
	}
	w.Count = widget.NewLabel("")
	w.List = cardlist.New(func() int { return len(w.shown) }, newCard, func(i widget.ListItemID, o fyne.CanvasObject) { fillCard(o, w.shown[i]) })
	w.List.OnSelected = func(i widget.ListItemID) {
		w.List.UnselectAll()
		if i < len(w.shown) {
			w.OnOpen(w.shown[i])
		}
	}
	filters := container.New(layout.NewFormLayout(),
		widget.NewLabel("Tag"), w.Tag,
		widget.NewLabel("Outlet"), w.Outlet,
		widget.NewLabel("Analyst"), w.Analyst,
		widget.NewLabel("Status"), w.Status,
		widget.NewLabel("Dated"), container.NewGridWithColumns(2, w.From, w.To),
	)
	export := func(format string) func() {
		return func() {
			if f, err := w.Filter(); err == nil {
				w.OnExport(f, format)
			}
		}
	}
	bar := container.NewHBox(w.Count, layout.NewSpacer(),
		widget.NewButtonWithIcon("Export CSV…", theme.DocumentSaveIcon(), export("csv")),
		widget.NewButtonWithIcon("Export Markdown…", theme.DocumentSaveIcon(), export("md")),
		widget.NewButtonWithIcon("Close", theme.CancelIcon(), w.Close))
	w.win.SetContent(container.NewBorder(container.NewVBox(filters, bar, widget.NewSeparator()), nil, nil, nil, w.List))
	winkeys.CloseOn(w.win, w.Close)
	w.win.Resize(fyne.NewSize(760, 640))
	w.win.Show()
	w.ready = true
	w.Reload()
	return w
}

// SetFilter sets the controls to f (the tag is set when the window
// opens) and lists again: the Analysis window opens its cells so.
func (w *Window) SetFilter(f passages.Filter) {
	w.ready = false
	pick := func(s *widget.Select, v string) {
		if v == "" {
			s.SetSelectedIndex(0)
			return
		}
		if !slices.Contains(s.Options, v) {
			s.Options = append(s.Options, v)
		}
		s.SetSelected(v)
	}
	pick(w.Outlet, f.Outlet)
	pick(w.Analyst, f.Analyst)
	pick(w.Status, string(f.Status))
	w.From.SetText("")
	w.To.SetText("")
	if !f.After.IsZero() {
		w.From.SetText(f.After.Format("2006-01-02"))
	}
	if !f.Before.IsZero() {
		w.To.SetText(f.Before.AddDate(0, 0, -1).Format("2006-01-02")) // "to" includes its day
	}
	w.ready = true
	w.Reload()
}

// Close closes the window.
func (w *Window) Close() { w.win.Close() }

// Shown is what the list shows.
func (w *Window) Shown() []passages.Passage { return w.shown }

// Filter is the filter the controls set; a date that cannot be read is
// an error.
func (w *Window) Filter() (passages.Filter, error) {
	f := passages.Filter{Tag: strings.TrimSpace(w.Tag.Text)}
	pick := func(s *widget.Select) string {
		if s.Selected == anyChoice {
			return ""
		}
		return s.Selected
	}
	f.Outlet, f.Analyst, f.Status = pick(w.Outlet), pick(w.Analyst), anchor.Status(pick(w.Status))
	var err error
	if f.After, err = day(w.From.Text); err != nil {
		return f, err
	}
	if f.Before, err = day(w.To.Text); err != nil {
		return f, err
	}
	if !f.Before.IsZero() {
		f.Before = f.Before.AddDate(0, 0, 1) // "to" includes its day
	}
	return f, nil
}

// Reload lists the passages again, off the UI goroutine.
func (w *Window) Reload() {
	if !w.ready {
		return
	}
	f, err := w.Filter()
	if err != nil {
		return // the entry shows why
	}
	w.seq++
	seq := w.seq
	w.Count.SetText("Listing…")
	w.jobs.Go(func() {
		list, err := passages.List(context.Background(), w.st, f)
		w.jobs.Post(func() {
			if seq != w.seq {
				return // a newer filter is on its way
			}
			if err != nil {
				w.shown = nil
				w.Count.SetText(err.Error())
			} else {
				w.shown = list
				w.Count.SetText(fmt.Sprintf("%d passages in %d articles", len(list), countArticles(list)))
			}
			w.win.SetTitle(title(f.Tag, len(list)))
			w.List.Refresh()
			w.List.ScrollToTop()
		})
	})
}

func title(tag string, n int) string {
	if tag == "" {
		return fmt.Sprintf("Passages: every code (%d)", n)
	}
	return fmt.Sprintf("Passages: %s (%d)", tag, n)
}

func countArticles(list []passages.Passage) int {
	seen := map[app.ArticleID]bool{}
	for _, p := range list {
		seen[p.Annotation.Article] = true
	}
	return len(seen)
}

func day(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, fmt.Errorf("write the day as 2026-03-14")
	}
	return t, nil
}

// A card: the passage in its context, the article, then tags and note.
func newCard() fyne.CanvasObject {
	quote := widget.NewRichText()
	quote.Wrapping = fyne.TextWrapWord
	article := widget.NewLabel("article")
	article.SizeName = theme.SizeNameCaptionText
	article.TextStyle.Bold = true
	article.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("tags")
	detail.SizeName = theme.SizeNameCaptionText
	detail.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, swatch.New(), nil, container.NewVBox(quote, article, detail))
}

func fillCard(o fyne.CanvasObject, p passages.Passage) {
	box := o.(*fyne.Container)
	body := box.Objects[0].(*fyne.Container)
	// The passage in bold, in the words around it.
	before, after := p.Around()
	quote := body.Objects[0].(*widget.RichText)
	quote.Segments = []widget.RichTextSegment{
		&widget.TextSegment{Text: before, Style: widget.RichTextStyleInline},
		&widget.TextSegment{Text: app.Excerpt(p.Quote, 400), Style: widget.RichTextStyleStrong},
		&widget.TextSegment{Text: after, Style: widget.RichTextStyleInline},
	}
	if p.Status == anchor.Orphaned {
		quote.Segments = append([]widget.RichTextSegment{&widget.TextSegment{Text: "Orphaned: ", Style: widget.RichTextStyleEmphasis}}, quote.Segments...)
	}
	quote.Refresh()
	where := []string{app.Excerpt(p.Title, 80)}
	if p.Outlet != "" {
		where = append(where, p.Outlet)
	}
	where = append(where, p.Date.Format("2 Jan 2006"))
	if p.Analyst != "" {
		where = append(where, p.Analyst)
	}
	body.Objects[1].(*widget.Label).SetText(strings.Join(where, " · "))
	detail := strings.Join(p.Tags, "  ·  ")
	if p.Note != "" {
		detail = strings.TrimSpace(detail + "\n" + app.Excerpt(p.Note, 200))
	}
	body.Objects[2].(*widget.Label).SetText(detail)
	swatch.Set(box.Objects[1], swatch.Parse(p.Color))
}
