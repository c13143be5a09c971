package store

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
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

func TestRenumberedPostings(t *testing.T) {
	tp := termPostings{
		terms: []string{"a", "b", "c"},
		lists: []postings{
			{docs: []uint32{1, 2, 4}, freqs: []uint32{1, 2, 1}, pos: []uint32{0, 3, 7, 5}},
			{docs: []uint32{2}, freqs: []uint32{1}, pos: []uint32{9}},
			{docs: []uint32{3, 4}, freqs: []uint32{2, 1}, pos: []uint32{1, 2, 6}},
		},
	}
	for _, c := range []struct {
		name     string
		renumber []uint32
		want     termPostings
	}{
		{"all kept", []uint32{0, 11, 12, 13, 14}, termPostings{terms: []string{"a", "b", "c"}, lists: []postings{
			{docs: []uint32{11, 12, 14}, freqs: []uint32{1, 2, 1}, pos: []uint32{0, 3, 7, 5}},
			{docs: []uint32{12}, freqs: []uint32{1}, pos: []uint32{9}},
			{docs: []uint32{13, 14}, freqs: []uint32{2, 1}, pos: []uint32{1, 2, 6}},
		}}},
		{"2 dropped", []uint32{0, 11, 0, 12, 13}, termPostings{terms: []string{"a", "c"}, lists: []postings{
			{docs: []uint32{11, 13}, freqs: []uint32{1, 1}, pos: []uint32{0, 5}},
			{docs: []uint32{12, 13}, freqs: []uint32{2, 1}, pos: []uint32{1, 2, 6}},
		}}},
		{"all dropped", []uint32{0, 0, 0, 0, 0}, termPostings{}},
	} {
		got := tp.renumbered(c.renumber)
		if !slices.Equal(got.terms, c.want.terms) || len(got.lists) != len(c.want.lists) {
			t.Errorf("%s: terms %v, want %v", c.name, got.terms, c.want.terms)
			continue
		}
		for i, l := range got.lists {
			w := c.want.lists[i]
			if !slices.Equal(l.docs, w.docs) || !slices.Equal(l.freqs, w.freqs) || !slices.Equal(l.pos, w.pos) {
				t.Errorf("%s: %s = %+v, want %+v", c.name, got.terms[i], l, w)
			}
		}
	}
	if tp.lists[0].docs[0] != 1 {
		t.Error("renumbered changed its receiver")
	}
}

// A prepared batch's postings, encoded by each worker and joined section
// by section, must decode to what tokenising into postings gives: one
// worker's share or several, terms in some shares only, and (at 600
// documents) enough terms for the merge to be split between the cores.
func TestPreparedBlocksDecodeAsTokenized(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 1))
	for _, n := range []int{1, 17, 40, 600} {
		docs := make([]pendingDoc, n)
		for i := range docs {
			words := make([]string, 1+rng.IntN(60))
			for j := range words {
				words[j] = vocab[rng.IntN(len(vocab))]
				if rng.IntN(3) == 0 {
					words[j] += fmt.Sprint(rng.IntN(5000)) // terms only some shares have
				}
			}
			docs[i] = pendingDoc{n: uint32(i + 1), local: uint32(i + 1), doc: search.Doc{Kind: search.ArticleDoc},
				title: words[0], body: strings.Join(words, " ") + " " + strings.Join(words, "-")}
		}
		want := mergeTerms(tokenizeOnCores(slices.Clone(docs)))
		blocks := prepareBlocks(docs)
		got, err := blocks.decode()
		if err != nil {
			t.Fatalf("%d documents: %v", n, err)
		}
		if !slices.Equal(got.terms, want.terms) {
			t.Fatalf("%d documents: %d terms, want %d", n, len(got.terms), len(want.terms))
		}
		for i := range want.terms {
			var w postings
			for _, p := range want.parts(i) {
				w.docs, w.freqs, w.pos = append(w.docs, p.docs...), append(w.freqs, p.freqs...), append(w.pos, p.pos...)
			}
			if g := got.lists[i]; !slices.Equal(g.docs, w.docs) || !slices.Equal(g.freqs, w.freqs) || !slices.Equal(g.pos, w.pos) {
				t.Fatalf("%d documents, %q:\n got %v\nwant %v", n, want.terms[i], g, w)
			}
		}
	}
}

func TestOnCoresSharesByText(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	body := func(n int) string { return strings.Repeat("x", n) }
	cases := []struct {
		name  string
		sizes []int
	}{
		{"equal", slices.Repeat([]int{100}, 64)},
		{"long first half", append(slices.Repeat([]int{1000}, 32), slices.Repeat([]int{10}, 32)...)},
		{"one huge", append([]int{1 << 20}, slices.Repeat([]int{10}, 63)...)},
		{"empty texts", slices.Repeat([]int{0}, 64)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			docs := make([]pendingDoc, len(c.sizes))
			total, largest := 0, 0
			for i, n := range c.sizes {
				docs[i] = pendingDoc{local: uint32(i + 1), body: body(n)}
				total, largest = total+n, max(largest, n)
			}
			shares := onCores(docs, func(share []pendingDoc) []uint32 {
				var locals []uint32
				for _, d := range share {
					locals = append(locals, d.local)
				}
				return locals
			})
			if len(shares) != 4 {
				t.Fatalf("%d shares, want 4", len(shares))
			}
			next := uint32(1)
			for k, share := range shares {
				if len(share) == 0 {
					t.Errorf("share %d is empty", k)
				}
				size := 0
				for _, local := range share {
					if local != next {
						t.Fatalf("share %d holds document %d, want %d next", k, local, next)
					}
					next++
					size += c.sizes[local-1]
				}
				if size > total/4+largest {
					t.Errorf("share %d holds %d bytes of %d", k, size, total)
				}
			}
			if int(next-1) != len(docs) {
				t.Errorf("shares hold %d documents, want %d", next-1, len(docs))
			}
		})
	}
}
