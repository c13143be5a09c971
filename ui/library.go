package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/quickopen"
	"github.com/parallax-news/parallax/app/search"
)

// runQuery answers the library's search box as the user types: nothing
// lists every article, a leading > is quick-open over titles, outlets and
// tags, anything else a full-text query. Queries run off the UI
// goroutine, one at a time: keystrokes typed while one runs are folded
// into the latest, which runs next (at 100,000 articles a query per
// keystroke in parallel would pile up work and memory), and an answer to
// an older query than the latest is dropped.
func (u *UI) runQuery(text string) {
	u.lib.querySeq++
	text = strings.TrimSpace(text)
	u.lib.ran = text
	// The reader's marks are the matches of the query that listed the
	// article; another query's list should not leave them there.
	if u.art.markedBy != "" && u.art.markedBy != text && !u.art.findBar.box.Visible() {
		u.art.reader.SetMarks(nil)
		u.art.markedBy = ""
	}
	if text == "" {
		u.lib.queued = nil
		u.showRows(u.articleRows())
		u.status.SetText(fmt.Sprintf("%d articles · %s", len(u.shelf), u.p.StoreDir))
		return
	}
	if u.lib.querying {
		u.lib.queued = &text
		return
	}
	u.lib.querying = true
	seq, quick, articles := u.lib.querySeq, u.lib.quick, len(u.shelf)
	u.background(func() {
		show := u.answer(text, quick, articles)
		u.jobs.Post(func() {
			if seq == u.lib.querySeq {
				show()
			}
			u.worked()
			u.lib.querying = false
			if q := u.lib.queued; q != nil {
				u.lib.queued = nil
				u.lib.querySeq-- // runQuery counts it again
				u.runQuery(*q)
			}
		})
	})
}

// answer runs a query off the UI goroutine and returns how to show it;
// quick is the quick-open index as it was when the query was typed, and
// articles the collection's size.
func (u *UI) answer(text string, quick *quickopen.Index, articles int) func() {
	if pattern, ok := strings.CutPrefix(text, ">"); ok {
		pattern, filter, _ := strings.Cut(pattern, quickFilterMark)
		pattern = strings.TrimSpace(pattern)
		if pattern == "" || quick == nil {
			return func() {}
		}
		// With filters set, titles are kept for the articles they pass.
		var passes map[app.ArticleID]bool
		if filter != "" {
			res, err := search.Run(u.p.Store, filter, max(articles, 1))
			if err != nil {
				return u.queryFailed(err)
			}
			passes = map[app.ArticleID]bool{}
			for _, h := range res.Hits {
				passes[h.Article.ID] = true
			}
		}
		found := quick.Find(pattern, quickopen.DefaultLimit)
		rows := make([]row, 0, len(found))
		for _, f := range found {
			r := row{id: app.ArticleID(f.ID), title: f.Text, hit: &hitRow{sub: f.Kind.String()}}
			if f.Kind != quickopen.Title {
				r.hit.query = filterFor(f.Kind, f.Text)
			} else if passes != nil && !passes[r.id] {
				continue
			}
			rows = append(rows, r)
		}
		return func() {
			for i := range rows {
				if a, ok := u.articleByID(rows[i].id); ok && rows[i].query() == "" {
					rows[i].hit.sub = summaryLine(a, u.counts[a.ID])
				}
			}
			u.showRows(rows)
			u.status.SetText(fmt.Sprintf("%d quick-open matches", len(rows)))
		}
	}
	res, err := search.Run(u.p.Store, text, 200)
	if err != nil {
		return u.queryFailed(err)
	}
	rows := make([]row, len(res.Hits))
	for i, h := range res.Hits {
		hit := &hitRow{sub: joinParts(h.Article.Outlet, h.Snippet.Text)}
		if h.Snippet.Text == "" {
			hit.sub = summaryLine(h.Article, -1)
		}
		for _, m := range h.BodyMatches {
			hit.marks = append(hit.marks, [2]int{m.Start, m.End})
		}
		rows[i] = row{id: h.Article.ID, title: h.Article.Title, hit: hit}
	}
	return func() {
		u.showRows(rows)
		u.status.SetText(fmt.Sprintf("%d of %d matching articles", len(rows), res.Total))
	}
}

// queryFailed shows why a query cannot run. A query half typed is often
// malformed: the status bar says why, without a dialog in the way, and the
// list is emptied rather than left showing another query's hits.
func (u *UI) queryFailed(err error) func() {
	return func() {
		u.showRows(nil)
		u.status.SetText("Search: " + err.Error())
	}
}

