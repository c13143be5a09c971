package extract

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/parallax-news/parallax/app/textenc"
	"github.com/parallax-news/parallax/internal/testenv"
	"golang.org/x/net/html"
)

func TestIsCrumb(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"LatestNewsWorld", true},
		{"HomeNewsEurope", true},
		{"News › World › Europe", true},
		{"Home | World | Europe", true},
		{"Kremlin Says Russia Invites Zelenskiy to Moscow for Peace Talks", false},
		{"Ad sales boost Time Warner profit", false},
		{"iPhone", false},
		{"Moscow", false},
		{"Chelsea sack Mutu", false},
		{"Russia has reiterated an invitation, the Kremlin said.", false},
	}
	for _, tt := range tests {
		if got := isCrumb(tt.in); got != tt.want {
			t.Errorf("isCrumb(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDateline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Moscow – Russia has reiterated an invitation", "Moscow"},
		{"MOSCOW (Reuters) - Russia said on Monday", "Moscow"},
		{"KYIV, Ukraine (AP) — Ukrainian officials said", "Kyiv, Ukraine"},
		{"WASHINGTON — The White House said", "Washington"},
		{"New York -- Stocks fell", ""},
		{"NEW YORK -- Stocks fell", "New York"},
		{"Mr Smith - who was not there - said", ""},
		{"Quarterly profits at US media giant TimeWarner jumped 76%", ""},
		{"The Kremlin – which declined to comment – said", ""},
	}
	for _, tt := range tests {
		if got := Dateline(tt.in); got != tt.want {
			t.Errorf("Dateline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		title      string
		byline     string
		published  string
		paragraphs []string
	}{
		{
			name:       "crumb, headline, dateline",
			in:         "LatestNewsWorld\n\nTalks resume in Geneva\n\nGeneva – Delegations met on Monday.\n\nNo deal was reached.\n",
			title:      "Talks resume in Geneva",
			paragraphs: []string{"Geneva – Delegations met on Monday.", "No deal was reached."},
		},
		{
			name:       "bbc layout",
			in:         "Ad sales boost profit\n\nProfits jumped 76%.\n\nThe firm said so.\n",
			title:      "Ad sales boost profit",
			paragraphs: []string{"Profits jumped 76%.", "The firm said so."},
		},
		{
			name:       "byline and date lines",
			in:         "Storm hits coast\nBy Jane Doe\nPublished 3 February 2025\n\nWinds reached 120km/h.\n",
			title:      "Storm hits coast",
			byline:     "Jane Doe",
			published:  "2025-02-03",
			paragraphs: []string{"Winds reached 120km/h."},
		},
		{
			name:       "hard-wrapped paragraph",
			in:         "Headline here\n\nThis paragraph was wrapped at a fixed column by the\nprogram that saved it, so its lines belong together in\none paragraph.\n",
			title:      "Headline here",
			paragraphs: []string{"This paragraph was wrapped at a fixed column by the program that saved it, so its lines belong together in one paragraph."},
		},
		{
			name:       "no headline: body starts at once",
			in:         "The council met on Monday. It agreed nothing.\n\nA second paragraph.",
			title:      "council minutes",
			paragraphs: []string{"The council met on Monday. It agreed nothing.", "A second paragraph."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parseText(tt.in, "/tmp/council-minutes.txt")
			if d.Title != tt.title || d.Byline != tt.byline {
				t.Errorf("title %q byline %q, want %q %q", d.Title, d.Byline, tt.title, tt.byline)
			}
			if got := d.Published.Format(time.DateOnly); tt.published != "" && got != tt.published {
				t.Errorf("published %s, want %s", got, tt.published)
			}
			if strings.Join(d.Paragraphs, "|") != strings.Join(tt.paragraphs, "|") {
				t.Errorf("paragraphs %q, want %q", d.Paragraphs, tt.paragraphs)
			}
		})
	}
}

func TestParseMarkdown(t *testing.T) {
	src := "---\ntitle: \"Dam deal signed\"\nauthor: Ana Ruiz\ndate: 2025-03-04\nurl: https://example.org/dam\noutlet: Riverton Ledger\n---\n\n# Dam deal signed\n\nRIVERTON – The **council** signed a [deal](https://x.org) on the *dam*.\n\n- first point\n- second point\n\n![photo](a.png)\n"
	docs, format, err := Parse("dam.md", src)
	if err != nil || format != FormatMarkdown || len(docs) != 1 {
		t.Fatalf("Parse = %v, %v, %v", len(docs), format, err)
	}
	d := docs[0]
	if d.Title != "Dam deal signed" || d.Byline != "Ana Ruiz" || d.URL != "https://example.org/dam" || d.Outlet != "Riverton Ledger" || d.Dateline != "Riverton" {
		t.Errorf("metadata = %+v", d)
	}
	want := []string{"RIVERTON – The council signed a deal on the dam.", "• first point", "• second point"}
	if strings.Join(d.Paragraphs, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs %q, want %q", d.Paragraphs, want)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, text string
		want       Format
	}{
		{"a.txt", "Headline\n\nBody", FormatText},
		{"a.md", "# Headline", FormatMarkdown},
		{"a.xml", `<?xml version="1.0"?><rss version="2.0">`, FormatFeed},
		{"a.xml", `<!DOCTYPE html><html>`, FormatHTML},
		{"page", `<!-- saved --><html lang="en">`, FormatHTML},
		{"feed.txt", `<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom">`, FormatFeed},
		{"f.json", `{"version": "https://jsonfeed.org/version/1.1"}`, FormatFeed},
		{"-", "Just some pasted text", FormatText},
	}
	for _, tt := range tests {
		if got := Sniff(tt.name, tt.text); got != tt.want {
			t.Errorf("Sniff(%q, %.20q) = %s, want %s", tt.name, tt.text, got, tt.want)
		}
	}
}

func TestParseFeedOwnSamples(t *testing.T) {
	rss := `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Riverton Ledger</title><link>https://ledger.example/</link><language>en</language>
<item><title>Dam deal &amp; vote</title><link>/dam</link><guid>ledger-1</guid><pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate><description>Teaser only.</description></item>
<item><title>Full story</title><link>https://ledger.example/full</link><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>First paragraph.</p><p>Second <b>paragraph</b>.</p>]]></content:encoded></item>
</channel></rss>`
	docs, _, err := Parse("ledger.xml", rss)
	if err != nil || len(docs) != 2 {
		t.Fatalf("Parse = %d docs, %v", len(docs), err)
	}
	if d := docs[0]; d.Title != "Dam deal & vote" || d.URL != "https://ledger.example/dam" || !d.Partial || d.GUID != "ledger-1" || d.Outlet != "Riverton Ledger" || d.Published.IsZero() {
		t.Errorf("item 1 = %+v", d)
	}
	if d := docs[1]; d.Partial || strings.Join(d.Paragraphs, "|") != "First paragraph.|Second paragraph." {
		t.Errorf("item 2 = %+v", d)
	}
	json := `{"version":"https://jsonfeed.org/version/1.1","title":"JF","items":[{"id":"1","url":"https://jf.example/1","title":"One","content_html":"<p>Hello world.</p>"}]}`
	docs, _, err = Parse("feed.json", json)
	if err != nil || len(docs) != 1 || docs[0].Title != "One" || docs[0].Paragraphs[0] != "Hello world." {
		t.Fatalf("JSON feed = %+v, %v", docs, err)
	}
	for name, bad := range map[string]string{
		"empty.xml":   `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`,
		"other.json":  `{"annotations": []}`,
		"broken.xml":  `<?xml version="1.0"?><rss><channel><item><title>x</ti`,
		"nonfeed.xml": `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`,
	} {
		if _, _, err := Parse(name, bad); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// Every real feed either parses into items or fails with a message; none
// may panic or hang.
func TestRealFeeds(t *testing.T) {
	root := testenv.Data(t, "feeds")
	var ok, failed int
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "LICENSE") {
			return err
		}
		ext := filepath.Ext(path)
		if ext == ".json" && strings.Contains(path, "gofeed-edge-cases") && !strings.Contains(path, "/json/") {
			return nil // expected-output files beside the feeds
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		dec, err := textenc.Decode(raw)
		if err != nil {
			failed++
			return nil
		}
		docs, _, err := Parse(path, dec.Text)
		if err != nil && strings.Contains(path, "real-world") {
			t.Errorf("%s: a real news feed was rejected: %v", path, err)
		}
		if err != nil {
			if err.Error() == "" {
				t.Errorf("%s: empty error message", path)
			}
			failed++
			return nil
		}
		for _, d := range docs {
			if d.Title == "" {
				t.Errorf("%s: an item without a title", path)
			}
		}
		ok++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("feeds: %d parsed, %d rejected with an error", ok, failed)
	if ok < 60 {
		t.Errorf("only %d feeds parsed", ok)
	}
}

// The Readability test pages: our extraction against Mozilla's expected
// output, title exactly and body words by F1.
func TestReadabilityPages(t *testing.T) {
	root := testenv.Data(t, "html-extraction", "readability-test-pages")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		pages++
		dir := filepath.Join(root, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, "source.html"))
			if err != nil {
				t.Fatal(err)
			}
			var meta struct {
				Title, Byline, Lang, SiteName, PublishedTime string
			}
			mb, _ := os.ReadFile(filepath.Join(dir, "expected-metadata.json"))
			if err := json.Unmarshal(mb, &meta); err != nil {
				t.Fatal(err)
			}
			dec, err := textenc.Decode(raw)
			if err != nil {
				t.Fatal(err)
			}
			docs, format, err := Parse("source.html", dec.Text)
			if err != nil {
				t.Fatal(err)
			}
			if format != FormatHTML {
				t.Fatalf("format %s", format)
			}
			d := docs[0]
			if d.Title != strings.Join(strings.Fields(meta.Title), " ") {
				t.Errorf("title %q, want %q", d.Title, meta.Title)
			}
			if meta.Byline != "" && d.Byline == "" {
				t.Errorf("byline lost, want %q", meta.Byline)
			}
			if meta.SiteName != "" && d.Outlet != strings.Join(strings.Fields(meta.SiteName), " ") {
				t.Errorf("site name %q, want %q", d.Outlet, meta.SiteName)
			}
			if meta.Lang != "" && d.Language != meta.Lang {
				t.Errorf("language %q, want %q", d.Language, meta.Lang)
			}
			if meta.PublishedTime != "" && d.Published.IsZero() {
				t.Errorf("published time lost, want %q", meta.PublishedTime)
			}
			exp, _ := os.ReadFile(filepath.Join(dir, "expected.html"))
			node, err := html.Parse(strings.NewReader(string(exp)))
			if err != nil {
				t.Fatal(err)
			}
			want := textParagraphs(render.InnerText(node))
			f1 := wordF1(d.Paragraphs, want)
			t.Logf("word F1 %.3f", f1)
			if f1 < 0.95 {
				t.Errorf("body word F1 = %.3f, want ≥ 0.95", f1)
			}
			if len(want) > 3 && len(d.Paragraphs) < 2 {
				t.Errorf("paragraph breaks lost: %d paragraphs, expected page has %d", len(d.Paragraphs), len(want))
			}
		})
	}
	if pages < 20 {
		t.Errorf("only %d pages found", pages)
	}
}

