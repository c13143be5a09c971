package assets_test

import (
	"context"
	"testing"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/assets"
	"github.com/parallax-news/parallax/store"
)

// The demo collection imports cleanly: two outlets on one invented event,
// one article in two revisions, datelines and bylines read.
func TestDemoCollectionImports(t *testing.T) {
	s, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	im := importer.New(s)
	rep, err := im.Import(context.Background(), []string{"."}, importer.Options{FS: assets.Demo(), FSName: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed != 0 || rep.Imported != 4 || rep.Revisions != 1 || rep.Annotations != 5 {
		t.Fatalf("demo import: %d imported, %d revisions, %d annotations, %d failed", rep.Imported, rep.Revisions, rep.Annotations, rep.Failed)
	}
	st, _ := s.Stats()
	if st.Outlets["Riverton Ledger"] != 2 || st.Outlets["Valley Courier"] != 2 {
		t.Errorf("outlets = %v", st.Outlets)
	}
	err = s.ForEachArticle(func(a app.Article) error {
		if a.Dateline == "" || a.Byline == "" || a.Published.IsZero() || a.URL == "" || a.Language != "en" {
			t.Errorf("article %d lacks metadata: %+v", a.ID, a.Meta)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(assets.IconPNG) == 0 || assets.AppID == "" {
		t.Error("icon or app ID missing")
	}
}