// filterFor is the query that lists an outlet's or a tag's articles.
func filterFor(k quickopen.Kind, text string) string {
	field := "tag:"
	if k == quickopen.Outlet {
		field = "outlet:"
	}
	return field + `"` + strings.ReplaceAll(text, `"`, "") + `"`
}

// row is one line of the library: an article, a search hit, or an
// outlet or tag found by quick-open (which runs its query when chosen).
type row struct {
	id    app.ArticleID
	title string
	// hit is what a search hit or a quick-open match shows and does; nil
	// for a row of the plain list, whose second line and tags are read
	// from the article when the row is drawn (rowLine). A million rows
	// are listed; a few hundred are hits.
	hit *hitRow
}

type hitRow struct {
	sub   string
	marks [][2]int // search matches in the article's body
	query string   // what an outlet or tag found by quick-open lists
	tags  []string // the article's tags, drawn as chips
}

func (r row) query() string {
	if r.hit == nil {
		return ""
	}
	return r.hit.query
}

func (r row) marks() [][2]int {
	if r.hit == nil {
		return nil
	}
	return r.hit.marks
}

// articleRows lists the collection in the chosen order (ties by ID),
// sorting it again only when the shelf or the order changed.
func (u *UI) articleRows() []row {
	if u.lib.plain == nil || u.lib.plainBy != u.lib.sort.Selected {
		u.lib.plain, u.lib.plainBy = plainRows(u.shelf, u.lib.sort.Selected), u.lib.sort.Selected
	}
	return u.lib.plain
}

// backgroundSort is the collection size from which a new order is sorted
// off the UI goroutine (about 50 ms by title).
var backgroundSort = 20_000 // a variable for the tests

// plainRows are a shelf's rows in one of the library's orders.
func plainRows(shelf []shelfItem, order string) []row {
	rows := make([]row, len(shelf))
	for i, k := range sortShelf(shelf, order) {
		rows[i] = row{id: shelf[k].id, title: shelf[k].title}
	}
	return rows
}

// sortInBackground lists the collection in a new order off the UI
// goroutine: a million articles take up to 2 s to sort by title. A shelf
// changed meanwhile (shelfGen) or another order chosen drops the answer.
func (u *UI) sortInBackground(order string) {
	shelf, gen := slices.Clone(u.shelf), u.lib.shelfGen
	u.status.SetText(fmt.Sprintf("Sorting %d articles…", len(shelf)))
	u.background(func() {
		rows := plainRows(shelf, order)
		u.jobs.Post(func() {
			if gen != u.lib.shelfGen || u.lib.sort.Selected != order {
				return
			}
			u.lib.plain, u.lib.plainBy = rows, order
			if u.plainListShown() {
				u.showRows(rows)
				u.status.SetText(fmt.Sprintf("%d articles · %s", len(u.shelf), u.p.StoreDir))
			}
		})
	})
}

// plainListShown reports whether the library lists the whole collection:
// no query typed and no filter set.
func (u *UI) plainListShown() bool {
	return strings.TrimSpace(u.lib.query.Text) == "" && (u.lib.filters == nil || u.lib.filters.query() == "")
}

// rowLine is a row's second line and its tags.
func (u *UI) rowLine(r row) (string, []string) {
	if r.hit != nil {
		return r.hit.sub, r.hit.tags
	}
	a, ok := u.articleByID(r.id)
	if !ok {
		return "", nil
	}
	return summaryLine(a, u.counts[a.ID]), a.Tags
}

func (u *UI) showRows(rows []row) {
	u.lib.rows = rows
	u.lib.list.UnselectAll()
	u.lib.list.Refresh()
}

// selectArticle shows an article again after the list was rebuilt: its
// row is selected if the list shows it, else the reader just reopens
// it. It reports false when the article is gone.
func (u *UI) selectArticle(id app.ArticleID) bool {
	if _, ok := u.shelved(id); !ok {
		return false
	}
	if i := slices.IndexFunc(u.lib.rows, func(r row) bool { return r.id == id && r.query() == "" }); i >= 0 {
		u.lib.list.Select(i)
		u.lib.list.ScrollTo(i)
		return true
	}
	u.open(id, 0, nil)
	return true
}

// queryEntry is the search box; Down leaves it for the list below.
type queryEntry struct {
	widget.Entry
	onDown func()
}

func newQueryEntry() *queryEntry {
	e := &queryEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *queryEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyDown && e.onDown != nil {
		e.onDown()
		return
	}
	e.Entry.TypedKey(k)
}

