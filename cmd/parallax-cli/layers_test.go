package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"
)

// Importing another analyst's W3C or REFI-QDA export of the same
// articles adds their layer beside yours and leaves yours alone (issue 22).
func TestImportAddsAnotherAnalystsLayer(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"in/1.txt": "Council signs the dam deal\n\nThe council signed the dam deal. Critics warned of the cost.\n",
		"in/2.txt": "Farmers lift the blockade\n\nFarmers lifted the blockade. Traders counted the cost.\n",
	})
	ana := filepath.Join(dir, "ana")
	if code, _, errOut := cli(t, "", "--store", ana, "import", "-q", filepath.Join(dir, "in")); code != exitOK {
		t.Fatalf("import: %s", errOut)
	}
	t.Setenv("PARALLAX_ANALYST", "Ana")
	cli(t, "", "--store", ana, "annotate", "1", "--quote", "Critics warned", "--tag", "claim")
	for _, format := range []string{"w3c", "qdpx"} {
		t.Run(format, func(t *testing.T) {
			export := filepath.Join(dir, "ana."+format)
			if code, _, errOut := cli(t, "", "--store", ana, "export", "--format", format, "-o", export); code != exitOK {
				t.Fatalf("export: %s", errOut)
			}
			ben := filepath.Join(t.TempDir(), "ben")
			cli(t, "", "--store", ben, "import", "-q", filepath.Join(dir, "in"))
			t.Setenv("PARALLAX_ANALYST", "Ben")
			cli(t, "", "--store", ben, "annotate", "1", "--quote", "the dam deal", "--tag", "event")
			_, before, _ := cli(t, "", "--store", ben, "annotations", "--json")
			if code, _, errOut := cli(t, "", "--store", ben, "import", export); code != exitOK {
				t.Fatalf("import %s: %s", format, errOut)
			}
			_, out, _ := cli(t, "", "--store", ben, "annotations", "--json")
			var mine, all []map[string]any
			json.Unmarshal([]byte(before), &mine)
			json.Unmarshal([]byte(out), &all)
			var layers []string
			for _, a := range all {
				layers = append(layers, a["analyst"].(string)+":"+a["quote"].(string))
			}
			slices.Sort(layers)
			if len(all) != 2 || !slices.Equal(layers, []string{"Ana:Critics warned", "Ben:the dam deal"}) {
				t.Errorf("after importing Ana's %s: %v", format, layers)
			}
			for _, a := range all {
				if a["analyst"] == "Ben" {
					b, _ := json.Marshal(a)
					m, _ := json.Marshal(mine[0])
					if string(b) != string(m) {
						t.Errorf("Ben's annotation changed:\n%s\n%s", m, b)
					}
				}
			}
		})
	}
}
