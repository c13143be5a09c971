// Package extract turns a decoded file into article documents: plain text
// and Markdown with their headlines, crumbs and datelines; saved web pages
// with the article pulled from the clutter; and RSS, Atom and JSON feeds,
// one document per item. It knows nothing of the store.
package extract

import (
	"errors"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// Format is the kind of file a document came from.
type Format string

// Formats, as printed by the importer.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatHTML     Format = "html"
	FormatFeed     Format = "feed"
)

// Document is one article as found in a file, before normalisation.
type Document struct {
	Title      string
	Byline     string
	Outlet     string
	URL        string
	Language   string
	Dateline   string
	Published  time.Time
	Paragraphs []string
	// Partial marks a feed item that carries only a summary.
	Partial bool
	// FeedURL and GUID say which feed item this came from.
	FeedURL string
	GUID    string
	// Note is what the import report should say of how the text was read
	// ("salvaged 23 items from a broken feed…").
	Note string
}

// ErrNoText is returned for a file with nothing an article could be made of.
var ErrNoText = errors.New("no article text found")

// Sniff decides a file's format from its name and its first bytes. Content
// wins over the name: an .xml file holding an HTML page is a page, a .txt
// holding a feed is a feed.
func Sniff(name, text string) Format {
	head := strings.TrimLeft(text, " \t\n")
	if len(head) > 2048 {
		head = head[:2048]
	}
	lower := strings.ToLower(head)
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case strings.HasPrefix(lower, "{") && (ext == ".json" || ext == "" || strings.Contains(lower, "jsonfeed.org")):
		return FormatFeed
	case strings.HasPrefix(lower, "<!doctype html"), strings.HasPrefix(lower, "<html"):
		return FormatHTML
	case strings.HasPrefix(lower, "<"):
		root := rootElement(lower)
		switch root {
		case "rss", "feed", "rdf:rdf", "rdf", "channel":
			return FormatFeed
		case "html", "head", "body":
			return FormatHTML
		}
		if ext == ".html" || ext == ".htm" || ext == ".xhtml" {
			return FormatHTML
		}
		if strings.HasPrefix(lower, "<?xml") || ext == ".xml" || ext == ".rss" || ext == ".atom" || ext == ".rdf" {
			return FormatFeed // the feed parser names what it found instead
		}
		return FormatHTML
	}
	switch ext {
	case ".md", ".markdown", ".mdown", ".mkd":
		return FormatMarkdown
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".xml", ".rss", ".atom", ".rdf", ".json":
		return FormatFeed
	}
	return FormatText
}

// rootElement returns the lower-cased name of the first element after any
// XML declaration, comments, processing instructions and doctype.
func rootElement(s string) string {
	for i := 0; i < 20; i++ {
		s = strings.TrimLeft(s, " \t\n\r")
		switch {
		case strings.HasPrefix(s, "<?"):
			j := strings.Index(s, "?>")
			if j < 0 {
				return ""
			}
			s = s[j+2:]
		case strings.HasPrefix(s, "<!--"):
			j := strings.Index(s, "-->")
			if j < 0 {
				return ""
			}
			s = s[j+3:]
		case strings.HasPrefix(s, "<!"):
			j := strings.IndexByte(s, '>')
			if j < 0 {
				return ""
			}
			s = s[j+1:]
		case strings.HasPrefix(s, "<"):
			end := strings.IndexAny(s[1:], " \t\n\r>/")
			if end < 0 {
				return s[1:]
			}
			return s[1 : end+1]
		default:
			return ""
		}
	}
	return ""
}

// Parse extracts the documents in a decoded file. name is used for its
// extension and, where a text has no headline, its title.
func Parse(name, text string) ([]Document, Format, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	format := Sniff(name, text)
	if strings.IndexFunc(text, isWordChar) < 0 {
		// White space, or only punctuation: no file name makes it an article.
		return nil, format, ErrNoText
	}
	var (
		docs []Document
		err  error
	)
	switch format {
	case FormatFeed:
		docs, err = parseFeed([]byte(text))
	case FormatHTML:
		var d Document
		d, err = parseHTML(text)
		docs = []Document{d}
	case FormatMarkdown:
		docs = []Document{parseMarkdown([]byte(text), name)}
	default:
		docs = []Document{parseText(text, name)}
	}
	if err != nil {
		return nil, format, err
	}
	for i := range docs {
		finish(&docs[i])
	}
	if len(docs) == 1 && len(docs[0].Paragraphs) == 0 && docs[0].Title == "" {
		return nil, format, ErrNoText
	}
	return docs, format, nil
}

func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// finish fills what every format shares: a dateline read from the first
// paragraph, tidy white space in the metadata.
func finish(d *Document) {
	d.Title = oneLine(d.Title)
	d.Byline = oneLine(d.Byline)
	d.Outlet = oneLine(d.Outlet)
	d.URL = strings.TrimSpace(d.URL)
	d.Language = strings.TrimSpace(d.Language)
	if d.Dateline == "" && len(d.Paragraphs) > 0 {
		d.Dateline = Dateline(d.Paragraphs[0])
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// titleFromName makes a title of a file name: "peace-talks_2025.txt" →
// "peace talks 2025".
func titleFromName(name string) string {
	base := filepath.Base(name)
	if base == "." || base == "-" || base == string(filepath.Separator) {
		return ""
	}
	base = strings.TrimSuffix(base, filepath.Ext(base))
	return strings.Join(strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || r == ' ' }), " ")
}

// lines splits text into lines with trailing white space removed.
func lines(text string) []string {
	ls := strings.Split(text, "\n")
	for i, l := range ls {
		ls[i] = strings.TrimRight(l, " \t\u00a0\ufeff")
	}
	return ls
}
