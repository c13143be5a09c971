package agreement_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/agreement"
	"github.com/parallax-news/parallax/internal/teststore"
)

// Two analysts code the same article; the code-point tables count what
// each coded, per tag and pooled, and an article only one coded does not
// count.
func TestCodePoints(t *testing.T) {
	st := teststore.Open(t)
	body := strings.Repeat("x", 100)
	for _, title := range []string{"Both coded", "Only Ana coded"} {
		m := app.Meta{Title: title, Imported: time.Unix(0, 0)}
		m.Hash, m.Words = app.HashAndCount(title, body)
		if _, err := st.Ingest([]app.Draft{{Meta: m, Body: body}}); err != nil {
			t.Fatal(err)
		}
	}
	code := func(analyst string, article app.ArticleID, start, end int, tag string) {
		t.Helper()
		an := app.Annotator{Store: st, Analyst: analyst}
		if _, err := an.Annotate(app.AnnotateInput{Article: article, Span: app.Span{Start: start, End: end}, Tags: []string{tag}}); err != nil {
			t.Fatal(err)
		}
	}
	code("Ana", 1, 0, 20, "claim/cost")  // Ana: 0-20 cost
	code("Ben", 1, 10, 30, "claim/cost") // Ben: 10-30: 10 shared
	code("Ana", 1, 50, 60, "actor")      // only Ana
	code("Ben", 1, 55, 58, "actor/mayor")
	code("Ana", 2, 0, 50, "claim/cost") // Ben never coded article 2
	res, err := agreement.CodePoints(context.Background(), st, "ana", "BEN", agreement.Options{Tags: []string{"claim", "actor"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]agreement.Table{
		"claim": {{70, 10}, {10, 10}},
		"actor": {{90, 0}, {7, 3}},
		"":      {{160, 10}, {17, 13}},
	}
	if len(res) != 3 {
		t.Fatalf("%d results", len(res))
	}
	for _, r := range res {
		w := want[r.Tag]
		if r.Articles != 1 || r.Table[0][0] != w[0][0] || r.Table[0][1] != w[0][1] || r.Table[1][0] != w[1][0] || r.Table[1][1] != w[1][1] {
			t.Errorf("%q: %d articles, table %v, want 1 and %v", r.Tag, r.Articles, r.Table, w)
		}
	}
	if k := res[0].Kappa(); k <= 0 || k >= 1 {
		t.Errorf("kappa on claim: %v", k)
	}
	var claim agreement.Result
	for _, r := range res {
		if r.Tag == "claim" {
			claim = r
		}
	}
	got := ""
	for _, d := range claim.Disagreements {
		got += fmt.Sprintf("%d:%d-%d %s; ", d.Article, d.Start, d.End, d.CodedBy)
	}
	if want := "1:0-10 ana; 1:20-30 BEN; "; got != want {
		t.Errorf("disagreements %q, want %q", got, want)
	}
	// The unitizing alphas are those of the same units laid out by hand
	// on article 1, the only one both coded (100 code points): claim
	// 0-20 against 10-30; actor 50-60 against 55-58.
	segs := []agreement.Segment{{Observer: 0, Start: 0, End: 20, Value: "claim"}, {Observer: 1, Start: 10, End: 30, Value: "claim"},
		{Observer: 0, Start: 50, End: 60, Value: "actor"}, {Observer: 1, Start: 55, End: 58, Value: "actor"}}
	byHand := agreement.UnitizingAlpha(0, 100, 2, segs)
	for _, r := range res {
		want := byHand.Alpha
		if r.Tag != "" {
			want = byHand.Values[r.Tag].Alpha
		}
		if r.UAlpha != want || r.UAlpha >= 1 {
			t.Errorf("%q: uα %v, by hand %v", r.Tag, r.UAlpha, want)
		}
	}
	// Article level: both coded claim and actor in article 1, the only
	// article compared.
	for _, r := range res {
		if r.Tag != "" && r.ArticleTable[1][1] != 1 {
			t.Errorf("%q: article table %v, want both coding article 1", r.Tag, r.ArticleTable)
		}
	}
	if pooledArticles := res[len(res)-1].ArticleTable; pooledArticles[1][1] != 2 {
		t.Errorf("pooled article table %v: want 2 article-tag units coded by both", pooledArticles)
	}
}
