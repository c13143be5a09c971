package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/exchange"
	"github.com/parallax-news/parallax/assets"
	"github.com/parallax-news/parallax/store"
)

// spanFlags are the ways to say which passage: a quote or offsets.
type spanFlags struct {
	quote      *string
	nth        *int
	start, end *int
}

func addSpanFlags(fs *flag.FlagSet) spanFlags {
	return spanFlags{
		quote: fs.String("quote", "", "the passage's exact text (white space is flexible)"),
		nth:   fs.Int("nth", 0, "which occurrence of --quote, from 1 (needed when it occurs more than once)"),
		start: fs.Int("start", -1, "start offset in code points of the stored text"),
		end:   fs.Int("end", -1, "end offset (exclusive)"),
	}
}

func (f spanFlags) span() (app.Span, error) {
	switch {
	case *f.quote != "" && (*f.start >= 0 || *f.end >= 0):
		return app.Span{}, app.Errorf(app.EINVALID, "give either --quote or --start/--end, not both")
	case *f.quote != "":
		return app.Span{Quote: *f.quote, Nth: *f.nth}, nil
	case *f.start >= 0 && *f.end >= 0:
		return app.Span{Start: *f.start, End: *f.end}, nil
	}
	return app.Span{}, app.Errorf(app.EINVALID, "say which passage: --quote TEXT or --start S --end E")
}

func cmdAnnotate(e *env, args []string) int {
	fs := e.flags("annotate")
	sp := addSpanFlags(fs)
	revision := fs.Int("revision", 0, "revision to annotate (default: latest)")
	note := fs.String("note", "", "note (Markdown)")
	var tags stringList
	fs.Var(&tags, "tag", "tag (repeatable; paths like actor/russia)")
	color := fs.String("color", "", "highlight colour: #rrggbb or a name (yellow, green, blue, pink, orange, purple, red, grey)")
	analyst := fs.String("analyst", "", "analyst name (default: $PARALLAX_ANALYST or the OS user)")
	asJSON := fs.Bool("json", false, "print the annotation as JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) != 1 {
		return e.usageError(fs, "takes one article ID")
	}
	id, err := app.ParseArticleID(rest[0])
	if err != nil {
		return e.fail(err)
	}
	span, err := sp.span()
	if err != nil {
		return e.fail(err)
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	an := app.Annotator{Store: st, Analyst: *analyst}
	a, err := an.Annotate(app.AnnotateInput{Article: id, Revision: *revision, Span: span, Note: *note, Tags: tags, Color: *color})
	if err != nil {
		return e.fail(err)
	}
	if *asJSON {
		return e.json(a)
	}
	fmt.Fprintln(e.stdout, a.ID)
	return exitOK
}

func cmdAnnotations(e *env, args []string) int {
	fs := e.flags("annotations")
	tag := fs.String("tag", "", "only annotations with this tag or one below it")
	orphaned := fs.Bool("orphaned", false, "only orphaned annotations (to re-attach)")
	analyst := fs.String("analyst", "", "only this analyst's annotations")
	asJSON := fs.Bool("json", false, "print a JSON array")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	f := app.AnnotationFilter{Tag: *tag, Orphaned: *orphaned, Analyst: *analyst}
	switch len(rest) {
	case 0:
	case 1:
		if f.Article, err = app.ParseArticleID(rest[0]); err != nil {
			return e.fail(err)
		}
	default:
		return e.usageError(fs, "takes at most one article ID")
	}
	if f.Tag != "" {
		if f.Tag, err = app.NormalizeTag(f.Tag); err != nil {
			return e.fail(err)
		}
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	if f.Article != 0 {
		if _, err := st.FindArticleByID(f.Article); err != nil {
			return e.fail(err)
		}
	}
	list := []app.Annotation{}
	if err := st.ForEachAnnotation(f, func(a app.Annotation) error { list = append(list, a); return nil }); err != nil {
		return e.fail(err)
	}
	if *asJSON {
		return e.json(list)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tARTICLE\tREV\tSPAN\tSTATUS\tTAGS\tQUOTE\tNOTE")
	for _, a := range list {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d–%d\t%s\t%s\t%s\t%s\n", a.ID, a.Article, a.Revision, a.Start, a.End, a.Status,
			strings.Join(a.Tags, ","), app.Excerpt(a.Quote, 50), app.Excerpt(a.Note, 40))
	}
	tw.Flush()
	return exitOK
}

// cmdAnnotation shows, edits, re-attaches or deletes one annotation.
func cmdAnnotation(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, "usage: parallax-cli annotation show|edit|reattach|delete ANNOTATION-ID [flags]\n")
		return exitUsage
	}
	sub := args[0]
	fs := e.flags("annotation " + sub)
	var (
		note           = fs.String("note", "", "new note (edit)")
		clearNote      = fs.Bool("clear-note", false, "remove the note (edit)")
		color          = fs.String("color", "", "new colour (edit)")
		addTags, unTag stringList
		sp             spanFlags
	)
	fs.Var(&addTags, "tag", "add a tag (edit, repeatable)")
	fs.Var(&unTag, "untag", "remove a tag (edit, repeatable)")
	if sub == "reattach" {
		sp = addSpanFlags(fs)
	}
	asJSON := fs.Bool("json", false, "print the annotation as JSON")
	rest, err := parse(fs, args[1:])
	if err != nil {
		return exitUsage
	}
	if len(rest) != 1 {
		return e.usageError(fs, "takes one annotation ID")
	}
	id, err := app.ParseAnnotationID(rest[0])
	if err != nil {
		return e.fail(err)
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	an := app.Annotator{Store: st}
	var a app.Annotation
	switch sub {
	case "show":
		a, err = st.FindAnnotation(id)
	case "edit":
		var ed app.Edit
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "note":
				ed.Note = note
			case "color":
				ed.Color = color
			}
		})
		if *clearNote {
			empty := ""
			ed.Note = &empty
		}
		ed.AddTags, ed.RemoveTags = addTags, unTag
		a, err = an.Edit(id, ed)
	case "reattach":
		var span app.Span
		if span, err = sp.span(); err == nil {
			a, err = an.Reattach(id, span)
		}
	case "delete":
		a, err = st.DeleteAnnotation(id)
		if err == nil {
			fmt.Fprintf(e.stderr, "deleted annotation %d on article %d (%q)\n", a.ID, a.Article, app.Excerpt(a.Quote, 60))
			return exitOK
		}
	default:
		return e.usageError(fs, "unknown subcommand %q (show, edit, reattach, delete)", sub)
	}
	if err != nil {
		return e.fail(err)
	}
	if *asJSON {
		return e.json(a)
	}
	printAnnotation(e, a)
	return exitOK
}

