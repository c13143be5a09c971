package team

import (
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
)

// The fields and sets each kind of thing shares. Names are on the wire:
// do not rename them.
const (
	setTags = "tags"
	setRevs = "revs" // an article's revision hashes; never removed
)

// Anchor is where an annotation sits: in the revision with this content
// hash (revision numbers differ between replicas, hashes do not).
type Anchor struct {
	Revision string          `json:"rev"`
	Selector anchor.Selector `json:"sel"`
	Status   anchor.Status   `json:"status"`
}

// annotationValues are an annotation's shared fields. History stays
// local: it names revisions by this replica's numbers.
func annotationValues(a app.Annotation, revHash string) (map[string]any, map[string][]string) {
	return map[string]any{
			"anchor":   Anchor{Revision: revHash, Selector: a.Selector, Status: a.Status},
			"note":     a.Note,
			"color":    a.Color,
			"analyst":  a.Analyst,
			"created":  a.Created.UTC(),
			"modified": a.Modified.UTC(),
		}, map[string][]string{
			setTags: nonNil(a.Tags),
		}
}

// annotationFrom builds the annotation a state describes; the caller
// places it (article and revision) from its anchor.
func annotationFrom(s State, names *Aliases) (app.Annotation, Anchor) {
	var an Anchor
	a := app.Annotation{URI: s.Key}
	s.Value("anchor", &an)
	s.Value("note", &a.Note)
	s.Value("color", &a.Color)
	s.Value("analyst", &a.Analyst)
	s.Value("created", &a.Created)
	s.Value("modified", &a.Modified)
	a.Selector = an.Selector
	a.Status = an.Status
	a.Tags = s.Members(setTags, names.Resolve)
	return a, an
}

// MemoTarget is what a memo is about, by names every replica shares: an
// article's key (its first revision's hash) or a tag's path.
type MemoTarget struct {
	Kind    app.MemoKind `json:"kind"`
	Article string       `json:"article,omitempty"`
	Tag     string       `json:"tag,omitempty"`
}

func memoValues(m app.Memo, articleKey string) map[string]any {
	return map[string]any{
		"target":   MemoTarget{Kind: m.Kind, Article: articleKey, Tag: m.Tag},
		"text":     m.Text,
		"analyst":  m.Analyst,
		"created":  m.Created.UTC(),
		"modified": m.Modified.UTC(),
	}
}

func memoFrom(s State, names *Aliases) (app.Memo, MemoTarget) {
	var t MemoTarget
	m := app.Memo{URI: s.Key}
	s.Value("target", &t)
	s.Value("text", &m.Text)
	s.Value("analyst", &m.Analyst)
	s.Value("created", &m.Created)
	s.Value("modified", &m.Modified)
	m.Kind = t.Kind
	if t.Tag != "" {
		m.Tag = names.ResolveAt(t.Tag, s.Fields["target"].At)
	}
	return m, t
}

func tagValues(t app.Tag) map[string]any {
	return map[string]any{"color": t.Color, "description": t.Description}
}

func tagFrom(s State) app.Tag {
	t := app.Tag{Path: s.Key}
	s.Value("color", &t.Color)
	s.Value("description", &t.Description)
	return t
}

// articleValues are the metadata of an article's latest revision that
// analysts edit, its tags and its revisions' hashes.
func articleValues(a app.Article, hashes []string) (map[string]any, map[string][]string) {
	return map[string]any{
			"title":     a.Title,
			"outlet":    a.Outlet,
			"url":       a.URL,
			"byline":    a.Byline,
			"published": a.Published.UTC(),
			"language":  a.Language,
		}, map[string][]string{
			setTags: nonNil(a.Tags),
			setRevs: hashes,
		}
}

// metaEdits sets an article's latest revision's metadata to the team's.
// A new revision's own metadata reaches the team as an edit by whoever
// imported it, so the latest write wins here too.
func metaEdits(s State) func(app.Meta) (app.Meta, error) {
	str := func(name string) *string {
		var v string
		if s.Value(name, &v) {
			return &v
		}
		return nil
	}
	var e app.MetaEdit
	e.Title, e.Outlet, e.URL, e.Byline, e.Language = str("title"), str("outlet"), str("url"), str("byline"), str("language")
	var when time.Time
	if s.Value("published", &when) {
		e.Published = &when
	}
	return func(m app.Meta) (app.Meta, error) {
		out, _, err := e.Apply(m)
		return out, err
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
