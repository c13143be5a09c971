package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/testenv"
)

// The analyst's command-line round: annotate the seed, tag, list, export
// in every format, and import the W3C export into a second store that
// holds the same article.
func TestAnnotateTagExportImport(t *testing.T) {
	seed := testenv.Data(t, "seed", "kremlin-invites-zelenskiy.txt")
	dir := t.TempDir()
	st := filepath.Join(dir, "store")
	t.Setenv("PARALLAX_ANALYST", "Ana Lyst")
	if code, _, errOut := cli(t, "", "--store", st, "import", seed); code != exitOK {
		t.Fatalf("import: %s", errOut)
	}
	code, out, errOut := cli(t, "", "--store", st, "annotate", "1", "--quote", "Zaporizhzhia nuclear power plant",
		"--note", "Bargaining chip?", "--tag", "actor/russia", "--tag", "topic/nuclear", "--color", "red")
	if code != exitOK || strings.TrimSpace(out) != "1" {
		t.Fatalf("annotate: %d %q %s", code, out, errOut)
	}
	if code, _, errOut = cli(t, "", "--store", st, "annotate", "1", "--quote", "Moscow"); code != exitUsage || !strings.Contains(errOut, "--nth") {
		t.Errorf("ambiguous quote: %d %s", code, errOut)
	}
	if code, _, _ = cli(t, "", "--store", st, "annotate", "1", "--quote", "Moscow", "--nth", "2"); code != exitOK {
		t.Errorf("--nth 2: exit %d", code)
	}
	if code, _, errOut = cli(t, "", "--store", st, "annotate", "9", "--quote", "x"); code != exitError || !strings.Contains(errOut, "article 9") {
		t.Errorf("missing article: %d %s", code, errOut)
	}
	if code, _, _ = cli(t, "", "--store", st, "tag", "1", "event/peace-talks"); code != exitOK {
		t.Error("tag failed")
	}

	code, out, _ = cli(t, "", "--store", st, "annotations", "1", "--json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != exitOK || len(list) != 2 {
		t.Fatalf("annotations --json: %d %v %s", code, err, out)
	}
	if list[1]["quote"] != "Zaporizhzhia nuclear power plant" || list[1]["color"] != "#e57373" || list[1]["analyst"] != "Ana Lyst" {
		t.Errorf("annotation %v", list[1])
	}
	if _, out, _ = cli(t, "", "--store", st, "annotations", "--tag", "actor"); !strings.Contains(out, "Zaporizhzhia") || strings.Contains(out, "Moscow") {
		t.Errorf("annotations --tag actor:\n%s", out)
	}
	if code, out, _ = cli(t, "", "--store", st, "annotation", "edit", "2", "--note", "Where the talks would be", "--tag", "place"); code != exitOK || !strings.Contains(out, "Where the talks") {
		t.Errorf("edit: %d %s", code, out)
	}

	code, out, _ = cli(t, "", "--store", st, "tags", "--json")
	var tags []map[string]any
	json.Unmarshal([]byte(out), &tags)
	if code != exitOK || len(tags) != 7 { // actor, actor/russia, event, event/peace-talks, place, topic, topic/nuclear
		t.Errorf("tags: %d %s", code, out)
	}
	if code, _, errOut = cli(t, "", "--store", st, "tags", "delete", "topic"); code != exitFailures || !strings.Contains(errOut, "1 annotations") {
		t.Errorf("delete without --yes: %d %s", code, errOut)
	}
	if code, out, _ = cli(t, "", "--store", st, "tags", "rename", "actor/russia", "actor/kremlin"); code != exitOK || !strings.HasPrefix(out, "renamed actor/russia into actor/kremlin:") || !strings.Contains(out, "1 annotations") {
		t.Errorf("rename: %d %s", code, out)
	}

	for _, f := range []string{"w3c", "qdpx", "csv", "md"} {
		path := filepath.Join(dir, "export."+f)
		if code, _, errOut = cli(t, "", "--store", st, "export", "--format", f, "-o", path); code != exitOK {
			t.Errorf("export %s: %s", f, errOut)
		}
		if fi, err := os.Stat(path); err != nil || fi.Size() < 200 {
			t.Errorf("export %s: %v", f, err)
		}
	}
	// Ctrl-C (a canceled context) stops an export with nothing written.
	var canceledOut, canceledErr strings.Builder
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	canceled := filepath.Join(dir, "canceled.csv")
	if code := run(ctx, []string{"--store", st, "export", "--format", "csv", "-o", canceled}, strings.NewReader(""), &canceledOut, &canceledErr); code != exitCanceled || !strings.Contains(canceledErr.String(), "canceled") {
		t.Errorf("canceled export: %d %s", code, canceledErr.String())
	}
	if _, err := os.Stat(canceled); !os.IsNotExist(err) {
		t.Errorf("a canceled export wrote %s", canceled)
	}
	if code, _, errOut = cli(t, "", "--store", st, "export", "--format", "pdf", "-o", filepath.Join(dir, "x")); code != exitUsage || !strings.Contains(errOut, "pdf") {
		t.Errorf("bad format: %d %s", code, errOut)
	}

	// A second store: the same article, then the W3C file, via import.
	other := filepath.Join(dir, "other")
	cli(t, "", "--store", other, "import", seed)
	code, out, errOut = cli(t, "", "--store", other, "import", filepath.Join(dir, "export.w3c"))
	if code != exitOK || !strings.Contains(errOut, "2 annotations") {
		t.Fatalf("importing the W3C export: %d\n%s\n%s", code, out, errOut)
	}
	// A .qdpx brings its own texts into an empty store.
	empty := filepath.Join(dir, "empty")
	code, out, errOut = cli(t, "", "--store", empty, "import", filepath.Join(dir, "export.qdpx"))
	if code != exitOK || !strings.Contains(errOut, "2 annotations") {
		t.Fatalf("importing the qdpx export: %d\n%s\n%s", code, out, errOut)
	}
	_, out, _ = cli(t, "", "--store", empty, "annotations")
	if !strings.Contains(out, "Zaporizhzhia nuclear power plant") || !strings.Contains(out, "actor/kremlin") {
		t.Errorf("annotations from qdpx:\n%s", out)
	}
	// What the round trip brought back is what was exported, IDs and
	// import times aside.
	for _, cmd := range [][]string{{"list", "--json"}, {"annotations", "--json"}} {
		want, got := jsonAside(t, st, cmd...), jsonAside(t, empty, cmd...)
		if got != want {
			t.Errorf("%s after a qdpx round trip:\n%s\nwant:\n%s", cmd[0], got, want)
		}
	}
}

// jsonAside runs a --json command and prints its output with the fields
// a round trip may change (IDs, import times) left out.
func jsonAside(t *testing.T, store string, args ...string) string {
	t.Helper()
	code, out, errOut := cli(t, "", append([]string{"--store", store}, args...)...)
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); code != exitOK || err != nil {
		t.Fatalf("%v: %d %v %s", args, code, err, errOut)
	}
	for _, r := range rows {
		delete(r, "id")
		delete(r, "article")
		delete(r, "imported")
	}
	b, _ := json.MarshalIndent(rows, "", " ")
	return string(b)
}
