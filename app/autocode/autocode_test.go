package autocode

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/internal/teststore"
	"github.com/parallax-news/parallax/store"
)

func fixture(t *testing.T) *store.Store {
	t.Helper()
	st := teststore.Open(t)
	bodies := []string{
		"Zelenskiy’s office said the dam talks failed. Officials will meet again.\n\nThe dam holds water for three towns.",
		"Nobody mentioned anything of the kind here.",
	}
	var drafts []app.Draft
	for i, b := range bodies {
		m := app.Meta{Title: []string{"Dam talks fail", "Quiet day"}[i]}
		m.Hash, m.Words = app.HashAndCount(m.Title, b)
		drafts = append(drafts, app.Draft{Meta: m, Body: b})
	}
	if _, err := st.Ingest(drafts); err != nil {
		t.Fatal(err)
	}
	return st
}

func quotes(p Plan) string {
	var qs []string
	for _, x := range p.Passages {
		qs = append(qs, x.Quote)
	}
	return strings.Join(qs, " | ")
}

func TestPreviewUnits(t *testing.T) {
	st := fixture(t)
	for _, c := range []struct {
		spec Spec
		want string
	}{
		{Spec{Query: "dam", Tags: []string{"topic/dam"}}, "dam | dam"},
		{Spec{Query: "dam", Unit: Sentence, Tags: []string{"topic/dam"}}, "Zelenskiy’s office said the dam talks failed. | The dam holds water for three towns."},
		{Spec{Query: "dam OR officials", Unit: Paragraph, Tags: []string{"topic/dam"}}, "Zelenskiy’s office said the dam talks failed. Officials will meet again. | The dam holds water for three towns."},
		{Spec{Query: `"dam talks"`, Tags: []string{"topic/dam"}}, "dam talks"},
		// A regular expression's byte offsets become code points past the
		// curly apostrophe.
		{Spec{Query: `office|t[a-z]+ns`, Regex: true, Tags: []string{"topic/dam"}}, "office | towns"},
	} {
		p, err := Preview(context.Background(), st, c.spec)
		if err != nil {
			t.Fatalf("%+v: %v", c.spec, err)
		}
		if got := quotes(p); got != c.want || p.Articles != 1 {
			t.Errorf("%+v: %q in %d articles, want %q in 1", c.spec, got, p.Articles, c.want)
		}
	}
}

func TestPreviewRefuses(t *testing.T) {
	st := fixture(t)
	for _, c := range []struct {
		spec Spec
		says string
	}{
		{Spec{Query: "(dam", Regex: true, Tags: []string{"t"}}, "(dam"},
		{Spec{Query: "dam", Unit: "word", Tags: []string{"t"}}, "word"},
		{Spec{Query: "dam"}, "tag"},
		{Spec{Query: "dam", Tags: []string{"bad//tag"}}, "bad//tag"},
		{Spec{Query: `"unclosed`, Tags: []string{"t"}}, ""},
	} {
		_, err := Preview(context.Background(), st, c.spec)
		if app.ErrorCode(err) != app.EINVALID || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%+v: %v, want EINVALID naming %q", c.spec, err, c.says)
		}
	}
}

// Apply codes every passage as the analyst, a second run codes nothing
// twice, and Undo leaves the annotations exactly as they were.
func TestApplyAndUndo(t *testing.T) {
	st := fixture(t)
	an := &app.Annotator{Store: st, Analyst: "ana"}
	if _, err := an.Annotate(app.AnnotateInput{Article: 1, Span: app.Span{Quote: "three towns"}, Tags: []string{"place"}}); err != nil {
		t.Fatal(err)
	}
	before := dump(t, st)
	spec := Spec{Query: "dam", Unit: Sentence, Tags: []string{"topic/dam"}, Note: "auto", Analyst: "ana"}
	p, err := Preview(context.Background(), st, spec)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Apply(context.Background(), st, p, time.Date(2026, 12, 3, 14, 15, 0, 0, time.UTC), nil)
	if err != nil || res.Annotations != 2 || res.Batch != "20261203T141500.000Z" {
		t.Fatalf("apply: %+v %v", res, err)
	}
	var got []app.Annotation
	st.ForEachAnnotation(app.AnnotationFilter{Tag: "topic/dam"}, func(a app.Annotation) error { got = append(got, a); return nil })
	if len(got) != 2 || got[0].Analyst != "ana" || got[0].Note != "auto" || got[1].Quote != "The dam holds water for three towns." ||
		!strings.HasPrefix(got[0].URI, URIPrefix+res.Batch+":") {
		t.Errorf("stored %+v", got)
	}
	again, err := Preview(context.Background(), st, spec)
	if err != nil || len(again.Passages) != 0 || again.Existing != 2 {
		t.Errorf("a second preview: %d passages, %d already coded, %v", len(again.Passages), again.Existing, err)
	}
	if _, err := Undo(st, res.Batch); err != nil {
		t.Fatal(err)
	}
	if after := dump(t, st); after != before {
		t.Errorf("after undo:\n%s\nbefore:\n%s", after, before)
	}
	if _, err := Undo(st, res.Batch); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("undoing twice: %v", err)
	}
	if _, err := Undo(st, "x: y"); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a malformed batch: %v", err)
	}
}

func dump(t *testing.T, st *store.Store) string {
	var all []app.Annotation
	if err := st.ForEachAnnotation(app.AnnotationFilter{}, func(a app.Annotation) error { all = append(all, a); return nil }); err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(all, "", " ")
	return string(b)
}
