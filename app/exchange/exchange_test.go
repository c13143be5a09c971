package exchange_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/teststore"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/exchange"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/internal/testenv"
	"github.com/parallax-news/parallax/store"
)

var fixedNow = time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)

// importFiles imports article files with a fixed clock, so two stores built
// from the same files hold the same revisions.
func importFiles(tb testing.TB, st *store.Store, paths ...string) app.ImportReport {
	tb.Helper()
	im := importer.New(st)
	rep, err := im.Import(context.Background(), paths, importer.Options{Outlet: "Test", Now: func() time.Time { return fixedNow }})
	if err != nil {
		tb.Fatal(err)
	}
	return rep
}

// annotated builds a store with the seed article and our own sample,
// annotated in the ways an analyst would: notes, nested tags, colours,
// overlapping spans.
func annotated(t *testing.T) (*store.Store, []string) {
	t.Helper()
	st := teststore.Open(t)
	files := []string{testenv.Data(t, "seed", "kremlin-invites-zelenskiy.txt"), filepath.Join("..", "..", "testdata", "samples", "latin1-article.txt")}
	rep := importFiles(t, st, files...)
	if rep.Imported != 2 {
		t.Fatalf("imported %d articles, want 2: %+v", rep.Imported, rep.Results)
	}
	an := app.Annotator{Store: st, Analyst: "Ana Lyst", Now: func() time.Time { return fixedNow }}
	if err := st.SaveTag(app.Tag{Path: "actor/russia", Color: "red", Description: "Russian officials"}); err != nil {
		t.Fatal(err)
	}
	inputs := []app.AnnotateInput{
		{Article: 1, Span: app.Span{Quote: "Zaporizhzhia nuclear power plant"}, Note: "Plant named as a *bargaining chip*.\n\nSee also the IAEA statement.", Tags: []string{"actor/russia", "topic/nuclear"}},
		{Article: 1, Span: app.Span{Quote: "Moscow", Nth: 2}, Color: "blue"},
		{Article: 1, Span: app.Span{Quote: "nuclear power"}, Tags: []string{"topic/energy"}}, // overlaps the first
	}
	for _, in := range inputs {
		if _, err := an.Annotate(in); err != nil {
			t.Fatalf("annotate %+v: %v", in.Span, err)
		}
	}
	rev, err := st.FindRevision(2, 0)
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(rev.Body)
	if _, err := an.Annotate(app.AnnotateInput{Article: 2, Span: app.Span{Quote: strings.Join(words[3:9], " ")}, Note: "=HYPERLINK(\"http://evil\")", Tags: []string{"-risky"}}); err != nil {
		t.Fatal(err)
	}
	ms := app.Memos{Store: st, Analyst: "Ana Lyst", Now: func() time.Time { return fixedNow }}
	if _, err := ms.Write(app.ArticleMemo, 1, "", "## Source\nTASS wording, *not* the Kremlin readout."); err != nil {
		t.Fatal(err)
	}
	return st, files
}

