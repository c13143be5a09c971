package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// A code-by-document matrix that a CSV reader loads with one row per
// coded article and one column per tag; JSON and Markdown say the same.
func TestMatrix(t *testing.T) {
	dir := t.TempDir()
	st := filepath.Join(dir, "store")
	writeFiles(t, dir, map[string]string{
		"in/1.txt": "Council signs the dam deal\n\nThe council signed the deal. Critics warned of the cost.\n",
		"in/2.txt": "Farmers lift the blockade\n\nFarmers lifted the blockade. Traders counted the cost.\n",
		"in/3.txt": "Nothing coded here\n\nA story nobody annotated.\n",
	})
	if code, _, errOut := cli(t, "", "--store", st, "import", "-q", filepath.Join(dir, "in")); code != exitOK {
		t.Fatalf("import: %s", errOut)
	}
	cli(t, "", "--store", st, "edit", "2", "--outlet", "=Valley Courier")
	for _, a := range [][]string{
		{"annotate", "1", "--quote", "Critics warned of the cost", "--tag", "claim/cost"},
		{"annotate", "2", "--quote", "counted the cost", "--tag", "claim/cost"},
		{"annotate", "2", "--quote", "Traders counted", "--tag", "actor/traders"},
		{"annotate", "2", "--quote", "lifted the blockade", "--tag", "event"},
	} {
		if code, _, errOut := cli(t, "", append([]string{"--store", st}, a...)...); code != exitOK {
			t.Fatalf("%v: %s", a, errOut)
		}
	}
	code, out, errOut := cli(t, "", "--store", st, "matrix", "--rows", "article", "--cols", "tag", "--binary")
	if code != exitOK {
		t.Fatalf("matrix: %d %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"article", "title", "actor/traders", "claim/cost", "event"},
		{"1", "Council signs the dam deal", "0", "1", "0"},
		{"2", "Farmers lift the blockade", "1", "1", "1"},
	}
	if len(recs) != len(want) || strings.Join(recs[0], ",") != strings.Join(want[0], ",") || strings.Join(recs[2], ",") != strings.Join(want[2], ",") {
		t.Errorf("matrix CSV %q, want %q", recs, want)
	}
	// Tag by outlet, formula-safe; co-occurrence of overlapping passages.
	_, out, _ = cli(t, "", "--store", st, "matrix", "--rows", "tag", "--cols", "outlet")
	if !strings.HasPrefix(out, "tag,'=Valley Courier,(none)\n") || !strings.Contains(out, "claim/cost,1,1\n") {
		t.Errorf("tag by outlet:\n%s", out)
	}
	_, out, _ = cli(t, "", "--store", st, "matrix", "--rows", "tag", "--cols", "tag", "--format", "json")
	var tb struct {
		RowLabels []struct{ Key string } `json:"rowLabels"`
		Cells     [][]int                `json:"cells"`
	}
	if err := json.Unmarshal([]byte(out), &tb); err != nil || len(tb.Cells) != 3 {
		t.Fatalf("co-occurrence JSON: %v\n%s", err, out)
	}
	if tb.RowLabels[0].Key != "actor/traders" || tb.Cells[0][1] != 1 || tb.Cells[1][0] != 1 || tb.Cells[1][1] != 2 || tb.Cells[0][2] != 0 {
		t.Errorf("co-occurrence %+v %v", tb.RowLabels, tb.Cells)
	}
	if _, out, _ = cli(t, "", "--store", st, "matrix", "--rows", "tag", "--cols", "month", "--count", "articles", "--format", "md"); !strings.Contains(out, "| claim/cost |") || !strings.Contains(out, "| total |") {
		t.Errorf("Markdown:\n%s", out)
	}
	for _, bad := range [][]string{{"--rows", "colour"}, {"--count", "pages"}, {"--format", "xls"}, {"--rows", "outlet", "--cols", "outlet"}} {
		if code, _, errOut := cli(t, "", append([]string{"--store", st, "matrix"}, bad...)...); code == exitOK || errOut == "" {
			t.Errorf("matrix %v: %d, %q", bad, code, errOut)
		}
	}
}