func printAnnotation(e *env, a app.Annotation) {
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 1, ' ', 0)
	fmt.Fprintf(tw, "Annotation:\t%d (%s)\n", a.ID, a.URI)
	fmt.Fprintf(tw, "Article:\t%d, revision %d, %d–%d\n", a.Article, a.Revision, a.Start, a.End)
	fmt.Fprintf(tw, "Status:\t%s\n", a.Status)
	fmt.Fprintf(tw, "Quote:\t%q\n", a.Quote)
	for _, f := range [][2]string{{"Note", a.Note}, {"Tags", strings.Join(a.Tags, ", ")}, {"Colour", a.Color}, {"Analyst", a.Analyst},
		{"Created", stamp(a.Created)}, {"Modified", stamp(a.Modified)}} {
		if f[1] != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", f[0], f[1])
		}
	}
	for _, h := range a.History {
		fmt.Fprintf(tw, "Was:\trevision %d, %d–%d, %s, %q\n", h.Revision, h.Start, h.End, h.Status, app.Excerpt(h.Quote, 50))
	}
	tw.Flush()
}

func cmdTag(e *env, args []string) int   { return e.retag("tag", args, (*store.Store).TagArticle) }
func cmdUntag(e *env, args []string) int { return e.retag("untag", args, (*store.Store).UntagArticle) }

