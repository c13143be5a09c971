package exchange_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/exchange"
	"github.com/parallax-news/parallax/internal/teststore"
)

// w3cBatch is a W3C collection of n annotations on the BBC-sized articles
// of a fresh store: each quotes a few words of one of them by URL.
func w3cBatch(tb testing.TB, n int) (*teststoreStore, []byte) {
	tb.Helper()
	st := teststore.Open(tb)
	var drafts []app.Draft
	const articles = 20
	for i := range articles {
		var paras []string
		for p := range 12 {
			paras = append(paras, fmt.Sprintf("Paragraph %d of story %d tells of the council vote, the dam deal and word%d%d.", p, i, i, p))
		}
		body := app.JoinParagraphs(paras)
		title := fmt.Sprintf("Story %d", i)
		drafts = append(drafts, app.Draft{Meta: app.Meta{Title: title, URL: fmt.Sprintf("https://news.example/%d", i), Hash: app.ContentHash(title, body)}, Body: body})
	}
	if _, err := st.Ingest(drafts); err != nil {
		tb.Fatal(err)
	}
	var items []map[string]any
	for k := range n {
		i, p := k%articles, (k/articles)%12
		items = append(items, map[string]any{
			"id": fmt.Sprintf("urn:uuid:00000000-0000-4000-8000-%012d", k), "type": "Annotation",
			"body": []any{map[string]any{"type": "TextualBody", "value": fmt.Sprintf("note %d", k)}, map[string]any{"type": "TextualBody", "purpose": "tagging", "value": fmt.Sprintf("code/%d", k%7)}},
			"target": map[string]any{"source": fmt.Sprintf("https://news.example/%d", i),
				"selector": map[string]any{"type": "TextQuoteSelector", "exact": fmt.Sprintf("word%d%d", i, p)}},
		})
	}
	doc, err := json.Marshal(map[string]any{"@context": exchange.W3CContext, "type": "AnnotationCollection", "total": n,
		"first": map[string]any{"type": "AnnotationPage", "items": items}})
	if err != nil {
		tb.Fatal(err)
	}
	return &teststoreStore{st}, doc
}

type teststoreStore struct{ app.Store }

// BenchmarkImportW3C imports 20,000 annotations; annotations/s is the
// figure the reliability issue sets (at least 5,000).
func BenchmarkImportW3C(b *testing.B) {
	const n = 20_000
	for b.Loop() {
		b.StopTimer()
		st, doc := w3cBatch(b, n)
		b.StartTimer()
		res, err := exchange.ImportW3C(st, "batch.jsonld", doc)
		if err != nil || len(res) != n {
			b.Fatalf("%d results, %v", len(res), err)
		}
		for _, r := range res[:10] {
			if r.Err != nil || !strings.HasPrefix(r.Item, "urn:uuid:") {
				b.Fatalf("%+v", r)
			}
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "annotations/s")
}
