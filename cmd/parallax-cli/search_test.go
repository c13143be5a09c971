package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/internal/testenv"
	"github.com/parallax-news/parallax/store"
)

// TestSearchAcceptance is the acceptance run: the seed article
// and the BBC corpus, searched from the command line.
func TestSearchAcceptance(t *testing.T) {
	seed := testenv.Data(t, "seed", "kremlin-invites-zelenskiy.txt")
	bbc := testenv.Data(t, "news-corpus", "bbc")
	dir := t.TempDir()
	if code, _, errOut := cli(t, "", "--store", dir, "import", "-q", seed, bbc); code != exitOK {
		t.Fatalf("import: %d %s", code, errOut)
	}
	search := func(args ...string) searchOut {
		t.Helper()
		code, out, errOut := cli(t, "", append([]string{"--store", dir, "search", "--json"}, args...)...)
		if code != exitOK {
			t.Fatalf("search %v: %d %s", args, code, errOut)
		}
		var res searchOut
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := search("Zaporizhzhia"); len(res.Hits) == 0 || res.Hits[0].ID != 1 {
		t.Errorf("Zaporizhzhia: the seed (1) is not first: %+v", res.Hits)
	}
	if res := search("zelensk*"); len(res.Hits) == 0 || res.Hits[0].ID != 1 {
		t.Errorf("zelensk*: the seed is not found: %+v", res.Hits)
	}

	res := search(`"prime minister"`, "--limit", "1000")
	if res.Total < 100 || len(res.Hits) != res.Total {
		t.Fatalf(`"prime minister": %d hits of %d`, len(res.Hits), res.Total)
	}
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		rev, err := st.FindRevision(h.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(strings.ToLower(rev.Title+" "+rev.Body)), " ")
		if !strings.Contains(text, "prime minister") {
			t.Errorf(`article %d has no "prime minister"`, h.ID)
		}
		rs := []rune(h.Snippet.Text)
		for _, s := range h.Snippet.Highlights {
			if got := strings.ToLower(string(rs[s.Start:s.End])); !strings.HasPrefix(got, "prime") {
				t.Errorf("article %d: highlight %q", h.ID, got)
			}
		}
	}
	st.Close()

	code, _, errOut := cli(t, "", "--store", dir, "search", `"prime minister`)
	if code != exitUsage || !strings.Contains(errOut, "unbalanced quote") {
		t.Errorf("unbalanced quote: exit %d, %q", code, errOut)
	}

	// No stale hits: a new revision replaces the old text, a delete
	// removes it.
	rev := filepath.Join(t.TempDir(), "rev.txt")
	writeFiles(t, filepath.Dir(rev), map[string]string{"rev.txt": "Kremlin Says Russia Invites Zelenskiy to Moscow for Peace Talks\n\nTalks were postponed, said Zzyzxquorum officials.\n"})
	if code, _, errOut := cli(t, "", "--store", dir, "import", "-q", rev); code != exitOK {
		t.Fatalf("import revision: %d %s", code, errOut)
	}
	if res := search("Zaporizhzhia"); res.Total != 0 {
		t.Errorf("Zaporizhzhia after the revision: %+v", res.Hits)
	}
	if res := search("zzyzxquorum officials"); len(res.Hits) == 0 || res.Hits[0].ID != 1 {
		t.Errorf("the revision's words do not find it: %+v", res.Hits)
	}
	if code, _, errOut := cli(t, "", "--store", dir, "delete", "1"); code != exitOK {
		t.Fatalf("delete: %d %s", code, errOut)
	}
	if res := search("zzyzxquorum"); res.Total != 0 {
		t.Errorf("hits after delete: %+v", res.Hits)
	}

	code, out, _ := cli(t, "", "--store", dir, "find", "--json", "blairbrown")
	var found []findOut
	if code != exitOK || json.Unmarshal([]byte(out), &found) != nil || len(found) == 0 {
		t.Fatalf("find: %d %s", code, out)
	}
	if found[0].Kind != "title" || found[0].ID == app.ArticleID(0) {
		t.Errorf("find blairbrown: %+v", found[0])
	}
}