// newLibrary builds the left pane.
func (u *UI) newLibrary() fyne.CanvasObject {
	u.lib.query = newQueryEntry()
	u.lib.query.SetPlaceHolder("Search   (> quick-open)")
	u.lib.query.OnChanged = func(string) { u.applyQuery() }
	// Enter takes the best match; Down moves into the list, where the
	// arrow keys move and Space opens.
	u.lib.query.OnSubmitted = func(string) {
		if len(u.lib.rows) > 0 {
			u.lib.list.Select(0)
		}
	}
	u.lib.query.onDown = func() {
		if len(u.lib.rows) > 0 {
			u.win.Canvas().Focus(u.lib.list)
		}
	}
	u.lib.list = widget.NewList(
		func() int { return len(u.lib.rows) },
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
			r := u.lib.rows[i]
			sub, tags := u.rowLine(r)
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(r.title)
			line := box.Objects[1].(*fyne.Container)
			line.Objects[0].(*widget.Label).SetText(sub)
			chips := line.Objects[1].(*fyne.Container)
			chips.Objects = u.tagChips(tags)
			chips.Refresh()
		},
	)
	u.lib.list.OnSelected = func(i widget.ListItemID) {
		r := u.lib.rows[i]
		if q := r.query(); q != "" {
			u.lib.query.SetText(q)
			return
		}
		u.open(r.id, 0, r.marks())
	}

	u.lib.sort = widget.NewSelect(sortOrders, func(order string) {
		u.lib.order.Store(order) // for a load, off the UI goroutine
		// Search hits keep their ranking; the plain list re-sorts.
		switch {
		case !u.plainListShown():
		case len(u.shelf) < backgroundSort || u.lib.plain != nil && u.lib.plainBy == order:
			u.showRows(u.articleRows())
		default:
			u.sortInBackground(order)
		}
	})
	u.lib.sort.SetSelected(sortOrders[0])
	u.lib.filters = u.newFilters()
	top := container.NewVBox(container.NewBorder(nil, nil, nil, u.lib.filters.toggle, u.lib.query), u.lib.filters.box)
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, u.lib.list)
}

// summaryLine is an article's second line in the library: outlet, date
// (of import, when it has no publication date), revisions, annotations.
// It is never empty and has no dangling separator.
func summaryLine(a app.Article, annotations int) string {
	parts := []string{}
	if a.Outlet != "" {
		parts = append(parts, a.Outlet)
	}
	switch {
	case !a.Published.IsZero():
		parts = append(parts, a.Published.Format("2 Jan 2006"))
	case !a.Imported.IsZero():
		parts = append(parts, "imported "+a.Imported.Local().Format("2 Jan 2006"))
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
	if len(parts) == 0 {
		return "no outlet or date"
	}
	return strings.Join(parts, " · ")
}

// joinParts joins the non-empty parts with " · ".
func joinParts(parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return strings.TrimSpace(s) == "" }), " · ")
}

// articleByID finds an article of the collection: from the library's
// cache, else from the store. UI goroutine only.
func (u *UI) articleByID(id app.ArticleID) (app.Article, bool) {
	if _, ok := u.shelved(id); !ok {
		return app.Article{}, false
	}
	if a, ok := u.cache.get(id); ok {
		return a, true
	}
	a, err := u.p.Store.FindArticleByID(id)
	if err != nil {
		return app.Article{}, false // deleted meanwhile: the next listing drops it
	}
	u.cache.put(a)
	return a, true
}

// refreshArticle updates an article's library row after a change to
// its tags or annotations.
func (u *UI) refreshArticle(a app.Article) {
	if k, ok := u.shelved(a.ID); ok {
		it := shelfItem{id: a.ID, date: sortDate(a.Published, a.Imported), outlet: a.Outlet, title: a.Title}
		if it != u.shelf[k] {
			u.shelf[k], u.lib.plain = it, nil // sorted on what changed
			u.lib.shelfGen++
		}
		// The row reads the article anew: a may be the reader's copy,
		// older than a tag change made since it was opened.
		u.cache.forget(a.ID)
	}
	for i, r := range u.lib.rows {
		if r.id != a.ID || r.query() != "" || r.marks() != nil {
			continue
		}
		if r.hit != nil {
			r.hit.sub, r.hit.tags = summaryLine(a, u.counts[a.ID]), a.Tags
		}
		u.lib.list.RefreshItem(i)
	}
}
