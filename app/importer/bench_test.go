package importer_test

import (
	"context"
	"testing"

	"github.com/parallax-news/parallax/internal/testenv"
	"github.com/parallax-news/parallax/internal/teststore"

	"github.com/parallax-news/parallax/app/importer"
)

// BenchmarkImportBBC imports the whole BBC corpus into a fresh store per
// iteration: read, decode, parse, normalise, de-duplicate and commit.
func BenchmarkImportBBC(b *testing.B) {
	folders := testenv.BBCFolders(b)
	var files int
	for b.Loop() {
		b.StopTimer()
		s := teststore.Open(b)
		b.StartTimer()
		im := importer.Importer{Store: s}
		rep, err := im.Import(context.Background(), folders, importer.Options{Outlet: "BBC"})
		if err != nil || rep.Failed > 0 {
			b.Fatalf("%v, %d failed", err, rep.Failed)
		}
		files += rep.Files
	}
	b.ReportMetric(float64(files)/b.Elapsed().Seconds(), "files/s")
}
