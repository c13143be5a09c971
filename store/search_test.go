package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/store/index"
)

// hitIDs runs a query and returns the matching article IDs, sorted.
func hitIDs(t *testing.T, s *Store, q string) []uint64 {
	t.Helper()
	n, err := search.Parse(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	var ids []uint64
	err = s.SearchIndex(func(ix search.Index) error {
		ms, total, err := search.Evaluate(ix, n, 0)
		if err != nil {
			return err
		}
		if total != len(ms) {
			t.Errorf("%s: total %d, %d matches", q, total, len(ms))
		}
		for _, m := range ms {
			d, _ := ix.Doc(m.Doc)
			ids = append(ids, d.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	slices.Sort(ids)
	return ids
}

var vocab = strings.Fields("kyiv moscow talks peace minister prime russia ukraine kremlin zelenskiy " +
	"sanctions grain port drone energy winter border army envoy summit " +
	"ceasefire truce nuclear plant power strike attack defence budget vote")

// TestSearchAgreesWithBruteForce indexes generated texts in many small
// transactions (so segments get merged), revises and deletes some, and
// checks every query class against a scan of the live texts.
func TestSearchAgreesWithBruteForce(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	text := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			// Skewed: the first words are common, the last ones rare.
			ws[i] = vocab[min(int(rng.ExpFloat64()*6), len(vocab)-1)]
		}
		return strings.Join(ws, " ")
	}
	bodies := map[uint64]string{}
	for batch := 0; batch < 90; batch++ {
		var ds []app.Draft
		for i := 0; i < 7; i++ {
			k := batch*7 + i
			ds = append(ds, draft("Outlet", fmt.Sprintf("https://example.org/%d", k), fmt.Sprintf("Story %d", k), text(20+rng.IntN(60))))
		}
		if batch%10 == 9 { // revise an earlier story: its old text must stop matching
			k := rng.IntN(batch * 7)
			ds = append(ds, draft("Outlet", fmt.Sprintf("https://example.org/%d", k), fmt.Sprintf("Story %d", k), text(30)))
		}
		stored, err := s.Ingest(ds)
		if err != nil {
			t.Fatal(err)
		}
		for i, st := range stored {
			bodies[uint64(st.ID)] = ds[i].Body
		}
	}
	for _, id := range []app.ArticleID{3, 50, 51, 400} {
		if _, err := s.DeleteArticle(id); err != nil {
			t.Fatal(err)
		}
		delete(bodies, uint64(id))
	}

	words := func(body string) []string {
		var ws []string
		search.Tokens(body, func(tok search.Token) { ws = append(ws, string(tok.Term)) })
		return ws
	}
	has := func(ws []string, w string) bool { return slices.Contains(ws, w) }
	phrase := func(ws []string, a, b string) bool {
		for i := 0; i+1 < len(ws); i++ {
			if ws[i] == a && ws[i+1] == b {
				return true
			}
		}
		return false
	}
	near := func(ws []string, a, b string, d int) bool {
		for i := range ws {
			for j := range ws {
				if ws[i] == a && ws[j] == b && i != j && max(i-j, j-i)-1 <= d {
					return true
				}
			}
		}
		return false
	}
	queries := []struct {
		q    string
		want func(ws []string) bool
	}{
		{"kyiv", func(ws []string) bool { return has(ws, "kyiv") }},
		{"budget", func(ws []string) bool { return has(ws, "budget") }},
		{"kyiv talks", func(ws []string) bool { return has(ws, "kyiv") && has(ws, "talks") }},
		{`"prime minister"`, func(ws []string) bool { return phrase(ws, "prime", "minister") }},
		{"pr*", func(ws []string) bool {
			return slices.ContainsFunc(ws, func(w string) bool { return strings.HasPrefix(w, "pr") })
		}},
		{"army OR envoy", func(ws []string) bool { return has(ws, "army") || has(ws, "envoy") }},
		{"moscow -peace", func(ws []string) bool { return has(ws, "moscow") && !has(ws, "peace") }},
		{"kremlin NEAR/2 zelenskiy", func(ws []string) bool { return near(ws, "kremlin", "zelenskiy", 2) }},
		{"vote", func(ws []string) bool { return has(ws, "vote") }},
	}
	check := func(when string) {
		for _, q := range queries {
			var want []uint64
			for id, body := range bodies {
				if q.want(words(body)) {
					want = append(want, id)
				}
			}
			slices.Sort(want)
			if got := hitIDs(t, s, q.q); !slices.Equal(got, want) {
				t.Errorf("%s: %s: %d hits, want %d\n got %v\nwant %v", when, q.q, len(got), len(want), got, want)
			}
		}
		// A term's document frequency is its postings' length, read
		// from every segment without decoding them, in any order.
		err := s.SearchIndex(func(ix search.Index) error {
			terms := append([]string{"zzzz", "absent", ""}, vocab...)
			dfs, err := ix.DocFreqs(terms)
			if err != nil {
				return err
			}
			for k, w := range terms {
				pl, err := ix.Postings(w, false)
				if err != nil {
					return err
				}
				if dfs[k] != pl.Len() {
					t.Errorf("%s: DocFreqs says %q is in %d documents, its postings %d", when, w, dfs[k], pl.Len())
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	check("after import")

	if err := s.FinishMerges(context.Background()); err != nil { // merges run in the background
		t.Fatal(err)
	}
	if segs, err := s.idx.Segments(); err != nil || segs >= 90 || segs == 0 {
		t.Errorf("%d segments after 90 transactions (%v): merging did not run", segs, err)
	}

	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check("after reopening")
	if err := s.RebuildIndex(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	check("after a rebuild")
}

func TestSearchFieldsFiltersAndNotes(t *testing.T) {
	s := mustOpen(t)
	day := func(d int) time.Time { return time.Date(2025, 1, d, 12, 0, 0, 0, time.UTC) }
	ds := []app.Draft{
		draft("BBC News", "https://bbc.example/1", "Kremlin invites Zelenskiy", "Talks on the Zaporizhzhia plant."),
		draft("Kyiv Independent", "https://kyiv.example/2", "Kyiv answers", "The Kremlin offer is a trap, says Kyiv."),
		draft("Reuters", "https://reuters.example/3", "Grain deal", "Ports reopen for grain, Mr O'Driscoll said.", "Topic/Economy"),
	}
	for i := range ds {
		ds[i].Published = day(i + 1)
	}
	if _, err := s.Ingest(ds); err != nil {
		t.Fatal(err)
	}
	a := app.Annotation{Article: 2, Revision: 1, Selector: anchor.Selector{Start: 0, End: 16, Quote: "The Kremlin offe"},
		Note: "Disputed framing", Tags: []string{"Actor/Russia"}, Analyst: "t"}
	saved, err := s.SaveAnnotation(a)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []uint64
	}{
		{"kremlin", []uint64{1, 2}},
		{"title:kremlin", []uint64{1}},
		{`outlet:"kyiv independent" kremlin`, []uint64{2}},
		{"outlet:bbc", []uint64{1}},
		{"tag:topic", []uint64{3}},
		{"Driscoll", []uint64{3}},
		{"O'Driscoll", []uint64{3}},
		{`"Mr Driscoll said"`, []uint64{3}},
		{"driscol*", []uint64{3}},
		{"tag:actor", []uint64{2}},
		{"after:2025-01-02", []uint64{2, 3}},
		{"before:2025-01-02", []uint64{1}},
		{"note:disputed", []uint64{2}},
		{"note:trap", nil},
		{"zaporizhzhia OR grain", []uint64{1, 3}},
	}
	for _, tt := range tests {
		if got := hitIDs(t, s, tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.q, got, tt.want)
		}
	}
	saved.Note = "Accepted framing"
	if _, err := s.SaveAnnotation(saved); err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(t, s, "note:disputed"); got != nil {
		t.Errorf("note:disputed after the note changed = %v", got)
	}
	if _, err := s.DeleteAnnotation(saved.ID); err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(t, s, "note:accepted"); got != nil {
		t.Errorf("note:accepted after deleting the annotation = %v", got)
	}
}

// TestMigrationBuildsSearchIndex opens a store written before the index
// (schema 2): Open must index what is there.
func TestMigrationBuildsSearchIndex(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest([]app.Draft{draft("BBC", "", "Peace talks", "Kremlin and Kyiv")}); err != nil {
		t.Fatal(err)
	}
	if err := s.idx.Clear(); err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(txn *badger.Txn) error { return txn.Set(keySchema, encodeUint(2)) })
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := hitIDs(t, s, "kyiv"); !slices.Equal(got, []uint64{1}) {
		t.Errorf("kyiv after migration = %v", got)
	}
	if pending, _ := s.needsIndexRebuild(); pending {
		t.Error("rebuild mark left after Open")
	}
}

// Closing a store while a background merge runs abandons the merge: the
// next Open removes its unlisted chunks, the manifest's segments are all
// there, and every article is still found.
func TestCloseDuringBackgroundMerges(t *testing.T) {
	dir := t.TempDir()
	n := 0
	for range 4 {
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 * index.MergeFactor {
			var ds []app.Draft
			for range 5 {
				n++
				ds = append(ds, draft("Outlet", fmt.Sprintf("https://example.org/%d", n), fmt.Sprintf("Story %d", n), fmt.Sprintf("common word%d kyiv", n)))
			}
			if _, err := s.Ingest(ds); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil { // stops the running merge, if any, at its next term
			t.Fatal(err)
		}
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.FinishMerges(context.Background()); err != nil { // the merges Open asked for
		t.Fatal(err)
	}
	if err := s.idx.Verify(); err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(t, s, "common kyiv"); len(got) != n {
		t.Errorf("%d of %d articles found", len(got), n)
	}
	for _, k := range []int{1, n / 2, n} {
		if got := hitIDs(t, s, fmt.Sprintf("word%d", k)); len(got) != 1 {
			t.Errorf("word%d: %v", k, got)
		}
	}
}

// An import's segments wait for its end to be merged, unless they pile
// up; a Sync meanwhile (an annotation saved) does not end it; End starts
// the merges, and the index holds the same either way.
func TestImportHoldsOffMerges(t *testing.T) {
	s := mustOpen(t)
	imp := s.BeginImport()
	n := 0
	batches := func(count int) {
		for range count {
			var ds []app.Draft
			for range 3 {
				n++
				ds = append(ds, draft("Outlet", fmt.Sprintf("https://example.org/%d", n), fmt.Sprintf("Story %d", n), fmt.Sprintf("common word%d", n)))
			}
			if _, err := imp.Write(imp.Prepare(ds)); err != nil {
				t.Fatal(err)
			}
		}
	}
	segments := func() int {
		if err := s.FinishMerges(context.Background()); err != nil {
			t.Fatal(err)
		}
		n, err := s.idx.Segments()
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	batches(index.MergeFactor + 2)
	if got := segments(); got != index.MergeFactor+2 {
		t.Errorf("during the import: %d segments, want %d (none merged)", got, index.MergeFactor+2)
	}
	batches(index.HeldMergeRun - index.MergeFactor - 2)
	if got := segments(); got != index.HeldMergeRun-index.MergeFactor+1 {
		t.Errorf("piled up: %d segments, want %d", got, index.HeldMergeRun-index.MergeFactor+1)
	}
	if err := s.Sync(); err != nil {
		t.Fatal(err)
	}
	if got := segments(); got != index.HeldMergeRun-index.MergeFactor+1 {
		t.Errorf("after a Sync: %d segments, want %d (the import goes on)", got, index.HeldMergeRun-index.MergeFactor+1)
	}
	if err := imp.End(); err != nil {
		t.Fatal(err)
	}
	if got := segments(); got != 2 {
		t.Errorf("after the import's end: %d segments, want 2", got)
	}
	if got := hitIDs(t, s, "common"); len(got) != n {
		t.Errorf("%d of %d articles found", len(got), n)
	}
}
