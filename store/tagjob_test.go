package store

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
)

// tagFixture stores 40 articles: every one tagged source/wire, the first
// ten also source/wire/eu, every third topic/x; five annotations on
// source/wire. source/wire is red.
func tagFixture(t *testing.T, s *Store) []app.AnnotationID {
	t.Helper()
	var ds []app.Draft
	for i := range 40 {
		tags := []string{"source/wire"}
		if i < 10 {
			tags = append(tags, "source/wire/eu")
		}
		if i%3 == 0 {
			tags = append(tags, "topic/x")
		}
		ds = append(ds, draft("Wire", fmt.Sprintf("https://example.org/%d", i), fmt.Sprintf("Story %d", i), fmt.Sprintf("text of story %d", i), tags...))
	}
	if _, err := s.Ingest(ds); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveTag(app.Tag{Path: "source/wire", Color: "#cc0000"}); err != nil {
		t.Fatal(err)
	}
	var annos []app.AnnotationID
	for i := range 5 {
		a, err := s.SaveAnnotation(app.Annotation{Article: app.ArticleID(i + 1), Revision: 1, Note: "note", Tags: []string{"source/wire"},
			Selector: anchor.Selector{Start: 0, End: 4, Quote: "text"}})
		if err != nil {
			t.Fatal(err)
		}
		annos = append(annos, a.ID)
	}
	return annos
}

// tagsOf lists every article's and annotation's tags, one line each.
func tagsOf(t *testing.T, s *Store, annos []app.AnnotationID) string {
	t.Helper()
	var b strings.Builder
	for id := app.ArticleID(1); id <= 40; id++ {
		a, err := s.FindArticleByID(id)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, id, a.Tags)
	}
	for _, id := range annos {
		a, err := s.FindAnnotation(id)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, "annotation", id, a.Tags)
	}
	return b.String()
}

func tagPaths(t *testing.T, s *Store) []string {
	t.Helper()
	tags, err := s.Tags()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, ti := range tags {
		out = append(out, fmt.Sprintf("%s:%d/%d%s", ti.Path, ti.Articles, ti.Annotations, ti.Color))
	}
	return out
}

// A tag change in many small steps ends where one transaction would.
func TestTagJobsInSteps(t *testing.T) {
	defer func(n int) { tagJobBatch = n }(tagJobBatch)
	defer func() { tagJobStep = nil }()
	steps := 0
	tagJobStep = func() error { steps++; return nil }

	oneStep := mustOpen(t)
	tagFixture(t, oneStep)
	inSteps := mustOpen(t)
	annos := tagFixture(t, inSteps)
	for _, c := range []struct {
		name   string
		change func(s *Store) (app.TagChange, error)
		want   app.TagChange
	}{
		{"rename", func(s *Store) (app.TagChange, error) { return s.RenameTag("source", "origin", false) },
			app.TagChange{Tags: []string{"source", "source/wire", "source/wire/eu"}, Articles: 40, Annotations: 5}},
		{"merge", func(s *Store) (app.TagChange, error) { return s.RenameTag("topic/x", "origin/wire", true) },
			app.TagChange{Tags: []string{"topic/x"}, Articles: 14}},
		{"delete", func(s *Store) (app.TagChange, error) { return s.DeleteTag("origin/wire/eu") },
			app.TagChange{Tags: []string{"origin/wire/eu"}, Articles: 10}},
	} {
		tagJobBatch, steps = 1000, 0
		want, err := c.change(oneStep)
		if err != nil || !reflect.DeepEqual(want, c.want) || steps != 1 {
			t.Fatalf("%s in one step: %+v, %v, %d steps", c.name, want, err, steps)
		}
		tagJobBatch, steps = 7, 0
		got, err := c.change(inSteps)
		if err != nil || !reflect.DeepEqual(got, want) || steps < 2 {
			t.Fatalf("%s in steps of 7: %+v, %v, %d steps; want %+v", c.name, got, err, steps, want)
		}
		if g, w := tagsOf(t, inSteps, annos), tagsOf(t, oneStep, annos); g != w {
			t.Errorf("%s: in steps\n%s\nin one\n%s", c.name, g, w)
		}
		if g, w := tagPaths(t, inSteps), tagPaths(t, oneStep); !slices.Equal(g, w) {
			t.Errorf("%s: tag set in steps %v, in one %v", c.name, g, w)
		}
	}
	if got := tagPaths(t, inSteps); !slices.Contains(got, "origin/wire:40/5#cc0000") || slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(p, "source") || strings.HasPrefix(p, "topic/x") }) {
		t.Errorf("tag set after the changes: %v", got)
	}
}

// A tag change cut short is finished by the next Open; a store with a
// change under way refuses to start another only until it is finished.
func TestInterruptedTagJobFinishesAtOpen(t *testing.T) {
	defer func(n int) { tagJobBatch = n }(tagJobBatch)
	defer func() { tagJobStep = nil }()
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	annos := tagFixture(t, s)
	tagJobBatch = 7
	stop := errors.New("power cut")
	tagJobStep = func() error { return stop }
	if _, err := s.RenameTag("source/wire", "origin/agency", false); !errors.Is(err, stop) {
		t.Fatalf("rename cut short: %v", err)
	}
	tagJobStep = nil
	half := tagsOf(t, s, annos)
	if strings.Count(half, "origin/agency") != 7 {
		t.Errorf("after one step of 7:\n%s", half)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	all := tagsOf(t, s, annos)
	if strings.Contains(all, "source/wire") || strings.Count(all, "origin/agency]")+strings.Count(all, "origin/agency ") != 45 {
		t.Errorf("after Open:\n%s", all)
	}
	if got := tagPaths(t, s); !slices.Contains(got, "origin/agency:40/5#cc0000") || !slices.Contains(got, "origin/agency/eu:10/0") {
		t.Errorf("tag set after Open: %v", got)
	}
	err = s.db.View(func(txn *badger.Txn) error { _, err := txn.Get(keyTagJob); return err })
	if !errors.Is(err, badger.ErrKeyNotFound) {
		t.Errorf("the job record is still there: %v", err)
	}
}
