package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/internal/testenv"
)

// Issue 22's end-to-end acceptance on the PAC same-event stories: two
// analysts code them differently through the CLI; agreement --json gives
// per-tag alpha that a brute-force per-position count here confirms; the
// matrix CSV has the right shape; an autocode then its undo leaves the
// annotations as they were.
func TestAgreementOnPACEndToEnd(t *testing.T) {
	src := testenv.Data(t, "same-event", "pac-partisan-events", "merged_annotations")
	dir := t.TempDir()
	st := filepath.Join(dir, "store")
	files := map[string]string{}
	for story := range 6 {
		for doc := range 2 {
			b, err := os.ReadFile(filepath.Join(src, fmt.Sprintf("STORY_%d_DOCUMENT_%d.json", story, doc)))
			if err != nil {
				t.Fatal(err)
			}
			var d struct {
				Title string `json:"title"`
				News  []struct {
					Text string `json:"text"`
				} `json:"news"`
			}
			if err := json.Unmarshal(b, &d); err != nil {
				t.Fatal(err)
			}
			var body []string
			for _, n := range d.News {
				body = append(body, strings.TrimSpace(n.Text))
			}
			files[fmt.Sprintf("in/%d-%d.txt", story, doc)] = d.Title + "\n\n" + strings.Join(body, "\n\n") + "\n"
		}
	}
	writeFiles(t, dir, files)
	if code, _, errOut := cli(t, "", "--store", st, "import", "-q", filepath.Join(dir, "in")); code != exitOK {
		t.Fatalf("import: %s", errOut)
	}
	for _, c := range [][]string{
		{"Ana", "Trump OR president", "actor/trump", "sentence"},
		{"Ben", "Trump", "actor/trump", "match"},
		{"Ana", "Congress", "actor/congress", "match"},
		{"Ben", "Congress OR Senate", "actor/congress", "sentence"},
	} {
		if code, _, errOut := cli(t, "", "--store", st, "autocode", c[1], "--tag", c[2], "--unit", c[3], "--analyst", c[0]); code != exitOK {
			t.Fatalf("autocode %v: %s", c, errOut)
		}
	}
	code, out, errOut := cli(t, "", "--store", st, "agreement", "--analyst", "Ana", "--analyst", "Ben", "--json")
	if code != exitOK {
		t.Fatalf("agreement: %s", errOut)
	}
	var rows []agreementOut
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}

	// Brute force: every code point of every article both coded.
	_, out, _ = cli(t, "", "--store", st, "annotations", "--json")
	var annos []struct {
		Article int      `json:"article"`
		Start   int      `json:"start"`
		End     int      `json:"end"`
		Tags    []string `json:"tags"`
		Analyst string   `json:"analyst"`
	}
	if err := json.Unmarshal([]byte(out), &annos); err != nil {
		t.Fatal(err)
	}
	coders := map[int]map[string]bool{}
	for _, a := range annos {
		if coders[a.Article] == nil {
			coders[a.Article] = map[string]bool{}
		}
		coders[a.Article][a.Analyst] = true
	}
	length := map[int]int{}
	for id, who := range coders {
		if !who["Ana"] || !who["Ben"] {
			continue
		}
		_, show, _ := cli(t, "", "--store", st, "show", fmt.Sprint(id), "--json")
		var art struct {
			Body string `json:"body"`
		}
		if err := json.Unmarshal([]byte(show), &art); err != nil {
			t.Fatal(err)
		}
		length[id] = utf8.RuneCountInString(art.Body)
	}
	for _, r := range rows {
		if r.Tag == "" {
			continue
		}
		var n [2][2]float64 // [Ana coded][Ben coded], code points
		for id, l := range length {
			mark := map[string][]bool{"Ana": make([]bool, l), "Ben": make([]bool, l)}
			for _, a := range annos {
				if a.Article != id || !slices.ContainsFunc(a.Tags, func(t string) bool { return app.TagWithin(t, r.Tag) }) {
					continue
				}
				for p := a.Start; p < a.End && p < l; p++ {
					mark[a.Analyst][p] = true
				}
			}
			for p := range l {
				n[b2i(mark["Ana"][p])][b2i(mark["Ben"][p])]++
			}
		}
		// Binary Krippendorff alpha, two coders, no missing values:
		// 1 - (m-1)·(disagreeing units)/(n0·n1), m = 2N pairable values.
		units := n[0][0] + n[0][1] + n[1][0] + n[1][1]
		m := 2 * units
		n0, n1 := 2*n[0][0]+n[0][1]+n[1][0], 2*n[1][1]+n[0][1]+n[1][0]
		want := 1 - (m-1)*(n[0][1]+n[1][0])/(n0*n1)
		if r.Alpha == nil || math.Abs(*r.Alpha-want) > 1e-9 || r.Positions != int(units) {
			t.Errorf("%s: agreement says alpha %v over %d code points, by hand %.6f over %.0f", r.Tag, r.Alpha, r.Positions, want, units)
		}
		t.Logf("%s: alpha %.4f, kappa %.4f, u-alpha %.4f over %d articles", r.Tag, *r.Alpha, *r.Kappa, *r.UAlpha, r.Articles)
	}

	// The code-by-document matrix: a row per coded article, a column per tag.
	_, out, _ = cli(t, "", "--store", st, "matrix", "--rows", "article", "--cols", "tag", "--binary")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(coders)+1 || len(recs[0]) != 4 || recs[0][2] != "actor/congress" || recs[0][3] != "actor/trump" {
		t.Errorf("matrix: %d rows for %d coded articles, header %q", len(recs), len(coders), recs[0])
	}

	// Autocode, then undo: the annotations are as they were.
	_, before, _ := cli(t, "", "--store", st, "annotations", "--json")
	_, out, _ = cli(t, "", "--store", st, "autocode", "border NEAR/5 families", "--tag", "topic/border", "--unit", "paragraph", "--json")
	var res autocodeOut
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Annotations == 0 {
		t.Fatalf("autocode: %v %s", err, out)
	}
	if code, _, errOut := cli(t, "", "--store", st, "autocode", "--undo", res.Batch); code != exitOK {
		t.Fatalf("undo: %s", errOut)
	}
	if _, after, _ := cli(t, "", "--store", st, "annotations", "--json"); after != before {
		t.Error("autocode then undo changed the annotations")
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
