package extract

import (
	"bytes"
	"fmt"
	"regexp"
)

// A feed that the XML parser gives up on (cut short, a garbage prolog,
// items in a namespace prefix it does not expect) often still holds
// whole items. salvageFeed rebuilds a feed of those and says what was
// lost, instead of refusing the file.

var (
	itemStartRe = regexp.MustCompile(`<((?:[\w.-]+:)?)(item|entry)(\s[^>]*)?>`)
	chanTitleRe = regexp.MustCompile(`(?s)<(?:[\w.-]+:)?title[^>]*>(.*?)</(?:[\w.-]+:)?title>`)
	chanLinkRe  = regexp.MustCompile(`(?s)<(?:[\w.-]+:)?link[^>]*?(?:href="([^"]*)"[^>]*/?>|>(.*?)</(?:[\w.-]+:)?link>)`)
)

// salvaged is what salvageFeed read of a broken feed.
type salvaged struct {
	feed  []byte // a well-formed feed of the whole items
	items int    // whole items found
	lost  string // what could not be read, for the report
}

func salvageFeed(src []byte) (salvaged, bool) {
	var s salvaged
	starts := itemStartRe.FindAllSubmatchIndex(src, -1)
	if len(starts) == 0 {
		return s, false
	}
	atom := string(src[starts[0][4]:starts[0][5]]) == "entry"
	var items [][]byte
	end := 0
	for _, m := range starts {
		if m[0] < end {
			continue // inside the item before
		}
		prefix, name := src[m[2]:m[3]], src[m[4]:m[5]]
		closing := []byte("</" + string(prefix) + string(name) + ">")
		i := bytes.Index(src[m[1]:], closing)
		if i < 0 {
			s.lost = fmt.Sprintf("the file ends inside item %d, at byte %d of %d", len(items)+1, m[0], len(src))
			break
		}
		item := src[m[0] : m[1]+i+len(closing)]
		end = m[1] + i + len(closing)
		if len(prefix) > 0 { // <rss:item><rss:title>: the names without it
			item = bytes.ReplaceAll(item, []byte("<"+string(prefix)), []byte("<"))
			item = bytes.ReplaceAll(item, []byte("</"+string(prefix)), []byte("</"))
		}
		items = append(items, item)
	}
	if len(items) == 0 {
		return s, false
	}
	s.items = len(items)
	if s.lost == "" {
		s.lost = "the XML around the items is broken"
	}
	head := src[:starts[0][0]]
	title, link := "", ""
	if m := chanTitleRe.FindSubmatch(head); m != nil {
		title = string(m[1])
	}
	if m := chanLinkRe.FindSubmatch(head); m != nil {
		link = string(append(m[1], m[2]...))
	}
	var b bytes.Buffer
	if atom {
		fmt.Fprintf(&b, `<feed xmlns="http://www.w3.org/2005/Atom"><title>%s</title><link href="%s"/>`, title, link)
	} else {
		fmt.Fprintf(&b, `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>%s</title><link>%s</link>`, title, link)
	}
	for _, it := range items {
		b.Write(it)
	}
	if atom {
		b.WriteString("</feed>")
	} else {
		b.WriteString("</channel></rss>")
	}
	s.feed = b.Bytes()
	return s, true
}