// wordF1 compares two texts as multisets of words.
func wordF1(got, want []string) float64 {
	count := func(ps []string) map[string]int {
		m := map[string]int{}
		for _, p := range ps {
			for _, w := range strings.Fields(strings.ToLower(p)) {
				m[w]++
			}
		}
		return m
	}
	g, w := count(got), count(want)
	var common, ng, nw int
	for k, n := range g {
		ng += n
		common += min(n, w[k])
	}
	for _, n := range w {
		nw += n
	}
	if ng == 0 || nw == 0 {
		return 0
	}
	p, r := float64(common)/float64(ng), float64(common)/float64(nw)
	return 2 * p * r / (p + r)
}

// A file of white space or punctuation is no article, whatever its name.
func TestParseNoText(t *testing.T) {
	for _, in := range []string{"", "   \n\n \t\n", "\u00a0\u2003\n", "---\n***\n", "<html><body> </body></html>", "# \n"} {
		for _, name := range []string{"blank.txt", "blank.md", "blank.html"} {
			if docs, _, err := Parse(name, in); !errors.Is(err, ErrNoText) {
				t.Errorf("%s %q: %d documents, %v; want ErrNoText", name, in, len(docs), err)
			}
		}
	}
}

func TestFlatLine(t *testing.T) {
	deep := strings.Repeat(" ", 500)
	cases := []struct{ in, want string }{
		{"plain line\n", "plain line\n"},
		{"    code\n", "    code\n"},
		{"> > quoted\n", "> > quoted\n"},
		{deep + "- item\n", strings.Repeat(" ", maxNesting*4) + "- item\n"},
		{strings.Repeat("\t", 40) + "x\n", strings.Repeat("\t", maxNesting) + "x\n"},
		{strings.Repeat(">", 50000) + " text\n", strings.Repeat(">", maxNesting) + " text\n"},
		{strings.Repeat("> ", 100) + "text\n", strings.Repeat("> ", maxNesting) + "text\n"},
	}
	for _, c := range cases {
		if got := string(flatLine([]byte(c.in))); got != c.want {
			t.Errorf("flatLine(%.20q…) = %.40q… (%d bytes), want %d bytes", c.in, got, len(got), len(c.want))
		}
	}
}

