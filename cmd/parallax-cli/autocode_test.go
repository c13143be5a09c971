package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// Autocode from the command line: a dry run stores nothing, a run codes
// every sentence the query finds as one batch, and --undo leaves the
// annotations exactly as they were (issue 22's acceptance).
func TestAutocodeAndUndo(t *testing.T) {
	dir := t.TempDir()
	st := filepath.Join(dir, "store")
	writeFiles(t, dir, map[string]string{
		"in/1.txt": "Council signs the dam deal\n\nThe council signed the dam deal. Critics warned of the cost.\n\nThe dam holds water.\n",
		"in/2.txt": "Farmers lift the blockade\n\nFarmers lifted the blockade near the dam. Traders counted the cost.\n",
	})
	if code, _, errOut := cli(t, "", "--store", st, "import", "-q", filepath.Join(dir, "in")); code != exitOK {
		t.Fatalf("import: %s", errOut)
	}
	if code, _, errOut := cli(t, "", "--store", st, "annotate", "1", "--quote", "Critics warned", "--tag", "claim"); code != exitOK {
		t.Fatalf("annotate: %s", errOut)
	}
	_, before, _ := cli(t, "", "--store", st, "annotations", "--json")

	code, out, errOut := cli(t, "", "--store", st, "autocode", "dam", "--tag", "topic/dam", "--unit", "sentence", "--dry-run")
	if code != exitOK || strings.Count(out, "\n") != 3 || !strings.Contains(errOut, "would code 3 passages in 2 articles") {
		t.Errorf("dry run: %d\n%s%s", code, out, errOut)
	}
	if _, now, _ := cli(t, "", "--store", st, "annotations", "--json"); now != before {
		t.Error("a dry run changed the annotations")
	}
	code, out, errOut = cli(t, "", "--store", st, "autocode", "dam", "--tag", "topic/dam", "--unit", "sentence", "--note", "auto", "--json")
	var res autocodeOut
	if err := json.Unmarshal([]byte(out), &res); code != exitOK || err != nil || res.Annotations != 3 || res.Articles != 2 || res.Batch == "" {
		t.Fatalf("autocode: %d %v %s %s", code, err, out, errOut)
	}
	batch := res.Batch
	_, out, _ = cli(t, "", "--store", st, "passages", "--tag", "topic/dam")
	if !strings.Contains(out, "The council signed the dam deal.") || !strings.Contains(out, "Farmers lifted the blockade near the dam.") {
		t.Errorf("passages after autocode:\n%s", out)
	}
	// Again: nothing new to code.
	_, out, _ = cli(t, "", "--store", st, "autocode", "dam", "--tag", "topic/dam", "--unit", "sentence", "--json")
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Annotations != 0 || res.AlreadyCoded != 3 {
		t.Errorf("second run: %s", out)
	}
	if code, out, errOut = cli(t, "", "--store", st, "autocode", "--undo", batch); code != exitOK || !strings.Contains(out, "deleted the 3 annotations") {
		t.Fatalf("undo %q: %d %s %s", batch, code, out, errOut)
	}
	if _, after, _ := cli(t, "", "--store", st, "annotations", "--json"); after != before {
		t.Errorf("after undo:\n%s\nbefore:\n%s", after, before)
	}
	for _, bad := range [][]string{
		{"autocode", "(dam", "--regex", "--tag", "t"},
		{"autocode", "dam", "--unit", "word", "--tag", "t"},
		{"autocode", "dam"},
		{"autocode", "--undo", "nosuchbatch"},
	} {
		if code, _, errOut := cli(t, "", append([]string{"--store", st}, bad...)...); code == exitOK || errOut == "" {
			t.Errorf("%v: %d %q", bad, code, errOut)
		}
	}
}
