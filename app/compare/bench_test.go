package compare

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app/search"
)

// tenThousandWords builds two 10,000-word texts from BBC stories: for
// revisions, the second is the first with every seventh sentence edited
// and every eleventh dropped; for coverage, the second takes every
// other paragraph of the first in reverse order, edited the same way,
// and fills up with other stories.
func tenThousandWords(b *testing.B) (base, revised, other string) {
	files := readBBC(b)
	var paras []string
	words := 0
	k := 0
	for ; words < 10_000; k++ {
		for _, p := range strings.Split(files[k].body, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
				words += len(strings.Fields(p))
			}
		}
	}
	base = strings.Join(paras, "\n\n")
	edit := func(ps []string) []string {
		out := make([]string, len(ps))
		n := 0
		for i, p := range ps {
			var ss []string
			rs := []rune(p)
			for _, s := range Sentences(p) {
				q := string(rs[s.Start:s.End])
				n++
				switch {
				case n%11 == 0:
					continue
				case n%7 == 0:
					q = strings.Replace(q, " the ", " a ", 1) + " Officials declined to comment."
				}
				ss = append(ss, q)
			}
			out[i] = strings.Join(ss, " ")
		}
		return out
	}
	revised = strings.Join(edit(paras), "\n\n")
	var mixed []string
	for i := len(paras) - 1; i >= 0; i -= 2 {
		mixed = append(mixed, paras[i])
	}
	mixed = edit(mixed)
	for words = len(strings.Fields(strings.Join(mixed, " "))); words < 10_000; k++ {
		for _, p := range strings.Split(files[k].body, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				mixed = append(mixed, p)
				words += len(strings.Fields(p))
			}
		}
	}
	return base, revised, strings.Join(mixed, "\n\n")
}

// BenchmarkAlign10k aligns two 10,000-word articles in each mode (the
// target is 100 ms per alignment).
func BenchmarkAlign10k(b *testing.B) {
	base, revised, other := tenThousandWords(b)
	for _, c := range []struct {
		name string
		a, b string
		mode Mode
	}{{"revisions", base, revised, Revisions}, {"coverage", base, other, Coverage}, {"auto", base, other, Auto}} {
		b.Run(c.name, func(b *testing.B) {
			var sum Summary
			for b.Loop() {
				_, sum = Texts(c.a, c.b, c.mode)
			}
			b.ReportMetric(float64(len(strings.Fields(c.a))), "wordsA")
			b.ReportMetric(float64(sum.Shared+sum.Reworded+sum.UniqueA+sum.UniqueB), "passages")
		})
	}
}

// synthetic signs n articles of 3 to 8 BBC paragraphs picked by a fixed
// generator, the same on every run.
func synthetic(b *testing.B, n int) (Signatures, [][]uint32, []string) {
	var paras []string
	for _, f := range readBBC(b) {
		for _, p := range strings.Split(f.body, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
	}
	all := Signatures{IDs: make([]uint64, n), Sigs: make([]Signature, n)}
	stems := make([][]uint32, n)
	texts := make([]string, n)
	x := uint64(1)
	rnd := func(m int) int { // xorshift
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return int(x % uint64(m))
	}
	for i := range n {
		var body []string
		for range 3 + rnd(6) {
			body = append(body, paras[rnd(len(paras))])
		}
		texts[i] = strings.Join(body, "\n\n")
		sig, st, _ := Sign("", texts[i])
		all.IDs[i], all.Sigs[i], stems[i] = uint64(i), sig, st
	}
	return all, stems, texts
}

// BenchmarkSimilar100k answers Similar's question over 100,000 articles
// built from BBC paragraphs: the signature scan for compare.Candidates
// neighbours and their re-ranking by exact Jaccard (all Similar did
// before issue 27), then, in "weighted", the profiles of the target and
// the candidates, from their texts, and RerankByWeight (target: 50 ms p50).
// Similar's "more like this" search, which needs a search index, and its
// reading of the candidates from the store are not in it.
func BenchmarkSimilar100k(b *testing.B) {
	const n = 100_000
	all, stems, texts := synthetic(b, n)
	sks := Sketches{IDs: all.IDs, Sks: make([]Sketch, n)}
	for i := range all.Sigs {
		sks.Sks[i] = all.Sigs[i].Sketch()
	}
	stemsOf := func(id uint64) ([]uint32, error) { return stems[id], nil }
	profiles := func(id uint64) (Profile, bool, error) { return ProfileOf("", texts[id]), true, nil }
	// The collection's document frequencies, which Similar reads from
	// the search index.
	df := map[uint64]int{}
	for _, text := range texts {
		for w := range ProfileOf("", text).Words {
			df[w]++
		}
	}
	rarityOf := func(text string) map[uint64]float64 {
		words := map[string]int{}
		profileOf("", text, words)
		idf := map[uint64]float64{}
		for _, w := range mostFrequent(words, rarityLookups) {
			k := WordKey([]byte(w))
			idf[k] = math.Log(float64(n+1) / float64(df[k]))
		}
		return idf
	}
	for _, weighted := range []bool{false, true} {
		b.Run(map[bool]string{false: "jaccard", true: "weighted"}[weighted], func(b *testing.B) {
			var lat []time.Duration
			q := 0
			for b.Loop() {
				start := time.Now()
				i := (q * 7919) % n
				q++
				ns, err := Rerank(stems[i], sks.Nearest(&sks.Sks[i], uint64(i), Candidates), stemsOf, Candidates)
				if err == nil && weighted {
					_, err = RerankByWeight(ProfileOf("", texts[i]), rarityOf(texts[i]), ns, profiles, 10)
				}
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		})
	}
}

// BenchmarkSignBBC is what keeping signatures costs an import: adding
// every token of the BBC corpus (which the search index makes anyway)
// to a signer. Compare with app's BenchmarkImportBBC.
func BenchmarkSignBBC(b *testing.B) {
	var docs [][][]byte
	for _, f := range readBBC(b) {
		var terms [][]byte
		for _, text := range []string{f.title, f.body} {
			search.Tokens(text, func(t search.Token) {
				if !t.Joined {
					terms = append(terms, slices.Clone(t.Term))
				}
			})
		}
		docs = append(docs, terms)
	}
	s := NewSigner()
	for b.Loop() {
		for _, terms := range docs {
			for _, t := range terms {
				s.Add(t)
			}
			s.Sum()
		}
	}
	b.ReportMetric(float64(len(docs)), "articles")
}

// BenchmarkClusters100k groups 100,000 articles built from BBC paragraphs.
func BenchmarkClusters100k(b *testing.B) {
	all, _, _ := synthetic(b, 100_000)
	var groups [][]uint64
	for b.Loop() {
		var err error
		if groups, err = all.Clusters(context.Background(), 0.5, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(groups)), "clusters")
}
