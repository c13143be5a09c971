package main

import (
	"context"
	"flag"
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
	filter := passageFilterFlags(fs, "passages with this tag or one below it")
	asJSON := fs.Bool("json", false, "print a JSON array")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	f, code := filter(e)
	if code != exitOK {
		return code
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

// passageFilterFlags defines the flags that choose passages (passages,
// matrix) and returns how to read them once parsed: the filter, or the
// exit code of a usage error already reported.
func passageFilterFlags(fs *flag.FlagSet, tagUsage string) func(e *env) (passages.Filter, int) {
	var f passages.Filter
	fs.StringVar(&f.Tag, "tag", "", tagUsage)
	fs.StringVar(&f.Outlet, "outlet", "", "only articles of this outlet")
	fs.StringVar(&f.Analyst, "analyst", "", "only this analyst's passages")
	status := fs.String("status", "", "only passages anchored, moved, fuzzy or orphaned")
	after := fs.String("after", "", "only articles dated on or after this day (YYYY-MM-DD)")
	before := fs.String("before", "", "only articles dated before this day (YYYY-MM-DD)")
	return func(e *env) (passages.Filter, int) {
		switch s := anchor.Status(*status); s {
		case "", anchor.Anchored, anchor.Moved, anchor.Fuzzy, anchor.Orphaned:
			f.Status = s
		default:
			return f, e.usageError(fs, "--status %q: use anchored, moved, fuzzy or orphaned", *status)
		}
		var err error
		if f.After, f.Before, err = dayRange(*after, *before); err != nil {
			return f, e.fail(err)
		}
		return f, exitOK
	}
}
