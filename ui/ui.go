// Package ui is Parallax's desktop window, built with Fyne over the app
// services. It never imports the store: main hands it an app.ArticleStore.
package ui

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
)

// Params wires the window to the services.
type Params struct {
	App   fyne.App
	Store app.ArticleStore
	// Demo, if set, is imported when the store is empty, so a first run
	// shows a working collection.
	Demo fs.FS
	// StoreDir is shown in the status bar.
	StoreDir string
	// OnLoaded, if set, is called on the UI goroutine once the collection
	// is listed and the first article shown (the smoke test waits for it).
	OnLoaded func(articles int)
}

// UI is the main window. Widgets are fields so tests can drive them.
type UI struct {
	p        Params
	win      fyne.Window
	articles []app.Article // what the library list shows, in store order

	library  *widget.List
	title    *widget.Label
	meta     *widget.Label
	body     *fyne.Container
	bodyView *container.Scroll
	status   *widget.Label
	progress *widget.ProgressBarInfinite
	selected app.ArticleID
	// jobs counts article reads in flight, so Load and tests can wait
	// for them instead of sleeping.
	jobs sync.WaitGroup
}

// New builds the window; call Load (or Run) to fill it.
func New(p Params) *UI {
	u := &UI{p: p}
	u.win = p.App.NewWindow("Parallax")
	u.library = widget.NewList(
		func() int { return len(u.articles) },
		func() fyne.CanvasObject {
			t := widget.NewLabel("title")
			t.Truncation = fyne.TextTruncateEllipsis
			t.TextStyle.Bold = true
			s := widget.NewLabel("outlet")
			s.Truncation = fyne.TextTruncateEllipsis
			s.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(t, s)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			a := u.articles[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(a.Title)
			box.Objects[1].(*widget.Label).SetText(summaryLine(a))
		},
	)
	u.library.OnSelected = func(i widget.ListItemID) { u.show(u.articles[i]) }

	u.title = widget.NewLabel("")
	u.title.Wrapping = fyne.TextWrapWord
	u.title.TextStyle.Bold = true
	u.title.SizeName = theme.SizeNameSubHeadingText
	u.meta = widget.NewLabel("Select an article on the left.")
	u.meta.Wrapping = fyne.TextWrapWord
	u.body = container.NewVBox()
	u.bodyView = container.NewVScroll(container.NewVBox(u.title, u.meta, widget.NewSeparator(), u.body))

	u.status = widget.NewLabel("")
	u.progress = widget.NewProgressBarInfinite()
	u.progress.Hide()
	bar := container.NewBorder(nil, nil, nil, u.progress, u.status)

	split := container.NewHSplit(u.library, container.NewPadded(u.bodyView))
	split.Offset = 0.34
	u.win.SetContent(container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bar), nil, nil, split))
	u.win.Resize(fyne.NewSize(1100, 720))
	if icon := p.App.Metadata().Icon; icon != nil {
		u.win.SetIcon(icon)
	}
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// Run loads the collection in the background and shows the window until
// it is closed.
func (u *UI) Run() {
	go u.Load(context.Background())
	u.win.ShowAndRun()
}

// Load imports the demo collection into an empty store, then reads the
// article list; it runs off the UI goroutine and posts widget updates with
// fyne.Do.
func (u *UI) Load(ctx context.Context) {
	fyne.Do(func() { u.busy("Opening the collection…") })
	st, err := u.p.Store.Stats()
	if err == nil && st.Articles == 0 && u.p.Demo != nil {
		fyne.Do(func() { u.busy("Empty store: importing the demo collection…") })
		im := app.Importer{Store: u.p.Store}
		_, err = im.Import(ctx, []string{"."}, app.ImportOptions{FS: u.p.Demo, FSName: "demo"})
	}
	var list []app.Article
	if err == nil {
		err = u.p.Store.ForEachArticle(func(a app.Article) error {
			list = append(list, a)
			return nil
		})
	}
	fyne.Do(func() {
		u.progress.Stop()
		u.progress.Hide()
		if err != nil {
			u.status.SetText("Could not read the collection.")
			dialog.ShowError(err, u.win)
			return
		}
		u.articles = list
		u.library.Refresh()
		u.status.SetText(fmt.Sprintf("%d articles · %s", len(list), u.p.StoreDir))
		if len(list) > 0 {
			u.library.Select(0)
		}
	})
	// Select(0) started reading the first article; report once it is shown.
	u.jobs.Wait()
	if u.p.OnLoaded != nil {
		fyne.Do(func() { u.p.OnLoaded(len(list)) })
	}
}

func (u *UI) busy(msg string) {
	u.status.SetText(msg)
	u.progress.Show()
	u.progress.Start()
}

// show puts an article's latest revision in the reading pane. The body is
// read on a goroutine: a long article must not stall the list.
func (u *UI) show(a app.Article) {
	id := a.ID
	u.selected = id
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		r, err := u.p.Store.FindRevision(id, 0)
		fyne.Do(func() {
			if u.selected != id {
				return // the user has moved on
			}
			if err != nil {
				dialog.ShowError(err, u.win)
				return
			}
			u.title.SetText(r.Title)
			u.meta.SetText(metaLine(a, r))
			objs := make([]fyne.CanvasObject, 0, r.Paragraphs)
			for _, p := range app.Paragraphs(r.Body) {
				l := widget.NewLabel(p)
				l.Wrapping = fyne.TextWrapWord
				objs = append(objs, l)
			}
			u.body.Objects = objs
			u.body.Refresh()
			u.bodyView.ScrollToTop()
		})
	}()
}

func summaryLine(a app.Article) string {
	parts := []string{}
	if a.Outlet != "" {
		parts = append(parts, a.Outlet)
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.Format("2 Jan 2006"))
	}
	if a.Revisions > 1 {
		parts = append(parts, fmt.Sprintf("%d revisions", a.Revisions))
	}
	if a.Partial {
		parts = append(parts, "summary only")
	}
	return strings.Join(parts, " · ")
}

func metaLine(a app.Article, r app.Revision) string {
	var parts []string
	for _, s := range []string{r.Outlet, r.Byline, r.Dateline} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if !r.Published.IsZero() {
		parts = append(parts, r.Published.Local().Format("2 January 2006 15:04"))
	}
	parts = append(parts, fmt.Sprintf("%d words", r.Words))
	if a.Revisions > 1 {
		parts = append(parts, fmt.Sprintf("revision %d of %d", r.Number, a.Revisions))
	}
	line := strings.Join(parts, " · ")
	if r.URL != "" {
		line += "\n" + r.URL
	}
	return line
}
