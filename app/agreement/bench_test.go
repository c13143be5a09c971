package agreement_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/agreement"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/internal/teststore"
)

// BenchmarkCodePoints100k compares two analysts with 50,000 annotations
// each on 10,000 articles (issue 22 asks for under 1 s at this count of
// annotations; the articles' count matters less: one read each).
func BenchmarkCodePoints100k(b *testing.B) {
	const articles, perAnalyst = 10000, 5
	st, drafts := teststore.WithArticles(b, articles, 120)
	var batch []app.Annotation
	for id := 1; id <= articles; id++ {
		text := anchor.NewText(drafts[id-1].Body)
		for k := range perAnalyst * 2 {
			analyst, start := "ana", (k/2)*120+(k%2)*7 // the two overlap in part
			if k%2 == 1 {
				analyst = "ben"
			}
			sel, _ := text.Describe(start, start+40)
			batch = append(batch, app.Annotation{URI: fmt.Sprintf("urn:x:%d:%d", id, k), Article: app.ArticleID(id), Revision: 1, Selector: sel,
				Status: anchor.Anchored, Tags: []string{fmt.Sprintf("code/%d", k%4)}, Color: app.DefaultColor, Analyst: analyst, Created: time.Unix(0, 0), Modified: time.Unix(0, 0)})
		}
		if len(batch) >= 5000 {
			if _, err := st.SaveAnnotations(batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	for b.Loop() {
		res, err := agreement.CodePoints(context.Background(), st, "ana", "ben", agreement.Options{})
		if err != nil || len(res) != 5 || res[4].Articles != articles {
			b.Fatalf("%d results, %v", len(res), err)
		}
	}
}
