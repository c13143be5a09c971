package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// A code's passages across articles, with the articles they are in.
func TestPassages(t *testing.T) {
	dir := t.TempDir()
	st := filepath.Join(dir, "store")
	writeFiles(t, dir, map[string]string{
		"in/1.txt": "Council signs the dam deal\n\nThe council signed the deal. Critics warned of the cost.\n",
		"in/2.txt": "Farmers lift the blockade\n\nFarmers lifted the blockade. Traders counted the cost.\n",
	})
	if code, _, errOut := cli(t, "", "--store", st, "import", "-q", filepath.Join(dir, "in")); code != exitOK {
		t.Fatalf("import: %s", errOut)
	}
	cli(t, "", "--store", st, "edit", "2", "--outlet", "Valley Courier")
	for _, a := range [][]string{
		{"annotate", "1", "--quote", "Critics warned of the cost", "--tag", "claim/cost"},
		{"annotate", "2", "--quote", "counted the cost", "--tag", "claim/cost/trade"},
		{"annotate", "2", "--quote", "lifted the blockade", "--tag", "event"},
	} {
		if code, _, errOut := cli(t, "", append([]string{"--store", st}, a...)...); code != exitOK {
			t.Fatalf("%v: %s", a, errOut)
		}
	}
	code, out, errOut := cli(t, "", "--store", st, "passages", "--tag", "claim/cost")
	if code != exitOK || strings.Count(out, "\n") != 2 || !strings.Contains(out, "Critics warned") || !strings.Contains(out, "Valley Courier") || !strings.Contains(errOut, "2 passages") {
		t.Errorf("passages --tag claim/cost: %d\n%s%s", code, out, errOut)
	}
	code, out, _ = cli(t, "", "--store", st, "passages", "--outlet", "valley courier", "--json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); code != exitOK || err != nil || len(list) != 2 {
		t.Fatalf("passages --outlet --json: %d %v %s", code, err, out)
	}
	if list[0]["title"] != "Farmers lift the blockade" || !strings.Contains(list[0]["context"].(string), "lifted the blockade") {
		t.Errorf("passage %v", list[0])
	}
	if code, _, errOut = cli(t, "", "--store", st, "passages", "--status", "lost"); code != exitUsage || !strings.Contains(errOut, "orphaned") {
		t.Errorf("a bad status: %d %s", code, errOut)
	}
}

// Two analysts' agreement, per tag and pooled, from the command line.
func TestAgreement(t *testing.T) {
	dir := t.TempDir()
	st := filepath.Join(dir, "store")
	writeFiles(t, dir, map[string]string{"in/1.txt": "Council signs the dam deal\n\nThe council signed the deal. Critics warned of the cost to farmers.\n"})
	if code, _, errOut := cli(t, "", "--store", st, "import", "-q", filepath.Join(dir, "in")); code != exitOK {
		t.Fatalf("import: %s", errOut)
	}
	for _, c := range []struct{ analyst, quote string }{{"Ana", "Critics warned of the cost"}, {"Ben", "warned of the cost to farmers"}} {
		t.Setenv("PARALLAX_ANALYST", c.analyst)
		if code, _, errOut := cli(t, "", "--store", st, "annotate", "1", "--quote", c.quote, "--tag", "claim/cost"); code != exitOK {
			t.Fatalf("annotate: %s", errOut)
		}
	}
	code, out, _ := cli(t, "", "--store", st, "agreement", "--analyst", "Ana", "--analyst", "Ben", "--json")
	var rows []struct {
		Tag                   string
		Articles, Positions   int
		Table                 [2][2]int
		Percent, Kappa, Alpha *float64
	}
	if err := json.Unmarshal([]byte(out), &rows); code != exitOK || err != nil || len(rows) != 2 {
		t.Fatalf("agreement --json: %d %v %s", code, err, out)
	}
	cost := rows[0]
	both, ana, ben := cost.Table[1][1], cost.Table[1][0], cost.Table[0][1]
	if cost.Tag != "claim/cost" || cost.Articles != 1 || both != len("warned of the cost") || ana != len("Critics ") || ben != len(" to farmers") {
		t.Errorf("claim/cost: %+v", cost)
	}
	if cost.Kappa == nil || *cost.Kappa <= 0 || *cost.Kappa >= 1 || rows[1].Tag != "" {
		t.Errorf("kappa %v, pooled row %+v", cost.Kappa, rows[1])
	}
	code, out, _ = cli(t, "", "--store", st, "agreement", "--analyst", "Ana", "--analyst", "Ben", "--disagreements")
	if code != exitOK || !strings.Contains(out, "coded only by Ana: “Critics”") || !strings.Contains(out, "coded only by Ben: “to farmers”") {
		t.Errorf("--disagreements:\n%s", out)
	}
	if code, _, errOut := cli(t, "", "--store", st, "agreement", "--analyst", "Ana"); code != exitUsage || !strings.Contains(errOut, "two analysts") {
		t.Errorf("one analyst: %d %s", code, errOut)
	}
}