// Deeply nested lists and quotes keep every word; deeper levels join the
// deepest kept one (BenchmarkDeepMarkdown holds it linear).
func TestDeepMarkdownKeepsItsText(t *testing.T) {
	for name, src := range deepMarkdown(3000) {
		docs, _, err := Parse(name+".md", src)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(strings.Join(docs[0].Paragraphs, " "), "item"); n != 3000 {
			t.Errorf("%s: %d of 3000 items kept", name, n)
		}
	}
}

func deepMarkdown(depth int) map[string]string {
	var lists, quotes strings.Builder
	lists.WriteString("# Deep lists\n\n")
	quotes.WriteString("# Deep quotes\n\n")
	for i := range depth {
		lists.WriteString(strings.Repeat("  ", i) + "- item\n")
		quotes.WriteString(strings.Repeat("> ", i+1) + "item\n")
	}
	return map[string]string{"lists": lists.String(), "quotes": quotes.String()}
}

func BenchmarkDeepMarkdown(b *testing.B) {
	for name, src := range deepMarkdown(3000) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, _, err := Parse(name+".md", src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A broken feed gives the whole items it still holds, saying so (issue
// 27: a feed cut short yielded nothing; one with a garbage prolog and
// prefixed items was refused).
func TestBrokenFeedsAreSalvaged(t *testing.T) {
	for _, c := range []struct {
		file, outlet string
		items        int
		lost         string
	}{
		{"cut-short.xml", "Riverton Ledger", 4, "the file ends inside item 5"},
		{"garbage-prolog.rdf", "Valley Courier", 3, "the XML around the items is broken"},
	} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "feeds", c.file))
		if err != nil {
			t.Fatal(err)
		}
		docs, format, err := Parse(c.file, string(b))
		if err != nil || format != FormatFeed || len(docs) != c.items {
			t.Fatalf("%s: %d documents, %s, %v; want %d salvaged", c.file, len(docs), format, err, c.items)
		}
		for i, d := range docs {
			if d.Outlet != c.outlet || d.Title == "" || len(d.Paragraphs) == 0 {
				t.Errorf("%s item %d: %+v", c.file, i+1, d)
			}
			if !strings.Contains(d.Note, fmt.Sprintf("salvaged %d items", c.items)) || !strings.Contains(d.Note, c.lost) {
				t.Errorf("%s: note %q", c.file, d.Note)
			}
		}
	}
	// A feed that parses says nothing of salvage.
	b, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "samples", "feed.xml"))
	if docs, _, err := Parse("feed.xml", string(b)); err != nil || docs[0].Note != "" {
		t.Errorf("a sound feed: %v, note %q", err, docs[0].Note)
	}
}