func (e *env) retag(name string, args []string, fn func(*store.Store, app.ArticleID, []string) (app.Article, error)) int {
	fs := e.flags(name)
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) < 2 {
		return e.usageError(fs, "takes an article ID and at least one tag")
	}
	id, err := app.ParseArticleID(rest[0])
	if err != nil {
		return e.fail(err)
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	a, err := fn(st, id, rest[1:])
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stdout, "article %d tags: %s\n", a.ID, strings.Join(a.Tags, ", "))
	return exitOK
}

func cmdTags(e *env, args []string) int {
	sub := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	fs := e.flags(strings.TrimSpace("tags " + sub))
	asJSON := fs.Bool("json", false, "print JSON")
	yes := fs.Bool("yes", false, "delete without asking (delete)")
	color := fs.String("color", "", "colour (set)")
	desc := fs.String("description", "", "description (set)")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	want := map[string]int{"": 0, "rename": 2, "merge": 2, "delete": 1, "set": 1}
	n, ok := want[sub]
	if !ok {
		return e.usageError(fs, "unknown subcommand %q (rename, merge, delete, set)", sub)
	}
	if len(rest) != n {
		return e.usageError(fs, "takes %d tag(s)", n)
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	var ch app.TagChange
	switch sub {
	case "":
		tags, err := st.Tags()
		if err != nil {
			return e.fail(err)
		}
		if *asJSON {
			if tags == nil {
				tags = []app.TagInfo{}
			}
			return e.json(tags)
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "TAG\tARTICLES\tANNOTATIONS\tCOLOUR\tDESCRIPTION")
		for _, t := range tags {
			indent := strings.Repeat("  ", strings.Count(t.Path, "/"))
			fmt.Fprintf(tw, "%s%s\t%d\t%d\t%s\t%s\n", indent, t.Name(), t.Articles, t.Annotations, t.Color, t.Description)
		}
		tw.Flush()
		return exitOK
	case "rename", "merge":
		ch, err = st.RenameTag(rest[0], rest[1], sub == "merge")
		if err == nil {
			fmt.Fprintf(e.stdout, "%sd %s into %s: %d tags, %d articles, %d annotations\n", strings.TrimSuffix(sub, "e"), rest[0], rest[1], len(ch.Tags), ch.Articles, ch.Annotations)
		}
	case "delete":
		if !*yes {
			if ch, err = st.TagUsage(rest[0]); err == nil {
				fmt.Fprintf(e.stderr, "tag %s (%d tags with those below it) is used by %d articles and %d annotations; run again with --yes to delete it from all of them\n",
					rest[0], len(ch.Tags), ch.Articles, ch.Annotations)
				return exitFailures
			}
			break
		}
		ch, err = st.DeleteTag(rest[0])
		if err == nil {
			fmt.Fprintf(e.stdout, "deleted %s: %d tags, from %d articles and %d annotations\n", rest[0], len(ch.Tags), ch.Articles, ch.Annotations)
		}
	case "set":
		err = st.SaveTag(app.Tag{Path: rest[0], Color: *color, Description: *desc})
	}
	if err != nil {
		return e.fail(err)
	}
	return exitOK
}

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
	for _, a := range articles {
		id, err := app.ParseArticleID(a)
		if err != nil {
			return e.fail(err)
		}
		f.Articles = append(f.Articles, id)
	}
	for _, d := range []struct {
		s string
		t *time.Time
	}{{*after, &f.After}, {*before, &f.Before}} {
		if d.s == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.s)
		if err != nil {
			return e.fail(app.Errorf(app.EINVALID, "date %q: use YYYY-MM-DD", d.s))
		}
		*d.t = t
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
	write := func(w io.Writer) error {
		return exchange.Export(e.ctx, w, exchange.Format(*format), b, origin)
	}
	if err == nil {
		if *out == "-" {
			err = write(e.stdout)
		} else {
			err = app.WriteFileAtomic(*out, write)
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

// json prints v as one JSON document.
func (e *env) json(v any) int {
	if err := writeJSONLine(e.stdout, v); err != nil {
		return e.fail(err)
	}
	return exitOK
}
