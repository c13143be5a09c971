package autocode

import (
	"context"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/internal/testenv"
	"github.com/parallax-news/parallax/internal/teststore"
)

// BenchmarkAutocodeBBC codes every match of a query with over 10,000
// hits in the BBC corpus, from the search to the last batch on disk
// (issue 22: under 2 s), then undoes it outside the timer.
func BenchmarkAutocodeBBC(b *testing.B) {
	st := teststore.Open(b)
	if _, err := importer.New(st).Import(context.Background(), []string{testenv.Data(b, "news-corpus", "bbc")}, importer.Options{}); err != nil {
		b.Fatal(err)
	}
	spec := Spec{Query: "said OR year OR people", Tags: []string{"auto/said"}, Analyst: "bench"}
	n, run := 0, 0
	for b.Loop() {
		run++
		p, err := Preview(context.Background(), st, spec)
		if err != nil || len(p.Passages) < 10_000 {
			b.Fatalf("%d passages, %v", len(p.Passages), err)
		}
		res, err := Apply(context.Background(), st, p, time.Unix(int64(1_800_000_000+run), 0), nil)
		if err != nil || res.Annotations != len(p.Passages) {
			b.Fatal(res, err)
		}
		n = res.Annotations
		b.StopTimer()
		if _, err := Undo(st, res.Batch); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(n), "passages")
}
