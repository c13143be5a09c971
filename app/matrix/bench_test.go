package matrix

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/internal/teststore"
)

// BenchmarkMatrix100k builds each kind of table over a store of 100,000
// articles holding 50,000 annotations (two analysts, ten tags, seven
// outlets, a month per day of the generator): issue 22 asks under 2 s.
func BenchmarkMatrix100k(b *testing.B) {
	const articles, annotations = 100_000, 50_000
	st, drafts := teststore.WithArticles(b, articles, 20)
	var batch []app.Annotation
	for k := range annotations {
		id := 1 + (k*7919)%articles
		sel, _ := anchor.NewText(drafts[id-1].Body).Describe(0, 12)
		tags := []string{fmt.Sprintf("code/%d", k%10)}
		if k%3 == 0 {
			tags = append(tags, fmt.Sprintf("code/%d", (k+1)%10))
		}
		batch = append(batch, app.Annotation{URI: fmt.Sprintf("urn:x:%d", k), Article: app.ArticleID(id), Revision: 1, Selector: sel,
			Status: anchor.Anchored, Tags: tags, Color: app.DefaultColor, Analyst: []string{"ana", "ben"}[k%2], Created: time.Unix(0, 0), Modified: time.Unix(0, 0)})
		if len(batch) == 5000 {
			if _, err := st.SaveAnnotations(batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	for _, s := range []Spec{
		{Rows: Article, Cols: Tag, Count: Annotations, Binary: true},
		{Rows: Tag, Cols: Outlet, Count: Annotations},
		{Rows: Tag, Cols: Tag, Count: Annotations},
		{Rows: Tag, Cols: Month, Count: Articles},
		{Rows: Analyst, Cols: Outlet, Count: Words},
	} {
		b.Run(fmt.Sprintf("%s-by-%s", s.Rows, s.Cols), func(b *testing.B) {
			for b.Loop() {
				t, err := Build(context.Background(), st, s)
				if err != nil || len(t.RowIs) == 0 {
					b.Fatal(len(t.RowIs), err)
				}
			}
		})
	}
}
