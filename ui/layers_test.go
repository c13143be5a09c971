package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
)

// Each analyst's annotations are a layer the reader and the panel show
// or hide; a hidden layer stays hidden on the next article.
func TestAnalystLayers(t *testing.T) {
	u, _ := loaded(t)
	id := u.art.current.ID
	for _, c := range []struct{ analyst, quote string }{{"Ana", "Kessel dam agreement"}, {"Ben", "nine votes to four"}} {
		an := &app.Annotator{Store: u.an.Store, Analyst: c.analyst}
		if _, err := an.Annotate(app.AnnotateInput{Article: id, Span: app.Span{Quote: c.quote}, Tags: []string{"layer/" + c.analyst}}); err != nil {
			t.Fatal(err)
		}
	}
	u.reloadAnnotations()
	u.jobs.Settle()
	all := len(u.art.annotations)
	names := u.art.layers.analysts()
	if len(names) != 3 || u.art.layers.button.Text != "3 of 3" {
		t.Fatalf("analysts %v, switch %q", names, u.art.layers.button.Text)
	}
	if got := cardLine(t, u, "Kessel dam agreement"); got != "Ana  ·  layer/Ana" {
		t.Errorf("card line %q, want the tags and whose", got)
	}
	u.setLayer("ben", false)
	for _, a := range u.art.annotations {
		if a.Analyst == "Ben" {
			t.Errorf("Ben's annotation %q still listed", a.Quote)
		}
	}
	if len(u.art.annotations) != all-1 || len(u.art.reader.Highlights()) != len(u.art.annotations) {
		t.Errorf("%d listed, %d highlighted, want %d", len(u.art.annotations), len(u.art.reader.Highlights()), all-1)
	}
	if want := "2 of 3"; u.art.layers.button.Text != want {
		t.Errorf("switch says %q, want %q", u.art.layers.button.Text, want)
	}
	// Another article and back: Ben stays hidden.
	for _, a := range collection(u) {
		if a.ID != id {
			u.open(a.ID, 0, nil)
			break
		}
	}
	u.jobs.Settle()
	u.open(id, 0, nil)
	u.jobs.Settle()
	if len(u.art.annotations) != all-1 {
		t.Errorf("back on the article: %d listed, want %d", len(u.art.annotations), all-1)
	}
	u.setLayer("Ben", true)
	if len(u.art.annotations) != all {
		t.Errorf("Ben shown again: %d listed, want %d", len(u.art.annotations), all)
	}
}

// cardLine is the tags line of the annotations panel's card for quote.
func cardLine(t *testing.T, u *UI, quote string) string {
	t.Helper()
	for i, a := range u.art.annotations {
		if a.Quote == quote {
			o := u.art.notes.CreateItem()
			u.art.notes.UpdateItem(i, o)
			return o.(*fyne.Container).Objects[0].(*fyne.Container).Objects[2].(*widget.Label).Text
		}
	}
	t.Fatalf("no card for %q", quote)
	return ""
}
