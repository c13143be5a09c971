package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/parallax-news/parallax/app"
)

// cmdEdit corrects articles' metadata: only the fields given change, on
// every article named (so one command sets the outlet of many).
func cmdEdit(e *env, args []string) int {
	fs := e.flags("edit")
	fields := map[string]*string{}
	for _, f := range []struct{ name, usage string }{
		{"title", "the headline"},
		{"outlet", "the outlet"},
		{"byline", "the byline"},
		{"url", "the article's web address (\"\" clears it)"},
		{"language", "a language tag: en, uk, ru… (\"\" clears it)"},
		{"published", "the publication date: 2026-03-14, \"2026-03-14 18:45\" (local time) or RFC 3339 (\"\" clears it)"},
	} {
		fields[f.name] = fs.String(f.name, "", f.usage)
	}
	asJSON := fs.Bool("json", false, "print each edited article as JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var edit app.MetaEdit
	for name, to := range map[string]**string{"title": &edit.Title, "outlet": &edit.Outlet, "byline": &edit.Byline, "url": &edit.URL, "language": &edit.Language} {
		if set[name] {
			*to = fields[name]
		}
	}
	if set["published"] {
		t, err := app.ParseDate(*fields["published"], time.Local)
		if err != nil {
			return e.fail(err)
		}
		edit.Published = &t
	}
	if edit == (app.MetaEdit{}) {
		return e.usageError(fs, "needs a field to change: --title, --outlet, --byline, --url, --language or --published")
	}
	if len(rest) == 0 {
		return e.usageError(fs, "needs the IDs of the articles to edit")
	}
	ids, err := articleIDs(rest)
	if err != nil {
		return e.fail(err)
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	results, err := app.MetaEditor{Store: st}.Edit(ids, edit)
	if err != nil {
		return e.fail(err)
	}
	var what []string
	for _, name := range []string{"title", "outlet", "byline", "url", "language", "published"} {
		if set[name] {
			what = append(what, name)
		}
	}
	status := exitOK
	for i, r := range results {
		if r.Err != nil {
			fmt.Fprintf(e.stderr, "parallax-cli: article %d: %v\n", ids[i], r.Err)
			status = exitError
			continue
		}
		if *asJSON {
			if err := writeJSONLine(e.stdout, articleJSON(r.Article)); err != nil {
				return e.fail(err)
			}
			continue
		}
		fmt.Fprintf(e.stdout, "edited article %d %q: %s\n", ids[i], app.Excerpt(r.Article.Title, maxTitle), strings.Join(what, ", "))
	}
	return status
}
