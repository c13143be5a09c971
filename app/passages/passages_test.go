package passages

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/internal/teststore"
	"github.com/parallax-news/parallax/store"
)

// coded is a store of three articles from two outlets, coded by two
// analysts, one annotation orphaned by a new revision.
func coded(t testing.TB) *store.Store {
	t.Helper()
	st := teststore.Open(t)
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	for _, a := range []struct {
		outlet, title, body string
		published           time.Time
	}{
		{"Ledger", "Council signs", "The council signed the dam deal. Critics warned of the cost.", day(14)},
		{"Courier", "Estvale wins", "Estvale won a water guarantee. The council conceded the point.", day(12)},
		{"Ledger", "Market reopens", "The market reopened. Traders counted the cost.", day(17)},
	} {
		m := app.Meta{Title: a.title, Outlet: a.outlet, Published: a.published, Imported: day(20)}
		m.Hash, m.Words = app.HashAndCount(m.Title, a.body)
		if _, err := st.Ingest([]app.Draft{{Meta: m, Body: a.body}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		analyst string
		article app.ArticleID
		quote   string
		tags    []string
	}{
		{"ana", 1, "signed the dam deal", []string{"event/deal"}},
		{"ana", 1, "Critics warned of the cost", []string{"claim/cost"}},
		{"ben", 1, "the dam deal", []string{"event/deal"}},
		{"ana", 2, "conceded the point", []string{"event/deal/concession"}},
		{"ana", 3, "counted the cost", []string{"claim/cost"}},
		{"ben", 3, "The market reopened", []string{"event"}},
	} {
		an := app.Annotator{Store: st, Analyst: c.analyst}
		if _, err := an.Annotate(app.AnnotateInput{Article: c.article, Span: app.Span{Quote: c.quote}, Tags: c.tags}); err != nil {
			t.Fatal(err)
		}
	}
	// Article 3's new revision drops the traders' sentence.
	m := app.Meta{Title: "Market reopens", Outlet: "Ledger", Published: day(17), Imported: day(21)}
	body := "The market reopened on Friday."
	m.Hash, m.Words = app.HashAndCount(m.Title, body)
	if _, err := st.Ingest([]app.Draft{{Meta: m, Body: body}}); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestList(t *testing.T) {
	st := coded(t)
	for _, c := range []struct {
		name string
		f    Filter
		want []string // "article:quote", in order
	}{
		{"a tag and those below it, by article date", Filter{Tag: "event/deal"},
			[]string{"2:conceded the point", "1:signed the dam deal", "1:the dam deal"}},
		{"everything", Filter{},
			[]string{"2:conceded the point", "1:signed the dam deal", "1:the dam deal", "1:Critics warned of the cost", "3:The market reopened", "3:counted the cost"}},
		{"an outlet", Filter{Tag: "claim", Outlet: "ledger"}, []string{"1:Critics warned of the cost", "3:counted the cost"}},
		{"an analyst", Filter{Analyst: "BEN"}, []string{"1:the dam deal", "3:The market reopened"}},
		{"orphans", Filter{Status: anchor.Orphaned}, []string{"3:counted the cost"}},
		{"dates", Filter{After: time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC), Before: time.Date(2026, 3, 17, 0, 0, 0, 0, time.UTC)},
			[]string{"1:signed the dam deal", "1:the dam deal", "1:Critics warned of the cost"}},
		{"a tag nobody used", Filter{Tag: "actor"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			ps, err := List(context.Background(), st, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, fmt.Sprintf("%d:%s", p.Annotation.Article, p.Quote))
				if p.Title == "" || p.Date.IsZero() || !strings.Contains(p.Context(), p.Quote) {
					t.Errorf("passage %+v lacks its article or context", p)
				}
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
		})
	}
	if _, err := List(context.Background(), st, Filter{Tag: "bad//tag"}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a malformed tag: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := List(ctx, st, Filter{}); err == nil {
		t.Error("a canceled listing did not stop")
	}
}

func TestAround(t *testing.T) {
	// The store keeps anchor.ContextLen code points each side, or fewer
	// at the text's ends.
	tail := func(s string) string { r := []rune(s); return string(r[max(0, len(r)-anchor.ContextLen):]) }
	head := func(s string) string { r := []rune(s); return string(r[:min(len(r), anchor.ContextLen)]) }
	for _, c := range []struct {
		prefix, quote, suffix, want string
	}{
		{tail("with three members each. \"Nobody got "), "everything", head(" they asked for, and that is how you know"), "…members each. \"Nobody got everything they asked for, and that is…"},
		{"The ", "council", " met.", "The council met."},
		{"", "RIVERTON", head(" – Riverton's city council ratified the deal"), "RIVERTON – Riverton's city council…"},
		{tail("the farmers on the side of the dam.\n\n"), "Critics", "", "…on the side of the dam. Critics"},
	} {
		p := Passage{Annotation: app.Annotation{Selector: anchor.Selector{Prefix: c.prefix, Quote: c.quote, Suffix: c.suffix}}}
		if got := p.Context(); got != c.want {
			t.Errorf("%q|%q|%q: %q, want %q", c.prefix, c.quote, c.suffix, got, c.want)
		}
	}
}
