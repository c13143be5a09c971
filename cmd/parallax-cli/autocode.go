package main

import (
	"fmt"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/autocode"
)

// autocodeOut is what autocode --json prints.
type autocodeOut struct {
	Batch        string             `json:"batch,omitempty"`
	Annotations  int                `json:"annotations"`
	Articles     int                `json:"articles"`
	AlreadyCoded int                `json:"alreadyCoded"`
	DryRun       bool               `json:"dryRun"`
	Passages     []autocode.Passage `json:"passages,omitempty"`
	Undone       []app.AnnotationID `json:"undone,omitempty"`
}

// cmdAutocode codes every passage a query (or a regular expression)
// finds, as one batch that --undo removes.
func cmdAutocode(e *env, args []string) int {
	fs := e.flags("autocode")
	var spec autocode.Spec
	var tags stringList
	fs.Var(&tags, "tag", "tag to code the passages with (repeatable)")
	unit := fs.String("unit", "match", "what to code: the match, or the sentence or paragraph around it")
	fs.BoolVar(&spec.Regex, "regex", false, "QUERY is a regular expression (RE2) over the articles' text")
	fs.StringVar(&spec.Color, "color", "", "colour: palette name or #rrggbb (default: the tag's)")
	fs.StringVar(&spec.Note, "note", "", "note on every annotation")
	fs.StringVar(&spec.Analyst, "analyst", "", "analyst name (default: $PARALLAX_ANALYST or the OS user)")
	dry := fs.Bool("dry-run", false, "count and list what would be coded; store nothing")
	undo := fs.String("undo", "", "delete the annotations of this batch (the name autocode printed)")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	if *undo != "" {
		if len(rest) > 0 {
			return e.usageError(fs, "--undo takes no query")
		}
		gone, err := autocode.Undo(st, *undo)
		if err != nil {
			return e.fail(err)
		}
		if *asJSON {
			out := autocodeOut{Batch: *undo, Annotations: len(gone)}
			for _, a := range gone {
				out.Undone = append(out.Undone, a.ID)
			}
			return e.json(out)
		}
		fmt.Fprintf(e.stdout, "deleted the %d annotations of batch %s\n", len(gone), *undo)
		return exitOK
	}
	if len(rest) != 1 {
		return e.usageError(fs, "give one QUERY (quote it) and --tag")
	}
	spec.Query, spec.Tags, spec.Unit = rest[0], tags, autocode.Unit(*unit)
	plan, err := autocode.Preview(e.ctx, st, spec)
	if err != nil {
		return e.fail(err)
	}
	out := autocodeOut{Annotations: len(plan.Passages), Articles: plan.Articles, AlreadyCoded: plan.Existing, DryRun: *dry}
	if *dry {
		out.Passages = plan.Passages
		if *asJSON {
			return e.json(out)
		}
		for _, p := range plan.Passages {
			fmt.Fprintf(e.stdout, "%d\t%d–%d\t“%s”\n", p.Article, p.Start, p.End, app.Excerpt(p.Quote, 100))
		}
		fmt.Fprintf(e.stderr, "would code %d passages in %d articles (%d already coded so)\n", out.Annotations, out.Articles, out.AlreadyCoded)
		return exitOK
	}
	status := newStatusWriter(e.stderr, false)
	res, err := autocode.Apply(e.ctx, st, plan, time.Now(), func(done, total int) {
		status.line("%d/%d passages coded  (Ctrl-C stops safely)", done, total)
	})
	status.clear()
	out.Batch, out.Annotations = res.Batch, res.Annotations
	if err != nil {
		if res.Annotations > 0 {
			fmt.Fprintf(e.stderr, "stopped: %d of %d passages coded and stored; undo them with --undo %s\n", res.Annotations, len(plan.Passages), res.Batch)
		}
		return e.fail(err)
	}
	if *asJSON {
		return e.json(out)
	}
	fmt.Fprintf(e.stdout, "coded %d passages in %d articles as batch %s (%d already coded so); undo with: parallax-cli autocode --undo %s\n",
		res.Annotations, res.Articles, res.Batch, plan.Existing, res.Batch)
	return exitOK
}
