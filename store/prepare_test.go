package store

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/search"
)

// scoredHits runs a query and returns "articleID:score" for every match,
// sorted: document numbers differ between indexes, articles do not.
func scoredHits(t *testing.T, s *Store, q string) []string {
	t.Helper()
	n, err := search.Parse(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	var out []string
	err = s.SearchIndex(func(ix search.Index) error {
		ms, _, err := search.Evaluate(ix, n, 0)
		for _, m := range ms {
			d, _ := ix.Doc(m.Doc)
			out = append(out, fmt.Sprintf("%d:%.9f", d.ID, math.Round(m.Score*1e9)/1e9))
		}
		return err
	})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	slices.Sort(out)
	return out
}

// Batches tokenised ahead of their transactions, before the batches ahead
// of them were written, must index exactly what tokenising inside the
// transaction does (a rebuild): including drafts that turn out to be
// duplicates, an article revised twice in one batch, and annotations
// re-indexed in the same transaction as prepared articles (which decode
// the prepared postings), and a batch stored as prepared.
func TestPreparedBatchesIndexAsRebuilt(t *testing.T) {
	s := mustOpen(t)
	rng := rand.New(rand.NewPCG(4, 2))
	text := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(ws, " ") + "."
	}
	url := func(i int) string { return fmt.Sprintf("https://example.org/%d", i) }
	var batches [][]app.Draft
	var first []app.Draft
	for i := range 40 {
		first = append(first, draft("Wire", url(i), fmt.Sprintf("Story %d %s", i, text(3)), text(40+i)))
	}
	first = append(first,
		first[3], // the same text again: a duplicate inside the batch
		draft("Wire", url(5), "Story 5 revised", text(30)), // article 6 revised in its own batch
	)
	batches = append(batches, first)
	second := []app.Draft{
		first[7], // stored by the batch before, unknown when this one is prepared
		draft("Wire", url(8), "Story 8 revised", text(25)),
	}
	for i := 40; i < 70; i++ {
		second = append(second, draft("Wire", url(i), fmt.Sprintf("Story %d", i), text(20)))
	}
	batches = append(batches, second)

	// Both prepared before either is written, as the importer does.
	imp := s.BeginImport()
	defer imp.End()
	var prepared []app.PreparedBatch
	for _, b := range batches {
		prepared = append(prepared, imp.Prepare(slices.Clone(b)))
	}
	var outcomes []app.Outcome
	for _, p := range prepared {
		stored, err := imp.Write(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range stored {
			outcomes = append(outcomes, st.Outcome)
		}
	}
	want := map[app.Outcome]int{app.Imported: 70, app.Duplicate: 2, app.NewRevision: 2}
	for o, n := range want {
		if c := count(outcomes, o); c != n {
			t.Errorf("%d × %v, want %d", c, o, n)
		}
	}

	// An annotated article revised in a batch with new articles and a
	// known duplicate, which preparing skips.
	rev, err := s.FindRevision(10, 0)
	if err != nil {
		t.Fatal(err)
	}
	quote := strings.Fields(rev.Body)[0]
	if _, err := s.SaveAnnotation(app.Annotation{Article: 10, Revision: rev.Number, Note: "grain envoy check",
		Selector: anchor.Selector{Start: 0, End: len([]rune(quote)), Quote: quote}}); err != nil {
		t.Fatal(err)
	}
	third := []app.Draft{
		batches[0][0],
		draft("Wire", url(10), rev.Title, rev.Body+" "+text(10)),
		draft("Wire", url(70), "Story 70", text(15)),
	}
	if _, err := imp.Write(imp.Prepare(third)); err != nil {
		t.Fatal(err)
	}
	// New articles after a known duplicate: the postings are stored as
	// prepared, the duplicate's document number left unused.
	fourth := []app.Draft{batches[0][1]}
	for i := 71; i < 74; i++ {
		fourth = append(fourth, draft("Wire", url(i), fmt.Sprintf("Story %d %s", i, text(2)), text(12)))
	}
	if _, err := imp.Write(imp.Prepare(fourth)); err != nil {
		t.Fatal(err)
	}

	queries := []string{"note:grain", "note:envoy", "zelenskiy*", "story"}
	for i, w := range vocab {
		queries = append(queries, w, fmt.Sprintf("%q", w+" "+vocab[(i+1)%len(vocab)]), w[:3]+"*", "title:"+w)
	}
	before := map[string][]string{}
	for _, q := range queries {
		before[q] = scoredHits(t, s, q)
	}
	checkSignatures(t, s)
	if err := s.RebuildIndex(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		if got := scoredHits(t, s, q); !slices.Equal(before[q], got) {
			t.Errorf("%s: prepared index gives %v\nrebuilt index gives %v", q, before[q], got)
		}
	}
	if len(before["story"]) != 74 || len(before["note:grain"]) != 1 {
		t.Errorf("story: %d articles, want 74; note:grain: %d, want 1", len(before["story"]), len(before["note:grain"]))
	}
}

func count[T comparable](xs []T, x T) int {
	n := 0
	for _, y := range xs {
		if y == x {
			n++
		}
	}
	return n
}
