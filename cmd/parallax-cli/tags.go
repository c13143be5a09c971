package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/store"
)

func cmdTag(e *env, args []string) int { return e.retag("tag", args, (*store.Store).TagArticle) }

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
			done := map[string]string{"rename": "renamed", "merge": "merged"}[sub]
			fmt.Fprintf(e.stdout, "%s %s into %s: %d tags, %d articles, %d annotations, %d memos\n", done, rest[0], rest[1], len(ch.Tags), ch.Articles, ch.Annotations, ch.Memos)
		}
	case "delete":
		if !*yes {
			if ch, err = st.TagUsage(rest[0]); err == nil {
				fmt.Fprintf(e.stderr, "tag %s (%d tags with those below it) is used by %d articles and %d annotations and has %d memos; run again with --yes to delete it from all of them, with its memos\n",
					rest[0], len(ch.Tags), ch.Articles, ch.Annotations, ch.Memos)
				return exitFailures
			}
			break
		}
		ch, err = st.DeleteTag(rest[0])
		if err == nil {
			fmt.Fprintf(e.stdout, "deleted %s: %d tags, from %d articles and %d annotations, and %d memos\n", rest[0], len(ch.Tags), ch.Articles, ch.Annotations, ch.Memos)
		}
	case "set":
		err = st.SaveTag(app.Tag{Path: rest[0], Color: *color, Description: *desc})
	}
	if err != nil {
		return e.fail(err)
	}
	return exitOK
}
