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
	src = flattenNesting(src)
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

// maxNesting bounds how deep Markdown lists and block quotes go: the
// parser's time and memory grow with the square of the depth (a 9 MB file
// of 3,000 nested lists took 20 s and 500 MB), and no article nests
// deeper than a few levels.
const maxNesting = 16

// flattenNesting cuts each line's indentation to maxNesting*4 columns and
// its run of block-quote markers to maxNesting, so deeper levels join
// the deepest kept one. It is linear, and leaves other lines alone.
func flattenNesting(src []byte) []byte {
	var out []byte // nil until a line changes
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start + 1
		}
		line := src[start:end]
		if kept := flatLine(line); len(kept) != len(line) {
			if out == nil {
				out = append(make([]byte, 0, len(src)), src[:start]...)
			}
			out = append(out, kept...)
		} else if out != nil {
			out = append(out, line...)
		}
		start = end
	}
	if out == nil {
		return src
	}
	return out
}

// flatLine returns line with its leading block-quote markers cut to
// maxNesting (the white space between dropped markers goes with them) and
// each run of white space to maxNesting*4 columns.
func flatLine(line []byte) []byte {
	n := 0
	for n < len(line) && (line[n] == ' ' || line[n] == '\t' || line[n] == '>') {
		n++
	}
	if n <= maxNesting {
		return line // the common case: too short to be too deep
	}
	// The prefix is runs of white space split by markers: ws0 > ws1 > ws2 …
	runs := bytes.Split(line[:n], []byte{'>'})
	markers := len(runs) - 1
	keep := min(markers, maxNesting)
	prefix := append(make([]byte, 0, n), capColumns(runs[0])...)
	for j := 1; j <= keep; j++ {
		ws := runs[j]
		if j == keep {
			ws = runs[markers] // the indentation of what follows the last marker
		}
		prefix = append(append(prefix, '>'), capColumns(ws)...)
	}
	if len(prefix) == n {
		return line
	}
	return append(prefix, line[n:]...)
}

// capColumns cuts a run of spaces and tabs to maxNesting*4 columns.
func capColumns(ws []byte) []byte {
	cols := 0
	for i, c := range ws {
		if c == '\t' {
			cols += 4
		} else {
			cols++
		}
		if cols > maxNesting*4 {
			return ws[:i]
		}
	}
	return ws
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
