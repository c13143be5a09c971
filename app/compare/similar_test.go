package compare_test

import (
	"slices"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/internal/teststore"
	"github.com/parallax-news/parallax/store"
)

// rankStore is a real store holding a ranking test's documents.
type rankStore struct {
	st    *store.Store
	ids   []app.ArticleID
	docOf map[app.ArticleID]int
}

func newRankStore(t testing.TB, docs []compare.RankDoc) rankStore {
	st := teststore.Open(t)
	drafts := make([]app.Draft, len(docs))
	for i, d := range docs {
		title, body := d.Text()
		m := app.Meta{Title: title, Imported: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		m.Hash, m.Words = app.HashAndCount(title, body)
		drafts[i] = app.Draft{Meta: m, Body: body}
	}
	stored, err := st.Ingest(drafts)
	if err != nil {
		t.Fatal(err)
	}
	rs := rankStore{st: st, docOf: map[app.ArticleID]int{}, ids: make([]app.ArticleID, len(docs))}
	for i, s := range stored {
		if s.Err != nil {
			t.Fatalf("document %d: %v", i, s.Err)
		}
		rs.ids[i] = s.ID
		if _, ok := rs.docOf[s.ID]; !ok {
			rs.docOf[s.ID] = i
		}
	}
	return rs
}

// similar answers with compare.Similar's top 10, as the CLI does by
// default, mapped back to indices into the documents.
func (rs rankStore) similar(t testing.TB, q int) []int {
	ns, err := compare.Similar(rs.st, rs.ids[q], 10)
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, n := range ns {
		out = append(out, rs.docOf[n.ID])
	}
	return out
}

// similarInStore imports docs into a real store and returns a ranking
// function that answers with compare.Similar.
func similarInStore(t testing.TB, docs []compare.RankDoc) func(q int) []int {
	rs := newRankStore(t, docs)
	return func(q int) []int { return rs.similar(t, q) }
}

// TestSimilarOnPAC ranks, for each PAC article, the 49 others: the other
// outlet's report of the same event should come first, though every
// story is US politics, at least as often as a plain TF-IDF cosine
// puts it there.
func TestSimilarOnPAC(t *testing.T) {
	docs := compare.PACRankDocs(t)
	compare.CheckRanking(t, docs, similarInStore(t, docs), [2]float64{}, true)
}

// TestSimilarOnSameEventSet hides the team's three-outlet reports of
// twelve events (testdata/same-event) among the 2,225 BBC articles: each
// report's two partners should be its two most similar articles, at least
// as often as a plain TF-IDF cosine puts them there (issue 27: 0.889 /
// 0.965) and no less than the 0.931 / 0.986 Similar reached.
func TestSimilarOnSameEventSet(t *testing.T) {
	docs := compare.SameEventDocs(t)
	compare.CheckRanking(t, docs, similarInStore(t, docs), [2]float64{0.93, 0.98}, true)
}

// BenchmarkSimilarBBC answers compare.Similar, as the CLI and the app
// ask it, for articles of a real store holding the BBC corpus and the
// same-event set: the signature scan, the "more like this" search, the
// store reads and the re-ranking (p50 per query). "signatures" is what
// Similar did before issue 27: the signature scan and its exact Jaccard
// re-ranking, and the articles' records.
func BenchmarkSimilarBBC(b *testing.B) {
	docs := compare.SameEventDocs(b)
	rs := newRankStore(b, docs)
	signatures := func(q int) {
		ns, err := rs.st.SimilarArticles(rs.ids[q], 10)
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range ns {
			if _, err := rs.st.FindArticleByID(app.ArticleID(n.ID)); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, c := range []struct {
		name string
		ask  func(q int)
	}{{"signatures", signatures}, {"similar", func(q int) { rs.similar(b, q) }}} {
		b.Run(c.name, func(b *testing.B) {
			var lat []time.Duration
			q := 0
			for b.Loop() {
				start := time.Now()
				c.ask((q * 7919) % len(docs))
				q++
				lat = append(lat, time.Since(start))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		})
	}
}
