package ui

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/internal/teststore"
)

// compareFold orders two strings as their lower-case forms would be,
// rune by rune: the reference the library's sort is held to.
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

func TestCompareFold(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"apple", "Apple", 0},
		{"apple", "Banana", -1},
		{"Zebra", "apple", 1},
		{"Київ", "київ", 0},
		{"Straße", "STRASSE", 1}, // ß is not ss: orders as its lower case does
		{"ab", "abc", -1},
		{"", "a", -1},
		{"ÉCOLE", "école", 0},
	} {
		got := compareFold(c.a, c.b)
		want := strings.Compare(strings.ToLower(c.a), strings.ToLower(c.b))
		if got != c.want || got != want {
			t.Errorf("compareFold(%q, %q) = %d, want %d (lower-case order %d)", c.a, c.b, got, c.want, want)
		}
	}
}

func TestSortDate(t *testing.T) {
	imported := time.Date(2026, 12, 8, 10, 0, 0, 500, time.UTC)
	for _, c := range []struct {
		published time.Time
		want      int64
	}{
		{time.Time{}, imported.UnixNano()}, // no publication date: the import's
		{time.Date(2026, 1, 2, 0, 0, 0, 7, time.UTC), time.Date(2026, 1, 2, 0, 0, 0, 7, time.UTC).UnixNano()},
		{time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC), math.MinInt64}, // bad metadata sorts first, not anywhere
		{time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), math.MaxInt64},
	} {
		if got := sortDate(c.published, imported); got != c.want {
			t.Errorf("published %v: %d, want %d", c.published, got, c.want)
		}
	}
}

// Sorting by title or outlet orders as lower-case text does, rune by
// rune, in any script, ties in ID order.
func TestSortShelfByTextAgreesWithCompareFold(t *testing.T) {
	texts := []string{"Київ відповідає", "київ", "Zelenskiy", "zelenskiy", "École", "ecole", "Straße", "STRASSE", "Ωmega", "ωmega", "", "a\xffb", "A\xfeb", "İstanbul", "istanbul"}
	var shelf []shelfItem
	for i := range 60 {
		shelf = append(shelf, shelfItem{id: app.ArticleID(i + 1), title: texts[(i*7)%len(texts)], outlet: texts[(i*11)%len(texts)]})
	}
	for _, c := range []struct {
		order string
		key   func(shelfItem) string
	}{{"Title", func(s shelfItem) string { return s.title }}, {"Outlet", func(s shelfItem) string { return s.outlet }}} {
		want := make([]int32, len(shelf))
		for i := range want {
			want[i] = int32(i)
		}
		slices.SortStableFunc(want, func(i, j int32) int { return compareFold(c.key(shelf[i]), c.key(shelf[j])) })
		if got := sortShelf(shelf, c.order); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", c.order, got, want)
		}
	}
}

func TestSortShelf(t *testing.T) {
	shelf := []shelfItem{
		{id: 1, date: 300, outlet: "bbc", title: "Zelenskiy replies"},
		{id: 2, date: 100, outlet: "Agence", title: "kremlin invites"},
		{id: 3, date: 300, outlet: "BBC", title: "Grain deal"},
		{id: 4, date: 200, outlet: "", title: "after the talks"},
	}
	ids := func(order []int32) []app.ArticleID {
		var out []app.ArticleID
		for _, k := range order {
			out = append(out, shelf[k].id)
		}
		return out
	}
	for _, c := range []struct {
		order string
		want  []app.ArticleID
	}{
		{"Newest", []app.ArticleID{1, 3, 4, 2}}, // ties in ID order
		{"Oldest", []app.ArticleID{2, 4, 1, 3}},
		{"Outlet", []app.ArticleID{4, 2, 1, 3}},
		{"Title", []app.ArticleID{4, 3, 2, 1}},
		{"", []app.ArticleID{1, 2, 3, 4}},
	} {
		if got := ids(sortShelf(shelf, c.order)); !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.order, got, c.want)
		}
	}
}

func TestArticleCacheForgetsTheOldest(t *testing.T) {
	var c articleCache
	for id := range app.ArticleID(articleCacheSize + 10) {
		c.put(app.Article{ID: id + 1})
	}
	if len(c.byID) != articleCacheSize {
		t.Fatalf("%d cached, want %d", len(c.byID), articleCacheSize)
	}
	if _, ok := c.get(1); ok {
		t.Error("the first article read is still cached")
	}
	if _, ok := c.get(articleCacheSize + 10); !ok {
		t.Error("the last article read is not cached")
	}
	c.put(app.Article{ID: articleCacheSize + 10, Meta: app.Meta{Title: "again"}}) // an update takes no new slot
	if a, _ := c.get(articleCacheSize + 10); a.Title != "again" || len(c.byID) != articleCacheSize {
		t.Errorf("after an update: %q, %d cached", a.Title, len(c.byID))
	}
}

