package importer_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/teststore"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/internal/testenv"
	"github.com/parallax-news/parallax/store"
)

// The BBC corpus: 2,225 files, 100 duplicates (98 byte-identical, 2 with
// other paragraph breaks), 29 stories in two versions.
func TestImportBBCCorpus(t *testing.T) {
	s := teststore.Open(t)
	im := importer.Importer{Store: s}
	rep, err := im.Import(context.Background(), testenv.BBCFolders(t), importer.Options{Outlet: "BBC"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Files != 2225 || rep.FilesDone != 2225 {
		t.Errorf("files %d done %d, want 2225", rep.Files, rep.FilesDone)
	}
	if rep.Imported != 2096 || rep.Revisions != 29 || rep.Duplicates != 100 || rep.Failed != 0 {
		t.Errorf("imported %d, revisions %d, duplicates %d, failed %d; want 2096, 29, 100, 0",
			rep.Imported, rep.Revisions, rep.Duplicates, rep.Failed)
	}
	st, err := s.Stats()
	if err != nil || st.Articles != 2096 || st.Revisions != 2125 || st.Outlets["BBC"] != 2096 {
		t.Errorf("stats = %+v, %v", st, err)
	}

	// Every file's stored title is the index's title.
	index := testenv.Data(t, "news-corpus", "bbc-index.tsv")
	f, err := os.Open(index)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	titles := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		titles[cols[0]] = cols[4]
	}
	root := filepath.Dir(testenv.Data(t, "news-corpus", "bbc"))
	for _, r := range rep.Results {
		rel, _ := filepath.Rel(root, r.Path)
		want, ok := titles[filepath.ToSlash(rel)]
		if !ok {
			t.Errorf("%s is not in the index", rel)
			continue
		}
		rev, err := s.FindRevision(r.ID, r.Revision)
		if err != nil {
			t.Fatal(err)
		}
		// Stored text has runs of white space collapsed (politics/084's
		// index title has a double space).
		if rev.Title != strings.Join(strings.Fields(want), " ") {
			t.Errorf("%s: stored title %q, index says %q", rel, rev.Title, want)
		}
	}

	// The Latin-1 file decodes to the right characters.
	for _, r := range rep.Results {
		if strings.HasSuffix(r.Path, filepath.Join("sport", "199.txt")) {
			rev, _ := s.FindRevision(r.ID, r.Revision)
			if !strings.Contains(rev.Body, "£") || strings.ContainsRune(rev.Body, '\uFFFD') {
				t.Errorf("sport/199.txt body lost its pound signs: %.200q", rev.Body)
			}
		}
	}

	// business/254 and business/447 are two versions of one story.
	ids := map[string]app.Stored{}
	for _, r := range rep.Results {
		ids[filepath.Base(filepath.Dir(r.Path))+"/"+filepath.Base(r.Path)] = app.Stored{ID: r.ID, Revision: r.Revision, Outcome: r.Outcome}
	}
	a, b := ids["business/254.txt"], ids["business/447.txt"]
	if a.ID != b.ID || a.Revision == b.Revision {
		t.Errorf("business/254 (%d.%d) and business/447 (%d.%d) should be two revisions of one article", a.ID, a.Revision, b.ID, b.Revision)
	}
	for _, pair := range [][2]string{{"sport/181.txt", "sport/182.txt"}, {"sport/438.txt", "sport/432.txt"}} {
		x, y := ids[pair[0]], ids[pair[1]]
		if x.ID != y.ID || x.Revision != y.Revision {
			t.Errorf("%s and %s differ only in paragraph breaks: stored as %d.%d and %d.%d", pair[0], pair[1], x.ID, x.Revision, y.ID, y.Revision)
		}
	}

	// Importing again changes nothing.
	again, err := im.Import(context.Background(), testenv.BBCFolders(t), importer.Options{Outlet: "BBC"})
	if err != nil || again.Duplicates != 2225 {
		t.Errorf("second import: %d duplicates of 2225, %v", again.Duplicates, err)
	}
}

func TestImportSeedArticle(t *testing.T) {
	s := teststore.Open(t)
	im := importer.Importer{Store: s}
	rep, err := im.Import(context.Background(), []string{testenv.Data(t, "seed", "kremlin-invites-zelenskiy.txt")}, importer.Options{})
	if err != nil || rep.Imported != 1 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	r, err := s.FindRevision(rep.Results[0].ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "Kremlin Says Russia Invites Zelenskiy to Moscow for Peace Talks" {
		t.Errorf("title %q", r.Title)
	}
	if r.Dateline != "Moscow" {
		t.Errorf("dateline %q", r.Dateline)
	}
	if n := len(app.Paragraphs(r.Body)); n != 12 || r.Paragraphs != 12 {
		t.Errorf("%d paragraphs (meta says %d), want 12", n, r.Paragraphs)
	}
	if strings.Contains(r.Body, "LatestNewsWorld") || strings.Contains(r.Title, "LatestNewsWorld") {
		t.Error("the navigation crumb was stored")
	}
	if !strings.Contains(r.Body, "Moscow – Russia") || !strings.Contains(r.Body, "other’s energy") {
		t.Error("the en dash or curly apostrophe was not kept")
	}
}

// Every feed is imported or rejected with a reason naming its file; none
// aborts the batch.
func TestImportFeedsFolder(t *testing.T) {
	s := teststore.Open(t)
	im := importer.Importer{Store: s}
	root := testenv.Data(t, "feeds")
	rep, err := im.Import(context.Background(), []string{root}, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.FilesDone != rep.Files || rep.Files < 170 {
		t.Errorf("read %d of %d files", rep.FilesDone, rep.Files)
	}
	for _, r := range rep.Results {
		if r.Outcome == app.Failed && !strings.Contains(r.Err.Error(), r.Path) {
			t.Errorf("error does not name the file: %v", r.Err)
		}
	}
	st, _ := s.Stats()
	if st.Articles < 500 || st.Partial == 0 {
		t.Errorf("feeds gave %d articles, %d partial", st.Articles, st.Partial)
	}
	t.Logf("feeds: %d files, %d articles, %d partial, %d failed", rep.Files, st.Articles, st.Partial, rep.Failed)
}

// A bad file between good ones is reported; the good ones are stored.
func TestImportOneBadFileNeverStopsTheBatch(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("First headline\n\nBody one."), 0o600)
	os.WriteFile(filepath.Join(dir, "b.xml"), []byte("<?xml version=\"1.0\"?><rss><channel><item><title>broken"), 0o600)
	os.WriteFile(filepath.Join(dir, "c.txt"), []byte{}, 0o600)
	os.WriteFile(filepath.Join(dir, "d.md"), []byte("# Second headline\n\nBody two."), 0o600)
	os.WriteFile(filepath.Join(dir, ".hidden.txt"), []byte("Hidden\n\nskipped"), 0o600)
	s := teststore.Open(t)
	im := importer.Importer{Store: s}
	rep, err := im.Import(context.Background(), []string{dir, filepath.Join(dir, "missing.txt")}, importer.Options{Outlet: "Own"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 2 || rep.Failed != 3 || rep.Files != 5 {
		t.Errorf("imported %d failed %d files %d, want 2, 3, 5", rep.Imported, rep.Failed, rep.Files)
	}
	var msgs []string
	for _, r := range rep.Results {
		if r.Err != nil {
			msgs = append(msgs, r.Err.Error())
		}
	}
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{"b.xml: feed:", "c.txt: empty file", "missing.txt: no such file"} {
		if !strings.Contains(joined, want) {
			t.Errorf("errors %q lack %q", joined, want)
		}
	}
}

func TestImportStdinAndEncodings(t *testing.T) {
	s := teststore.Open(t)
	im := importer.Importer{Store: s}
	latin1 := []byte("Caf\xe9 owners protest\r\n\r\nPrices rose by \xa35.\r\n")
	rep, err := im.Import(context.Background(), []string{"-"}, importer.Options{Stdin: strings.NewReader(string(latin1)), Now: func() time.Time { return time.Unix(0, 0) }})
	if err != nil || rep.Imported != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	r, _ := s.FindRevision(1, 0)
	if r.Title != "Café owners protest" || r.Body != "Prices rose by £5." || r.Origin.Path != "-" {
		t.Errorf("stdin article = %q / %q / %q", r.Title, r.Body, r.Origin.Path)
	}
}

func TestImportCancel(t *testing.T) {
	s := teststore.Open(t)
	im := importer.Importer{Store: s}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	rep, err := im.Import(ctx, testenv.BBCFolders(t), importer.Options{Outlet: "BBC", Progress: func(p app.ImportProgress) {
		if calls++; p.FilesDone == 300 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Canceled || rep.FilesDone >= rep.Files {
		t.Errorf("canceled=%v after %d of %d files", rep.Canceled, rep.FilesDone, rep.Files)
	}
	// Everything reported is stored, and only that.
	st, _ := s.Stats()
	if st.Articles != rep.Imported || st.Revisions != rep.Imported+rep.Revisions {
		t.Errorf("store has %d articles/%d revisions, report says %d imported/%d revisions", st.Articles, st.Revisions, rep.Imported, rep.Revisions)
	}
}

// failingStore fails the third batch it is asked to write, and counts
// how often its imports are ended.
type failingStore struct {
	*store.Store
	writes, ends int
}

func (f *failingStore) BeginImport() app.Import { return &failingImport{f, f.Store.BeginImport()} }

type failingImport struct {
	f *failingStore
	app.Import
}

func (i *failingImport) Write(p app.PreparedBatch) ([]app.Stored, error) {
	if i.f.writes++; i.f.writes == 3 {
		return nil, errors.New("disk full")
	}
	return i.Import.Write(p)
}

func (i *failingImport) End() error {
	i.f.ends++
	return i.Import.End()
}

// Batches are prepared ahead and written one at a time: when the store
// fails, the batches written before are reported and stored (and the import
// ended: durable), and nothing after them is
// reported as stored.
func TestImportStoreFailureMidway(t *testing.T) {
	s := &failingStore{Store: teststore.Open(t)}
	im := importer.Importer{Store: s}
	rep, err := im.Import(context.Background(), testenv.BBCFolders(t), importer.Options{Outlet: "BBC"})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("error %v, want the store's", err)
	}
	stored := 0
	for _, r := range rep.Results {
		if r.ID != 0 {
			stored++
		} else if r.Outcome != app.Failed {
			t.Errorf("%s: outcome %v without an article", r.Path, r.Outcome)
		}
	}
	st, _ := s.Stats()
	if stored != 512 || st.Revisions != rep.Imported+rep.Revisions || rep.Imported+rep.Revisions+rep.Duplicates != 512 {
		t.Errorf("%d results stored (want the first two batches, 512), store has %d revisions; report: %d imported, %d revisions, %d duplicates",
			stored, st.Revisions, rep.Imported, rep.Revisions, rep.Duplicates)
	}
	if s.ends != 1 {
		t.Errorf("the import was ended %d times after the failure, want once", s.ends)
	}
}

// The team's own samples, one per format, imported as a folder.
func TestImportOwnSamples(t *testing.T) {
	s := teststore.Open(t)
	im := importer.Importer{Store: s}
	rep, err := im.Import(context.Background(), []string{filepath.Join("..", "..", "testdata", "samples")}, importer.Options{Outlet: "Fallback"})
	if err != nil {
		t.Fatal(err)
	}
	// compressed-feed.bin is feed.xml gzipped: its two items are duplicates.
	if rep.Files != 4 || rep.Imported != 4 || rep.Duplicates != 2 || rep.Failed != 0 {
		t.Fatalf("files %d: imported %d, duplicates %d, failed %d", rep.Files, rep.Imported, rep.Duplicates, rep.Failed)
	}
	byTitle := map[string]app.Revision{}
	s.ForEachArticle(func(a app.Article) error {
		r, err := s.FindRevision(a.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		byTitle[a.Title] = r
		return nil
	})
	page, ok := byTitle["Kessel river trust warns on minimum flow"]
	if !ok {
		t.Fatalf("page not found; titles: %v", byTitle)
	}
	if page.Outlet != "Valley Courier" || page.Byline != "Petra Lind" || page.Language != "en" ||
		page.URL != "https://courier.example/news/kessel-minimum-flow" || page.Published.IsZero() || page.Dateline != "Estvale City" {
		t.Errorf("page metadata = %+v", page.Meta)
	}
	if page.Paragraphs != 4 || strings.Contains(page.Body, "Advertisement") || strings.Contains(page.Body, "Most read") {
		t.Errorf("page body (%d paragraphs) kept clutter or lost breaks:\n%s", page.Paragraphs, page.Body)
	}
	full, summary := byTitle["Estvale assembly approves dam agreement"], byTitle["Monitoring board names its chair"]
	if full.Partial || !summary.Partial || full.Byline != "Mara Quist" || full.Origin.GUID != "ledger-2026-0412" || full.Outlet != "Riverton Ledger" {
		t.Errorf("feed items: %+v / %+v", full.Meta, summary.Meta)
	}
	latin := byTitle["Café owners in Drom count the cost"]
	if latin.Outlet != "Fallback" || !strings.Contains(latin.Body, "DROM – Owners") || !strings.Contains(latin.Body, "£12,000") || latin.Dateline != "Drom" {
		t.Errorf("windows-1252 text: %+v\n%s", latin.Meta, latin.Body)
	}
}

// Hostile files, generated here: unbounded text that must not reach a
// key, content that is no article, an article too large to store. Each
// fails alone with its file's name, or lands; the good files land.
func TestImportHostileFilesFailAlone(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	longTitle := strings.Repeat("A", 70_000)
	write("long-title.xml", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><item><title>`+longTitle+
		`</title><link>https://example.com/`+strings.Repeat("p", 70_000)+`</link><description>A real item.</description></item></channel></rss>`))
	write("long-word.txt", []byte("Headline of an unbroken line\n\n"+strings.Repeat("x", 5<<20)+"\n"))
	write("blank.txt", []byte("  \n\n\t \n"))
	write("nul.txt", make([]byte, 100))
	write("paper.txt", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"))
	for i := range 3 {
		write(fmt.Sprintf("ok%d.txt", i), []byte(fmt.Sprintf("Fine headline %d\n\nOrdinary text %d.\n", i, i)))
	}
	s := teststore.Open(t)
	rep, err := (&importer.Importer{Store: s}).Import(context.Background(), []string{dir}, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	outcome := map[string]string{}
	for _, r := range rep.Results {
		o := r.Outcome.String()
		if r.Err != nil {
			o = r.Err.Error()
		}
		outcome[filepath.Base(r.Path)] = o
	}
	for name, want := range map[string]string{
		"long-title.xml": "imported", "long-word.txt": "imported", "ok0.txt": "imported", "ok1.txt": "imported", "ok2.txt": "imported",
		"blank.txt": "blank.txt: text: no article text found", "nul.txt": "nul.txt: not text: looks like binary data",
		"paper.txt": "paper.txt: not text: looks like a PDF document",
	} {
		if got := outcome[name]; !strings.Contains(got, want) {
			t.Errorf("%s: %.100q, want %q", name, got, want)
		}
	}
	if rep.Imported != 5 || rep.Failed != 3 {
		t.Errorf("%d imported, %d failed; want 5, 3", rep.Imported, rep.Failed)
	}
	res, err := search.Run(s, strings.Repeat("x", 1000), 10)
	if err != nil || len(res.Hits) != 1 {
		t.Errorf("searching the unbroken word: %d hits, %v", len(res.Hits), err)
	}
}

// A store inside the folder imported (or the store itself) is passed
// over with a note, not read as articles.
func TestImportSkipsStoreFolders(t *testing.T) {
	dir := t.TempDir()
	inner := teststore.OpenAt(t, filepath.Join(dir, "my-store"))
	if _, err := inner.Ingest([]app.Draft{{Meta: app.Meta{Title: "Hello Badger", Hash: app.ContentHash("Hello Badger", "Body.")}, Body: "Body."}}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "story.txt"), []byte("A real headline\n\nA real story.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := teststore.Open(t)
	for _, root := range []string{dir, filepath.Join(dir, "my-store")} {
		rep, err := (&importer.Importer{Store: s}).Import(context.Background(), []string{root}, importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Skipped) != 1 || rep.Skipped[0].Path != filepath.Join(dir, "my-store") || !strings.Contains(rep.Skipped[0].Reason, "Parallax store") {
			t.Errorf("import %s: skipped %+v", root, rep.Skipped)
		}
		if rep.Failed != 0 {
			t.Errorf("import %s: %d failed: %+v", root, rep.Failed, rep.Results)
		}
	}
	if st, _ := s.Stats(); st.Articles != 1 {
		t.Errorf("%d articles, want only story.txt's", st.Articles)
	}
}

// A text far larger than any article fails alone, early, with a clear
// reason; an article just within the limit lands.
func TestImportArticleSizeLimit(t *testing.T) {
	dir := t.TempDir()
	line := "Words of a very long report on the dam deal and the council vote. "
	within := "Within the limit\n\n" + strings.Repeat(line, (app.MaxArticleBytes-100)/len(line)) + "\n"
	over := "Over the limit\n\n" + strings.Repeat(line, 2*app.MaxArticleBytes/len(line)+1) + "\n"
	middle := "Over once decoded\n\n" + strings.Repeat(line, 3*app.MaxArticleBytes/2/len(line)) + "\n"
	for name, text := range map[string]string{"within.txt": within, "over.txt": over, "over.md": "# " + over, "middle.txt": middle} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := (&importer.Importer{Store: teststore.Open(t)}).Import(context.Background(), []string{dir}, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 1 || rep.Failed != 3 {
		t.Fatalf("%d imported, %d failed; want 1, 3: %+v", rep.Imported, rep.Failed, rep.Results)
	}
	for _, r := range rep.Results {
		if r.Err != nil && !strings.Contains(r.Err.Error(), "more than one article holds (at most 8 MB): split it into articles") {
			t.Errorf("%s: %v", r.Path, r.Err)
		}
	}
}

// "Tag each sub-folder's articles with its name": a folder of sections
// becomes a tag per section, nested folders a nested tag, and the tags
// given for the whole import stay.
func TestImportTagsSubFolders(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"top.txt":                  "Top story\n\nAt the root.",
		"Business/a.txt":           "Markets rise\n\nShares rose.",
		"Business/Energy/b.txt":    "Oil falls\n\nPrices fell.",
		"sport/c.txt":              "Cup final\n\nA late goal.",
		"sport/match reports/d.md": "# Derby report\n\nA draw.",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o600)
	}
	s := teststore.Open(t)
	im := importer.Importer{Store: s}
	if _, err := im.Import(context.Background(), []string{dir}, importer.Options{Tags: []string{"batch/march"}, TagFolders: true}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Top story":    "batch/march",
		"Markets rise": "Business,batch/march",
		"Oil falls":    "Business/Energy,batch/march",
		"Cup final":    "batch/march,sport",
		"Derby report": "batch/march,sport/match reports",
	}
	s.ForEachArticle(func(a app.Article) error {
		if got := strings.Join(a.Tags, ","); got != want[a.Title] {
			t.Errorf("%q: tags %q, want %q", a.Title, got, want[a.Title])
		}
		delete(want, a.Title)
		return nil
	})
	if len(want) != 0 {
		t.Errorf("not imported: %v", want)
	}
}

// A broken feed's whole items are imported, and the report says the
// file was read in part and what was lost.
func TestImportSalvagesABrokenFeed(t *testing.T) {
	s := teststore.Open(t)
	im := importer.Importer{Store: s}
	path := filepath.Join("..", "..", "testdata", "feeds", "cut-short.xml")
	rep, err := im.Import(context.Background(), []string{path}, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 4 || rep.Failed != 0 || len(rep.Salvaged) != 1 || !strings.Contains(rep.Salvaged[0].Reason, "salvaged 4 items") {
		t.Fatalf("imported %d, failed %d, salvaged %+v", rep.Imported, rep.Failed, rep.Salvaged)
	}
	if rows := rep.Rows(); rows[0].Kind != "salvaged" || !strings.Contains(rep.Summary(), "1 read in part") {
		t.Errorf("report: %+v / %s", rows[0], rep.Summary())
	}
}

// Files are parsed ahead through a ring of slots a few times the
// workers; many more files than slots, with failures among them and
// parsers finishing out of order, are stored in file order, each once.
func TestImportKeepsFileOrderThroughTheRing(t *testing.T) {
	dir := t.TempDir()
	const n = 300
	for i := range n {
		body := fmt.Sprintf("Headline %03d\n\n%s", i, strings.Repeat("word ", 1+(i*37)%400)) // uneven parse times
		if i%29 == 0 {
			body = "" // fails: an empty file
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s := teststore.Open(t)
	rep, err := (&importer.Importer{Store: s}).Import(context.Background(), []string{dir}, importer.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	failed := (n + 28) / 29
	if rep.Imported != n-failed || rep.Failed != failed || len(rep.Results) != n {
		t.Fatalf("imported %d, failed %d, %d results; want %d, %d, %d", rep.Imported, rep.Failed, len(rep.Results), n-failed, failed, n)
	}
	for i, r := range rep.Results {
		if want := fmt.Sprintf("%03d.txt", i); filepath.Base(r.Path) != want {
			t.Fatalf("result %d is %s, want %s", i, r.Path, want)
		}
	}
}

// Settled hears every result once, final and in file order, while
// batches are still under way, and the report keeps none: the same
// results an import without it reports.
func TestImportSettledHearsEachResultWhenFinal(t *testing.T) {
	dir := t.TempDir()
	const n = 700 // batches of 256: several are pending at a time
	for i := range n {
		body := fmt.Sprintf("Headline %03d\n\n%s", i, strings.Repeat("word ", 1+(i*37)%400))
		if i%41 == 0 {
			body = ""
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	listed, err := (&importer.Importer{Store: teststore.Open(t)}).Import(context.Background(), []string{dir}, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var heard []app.ImportResult
	var filesDone []int
	progress := 0
	rep, err := (&importer.Importer{Store: teststore.Open(t)}).Import(context.Background(), []string{dir}, importer.Options{
		Progress: func(p app.ImportProgress) { progress = p.FilesDone },
		Settled: func(r app.ImportResult) {
			heard = append(heard, r)
			filesDone = append(filesDone, progress)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 0 || rep.Imported != listed.Imported || rep.Failed != listed.Failed {
		t.Errorf("report keeps %d results, %d imported, %d failed; want none, %d, %d", len(rep.Results), rep.Imported, rep.Failed, listed.Imported, listed.Failed)
	}
	if len(heard) != n {
		t.Fatalf("heard %d results, want %d", len(heard), n)
	}
	for i, r := range heard {
		want := listed.Results[i]
		if r.Path != want.Path || r.Outcome != want.Outcome || r.ID != want.ID || (r.Err == nil) != (want.Err == nil) {
			t.Fatalf("result %d: heard %s %v #%d, listed %s %v #%d", i, r.Path, r.Outcome, r.ID, want.Path, want.Outcome, want.ID)
		}
	}
	if filesDone[0] >= n {
		t.Errorf("the first result was heard only after all %d files were read", n)
	}
}

// When the store fails, Settled hears the results of the batches written
// before, and nothing the store did not keep.
func TestImportSettledAfterAStoreFailure(t *testing.T) {
	s := &failingStore{Store: teststore.Open(t)}
	var heard []app.ImportResult
	_, err := (&importer.Importer{Store: s}).Import(context.Background(), testenv.BBCFolders(t), importer.Options{
		Outlet:  "BBC",
		Settled: func(r app.ImportResult) { heard = append(heard, r) },
	})
	if err == nil {
		t.Fatal("the store's failure was not returned")
	}
	for _, r := range heard {
		if r.ID == 0 && r.Outcome != app.Failed {
			t.Fatalf("%s: heard %v without an article", r.Path, r.Outcome)
		}
	}
	if len(heard) != 512 {
		t.Errorf("heard %d results, want the first two batches' 512", len(heard))
	}
}
