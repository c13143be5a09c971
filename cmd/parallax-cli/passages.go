package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/passages"
)

// passageOut is a passage as passages --json prints it.
type passageOut struct {
	passages.Passage
	Context string `json:"context"`
}

// cmdPassages lists the coded passages across the collection: a code's
// material read together, with the article each passage is in.
func cmdPassages(e *env, args []string) int {
	fs := e.flags("passages")
	var f passages.Filter
	fs.StringVar(&f.Tag, "tag", "", "passages with this tag or one below it")
	fs.StringVar(&f.Outlet, "outlet", "", "only articles of this outlet")
	fs.StringVar(&f.Analyst, "analyst", "", "only this analyst's passages")
	status := fs.String("status", "", "only passages anchored, moved, fuzzy or orphaned")
	after := fs.String("after", "", "only articles dated on or after this day (YYYY-MM-DD)")
	before := fs.String("before", "", "only articles dated before this day (YYYY-MM-DD)")
	asJSON := fs.Bool("json", false, "print a JSON array")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	switch s := anchor.Status(*status); s {
	case "", anchor.Anchored, anchor.Moved, anchor.Fuzzy, anchor.Orphaned:
		f.Status = s
	default:
		return e.usageError(fs, "--status %q: use anchored, moved, fuzzy or orphaned", *status)
	}
	var err error
	if f.After, f.Before, err = dayRange(*after, *before); err != nil {
		return e.fail(err)
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	list, err := passages.List(context.Background(), st, f)
	if err != nil {
		return e.fail(err)
	}
	if *asJSON {
		out := make([]passageOut, len(list))
		for i, p := range list {
			p.Tags = nonNil(p.Tags)
			out[i] = passageOut{Passage: p, Context: p.Context()}
		}
		return e.json(out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, p := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t“%s”\t%s\n", p.ID, date(p.Date), orDash(p.Outlet), app.Excerpt(p.Title, 50),
			orDash(p.Analyst), app.Excerpt(p.Context(), 100), strings.Join(p.Tags, ", "))
	}
	if err := tw.Flush(); err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stderr, "%d passages\n", len(list))
	return exitOK
}
