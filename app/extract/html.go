package extract

import (
	"fmt"
	nurl "net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseHTML pulls the article out of a saved web page with a port of
// Mozilla's Readability, the algorithm behind Firefox's reader view.
func parseHTML(text string) (Document, error) {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return Document{}, fmt.Errorf("not a readable HTML page: %w", err)
	}
	pageURL := canonicalURL(doc)
	var base *nurl.URL
	if pageURL != "" {
		base, _ = nurl.Parse(pageURL)
	}
	art, err := readability.FromDocument(doc, base)
	if err != nil {
		return Document{}, fmt.Errorf("no article found in the page: %w", err)
	}
	if art.Node == nil {
		return Document{}, ErrNoText
	}
	d := Document{
		Title:      art.Title(),
		Byline:     art.Byline(),
		Outlet:     art.SiteName(),
		URL:        pageURL,
		Language:   art.Language(),
		Paragraphs: textParagraphs(render.InnerText(art.Node)),
	}
	if t, err := art.PublishedTime(); err == nil {
		d.Published = t
	}
	d.Paragraphs = dropHeadRepeats(d.Paragraphs, d.Title, d.Byline)
	if len(d.Paragraphs) == 0 {
		return Document{}, ErrNoText
	}
	return d, nil
}

// htmlParagraphs renders an HTML fragment (a feed item's content) as
// paragraphs.
func htmlParagraphs(fragment string) []string {
	if !strings.ContainsAny(fragment, "<&") {
		return textParagraphs(fragment)
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return textParagraphs(fragment)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return textParagraphs(render.InnerText(root))
}

// htmlText renders an HTML fragment as one line (titles with markup).
func htmlText(fragment string) string {
	return strings.Join(htmlParagraphs(fragment), " ")
}

// textParagraphs turns rendered text, where blocks end in line breaks, into
// one paragraph per non-empty line.
func textParagraphs(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// canonicalURL reads the page's own address from <link rel="canonical"> or
// og:url, the two places saved pages keep it.
func canonicalURL(doc *html.Node) string {
	var canonical, og string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && canonical == "" {
					canonical = attr(n, "href")
				}
			case atom.Meta:
				if p := attr(n, "property"); strings.EqualFold(p, "og:url") && og == "" {
					og = attr(n, "content")
				}
			case atom.Body:
				return // metadata lives in the head
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, u := range []string{canonical, og} {
		if pu, err := nurl.Parse(strings.TrimSpace(u)); err == nil && pu.IsAbs() && (pu.Scheme == "http" || pu.Scheme == "https") {
			return pu.String()
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// dropHeadRepeats removes leading paragraphs that only repeat metadata
// already kept apart: the headline, or a "By …" line naming the byline.
// Readability leaves them in when it found the metadata elsewhere.
func dropHeadRepeats(ps []string, title, byline string) []string {
	for len(ps) > 1 {
		p := oneLine(ps[0])
		switch {
		case strings.EqualFold(p, oneLine(title)):
		case byline != "" && (strings.EqualFold(p, oneLine(byline)) || strings.EqualFold(p, "By "+oneLine(byline))):
		default:
			return ps
		}
		ps = ps[1:]
	}
	return ps
}
