package ui

import (
	"fmt"
	"strings"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/quickopen"
	"github.com/parallax-news/parallax/app/search"
)

// runQuery answers the library's search box as the user types: nothing
// lists every article, a leading > is quick-open over titles, outlets and
// tags, anything else a full-text query. Queries run off the UI
// goroutine, one at a time: keystrokes typed while one runs are folded
// into the latest, which runs next (at 100,000 articles a query per
// keystroke in parallel would pile up work and memory), and an answer to
// an older query than the latest is dropped.
func (u *UI) runQuery(text string) {
	u.querySeq++
	text = strings.TrimSpace(text)
	if text == "" {
		u.queued = nil
		u.showRows(u.articleRows())
		u.status.SetText(fmt.Sprintf("%d articles · %s", len(u.articles), u.p.StoreDir))
		return
	}
	if u.querying {
		u.queued = &text
		return
	}
	u.querying = true
	seq, quick := u.querySeq, u.quick
	u.background(func() {
		show := u.answer(text, quick)
		u.jobs.Post(func() {
			if seq == u.querySeq {
				show()
			}
			u.worked()
			u.querying = false
			if q := u.queued; q != nil {
				u.queued = nil
				u.querySeq-- // runQuery counts it again
				u.runQuery(*q)
			}
		})
	})
}

// answer runs a query off the UI goroutine and returns how to show it;
// quick is the quick-open index as it was when the query was typed.
func (u *UI) answer(text string, quick *quickopen.Index) func() {
	if pattern, ok := strings.CutPrefix(text, ">"); ok {
		pattern = strings.TrimSpace(pattern)
		if pattern == "" || quick == nil {
			return func() {}
		}
		found := quick.Find(pattern, quickopen.DefaultLimit)
		rows := make([]row, len(found))
		for i, f := range found {
			rows[i] = row{id: app.ArticleID(f.ID), title: f.Text, sub: f.Kind.String()}
			if f.Kind != quickopen.Title {
				rows[i].query = filterFor(f.Kind, f.Text)
			}
		}
		return func() {
			u.showRows(rows)
			u.status.SetText(fmt.Sprintf("%d quick-open matches", len(rows)))
		}
	}
	res, err := search.Run(u.p.Store, text, 200)
	if err != nil {
		// A query half typed is often malformed: say why in the status
		// bar, without a dialog in the way.
		return func() { u.status.SetText(err.Error()) }
	}
	rows := make([]row, len(res.Hits))
	for i, h := range res.Hits {
		rows[i] = row{id: h.Article.ID, title: h.Article.Title, sub: h.Article.Outlet + " · " + h.Snippet.Text}
		for _, m := range h.BodyMatches {
			rows[i].marks = append(rows[i].marks, [2]int{m.Start, m.End})
		}
	}
	return func() {
		u.showRows(rows)
		u.status.SetText(fmt.Sprintf("%d of %d matching articles", len(rows), res.Total))
	}
}

// filterFor is the query that lists an outlet's or a tag's articles.
func filterFor(k quickopen.Kind, text string) string {
	field := "tag:"
	if k == quickopen.Outlet {
		field = "outlet:"
	}
	return field + `"` + strings.ReplaceAll(text, `"`, "") + `"`
}
