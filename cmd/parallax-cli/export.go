package main

import (
	"fmt"

	"github.com/parallax-news/parallax/app/exchange"
	"github.com/parallax-news/parallax/assets"
)

func cmdExport(e *env, args []string) int {
	fs := e.flags("export")
	format := fs.String("format", "", "w3c, qdpx, csv or md")
	out := fs.String("o", "", "output file (\"-\" for standard output)")
	var f exchange.Filter
	fs.StringVar(&f.Tag, "tag", "", "only annotations with this tag or one below it")
	fs.StringVar(&f.Outlet, "outlet", "", "only this outlet's articles")
	fs.StringVar(&f.Analyst, "analyst", "", "only this analyst's annotations")
	var articles stringList
	fs.Var(&articles, "article", "only this article (repeatable)")
	after := fs.String("after", "", "only articles published on or after this date (YYYY-MM-DD)")
	before := fs.String("before", "", "only articles published before this date (YYYY-MM-DD)")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) > 0 || *out == "" || *format == "" {
		return e.usageError(fs, "usage: export --format w3c|qdpx|csv|md [filters] -o FILE")
	}
	if f.Articles, err = articleIDs(articles); err != nil {
		return e.fail(err)
	}
	if f.After, f.Before, err = dayRange(*after, *before); err != nil {
		return e.fail(err)
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	status := newStatusWriter(e.stderr, false)
	b, err := exchange.Collect(e.ctx, st, f, func(n int) { status.line("collecting: %d articles  (Ctrl-C stops)", n) })
	status.clear()
	origin := assets.AppName + " " + assets.AppVersion
	if err == nil {
		if *out == "-" {
			err = exchange.Export(e.ctx, e.stdout, exchange.Format(*format), b, origin)
		} else {
			err = exchange.ExportFile(e.ctx, *out, exchange.Format(*format), b, origin)
		}
	}
	if err != nil {
		if e.ctx.Err() != nil {
			fmt.Fprintf(e.stderr, "parallax-cli: export canceled; nothing written\n")
			return exitCanceled
		}
		return e.fail(err)
	}
	if *out != "-" {
		fmt.Fprintf(e.stderr, "exported %d annotations on %d articles to %s\n", b.Annotations(), len(b.Items), *out)
	}
	return exitOK
}
