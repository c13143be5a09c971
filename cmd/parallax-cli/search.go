package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/quickopen"
	"github.com/parallax-news/parallax/app/search"
)

type searchHitOut struct {
	ID           app.ArticleID  `json:"id"`
	Title        string         `json:"title"`
	Outlet       string         `json:"outlet"`
	Published    string         `json:"published,omitempty"`
	Score        float64        `json:"score"`
	Snippet      search.Snippet `json:"snippet"`
	TitleMatches []search.Span  `json:"title_matches"`
	BodyMatches  []search.Span  `json:"body_matches"`
}

type searchOut struct {
	Query string         `json:"query"`
	Total int            `json:"total"`
	Hits  []searchHitOut `json:"hits"`
}

func cmdSearch(e *env, args []string) int {
	fs := e.flags("search")
	limit := fs.Int("limit", search.DefaultLimit, "how many articles to show")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) == 0 {
		return e.usageError(fs, "needs a query, e.g. search 'zelensk* \"peace talks\" -moscow' (see README, Search)")
	}
	if *limit < 1 {
		return e.usageError(fs, "--limit must be at least 1")
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	res, err := search.Run(st, strings.Join(rest, " "), *limit)
	if err != nil {
		return e.fail(err)
	}
	if *asJSON {
		out := searchOut{Query: res.Query, Total: res.Total, Hits: []searchHitOut{}}
		for _, h := range res.Hits {
			out.Hits = append(out.Hits, searchHitOut{
				ID: h.Article.ID, Title: h.Article.Title, Outlet: h.Article.Outlet,
				Published: stamp(h.Article.Published), Score: h.Score, Snippet: h.Snippet,
				TitleMatches: nonNilSpans(h.TitleMatches), BodyMatches: nonNilSpans(h.BodyMatches),
			})
			out.Hits[len(out.Hits)-1].Snippet.Highlights = nonNilSpans(h.Snippet.Highlights)
		}
		b, _ := json.MarshalIndent(out, "", "  ")
		fmt.Fprintf(e.stdout, "%s\n", b)
		return exitOK
	}
	for _, h := range res.Hits {
		fmt.Fprintf(e.stdout, "%6d  %6.2f  %s — %s (%s)\n", h.Article.ID, h.Score, h.Article.Title, orDash(h.Article.Outlet), date(h.Article.Published))
		fmt.Fprintf(e.stdout, "                %s\n", mark(h.Snippet))
	}
	fmt.Fprintf(e.stdout, "%d of %d matching articles\n", len(res.Hits), res.Total)
	return exitOK
}

// mark brackets a snippet's highlights «like this» for a terminal.
func mark(s search.Snippet) string {
	rs := []rune(s.Text)
	var b strings.Builder
	at := 0
	for _, h := range s.Highlights {
		if h.Start < at || h.End > len(rs) {
			continue
		}
		b.WriteString(string(rs[at:h.Start]))
		b.WriteString("«" + string(rs[h.Start:h.End]) + "»")
		at = h.End
	}
	b.WriteString(string(rs[at:]))
	return b.String()
}

func nonNilSpans(s []search.Span) []search.Span {
	if s == nil {
		return []search.Span{}
	}
	return s
}

func cmdReindex(e *env, args []string) int {
	fs := e.flags("reindex")
	quiet := fs.Bool("q", false, "no progress line")
	st, code := e.openNoArgs(fs, args)
	if st == nil {
		return code
	}
	defer st.Close()
	err := st.RebuildIndex(e.ctx, func(done, total int) {
		if !*quiet {
			fmt.Fprintf(e.stderr, "\rindexing %d/%d", done, total)
		}
	})
	if !*quiet {
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		if e.ctx.Err() != nil {
			fmt.Fprintf(e.stderr, "parallax-cli: %v\n", err)
			return exitCanceled
		}
		return e.fail(err)
	}
	fmt.Fprintln(e.stdout, "search index rebuilt")
	return exitOK
}

type findOut struct {
	Kind    string        `json:"kind"`
	Text    string        `json:"text"`
	ID      app.ArticleID `json:"id,omitempty"`
	Score   int           `json:"score"`
	Matched []int         `json:"matched"`
}

func cmdFind(e *env, args []string) int {
	fs := e.flags("find")
	limit := fs.Int("limit", quickopen.DefaultLimit, "how many matches to show")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) == 0 {
		return e.usageError(fs, "needs a pattern, e.g. find zelkrem")
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	entries, err := quickopen.Collect(st)
	if err != nil {
		return e.fail(err)
	}
	results := quickopen.New(entries).Find(strings.Join(rest, " "), *limit)
	if *asJSON {
		out := []findOut{}
		for _, r := range results {
			out = append(out, findOut{Kind: r.Kind.String(), Text: r.Text, ID: app.ArticleID(r.ID), Score: r.Score, Matched: r.Matched})
		}
		b, _ := json.MarshalIndent(out, "", "  ")
		fmt.Fprintf(e.stdout, "%s\n", b)
		return exitOK
	}
	for _, r := range results {
		id := ""
		if r.Kind == quickopen.Title {
			id = app.ArticleID(r.ID).String()
		}
		fmt.Fprintf(e.stdout, "%6s  %-6s  %4d  %s\n", id, r.Kind, r.Score, markRunes(r.Text, r.Matched))
	}
	if len(results) == 0 {
		fmt.Fprintln(e.stdout, "no matches")
	}
	return exitOK
}

// markRunes brackets the matched characters of s «l»ike this.
func markRunes(s string, matched []int) string {
	rs := []rune(s)
	var b strings.Builder
	k := 0
	for i, r := range rs {
		if k < len(matched) && matched[k] == i {
			b.WriteString("«" + string(r) + "»")
			k++
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
