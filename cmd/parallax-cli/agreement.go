package main

import (
	"context"
	"fmt"
	"math"
	"text/tabwriter"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/agreement"
)

// agreementOut is one row of agreement --json; statistics that cannot be
// computed (no variation) are null.
type agreementOut struct {
	Tag       string    `json:"tag"` // "" for every tag pooled
	Articles  int       `json:"articles"`
	Positions int       `json:"positions"`
	Table     [2][2]int `json:"table"` // [first coded?][second coded?], code points
	Percent   *float64  `json:"percent"`
	Kappa     *float64  `json:"kappa"`
	Alpha     *float64  `json:"alpha"`
	UAlpha    *float64  `json:"uAlpha"` // Krippendorff's unitizing alpha
	// The same, with each article a unit: did each code the tag in it?
	ArticleTable [2][2]int `json:"articleTable"`
	ArticleKappa *float64  `json:"articleKappa"`
	ArticleAlpha *float64  `json:"articleAlpha"`
	// Disagreements: what one analyst coded with the tag and the other did not.
	Disagreements []disagreementOut `json:"disagreements,omitempty"`
}

type disagreementOut struct {
	Article  app.ArticleID `json:"article"`
	Revision int           `json:"revision"`
	Start    int           `json:"start"`
	End      int           `json:"end"`
	CodedBy  string        `json:"codedBy"`
	Quote    string        `json:"quote"`
}

func orNull(v float64) *float64 {
	if math.IsNaN(v) {
		return nil
	}
	return &v
}

// cmdAgreement compares two analysts' coding at the code-point level.
func cmdAgreement(e *env, args []string) int {
	fs := e.flags("agreement")
	var analysts, tags, articles stringList
	fs.Var(&analysts, "analyst", "an analyst to compare (twice)")
	fs.Var(&tags, "tag", "a tag to compare, with those below it (repeatable; default every tag they used)")
	fs.Var(&articles, "article", "only this article (repeatable)")
	asJSON := fs.Bool("json", false, "print a JSON array")
	showDis := fs.Bool("disagreements", false, "list the passages one analyst coded and the other did not")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	if len(analysts) != 2 {
		return e.usageError(fs, "name two analysts: --analyst A --analyst B")
	}
	ids, err := articleIDs(articles)
	if err != nil {
		return e.fail(err)
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	res, err := agreement.CodePoints(context.Background(), st, analysts[0], analysts[1], agreement.Options{Tags: tags, Articles: ids})
	if err != nil {
		return e.fail(err)
	}
	if *asJSON {
		out := make([]agreementOut, len(res))
		for i, r := range res {
			out[i] = agreementOut{Tag: r.Tag, Articles: r.Articles, Positions: r.Positions, Percent: orNull(r.Percent()), Kappa: orNull(r.Kappa()), Alpha: orNull(r.Alpha()), UAlpha: orNull(r.UAlpha),
				ArticleKappa: orNull(r.ArticleTable.Kappa()), ArticleAlpha: orNull(r.ArticleTable.Alpha())}
			for _, d := range r.Disagreements {
				out[i].Disagreements = append(out[i].Disagreements, disagreementOut{d.Article, d.Revision, d.Start, d.End, d.CodedBy, d.Quote})
			}
			for a := range 2 {
				for b := range 2 {
					out[i].Table[a][b] = int(r.Table[a][b])
					out[i].ArticleTable[a][b] = int(r.ArticleTable[a][b])
				}
			}
		}
		return e.json(out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "tag\tarticles\tcode points\tagreement\tkappa\talpha\tu-alpha\tarticle kappa\tarticle alpha\n")
	for _, r := range res {
		tag := r.Tag
		if tag == "" {
			tag = "(all tags)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", tag, r.Articles, r.Positions, stat(r.Percent()), stat(r.Kappa()), stat(r.Alpha()), stat(r.UAlpha),
			stat(r.ArticleTable.Kappa()), stat(r.ArticleTable.Alpha()))
	}
	if err := tw.Flush(); err != nil {
		return e.fail(err)
	}
	if *showDis {
		for _, r := range res {
			for _, d := range r.Disagreements {
				fmt.Fprintf(e.stdout, "%s\tarticle %d %d–%d, coded only by %s: “%s”\n", r.Tag, d.Article, d.Start, d.End, d.CodedBy, app.Excerpt(d.Quote, 100))
			}
		}
	}
	return exitOK
}

func stat(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}
