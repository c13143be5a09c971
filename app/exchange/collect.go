// Package exchange moves annotations in and out of Parallax in the formats
// other tools read: W3C Web Annotation JSON-LD, REFI-QDA projects (.qdpx),
// CSV and a Markdown report.
package exchange

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
)

// Filter chooses what to export; zero fields match everything.
type Filter struct {
	Tag      string // annotations with this tag or one below it (and articles so tagged)
	Outlet   string // case-insensitive
	Articles []app.ArticleID
	Analyst  string
	Status   anchor.Status // annotations anchored so (e.g. only orphans)
	// After and Before bound the article's publication date (its import
	// date when it has none): After inclusive, Before exclusive.
	After, Before time.Time
}

// Item is one article with the revisions its annotations are on.
type Item struct {
	Article     app.Article
	Latest      app.Revision
	Revisions   map[int]app.Revision // every revision, by number
	Annotations []app.Annotation
	Memos       []app.Memo // on the article
}

// Bundle is what an export writes.
type Bundle struct {
	Items []Item
	Tags  []app.TagInfo // the tags used, with their ancestors
	// Memos are the project's memos and those on the tags in Tags; an
	// article's are in its Item.
	Memos []app.Memo
}

// Annotations counts the annotations in the bundle.
func (b Bundle) Annotations() int {
	n := 0
	for _, it := range b.Items {
		n += len(it.Annotations)
	}
	return n
}

// Collect reads what f selects. An article is included when its metadata
// passes f and, if f names a tag or analyst, when it has a matching
// annotation or (for a tag) carries the tag itself; otherwise when it has
// annotations, tags or memos. Memos come with their article or tag, and
// the project's with every export. progress (may be nil) hears how many articles have been looked at; a canceled ctx stops
// the collection with ctx's error.
func Collect(ctx context.Context, st app.Reader, f Filter, progress func(articles int)) (Bundle, error) {
	var b Bundle
	if f.Tag != "" {
		t, err := app.NormalizeTag(f.Tag)
		if err != nil {
			return b, err
		}
		f.Tag = t
	}
	af := app.AnnotationFilter{Tag: f.Tag, Analyst: f.Analyst}
	byArticle := map[app.ArticleID][]app.Annotation{}
	err := st.ForEachAnnotation(af, func(a app.Annotation) error {
		if f.Status == "" || a.Status == f.Status {
			byArticle[a.Article] = append(byArticle[a.Article], a)
		}
		return nil
	})
	if err != nil {
		return b, err
	}
	var memos []app.Memo
	articleMemos := map[app.ArticleID][]app.Memo{}
	err = st.ForEachMemo(app.MemoFilter{Analyst: f.Analyst}, func(m app.Memo) error {
		if m.Kind == app.ArticleMemo {
			articleMemos[m.Article] = append(articleMemos[m.Article], m)
		} else {
			memos = append(memos, m)
		}
		return nil
	})
	if err != nil {
		return b, err
	}
	used := map[string]bool{}
	seen := 0
	err = st.ForEachArticle(func(a app.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if seen++; progress != nil {
			progress(seen)
		}
		if !f.matchArticle(a) {
			return nil
		}
		annos, notes := byArticle[a.ID], articleMemos[a.ID]
		taggedHere := f.Tag != "" && slices.ContainsFunc(a.Tags, func(t string) bool { return app.TagWithin(t, f.Tag) })
		switch {
		case f.Tag != "" || f.Status != "":
			if len(annos) == 0 && !taggedHere {
				return nil
			}
		case f.Analyst != "":
			if len(annos) == 0 && len(notes) == 0 {
				return nil
			}
		case len(annos) == 0 && len(a.Tags) == 0 && len(notes) == 0:
			// Nothing coded: an export is of annotations, and a store's
			// thousands of plain articles would bury them.
			return nil
		}
		it := Item{Article: a, Revisions: map[int]app.Revision{}, Annotations: annos, Memos: notes}
		for n := 1; n <= a.Revisions; n++ {
			r, err := st.FindRevision(a.ID, n)
			if err != nil {
				return err
			}
			it.Revisions[n] = r
		}
		it.Latest = it.Revisions[a.Revisions]
		for _, an := range annos {
			for _, t := range an.Tags {
				used[t] = true
			}
		}
		for _, t := range a.Tags {
			used[t] = true
		}
		b.Items = append(b.Items, it)
		return nil
	})
	if err != nil {
		return b, err
	}
	all, err := st.Tags()
	if err != nil {
		return b, err
	}
	for t := range used {
		for _, anc := range app.TagAncestors(t) {
			used[anc] = true
		}
	}
	for _, m := range memos {
		if m.Kind == app.TagMemo && (f.Tag == "" || app.TagWithin(m.Tag, f.Tag)) {
			used[m.Tag] = true // a code with a memo belongs in the code book, used yet or not
			for _, anc := range app.TagAncestors(m.Tag) {
				used[anc] = true
			}
		}
	}
	for _, ti := range all {
		if used[ti.Path] {
			b.Tags = append(b.Tags, ti)
		}
	}
	for _, m := range memos {
		if m.Kind == app.ProjectMemo || used[m.Tag] {
			b.Memos = append(b.Memos, m)
		}
	}
	return b, nil
}

func (f Filter) matchArticle(a app.Article) bool {
	if len(f.Articles) > 0 && !slices.Contains(f.Articles, a.ID) {
		return false
	}
	if f.Outlet != "" && !strings.EqualFold(strings.TrimSpace(f.Outlet), a.Outlet) {
		return false
	}
	when := a.Published
	if when.IsZero() {
		when = a.Imported
	}
	if !f.After.IsZero() && when.Before(f.After) {
		return false
	}
	if !f.Before.IsZero() && !when.Before(f.Before) {
		return false
	}
	return true
}

// sourceDate is the revision's date for W3C TimeState and exports: when it
// was published, else when it was imported.
func sourceDate(r app.Revision) time.Time {
	if !r.Published.IsZero() {
		return r.Published
	}
	return r.Imported
}
