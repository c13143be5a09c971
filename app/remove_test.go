package app_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/internal/teststore"
)

// Deleting an article and undoing it gives back the same article: every
// revision with its metadata (an edit's imported values too), its tags,
// its annotations with their IDs, anchored where they were, and its
// memos with theirs.
func TestDeleteAndRestoreAnArticle(t *testing.T) {
	st := teststore.Open(t)
	day := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	ingest := func(title, url, body string) app.ArticleID {
		t.Helper()
		m := app.Meta{Title: title, URL: url, Outlet: "Ledger", Imported: day}
		m.Hash, m.Words = app.HashAndCount(title, body)
		s, err := st.Ingest([]app.Draft{{Meta: m, Body: body, Tags: []string{"story/dam"}}})
		if err != nil || s[0].Err != nil {
			t.Fatal(err, s)
		}
		return s[0].ID
	}
	ingest("Other story", "https://ledger.example/other", "Nothing to do with it.")
	id := ingest("Dam deal", "https://ledger.example/dam", "The council signed the dam deal. Critics warned of the cost.")
	an := app.Annotator{Store: st, Analyst: "ana", Now: func() time.Time { return day }}
	if _, err := an.Annotate(app.AnnotateInput{Article: id, Span: app.Span{Quote: "Critics warned of the cost"}, Note: "costs", Tags: []string{"claim/cost"}}); err != nil {
		t.Fatal(err)
	}
	ms := app.Memos{Store: st, Analyst: "ana", Now: func() time.Time { return day }}
	if _, err := ms.Write(app.ArticleMemo, id, "", "Check the *council minutes*."); err != nil {
		t.Fatal(err)
	}
	ingest("Dam deal", "https://ledger.example/dam", "Late on Monday the council signed the dam deal. Critics warned of the cost.")
	byline := "A. Reporter"
	if _, err := (app.MetaEditor{Store: st}).EditOne(id, app.MetaEdit{Byline: &byline}); err != nil {
		t.Fatal(err)
	}
	view := func(id app.ArticleID) string {
		a, err := st.FindArticleByID(id)
		if err != nil {
			t.Fatal(err)
		}
		a.ID = 0
		out := []any{a}
		for n := 1; n <= a.Revisions; n++ {
			r, _ := st.FindRevision(id, n)
			out = append(out, r)
		}
		st.ForEachAnnotation(app.AnnotationFilter{Article: id}, func(x app.Annotation) error {
			x.Article = 0
			out = append(out, x)
			return nil
		})
		st.ForEachMemo(app.MemoFilter{Article: id}, func(m app.Memo) error {
			m.Article = 0
			out = append(out, m)
			return nil
		})
		b, _ := json.Marshal(out)
		return string(b)
	}
	before := view(id)

	rm := app.Remover{Store: st}
	removed, err := rm.Delete(id)
	if err != nil || len(removed.Revisions) != 2 || len(removed.Annotations) != 1 || len(removed.Memos) != 1 {
		t.Fatalf("delete: %+v, %v", removed, err)
	}
	if _, err := st.FindArticleByID(id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("the article is still there: %v", err)
	}
	back, err := rm.Restore(removed)
	if err != nil {
		t.Fatal(err)
	}
	if got := view(back); got != before {
		t.Errorf("restored:\n%s\nwant:\n%s", got, before)
	}
	if tags, _ := st.Tags(); !slices.ContainsFunc(tags, func(ti app.TagInfo) bool { return ti.Path == "claim/cost" && ti.Annotations == 1 }) {
		t.Errorf("tag counts after the restore: %+v", tags)
	}
}
