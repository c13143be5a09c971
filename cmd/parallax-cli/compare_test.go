package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/internal/testenv"
	"github.com/parallax-news/parallax/store"
)

// TestCompareAndSimilarAcceptance: with the BBC corpus loaded, a lightly
// edited copy of an article (a new headline, one sentence changed) is
// that article's most similar article and clusters with it; an exact
// copy compares as 100% shared; a two-revision story compares as
// revisions with its edits found.
func TestCompareAndSimilarAcceptance(t *testing.T) {
	bbc := testenv.Data(t, "news-corpus", "bbc")
	dir := t.TempDir()
	var folders []string
	for _, topic := range []string{"business", "entertainment", "politics", "sport", "tech"} {
		folders = append(folders, filepath.Join(bbc, topic))
	}
	if code, _, errOut := cli(t, "", append([]string{"--store", dir, "import", "-q", "--outlet", "BBC"}, folders...)...); code != exitOK {
		t.Fatalf("import: %d %s", code, errOut)
	}
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var originals []app.ArticleID
	for id := app.ArticleID(7); id <= 2096; id += 100 {
		originals = append(originals, id)
	}
	files := map[string]string{}
	var twoRevisions app.ArticleID
	for _, id := range originals {
		rev, err := st.FindRevision(id, 0)
		if err != nil {
			t.Fatal(err)
		}
		ss := compare.Sentences(rev.Body)
		rs := []rune(rev.Body)
		second := ss[min(1, len(ss)-1)]
		edited := string(rs[:second.Start]) + "An editor rewrote this sentence for the copy." + string(rs[second.End:])
		files[fmt.Sprintf("copy-%04d.txt", id)] = "Copy desk: " + rev.Title + "\n\n" + edited + "\n"
	}
	first, _ := st.FindRevision(originals[0], 0)
	files["exact.txt"] = "Exact copy\n\n" + first.Body + "\n"
	st.ForEachArticle(func(a app.Article) error {
		if a.Revisions == 2 && twoRevisions == 0 {
			twoRevisions = a.ID
		}
		return nil
	})
	st.Close()
	copies := t.TempDir()
	writeFiles(t, copies, files)
	if code, _, errOut := cli(t, "", "--store", dir, "import", "-q", "--outlet", "Copy desk", copies); code != exitOK {
		t.Fatalf("import copies: %d %s", code, errOut)
	}
	// The copies got the next IDs, in file order: copies, then exact.
	next := app.ArticleID(2097)

	for k, orig := range originals {
		copyID := next + app.ArticleID(k)
		code, out, errOut := cli(t, "", "--store", dir, "similar", "--json", "--limit", "3", copyID.String())
		if code != exitOK {
			t.Fatalf("similar %d: %d %s", copyID, code, errOut)
		}
		var got []similarOut
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0].ID != orig {
			t.Errorf("similar to the copy %d of %d: %+v", copyID, orig, got)
		}
		if len(got) > 1 {
			t.Logf("copy of %d: top similar %d at %.2f, next %.2f", orig, got[0].ID, got[0].Similarity, got[1].Similarity)
		}
	}

	compareJSON := func(args ...string) compare.Alignment {
		t.Helper()
		code, out, errOut := cli(t, "", append([]string{"--store", dir, "compare", "--json"}, args...)...)
		if code != exitOK {
			t.Fatalf("compare %v: %d %s", args, code, errOut)
		}
		var al compare.Alignment
		if err := json.Unmarshal([]byte(out), &al); err != nil {
			t.Fatal(err)
		}
		return al
	}
	exact := next + app.ArticleID(len(originals))
	for _, mode := range []string{"auto", "coverage", "revisions"} {
		al := compareJSON("--mode", mode, originals[0].String(), exact.String())
		if s := al.Summary; s.SharedA != 1 || s.SharedB != 1 || s.UniqueA+s.UniqueB+s.Reworded != 0 {
			t.Errorf("exact copy, %s: %+v", mode, s)
		}
	}
	al := compareJSON(originals[1].String(), (next + 1).String())
	if al.Summary.Mode != compare.Revisions || al.Summary.SharedA < 0.8 {
		t.Errorf("edited copy: %+v", al.Summary)
	}
	var changed []string
	rb := []rune(al.B.Text)
	for _, p := range al.Pairs {
		if p.Kind != compare.Same && p.B != nil {
			changed = append(changed, string(rb[p.B.Start:p.B.End]))
		}
	}
	if !slices.Equal(changed, []string{"An editor rewrote this sentence for the copy."}) {
		t.Errorf("edited copy: changed passages in B %q", changed)
	}
	al = compareJSON(twoRevisions.String())
	if al.A.Revision != 1 || al.B.Revision != 2 || al.Summary.Mode != compare.Revisions || al.Summary.Reworded+al.Summary.UniqueA+al.Summary.UniqueB == 0 {
		t.Errorf("article %d's revisions: %d@%d vs %d@%d %+v", twoRevisions, al.A.Article, al.A.Revision, al.B.Article, al.B.Revision, al.Summary)
	}
	if code, _, errOut := cli(t, "", "--store", dir, "compare", originals[0].String()); code != exitUsage || !strings.Contains(errOut, "one revision") {
		t.Errorf("compare of a one-revision article: %d %q", code, errOut)
	}
	if code, out, _ := cli(t, "", "--store", dir, "compare", originals[1].String(), (next + 1).String()); code != exitOK ||
		!strings.Contains(out, "inserted") || !strings.Contains(out, "│ An editor rewrote") {
		t.Errorf("text report: %d\n%s", code, out)
	}

	code, out, errOut := cli(t, "", "--store", dir, "clusters", "--json", "--min", "0.5")
	if code != exitOK {
		t.Fatalf("clusters: %d %s", code, errOut)
	}
	var clusters []clusterOut
	if err := json.Unmarshal([]byte(out), &clusters); err != nil {
		t.Fatal(err)
	}
	together := func(a, b app.ArticleID) bool {
		for _, c := range clusters {
			in := func(id app.ArticleID) bool {
				return slices.ContainsFunc(c.Articles, func(x similarOut) bool { return x.ID == id })
			}
			if in(a) && in(b) {
				return true
			}
		}
		return false
	}
	for k, orig := range originals {
		if !together(orig, next+app.ArticleID(k)) {
			t.Errorf("article %d and its copy are not clustered", orig)
		}
	}
}