// The library keeps a shelf item per article and reads whole articles
// only for the rows it draws: listing the demo collection leaves the
// cache holding at most the rows on screen, and every plain row is drawn
// with its outlet and date.
func TestLibraryReadsOnlyTheRowsItDraws(t *testing.T) {
	u, _ := loaded(t)
	if len(u.shelf) == 0 || len(u.lib.rows) != len(u.shelf) {
		t.Fatalf("%d rows for %d articles", len(u.lib.rows), len(u.shelf))
	}
	if len(u.cache.byID) > len(u.shelf) || len(u.cache.byID) > articleCacheSize {
		t.Errorf("%d articles read for %d rows", len(u.cache.byID), len(u.shelf))
	}
	for _, r := range u.lib.rows {
		if r.hit != nil {
			t.Fatalf("plain row %q carries a hit", r.title)
		}
		a, err := u.p.Store.FindArticleByID(r.id)
		if err != nil {
			t.Fatal(err)
		}
		if sub, _ := u.rowLine(r); sub != summaryLine(a, u.counts[r.id]) {
			t.Errorf("row %q reads %q, want %q", r.title, sub, summaryLine(a, u.counts[r.id]))
		}
	}
}

// The plain list is sorted once per shelf and order: clearing a search
// shows the same rows again, a new order sorts anew.
func TestPlainRowsAreSortedOnce(t *testing.T) {
	u, _ := loaded(t)
	first := &u.lib.rows[0]
	u.lib.query.SetText("river")
	u.jobs.Settle()
	u.lib.query.SetText("")
	u.jobs.Settle()
	if len(u.lib.rows) != len(u.shelf) || &u.lib.rows[0] != first {
		t.Error("clearing the search sorted the collection again")
	}
	u.lib.sort.SetSelected("Title")
	u.jobs.Settle()
	titles := rowTitles(u)
	if &u.lib.rows[0] == first || !slices.IsSortedFunc(titles, compareFold) {
		t.Errorf("by title: %q", titles)
	}
}

// BenchmarkPlainRows1M lists a million articles in each order, as the
// library does when its search box is cleared without the rows kept.
func BenchmarkPlainRows1M(b *testing.B) {
	shelf := make([]shelfItem, 1_000_000)
	for i := range shelf {
		shelf[i] = shelfItem{id: app.ArticleID(i + 1), date: int64(i*7919%1_000_003) * 1e9, outlet: []string{"BBC", "Meduza", "Kyiv Independent"}[i%3], title: "Kremlin invites Zelenskiy " + string(rune('a'+i%26))}
	}
	for _, order := range sortOrders {
		b.Run(order, func(b *testing.B) {
			for b.Loop() {
				sortShelf(shelf, order)
			}
		})
	}
}

// A large collection is sorted off the UI goroutine; an order chosen
// while another sorts wins.
func TestNewOrderSortsInTheBackground(t *testing.T) {
	saved := backgroundSort
	backgroundSort = 1
	defer func() { backgroundSort = saved }()
	u, _ := loaded(t)
	u.lib.sort.SetSelected("Title")
	u.lib.sort.SetSelected("Outlet") // before the first sort is shown
	u.jobs.Settle()
	if u.lib.plainBy != "Outlet" || len(u.lib.rows) != len(u.shelf) {
		t.Fatalf("after choosing Title, then Outlet: rows by %q, %d of %d", u.lib.plainBy, len(u.lib.rows), len(u.shelf))
	}
	u.lib.sort.SetSelected("Title")
	u.jobs.Settle()
	if got := rowTitles(u); !slices.IsSortedFunc(got, compareFold) {
		t.Errorf("by title: %q", got)
	}
	if !strings.Contains(u.status.Text, "articles ·") {
		t.Errorf("status after sorting: %q", u.status.Text)
	}
}

// The shelf comes out whole and in ID order however many chunks it was
// read in.
func TestReadShelfAcrossChunks(t *testing.T) {
	st, drafts := teststore.WithArticles(t, 10, 5)
	saved := shelfChunk
	defer func() { shelfChunk = saved }()
	for _, chunk := range []int{1, 3, 10, 64} {
		shelfChunk = chunk
		shelf, _, err := readShelf(st)
		if err != nil {
			t.Fatal(err)
		}
		if len(shelf) != len(drafts) {
			t.Fatalf("chunks of %d: %d items, want %d", chunk, len(shelf), len(drafts))
		}
		for i, it := range shelf {
			if it.id != app.ArticleID(i+1) || it.title != drafts[i].Title {
				t.Errorf("chunks of %d: item %d is #%d %q, want #%d %q", chunk, i, it.id, it.title, i+1, drafts[i].Title)
			}
		}
	}
}
