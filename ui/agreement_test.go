package ui

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax/app"
)

// The Agreement window compares two analysts per tag and pooled, lists
// what only one coded, and opens such a passage in the reader with both
// analysts' layers shown.
func TestAgreementWindow(t *testing.T) {
	u, _ := loaded(t)
	id := u.art.current.ID
	for _, c := range []struct{ analyst, quote string }{{"Ana", "Kessel dam agreement"}, {"Ben", "dam agreement on Thursday"}} {
		an := &app.Annotator{Store: u.an.Store, Analyst: c.analyst}
		if _, err := an.Annotate(app.AnnotateInput{Article: id, Span: app.Span{Quote: c.quote}, Tags: []string{"event/deal"}}); err != nil {
			t.Fatal(err)
		}
	}
	u.Load(t.Context())
	u.jobs.Settle()
	w := u.showAgreement()
	defer w.Close()
	w.First.SetSelected("Ana")
	w.Second.SetSelected("Ben")
	u.jobs.Settle()
	if len(w.Results) != 2 || w.Results[0].Tag != "event/deal" || w.Results[1].Tag != "" {
		t.Fatalf("results %+v (status %q)", w.Results, w.Status.Text)
	}
	if !strings.Contains(w.Status.Text, "1 article both annotated") || len(w.Disagreements) != 2 {
		t.Errorf("status %q, %d disagreements", w.Status.Text, len(w.Disagreements))
	}
	// "Kessel " only Ana; " on Thursday" only Ben.
	if d := w.Disagreements[0]; d.CodedBy != "Ana" || d.Quote != "Kessel " {
		t.Errorf("first disagreement %+v", d)
	}
	u.setLayer("Ben", false)
	w.List.Select(1)
	u.jobs.Settle()
	if u.art.current.ID != id || u.art.layers.hidden[analystKey("Ben")] {
		t.Errorf("the disagreement opened article %d with Ben hidden %v", u.art.current.ID, u.art.layers.hidden)
	}
	w.Second.SetSelected("Ana")
	if !strings.Contains(w.Status.Text, "two different") || w.Results != nil {
		t.Errorf("the same analyst twice: %q", w.Status.Text)
	}
}
