// Package ui is Parallax's desktop window, built with Fyne over the app
// services. It never imports the store: main hands it a Store.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/autocode"
	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/app/quickopen"
	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/app/team"
	"github.com/parallax-news/parallax/ui/annotform"
	"github.com/parallax-news/parallax/ui/cardlist"
	"github.com/parallax-news/parallax/ui/escentry"
	"github.com/parallax-news/parallax/ui/importreport"
	"github.com/parallax-news/parallax/ui/jobs"
	"github.com/parallax-news/parallax/ui/memowin"
	"github.com/parallax-news/parallax/ui/passagelist"
	"github.com/parallax-news/parallax/ui/reader"
	"github.com/parallax-news/parallax/ui/tagentry"
	"github.com/parallax-news/parallax/ui/tagmanager"
)

// Store is what the window reads: articles, annotations, tags, the
// search index and similar articles. It changes the collection only
// through Params' services.
type Store interface {
	app.Reader
	search.Searcher
	compare.SimilarityIndex
	// ForEachListing lists the collection in ID order without reading
	// whole articles: what the library keeps of each.
	ForEachListing(fn func(app.Listing) error) error
}

// Tags is how the window changes tags: an article's tag set, and the
// tag manager's renames, merges, colours and deletes.
type Tags interface {
	tagmanager.Store
	SetArticleTags(id app.ArticleID, tags []string) (app.Article, error)
}

// Params wires the window to the services.
type Params struct {
	App   fyne.App
	Store Store
	// Annotator makes, edits and deletes annotations; Tags changes tags;
	// Importer reads files in (main builds it with the annotation
	// formats). main builds each once, over the same store as Store.
	Annotator *app.Annotator
	Metadata  *app.MetaEditor
	Tags      Tags
	Importer  *importer.Importer
	// Memos writes memos; Store reads them.
	Memos app.MemoStore
	// Coder writes and removes annotations in bulk, for Code every hit;
	// without it the menu item does nothing.
	Coder autocode.Store
	// Jobs runs background work and posts widget updates (default:
	// through fyne.Do).
	Jobs *jobs.Runner
	// Demo, if set, is imported when the store is empty, so a first run
	// shows a working collection.
	Demo fs.FS
	// StoreDir is shown in the status bar.
	StoreDir string
	// Open lists files and folders to import once the collection is
	// listed (those named on the command line).
	Open []string
	// OnImported, if set, is called on the UI goroutine after every
	// import with its report (main logs it).
	OnImported func(app.ImportReport)
	// OnLoaded, if set, is called on the UI goroutine once the collection
	// is listed and the first article shown (the smoke test waits for it).
	OnLoaded func(articles int)
	// Team, if set, syncs the store with its team in the background
	// (team mode); the status bar shows how it went.
	Team *team.Background
	// OnIdle, if set, is called on its own goroutine when the window has
	// had nothing to do for idleAfter after a burst of work (a load, a
	// search, an article opened, scrolling): the app gives memory back
	// then.
	OnIdle func()
}

// idleAfter is how long a pause has to be before OnIdle.
const idleAfter = 2 * time.Second

// UI is the main window: the library on the left, the article with its
// annotations on the right, a status bar, the menu. Widgets are fields
// so tests can drive them.
type UI struct {
	p   Params
	win fyne.Window
	an  *app.Annotator

	shelf       []shelfItem           // the whole collection, in ID order
	cache       articleCache          // articles read for the library's rows
	analysts    []string              // who has annotated, for the passages filter
	outletNames []string              // the collection's outlets, sorted, for outlet fields
	counts      map[app.ArticleID]int // annotations per article
	tagColors   map[string]string     // tag path → colour, for chips
	knownTags   []string              // every tag path, for completion

	lib      library     // the left pane
	art      articleView // the article and its annotations
	status   *widget.Label
	progress *widget.ProgressBarInfinite
	// teamLabel shows the team sync's state; team is the last one.
	teamLabel *widget.Label
	team      team.Status
	form      *annotform.Form      // the annotate or edit dialog open now
	report    *importreport.Dialog // the last import's report
	// importing is set while the import folder dialog or an import is
	// open.
	importing bool
	strip     *jobStrip                   // an import's progress, above the status bar
	dialogs   map[fyne.CanvasObject]hider // open dialogs by their overlay, for Escape
	keys      [10]string                  // quick-coding: the tag bound to each of 1–9
	// The metadata dialogs open now (kept for tests).
	metaForm       *metaForm
	autocodeForm   *autocodeForm
	lastPassages   *passagelist.Window // the last opened from an Analysis cell
	listedOutlet   *escentry.Select
	prefsName      *escentry.Entry
	importForm     *importForm
	importPathsBox *escentry.Entry
	comparePicker  *comparePicker
	memoWin        *memowin.Window // the Memos window, while open
	undo, redo     []step          // changes to take back (oldest first), and those taken back

	// jobs runs background work and posts its widget updates.
	jobs     *jobs.Runner
	reported bool        // OnLoaded was called
	idle     *time.Timer // runs OnIdle after a pause
}

// library is the left pane: the search box, the filters and sort order,
// and the list of articles, search hits or quick-open matches they give.
type library struct {
	query   *queryEntry
	sort    *widget.Select // the order when no query is typed
	filters *filters
	list    *widget.List
	rows    []row // what the list shows
	// plain is the whole collection's rows in the order plainBy, kept
	// until the shelf changes: a million take a second to sort and 32 MB.
	plain   []row
	plainBy string
	// shelfGen counts changes to the shelf, so a sort begun before one
	// is dropped; order is the chosen order, for loads off the UI
	// goroutine.
	shelfGen int
	order    atomic.Value
	quick    *quickopen.Index
	// Queries run one at a time (runQuery).
	querySeq int     // the latest query; older answers are dropped
	ran      string  // the latest query as run, filters included
	querying bool    // a query is running
	queued   *string // the query typed while one ran, to run next
}

