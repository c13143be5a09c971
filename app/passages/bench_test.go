package passages

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/internal/teststore"
)

// BenchmarkList50k lists the passages of a tag over 50,000 annotations
// on 5,000 articles (issue 23: under 300 ms). The tag is on every other
// annotation, so half come back; "all" lists every one.
func BenchmarkList50k(b *testing.B) {
	const articles, perArticle = 5000, 10
	st, drafts := teststore.WithArticles(b, articles, 200)
	var batch []app.Annotation
	for id := 1; id <= articles; id++ {
		text := anchor.NewText(drafts[id-1].Body)
		for k := range perArticle {
			start := k * 60
			sel, _ := text.Describe(start, start+20)
			tags := []string{"topic/all"}
			if k%2 == 0 {
				tags = append(tags, "claim/cost")
			}
			batch = append(batch, app.Annotation{URI: fmt.Sprintf("urn:x:%d:%d", id, k), Article: app.ArticleID(id), Revision: 1,
				Selector: sel, Status: anchor.Anchored, Tags: tags, Color: app.DefaultColor, Analyst: "ana", Created: time.Unix(0, 0), Modified: time.Unix(0, 0)})
		}
		if len(batch) >= 5000 {
			if _, err := st.SaveAnnotations(batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	b.Run("foreach", func(b *testing.B) {
		for b.Loop() {
			n := 0
			st.ForEachAnnotation(app.AnnotationFilter{}, func(app.Annotation) error { n++; return nil })
		}
	})
	for _, c := range []struct {
		name string
		f    Filter
		want int
	}{{"tag", Filter{Tag: "claim/cost"}, articles * perArticle / 2}, {"all", Filter{}, articles * perArticle}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				ps, err := List(context.Background(), st, c.f)
				if err != nil || len(ps) != c.want {
					b.Fatalf("%d passages, %v; want %d", len(ps), err, c.want)
				}
			}
		})
	}
}
