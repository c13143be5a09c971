package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
)

// Damage is one record that failed its check.
type Damage struct {
	What string `json:"what"` // "article 12 revision 2", "annotation 7", "search index"
	Err  string `json:"error"`
	// Derived damage (the search index) can be rebuilt from the records;
	// a damaged record can only come back from a backup.
	Derived bool `json:"derived"`
}

// CheckReport is what Check read and what it found.
type CheckReport struct {
	Articles, Revisions, Annotations int
	Damage                           []Damage
}

// Check reads every record of the store: each article and revision (its
// text against its SHA-256, every value against Badger's checksums),
// each annotation (its article and revision must exist), each article
// memo (its article must exist), the article
// counts, and the whole search index. progress (may be nil) gets the
// articles checked so far.
func (s *Store) Check(ctx context.Context, progress func(done, total int)) (CheckReport, error) {
	var rep CheckReport
	if interrupted, err := s.restoreInterrupted(); err != nil || interrupted {
		rep.Damage = append(rep.Damage, Damage{What: "store", Err: "a restore into it was interrupted: run the restore again"})
	}
	var heads []app.Article
	err := s.ForEachArticle(func(a app.Article) error {
		heads = append(heads, a)
		return nil
	})
	if err != nil {
		rep.Damage = append(rep.Damage, Damage{What: "article list", Err: err.Error()})
	}
	for i, a := range heads {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		rep.Articles++
		for n := 1; n <= a.Revisions; n++ {
			rep.Revisions++
			err := s.db.View(func(txn *badger.Txn) error {
				var r app.Revision
				return getRevision(txn, a.ID, n, &r)
			})
			if err != nil {
				rep.Damage = append(rep.Damage, Damage{What: fmt.Sprintf("article %d revision %d (%s)", a.ID, n, app.Excerpt(a.Title, 60)), Err: errText(err)})
			}
		}
		if progress != nil && (i%256 == 0 || i == len(heads)-1) {
			progress(i+1, len(heads))
		}
	}
	revisions := map[app.ArticleID]int{}
	for _, a := range heads {
		revisions[a.ID] = a.Revisions
	}
	err = s.ForEachAnnotation(app.AnnotationFilter{}, func(an app.Annotation) error {
		rep.Annotations++
		if n, ok := revisions[an.Article]; !ok || an.Revision < 1 || an.Revision > n {
			rep.Damage = append(rep.Damage, Damage{What: fmt.Sprintf("annotation %d", an.ID), Err: fmt.Sprintf("points at article %d revision %d, which is not stored", an.Article, an.Revision)})
		}
		return nil
	})
	if err != nil {
		rep.Damage = append(rep.Damage, Damage{What: "annotations", Err: errText(err)})
	}
	err = s.ForEachMemo(app.MemoFilter{Kind: app.ArticleMemo}, func(m app.Memo) error {
		if _, ok := revisions[m.Article]; !ok {
			rep.Damage = append(rep.Damage, Damage{What: fmt.Sprintf("memo %d", m.ID), Err: fmt.Sprintf("is about article %d, which is not stored", m.Article)})
		}
		return nil
	})
	if err != nil {
		rep.Damage = append(rep.Damage, Damage{What: "memos", Err: errText(err)})
	}
	if err := s.idx.Verify(); err != nil {
		rep.Damage = append(rep.Damage, Damage{What: "search index", Err: errText(err), Derived: true})
	}
	return rep, nil
}

// errText is an error without the store's advice to run check.
func errText(err error) string {
	var ae *app.Error
	if errors.As(err, &ae) && ae.Code == app.EDAMAGED && ae.Err != nil {
		return "damaged on disk: " + ae.Err.Error()
	}
	return err.Error()
}
