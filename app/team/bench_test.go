package team_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/team"
	"github.com/parallax-news/parallax/app/team/teamtest"
	"github.com/parallax-news/parallax/internal/testenv"
)

// opStream fills a stream with the ops of a project of articles (one op
// each, with its text) and annotations spread over them, as analysts
// publish them, and returns how many ops it holds.
func opStream(tb testing.TB, articles, annotations int) *teamtest.Stream {
	stream := teamtest.NewStream()
	conn := &teamtest.Conn{Stream: stream}
	wall := time.Now().Add(-time.Hour).UnixMilli()
	stamp := func(by string) team.Stamp { wall++; return team.Stamp{Wall: wall, By: by} }
	raw := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	var id int
	opID := func() string { id++; return fmt.Sprintf("%032x", id) }
	type art struct{ hash, body string }
	arts := make([]art, articles)
	var ops []team.Op
	for i := range arts {
		title := fmt.Sprintf("Dam deal %d", i)
		body := app.JoinParagraphs([]string{testenv.Prose(i, 120), testenv.Prose(i+articles, 150), testenv.Prose(i+2*articles, 130)})
		h := app.ContentHash(title, body)
		arts[i] = art{h, body}
		at := stamp("ann")
		meta := app.Meta{Title: title, Outlet: "BBC", URL: fmt.Sprintf("https://bbc.example/%d", i), Imported: at.Time(), Hash: h, Words: app.CountWords(body), Paragraphs: 3}
		ops = append(ops, team.Op{ID: opID(), Project: "bench", Analyst: "ann", At: at,
			State: &team.State{Kind: team.ArticleKind, Key: h, Born: at,
				Fields: map[string]team.Field{"title": {V: raw(title), At: at}, "outlet": {V: raw("BBC"), At: at}},
				Sets:   map[string]team.Set{"revs": {h: {Add: at}}, "tags": {"source/bbc": {Add: at}}}},
			Texts: []team.Text{{Meta: meta, Body: body}}})
	}
	// An analyst codes an article's passages one after another.
	for i := range annotations {
		a := arts[i*articles/annotations]
		by := []string{"ann", "bob", "cat"}[i%3]
		at := stamp(by)
		runes := []rune(a.body)
		start := (i * 37) % (len(runes) - 40)
		sel := anchor.Selector{Start: start, End: start + 30, Quote: string(runes[start : start+30])}
		fields := map[string]team.Field{
			"anchor": {V: raw(team.Anchor{Revision: a.hash, Selector: sel, Status: anchor.Anchored}), At: at},
			"note":   {V: raw(fmt.Sprintf("note %d", i)), At: at}, "color": {V: raw("#ffd700"), At: at},
			"analyst": {V: raw(by), At: at}, "created": {V: raw(at.Time()), At: at}, "modified": {V: raw(at.Time()), At: at},
		}
		ops = append(ops, team.Op{ID: opID(), Project: "bench", Analyst: by, At: at,
			State: &team.State{Kind: team.AnnotationKind, Key: fmt.Sprintf("urn:uuid:bench-%d", i), Born: at, Fields: fields,
				Sets: map[string]team.Set{"tags": {[]string{"frame/peace", "actor/kremlin", "doubt"}[i%3]: {Add: at}}}}})
	}
	byAnalyst := map[string][]team.Op{}
	for _, op := range ops {
		byAnalyst[op.Analyst] = append(byAnalyst[op.Analyst], op)
	}
	// Published in order, so that each annotation's article is before it.
	for _, op := range ops {
		if err := conn.Publish(context.Background(), team.Subject("bench", op.Analyst), []team.Op{op}); err != nil {
			tb.Fatal(err)
		}
	}
	return stream
}

// BenchmarkApply measures a new replica's first sync: every op pulled
// from the stream, checked, merged and written. Targets (issue 25): at
// least 20,000 ops/s at 100,000 ops, and a BBC-size project (2,096
// articles, 5,000 annotations) in under 5 s.
func BenchmarkApply(b *testing.B) {
	for _, size := range []struct {
		name                  string
		articles, annotations int
	}{{"100k-ops", 1000, 99_000}, {"bbc-size", 2096, 5000}} {
		b.Run(size.name, func(b *testing.B) {
			stream := opStream(b, size.articles, size.annotations)
			ops := 0
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				r := newReplicaNamed(b, "dan", "bench", stream)
				r.conn.Batch = 0 // as many as JetStream fetches
				n := stream.Len()
				b.StartTimer()
				rep, err := r.sync.Sync(context.Background())
				if err != nil || rep.Applied != n || len(rep.Refused) > 0 {
					b.Fatalf("applied %d of %d, refused %v: %v", rep.Applied, n, rep.Refused, err)
				}
				ops += n
			}
			b.ReportMetric(float64(ops)/b.Elapsed().Seconds(), "ops/s")
		})
	}
}
