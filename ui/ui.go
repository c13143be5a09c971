// Package ui is Parallax's desktop window, built with Fyne over the app
// services. It never imports the store: main hands it a Store.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/app/quickopen"
	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/ui/annotform"
	"github.com/parallax-news/parallax/ui/jobs"
	"github.com/parallax-news/parallax/ui/reader"
)

// Store is everything the window needs: articles, annotations, tags,
// the search index and similar articles.
type Store interface {
	app.Store
	search.Searcher
	compare.SimilarityIndex
}

// Params wires the window to the services.
type Params struct {
	App   fyne.App
	Store Store
	// Importer reads files into Store (main builds it with the
	// annotation formats).
	Importer *importer.Importer
	// Jobs runs background work and posts widget updates (default:
	// through fyne.Do).
	Jobs *jobs.Runner
	// Demo, if set, is imported when the store is empty, so a first run
	// shows a working collection.
	Demo fs.FS
	// StoreDir is shown in the status bar.
	StoreDir string
	// OnLoaded, if set, is called on the UI goroutine once the collection
	// is listed and the first article shown (the smoke test waits for it).
	OnLoaded func(articles int)
	// OnIdle, if set, is called on its own goroutine when the window has
	// had nothing to do for idleAfter after a burst of work (a load, a
	// search, an article opened, scrolling): the app gives memory back
	// then.
	OnIdle func()
}

// idleAfter is how long a pause has to be before OnIdle.
const idleAfter = 2 * time.Second

// row is one line of the library: an article, a search hit, or an
// outlet or tag found by quick-open (which runs query when chosen).
type row struct {
	id    app.ArticleID
	title string
	sub   string
	marks [][2]int // search matches in the article's body
	query string
	tags  []string // the article's tags, drawn as chips
}

// UI is the main window. Widgets are fields so tests can drive them.
type UI struct {
	p   Params
	win fyne.Window
	an  app.Annotator

	articles  []app.Article         // the whole collection, in store order
	counts    map[app.ArticleID]int // annotations per article
	tagColors map[string]string     // tag path → colour, for chips
	knownTags []string              // every tag path, for completion
	rows      []row                 // what the library shows
	quick     *quickopen.Index
	querySeq  int     // the latest query; older answers are dropped
	querying  bool    // a query is running
	queued    *string // the query typed while one ran, to run next

	query   *widget.Entry
	sort    *widget.Select // the library's order when no query is typed
	filters *filters
	library *widget.List
	title   *widget.Label
	meta    *widget.Label
	// revisions picks the revision shown, for articles with several.
	revisions       *widget.Select
	settingRevision bool
	reader          *reader.Reader
	status          *widget.Label
	progress        *widget.ProgressBarInfinite

	// The shown article, its revision and annotations.
	current     app.Article
	revision    app.Revision
	annotations []app.Annotation
	orphans     []app.Annotation
	notes       *widget.List
	articleTags *widget.SelectEntry // the shown article's tags, editable
	form        *annotform.Form     // the annotate or edit dialog open now
	findBar     *findBar            // Ctrl+F
	undo        []func() error      // how to take back each change, oldest first

	// jobs runs background work and posts its widget updates.
	jobs     *jobs.Runner
	reported bool        // OnLoaded was called
	idle     *time.Timer // runs OnIdle after a pause
}