// articleView is the article shown: its title, metadata and text, the
// revision picker, the tags box and the annotations panel.
type articleView struct {
	current     app.Article
	revision    app.Revision
	annotations []app.Annotation // anchored in the revision shown
	orphans     []app.Annotation // not found in it
	title, meta *widget.Label
	// revisions picks the revision shown, for articles with several.
	revisions       *widget.Select
	settingRevision bool
	reader          *reader.Reader
	findBar         *findBar        // Ctrl+F
	selBar          *selectionBar   // what to do with the selected passage
	markedBy        string          // the library query whose matches the reader marks, if any
	notes           *cardlist.List  // the annotations panel
	layers          *layers         // which analysts' annotations show
	tags            *tagentry.Entry // the article's tags, editable
	memos           *widget.Button  // opens the article's memos, with their count
	memoCount       int
}

// New builds the window; call Load (or Run) to fill it.
func New(p Params) *UI {
	u := &UI{p: p, an: p.Annotator, jobs: p.Jobs, dialogs: map[fyne.CanvasObject]hider{}}
	if u.jobs == nil {
		u.jobs = jobs.New()
	}
	u.win = p.App.NewWindow("Parallax")

	left := u.newLibrary()
	centre, right := u.newArticleView()
	u.status = widget.NewLabel("")
	u.progress = widget.NewProgressBarInfinite()
	u.progress.Hide()
	u.teamLabel = widget.NewLabel("")
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(u.teamLabel, u.progress), u.status)
	u.strip = newJobStrip()

	inner := container.NewHSplit(container.NewPadded(centre), right)
	inner.Offset = 0.72
	split := container.NewHSplit(left, inner)
	split.Offset = 0.27
	u.win.SetContent(container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), u.strip.box, bar), nil, nil, split))
	u.win.SetMainMenu(u.menu())
	u.shortcuts()
	u.win.Canvas().SetOnTypedKey(u.typedKey)
	u.win.Canvas().SetOnTypedRune(u.typedRune)
	u.loadKeys()
	u.loadAnalyst()
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
	go func() {
		u.Load(context.Background())
		u.startTeam(context.Background())
		if len(u.p.Open) > 0 {
			u.jobs.Post(func() { u.importPaths(u.p.Open, importer.Options{}) })
		}
	}()
	u.win.ShowAndRun()
}

// Load imports the demo collection into an empty store, then reads the
// article list; it runs off the UI goroutine and posts widget updates to
// the UI goroutine.
func (u *UI) Load(ctx context.Context) { u.load(ctx, false) }

// load lists the collection; with keep, the article shown stays shown
// (an import must not jump the reader back to the first row).
func (u *UI) load(ctx context.Context, keep bool) {
	u.jobs.Post(func() { u.busy("Opening the collection…") })
	empty, err := u.isEmpty()
	if err == nil && empty && u.p.Demo != nil {
		u.jobs.Post(func() { u.busy("Empty store: importing the demo collection…") })
		_, err = u.p.Importer.Import(ctx, []string{"."}, importer.Options{FS: u.p.Demo, FSName: "demo"})
	}
	var shelf []shelfItem
	var outlets []string
	if err == nil {
		shelf, outlets, err = readShelf(u.p.Store)
	}
	counts := map[app.ArticleID]int{}
	analysts := map[string]bool{}
	if err == nil {
		err = u.p.Store.ForEachAnnotation(app.AnnotationFilter{}, func(a app.Annotation) error {
			counts[a.Article]++
			analysts[a.Analyst] = true
			return nil
		})
	}
	var tags []app.TagInfo
	if err == nil {
		tags, err = u.p.Store.Tags()
	}
	var quick *quickopen.Index
	if err == nil {
		var entries []quickopen.Entry
		if entries, err = quickopen.Collect(shelfSource{shelf, tags}); err == nil {
			quick = quickopen.New(entries)
		}
	}
	// Sorted here rather than on the UI goroutine: a second at a million.
	order, _ := u.lib.order.Load().(string)
	rows := plainRows(shelf, order)
	u.jobs.Post(func() {
		u.progress.Stop()
		u.progress.Hide()
		if err != nil {
			u.status.SetText("Could not read the collection.")
			u.showError(err)
			return
		}
		u.shelf, u.lib.quick, u.counts, u.analysts, u.outletNames = shelf, quick, counts, analystsOf(analysts), outlets
		u.cache.clear()
		u.lib.plain, u.lib.plainBy = rows, order
		u.lib.shelfGen++
		u.lib.filters.setChoices(outlets)
		u.setTags(tags)
		u.showRows(u.articleRows())
		u.status.SetText(fmt.Sprintf("%d articles · %s", len(shelf), u.p.StoreDir))
		if keep && u.art.current.ID != 0 && u.selectArticle(u.art.current.ID) {
			return
		}
		if len(shelf) > 0 {
			u.lib.list.Select(0) // reports loaded once the article is shown
		} else {
			u.art.meta.SetText("The collection is empty: import files or folders with Ctrl+I, or drop them on this window.")
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
		u.p.OnLoaded(len(u.shelf))
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

func (u *UI) busy(msg string) {
	u.status.SetText(msg)
	u.progress.Show()
	u.progress.Start()
}

// sortOrders are the library's orders; the first is the default.
var sortOrders = []string{"Newest", "Oldest", "Outlet", "Title"}

// background runs work off the UI goroutine.
func (u *UI) background(work func()) { u.jobs.Go(work) }

// fail shows an error from a background job.
func (u *UI) fail(err error) {
	u.jobs.Post(func() { u.showError(err) })
}
