package extract

import (
	"bytes"
	"strings"

	"github.com/itlightning/dateparse"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// parseMarkdown reads a Markdown article: optional front matter (title,
// author, date, url, outlet, language), the first level-one heading as the
// headline, and every block as a paragraph with the markup removed.
func parseMarkdown(src []byte, name string) Document {
	var d Document
	src = frontMatter(src, &d)
	root := goldmark.New().Parser().Parse(text.NewReader(src))
	var paras []string
	titleTaken := d.Title != ""
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 && len(paras) == 0 {
			switch heading := inlineText(h, src); {
			case !titleTaken:
				d.Title, titleTaken = heading, true
				continue
			case oneLine(heading) == oneLine(d.Title):
				continue // the front matter's title repeated as a heading
			}
		}
		paras = append(paras, blockText(n, src)...)
	}
	d.Paragraphs = paras
	// Without a heading the headline is the first line, as in plain text;
	// with one, a byline and a date may still follow it.
	readHead(&d, name)
	return d
}

// blockText renders a block node as paragraphs of plain text.
func blockText(n ast.Node, src []byte) []string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.Heading, *ast.TextBlock:
		if s := inlineText(n, src); s != "" {
			return []string{s}
		}
		return nil
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		ls := n.Lines()
		for i := 0; i < ls.Len(); i++ {
			seg := ls.At(i)
			b.Write(seg.Value(src))
		}
		return textParagraphs(b.String())
	case *ast.ThematicBreak, *ast.HTMLBlock:
		return nil
	case *ast.ListItem:
		var out []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			out = append(out, blockText(c, src)...)
		}
		if len(out) > 0 {
			out[0] = "• " + out[0]
		}
		return out
	}
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, blockText(c, src)...)
	}
	return out
}

// inlineText concatenates the text of inline nodes: emphasis and links keep
// their words, images and raw HTML drop out, line breaks become spaces.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
			return
		case *ast.String:
			b.Write(n.Value)
			return
		case *ast.AutoLink:
			b.Write(n.URL(src))
			return
		case *ast.Image, *ast.RawHTML:
			return
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// frontMatter reads a leading "---" block of "key: value" lines, the
// metadata header that static-site and note-taking tools write, and
// returns the source after it.
func frontMatter(src []byte, d *Document) []byte {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src
	}
	end := bytes.Index(src[4:], []byte("\n---"))
	if end < 0 {
		return src
	}
	head := string(src[4 : 4+end])
	rest := src[4+end+4:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[i+1:]
	} else {
		rest = nil
	}
	for _, l := range strings.Split(head, "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "title":
			d.Title = v
		case "author", "byline", "authors":
			d.Byline = strings.Trim(v, "[]")
		case "date", "published", "pubdate":
			if t, err := dateparse.ParseAny(v); err == nil {
				d.Published = t
			}
		case "url", "link", "source_url", "canonical":
			d.URL = v
		case "outlet", "source", "site", "site_name", "publisher":
			d.Outlet = v
		case "lang", "language":
			d.Language = v
		case "dateline":
			d.Dateline = v
		}
	}
	return rest
}
