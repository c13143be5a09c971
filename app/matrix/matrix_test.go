package matrix

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/passages"
	"github.com/parallax-news/parallax/internal/teststore"
)

// coded is one annotation to make: article (1-based), word span, tags,
// analyst.
type coded struct {
	article    int
	start, end int
	tags       []string
	analyst    string
}

// fixture stores three articles (two outlets, two months; the third has
// no outlet) and codes them.
func fixture(t *testing.T) app.Reader {
	t.Helper()
	st := teststore.Open(t)
	bodies := []string{
		"The Kremlin invited Kyiv to talks in Moscow and Kyiv refused the offer at once.",
		"Officials in Kyiv said the offer of talks was a trap set by the Kremlin.",
		"Analysts said the talks would not happen this year whatever either side says.",
	}
	metas := []app.Meta{
		{Title: "Kremlin invites Kyiv", Outlet: "Moscow Daily", Published: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)},
		{Title: "Kyiv calls offer a trap", Outlet: "Kyiv Post", Published: time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)},
		{Title: "No talks this year", Published: time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC)},
	}
	var drafts []app.Draft
	for i, b := range bodies {
		m := metas[i]
		m.Hash, m.Words = app.HashAndCount(m.Title, b)
		drafts = append(drafts, app.Draft{Meta: m, Body: b})
	}
	if _, err := st.Ingest(drafts); err != nil {
		t.Fatal(err)
	}
	codes := []coded{
		{1, 0, 20, []string{"actor/kremlin", "claim/offer"}, "ana"}, // "The Kremlin invited "
		{1, 4, 11, []string{"actor/kremlin"}, "ben"},                // "Kremlin", overlaps the first
		{1, 53, 70, []string{"claim/refusal"}, "ana"},               // "refused the offer", apart from both
		{2, 0, 17, []string{"actor/kyiv"}, "ana"},                   // "Officials in Kyiv"
		{2, 27, 52, []string{"claim/offer", "claim/trap"}, "ben"},   // "offer of talks was a trap"
		{3, 0, 13, []string{"actor/analysts"}, ""},                  // "Analysts said"
	}
	var as []app.Annotation
	for k, c := range codes {
		sel, ok := anchor.NewText(bodies[c.article-1]).Describe(c.start, c.end)
		if !ok {
			t.Fatalf("code %d: bad span", k)
		}
		as = append(as, app.Annotation{URI: fmt.Sprintf("urn:test:%d", k), Article: app.ArticleID(c.article), Revision: 1, Selector: sel,
			Status: anchor.Anchored, Tags: c.tags, Color: app.DefaultColor, Analyst: c.analyst, Created: time.Unix(0, 0), Modified: time.Unix(0, 0)})
	}
	if _, err := st.SaveAnnotations(as); err != nil {
		t.Fatal(err)
	}
	return st
}

// flat renders a table as "row: col=n col=n; …" with zero cells left
// out, for comparing with what was worked out by hand.
func flat(tb Table) string {
	var rows []string
	for i, r := range tb.RowIs {
		var cs []string
		for j, c := range tb.ColIs {
			if v := tb.Cells[i][j]; v != 0 {
				cs = append(cs, fmt.Sprintf("%s=%d", c.Key, v))
			}
		}
		rows = append(rows, r.Key+": "+strings.Join(cs, " "))
	}
	return strings.Join(rows, "; ")
}

