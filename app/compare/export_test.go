package compare

import "testing"

// What similar_test.go, outside the package, needs of the ranking tests.

type RankDoc = rankDoc

func (d RankDoc) Text() (title, body string) { return d.title, d.body }

func PACRankDocs(t *testing.T) []RankDoc   { return pacRankDocs(t) }
func SameEventDocs(t testing.TB) []RankDoc { return sameEventDocs(t) }

func CheckRanking(t *testing.T, docs []RankDoc, similar func(q int) []int, floor [2]float64, baseline bool) {
	checkRanking(t, docs, similar, floor, baseline)
}
