package main

import (
	"context"
	"fmt"

	"github.com/parallax-news/parallax/app/matrix"
)

// cmdMatrix tabulates coded passages: code by document for R or SPSS, tag
// by outlet, tag co-occurrence, coverage over time.
func cmdMatrix(e *env, args []string) int {
	fs := e.flags("matrix")
	rows := fs.String("rows", "tag", "what rows stand for: "+matrix.DimList())
	cols := fs.String("cols", "outlet", "what columns stand for: "+matrix.DimList())
	count := fs.String("count", "annotations", "what a cell counts: annotations, articles or words")
	binary := fs.Bool("binary", false, "1 where the count is not 0, else 0 (a code-by-document matrix)")
	format := fs.String("format", "csv", "csv, json or md")
	filter := passageFilterFlags(fs, "only passages with this tag or one below it (and only those tags)")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	if *format != "csv" && *format != "json" && *format != "md" {
		return e.usageError(fs, "--format %q: use csv, json or md", *format)
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
