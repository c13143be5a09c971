package main

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/parallax-news/parallax/app"
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
