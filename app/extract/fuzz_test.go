package extract

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app/textenc"
)

// The importers' parsers take whatever a folder holds: they must never
// panic, hang or return text that is not UTF-8. make fuzz runs these for
// longer; make test for a few seconds each.

func fuzzParse(f *testing.F, name string, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	if b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "samples", name)); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dec, err := textenc.Decode(data)
		if err != nil {
			return
		}
		if !utf8.ValidString(dec.Text) {
			t.Fatalf("Decode gave invalid UTF-8 (%s)", dec.Encoding)
		}
		docs, _, err := Parse(name, dec.Text)
		if err != nil {
			return
		}
		if len(docs) == 0 {
			t.Fatal("no documents and no error")
		}
		for _, d := range docs {
			for _, p := range append([]string{d.Title, d.Byline, d.Outlet}, d.Paragraphs...) {
				if !utf8.ValidString(p) {
					t.Fatalf("invalid UTF-8 in %q", p)
				}
			}
		}
	})
}

func FuzzParseText(f *testing.F) {
	fuzzParse(f, "latin1-article.txt", "Headline\n\nBody text.\n", "By A. Writer\n12 March 2025\n\nRIVERTON – Text.", "  \n\t")
}

func FuzzParseMarkdown(f *testing.F) {
	fuzzParse(f, "story.md", "# Title\n\n> quote\n\n- item\n  - nested\n", "---\ntitle: T\n---\n# T\n\ntext", "> > > >\n"+"    - x\n")
}

func FuzzParseHTML(f *testing.F) {
	fuzzParse(f, "saved-page.html", "<html><head><title>T</title></head><body><article><p>Text of the story.</p></article></body></html>",
		`<meta charset="koi8-r"><p>x</p>`, "<div><div><div>")
}

func FuzzParseFeed(f *testing.F) {
	fuzzParse(f, "feed.xml", `<?xml version="1.0"?><rss version="2.0"><channel><item><title>T</title><description>D</description></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><content>C</content></entry></feed>`,
		`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_text":"x"}]}`)
}
