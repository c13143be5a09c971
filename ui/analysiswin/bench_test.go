package analysiswin

import (
	"context"
	"image/color"
	"testing"
	"time"

	"gonum.org/v1/plot"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/autocode"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/app/matrix"
	"github.com/parallax-news/parallax/internal/testenv"
	"github.com/parallax-news/parallax/internal/teststore"
	"github.com/parallax-news/parallax/ui/charts"
)

// BenchmarkRedrawBBC is what a change of filter costs in the Analysis
// window on the BBC corpus coded by autocode (six tags, the passages
// counted in the "passages" metric): the table built from the store and
// the chart drawn, for each chart (issue 22: under 200 ms).
func BenchmarkRedrawBBC(b *testing.B) {
	st := teststore.Open(b)
	if _, err := importer.New(st).Import(context.Background(), []string{testenv.Data(b, "news-corpus", "bbc")}, importer.Options{}); err != nil {
		b.Fatal(err)
	}
	for i, q := range []string{"said", "year", "people", "government", "market", "film"} {
		p, err := autocode.Preview(context.Background(), st, autocode.Spec{Query: q, Tags: []string{"topic/" + q}, Analyst: []string{"ana", "ben"}[i%2]})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := autocode.Apply(context.Background(), st, p, time.Unix(int64(i), 0), nil); err != nil {
			b.Fatal(err)
		}
	}
	coded := 0
	st.ForEachAnnotation(app.AnnotationFilter{}, func(app.Annotation) error { coded++; return nil })
	colors := charts.Colors{Foreground: color.White, Background: color.Black}
	for _, c := range []struct {
		chart string
		spec  matrix.Spec
	}{
		{ByOutlet, matrix.Spec{Rows: matrix.Tag, Cols: matrix.Outlet, Count: matrix.Annotations}},
		{Cooccurrence, matrix.Spec{Rows: matrix.Tag, Cols: matrix.Tag, Count: matrix.Annotations}},
		{OverTime, matrix.Spec{Rows: matrix.Outlet, Cols: matrix.Week, Count: matrix.Articles}},
	} {
		b.Run(c.chart, func(b *testing.B) {
			for b.Loop() {
				t, err := matrix.Build(context.Background(), st, c.spec)
				if err == nil {
					var p *plot.Plot
					if p, err = plotOf(c.chart, charts.Top(t, charts.Most), colors); err == nil {
						charts.Image(p, 960, 540)
					}
				}
				if err != nil || len(t.RowIs) == 0 {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(coded), "passages")
		})
	}
}
