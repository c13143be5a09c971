package app_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/testenv"
	"github.com/parallax-news/parallax/internal/teststore"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/store"
)

func importText(t testing.TB, st *store.Store, dir, name, text string) app.ImportResult {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := (&importer.Importer{Store: st}).Import(context.Background(), []string{path}, importer.Options{Outlet: "Valley Courier"})
	if err != nil || len(rep.Results) != 1 || rep.Results[0].Err != nil {
		t.Fatalf("import %s: %v %+v", name, err, rep.Results)
	}
	return rep.Results[0]
}

const storyTitle = "Council approves Kessel dam deal"

var storyParas = []string{
	"Riverton – The council voted 7–2 on Tuesday to approve the Kessel dam deal with Estvale.",
	"The mayor said the agreement “secures water for a generation” and would be signed next week.",
	"Opponents said the vote was rushed and that farmers downstream had not been consulted.",
	"Estvale’s minister welcomed the decision and promised to publish the full text of the deal.",
}

func story(paras ...string) string { return storyTitle + "\n\n" + strings.Join(paras, "\n\n") + "\n" }

// A new revision carries every annotation over, each with the status the
// kind of edit calls for, inside the import.
func TestAnnotationsSurviveRevisions(t *testing.T) {
	p := storyParas
	cases := []struct {
		name  string
		paras []string
		want  map[string]anchor.Status // quote → status
	}{
		{"text inserted before", append([]string{"UPDATE: adds reaction from Estvale."}, p...), map[string]anchor.Status{
			"approve the Kessel dam deal": anchor.Moved, "farmers downstream had not been consulted": anchor.Moved}},
		{"words edited inside the quote", []string{p[0], strings.Replace(p[1], "would be signed next week", "would be signed on Monday", 1), p[2], p[3]}, map[string]anchor.Status{
			"approve the Kessel dam deal": anchor.Anchored, "secures water for a generation” and would be signed next week": anchor.Fuzzy}},
		{"paragraph moved", []string{p[0], p[3], p[1], p[2]}, map[string]anchor.Status{
			"approve the Kessel dam deal": anchor.Anchored, "farmers downstream had not been consulted": anchor.Moved}},
		{"paragraph deleted", []string{p[0], p[1], p[3]}, map[string]anchor.Status{
			"approve the Kessel dam deal": anchor.Anchored, "Opponents said the vote was rushed": anchor.Orphaned}},
		{"whole article rewritten", []string{"Estvale and Riverton signed a water treaty after months of talks.", "Details were not released."}, map[string]anchor.Status{
			"approve the Kessel dam deal": anchor.Orphaned, "farmers downstream had not been consulted": anchor.Orphaned}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := teststore.Open(t)
			dir := t.TempDir()
			first := importText(t, st, dir, "v1.txt", story(p...))
			an := app.Annotator{Store: st, Analyst: "tester"}
			ids := map[string]app.AnnotationID{}
			for q := range c.want {
				a, err := an.Annotate(app.AnnotateInput{Article: first.ID, Span: app.Span{Quote: q}, Note: "note on " + q, Tags: []string{"check"}})
				if err != nil {
					t.Fatal(err)
				}
				ids[q] = a.ID
			}
			second := importText(t, st, dir, "v2.txt", story(c.paras...))
			if second.Outcome != app.NewRevision || second.ID != first.ID {
				t.Fatalf("second import: %s of %d", second.Outcome, second.ID)
			}
			total := 0
			for _, n := range second.Reanchored {
				total += n
			}
			if total != len(c.want) {
				t.Errorf("import reported %v for %d annotations", second.Reanchored, len(c.want))
			}
			latest, _ := st.FindRevision(first.ID, 0)
			for q, want := range c.want {
				a, err := st.FindAnnotation(ids[q])
				if err != nil {
					t.Fatalf("annotation on %q lost: %v", q, err)
				}
				if a.Status != want {
					t.Errorf("%q: %s, want %s", q, a.Status, want)
				}
				if a.Note != "note on "+q || len(a.Tags) != 1 {
					t.Errorf("%q: note or tags changed: %+v", q, a)
				}
				body := latest.Body
				if want == anchor.Orphaned {
					if a.Revision != 1 || a.Quote != q {
						t.Errorf("orphan lost its old place: revision %d quote %q", a.Revision, a.Quote)
					}
					old, _ := st.FindRevision(first.ID, 1)
					body = old.Body
				} else if a.Revision != 2 || len(a.History) != 1 {
					t.Errorf("%q: revision %d, history %v", q, a.Revision, a.History)
				}
				if got := string([]rune(body)[a.Start:a.End]); got != a.Quote {
					t.Errorf("%q: span holds %q, quote %q", q, got, a.Quote)
				}
			}
			orphans := 0
			st.ForEachAnnotation(app.AnnotationFilter{Orphaned: true}, func(app.Annotation) error { orphans++; return nil })
			wantOrphans := 0
			for _, s := range c.want {
				if s == anchor.Orphaned {
					wantOrphans++
				}
			}
			if orphans != wantOrphans {
				t.Errorf("%d orphans listed, want %d", orphans, wantOrphans)
			}
		})
	}
}