func export(t *testing.T, st app.Store, f exchange.Format, filter exchange.Filter) []byte {
	t.Helper()
	b, err := exchange.Collect(context.Background(), st, filter, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := exchange.Export(context.Background(), &buf, f, b, "Parallax test"); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The acceptance case: offsets are code points of the stored text, which
// has "–" and "’" before the quote, so byte offsets would be larger.
func TestSeedPositionsAreCodePoints(t *testing.T) {
	st, _ := annotated(t)
	var c struct {
		First struct {
			Items []struct {
				Target struct {
					Selector []struct {
						Type       string
						Exact      string
						Start, End *int
					}
				}
			}
		}
	}
	if err := json.Unmarshal(export(t, st, exchange.FormatW3C, exchange.Filter{Articles: []app.ArticleID{1}}), &c); err != nil {
		t.Fatal(err)
	}
	rev, _ := st.FindRevision(1, 0)
	runes := []rune(rev.Body)
	found := false
	for _, it := range c.First.Items {
		var exact string
		var start, end int
		for _, s := range it.Target.Selector {
			switch s.Type {
			case "TextQuoteSelector":
				exact = s.Exact
			case "TextPositionSelector":
				start, end = *s.Start, *s.End
			}
		}
		if got := string(runes[start:end]); got != exact {
			t.Errorf("position %d–%d holds %q, quote is %q", start, end, got, exact)
		}
		if exact == "Zaporizhzhia nuclear power plant" {
			found = true
			if b := strings.Index(rev.Body, exact); b == start {
				t.Errorf("byte offset %d equals the code point offset: the seed lost its – and ’?", b)
			}
		}
	}
	if !found {
		t.Fatal("seed annotation missing from the export")
	}
}

// w3cSchemas compiles the assertion schemas a .test file lists.
func w3cSchemas(t *testing.T, testFile string) map[string]*jsonschema.Schema {
	t.Helper()
	root := testenv.Data(t, "annotation-standards", "w3c-web-annotation-tests")
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.AssertFormat()
	// Assertions refer to the definitions by bare names ("id.json"), which
	// the W3C harness served beside every assertion folder.
	defs, _ := filepath.Glob(filepath.Join(root, "definitions", "*.json"))
	for _, dir := range []string{"annotations", "annotations/bodiesTargets", "annotations/specificResource", "collections", "collections/pages"} {
		for _, d := range defs {
			f, err := os.Open(d)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := jsonschema.UnmarshalJSON(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			if err := c.AddResource("file://"+filepath.ToSlash(filepath.Join(root, dir, filepath.Base(d))), doc); err != nil {
				t.Fatal(err)
			}
		}
	}
	var spec struct{ Assertions []string }
	raw, err := os.ReadFile(filepath.Join(root, testFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	out := map[string]*jsonschema.Schema{}
	for _, a := range spec.Assertions {
		s, err := c.Compile("file://" + filepath.ToSlash(filepath.Join(root, a)))
		if err != nil {
			t.Fatalf("compiling %s: %v", a, err)
		}
		out[a] = s
	}
	return out
}

func validateAll(t *testing.T, what string, schemas map[string]*jsonschema.Schema, doc any) {
	t.Helper()
	for name, s := range schemas {
		if err := s.Validate(doc); err != nil {
			t.Errorf("%s fails %s: %v", what, name, err)
		}
	}
}

func TestW3CExportValidatesAgainstTheW3CSchemas(t *testing.T) {
	st, _ := annotated(t)
	out := export(t, st, exchange.FormatW3C, exchange.Filter{})
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	annoMusts := w3cSchemas(t, "annotations/annotationMusts.test")
	if len(annoMusts) < 50 {
		t.Fatalf("only %d annotation assertions loaded", len(annoMusts))
	}
	validateAll(t, "collection", w3cSchemas(t, "collections/collectionMusts.test"), doc)
	page := doc.(map[string]any)["first"]
	// An embedded page takes the collection's @context; the page
	// assertions are written for a page served on its own.
	standalone := map[string]any{"@context": exchange.W3CContext}
	for k, v := range page.(map[string]any) {
		standalone[k] = v
	}
	validateAll(t, "page", w3cSchemas(t, "collections/pages/pageMusts.test"), standalone)
	items := page.(map[string]any)["items"].([]any)
	if len(items) != 5 {
		t.Fatalf("%d items, want 4 annotations and a memo", len(items))
	}
	for i, it := range items {
		validateAll(t, "annotation "+string(rune('1'+i)), annoMusts, it)
	}
	// The optional features Parallax uses are recognised as such.
	optional := map[string]bool{
		"annotations/specificResource/4.2.4-textQuoteSelectorValid.json":      true,
		"annotations/specificResource/4.2-TextDataPositionSelectorValid.json": true,
		"annotations/specificResource/4.3.1-timeStateValid.json":              true,
		"annotations/specificResource/4.4-styleClassValidIfPresent.json":      true,
	}
	for name := range optional {
		if annoMusts[name] == nil {
			t.Errorf("assertion %s not loaded", name)
		}
	}
}

func TestW3CRoundTripIsExact(t *testing.T) {
	st, files := annotated(t)
	first := export(t, st, exchange.FormatW3C, exchange.Filter{})
	// Another analyst's store with the same articles.
	other := teststore.Open(t)
	importFiles(t, other, files...)
	res, err := exchange.ImportW3C(other, "export.jsonld", first)
	if err != nil {
		t.Fatal(err)
	}
	memos := 0
	for _, r := range res {
		if r.Memo != 0 {
			memos++
			continue
		}
		if r.Err != nil || r.Status != anchor.Anchored {
			t.Errorf("%s: %v (%s)", r.Item, r.Err, r.Status)
		}
	}
	if memos != 1 {
		t.Errorf("%d memos imported, want 1", memos)
	}
	second := export(t, other, exchange.FormatW3C, exchange.Filter{})
	if !bytes.Equal(first, second) {
		t.Errorf("export → import → export differs:\n%s\n---\n%s", first, second)
	}
	// Importing again updates the same annotations instead of copying.
	if res, _ = exchange.ImportW3C(other, "export.jsonld", first); !res[0].Updated {
		t.Error("re-import did not recognise the annotation")
	}
	n := 0
	other.ForEachAnnotation(app.AnnotationFilter{}, func(app.Annotation) error { n++; return nil })
	if n != 4 {
		t.Errorf("%d annotations after re-import, want 4", n)
	}
}

// The W3C test suite's samples: the valid ones import when their target
// text is in the store and are otherwise refused with a reason; the
// invalid ones never change what is stored.
func TestW3CSamples(t *testing.T) {
	root := testenv.Data(t, "annotation-standards", "w3c-web-annotation-tests", "tools", "samples")
	st, _ := annotated(t)
	// One article at the samples' target URL, written around the samples'
	// own quotes.
	var passages []string
	var source string
	for _, name := range []string{"anno26.json", "anno32.json"} {
		raw, _ := os.ReadFile(filepath.Join(root, "correct", name))
		var a struct {
			Target struct {
				Source   string
				Selector struct {
					Exact, Prefix, Suffix string
					RefinedBy             *struct{ Exact, Prefix, Suffix string }
				}
			}
		}
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatal(err)
		}
		sel := a.Target.Selector
		if sel.RefinedBy != nil {
			sel.Exact, sel.Prefix, sel.Suffix = sel.RefinedBy.Exact, sel.RefinedBy.Prefix, sel.RefinedBy.Suffix
		}
		source = a.Target.Source
		passages = append(passages, "Sample text: "+sel.Prefix+sel.Exact+sel.Suffix+" as the sample expects.")
	}
	body := strings.Join(passages, "\n\n")
	d := app.Draft{Meta: app.Meta{Title: "W3C sample page", URL: source, Imported: fixedNow, Hash: app.ContentHash("W3C sample page", body)}, Body: body}
	if _, err := st.Ingest([]app.Draft{d}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, st)
	correct, _ := filepath.Glob(filepath.Join(root, "correct", "*.json"))
	incorrect, _ := filepath.Glob(filepath.Join(root, "incorrect", "*.json"))
	if len(correct) != 45 || len(incorrect) != 39 {
		t.Fatalf("%d correct and %d incorrect samples, want 45 and 39", len(correct), len(incorrect))
	}
	imported, refused := 0, 0
	for _, f := range correct {
		raw, _ := os.ReadFile(f)
		res, err := exchange.ImportW3C(st, filepath.Base(f), raw)
		if err != nil {
			refused++
			if !strings.Contains(err.Error(), filepath.Base(f)) {
				t.Errorf("error does not name the file: %v", err)
			}
			continue
		}
		for _, r := range res {
			if r.Err != nil {
				refused++
				if !strings.Contains(r.Err.Error(), filepath.Base(f)) || len(r.Err.Error()) < len(filepath.Base(f))+20 {
					t.Errorf("unclear reason: %v", r.Err)
				}
			} else {
				imported++
			}
		}
	}
	t.Logf("valid samples: %d annotations imported, %d refused with a reason", imported, refused)
	if imported < 2 {
		t.Error("the two valid samples whose target text is in the store did not import")
	}
	after := snapshot(t, st)
	for _, f := range incorrect {
		raw, _ := os.ReadFile(f)
		res, _ := exchange.ImportW3C(st, filepath.Base(f), raw)
		for _, r := range res {
			if r.Err == nil {
				t.Logf("invalid sample %s imported as annotation %d", filepath.Base(f), r.Annotation)
			}
		}
	}
	if got := snapshot(t, st); got != after {
		// An invalid sample may only add annotations, never change one.
		if !strings.HasPrefix(got, after) {
			t.Errorf("invalid samples changed stored annotations")
		}
	}
	if !strings.HasPrefix(after, before) {
		t.Error("valid samples changed annotations stored before them")
	}
}

// snapshot lists the stored annotations in a comparable form.
func snapshot(t *testing.T, st app.Store) string {
	t.Helper()
	var sb strings.Builder
	err := st.ForEachAnnotation(app.AnnotationFilter{}, func(a app.Annotation) error {
		b, _ := json.Marshal(a)
		sb.Write(b)
		sb.WriteByte('\n')
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Order by ID so that additions only append.
	lines := strings.Split(strings.TrimSpace(sb.String()), "\n")
	byID := map[int]string{}
	maxID := 0
	for _, l := range lines {
		var a struct{ ID int }
		json.Unmarshal([]byte(l), &a)
		byID[a.ID] = l
		maxID = max(maxID, a.ID)
	}
	var out strings.Builder
	for i := 1; i <= maxID; i++ {
		if l, ok := byID[i]; ok {
			out.WriteString(l + "\n")
		}
	}
	return out.String()
}

func qdeOf(t *testing.T, qdpx []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(qdpx), int64(len(qdpx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "project.qde" {
			rc, _ := f.Open()
			defer rc.Close()
			var b bytes.Buffer
			b.ReadFrom(rc)
			return b.Bytes()
		}
	}
	t.Fatal("no project.qde in the archive")
	return nil
}

func TestQDPXExportValidatesWithXmllint(t *testing.T) {
	xsd := testenv.Data(t, "refi-qda", "Project-mrt2019.xsd")
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip("xmllint not installed (make deps installs libxml2-utils)")
	}
	st, _ := annotated(t)
	qde := qdeOf(t, export(t, st, exchange.FormatQDPX, exchange.Filter{}))
	path := filepath.Join(t.TempDir(), "project.qde")
	os.WriteFile(path, qde, 0o600)
	out, err := exec.Command("xmllint", "--noout", "--schema", xsd, path).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s\n%s", err, out, qde)
	}
	for _, want := range []string{`color="#e57373"`, `<Code guid=`, `name="russia"`, `<PlainTextSelection`, `<NoteRef`, `name="Outlet"`, `plainTextPath="internal://`} {
		if !bytes.Contains(qde, []byte(want)) {
			t.Errorf("project.qde lacks %s", want)
		}
	}
}

func TestQDPXRoundTripIntoEmptyStore(t *testing.T) {
	st, _ := annotated(t)
	first := export(t, st, exchange.FormatQDPX, exchange.Filter{})
	empty := teststore.Open(t)
	res, err := exchange.ImportQDPX(empty, "export.qdpx", first, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Item, r.Err)
		}
	}
	second := export(t, empty, exchange.FormatQDPX, exchange.Filter{})
	if a, b := qdeOf(t, first), qdeOf(t, second); !bytes.Equal(a, b) {
		t.Errorf("project.qde differs after a round trip:\n%s\n---\n%s", a, b)
	}
	if !bytes.Equal(first, second) {
		t.Error("archives differ after a round trip")
	}

	// Through the importer, the report counts the texts the project
	// stored: new the first time, duplicates the second.
	path := filepath.Join(t.TempDir(), "export.qdpx")
	if err := os.WriteFile(path, first, 0o600); err != nil {
		t.Fatal(err)
	}
	fresh := teststore.Open(t)
	for _, want := range [][2]int{{2, 0}, {0, 2}} {
		rep := importFiles(t, fresh, path)
		if rep.Imported != want[0] || rep.Duplicates != want[1] || rep.Failed != 0 {
			t.Errorf("import report: %d imported, %d duplicates, %d failed; want %d, %d, 0", rep.Imported, rep.Duplicates, rep.Failed, want[0], want[1])
		}
	}
}

// The real projects other tools wrote import; qc's 158 coded selections
// arrive as annotations at the text they coded.
func TestQDPXSamplesImport(t *testing.T) {
	root := testenv.Data(t, "refi-qda", "samples")
	cases := []struct {
		file        string
		annotations int
	}{
		{"qc-1.3.2/demo.qdpx", 158},
		{"maxqda-24/2025-06-16_ICLS_Conf_Themes_ALL_just10.qdpx", 0}, // a codebook and texts, nothing coded yet
		{"nvivo-mac-15/nvivo_project.qdpx", 0},
		{"atlas-ti-23/target-atlas-project.qdpx", 0},
		{"atlas-ti-23/blank-atlas-project.qdpx", 0},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			st := teststore.Open(t)
			raw, err := os.ReadFile(filepath.Join(root, c.file))
			if err != nil {
				t.Fatal(err)
			}
			res, err := exchange.ImportQDPX(st, filepath.Base(c.file), raw, fixedNow)
			if err != nil {
				t.Fatal(err)
			}
			annos, failed := 0, 0
			for _, r := range res {
				switch {
				case r.Err != nil:
					failed++
					t.Logf("refused: %v", r.Err)
				case r.Annotation != 0:
					annos++
				}
			}
			tags, _ := st.Tags()
			codes := bytes.Count(qdeOf(t, raw), []byte("<Code "))
			stats, _ := st.Stats()
			t.Logf("%d results: %d articles, %d annotations, %d tags from %d codes, %d refused", len(res), stats.Articles, annos, len(tags), codes, failed)
			if annos != c.annotations {
				t.Errorf("%d annotations, want %d", annos, c.annotations)
			}
			// Codes with the same name under one parent become one tag.
			if len(tags) > codes || (codes > 0 && len(tags) == 0) {
				t.Errorf("%d tags from %d codes", len(tags), codes)
			}
		})
	}
	// qc: each annotation's quote is the coded text of the original file,
	// white space collapsed.
	st := teststore.Open(t)
	raw, _ := os.ReadFile(filepath.Join(root, "qc-1.3.2", "demo.qdpx"))
	if _, err := exchange.ImportQDPX(st, "demo.qdpx", raw, fixedNow); err != nil {
		t.Fatal(err)
	}
	zr, _ := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	originals := map[string][]rune{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		originals[strings.TrimSuffix(filepath.Base(f.Name), ".txt")] = []rune(b.String())
	}
	var sel struct {
		Sources struct {
			TextSource []struct {
				PlainTextPath string `xml:"plainTextPath,attr"`
				Selection     []struct {
					GUID  string `xml:"guid,attr"`
					Start int    `xml:"startPosition,attr"`
					End   int    `xml:"endPosition,attr"`
				} `xml:"PlainTextSelection"`
			}
		}
	}
	if err := xml.Unmarshal(qdeOf(t, raw), &sel); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, src := range sel.Sources.TextSource {
		text := originals[strings.TrimSuffix(src.PlainTextPath, ".txt")]
		for _, s := range src.Selection {
			a, err := st.FindAnnotationByURI("urn:uuid:" + strings.ToLower(s.GUID))
			if err != nil {
				t.Fatalf("selection %s: %v", s.GUID, err)
			}
			want := app.NormalizeParagraph(string(text[s.Start:s.End]))
			if app.NormalizeParagraph(a.Quote) != want {
				t.Errorf("selection %s: quote %q, coded text %q", s.GUID, a.Quote, want)
			}
			checked++
		}
	}
	if checked != 158 {
		t.Errorf("checked %d selections, want 158", checked)
	}
}

func TestCollectAndExportStopWhenCanceled(t *testing.T) {
	st, _ := annotated(t)
	var seen []int
	b, err := exchange.Collect(context.Background(), st, exchange.Filter{}, func(n int) { seen = append(seen, n) })
	if err != nil || len(seen) != 2 || seen[1] != 2 {
		t.Fatalf("progress %v, %v", seen, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := exchange.Collect(ctx, st, exchange.Filter{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled collect: %v", err)
	}
	for _, f := range []exchange.Format{exchange.FormatW3C, exchange.FormatQDPX, exchange.FormatCSV, exchange.FormatMarkdown} {
		var buf bytes.Buffer
		if err := exchange.Export(ctx, &buf, f, b, "test"); !errors.Is(err, context.Canceled) || buf.Len() > 0 {
			t.Errorf("%s: canceled export wrote %d bytes: %v", f, buf.Len(), err)
		}
	}
}

func TestCSVIsSafeAndComplete(t *testing.T) {
	st, _ := annotated(t)
	out := export(t, st, exchange.FormatCSV, exchange.Filter{})
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || strings.Join(rows[0], ",") != strings.Join(exchange.CSVHeader, ",") {
		t.Fatalf("rows: %q", rows)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		for _, cell := range r {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
		if r[col["status"]] != "anchored" || r[col["analyst"]] != "Ana Lyst" {
			t.Errorf("row %q", r)
		}
	}
	last := rows[4]
	if last[col["note"]] != `'=HYPERLINK("http://evil")` || last[col["tags"]] != "'-risky" {
		t.Errorf("formula cells not defused: note %q tags %q", last[col["note"]], last[col["tags"]])
	}
}

func TestMarkdownReportAndFilters(t *testing.T) {
	st, _ := annotated(t)
	md := string(export(t, st, exchange.FormatMarkdown, exchange.Filter{Tag: "topic"}))
	for _, want := range []string{"## Kremlin Says Russia Invites Zelenskiy", "> Zaporizhzhia nuclear power plant", "> nuclear power", "`topic/nuclear`", "*bargaining chip*"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "> Moscow") || strings.Contains(md, "HYPERLINK") {
		t.Errorf("tag filter let other annotations through:\n%s", md)
	}
	cases := []struct {
		name   string
		filter exchange.Filter
		want   int
	}{
		{"all", exchange.Filter{}, 4},
		{"tag with children", exchange.Filter{Tag: "topic"}, 2},
		{"tag exact", exchange.Filter{Tag: "topic/energy"}, 1},
		{"article", exchange.Filter{Articles: []app.ArticleID{2}}, 1},
		{"outlet", exchange.Filter{Outlet: "nobody"}, 0},
		{"analyst", exchange.Filter{Analyst: "ana lyst"}, 4},
		{"other analyst", exchange.Filter{Analyst: "someone"}, 0},
		{"after import date", exchange.Filter{After: fixedNow.Add(time.Hour)}, 0},
		{"before import date", exchange.Filter{Before: fixedNow.Add(time.Hour)}, 4},
	}
	for _, c := range cases {
		b, err := exchange.Collect(context.Background(), st, c.filter, nil)
		if err != nil {
			t.Fatal(err)
		}
		if b.Annotations() != c.want {
			t.Errorf("%s: %d annotations, want %d", c.name, b.Annotations(), c.want)
		}
	}
}

// Hostile projects, generated here: an archive that inflates far beyond
// its size fails at once with a clear error; a code book too deep to be
// real fails before any of its tags is saved.
func TestQDPXHostileArchives(t *testing.T) {
	const qde = `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"></Project>`
	zipOf := func(entries map[string]int) []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, _ := zw.Create("project.qde")
		w.Write([]byte(qde))
		chunk := bytes.Repeat([]byte("A"), 1<<20)
		for name, mib := range entries {
			w, _ := zw.Create(name)
			for range mib {
				w.Write(chunk)
			}
		}
		zw.Close()
		return b.Bytes()
	}
	st := teststore.Open(t)
	for name, data := range map[string][]byte{
		"one huge entry": zipOf(map[string]int{"sources/big.txt": 300}),
		"many entries":   zipOf(map[string]int{"sources/1.txt": 30, "sources/2.txt": 30, "sources/3.txt": 30}),
	} {
		_, err := exchange.ImportQDPX(st, name+".qdpx", data, fixedNow)
		if err == nil || !strings.Contains(err.Error(), "zip bomb") || !strings.HasPrefix(err.Error(), name+".qdpx: ") {
			t.Errorf("%s (%d KiB): %v", name, len(data)>>10, err)
		}
	}

	depth := 150
	codes := ""
	for i := range depth {
		codes += fmt.Sprintf(`<Code guid="%08d-0000-0000-0000-000000000000" name="level %d" isCodable="true">`, i, i)
	}
	codes += strings.Repeat("</Code>", depth)
	deep := `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="deep"><CodeBook><Codes>` + codes + `</Codes></CodeBook></Project>`
	if _, err := exchange.ImportQDPX(st, "deep.qde", []byte(deep), fixedNow); err == nil || !strings.Contains(err.Error(), "too long") {
		t.Errorf("deep code book: %v", err)
	}
	if tags, _ := st.Tags(); len(tags) != 0 {
		t.Errorf("a failed code book saved %d tags", len(tags))
	}
}

// A collection without its first page holds no annotations to import:
// say so, unless it says it is empty.
func TestW3CCollectionWithoutPages(t *testing.T) {
	st := teststore.Open(t)
	for doc, want := range map[string]string{
		`{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "total": 3}`: `no "first" page`,
		`{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection"}`:             `no "first" page`,
		`{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "total": 0}`: "",
	} {
		res, err := exchange.ImportW3C(st, "c.jsonld", []byte(doc))
		switch {
		case want == "" && (err != nil || len(res) != 0):
			t.Errorf("%s: %v %+v, want nothing, no error", doc, err, res)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: %v, want an error with %q", doc, err, want)
		}
	}
}

// Hostile fields in a W3C file, generated here: each annotation at fault
// fails alone with a clear reason, the others land.
func TestW3CHostileFieldsFailAlone(t *testing.T) {
	st, doc := w3cBatch(t, 6)
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	items := m["first"].(map[string]any)["items"].([]any)
	body := func(i int) []any { return items[i].(map[string]any)["body"].([]any) }
	body(1)[0].(map[string]any)["value"] = strings.Repeat("note ", 30_000)
	body(2)[1].(map[string]any)["value"] = strings.Repeat("t", 20_000_000)
	items[3].(map[string]any)["id"] = "urn:x:" + strings.Repeat("i", 70_000)
	doc, _ = json.Marshal(m)
	res, err := exchange.ImportW3C(st, "hostile.jsonld", doc)
	if err != nil {
		t.Fatal(err)
	}
	wants := []string{"", "note is too long (150000 characters; at most 100000)", "tag body: tag", "is too long (70006 bytes", "", ""}
	for i, want := range wants {
		switch r := res[i]; {
		case want == "" && (r.Err != nil || r.Annotation == 0):
			t.Errorf("annotation %d: %v", i, r.Err)
		case want != "" && (r.Err == nil || !strings.Contains(r.Err.Error(), want) || len(r.Err.Error()) > 300):
			t.Errorf("annotation %d: %.300v, want %q", i, r.Err, want)
		}
	}
}

// historyStore holds what a REFI-QDA project has no field for: an article
// with three revisions whose annotations moved, changed and were orphaned
// on the way, a partial feed item with byline, dateline, language and
// feed provenance, colours, an annotation with a foreign URI, article
// tags; and an article nobody coded, which no export should carry.
func historyStore(t *testing.T) (st *store.Store, uncoded app.ArticleID) {
	t.Helper()
	st = teststore.Open(t)
	draft := func(m app.Meta, body string) app.Draft {
		m.Imported = fixedNow
		m.Hash, m.Words = app.HashAndCount(m.Title, body)
		m.Paragraphs = len(app.Paragraphs(body))
		return app.Draft{Meta: m, Body: body}
	}
	ingest := func(d app.Draft) app.Stored {
		t.Helper()
		s, err := st.Ingest([]app.Draft{d})
		if err != nil || s[0].Err != nil {
			t.Fatalf("ingest %q: %v %v", d.Title, err, s)
		}
		return s[0]
	}
	an := app.Annotator{Store: st, Analyst: "Ana Lyst", Now: func() time.Time { return fixedNow.Add(1234 * time.Millisecond) }}
	annotate := func(in app.AnnotateInput) app.Annotation {
		t.Helper()
		a, err := an.Annotate(in)
		if err != nil {
			t.Fatalf("annotate %q: %v", in.Quote, err)
		}
		return a
	}
	dam := app.Meta{Title: "Council meets on the dam", Outlet: "Riverton Gazette", URL: "https://gazette.example/dam", Origin: app.Origin{Path: "/news/dam-v1.html"}}
	first := ingest(draft(dam, "The council met on Monday to discuss the dam.\n\nThe mayor said the deal was close and that talks would resume.\n\nCritics warned of the cost to farmers downstream."))
	annotate(app.AnnotateInput{Article: first.ID, Span: app.Span{Quote: "met on Monday to discuss the dam"}, Tags: []string{"event/meeting"}})
	annotate(app.AnnotateInput{Article: first.ID, Span: app.Span{Quote: "the deal was close and that talks would resume"}, Note: "Too *optimistic*?", Color: "green"})
	annotate(app.AnnotateInput{Article: first.ID, Span: app.Span{Quote: "Critics warned of the cost to farmers downstream"}, Tags: []string{"actor/critics"}, Color: "red"})
	// The story moved to a new URL under a new headline: nothing but the
	// analyst's word (Draft.Revises) makes it the same article.
	dam.Title, dam.URL, dam.Origin.Path = "Council nears deal on the dam", "https://gazette.example/dam-deal", "/news/dam-v2.html"
	moved := draft(dam, "Late on Monday the council met on Monday to discuss the dam.\n\nThe mayor said the deal was nearly close and that talks would resume on Friday.")
	moved.Revises = first.ID
	ingest(moved)
	dam.Origin.Path = "/news/dam-v3.html"
	ingest(draft(dam, "Updated: late on Monday the council met on Monday to discuss the dam.\n\nThe mayor said the deal was nearly close and that the talks would resume on Friday.\n\nA vote is expected next week."))
	v3 := annotate(app.AnnotateInput{Article: first.ID, Span: app.Span{Quote: "A vote is expected next week"}, Color: "blue", Tags: []string{"event/vote"}})
	latest, err := st.FindRevision(first.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	foreign := v3
	foreign.ID, foreign.URI = 0, "https://hypothes.is/a/Xq3"
	foreign.Selector, _ = anchor.NewText(latest.Body).Describe(0, len("Updated"))
	foreign.Analyst, foreign.Color, foreign.Tags = "Hypothesis user", "#7e57c2", nil
	if _, err := st.SaveAnnotation(foreign); err != nil {
		t.Fatal(err)
	}

	feed := app.Meta{
		Title: "Dam talks stall", Outlet: "Wire", URL: "https://wire.example/1", Byline: "By A. Reporter",
		Published: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Language: "en", Dateline: "RIVERTON",
		Partial: true, Origin: app.Origin{Path: "/feeds/wire.xml", Feed: "https://wire.example/feed", GUID: "wire-1"},
	}
	item := ingest(draft(feed, "Talks on the dam stalled on Tuesday."))
	annotate(app.AnnotateInput{Article: item.ID, Span: app.Span{Quote: "stalled on Tuesday"}, Tags: []string{"event/stall"}})
	if _, err := st.TagArticle(item.ID, []string{"source/wire"}); err != nil {
		t.Fatal(err)
	}
	ms := app.Memos{Store: st, Analyst: "Ana Lyst", Now: func() time.Time { return fixedNow.Add(2500 * time.Millisecond) }}
	for _, m := range []struct {
		kind app.MemoKind
		art  app.ArticleID
		tag  string
		text string
	}{
		{app.ProjectMemo, 0, "", "# Question\n\nHow do outlets frame the dam deal?"},
		{app.TagMemo, 0, "event/meeting", "A scheduled meeting of officials; not a rally."},
		{app.ArticleMemo, first.ID, "", "Three revisions in a day: watch the **headline**."},
	} {
		if _, err := ms.Write(m.kind, m.art, m.tag, m.text); err != nil {
			t.Fatal(err)
		}
	}
	// Another analyst's page note, kept under its Hypothesis id.
	pageNote := app.Memo{URI: "https://hypothes.is/a/page-1", Kind: app.ArticleMemo, Article: item.ID, Text: "Wire copy; check the original.",
		Analyst: "Hypothesis user", Created: fixedNow, Modified: fixedNow.Add(time.Hour)}
	if _, err := st.SaveMemo(pageNote); err != nil {
		t.Fatal(err)
	}
	return st, ingest(draft(app.Meta{Title: "Nobody coded this", Outlet: "Wire"}, "A story nobody annotated or tagged.")).ID
}

// storeView is what list --json, show --json of every revision,
// annotations --json and memos --json print, IDs and import times aside.
func storeView(t *testing.T, st app.Store) string {
	t.Helper()
	var sb strings.Builder
	write := func(v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		sb.Write(b)
		sb.WriteByte('\n')
	}
	err := st.ForEachArticle(func(a app.Article) error {
		id := a.ID
		a.ID, a.Imported = 0, time.Time{}
		write(a)
		for n := 1; n <= a.Revisions; n++ {
			r, err := st.FindRevision(id, n)
			if err != nil {
				return err
			}
			r.Imported = time.Time{}
			write(r)
		}
		var annos []app.Annotation
		err := st.ForEachAnnotation(app.AnnotationFilter{Article: id}, func(an app.Annotation) error {
			an.ID, an.Article = 0, 0
			annos = append(annos, an)
			return nil
		})
		slices.SortFunc(annos, func(x, y app.Annotation) int { return strings.Compare(x.URI, y.URI) })
		for _, an := range annos {
			write(an)
		}
		if err != nil {
			return err
		}
		return st.ForEachMemo(app.MemoFilter{Article: id}, func(m app.Memo) error {
			m.ID, m.Article = 0, 0
			write(m)
			return nil
		})
	})
	if err == nil {
		err = st.ForEachMemo(app.MemoFilter{}, func(m app.Memo) error {
			if m.Kind != app.ArticleMemo {
				m.ID = 0
				write(m)
			}
			return nil
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

// Parallax → qdpx → Parallax gives the same articles, revisions and
// annotations, and the project stays valid REFI-QDA.
func TestQDPXRoundTripKeepsEverything(t *testing.T) {
	st, uncoded := historyStore(t)
	statuses := map[anchor.Status]int{}
	st.ForEachAnnotation(app.AnnotationFilter{}, func(a app.Annotation) error {
		if len(a.History) > 0 {
			statuses["with a history"]++
		}
		statuses[a.Status]++
		return nil
	})
	if statuses[anchor.Orphaned] == 0 || statuses[anchor.Moved] == 0 || statuses[anchor.Fuzzy] == 0 || statuses["with a history"] < 2 {
		t.Fatalf("the fixture should hold orphaned and re-anchored annotations: %v", statuses)
	}
	exported := export(t, st, exchange.FormatQDPX, exchange.Filter{})
	if bytes.Contains(qdeOf(t, exported), []byte("Nobody coded this")) {
		t.Error("an article with no annotations or tags was exported")
	}
	if md := export(t, st, exchange.FormatMarkdown, exchange.Filter{}); bytes.Contains(md, []byte("Nobody coded this")) || !bytes.Contains(md, []byte("Dam talks stall")) {
		t.Errorf("the report should hold the coded articles only:\n%s", md)
	}
	if _, err := st.DeleteArticle(uncoded); err != nil {
		t.Fatal(err)
	}
	want := storeView(t, st)
	t.Run("schema", func(t *testing.T) {
		xsd := testenv.Data(t, "refi-qda", "Project-mrt2019.xsd")
		if _, err := exec.LookPath("xmllint"); err != nil {
			t.Skip("xmllint not installed (make deps installs libxml2-utils)")
		}
		path := filepath.Join(t.TempDir(), "project.qde")
		os.WriteFile(path, qdeOf(t, exported), 0o600)
		if out, err := exec.Command("xmllint", "--noout", "--schema", xsd, path).CombinedOutput(); err != nil {
			t.Fatalf("xmllint: %v\n%s", err, out)
		}
	})

	// A store that has another article under the first one's title: the
	// revisions still join the article they belong to.
	other := teststore.Open(t)
	m := app.Meta{Title: "Council nears deal on the dam", Outlet: "Riverton Gazette", Imported: fixedNow}
	m.Hash, m.Words = app.HashAndCount(m.Title, "Something else entirely.")
	if _, err := other.Ingest([]app.Draft{{Meta: m, Body: "Something else entirely."}}); err != nil {
		t.Fatal(err)
	}
	for _, into := range []*store.Store{teststore.Open(t), other} {
		res, err := exchange.ImportQDPX(into, "export.qdpx", exported, fixedNow.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Err != nil {
				t.Errorf("%s: %v", r.Item, r.Err)
			}
		}
		if into == other {
			if _, err := into.DeleteArticle(1); err != nil {
				t.Fatal(err)
			}
		}
		if got := storeView(t, into); got != want {
			t.Errorf("after a round trip:\n%s\nwant:\n%s", got, want)
		}
		if again := export(t, into, exchange.FormatQDPX, exchange.Filter{}); !bytes.Equal(again, exported) {
			t.Errorf("exporting the imported project differs:\n%s\n---\n%s", qdeOf(t, again), qdeOf(t, exported))
		}
	}
}

// A project whose parallax.json is damaged, or from a newer Parallax, is
// refused before anything is stored: taking it without would lose its
// colours and histories without a word.
func TestQDPXDamagedExtrasRefused(t *testing.T) {
	src, _ := historyStore(t)
	exported := export(t, src, exchange.FormatQDPX, exchange.Filter{})
	replace := func(extras string) []byte {
		zr, err := zip.NewReader(bytes.NewReader(exported), int64(len(exported)))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, f := range zr.File {
			w, _ := zw.Create(f.Name)
			if f.Name == "parallax.json" {
				w.Write([]byte(extras))
				continue
			}
			rc, _ := f.Open()
			io.Copy(w, rc)
			rc.Close()
		}
		zw.Close()
		return b.Bytes()
	}
	for extras, want := range map[string]string{
		`{"format": "parallax-qdpx-extras", "version": 1, "selections": [`: "parallax.json is damaged",
		`{"format": "parallax-qdpx-extras", "version": 2}`:                 `version 2; this Parallax reads "parallax-qdpx-extras" version 1`,
		`[]`: "parallax.json is damaged",
	} {
		st := teststore.Open(t)
		_, err := exchange.ImportQDPX(st, "p.qdpx", replace(extras), fixedNow)
		if err == nil || !strings.HasPrefix(err.Error(), "p.qdpx: ") || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error with %q", extras, err, want)
		}
		if stats, _ := st.Stats(); stats.Articles != 0 {
			t.Errorf("%s: %d articles stored", extras, stats.Articles)
		}
	}
}
