package ui

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

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

// shelfChunk is how many items readShelf collects before starting
// another chunk: the chunks are copied together once, where appending to
// one slice copied it at every doubling, 0.9 s of reading a million.
var shelfChunk = 1 << 16 // a variable for the tests

// readShelf lists the collection in ID order, one string per outlet, and
// its outlets, sorted.
func readShelf(st Store) ([]shelfItem, []string, error) {
	var chunks [][]shelfItem
	chunk := make([]shelfItem, 0, shelfChunk)
	outlets := map[string]string{}
	err := st.ForEachListing(func(l app.Listing) error {
		o, ok := outlets[l.Outlet]
		if !ok {
			o = l.Outlet
			outlets[o] = o
		}
		if len(chunk) == cap(chunk) {
			chunks, chunk = append(chunks, chunk), make([]shelfItem, 0, shelfChunk)
		}
		chunk = append(chunk, shelfItem{id: l.ID, date: sortDate(l.Published, l.Imported), outlet: o, title: l.Title})
		return nil
	})
	delete(outlets, "")
	return slices.Concat(append(chunks, chunk)...), slices.Sorted(maps.Keys(outlets)), err
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
// library's orders, ties in ID order. Each article's key is made once and
// sorted beside its position, so a comparison touches neither the shelf
// nor a rune decoder: a million sort in a fraction of a second.
func sortShelf(shelf []shelfItem, order string) []int32 {
	out := make([]int32, len(shelf))
	switch order {
	case "Newest", "Oldest":
		keys := make([]dateKey, len(shelf))
		for i, it := range shelf {
			keys[i] = dateKey{it.date, int32(i)}
			if order == "Newest" {
				keys[i].date = -1 - it.date // descending, without overflow
			}
		}
		slices.SortFunc(keys, func(a, b dateKey) int {
			if c := cmp.Compare(a.date, b.date); c != 0 {
				return c
			}
			return cmp.Compare(a.pos, b.pos)
		})
		for i, k := range keys {
			out[i] = k.pos
		}
	case "Outlet", "Title":
		keys := make([]textKey, len(shelf))
		lower := map[string]string{} // outlets repeat
		for i, it := range shelf {
			text := it.title
			if order == "Outlet" {
				text = it.outlet
			}
			l, ok := lower[text]
			if !ok {
				l = strings.ToLower(text)
				if order == "Outlet" {
					lower[text] = l
				}
			}
			keys[i] = textKey{l, int32(i)}
		}
		slices.SortStableFunc(keys, func(a, b textKey) int { return strings.Compare(a.text, b.text) })
		for i, k := range keys {
			out[i] = k.pos
		}
	default:
		for i := range out {
			out[i] = int32(i)
		}
	}
	return out
}

type dateKey struct {
	date int64
	pos  int32
}

type textKey struct {
	text string
	pos  int32
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

// shelfSource is the shelf and the tags as quickopen.Collect reads a
// store: the titles it indexes are the shelf's own strings, and the tags
// are not read twice.
type shelfSource struct {
	shelf []shelfItem
	tags  []app.TagInfo
}

func (s shelfSource) Tags() ([]app.TagInfo, error) { return s.tags, nil }

func (s shelfSource) ForEachListing(fn func(app.Listing) error) error {
	for _, it := range s.shelf {
		if err := fn(app.Listing{ID: it.id, Title: it.title, Outlet: it.outlet}); err != nil {
			return err
		}
	}
	return nil
}
