package main

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/parallax-news/parallax/app"
)

func cmdList(e *env, args []string) int {
	fs := e.flags("list")
	asJSON := fs.Bool("json", false, "print a JSON array")
	st, code := e.openNoArgs(fs, args)
	if st == nil {
		return code
	}
	defer st.Close()
	var err error
	if *asJSON {
		// Streamed element by element: a large store never sits in memory.
		fmt.Fprint(e.stdout, "[")
		n := 0
		err = st.ForEachArticle(func(a app.Article) error {
			if n > 0 {
				fmt.Fprint(e.stdout, ",")
			}
			n++
			fmt.Fprint(e.stdout, "\n")
			return writeJSONLine(e.stdout, articleJSON(a))
		})
		fmt.Fprint(e.stdout, "\n]\n")
	} else {
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tPUBLISHED\tOUTLET\tREV\tTITLE")
		err = st.ForEachArticle(func(a app.Article) error {
			_, err := fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\n", a.ID, date(a.Published), a.Outlet, a.Revisions, app.Excerpt(a.Title, maxTitle))
			return err
		})
		tw.Flush()
	}
	if err != nil {
		return e.fail(err)
	}
	return exitOK
}

func cmdShow(e *env, args []string) int {
	fs := e.flags("show")
	asJSON := fs.Bool("json", false, "print JSON")
	revision := fs.Int("revision", 0, "revision number (default: latest)")
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
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	a, err := st.FindArticleByID(id)
	if err != nil {
		return e.fail(err)
	}
	r, err := st.FindRevision(id, *revision)
	if err != nil {
		return e.fail(err)
	}
	if *asJSON {
		if err := writeJSONLine(e.stdout, revisionJSON(a, r)); err != nil {
			return e.fail(err)
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 1, ' ', 0)
	fmt.Fprintf(tw, "Article:\t%d, revision %d of %d\n", a.ID, r.Number, a.Revisions)
	for _, f := range [][2]string{
		{"Title", r.Title}, {"Outlet", r.Outlet}, {"URL", r.URL}, {"Byline", r.Byline},
		{"Published", stamp(r.Published)}, {"Imported", stamp(r.Imported)}, {"Language", r.Language},
		{"Dateline", r.Dateline}, {"Tags", strings.Join(a.Tags, ", ")},
		{"Words", strconv.Itoa(r.Words)}, {"Paragraphs", strconv.Itoa(r.Paragraphs)},
		{"Partial", yes(r.Partial)}, {"Origin", origin(r.Origin)}, {"Hash", r.Hash},
	} {
		if f[1] != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", f[0], f[1])
		}
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "\n%s\n", r.Body)
	return exitOK
}

func cmdStats(e *env, args []string) int {
	fs := e.flags("stats")
	asJSON := fs.Bool("json", false, "print JSON")
	if rest, err := parse(fs, args); err != nil || len(rest) > 0 {
		return exitUsage
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	s, err := st.Stats()
	if err != nil {
		return e.fail(err)
	}
	if *asJSON {
		if err := writeJSONLine(e.stdout, s); err != nil {
			return e.fail(err)
		}
		return exitOK
	}
	fmt.Fprintf(e.stdout, "store:      %s (schema %d, %.1f MiB on disk)\n", st.Dir(), s.SchemaVersion, float64(s.DiskBytes)/(1<<20))
	fmt.Fprintf(e.stdout, "articles:   %d\nrevisions:  %d\npartial:    %d\nwords:      %d\n", s.Articles, s.Revisions, s.Partial, s.Words)
	fmt.Fprintf(e.stdout, "outlets:    %s\n", topCounts(s.Outlets, 10))
	fmt.Fprintf(e.stdout, "languages:  %s\n", topCounts(s.Languages, 10))
	return exitOK
}

// articleOut is the documented shape of an article in `list --json`,
// revisionOut of `show --json`.
type articleOut struct {
	ID        app.ArticleID `json:"id"`
	Revisions int           `json:"revisions"`
	Tags      []string      `json:"tags"`
	app.Meta
}

type revisionOut struct {
	ID        app.ArticleID `json:"id"`
	Revision  int           `json:"revision"`
	Revisions int           `json:"revisions"`
	Tags      []string      `json:"tags"`
	app.Meta
	Body string `json:"body"`
}

func articleJSON(a app.Article) articleOut {
	return articleOut{ID: a.ID, Revisions: a.Revisions, Tags: nonNil(a.Tags), Meta: a.Meta}
}

func revisionJSON(a app.Article, r app.Revision) revisionOut {
	return revisionOut{ID: a.ID, Revision: r.Number, Revisions: a.Revisions, Tags: nonNil(a.Tags), Meta: r.Meta, Body: r.Body}
}

func cmdDelete(e *env, args []string) int {
	fs := e.flags("delete")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) == 0 {
		return e.usageError(fs, "needs the IDs of the articles to delete")
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
	status := exitOK
	for _, id := range ids {
		del, err := st.DeleteArticle(id)
		if err != nil {
			fmt.Fprintf(e.stderr, "parallax-cli: %v\n", err)
			status = exitError
			continue
		}
		fmt.Fprintf(e.stdout, "deleted article %d %q (%d revisions, %d annotations, %d memos)\n", id, del.Article.Title, del.Article.Revisions, len(del.Annotations), len(del.Memos))
	}
	return status
}
