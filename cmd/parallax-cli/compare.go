package main

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
)

func cmdCompare(e *env, args []string) int {
	fs := e.flags("compare")
	modeText := fs.String("mode", "auto", "revisions, coverage or auto")
	asJSON := fs.Bool("json", false, "print JSON")
	width := fs.Int("width", 110, "width of the two-column report")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	mode, ok := compare.ParseMode(*modeText)
	if !ok {
		return e.usageError(fs, "--mode is revisions, coverage or auto, not %q", *modeText)
	}
	if len(rest) == 1 {
		rest = append(rest, rest[0]) // an article's previous revision with its latest
	}
	if len(rest) != 2 {
		return e.usageError(fs, "needs two articles: compare ID1 ID2 (ID@N for revision N; one ID: its last two revisions)")
	}
	var refs [2]compare.Ref
	for i, s := range rest {
		if refs[i], err = compare.ParseRef(s); err != nil {
			return e.fail(err)
		}
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	al, err := compare.Articles(st, refs[0], refs[1], mode)
	if err != nil {
		return e.fail(err)
	}
	if *asJSON {
		if al.Pairs == nil {
			al.Pairs = []compare.Pair{}
		}
		return e.json(al)
	}
	report(e, al, max(*width, 60))
	return exitOK
}

// report prints an alignment as two columns, A left and B right, with
// the kind of each pair in the margin; word diffs are marked [-deleted-]
// and {+inserted+}.
func report(e *env, al compare.Alignment, width int) {
	s := al.Summary
	for _, side := range []struct {
		name string
		x    compare.Side
	}{{"A", al.A}, {"B", al.B}} {
		fmt.Fprintf(e.stdout, "%s  %d@%d  %s — %s\n", side.name, side.x.Article, side.x.Revision, side.x.Title, orDash(side.x.Outlet))
	}
	fmt.Fprintln(e.stdout, s)
	for _, q := range s.TopQuotes {
		fmt.Fprintf(e.stdout, "  shared quote (%d words): %s\n", q.Words, q.Text)
	}
	col := (width - 17) / 2
	ra, rb := []rune(al.A.Text), []rune(al.B.Text)
	for _, p := range al.Pairs {
		left, right := marked(ra, p.A, p.Diff, true), marked(rb, p.B, p.Diff, false)
		label := string(p.Kind)
		if p.Kind == compare.Edited || p.Kind == compare.Reworded {
			label = fmt.Sprintf("%s %.2f", p.Kind, p.Similarity)
		}
		fmt.Fprintln(e.stdout)
		l, r := wrap(left, col), wrap(right, col)
		for i := range max(len(l), len(r)) {
			var a, b string
			if i < len(l) {
				a = l[i]
			}
			if i < len(r) {
				b = r[i]
			}
			if i > 0 {
				label = ""
			}
			fmt.Fprintf(e.stdout, "%-13s %s │ %s\n", label, pad(a, col), b)
		}
	}
}

// marked is a pair's side of the text, with its word diff's deletions
// (A) or insertions (B) bracketed.
func marked(text []rune, sp *compare.Span, diff []compare.WordOp, isA bool) string {
	if sp == nil {
		return ""
	}
	var b strings.Builder
	at := sp.Start
	for _, op := range diff {
		s, open, close := op.B, "{+", "+}"
		if isA {
			s, open, close = op.A, "[-", "-]"
		}
		if s == nil || op.Op == compare.OpEqual || s.Start < at {
			continue
		}
		b.WriteString(string(text[at:s.Start]) + open + string(text[s.Start:s.End]) + close)
		at = s.End
	}
	b.WriteString(string(text[at:sp.End]))
	return strings.Join(strings.Fields(b.String()), " ")
}

// wrap breaks text into lines of at most width code points, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		for utf8.RuneCountInString(w) > width { // a word longer than a line
			if line != "" {
				lines, line = append(lines, line), ""
			}
			rs := []rune(w)
			lines, w = append(lines, string(rs[:width])), string(rs[width:])
		}
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= width:
			line += " " + w
		default:
			lines, line = append(lines, line), w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-utf8.RuneCountInString(s)))
}

type similarOut struct {
	ID         app.ArticleID `json:"id"`
	Similarity float64       `json:"similarity"`
	Title      string        `json:"title"`
	Outlet     string        `json:"outlet"`
}

func cmdSimilar(e *env, args []string) int {
	fs := e.flags("similar")
	limit := fs.Int("limit", 10, "how many articles to show")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) != 1 {
		return e.usageError(fs, "needs one article ID")
	}
	if *limit < 1 {
		return e.usageError(fs, "--limit must be at least 1")
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
	similar, err := compare.Similar(st, id, *limit)
	if err != nil {
		return e.fail(err)
	}
	out := []similarOut{}
	for _, a := range similar {
		out = append(out, similarOut{a.ID, a.Similarity, a.Title, a.Outlet})
	}
	if *asJSON {
		return e.json(out)
	}
	for _, o := range out {
		fmt.Fprintf(e.stdout, "%6d  %.2f  %s — %s\n", o.ID, o.Similarity, o.Title, orDash(o.Outlet))
	}
	if len(out) == 0 {
		fmt.Fprintln(e.stdout, "no similar articles")
	}
	return exitOK
}

type clusterOut struct {
	Articles []similarOut `json:"articles"`
}

func cmdClusters(e *env, args []string) int {
	fs := e.flags("clusters")
	minSim := fs.Float64("min", 0.5, "least similarity that links two articles (0 to 1)")
	quiet := fs.Bool("q", false, "no progress line")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) > 0 {
		return e.usageError(fs, "takes no arguments")
	}
	if *minSim <= 0 || *minSim > 1 {
		return e.usageError(fs, "--min must be above 0 and at most 1")
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	groups, err := compare.Clusters(e.ctx, st, *minSim, func(done, total int) {
		if !*quiet {
			fmt.Fprintf(e.stderr, "\rclustering: band %d/%d", done, total)
		}
	})
	if !*quiet {
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		if e.ctx.Err() != nil {
			fmt.Fprintf(e.stderr, "parallax-cli: clustering canceled\n")
			return exitCanceled
		}
		return e.fail(err)
	}
	out := []clusterOut{}
	for _, g := range groups {
		var c clusterOut
		for _, a := range g {
			c.Articles = append(c.Articles, similarOut{ID: a.ID, Title: a.Title, Outlet: a.Outlet})
		}
		out = append(out, c)
	}
	if *asJSON {
		return e.json(out)
	}
	for i, c := range out {
		fmt.Fprintf(e.stdout, "cluster %d (%d articles)\n", i+1, len(c.Articles))
		for _, a := range c.Articles {
			fmt.Fprintf(e.stdout, "  %6d  %s — %s\n", a.ID, app.Excerpt(a.Title, maxTitle), orDash(a.Outlet))
		}
	}
	fmt.Fprintf(e.stdout, "%d clusters\n", len(out))
	return exitOK
}
