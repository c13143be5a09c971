package compare

import (
	"context"
	"slices"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/search"
)

// SimilarityIndex is what finding similar articles needs: the store's
// signature index and its articles.
type SimilarityIndex interface {
	FindArticleByID(id app.ArticleID) (app.Article, error)
	FindRevision(id app.ArticleID, n int) (app.Revision, error)
	SearchIndex(fn func(search.Index) error) error
	// SimilarArticles returns the articles nearest to id by their stem
	// sets, most similar first; ArticleClusters groups near-identical ones.
	SimilarArticles(id app.ArticleID, limit int) ([]Neighbour, error)
	ArticleClusters(ctx context.Context, min float64, progress func(done, total int)) ([][]uint64, error)
}

// SimilarArticle is an article and how alike its words are to the one
// asked about (0 to 1; see RerankByWeight).
type SimilarArticle struct {
	app.Article
	Similarity float64
}

// rerankPool is how many candidates Similar takes from each of its two
// sources. Each costs a revision read and its tokenising; 30 and 100
// rank the test sets' same-event reports alike (TestSimilarOnPAC,
// TestSimilarOnSameEventSet).
const rerankPool = 50

// Similar returns up to limit articles most like article id, most
// similar first. Its candidates are the index's rerankPool nearest by
// stem set and as many found by a "more like this" search for the
// article's most distinctive words; they are re-ranked by their profiles
// (RerankByWeight), read from their latest revisions, with the rarity of
// the article's words in the whole collection. An article deleted since
// the index answered is left out.
func Similar(ix SimilarityIndex, id app.ArticleID, limit int) ([]SimilarArticle, error) {
	cands, err := ix.SimilarArticles(id, max(limit, rerankPool))
	if err != nil {
		return nil, err
	}
	rev, err := ix.FindRevision(id, 0)
	if err != nil {
		return nil, err
	}
	words := map[string]int{}
	target := profileOf(rev.Title, rev.Body, words)
	var rarity map[uint64]float64
	var more []Neighbour
	err = ix.SearchIndex(func(si search.Index) error {
		looked, idf, err := collectionRarity(si, words)
		if err != nil {
			return err
		}
		rarity = idf
		more, err = moreLikeThis(si, words, looked, uint64(id), rerankPool)
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, n := range more {
		if !slices.ContainsFunc(cands, func(c Neighbour) bool { return c.ID == n.ID }) {
			cands = append(cands, n)
		}
	}
	profiles := func(id uint64) (Profile, bool, error) {
		rev, err := ix.FindRevision(app.ArticleID(id), 0)
		if app.ErrorCode(err) == app.ENOTFOUND {
			return Profile{}, false, nil
		}
		if err != nil {
			return Profile{}, false, err
		}
		return ProfileOf(rev.Title, rev.Body), true, nil
	}
	ns, err := RerankByWeight(target, rarity, cands, profiles, limit)
	if err != nil {
		return nil, err
	}
	out := make([]SimilarArticle, 0, len(ns))
	for _, n := range ns {
		a, err := ix.FindArticleByID(app.ArticleID(n.ID))
		if app.ErrorCode(err) == app.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, SimilarArticle{a, n.Similarity})
	}
	return out, nil
}

// Clusters groups articles whose vocabularies are at least min similar
// (single link), largest group first, reporting progress.
func Clusters(ctx context.Context, ix SimilarityIndex, min float64, progress func(done, total int)) ([][]app.Article, error) {
	groups, err := ix.ArticleClusters(ctx, min, progress)
	if err != nil {
		return nil, err
	}
	out := make([][]app.Article, 0, len(groups))
	for _, g := range groups {
		var as []app.Article
		for _, id := range g {
			a, err := ix.FindArticleByID(app.ArticleID(id))
			if app.ErrorCode(err) == app.ENOTFOUND {
				continue
			}
			if err != nil {
				return nil, err
			}
			as = append(as, a)
		}
		if len(as) > 1 {
			out = append(out, as)
		}
	}
	return out, nil
}