// New builds the window; call Load (or Run) to fill it.
func New(p Params) *UI {
	u := &UI{p: p, an: app.Annotator{Store: p.Store}, jobs: p.Jobs}
	if u.jobs == nil {
		u.jobs = jobs.New()
	}
	u.win = p.App.NewWindow("Parallax")

	u.query = widget.NewEntry()
	u.query.SetPlaceHolder("Search   (> quick-open)")
	u.query.OnChanged = func(string) { u.applyQuery() }
	u.library = widget.NewList(
		func() int { return len(u.rows) },
		func() fyne.CanvasObject {
			t := widget.NewLabel("title")
			t.Truncation = fyne.TextTruncateEllipsis
			t.TextStyle.Bold = true
			s := widget.NewLabel("outlet")
			s.Truncation = fyne.TextTruncateEllipsis
			s.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(t, container.NewBorder(nil, nil, nil, container.NewHBox(), s))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := u.rows[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(r.title)
			line := box.Objects[1].(*fyne.Container)
			line.Objects[0].(*widget.Label).SetText(r.sub)
			chips := line.Objects[1].(*fyne.Container)
			chips.Objects = u.tagChips(r.tags)
			chips.Refresh()
		},
	)
	u.library.OnSelected = func(i widget.ListItemID) {
		r := u.rows[i]
		if r.query != "" {
			u.query.SetText(r.query)
			return
		}
		u.open(r.id, 0, r.marks)
	}

	u.title = widget.NewLabel("")
	u.title.Wrapping = fyne.TextWrapWord
	u.title.TextStyle.Bold = true
	u.title.SizeName = theme.SizeNameSubHeadingText
	u.meta = widget.NewLabel("Select an article on the left.")
	u.meta.Wrapping = fyne.TextWrapWord
	u.revisions = widget.NewSelect(nil, func(choice string) {
		if n := slices.Index(u.revisions.Options, choice) + 1; n > 0 && n != u.revision.Number && !u.settingRevision {
			u.open(u.current.ID, n, nil)
		}
	})
	u.revisions.Hide()
	u.reader = reader.New()
	u.reader.OnSelected(u.promptAnnotate)
	u.reader.OnScrolled(u.worked)
	u.reader.OnHighlightTapped(func(h reader.Highlight) { u.promptEdit(app.AnnotationID(h.ID)) })
	u.notes = u.newAnnotationsPanel()

	u.status = widget.NewLabel("")
	u.progress = widget.NewProgressBarInfinite()
	u.progress.Hide()
	bar := container.NewBorder(nil, nil, nil, u.progress, u.status)

	u.sort = widget.NewSelect(sortOrders, func(string) {
		// Search hits keep their ranking; the plain list re-sorts.
		if strings.TrimSpace(u.query.Text) == "" && (u.filters == nil || u.filters.query() == "") {
			u.showRows(u.articleRows())
		}
	})
	u.sort.SetSelected(sortOrders[0])
	u.filters = u.newFilters()
	top := container.NewVBox(container.NewBorder(nil, nil, nil, u.filters.toggle, u.query), u.filters.box)
	left := container.NewBorder(container.NewPadded(top), nil, nil, nil, u.library)
	u.findBar = u.newFindBar()
	centre := container.NewBorder(container.NewVBox(u.title, container.NewBorder(nil, nil, nil, u.revisions, u.meta), widget.NewSeparator(), u.findBar.box), nil, nil, nil, u.reader)
	u.articleTags = widget.NewSelectEntry(nil)
	u.articleTags.SetPlaceHolder("tag, tag…")
	u.articleTags.OnSubmitted = func(string) { u.saveArticleTags() }
	saveTags := widget.NewButtonWithIcon("", theme.ConfirmIcon(), u.saveArticleTags)
	right := container.NewBorder(container.NewVBox(
		widget.NewLabelWithStyle("Article tags", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, saveTags, u.articleTags),
		widget.NewLabelWithStyle("Annotations", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
	), nil, nil, nil, u.notes)
	inner := container.NewHSplit(container.NewPadded(centre), right)
	inner.Offset = 0.72
	split := container.NewHSplit(left, inner)
	split.Offset = 0.27
	u.win.SetContent(container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bar), nil, nil, split))
	u.win.SetMainMenu(u.menu())
	u.shortcuts()
	u.win.Resize(fyne.NewSize(1280, 780))
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
// article list; it runs off the UI goroutine and posts widget updates to
// the UI goroutine.
func (u *UI) Load(ctx context.Context) {
	u.jobs.Post(func() { u.busy("Opening the collection…") })
	empty, err := u.isEmpty()
	if err == nil && empty && u.p.Demo != nil {
		u.jobs.Post(func() { u.busy("Empty store: importing the demo collection…") })
		_, err = u.p.Importer.Import(ctx, []string{"."}, importer.Options{FS: u.p.Demo, FSName: "demo"})
	}
	var list []app.Article
	if err == nil {
		err = u.p.Store.ForEachArticle(func(a app.Article) error {
			list = append(list, a)
			return nil
		})
	}
	counts := map[app.ArticleID]int{}
	if err == nil {
		err = u.p.Store.ForEachAnnotation(app.AnnotationFilter{}, func(a app.Annotation) error {
			counts[a.Article]++
			return nil
		})
	}
	var outlets []string
	var tags []app.TagInfo
	if err == nil {
		seen := map[string]bool{}
		for _, a := range list {
			if a.Outlet != "" && !seen[a.Outlet] {
				seen[a.Outlet] = true
				outlets = append(outlets, a.Outlet)
			}
		}
		slices.Sort(outlets)
		tags, err = u.p.Store.Tags()
	}
	var quick *quickopen.Index
	if err == nil {
		var entries []quickopen.Entry
		if entries, err = quickopen.Collect(listed{list, u.p.Store}); err == nil {
			quick = quickopen.New(entries)
		}
	}
	u.jobs.Post(func() {
		u.progress.Stop()
		u.progress.Hide()
		if err != nil {
			u.status.SetText("Could not read the collection.")
			dialog.ShowError(err, u.win)
			return
		}
		u.articles, u.quick, u.counts = list, quick, counts
		u.filters.setChoices(outlets)
		u.setTags(tags)
		u.showRows(u.articleRows())
		u.status.SetText(fmt.Sprintf("%d articles · %s", len(list), u.p.StoreDir))
		if len(list) > 0 {
			u.library.Select(0) // reports loaded once the article is shown
		} else {
			u.loaded()
		}
	})
}

// worked notes a burst of work done; OnIdle follows a pause. UI
// goroutine only.
func (u *UI) worked() {
	if u.p.OnIdle == nil {
		return
	}
	if u.idle != nil {
		u.idle.Stop()
	}
	u.idle = time.AfterFunc(idleAfter, u.p.OnIdle)
}

// loaded reports, once, that the collection is listed and its first
// article shown.
func (u *UI) loaded() {
	if u.p.OnLoaded != nil && !u.reported {
		u.reported = true
		u.p.OnLoaded(len(u.articles))
	}
}

// errStop ends a scan early.
var errStop = errors.New("stop")

// isEmpty reports whether the store has no article, reading one at most.
func (u *UI) isEmpty() (bool, error) {
	empty := true
	err := u.p.Store.ForEachArticle(func(app.Article) error {
		empty = false
		return errStop
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	return empty, err
}

// listed lets quick-open collect from the articles already read rather
// than scan the store again (a second of work at 100,000 articles).
type listed struct {
	articles []app.Article
	Store
}

func (l listed) ForEachArticle(fn func(app.Article) error) error {
	for _, a := range l.articles {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

func (u *UI) busy(msg string) {
	u.status.SetText(msg)
	u.progress.Show()
	u.progress.Start()
}

// sortOrders are the library's orders; the first is the default.
var sortOrders = []string{"Newest", "Oldest", "Outlet", "Title"}

// articleRows lists the collection in the chosen order (ties by ID).
func (u *UI) articleRows() []row {
	list := slices.Clone(u.articles)
	date := func(a app.Article) time.Time {
		if a.Published.IsZero() {
			return a.Imported
		}
		return a.Published
	}
	by := map[string]func(a, b app.Article) int{
		"Newest": func(a, b app.Article) int { return date(b).Compare(date(a)) },
		"Oldest": func(a, b app.Article) int { return date(a).Compare(date(b)) },
		"Outlet": func(a, b app.Article) int {
			return strings.Compare(strings.ToLower(a.Outlet), strings.ToLower(b.Outlet))
		},
		"Title": func(a, b app.Article) int { return strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)) },
	}[u.sort.Selected]
	if by != nil {
		slices.SortStableFunc(list, by)
	}
	rows := make([]row, len(list))
	for i, a := range list {
		rows[i] = row{id: a.ID, title: a.Title, sub: summaryLine(a, u.counts[a.ID]), tags: a.Tags}
	}
	return rows
}

func (u *UI) showRows(rows []row) {
	u.rows = rows
	u.library.UnselectAll()
	u.library.Refresh()
}

// background runs work off the UI goroutine.
func (u *UI) background(work func()) { u.jobs.Go(work) }

// fail shows an error from a background job.
func (u *UI) fail(err error) {
	u.jobs.Post(func() { dialog.ShowError(err, u.win) })
}

// open shows revision n (0: the latest) of an article with its
// annotations, marking search matches. The store is read on a goroutine:
// a long article must not stall the list.
func (u *UI) open(id app.ArticleID, n int, marks [][2]int) {
	u.current.ID = id
	u.background(func() {
		a, err := u.p.Store.FindArticleByID(id)
		var r app.Revision
		if err == nil {
			r, err = u.p.Store.FindRevision(id, n)
		}
		var annos, orphans []app.Annotation
		if err == nil {
			annos, orphans, _, err = u.readAnnotations(id, r.Number)
		}
		var tags []app.TagInfo
		if err == nil {
			tags = u.readTags()
		}
		u.jobs.Post(func() {
			if u.current.ID != id {
				return // the user has moved on
			}
			if err != nil {
				dialog.ShowError(err, u.win)
				return
			}
			u.current, u.revision = a, r
			if tags != nil {
				u.setTags(tags)
			}
			u.articleTags.SetText(strings.Join(a.Tags, ", "))
			u.title.SetText(r.Title)
			u.meta.SetText(metaLine(a, r))
			u.showRevisionPicker(a.Revisions, r.Number)
			u.reader.SetText(r.Body)
			u.setAnnotations(annos, orphans)
			if u.findBar.box.Visible() {
				u.findInArticle(u.findBar.entry.Text)
			}
			if len(marks) > 0 {
				u.reader.SetMarks(marks)
				u.reader.ScrollTo(marks[0][0])
			}
			u.loaded()
			u.worked()
		})
	})
}

func (u *UI) showRevisionPicker(revisions, shown int) {
	if revisions < 2 {
		u.revisions.Hide()
		return
	}
	opts := make([]string, revisions)
	for i := range opts {
		opts[i] = fmt.Sprintf("Revision %d", i+1)
	}
	u.settingRevision = true
	u.revisions.SetOptions(opts)
	u.revisions.SetSelected(opts[shown-1])
	u.settingRevision = false
	u.revisions.Show()
}

// refreshArticle updates an article's library row after a change to
// its tags or annotations.
func (u *UI) refreshArticle(a app.Article) {
	for i := range u.articles {
		if u.articles[i].ID == a.ID {
			u.articles[i] = a
		}
	}
	for i, r := range u.rows {
		if r.id == a.ID && r.query == "" && r.marks == nil {
			u.rows[i].sub, u.rows[i].tags = summaryLine(a, u.counts[a.ID]), a.Tags
			u.library.RefreshItem(i)
		}
	}
}

func summaryLine(a app.Article, annotations int) string {
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
	if annotations == 1 {
		parts = append(parts, "1 annotation")
	} else if annotations > 1 {
		parts = append(parts, fmt.Sprintf("%d annotations", annotations))
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
