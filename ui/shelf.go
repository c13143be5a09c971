package ui

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app"
)

// shelfItem is what the library keeps in memory of every article: enough
// to list, sort, count and find it. The rest of an article (the second
// line of its row, its tags) is read from the store for the rows on
// screen, through articleCache: a collection of a million articles would
// otherwise hold a million app.Articles, several hundred megabytes.
type shelfItem struct {
	id     app.ArticleID
	date   int64 // publication, else import, in Unix nanoseconds: the sort key
	outlet string
	title  string
}

// readShelf lists the collection in ID order, one string per outlet.
func readShelf(st Store) ([]shelfItem, error) {
	var shelf []shelfItem
	outlets := map[string]string{}
	err := st.ForEachListing(func(l app.Listing) error {
		o, ok := outlets[l.Outlet]
		if !ok {
			o = strings.Clone(l.Outlet)
			outlets[o] = o
		}
		shelf = append(shelf, shelfItem{id: l.ID, date: sortDate(l.Published, l.Imported), outlet: o, title: l.Title})
		return nil
	})
	return slices.Clip(shelf), err
}

func sortDate(published, imported time.Time) int64 {
	t := published
	if t.IsZero() {
		t = imported
	}
	switch { // UnixNano is undefined outside these years
	case t.Year() < 1678:
		return math.MinInt64
	case t.Year() > 2261:
		return math.MaxInt64
	}
	return t.UnixNano()
}

// shelved reports whether the collection holds id, and where.
func (u *UI) shelved(id app.ArticleID) (int, bool) {
	return slices.BinarySearchFunc(u.shelf, id, func(s shelfItem, id app.ArticleID) int { return cmp.Compare(s.id, id) })
}

// sortShelf returns the positions of the shelf's articles in one of the
// library's orders, ties in ID order.
func sortShelf(shelf []shelfItem, order string) []int32 {
	out := make([]int32, len(shelf))
	for i := range out {
		out[i] = int32(i)
	}
	by := map[string]func(a, b shelfItem) int{
		"Newest": func(a, b shelfItem) int { return cmp.Compare(b.date, a.date) },
		"Oldest": func(a, b shelfItem) int { return cmp.Compare(a.date, b.date) },
		"Outlet": func(a, b shelfItem) int { return compareFold(a.outlet, b.outlet) },
		"Title":  func(a, b shelfItem) int { return compareFold(a.title, b.title) },
	}[order]
	if by != nil {
		slices.SortStableFunc(out, func(i, j int32) int { return by(shelf[i], shelf[j]) })
	}
	return out
}

// compareFold orders two strings as their lower-case forms would be,
// without making them: a million titles sorted make twenty million
// comparisons.
func compareFold(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if c := cmp.Compare(unicode.ToLower(ra), unicode.ToLower(rb)); c != 0 {
			return c
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

// articleCacheSize is how many articles the library keeps read: a few
// screens of rows.
const articleCacheSize = 512

// articleCache holds the articles the library last read from the store,
// for its rows' second lines and tags. UI goroutine only.
type articleCache struct {
	byID map[app.ArticleID]app.Article
	ring []app.ArticleID // in the order they were read, to forget the oldest
	next int
}

func (c *articleCache) get(id app.ArticleID) (app.Article, bool) {
	a, ok := c.byID[id]
	return a, ok
}

func (c *articleCache) put(a app.Article) {
	if c.byID == nil {
		c.byID = make(map[app.ArticleID]app.Article, articleCacheSize)
		c.ring = make([]app.ArticleID, articleCacheSize)
	}
	if _, ok := c.byID[a.ID]; !ok {
		delete(c.byID, c.ring[c.next])
		c.ring[c.next] = a.ID
		c.next = (c.next + 1) % len(c.ring)
	}
	c.byID[a.ID] = a
}

// forget drops an article; its slot is reused when the ring comes round.
func (c *articleCache) forget(id app.ArticleID) { delete(c.byID, id) }

func (c *articleCache) clear() { *c = articleCache{} }

// shelfSource is the shelf as quickopen.Collect reads a store: the
// titles it indexes are the shelf's own strings.
type shelfSource struct {
	shelf []shelfItem
	Store
}

func (s shelfSource) ForEachArticle(fn func(app.Article) error) error {
	for _, it := range s.shelf {
		if err := fn(app.Article{ID: it.id, Meta: app.Meta{Title: it.title, Outlet: it.outlet}}); err != nil {
			return err
		}
	}
	return nil
}
