package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/parallax-news/parallax/app"
)

// memoTargetFlags say what a memo is about, for memos and memo add.
type memoTargetFlags struct {
	project *bool
	article *string
	tag     *string
}

func addMemoTargetFlags(e *env, name string) (memoTargetFlags, *flag.FlagSet) {
	fs := e.flags(name)
	return memoTargetFlags{
		project: fs.Bool("project", false, "the project's memos"),
		article: fs.String("article", "", "memos on this article"),
		tag:     fs.String("tag", "", "memos on this tag (and, listing, the tags below it)"),
	}, fs
}

// filter turns the flags into a filter; at most one target may be named.
func (f memoTargetFlags) filter() (app.MemoFilter, error) {
	var mf app.MemoFilter
	named := 0
	if *f.project {
		mf.Kind, named = app.ProjectMemo, named+1
	}
	if *f.article != "" {
		id, err := app.ParseArticleID(*f.article)
		if err != nil {
			return mf, err
		}
		mf.Kind, mf.Article, named = app.ArticleMemo, id, named+1
	}
	if *f.tag != "" {
		t, err := app.NormalizeTag(*f.tag)
		if err != nil {
			return mf, err
		}
		mf.Kind, mf.Tag, named = app.TagMemo, t, named+1
	}
	if named > 1 {
		return mf, app.Errorf(app.EINVALID, "name one target: --project, --article ID or --tag T")
	}
	return mf, nil
}

func cmdMemos(e *env, args []string) int {
	target, fs := addMemoTargetFlags(e, "memos")
	analyst := fs.String("analyst", "", "only this analyst's memos")
	asJSON := fs.Bool("json", false, "print a JSON array")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) > 0 {
		return e.usageError(fs, "takes no arguments (--project, --article ID, --tag T)")
	}
	f, err := target.filter()
	if err != nil {
		return e.fail(err)
	}
	f.Analyst = *analyst
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
	list := []app.Memo{}
	if err := st.ForEachMemo(f, func(m app.Memo) error { list = append(list, m); return nil }); err != nil {
		return e.fail(err)
	}
	if *asJSON {
		return e.json(list)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tON\tANALYST\tMODIFIED\tTITLE")
	for _, m := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", m.ID, m.Target(), orDash(m.Analyst), stamp(m.Modified), m.Title())
	}
	tw.Flush()
	return exitOK
}

// cmdMemo adds, shows, edits or deletes one memo.
func cmdMemo(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, "usage: parallax-cli memo add (--project | --article ID | --tag T) [--file F] [TEXT]\n"+
			"       parallax-cli memo show|edit|delete MEMO-ID [--file F] [TEXT]\n")
		return exitUsage
	}
	sub := args[0]
	target, fs := addMemoTargetFlags(e, "memo "+sub)
	file := fs.String("file", "", `read the memo's Markdown from this file ("-": standard input)`)
	analyst := fs.String("analyst", "", "analyst name (add; default: $PARALLAX_ANALYST or the OS user)")
	asJSON := fs.Bool("json", false, "print the memo as JSON")
	rest, err := parse(fs, args[1:])
	if err != nil {
		return exitUsage
	}
	var id app.MemoID
	switch sub {
	case "add":
	case "show", "edit", "delete":
		if len(rest) == 0 {
			return e.usageError(fs, "takes a memo ID")
		}
		if id, err = app.ParseMemoID(rest[0]); err != nil {
			return e.fail(err)
		}
		rest = rest[1:]
	default:
		return e.usageError(fs, "unknown subcommand %q (add, show, edit, delete)", sub)
	}
	var on app.MemoFilter // what a new memo is about
	if sub == "add" {
		if on, err = target.filter(); err != nil {
			return e.fail(err)
		}
		if on.Kind == "" {
			return e.usageError(fs, "say what the memo is about: --project, --article ID or --tag T")
		}
	}
	text := ""
	if sub == "add" || sub == "edit" {
		if text, err = e.memoText(*file, rest); err != nil {
			return e.fail(err)
		}
	} else if len(rest) > 0 || *file != "" {
		return e.usageError(fs, "takes only a memo ID")
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	ms := app.Memos{Store: st, Analyst: *analyst}
	var m app.Memo
	switch sub {
	case "add":
		m, err = ms.Write(on.Kind, on.Article, on.Tag, text)
	case "show":
		m, err = st.FindMemo(id)
	case "edit":
		m, err = ms.Edit(id, text)
	case "delete":
		if m, err = st.DeleteMemo(id); err == nil {
			fmt.Fprintf(e.stderr, "deleted memo %d on %s (%q)\n", m.ID, m.Target(), m.Title())
			return exitOK
		}
	}
	if err != nil {
		return e.fail(err)
	}
	if *asJSON {
		return e.json(m)
	}
	if sub == "add" {
		fmt.Fprintln(e.stdout, m.ID)
		return exitOK
	}
	printMemo(e, m)
	return exitOK
}

// memoText is the memo's Markdown: the file's (or standard input's), or
// the words given on the command line, not both.
func (e *env) memoText(file string, words []string) (string, error) {
	switch {
	case file != "" && len(words) > 0:
		return "", app.Errorf(app.EINVALID, "give the memo's text or --file, not both")
	case file == "-":
		b, err := io.ReadAll(io.LimitReader(e.stdin, 4*app.MaxNoteLength+1))
		return string(b), err
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", app.WrapError(app.ENOTFOUND, err, "reading the memo from %s", file)
		}
		return string(b), nil
	case len(words) == 0:
		return "", app.Errorf(app.EINVALID, "give the memo's text, or --file F (- for standard input)")
	}
	return strings.Join(words, " "), nil
}

func printMemo(e *env, m app.Memo) {
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 1, ' ', 0)
	fmt.Fprintf(tw, "Memo:\t%d (%s)\n", m.ID, m.URI)
	fmt.Fprintf(tw, "On:\t%s\n", m.Target())
	fmt.Fprintf(tw, "Analyst:\t%s\n", orDash(m.Analyst))
	fmt.Fprintf(tw, "Created:\t%s\n", stamp(m.Created))
	fmt.Fprintf(tw, "Modified:\t%s\n", stamp(m.Modified))
	tw.Flush()
	fmt.Fprintf(e.stdout, "\n%s\n", m.Text)
}