func TestAnnotateEditReattachDelete(t *testing.T) {
	st := teststore.Open(t)
	dir := t.TempDir()
	first := importText(t, st, dir, "v1.txt", story(storyParas...))
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	an := app.Annotator{Store: st, Analyst: "tester", Now: func() time.Time { return now }}

	if _, err := an.Annotate(app.AnnotateInput{Article: first.ID, Span: app.Span{Quote: "the"}}); app.ErrorCode(err) != app.EINVALID || !strings.Contains(err.Error(), "--nth") {
		t.Errorf("ambiguous quote: %v", err)
	}
	if _, err := an.Annotate(app.AnnotateInput{Article: first.ID, Span: app.Span{Quote: "not in the text"}}); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("missing quote: %v", err)
	}
	if _, err := an.Annotate(app.AnnotateInput{Article: first.ID, Span: app.Span{Start: 10, End: 5}}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("reversed span: %v", err)
	}
	if _, err := an.Annotate(app.AnnotateInput{Article: first.ID, Span: app.Span{Quote: "vote"}, Color: "chartreuse"}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("bad colour: %v", err)
	}
	// A quote across a paragraph break matches whatever white space is typed.
	a, err := an.Annotate(app.AnnotateInput{Article: first.ID, Span: app.Span{Quote: "next week.   Opponents said"}, Tags: []string{" actor / mayor "}, Color: "#ABC"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Quote != "next week.\n\nOpponents said" || a.Tags[0] != "actor/mayor" || a.Color != "#aabbcc" {
		t.Errorf("annotation %+v", a)
	}
	note := "Compare with the *Ledger*."
	if a, err = an.Edit(a.ID, app.Edit{Note: &note, AddTags: []string{"claim"}, RemoveTags: []string{"actor/mayor"}}); err != nil {
		t.Fatal(err)
	}
	if a.Note != note || strings.Join(a.Tags, ",") != "claim" {
		t.Errorf("edited: %+v", a)
	}
	if tags, _ := st.Tags(); len(tags) != 3 { // actor, actor/mayor (still defined), claim
		t.Errorf("tags %+v", tags)
	}
	if a, err = an.Reattach(a.ID, app.Span{Quote: "farmers downstream"}); err != nil || a.Quote != "farmers downstream" || len(a.History) != 1 {
		t.Errorf("reattach: %+v %v", a, err)
	}
	deleted, err := an.Delete(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.FindAnnotation(a.ID); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("deleted annotation still found: %v", err)
	}
	if n := countAnnotations(t, st, app.AnnotationFilter{Tag: "claim"}); n != 0 {
		t.Errorf("tag index still lists the deleted annotation (%d)", n)
	}
	// Undo restores what Delete returned, history and all.
	restored, err := an.Restore(deleted)
	if err != nil || restored.ID != deleted.ID || len(restored.History) != 1 || countAnnotations(t, st, app.AnnotationFilter{Tag: "claim"}) != 1 {
		t.Errorf("undo: %+v %v", restored, err)
	}
	if _, err := an.Restore(app.Annotation{Article: first.ID, Note: "never stored"}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("restoring an unsaved annotation: %v", err)
	}
}

func countAnnotations(t *testing.T, st app.Store, f app.AnnotationFilter) int {
	t.Helper()
	n := 0
	if err := st.ForEachAnnotation(f, func(app.Annotation) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTagRenameMergeDelete(t *testing.T) {
	st := teststore.Open(t)
	dir := t.TempDir()
	first := importText(t, st, dir, "v1.txt", story(storyParas...))
	an := app.Annotator{Store: st, Analyst: "tester"}
	if _, err := st.TagArticle(first.ID, []string{"actor/kremlin", "region/east"}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"The mayor said", "Opponents said", "minister welcomed"} {
		if _, err := an.Annotate(app.AnnotateInput{Article: first.ID, Span: app.Span{Quote: q}, Tags: []string{"actor/kremlin/press", "claim"}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SaveTag(app.Tag{Path: "actor/kremlin", Color: "red", Description: "Presidential administration"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RenameTag("actor/kremlin", "region/east", false); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("rename onto an existing tag: %v", err)
	}
	if _, err := st.RenameTag("actor", "actor/sub", false); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("rename below itself: %v", err)
	}
	ch, err := st.RenameTag("actor/kremlin", "actor/russia/kremlin", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Tags) != 2 || ch.Articles != 1 || ch.Annotations != 3 {
		t.Errorf("rename touched %+v", ch)
	}
	a, _ := st.FindArticleByID(first.ID)
	if strings.Join(a.Tags, ",") != "actor/russia/kremlin,region/east" {
		t.Errorf("article tags %v", a.Tags)
	}
	if n := countAnnotations(t, st, app.AnnotationFilter{Tag: "actor/russia"}); n != 3 {
		t.Errorf("%d annotations below actor/russia, want 3", n)
	}
	if n := countAnnotations(t, st, app.AnnotationFilter{Tag: "actor/kremlin"}); n != 0 {
		t.Errorf("%d annotations still under the old name", n)
	}
	tags, _ := st.Tags()
	byPath := map[string]app.TagInfo{}
	for _, ti := range tags {
		byPath[ti.Path] = ti
	}
	if k := byPath["actor/russia/kremlin"]; k.Color != "#e57373" || k.Description == "" || k.Articles != 1 {
		t.Errorf("renamed tag lost its definition: %+v", k)
	}
	if _, ok := byPath["actor/kremlin"]; ok {
		t.Error("old tag still defined")
	}
	// Merge: the uses join, nothing is counted twice.
	if ch, err = st.RenameTag("claim", "actor/russia/kremlin/press", true); err != nil || ch.Annotations != 3 {
		t.Fatalf("merge: %+v %v", ch, err)
	}
	got, _ := st.FindAnnotation(1)
	if strings.Join(got.Tags, ",") != "actor/russia/kremlin/press" {
		t.Errorf("merged annotation tags %v", got.Tags)
	}
	// Delete: counts first, then every use goes.
	usage, err := st.TagUsage("actor")
	if err != nil || usage.Articles != 1 || usage.Annotations != 3 {
		t.Errorf("usage %+v %v", usage, err)
	}
	if _, err := st.DeleteTag("actor"); err != nil {
		t.Fatal(err)
	}
	a, _ = st.FindArticleByID(first.ID)
	if strings.Join(a.Tags, ",") != "region/east" || countAnnotations(t, st, app.AnnotationFilter{Tag: "actor"}) != 0 {
		t.Errorf("after delete: article %v", a.Tags)
	}
	if n := countAnnotations(t, st, app.AnnotationFilter{}); n != 3 {
		t.Errorf("deleting a tag deleted annotations: %d left", n)
	}
	if _, err := st.DeleteTag("nothing/here"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("deleting a missing tag: %v", err)
	}
}

var sentenceRE = regexp.MustCompile(`[^.!?]+[.!?]+["”’']?`)

// The acceptance run on real edits: the BBC corpus's two-version stories.
// First versions are imported and every sentence annotated; importing the
// second versions must carry each annotation over with a status.
func TestBBCRevisionsKeepEveryAnnotation(t *testing.T) {
	folders := testenv.BBCFolders(t)
	scratch := teststore.Open(t)
	rep, err := (&importer.Importer{Store: scratch}).Import(context.Background(), folders, importer.Options{Outlet: "BBC"})
	if err != nil {
		t.Fatal(err)
	}
	var firsts, seconds []string
	for _, r := range rep.Results {
		if r.Outcome != app.NewRevision {
			continue
		}
		old, err := scratch.FindRevision(r.ID, r.Revision-1)
		if err != nil {
			t.Fatal(err)
		}
		firsts = append(firsts, old.Origin.Path)
		seconds = append(seconds, r.Path)
	}
	if len(seconds) != 29 {
		t.Fatalf("%d two-version stories, want 29", len(seconds))
	}
	st := teststore.Open(t)
	im := importer.Importer{Store: st}
	if _, err := im.Import(context.Background(), firsts, importer.Options{Outlet: "BBC"}); err != nil {
		t.Fatal(err)
	}
	an := app.Annotator{Store: st, Analyst: "tester"}
	total := 0
	err = st.ForEachArticle(func(a app.Article) error {
		rev, err := st.FindRevision(a.ID, 0)
		if err != nil {
			return err
		}
		text := anchor.NewText(rev.Body)
		for _, loc := range sentenceRE.FindAllStringIndex(rev.Body, -1) {
			s, e := text.CodePoint(loc[0]), text.CodePoint(loc[1])
			for s < e && strings.ContainsRune(" \n", []rune(rev.Body)[s]) {
				s++
			}
			if _, err := an.Annotate(app.AnnotateInput{Article: a.ID, Span: app.Span{Start: s, End: e}}); err != nil {
				return err
			}
			total++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	before := map[app.AnnotationID]app.Annotation{}
	st.ForEachAnnotation(app.AnnotationFilter{}, func(a app.Annotation) error { before[a.ID] = a; return nil })
	rep, err = im.Import(context.Background(), seconds, importer.Options{Outlet: "BBC"})
	if err != nil || rep.Revisions != 29 {
		t.Fatalf("second versions: %d revisions, %v", rep.Revisions, err)
	}
	counts := map[anchor.Status]int{}
	after := 0
	verbatimChecked := 0
	err = st.ForEachAnnotation(app.AnnotationFilter{}, func(a app.Annotation) error {
		after++
		counts[a.Status]++
		old := before[a.ID]
		latest, err := st.FindRevision(a.Article, 0)
		if err != nil {
			return err
		}
		// A sentence still verbatim in the new text must be found there.
		if strings.Contains(latest.Body, old.Quote) {
			verbatimChecked++
			if a.Status != anchor.Anchored && a.Status != anchor.Moved {
				t.Errorf("article %d: verbatim sentence %q ended %s", a.Article, old.Quote, a.Status)
			}
		}
		if a.Status == anchor.Fuzzy && a.Quote == old.Quote {
			t.Errorf("fuzzy annotation kept its quote %q", a.Quote)
		}
		if a.Status == anchor.Fuzzy && counts[a.Status] <= 3 || a.Status == anchor.Orphaned && counts[a.Status] <= 2 {
			t.Logf("sample %s: %q → %q", a.Status, old.Quote, a.Quote)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d sentences annotated on 29 stories; after the second versions: %v (%d verbatim sentences checked)", total, counts, verbatimChecked)
	if after != total {
		t.Errorf("%d annotations after re-anchoring, %d before: some were lost", after, total)
	}
}
