package store

import (
	"context"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/store/index"
)

// SearchIndex runs fn on a consistent view of the search index.
func (s *Store) SearchIndex(fn func(search.Index) error) error {
	var fnErr error
	err := s.db.View(func(txn *badger.Txn) error {
		return s.idx.Search(indexTxn{txn}, func(v *index.View) error {
			fnErr = fn(searchView{v, txn})
			return nil
		})
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "searching %s", s.dir)
	}
	return nil
}

// searchView is the index's view with the store's tag tables, for tag:.
type searchView struct {
	*index.View
	txn *badger.Txn
}

func (v searchView) TaggedArticles(tag string) (map[uint64]bool, error) {
	out := map[uint64]bool{}
	// Tags match without regard to case: tag:actor finds Actor/Russia.
	root := strings.ToLower(tag)
	var tags []string
	err := scanKeys(v.txn, []byte{prefixTagDef}, func(k []byte) error {
		if p := tagDefPath(k); app.TagWithin(strings.ToLower(p), root) {
			tags = append(tags, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, t := range tags {
		arts, annos, err := tagUses(v.txn, t)
		if err != nil {
			return nil, err
		}
		for _, a := range arts {
			out[uint64(a)] = true
		}
		for _, id := range annos {
			var a app.Annotation
			if err := getJSON(v.txn, annoKey(id), &a); err != nil {
				return nil, err
			}
			out[uint64(a.Article)] = true
		}
	}
	return out, nil
}

// SimilarArticles returns up to limit articles most like article id's
// latest revision, most similar first (index.Similar).
func (s *Store) SimilarArticles(id app.ArticleID, limit int) ([]compare.Neighbour, error) {
	if _, err := s.FindArticleByID(id); err != nil {
		return nil, err
	}
	// The first call reads every article's sketch: its pages go back to
	// the kernel before the rest of the query reads the index. Later
	// calls read a hundred signatures; a page-out would cost them more
	// (35 ms at a million articles) than it returns.
	release := func() {}
	if !s.idx.SketchesLoaded() {
		release = s.pages.hold()
	}
	out, err := s.idx.Similar(uint64(id), limit)
	release()
	if err != nil {
		return nil, app.WrapError(app.EINTERNAL, err, "in %s", s.dir)
	}
	return out, nil
}

// ArticleClusters groups articles whose vocabularies are at least min
// similar (single link), largest group first, reporting progress.
func (s *Store) ArticleClusters(ctx context.Context, min float64, progress func(done, total int)) ([][]uint64, error) {
	return s.idx.Clusters(ctx, min, progress)
}

// FinishMerges waits until the search index's background merges are
// done, or ctx is cancelled: a command-line import calls it before it
// exits, since Close abandons a merge that the next Open then redoes.
func (s *Store) FinishMerges(ctx context.Context) error {
	defer s.pages.hold()()
	return s.idx.WaitMerges(ctx)
}
