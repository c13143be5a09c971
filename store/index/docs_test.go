package index

import (
	"slices"
	"testing"

	"github.com/parallax-news/parallax/app/search"
)

// TestDocTableAcrossPages: documents on either side of a page boundary
// and far past the end read back as put, dropped ones are gone, and the
// article count and mean length follow.
func TestDocTableAcrossPages(t *testing.T) {
	t.Parallel()
	tab := docTable{outlets: []string{""}, outletOf: map[string]uint32{"": 0}}
	docs := map[uint32]search.Doc{
		1:             {Kind: search.ArticleDoc, ID: 7, TitleLen: 3, Len: 100, Date: 1700000000, Outlet: "TASS"},
		docPage - 1:   {Kind: search.AnnotationDoc, ID: 9, Article: 7, Len: 12},
		docPage:       {Kind: search.ArticleDoc, ID: 8, TitleLen: 5, Len: 300, Date: -86400, Outlet: "Kyiv Independent"},
		5*docPage + 3: {Kind: search.ArticleDoc, ID: 11, Len: 200, Outlet: "TASS"},
	}
	for n, d := range docs {
		tab.put(n, d)
	}
	for n, want := range docs {
		if got, ok := tab.doc(n); !ok || got != want {
			t.Errorf("doc %d = %+v, %v; want %+v", n, got, ok, want)
		}
	}
	for _, n := range []uint32{0, 2, docPage + 1, 5 * docPage, 9 * docPage} {
		if d, ok := tab.doc(n); ok {
			t.Errorf("doc %d is live: %+v", n, d)
		}
	}
	if len(tab.outlets) != 3 {
		t.Errorf("outlets %q: each should be held once", tab.outlets)
	}
	tab.drop(docPage)
	tab.drop(docPage) // twice: no change
	if _, ok := tab.doc(docPage); ok {
		t.Error("a dropped document is still live")
	}
	v := View{t: &tab}
	if n, avg := v.Articles(); n != 2 || avg != 150 {
		t.Errorf("Articles() = %d, %v; want 2, 150", n, avg)
	}
	var seen []uint32
	v.ForEachArticleDoc(func(n uint32, d search.Doc) {
		if d != docs[n] {
			t.Errorf("doc %d is %+v in ForEachArticleDoc", n, d)
		}
		seen = append(seen, n)
	})
	if want := []uint32{1, 5*docPage + 3}; !slices.Equal(seen, want) {
		t.Errorf("ForEachArticleDoc saw %v, want %v", seen, want)
	}
}
