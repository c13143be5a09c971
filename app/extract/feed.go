package extract

import (
	"bytes"
	"errors"
	"fmt"
	nurl "net/url"
	"regexp"
	"strings"

	"github.com/mmcdole/gofeed"
)

var xmlEncodingRe = regexp.MustCompile(`^(\s*<\?xml[^>]*?encoding\s*=\s*["'])[^"']*(["'])`)

// parseFeed reads an RSS 0.9x/1.0/2.0, Atom or JSON Feed document that is
// already UTF-8, one document per item.
func parseFeed(src []byte) ([]Document, error) {
	// The text is UTF-8 now, whatever the declaration said; a stale
	// declaration would make the XML decoder convert it a second time.
	src = xmlEncodingRe.ReplaceAll(src, []byte("${1}UTF-8${2}"))
	trimmed := bytes.TrimSpace(src)
	if len(trimmed) > 0 && trimmed[0] == '{' && !bytes.Contains(trimmed, []byte("jsonfeed.org")) && !bytes.Contains(trimmed, []byte(`"items"`)) {
		return nil, errors.New("JSON file is not a JSON Feed (no jsonfeed.org version, no items)")
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(src))
	note := ""
	if err != nil && len(trimmed) > 0 && trimmed[0] != '{' {
		// Broken XML: keep the whole items it still holds.
		if s, ok := salvageFeed(src); ok {
			if f, serr := gofeed.NewParser().Parse(bytes.NewReader(s.feed)); serr == nil && len(f.Items) > 0 {
				note = fmt.Sprintf("salvaged %d items from a broken feed (%s; the parser said: %s)", s.items, s.lost, firstLine(err))
				feed, err = f, nil
			}
		}
	}
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, errors.New("not a feed: no RSS, Atom or JSON Feed root element (or XML too broken to read)")
		}
		return nil, fmt.Errorf("broken feed: %w", err)
	}
	if len(feed.Items) == 0 {
		return nil, errors.New("feed has no items")
	}
	feedURL := feed.FeedLink
	if feedURL == "" {
		feedURL = feed.Link
	}
	site := feed.Link
	if site == "" {
		site = feed.FeedLink
	}
	outlet := htmlText(feed.Title)
	if outlet == "" {
		outlet = hostOf(feed.Link)
	}
	docs := make([]Document, 0, len(feed.Items))
	for _, it := range feed.Items {
		d := Document{
			Title:    htmlText(it.Title),
			Outlet:   outlet,
			URL:      resolve(site, it.Link),
			Language: feed.Language,
			FeedURL:  feedURL,
			GUID:     it.GUID,
		}
		if it.PublishedParsed != nil {
			d.Published = *it.PublishedParsed
		} else if it.UpdatedParsed != nil {
			d.Published = *it.UpdatedParsed
		}
		var names []string
		for _, a := range it.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				names = append(names, strings.TrimSpace(a.Name))
			}
		}
		if len(names) == 0 && it.DublinCoreExt != nil {
			names = it.DublinCoreExt.Creator
		}
		d.Byline = strings.Join(names, ", ")

		content := htmlParagraphs(it.Content)
		summary := htmlParagraphs(it.Description)
		// A feed that puts the whole article in the description (common in
		// RSS 2.0) is full text when it is long; a short description
		// alongside no content is a teaser.
		switch {
		case words(content) >= words(summary) && len(content) > 0:
			d.Paragraphs = content
		case words(summary) >= 150 || len(summary) >= 4:
			d.Paragraphs = summary
		default:
			d.Paragraphs = summary
			d.Partial = true
		}
		if d.Title == "" && len(d.Paragraphs) == 0 {
			continue // nothing to keep
		}
		if d.Title == "" {
			d.Title = firstWords(d.Paragraphs[0], 12)
		}
		d.Note = note
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return nil, errors.New("feed items have neither titles nor text")
	}
	return docs, nil
}

// firstLine is an error's first line, for a one-line note.
func firstLine(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

func words(ps []string) int {
	n := 0
	for _, p := range ps {
		n += len(strings.Fields(p))
	}
	return n
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return s
	}
	return strings.Join(f[:n], " ") + "…"
}

// resolve makes an item link absolute against the feed's site link.
func resolve(base, link string) string {
	link = strings.TrimSpace(link)
	u, err := nurl.Parse(link)
	if err != nil || u.IsAbs() || base == "" {
		return link
	}
	b, err := nurl.Parse(base)
	if err != nil {
		return link
	}
	return b.ResolveReference(u).String()
}

func hostOf(link string) string {
	u, err := nurl.Parse(link)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}
