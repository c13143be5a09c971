package tagtree

import (
	"slices"
	"testing"

	"github.com/parallax-news/parallax/app"
)

// A path implies its parents, which the tree shows with no counts; the
// listed tags keep their colours and counts.
func TestBuildAddsParents(t *testing.T) {
	s := Build([]app.TagInfo{
		{Tag: app.Tag{Path: "actor/russia/kremlin", Color: "#e57373"}, Annotations: 3},
		{Tag: app.Tag{Path: "actor/ukraine"}, Articles: 2},
		{Tag: app.Tag{Path: "claim"}, Articles: 1},
	})
	for parent, want := range map[string][]string{
		"":             {"actor", "claim"},
		"actor":        {"actor/russia", "actor/ukraine"},
		"actor/russia": {"actor/russia/kremlin"},
	} {
		got := slices.Sorted(slices.Values(s.Children[parent]))
		if !slices.Equal(got, want) {
			t.Errorf("children of %q: %v, want %v", parent, got, want)
		}
	}
	if k := s.Tags["actor/russia/kremlin"]; k.Color != "#e57373" || k.Annotations != 3 {
		t.Errorf("kremlin %+v", k)
	}
	if a := s.Tags["actor"]; a.Articles != 0 || a.Path != "actor" {
		t.Errorf("implied parent %+v", a)
	}
	if len(Build(nil).Children[""]) != 0 {
		t.Error("an empty set has children")
	}
}