func TestBuild(t *testing.T) {
	st := fixture(t)
	for _, c := range []struct {
		name string
		spec Spec
		want string
	}{
		{"tag by outlet", Spec{Rows: Tag, Cols: Outlet, Count: Annotations},
			"actor/analysts: (none)=1; actor/kremlin: Moscow Daily=2; actor/kyiv: Kyiv Post=1; claim/offer: Kyiv Post=1 Moscow Daily=1; claim/refusal: Moscow Daily=1; claim/trap: Kyiv Post=1"},
		{"code by document, counts", Spec{Rows: Article, Cols: Tag, Count: Annotations},
			"1: actor/kremlin=2 claim/offer=1 claim/refusal=1; 2: actor/kyiv=1 claim/offer=1 claim/trap=1; 3: actor/analysts=1"},
		{"code by document, binary", Spec{Rows: Article, Cols: Tag, Count: Annotations, Binary: true},
			"1: actor/kremlin=1 claim/offer=1 claim/refusal=1; 2: actor/kyiv=1 claim/offer=1 claim/trap=1; 3: actor/analysts=1"},
		{"articles per tag and month", Spec{Rows: Tag, Cols: Month, Count: Articles},
			"actor/analysts: 2026-04=1; actor/kremlin: 2026-03=1; actor/kyiv: 2026-03=1; claim/offer: 2026-03=2; claim/refusal: 2026-03=1; claim/trap: 2026-03=1"},
		{"articles per tag and week", Spec{Rows: Tag, Cols: Week, Count: Articles, Filter: passages.Filter{Tag: "claim"}},
			"claim/offer: 2026-W11=1 2026-W12=1; claim/refusal: 2026-W11=1; claim/trap: 2026-W12=1"},
		{"passages per outlet and day", Spec{Rows: Outlet, Cols: Day, Count: Annotations},
			"Kyiv Post: 2026-03-20=2; Moscow Daily: 2026-03-14=3; (none): 2026-04-02=1"},
		{"words by analyst and outlet", Spec{Rows: Analyst, Cols: Outlet, Count: Words},
			"ana: Kyiv Post=3 Moscow Daily=6; ben: Kyiv Post=6 Moscow Daily=1; (none): (none)=2"},
		{"under a tag", Spec{Rows: Tag, Cols: Outlet, Count: Annotations, Filter: passages.Filter{Tag: "claim"}},
			"claim/offer: Kyiv Post=1 Moscow Daily=1; claim/refusal: Moscow Daily=1; claim/trap: Kyiv Post=1"},
		{"one analyst's layer", Spec{Rows: Article, Cols: Tag, Count: Annotations, Filter: passages.Filter{Analyst: "ben"}},
			"1: actor/kremlin=1; 2: claim/offer=1 claim/trap=1"},
		// Co-occurrence: passages 1 and 2 of article 1 overlap (kremlin and
		// offer on the first, kremlin on the second); passage 3 overlaps
		// nothing; article 2's second passage has offer and trap.
		{"co-occurrence of overlapping passages", Spec{Rows: Tag, Cols: Tag, Count: Annotations},
			"actor/analysts: actor/analysts=1; actor/kremlin: actor/kremlin=2 claim/offer=2; actor/kyiv: actor/kyiv=1; claim/offer: actor/kremlin=2 claim/offer=2 claim/trap=1; claim/refusal: claim/refusal=1; claim/trap: claim/offer=1 claim/trap=1"},
		{"co-occurrence in articles", Spec{Rows: Tag, Cols: Tag, Count: Articles},
			"actor/analysts: actor/analysts=1; actor/kremlin: actor/kremlin=1 claim/offer=1 claim/refusal=1; actor/kyiv: actor/kyiv=1 claim/offer=1 claim/trap=1; claim/offer: actor/kremlin=1 actor/kyiv=1 claim/offer=2 claim/refusal=1 claim/trap=1; claim/refusal: actor/kremlin=1 claim/offer=1 claim/refusal=1; claim/trap: actor/kyiv=1 claim/offer=1 claim/trap=1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb, err := Build(context.Background(), st, c.spec)
			if err != nil {
				t.Fatal(err)
			}
			if got := flat(tb); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestBuildRefuses(t *testing.T) {
	st := fixture(t)
	for _, spec := range []Spec{
		{Rows: "colour", Cols: Tag, Count: Annotations},
		{Rows: Outlet, Cols: Outlet, Count: Annotations},
		{Rows: Tag, Cols: Outlet, Count: "pages"},
		{Rows: Tag, Cols: Outlet, Count: Annotations, Filter: passages.Filter{Tag: "bad//tag"}},
	} {
		if _, err := Build(context.Background(), st, spec); app.ErrorCode(err) != app.EINVALID {
			t.Errorf("%+v: %v, want an EINVALID error", spec, err)
		}
	}
}

// The CSV loads in a CSV reader with one row per row key and one column
// per column key, titles beside article IDs and formula-like text quoted.
func TestWriteCSV(t *testing.T) {
	tb := Table{Rows: Article, Cols: Tag, Count: Annotations,
		RowIs: []Label{{"1", "=HYPERLINK(\"x\")"}, {"2", "Plain"}}, ColIs: []Label{{"claim/offer", ""}, {"-minus", ""}},
		Cells: [][]int{{1, 0}, {2, 3}}}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tb); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"article", "title", "claim/offer", "'-minus"}, {"1", "'=HYPERLINK(\"x\")", "1", "0"}, {"2", "Plain", "2", "3"}}
	if fmt.Sprint(recs) != fmt.Sprint(want) {
		t.Errorf("CSV %q, want %q", recs, want)
	}
	buf.Reset()
	if err := WriteMarkdown(&buf, tb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "| 2 Plain | 2 | 3 | 5 |") || !strings.Contains(buf.String(), "| total | 3 | 3 | 6 |") {
		t.Errorf("Markdown:\n%s", buf.String())
	}
}
