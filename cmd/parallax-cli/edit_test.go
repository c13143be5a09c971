package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// Setting the outlet and date of several articles at once, as an analyst
// does for a folder of files that named neither.
func TestEditMetadata(t *testing.T) {
	dir := t.TempDir()
	st := filepath.Join(dir, "store")
	writeFiles(t, dir, map[string]string{
		"in/1.txt": "Council signs the dam deal\n\nThe council signed the deal on Monday.\n",
		"in/2.txt": "Farmers lift the blockade\n\nFarmers lifted the blockade of the Drom road.\n",
		"in/3.txt": "Market reopens\n\nThe market reopened.\n",
	})
	if code, _, errOut := cli(t, "", "--store", st, "import", "-q", filepath.Join(dir, "in")); code != exitOK {
		t.Fatalf("import: %s", errOut)
	}
	code, out, errOut := cli(t, "", "--store", st, "edit", "1", "2", "--outlet", "Riverton Ledger", "--published", "2026-03-14")
	if code != exitOK || strings.Count(out, "edited article") != 2 || !strings.Contains(out, "outlet, published") {
		t.Fatalf("edit: %d %q %s", code, out, errOut)
	}
	code, out, _ = cli(t, "", "--store", st, "search", `outlet:"Riverton Ledger"`, "--json")
	if code != exitOK || strings.Count(out, `"id"`) < 2 {
		t.Errorf("searching the new outlet: %d %s", code, out)
	}
	code, out, _ = cli(t, "", "--store", st, "edit", "3", "--title", "Drom market reopens", "--json")
	var edited map[string]any
	if err := json.Unmarshal([]byte(out), &edited); code != exitOK || err != nil || edited["title"] != "Drom market reopens" {
		t.Fatalf("edit --json: %d %v %s", code, err, out)
	}
	if was, _ := edited["asImported"].(map[string]any); was["title"] != "Market reopens" {
		t.Errorf("the imported title is not kept: %v", edited["asImported"])
	}
	_, out, _ = cli(t, "", "--store", st, "list", "--json")
	var list []map[string]any
	json.Unmarshal([]byte(out), &list)
	if len(list) != 3 || list[0]["outlet"] != "Riverton Ledger" || list[0]["published"] != "2026-03-14T00:00:00Z" || list[2]["outlet"] != nil {
		t.Errorf("list after the edits: %s", out)
	}
	if code, out, _ = cli(t, "", "--store", st, "check"); code != exitOK || !strings.Contains(out, "no damage") {
		t.Errorf("check after the edits: %d %s", code, out)
	}

	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"edit", "1"}, exitUsage, "needs a field to change"},
		{[]string{"edit", "--outlet", "X"}, exitUsage, "needs the IDs"},
		{[]string{"edit", "9", "--outlet", "X"}, exitError, "article 9"},
		{[]string{"edit", "1", "--url", "ftp://files.example/x"}, exitError, "not a web address"},
		{[]string{"edit", "1", "--published", "14/03/2026"}, exitUsage, "not a date"},
		{[]string{"edit", "1", "--title", " "}, exitError, "needs a title"},
	} {
		code, _, errOut := cli(t, "", append([]string{"--store", st}, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: %d %q, want %d and %q", c.args, code, errOut, c.code, c.want)
		}
	}
}

// import --json: the counts and a row per file, failures first, as the
// app's import report lists them; the exit status says a file failed.
func TestImportJSON(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"in/good.txt":  "A good headline\n\nA good story.\n",
		"in/paper.txt": "%PDF-1.7\n1 0 obj << >> endobj\n",
	})
	code, out, _ := cli(t, "", "--store", filepath.Join(dir, "store"), "import", "--json", filepath.Join(dir, "in"))
	var rep struct {
		Summary         string
		Files, Imported int
		Failed          int
		Rows            []struct {
			Kind, Where, Detail string
			Article             int
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != exitFailures {
		t.Fatalf("%d %v\n%s", code, err, out)
	}
	if rep.Files != 2 || rep.Imported != 1 || rep.Failed != 1 || len(rep.Rows) != 2 || !strings.Contains(rep.Summary, "1 failed") {
		t.Fatalf("report %+v", rep)
	}
	if r := rep.Rows[0]; r.Kind != "failed" || !strings.HasSuffix(r.Where, "paper.txt") || !strings.Contains(r.Detail, "PDF") {
		t.Errorf("first row %+v, want the failure", r)
	}
	if r := rep.Rows[1]; r.Kind != "imported" || r.Article != 1 {
		t.Errorf("second row %+v", r)
	}
}
