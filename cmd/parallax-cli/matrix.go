package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/matrix"
	"github.com/parallax-news/parallax/app/passages"
)

// cmdMatrix tabulates coded passages: code by document for R or SPSS, tag
// by outlet, tag co-occurrence, coverage over time.
func cmdMatrix(e *env, args []string) int {
	fs := e.flags("matrix")
	rows := fs.String("rows", "tag", "what rows stand for: "+dims())
	cols := fs.String("cols", "outlet", "what columns stand for: "+dims())
	count := fs.String("count", "annotations", "what a cell counts: annotations, articles or words")
	binary := fs.Bool("binary", false, "1 where the count is not 0, else 0 (a code-by-document matrix)")
	format := fs.String("format", "csv", "csv, json or md")
	var f passages.Filter
	fs.StringVar(&f.Tag, "tag", "", "only passages with this tag or one below it (and only those tags)")
	fs.StringVar(&f.Outlet, "outlet", "", "only articles of this outlet")
	fs.StringVar(&f.Analyst, "analyst", "", "only this analyst's passages")
	status := fs.String("status", "", "only passages anchored, moved, fuzzy or orphaned")
	after := fs.String("after", "", "only articles dated on or after this day (YYYY-MM-DD)")
	before := fs.String("before", "", "only articles dated before this day (YYYY-MM-DD)")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	switch s := anchor.Status(*status); s {
	case "", anchor.Anchored, anchor.Moved, anchor.Fuzzy, anchor.Orphaned:
		f.Status = s
	default:
		return e.usageError(fs, "--status %q: use anchored, moved, fuzzy or orphaned", *status)
	}
	if *format != "csv" && *format != "json" && *format != "md" {
		return e.usageError(fs, "--format %q: use csv, json or md", *format)
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
	t, err := matrix.Build(context.Background(), st, matrix.Spec{Rows: matrix.Dim(*rows), Cols: matrix.Dim(*cols), Count: matrix.Count(*count), Binary: *binary, Filter: f})
	if err != nil {
		return e.fail(err)
	}
	switch *format {
	case "json":
		return e.json(t)
	case "md":
		err = matrix.WriteMarkdown(e.stdout, t)
	default:
		err = matrix.WriteCSV(e.stdout, t)
	}
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stderr, "%d rows, %d columns\n", len(t.RowIs), len(t.ColIs))
	return exitOK
}

func dims() string {
	s := make([]string, len(matrix.Dims))
	for i, d := range matrix.Dims {
		s[i] = string(d)
	}
	return strings.Join(s, ", ")
}
